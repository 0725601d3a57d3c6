package org.activelearning.djl.data;

import ai.djl.Application;
import ai.djl.basicdataset.BasicDatasets;
import ai.djl.repository.Artifact;
import ai.djl.repository.MRL;
import ai.djl.util.Progress;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Images and labels in the CIFAR-10 binary format, held as bytes.
 *
 * <p>The format: each record is one label byte followed by 3,072 pixel bytes, the 32x32 red plane,
 * then green, then blue, each row-major. A directory holds {@code data_batch_1.bin} ..
 * {@code data_batch_5.bin} (training), {@code test_batch.bin} (test) and {@code batches.meta.txt}
 * (one class name per line; names may contain spaces), either directly or under {@code
 * cifar-10-batches-bin/}. Any data in this layout can be loaded, so users can bring their own
 * 32x32 images; the number of training batch files and of classes may then differ.
 *
 * <p>Every problem is an error that names the file: a missing file, a size that is not a multiple
 * of 3,073 bytes, a label byte outside the class list, or a class list of the wrong length.
 */
public final class CifarDataset implements ImageDataset {

    /** Image height and width. */
    public static final int SIZE = 32;
    /** Channels per image. */
    public static final int CHANNELS = 3;
    /** Pixel bytes per image. */
    public static final int IMAGE_BYTES = CHANNELS * SIZE * SIZE;
    /** Bytes per record: one label byte and the pixels. */
    public static final int RECORD_BYTES = IMAGE_BYTES + 1;
    /** The subdirectory the official archive unpacks to. */
    public static final String ARCHIVE_DIR = "cifar-10-batches-bin";
    /** The class list file. */
    public static final String META_FILE = "batches.meta.txt";
    /** The test split file. */
    public static final String TEST_FILE = "test_batch.bin";
    /** CIFAR-10's classes, in label order. */
    public static final List<String> CIFAR10_CLASSES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    /** Which part of the data set. */
    public enum Split {
        /** The training batches, used as the active-learning pool. */
        TRAIN,
        /** The test batch, used for evaluation. */
        TEST
    }

    private final byte[] pixels;
    private final byte[] labels;
    private final List<String> classes;
    private final String source;

    private CifarDataset(byte[] pixels, byte[] labels, List<String> classes, String source) {
        this.pixels = pixels;
        this.labels = labels;
        this.classes = List.copyOf(classes);
        this.source = source;
    }

    /**
     * Creates a data set from bytes already in memory.
     *
     * @param pixels {@code n * 3072} planar pixel bytes
     * @param labels {@code n} label bytes
     * @param classes the class names
     * @param source a description for messages
     * @return the data set
     */
    public static CifarDataset of(byte[] pixels, byte[] labels, List<String> classes, String source) {
        if (pixels.length != (long) labels.length * IMAGE_BYTES) {
            throw new IllegalArgumentException(labels.length + " labels need " + (long) labels.length * IMAGE_BYTES
                    + " pixel bytes, got " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] & 0xFF) >= classes.size()) {
                throw new IllegalArgumentException("Label " + (labels[i] & 0xFF) + " of image " + i
                        + " is outside the " + classes.size() + " classes " + classes);
            }
        }
        return new CifarDataset(pixels, labels, classes, source);
    }

    /**
     * The directory holding the batch files: {@code dir} itself, or its {@code
     * cifar-10-batches-bin} subdirectory.
     *
     * @param dir a directory
     * @return the directory with the files, or {@code dir} if neither has them
     */
    public static Path resolveDirectory(Path dir) {
        Path nested = dir.resolve(ARCHIVE_DIR);
        if (!Files.exists(dir.resolve(META_FILE)) && Files.isDirectory(nested)) {
            return nested;
        }
        return dir;
    }

    /**
     * Whether a directory (or its {@code cifar-10-batches-bin} subdirectory) holds data in this
     * format, judged by the presence of the class list and the first training batch.
     *
     * @param dir the directory
     * @return true if it looks like CIFAR binary data
     */
    public static boolean isPresent(Path dir) {
        Path d = resolveDirectory(dir);
        return Files.isRegularFile(d.resolve(META_FILE)) && Files.isRegularFile(d.resolve("data_batch_1.bin"));
    }

    /**
     * Loads one split from a local directory, taking the classes from {@code batches.meta.txt}.
     *
     * @param dir the directory (or its parent holding {@code cifar-10-batches-bin/})
     * @param split which split
     * @return the data set
     * @throws CifarFormatException if a file is missing, truncated or inconsistent
     * @throws IOException if a file cannot be read
     */
    public static CifarDataset load(Path dir, Split split) throws IOException {
        return load(dir, split, -1);
    }

    /**
     * Loads one split from a local directory and checks the number of classes.
     *
     * @param dir the directory (or its parent holding {@code cifar-10-batches-bin/})
     * @param split which split
     * @param expectedClasses the number of classes the caller needs (10 for CIFAR-10), or -1 for
     *     any
     * @return the data set
     * @throws CifarFormatException if a file is missing, truncated or inconsistent
     * @throws IOException if a file cannot be read
     */
    public static CifarDataset load(Path dir, Split split, int expectedClasses) throws IOException {
        Path d = resolveDirectory(dir);
        if (!Files.isDirectory(d)) {
            throw new CifarFormatException("CIFAR data directory " + dir + " does not exist; pass the directory that "
                    + "holds " + META_FILE + " and the .bin batch files");
        }
        List<String> classes = readClasses(d.resolve(META_FILE), expectedClasses);
        List<Path> files = split == Split.TEST ? List.of(d.resolve(TEST_FILE)) : trainingFiles(d);
        long total = 0;
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new CifarFormatException("Missing CIFAR file " + f + "; the directory must hold data_batch_1.bin"
                        + " .. data_batch_5.bin, " + TEST_FILE + " and " + META_FILE
                        + " (the binary version of CIFAR-10)");
            }
            long size = Files.size(f);
            checkSize(f.getFileName().toString(), size);
            total += size / RECORD_BYTES;
        }
        if (total * IMAGE_BYTES > Integer.MAX_VALUE - 8) {
            throw new CifarFormatException("The " + split + " split of " + d + " has " + total
                    + " images, more than one byte array holds; split it into several data directories");
        }
        byte[] pixels = new byte[(int) total * IMAGE_BYTES];
        byte[] labels = new byte[(int) total];
        int at = 0;
        for (Path f : files) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 20)) {
                at = readRecords(in, f.getFileName().toString(), classes, pixels, labels, at,
                        (int) (Files.size(f) / RECORD_BYTES));
            }
        }
        return new CifarDataset(pixels, labels, classes, d + " (" + split.name().toLowerCase() + ")");
    }

    /**
     * Downloads CIFAR-10 through DJL's basic-dataset repository (cached under {@code ~/.djl.ai}),
     * then reads it as bytes. Fails when offline and not cached.
     *
     * @param split which split
     * @param progress download progress, or null
     * @return the data set with the ten CIFAR-10 classes
     * @throws IOException naming the cause and the local-directory alternative
     */
    public static CifarDataset download(Split split, Progress progress) throws IOException {
        byte[] bytes;
        try {
            MRL mrl = BasicDatasets.REPOSITORY.dataset(Application.CV.ANY, BasicDatasets.GROUP_ID, "cifar10", "1.0");
            Artifact artifact = mrl.getDefaultArtifact();
            if (artifact == null) {
                throw new IOException("the repository lists no CIFAR-10 artifact");
            }
            mrl.prepare(artifact, progress);
            Artifact.Item item = artifact.getFiles().get(split == Split.TRAIN ? "data_batch.bin" : TEST_FILE);
            try (InputStream in = mrl.getRepository().openStream(item, null)) {
                bytes = in.readAllBytes();
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException("Could not download CIFAR-10 through DJL (" + e.getMessage() + "); without network "
                    + "access, download the binary version of CIFAR-10 elsewhere, unpack it, and pass the "
                    + ARCHIVE_DIR + " directory as a local data directory", e);
        }
        String name = "DJL cifar10 " + split.name().toLowerCase();
        checkSize(name, bytes.length);
        int n = bytes.length / RECORD_BYTES;
        byte[] pixels = new byte[n * IMAGE_BYTES];
        byte[] labels = new byte[n];
        readRecords(new java.io.ByteArrayInputStream(bytes), name, CIFAR10_CLASSES, pixels, labels, 0, n);
        return new CifarDataset(pixels, labels, CIFAR10_CLASSES, name);
    }

    private static List<Path> trainingFiles(Path d) throws CifarFormatException {
        List<Path> files = new ArrayList<>();
        for (int i = 1; Files.exists(d.resolve("data_batch_" + i + ".bin")); i++) {
            files.add(d.resolve("data_batch_" + i + ".bin"));
        }
        if (files.isEmpty()) {
            throw new CifarFormatException("Missing CIFAR file " + d.resolve("data_batch_1.bin")
                    + "; the directory must hold data_batch_1.bin .. data_batch_5.bin, " + TEST_FILE + " and "
                    + META_FILE + " (the binary version of CIFAR-10)");
        }
        for (int i = files.size() + 2; i <= 9; i++) {
            if (Files.exists(d.resolve("data_batch_" + i + ".bin"))) {
                throw new CifarFormatException("Missing CIFAR file " + d.resolve("data_batch_" + (files.size() + 1)
                        + ".bin") + " although data_batch_" + i + ".bin exists; restore it or renumber the batches");
            }
        }
        return files;
    }

    private static void checkSize(String name, long size) throws CifarFormatException {
        if (size == 0) {
            throw new CifarFormatException("CIFAR file " + name + " is empty (0 bytes); download or copy it again");
        }
        if (size % RECORD_BYTES != 0) {
            throw new CifarFormatException("CIFAR file " + name + " has " + size + " bytes, which is not a "
                    + "multiple of " + RECORD_BYTES + " (1 label byte + 3072 pixel bytes per image): it is truncated "
                    + "or corrupt by " + (size % RECORD_BYTES) + " bytes; download or copy it again");
        }
    }

    private static List<String> readClasses(Path meta, int expected) throws IOException {
        if (!Files.isRegularFile(meta)) {
            throw new CifarFormatException("Missing CIFAR file " + meta + "; it lists one class name per line");
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(meta, StandardCharsets.UTF_8));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String name = lines.get(i).strip();
            if (name.isEmpty()) {
                throw new CifarFormatException(meta + " line " + (i + 1) + " is empty; every line up to the last "
                        + "must name a class");
            }
            int before = classes.indexOf(name);
            if (before >= 0) {
                throw new CifarFormatException(meta + " line " + (i + 1) + " repeats the class name '" + name
                        + "' of line " + (before + 1) + "; every class needs its own name");
            }
            classes.add(name);
        }
        if (classes.isEmpty() || classes.size() > 256) {
            throw new CifarFormatException(meta + " lists " + classes.size() + " classes; a label byte allows 1 to 256");
        }
        if (expected > 0 && classes.size() != expected) {
            throw new CifarFormatException(meta + " lists " + classes.size() + " classes " + classes + " but "
                    + expected + " are expected; point at a CIFAR-10 directory or fix the class list");
        }
        return classes;
    }

    private static int readRecords(InputStream in, String name, List<String> classes, byte[] pixels, byte[] labels,
            int start, int count) throws IOException {
        byte[] record = new byte[RECORD_BYTES];
        for (int r = 0; r < count; r++) {
            int read = in.readNBytes(record, 0, RECORD_BYTES);
            if (read != RECORD_BYTES) {
                throw new CifarFormatException("CIFAR file " + name + " ended inside record " + r
                        + "; it was modified while reading or is truncated");
            }
            int label = record[0] & 0xFF;
            if (label >= classes.size()) {
                throw new CifarFormatException("CIFAR file " + name + " record " + r + " has label byte " + label
                        + ", but " + META_FILE + " lists only " + classes.size() + " classes (labels 0.."
                        + (classes.size() - 1) + "): add the missing class names to " + META_FILE
                        + ", one per line, or the data file is corrupt or belongs to other data");
            }
            labels[start + r] = record[0];
            System.arraycopy(record, 1, pixels, (start + r) * IMAGE_BYTES, IMAGE_BYTES);
        }
        return start + count;
    }

    /**
     * The number of images.
     *
     * @return the size
     */
    @Override
    public int size() {
        return labels.length;
    }

    /**
     * A view of one image (no copy).
     *
     * @param index the image index
     * @return the view
     */
    @Override
    public PlanarImage image(int index) {
        Objects.checkIndex(index, labels.length);
        return new PlanarImage(pixels, index * IMAGE_BYTES, CHANNELS, SIZE, SIZE);
    }

    /**
     * The label of one image.
     *
     * @param index the image index
     * @return the class index
     */
    @Override
    public int label(int index) {
        return labels[index] & 0xFF;
    }

    /**
     * The class names, in label order.
     *
     * @return the classes
     */
    @Override
    public List<String> classes() {
        return classes;
    }

    /**
     * Where the data came from.
     *
     * @return a description
     */
    @Override
    public String source() {
        return source;
    }

    /**
     * How many images each class has.
     *
     * @return counts indexed by class
     */
    public int[] classCounts() {
        int[] counts = new int[classes.size()];
        for (byte b : labels) {
            counts[b & 0xFF]++;
        }
        return counts;
    }

    /**
     * The first {@code n} images, for quick runs.
     *
     * @param n how many, {@code 1 <= n <= size()}
     * @return a data set of copies of the first {@code n} images
     */
    public CifarDataset limit(int n) {
        if (n < 1 || n > size()) {
            throw new IllegalArgumentException("Pool limit " + n + " is outside 1.." + size() + ", the number of images in "
                    + source);
        }
        if (n == size()) {
            return this;
        }
        return new CifarDataset(Arrays.copyOf(pixels, n * IMAGE_BYTES), Arrays.copyOf(labels, n), classes,
                source + " first " + n);
    }

    @Override
    public String toString() {
        return "CifarDataset[" + size() + " images, " + classes.size() + " classes, " + source + "]";
    }
}
