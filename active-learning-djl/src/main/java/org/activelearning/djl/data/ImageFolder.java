package org.activelearning.djl.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images in a directory tree, as square uint8 RGB images of one size: either labeled, in the
 * {@code root/<class>/<image>} layout of torchvision's and DJL's {@code ImageFolder}, or unlabeled,
 * any tree of PNG, JPEG, BMP or GIF files with the class list given separately.
 *
 * <p>Each image is addressed by its path relative to the root ({@link #path}), with {@code /}
 * separators, in sorted order. Files are decoded with {@link ImageDecoder} (shorter side resized,
 * center crop, grayscale to three channels). When the decoded pool fits the memory budget
 * (3 x size x size bytes per image: 3 KiB at 32 pixels, 147 KiB at 224) every image is decoded once
 * at load, in parallel, and files that cannot be decoded are skipped. Otherwise only the paths are
 * held and images are decoded on demand, with a background thread reading ahead of sequential
 * access (the order in which pools are scored), so a pool of a million paths holds a few hundred
 * decoded images at a time; a file found corrupt then decodes as a black image and is added to
 * {@link #skipped}.
 *
 * <p>DJL's own {@code ImageFolder} is not used: it needs labels, decodes into NDArrays (one
 * {@code NDManager} per image) and has neither an unlabeled mode nor paths as stable keys; DJL's
 * {@code ImageFactory} does the decoding.
 */
public final class ImageFolder implements ImageDataset, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImageFolder.class);

    /** File name extensions read as images, lower case. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    /** Images decoded ahead of sequential access when streaming. */
    static final int READ_AHEAD = 256;

    private final Path root;
    private final List<String> paths;
    private final int[] labels;
    private final List<String> classes;
    private final int imageSize;
    private final byte[] pixels;
    private final Map<String, String> skipped;
    private final List<String> notImages;
    private final String source;
    private final ReadAhead readAhead;

    private ImageFolder(Path root, List<String> paths, int[] labels, List<String> classes, int imageSize,
            byte[] pixels, Map<String, String> skipped, List<String> notImages, String source) {
        this.root = root;
        this.paths = paths;
        this.labels = labels;
        this.classes = classes;
        this.imageSize = imageSize;
        this.pixels = pixels;
        this.skipped = skipped;
        this.notImages = notImages;
        this.source = source;
        this.readAhead = pixels == null ? new ReadAhead(this::decodeOrBlank, paths.size(), READ_AHEAD) : null;
    }

    /**
     * A labeled folder: one subdirectory per class, named after it, with the images anywhere below.
     *
     * @param root the folder
     * @param imageSize the side of the square images
     * @param memoryBudget bytes the decoded images may take; above it they are streamed
     * @return the data set, classes in sorted folder-name order
     * @throws IOException if the folder cannot be read, has no class folders, or no images
     */
    public static ImageFolder labeled(Path root, int imageSize, long memoryBudget) throws IOException {
        requireDirectory(root);
        List<String> classes = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            children.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                    .sorted().forEach(classes::add);
        }
        if (classes.isEmpty()) {
            throw new IOException("Labeled image folder " + root + " has no class folders; it must hold one folder "
                    + "per class (root/<class>/<image>)");
        }
        return labeled(root, classes, imageSize, memoryBudget);
    }

    /**
     * A labeled folder whose classes must be among the given ones (a test set for a pool's classes).
     *
     * @param root the folder
     * @param classes the class names, in label order
     * @param imageSize the side of the square images
     * @param memoryBudget bytes the decoded images may take; above it they are streamed
     * @return the data set
     * @throws IOException if the folder cannot be read, has an unknown class folder, images outside
     *     class folders, or no images
     */
    public static ImageFolder labeled(Path root, List<String> classes, int imageSize, long memoryBudget)
            throws IOException {
        requireDirectory(root);
        requireDistinct(classes);
        Listing listing = list(root);
        List<String> paths = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String p : listing.images) {
            int slash = p.indexOf('/');
            if (slash < 0) {
                throw new IOException("Image " + root.resolve(p) + " is not inside a class folder; a labeled folder "
                        + "holds root/<class>/<image>");
            }
            String cls = p.substring(0, slash);
            int label = classes.indexOf(cls);
            if (label < 0) {
                throw new IOException("Folder '" + cls + "' in " + root + " is not one of the classes " + classes
                        + "; rename or remove it, or add the class");
            }
            paths.add(p);
            labels.add(label);
        }
        return load(root, paths, labels.stream().mapToInt(Integer::intValue).toArray(), classes, imageSize,
                memoryBudget, listing.notImages, "labeled images in " + root);
    }

    /**
     * Every image below a folder, unlabeled.
     *
     * @param root the folder
     * @param classes the class names the person will choose from
     * @param imageSize the side of the square images
     * @param memoryBudget bytes the decoded images may take; above it they are streamed
     * @return the data set
     * @throws IOException if the folder cannot be read or holds no images
     */
    public static ImageFolder unlabeled(Path root, List<String> classes, int imageSize, long memoryBudget)
            throws IOException {
        requireDirectory(root);
        requireDistinct(classes);
        Listing listing = list(root);
        int[] labels = new int[listing.images.size()];
        Arrays.fill(labels, UNLABELED);
        return load(root, listing.images, labels, classes, imageSize, memoryBudget, listing.notImages,
                "images in " + root);
    }

    private static void requireDirectory(Path root) throws IOException {
        if (!Files.exists(root)) {
            throw new IOException("Image folder " + root + " does not exist");
        }
        if (!Files.isDirectory(root)) {
            throw new IOException("Image folder " + root + " is a file, not a directory");
        }
    }

    private static void requireDistinct(List<String> classes) {
        if (classes.size() < 2) {
            throw new IllegalArgumentException("Need at least 2 classes, got " + classes);
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            String c = classes.get(i);
            if (c == null || c.isBlank()) {
                throw new IllegalArgumentException("Class " + (i + 1) + " of " + classes + " has an empty name");
            }
            Integer before = seen.putIfAbsent(c, i);
            if (before != null) {
                throw new IllegalArgumentException("The class list names '" + c + "' twice (positions " + (before + 1)
                        + " and " + (i + 1) + "); every class needs its own name");
            }
        }
    }

    private record Listing(List<String> images, List<String> notImages) {}

    private static Listing list(Path root) throws IOException {
        List<String> images = new ArrayList<>();
        List<String> other = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path rel = root.relativize(f);
                if (rel.toString().isEmpty() || hidden(rel) || !Files.isRegularFile(f)) {
                    continue;
                }
                String relative = rel.toString().replace(f.getFileSystem().getSeparator(), "/");
                (EXTENSIONS.contains(extension(relative)) ? images : other).add(relative);
            }
        } catch (UncheckedIOException e) {
            throw new IOException("Could not list " + root + ": " + e.getCause().getMessage(), e.getCause());
        }
        Collections.sort(images);
        Collections.sort(other);
        if (images.isEmpty()) {
            throw new IOException("No images (PNG, JPEG, BMP or GIF) under " + root
                    + (other.isEmpty() ? "" : "; it holds " + other.size() + " other files, e.g. " + other.get(0)));
        }
        return new Listing(images, other);
    }

    private static boolean hidden(Path rel) {
        for (Path part : rel) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static ImageFolder load(Path root, List<String> paths, int[] labels, List<String> classes, int imageSize,
            long memoryBudget, List<String> notImages, String source) throws IOException {
        if (imageSize < 8) {
            throw new IllegalArgumentException("Image size must be at least 8 pixels, got " + imageSize);
        }
        long bytes = (long) paths.size() * 3 * imageSize * imageSize;
        Map<String, String> skipped = new ConcurrentHashMap<>();
        if (bytes > memoryBudget || bytes > Integer.MAX_VALUE - 8) {
            LOG.info("{} images of {}x{} take {} MiB decoded, above the budget of {} MiB: they are decoded on demand",
                    paths.size(), imageSize, imageSize, bytes >> 20, memoryBudget >> 20);
            ImageFolder f = new ImageFolder(root, List.copyOf(paths), labels, List.copyOf(classes), imageSize, null,
                    skipped, List.copyOf(notImages), source);
            f.warn();
            return f;
        }
        int per = 3 * imageSize * imageSize;
        PlanarImage[] decoded = new PlanarImage[paths.size()];
        IntStream.range(0, paths.size()).parallel().forEach(i -> {
            try {
                decoded[i] = ImageDecoder.square(root.resolve(paths.get(i)), imageSize);
            } catch (IOException | RuntimeException e) {
                skipped.put(paths.get(i), reason(e));
            }
        });
        List<String> kept = new ArrayList<>();
        List<Integer> keptLabels = new ArrayList<>();
        for (int i = 0; i < decoded.length; i++) {
            if (decoded[i] != null) {
                kept.add(paths.get(i));
                keptLabels.add(labels[i]);
            }
        }
        if (kept.isEmpty()) {
            throw new IOException("None of the " + paths.size() + " images under " + root + " could be decoded, e.g. "
                    + paths.get(0) + ": " + skipped.get(paths.get(0)));
        }
        byte[] pixels = new byte[kept.size() * per];
        int at = 0;
        for (PlanarImage img : decoded) {
            if (img != null) {
                img.copyTo(pixels, at * per);
                at++;
            }
        }
        ImageFolder f = new ImageFolder(root, List.copyOf(kept), keptLabels.stream().mapToInt(Integer::intValue)
                .toArray(), List.copyOf(classes), imageSize, pixels, new TreeMap<>(skipped), List.copyOf(notImages),
                source);
        f.warn();
        return f;
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null ? root.getClass().getSimpleName() : m;
    }

    /** One warning for everything left out: counts and the first few paths. */
    private void warn() {
        if (!skipped.isEmpty()) {
            LOG.warn("Skipped {} unreadable or corrupt image file(s) under {}: {}", skipped.size(), root,
                    first(new ArrayList<>(skipped.keySet())));
        }
        if (!notImages.isEmpty()) {
            LOG.warn("Ignored {} file(s) under {} that are not PNG, JPEG, BMP or GIF: {}", notImages.size(), root,
                    first(notImages));
        }
    }

    private static String first(List<String> paths) {
        List<String> sorted = new ArrayList<>(paths);
        Collections.sort(sorted);
        return String.join(", ", sorted.subList(0, Math.min(3, sorted.size())))
                + (sorted.size() > 3 ? ", ..." : "");
    }

    private PlanarImage decodeOrBlank(int index) {
        try {
            return ImageDecoder.square(root.resolve(paths.get(index)), imageSize);
        } catch (IOException | RuntimeException e) {
            if (skipped.putIfAbsent(paths.get(index), reason(e)) == null) {
                LOG.warn("Image {} could not be decoded ({}); it counts as a black image", paths.get(index), reason(e));
            }
            return new PlanarImage(new byte[3 * imageSize * imageSize], 0, 3, imageSize, imageSize);
        }
    }

    @Override
    public int size() {
        return paths.size();
    }

    @Override
    public PlanarImage image(int index) {
        Objects.checkIndex(index, paths.size());
        if (pixels != null) {
            int per = 3 * imageSize * imageSize;
            return new PlanarImage(pixels, index * per, 3, imageSize, imageSize);
        }
        return readAhead.get(index);
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public String source() {
        return source;
    }

    /**
     * The path of an image relative to the root, with {@code /} separators.
     *
     * @param index the image index
     * @return the relative path
     */
    public String path(int index) {
        return paths.get(index);
    }

    /**
     * The file of an image.
     *
     * @param index the image index
     * @return the file
     */
    public Path file(int index) {
        return root.resolve(paths.get(index));
    }

    /**
     * The root folder.
     *
     * @return the root
     */
    public Path root() {
        return root;
    }

    /**
     * The side of the square images.
     *
     * @return pixels
     */
    public int imageSize() {
        return imageSize;
    }

    /**
     * Whether every image is decoded in memory (else they are streamed from disk).
     *
     * @return true when in memory
     */
    public boolean inMemory() {
        return pixels != null;
    }

    /**
     * Image files that could not be decoded, with the reason, by relative path (found at load in
     * memory, or as they are met when streaming).
     *
     * @return a sorted copy
     */
    public Map<String, String> skipped() {
        return new TreeMap<>(skipped);
    }

    /**
     * Files that are not images by their extension, by relative path.
     *
     * @return the paths, sorted
     */
    public List<String> notImages() {
        return notImages;
    }

    /** Stops the read-ahead thread, if any. */
    @Override
    public void close() {
        if (readAhead != null) {
            readAhead.close();
        }
    }

    @Override
    public String toString() {
        return "ImageFolder[" + size() + " images of " + imageSize + "x" + imageSize + ", " + classes.size()
                + " classes, " + source + (inMemory() ? "" : ", streamed") + "]";
    }
}
