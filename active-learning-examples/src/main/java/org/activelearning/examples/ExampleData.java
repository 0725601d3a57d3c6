package org.activelearning.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.activelearning.core.ClassificationEvaluator;
import org.activelearning.djl.data.CifarDataset;
import org.activelearning.djl.data.ImageDataset;
import org.activelearning.djl.data.PlanarImage;
import org.activelearning.djl.data.SyntheticImages;

/**
 * The training pool and test set of a run, and where they came from.
 *
 * @param train the training images (the pool)
 * @param test the test images (for evaluation)
 * @param description where the data came from
 */
public record ExampleData(CifarDataset train, CifarDataset test, String description) {

    /** Synthetic training images generated when CIFAR-10 is unavailable. */
    public static final int SYNTHETIC_TRAIN = 10_000;
    /** Synthetic test images generated when CIFAR-10 is unavailable. */
    public static final int SYNTHETIC_TEST = 2_000;

    /**
     * Resolves the {@code --data} option.
     *
     * @param choice {@code auto} (a local CIFAR-10 under {@code cifarDir}, else the DJL download,
     *     else the synthetic set), {@code cifar10} (local or download, no fallback), {@code
     *     synthetic}, or a directory in the CIFAR-10 binary format with any classes
     * @param cifarDir where {@code auto} and {@code cifar10} look for a local CIFAR-10 first
     * @param seed the seed of the synthetic set
     * @param out where the one-line fallback notice goes
     * @return the data
     * @throws IOException if the chosen data cannot be loaded
     */
    public static ExampleData load(String choice, Path cifarDir, long seed, PrintStream out) throws IOException {
        switch (choice) {
            case "synthetic":
                return synthetic(seed);
            case "auto":
            case "cifar10":
                if (CifarDataset.isPresent(cifarDir)) {
                    return new ExampleData(CifarDataset.load(cifarDir, CifarDataset.Split.TRAIN, 10),
                            CifarDataset.load(cifarDir, CifarDataset.Split.TEST, 10), "CIFAR-10 from " + cifarDir);
                }
                try {
                    return new ExampleData(CifarDataset.download(CifarDataset.Split.TRAIN, null),
                            CifarDataset.download(CifarDataset.Split.TEST, null), "CIFAR-10 (DJL download cache)");
                } catch (IOException e) {
                    if (choice.equals("cifar10")) {
                        throw new IOException("CIFAR-10 is not in " + cifarDir.toAbsolutePath() + " and " + e.getMessage(), e);
                    }
                    out.println("CIFAR-10 not found in " + cifarDir.toAbsolutePath() + " (nor its " + CifarDataset.ARCHIVE_DIR
                            + "/) and the download failed (" + firstSentence(e) + "); continuing on the synthetic set."
                            + " Use --cifar-dir DIR to point at a local copy.");
                    return synthetic(seed);
                }
            default:
                Path dir = Path.of(choice);
                return new ExampleData(CifarDataset.load(dir, CifarDataset.Split.TRAIN),
                        CifarDataset.load(dir, CifarDataset.Split.TEST), "data from " + dir);
        }
    }

    /**
     * An evaluator of test accuracy and per-class accuracy on a data set.
     *
     * @param test the labeled test images
     * @param batchSize images per prediction call
     * @return the evaluator, naming classes by the data set's class names
     */
    public static ClassificationEvaluator<PlanarImage, Integer> evaluator(ImageDataset test, int batchSize) {
        List<Integer> labels = new ArrayList<>(test.size());
        for (int i = 0; i < test.size(); i++) {
            labels.add(test.label(i));
        }
        // images are read in batches as the evaluator needs them: a streamed test set stays streamed
        return new ClassificationEvaluator<>(RunData.lazy(test), labels, batchSize, test.classes()::get);
    }

    private static ExampleData synthetic(long seed) {
        return new ExampleData(SyntheticImages.generate(SYNTHETIC_TRAIN, seed),
                SyntheticImages.generate(SYNTHETIC_TEST, seed + 1), "synthetic shapes (seed " + seed + ")");
    }

    private static String firstSentence(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String m = root.getClass().getSimpleName() + ": " + root.getMessage();
        return m.length() > 120 ? m.substring(0, 117) + "..." : m;
    }
}
