package org.activelearning.core.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a class's main method in a child JVM with the test class path, for kill and lock tests. */
public final class ChildJvm {

    private ChildJvm() {}

    /**
     * Starts the child; its standard error is discarded, its standard output is the caller's to read.
     *
     * @param main the class whose main method runs
     * @param args its arguments
     * @return the process
     * @throws IOException if it cannot start
     */
    public static Process start(Class<?> main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                main.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
