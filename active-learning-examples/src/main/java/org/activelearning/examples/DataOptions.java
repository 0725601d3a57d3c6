package org.activelearning.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where {@code run} and {@code compare} take their images from, as one picocli mixin so that both
 * accept the same sources with the same help.
 */
final class DataOptions {

    @Option(names = "--data", paramLabel = "SOURCE", defaultValue = "auto",
            description = "auto (local CIFAR-10 under --cifar-dir, else download, else synthetic), cifar10, synthetic,"
                    + " or a directory in the CIFAR-10 binary format (any classes). Default: ${DEFAULT-VALUE}")
    String data;

    @Option(names = "--cifar-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Where a local CIFAR-10 (binary version) is looked for. Default: ${DEFAULT-VALUE}")
    Path cifarDir;

    /**
     * Loads the chosen data.
     *
     * @param seed the seed of synthetic data
     * @param out where the choice is reported
     * @return the training and test images
     * @throws IOException if the data cannot be read
     */
    ExampleData load(long seed, PrintStream out) throws IOException {
        return ExampleData.load(data, cifarDir, seed, out);
    }
}
