package org.activelearning.djl.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates learnable 32x32 images of ten classes in the CIFAR-10 binary format, for tests and
 * for running the examples offline.
 *
 * <p>Each class is a shape, and for some classes a colour, drawn at a random position and size in
 * a random colour over a noisy background of random brightness. A linear model on pixels does
 * poorly; a small convolutional network separates the classes only after real training. Class
 * names contain spaces, as real class lists may.
 */
public final class SyntheticImages {

    /** The ten class names, in label order. */
    public static final List<String> CLASSES = List.of(
            "red disk", "blue disk", "red square", "blue square", "horizontal bar",
            "vertical bar", "diagonal stripes", "ring", "cross", "two dots");

    private static final int S = CifarDataset.SIZE;

    private SyntheticImages() {}

    /**
     * Generates images in memory.
     *
     * @param count how many images, positive
     * @param seed the seed; the same seed gives the same images
     * @return the data set, classes balanced in turn
     */
    public static CifarDataset generate(int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] pixels = new byte[count * CifarDataset.IMAGE_BYTES];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int label = rnd.nextInt(CLASSES.size());
            labels[i] = (byte) label;
            draw(label, rnd, pixels, i * CifarDataset.IMAGE_BYTES);
        }
        return CifarDataset.of(pixels, labels, CLASSES, "synthetic(seed=" + seed + ")");
    }

    /**
     * Writes a complete CIFAR-format directory: five training batches sharing {@code trainCount}
     * images, a test batch of {@code testCount} images, and {@code batches.meta.txt}.
     *
     * @param dir the directory, created if absent
     * @param trainCount training images, at least 5
     * @param testCount test images, at least 1
     * @param seed the seed
     * @throws IOException if writing fails
     */
    public static void writeCifarDirectory(Path dir, int trainCount, int testCount, long seed) throws IOException {
        if (trainCount < 5 || testCount < 1) {
            throw new IllegalArgumentException("Need at least 5 training and 1 test image, got " + trainCount + " and "
                    + testCount);
        }
        Files.createDirectories(dir);
        CifarDataset train = generate(trainCount, seed);
        CifarDataset test = generate(testCount, seed ^ 0x5DEECE66DL);
        int start = 0;
        for (int b = 1; b <= 5; b++) {
            int end = trainCount * b / 5;
            writeBatch(dir.resolve("data_batch_" + b + ".bin"), train, start, end);
            start = end;
        }
        writeBatch(dir.resolve(CifarDataset.TEST_FILE), test, 0, testCount);
        Files.writeString(dir.resolve(CifarDataset.META_FILE), String.join("\n", CLASSES) + "\n\n",
                StandardCharsets.UTF_8);
    }

    /**
     * Writes images {@code [from, to)} of a data set as one CIFAR binary batch file.
     *
     * @param file the file
     * @param data the data set
     * @param from first image
     * @param to one past the last image
     * @throws IOException if writing fails
     */
    public static void writeBatch(Path file, CifarDataset data, int from, int to) throws IOException {
        byte[] record = new byte[CifarDataset.RECORD_BYTES];
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (int i = from; i < to; i++) {
                record[0] = (byte) data.label(i);
                data.image(i).copyTo(record, 1);
                out.write(record);
            }
        }
    }

    private static void draw(int label, SplittableRandom rnd, byte[] out, int offset) {
        int bgLevel = rnd.nextInt(40, 216);
        int[] bg = {jitter(bgLevel, 25, rnd), jitter(bgLevel, 25, rnd), jitter(bgLevel, 25, rnd)};
        int[] fg = foreground(label, bgLevel, rnd);
        double cx = S / 2.0 + rnd.nextDouble(-5, 5);
        double cy = S / 2.0 + rnd.nextDouble(-5, 5);
        double r = rnd.nextDouble(6, 10);
        double phase = rnd.nextDouble(0, 6);
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                boolean on = inside(label, x + 0.5 - cx, y + 0.5 - cy, r, phase);
                for (int c = 0; c < 3; c++) {
                    int v = (on ? fg[c] : bg[c]) + (int) Math.round(rnd.nextGaussian() * 18);
                    out[offset + (c * S + y) * S + x] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
    }

    private static int jitter(int v, int amount, SplittableRandom rnd) {
        return Math.max(0, Math.min(255, v + rnd.nextInt(-amount, amount + 1)));
    }

    private static int[] foreground(int label, int bgLevel, SplittableRandom rnd) {
        switch (label) {
            case 0, 2:
                return new int[] {rnd.nextInt(190, 256), rnd.nextInt(0, 70), rnd.nextInt(0, 70)};
            case 1, 3:
                return new int[] {rnd.nextInt(0, 70), rnd.nextInt(0, 90), rnd.nextInt(190, 256)};
            default:
                // any colour that contrasts with the background
                int base = bgLevel > 128 ? rnd.nextInt(0, 70) : rnd.nextInt(190, 256);
                return new int[] {jitter(base, 40, rnd), jitter(base, 40, rnd), jitter(base, 40, rnd)};
        }
    }

    private static boolean inside(int label, double dx, double dy, double r, double phase) {
        double d = Math.hypot(dx, dy);
        return switch (label) {
            case 0, 1 -> d <= r;
            case 2, 3 -> Math.abs(dx) <= r * 0.85 && Math.abs(dy) <= r * 0.85;
            case 4 -> Math.abs(dy) <= 2.5 && Math.abs(dx) <= r * 1.4;
            case 5 -> Math.abs(dx) <= 2.5 && Math.abs(dy) <= r * 1.4;
            case 6 -> d <= r * 1.5 && Math.floorMod((int) Math.floor((dx + dy + phase) / 3.0), 2) == 0;
            case 7 -> d <= r && d >= r - 3;
            case 8 -> (Math.abs(dx) <= 2 || Math.abs(dy) <= 2) && Math.abs(dx) <= r && Math.abs(dy) <= r;
            case 9 -> Math.hypot(dx - r * 0.7, dy) <= 3.2 || Math.hypot(dx + r * 0.7, dy) <= 3.2;
            default -> throw new IllegalArgumentException("label " + label);
        };
    }
}
