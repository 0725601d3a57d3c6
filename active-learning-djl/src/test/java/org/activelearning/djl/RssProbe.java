package org.activelearning.djl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.activelearning.core.LabeledExample;
import org.activelearning.djl.data.CifarDataset;
import org.activelearning.djl.data.PlanarImage;
import org.activelearning.djl.data.SyntheticImages;

/**
 * Run in a child JVM by {@link OwnedStateSgdTest}: trains 14 rounds and prints the resident set
 * size after each, one {@code rss <MB>} line per round. A JVM of its own, so that what other tests
 * allocated (or leaked) cannot move the figure.
 */
public final class RssProbe {

    private RssProbe() {}

    /**
     * Trains and prints.
     *
     * @param args unused
     * @throws Exception if /proc cannot be read
     */
    public static void main(String[] args) throws Exception {
        CifarDataset data = SyntheticImages.generate(64, 31);
        List<LabeledExample<PlanarImage, Integer>> labeled = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            labeled.add(new LabeledExample<>(i, data.image(i), data.label(i)));
        }
        try (ResNetLearner l = ResNetLearner.builder().setClassNames(data.classes()).optStem(ResNet18.Stem.IMAGENET)
                .optEpochs(1).optBatchSize(32).optDevice("cpu").build()) {
            for (int round = 0; round < 14; round++) {
                l.fit(labeled);
                System.gc();
                System.out.println("rss " + rssMb());
            }
        }
    }

    private static long rssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS line in /proc/self/status");
    }
}
