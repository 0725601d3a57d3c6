package org.activelearning.examples;

import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --device} option of {@code run}, {@code compare} and {@code benchmark}, validated alike. */
final class DeviceOption {

    @Option(names = "--device", defaultValue = "auto",
            description = "auto (all GPUs, else CPU), cpu, gpu or gpu:N. Default: ${DEFAULT-VALUE}")
    String device;

    /**
     * Adds a problem if the value is not a device choice.
     *
     * @param problems where problems are collected
     */
    void validate(List<String> problems) {
        if (!device.matches("(?i)auto|cpu|gpu|gpu:\\d+")) {
            problems.add("--device must be auto, cpu, gpu or gpu:N, got '" + device + "'");
        }
    }

    @Override
    public String toString() {
        return device;
    }
}
