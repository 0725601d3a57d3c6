package org.activelearning.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of {@code run} for labeling your own images, as one picocli mixin. */
final class ImagesOptions {

    /** Image sizes the ResNet-18 stems are meant for. */
    static final List<Integer> SIZES = List.of(32, 64, 96, 224);

    @Option(names = "--images", paramLabel = "DIR",
            description = "Label your own images: every PNG, JPEG, BMP or GIF below DIR, unlabeled (needs --classes)."
                    + " Or a folder of class folders (DIR/<class>/<image>) with --labeled-images.")
    Path images;

    @Option(names = "--labeled-images", paramLabel = "DIR",
            description = "A labeled pool in DIR/<class>/<image> (for experiments with --oracle simulated).")
    Path labeledImages;

    @Option(names = "--classes", paramLabel = "LIST|FILE",
            description = "The classes for --images: comma-separated names, or a file with one name per line"
                    + " (names may contain spaces).")
    String classes;

    @Option(names = "--test", paramLabel = "DIR",
            description = "A labeled test folder (DIR/<class>/<image>) for per-round accuracy. Without it the round"
                    + " table shows the model's mean confidence on the pool.")
    Path test;

    @Option(names = "--image-size", paramLabel = "PX", defaultValue = "32",
            description = "Square size images are resized to (shorter side, then center crop): 32, 64, 96 or 224;"
                    + " use --stem IMAGENET above 32. Default: ${DEFAULT-VALUE}")
    int imageSize;

    @Option(names = "--pool-memory", paramLabel = "MB", defaultValue = "1024",
            description = "Decoded images above this many MiB are streamed from disk instead of held in memory."
                    + " Default: ${DEFAULT-VALUE}")
    long poolMemoryMb;

    /** Whether the run uses image folders rather than the CIFAR format. */
    boolean active() {
        return images != null || labeledImages != null;
    }

    /**
     * Collects what is wrong with these options.
     *
     * @param problems where problems go
     */
    void validate(List<String> problems) {
        if (images != null && labeledImages != null) {
            problems.add("--images and --labeled-images exclude each other; give one pool");
        }
        if (images != null && classes == null) {
            problems.add("--images needs --classes (a,b,c or a file with one class per line)");
        }
        if (labeledImages != null && classes != null) {
            problems.add("--labeled-images takes its classes from its folder names; drop --classes");
        }
        if (!active() && (classes != null || test != null)) {
            problems.add("--classes and --test apply only to --images or --labeled-images");
        }
        if (!SIZES.contains(imageSize)) {
            problems.add("--image-size must be one of " + SIZES + ", got " + imageSize);
        }
        if (poolMemoryMb < 0) {
            problems.add("--pool-memory must be >= 0, got " + poolMemoryMb);
        }
    }

    /** Bytes the decoded pool may take before it is streamed. */
    long memoryBudget() {
        return poolMemoryMb << 20;
    }

    /**
     * The class list of {@code --classes}: a file with one name per line if that file exists,
     * else comma-separated names.
     *
     * @return the names, in label order
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException for fewer than two classes, an empty name or a duplicate,
     *     naming it
     */
    List<String> classList() throws IOException {
        Path file = Path.of(classes);
        List<String> names = new ArrayList<>();
        String from;
        if (Files.isRegularFile(file)) {
            from = "class file " + file;
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
                lines.remove(lines.size() - 1);
            }
            for (String l : lines) {
                names.add(l.strip());
            }
        } else {
            from = "--classes '" + classes + "'";
            for (String n : classes.split(",", -1)) {
                names.add(n.strip());
            }
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).isEmpty()) {
                throw new IllegalArgumentException(from + ": class " + (i + 1) + " has an empty name");
            }
            Integer before = seen.putIfAbsent(names.get(i), i);
            if (before != null) {
                throw new IllegalArgumentException(from + " names '" + names.get(i) + "' twice (classes "
                        + (before + 1) + " and " + (i + 1) + "); every class needs its own name");
            }
        }
        if (names.size() < 2) {
            throw new IllegalArgumentException(from + " names " + names.size() + " class" + (names.size() == 1 ? ""
                    : "es") + "; give at least two");
        }
        return names;
    }
}
