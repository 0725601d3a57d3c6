package org.activelearning.djl;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The checkpoint file of a {@link ResNetLearner}: a magic string, the architecture, the class
 * names in label order, then the network's parameters in DJL's format. Written through a
 * temporary file and an atomic rename; read only into a learner of the same architecture and the
 * same class names, in the same order (a checkpoint whose label 3 meant "cat" must not answer
 * "dog" for 3).
 */
final class CheckpointFormat {

    private static final String MAGIC = "activelearning-resnet18-checkpoint";

    private CheckpointFormat() {}

    /**
     * Writes a checkpoint.
     *
     * @param file the checkpoint file
     * @param architecture the learner's architecture description
     * @param classNames the class names, in label order
     * @param network the trained network
     * @throws IOException if writing fails (the temporary file is removed)
     */
    static void write(Path file, String architecture, List<String> classNames, Block network) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // a plain sibling rather than createTempFile, whose files are private: the checkpoint gets the mode of
        // its directory's other files
        Path tmp = parent.resolve(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeUTF(MAGIC);
            out.writeUTF(architecture);
            out.writeInt(classNames.size());
            out.writeUTF(String.join("\n", classNames));
            network.saveParameters(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Creates a fresh network to load into; called only once the header has matched. */
    interface NetworkFactory {
        /**
         * A fresh network and the manager its parameters live in.
         *
         * @return the network
         */
        Block newNetwork();

        /**
         * The manager of the network last created.
         *
         * @return the manager
         */
        NDManager manager();
    }

    /**
     * Reads a checkpoint into a fresh network.
     *
     * @param file the checkpoint
     * @param architecture the architecture the learner has
     * @param classNames the class names the learner has, in label order
     * @param factory creates the network once the header matches
     * @throws IOException if the file cannot be read, is not a checkpoint or is corrupt
     * @throws IllegalArgumentException if it holds another architecture or other classes
     */
    static void read(Path file, String architecture, List<String> classNames, NetworkFactory factory)
            throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            String magic;
            try {
                magic = in.readUTF();
            } catch (IOException e) {
                magic = "";
            }
            if (!MAGIC.equals(magic)) {
                throw new IOException(file + " is not a ResNet-18 checkpoint of this library");
            }
            String arch = in.readUTF();
            int n = in.readInt();
            List<String> saved = List.of(in.readUTF().split("\n", -1));
            if (!arch.equals(architecture) || n != classNames.size()) {
                throw new IllegalArgumentException("Checkpoint " + file + " holds " + arch + " with " + n
                        + " classes, but this learner is " + architecture + " with " + classNames.size()
                        + " classes; load it into a learner built with the same stem, pretrained source and classes");
            }
            if (!saved.equals(classNames)) {
                throw new IllegalArgumentException("Checkpoint " + file + " was trained on the classes " + saved
                        + ", but this learner has " + classNames + "; a label index would change its meaning, so "
                        + "load it into a learner built with the same class names in the same order");
            }
            Block network = factory.newNetwork();
            try {
                network.loadParameters(factory.manager(), in);
            } catch (MalformedModelException e) {
                throw new IOException("Checkpoint " + file + " is corrupt: " + e.getMessage(), e);
            }
        }
    }
}
