package org.activelearning.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.activelearning.core.Pool;
import org.activelearning.core.journal.IdRegistry;
import org.activelearning.djl.data.CifarDataset;
import org.activelearning.djl.data.ImageDataset;
import org.activelearning.djl.data.ImageFolder;
import org.activelearning.djl.data.PlanarImage;

/**
 * The pool and test set of a {@code run}, from the CIFAR format or from image folders, with the
 * pool's ids: positions for CIFAR data, stable ids from the session's {@code ids.tsv} for folders
 * (an image keeps its id when files are added, and removed files are reported and retired).
 */
final class RunData implements AutoCloseable {

    /** The session file mapping image paths to ids. */
    static final String IDS_FILE = "ids.tsv";
    /** The session file listing files that were skipped. */
    static final String SKIPPED_FILE = "skipped-files.txt";

    private final ImageDataset train;
    private final ImageDataset test;
    private final String description;
    private final Map<String, String> identity;
    private long[] ids;
    private Map<Long, Integer> index;
    private Set<Long> retired = Set.of();
    private Map<Long, String> retiredPaths = Map.of();

    private RunData(ImageDataset train, ImageDataset test, String description, Map<String, String> identity) {
        this.train = train;
        this.test = test;
        this.description = description;
        this.identity = identity;
    }

    /** CIFAR-format or synthetic data, limited to the first images; ids are positions. */
    static RunData cifar(ExampleData loaded, int poolLimit, int testLimit) {
        CifarDataset train = poolLimit > 0 ? loaded.train().limit(poolLimit) : loaded.train();
        CifarDataset test = testLimit > 0 ? loaded.test().limit(testLimit) : loaded.test();
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put("data", loaded.description());
        identity.put("pool", String.valueOf(train.size()));
        RunData d = new RunData(train, test, loaded.description(), identity);
        d.ids = new long[train.size()];
        for (int i = 0; i < d.ids.length; i++) {
            d.ids[i] = i;
        }
        return d;
    }

    /** Image folders; ids come later from the session ({@link #assignIds}). */
    static RunData folders(ImagesOptions o) throws IOException {
        ImageFolder train;
        if (o.images != null) {
            train = ImageFolder.unlabeled(o.images.toAbsolutePath(), o.classList(), o.imageSize, o.memoryBudget());
        } else {
            train = ImageFolder.labeled(o.labeledImages.toAbsolutePath(), o.imageSize, o.memoryBudget());
        }
        ImageFolder test = null;
        try {
            if (o.test != null) {
                test = ImageFolder.labeled(o.test.toAbsolutePath(), train.classes(), o.imageSize, o.memoryBudget());
            }
        } catch (IOException | RuntimeException e) {
            train.close();
            throw e;
        }
        Map<String, String> identity = new LinkedHashMap<>();
        // not the pool's size: a session resumes after images are added
        identity.put("data", train.source());
        identity.put("image-size", String.valueOf(o.imageSize));
        return new RunData(train, test, train.source(), identity);
    }

    /**
     * Gives the folder's images their stable ids from the session, records what was skipped, and
     * reports added and removed images.
     *
     * @param sessionDir the session directory
     * @param out where the report goes
     * @throws IOException if the id file cannot be read or written
     */
    void assignIds(Path sessionDir, PrintStream out) throws IOException {
        if (!(train instanceof ImageFolder folder)) {
            return;
        }
        List<String> paths = new ArrayList<>(folder.size());
        for (int i = 0; i < folder.size(); i++) {
            paths.add(folder.path(i));
        }
        IdRegistry registry = IdRegistry.open(sessionDir.resolve(IDS_FILE));
        boolean first = registry.size() == 0;
        IdRegistry.Assignment a = registry.assign(paths);
        ids = a.ids();
        index = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], i);
        }
        Set<Long> gone = new HashSet<>();
        Map<Long, String> gonePaths = new HashMap<>();
        Map<String, Long> known = registry.ids();
        for (String m : a.missing()) {
            gone.add(known.get(m));
            gonePaths.put(known.get(m), m);
        }
        retired = Set.copyOf(gone);
        retiredPaths = Map.copyOf(gonePaths);
        if (!first && !a.added().isEmpty()) {
            out.printf("%s since the last run, e.g. %s; they join the pool.%n",
                    Progress.plural(a.added().size(), "new image"), a.added().get(0));
        }
        if (!a.missing().isEmpty()) {
            out.printf("%s of this session %s gone, e.g. %s; %s kept in the journal.%n",
                    Progress.plural(a.missing().size(), "image"), a.missing().size() == 1 ? "is" : "are",
                    a.missing().get(0), a.missing().size() == 1 ? "its label is" : "their labels are");
        }
        writeSkipped(sessionDir, folder);
    }

    /** Writes the files that were left out, one {@code path<TAB>reason} per line, or removes the list. */
    static void writeSkipped(Path sessionDir, ImageFolder folder) throws IOException {
        StringBuilder sb = new StringBuilder();
        folder.skipped().forEach((p, why) -> sb.append(p).append('\t').append(why).append('\n'));
        folder.notImages().forEach(p -> sb.append(p).append('\t').append("not a PNG, JPEG, BMP or GIF file\n"));
        Path file = sessionDir.resolve(SKIPPED_FILE);
        if (sb.length() == 0) {
            Files.deleteIfExists(file);
        } else {
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        }
    }

    ImageDataset train() {
        return train;
    }

    /** The labeled test set, or null when there is none. */
    ImageDataset test() {
        return test;
    }

    String description() {
        return description;
    }

    /** Settings of the data that a resumed session must share. */
    Map<String, String> identity() {
        return identity;
    }

    /** Ids that left the pool (images removed from the folder). */
    Set<Long> retired() {
        return retired;
    }

    private int indexOf(long id) {
        if (index == null) {
            return Math.toIntExact(id);
        }
        Integer i = index.get(id);
        if (i == null) {
            throw new IllegalArgumentException("Id " + id + " is not in the pool");
        }
        return i;
    }

    /** The pool over the ids. */
    Pool<PlanarImage> pool() {
        return index == null ? Pool.range(0, ids.length, id -> train.image((int) id))
                : Pool.ofIds(ids, id -> train.image(indexOf(id)));
    }

    /** The ground truth of an id (labeled data only). */
    int label(long id) {
        return train.label(indexOf(id));
    }

    /** Whether every pool image has a label (so a simulated oracle can answer). */
    boolean labeled() {
        return train.size() > 0 && train.label(0) != ImageDataset.UNLABELED;
    }

    /** The image file of an id, or null for CIFAR data. */
    Path file(long id) {
        return train instanceof ImageFolder f ? f.file(indexOf(id)) : null;
    }

    /** The absolute image folder, or null for CIFAR data. */
    String folderRoot() {
        return train instanceof ImageFolder f ? f.root().toAbsolutePath().toString() : null;
    }

    /** The path of an id relative to the folder (also of a removed image), or null for CIFAR data. */
    String path(long id) {
        if (!(train instanceof ImageFolder f)) {
            return null;
        }
        String gone = retiredPaths.get(id);
        return gone != null ? gone : f.path(indexOf(id));
    }

    /** The ids of the pool, in pool order. */
    long[] ids() {
        return ids.clone();
    }

    /** The images of a data set as a list that decodes on demand. */
    static List<PlanarImage> lazy(ImageDataset d) {
        return new AbstractList<>() {
            @Override
            public PlanarImage get(int i) {
                return d.image(i);
            }

            @Override
            public int size() {
                return d.size();
            }
        };
    }

    @Override
    public void close() {
        if (train instanceof ImageFolder f) {
            f.close();
        }
        if (test instanceof ImageFolder f) {
            f.close();
        }
    }
}
