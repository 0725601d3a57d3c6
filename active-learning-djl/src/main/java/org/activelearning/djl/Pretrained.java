package org.activelearning.djl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where ImageNet-pretrained ResNet-18 weights come from: a TorchScript module that maps images
 * {@code (N, 3, H, W)} to 512 features (torchvision's ResNet-18 with its {@code fc} replaced by
 * identity, as DJL's {@code resnet18_embedding}). The learner appends an n-class head and
 * fine-tunes the whole network.
 *
 * @param url the model URL: {@code djl://...} for the DJL model zoo, {@code file:...} or {@code
 *     https:...}
 * @param description a short description for logs
 */
public record Pretrained(String url, String description) {

    /** The DJL PyTorch model zoo's ResNet-18 embedding. */
    public static final String ZOO_URL = "djl://ai.djl.pytorch/resnet18_embedding";

    /**
     * Validates.
     *
     * @param url the model URL: {@code djl://...} for the DJL model zoo, {@code file:...} or {@code https:...}
     * @param description a short description for logs
     */
    public Pretrained {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(description, "description");
    }

    /**
     * The DJL PyTorch model zoo's ResNet-18 embedding; downloaded and cached on first use, so it
     * needs network access once.
     *
     * @return the source
     */
    public static Pretrained zoo() {
        return new Pretrained(ZOO_URL, "DJL model zoo resnet18_embedding");
    }

    /**
     * A local TorchScript file.
     *
     * @param file the {@code .pt} file
     * @return the source
     * @throws IllegalArgumentException if the file does not exist
     */
    public static Pretrained file(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Pretrained TorchScript file " + file + " does not exist; export one "
                    + "with scripts/export_resnet18_torchscript.py or use the model zoo when online");
        }
        return new Pretrained(file.toAbsolutePath().toUri().toString(), file.toString());
    }

    /**
     * A file, URL or the word {@code zoo}, as given on a command line.
     *
     * @param spec {@code zoo}, a URL with a scheme, or a file path
     * @return the source
     */
    public static Pretrained parse(String spec) {
        if (spec.equalsIgnoreCase("zoo")) {
            return zoo();
        }
        if (spec.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
            return new Pretrained(spec, spec);
        }
        return file(Path.of(spec));
    }

    /**
     * Whether this is the DJL model zoo.
     *
     * @return true for {@code djl://} URLs
     */
    public boolean isZoo() {
        return url.startsWith("djl://");
    }
}
