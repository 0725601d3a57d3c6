package org.activelearning.core.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds which process holds a file lock, where the operating system tells: on Linux, {@code
 * /proc/locks} lists each lock's process id and the file's device and inode. Elsewhere, or when
 * anything cannot be read, the holder is unknown.
 */
final class LockHolder {

    private LockHolder() {}

    /**
     * Describes the holder of a lock on the file.
     *
     * @param file the locked file
     * @return for example {@code process 1234 (java -jar app.jar)}, or empty if unknown
     */
    static String describe(Path file) {
        try {
            Path locks = Path.of("/proc/locks");
            if (!Files.isReadable(locks)) {
                return "";
            }
            Object ino = Files.getAttribute(file, "unix:ino");
            String inode = ":" + ino;
            for (String line : Files.readAllLines(locks, StandardCharsets.US_ASCII)) {
                // 1: POSIX  ADVISORY  WRITE 12345 08:01:1234567 0 EOF
                String[] f = line.trim().split("\\s+");
                if (f.length >= 6 && f[5].endsWith(inode)) {
                    String pid = f[4];
                    if (pid.equals(String.valueOf(ProcessHandle.current().pid()))) {
                        return "this process (process " + pid + ")";
                    }
                    return "process " + pid + command(pid);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "";
        }
        return "";
    }

    private static String command(String pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", pid, "cmdline"));
            String cmd = summarize(List.of(new String(raw, StandardCharsets.UTF_8).split("\0")));
            return cmd.isEmpty() ? "" : " (" + cmd + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** A command line without a Java class path: {@code java org.example.Main args} or {@code java -jar app.jar args}. */
    static String summarize(List<String> parts) {
        if (parts.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(Path.of(parts.get(0)).getFileName().toString());
        int i = 1;
        if (sb.toString().equals("java")) {
            while (i < parts.size() && parts.get(i).startsWith("-") && !parts.get(i).equals("-jar")) {
                String opt = parts.get(i++);
                if (opt.equals("-cp") || opt.equals("-classpath") || opt.equals("--class-path")) {
                    i++;
                }
            }
        }
        for (; i < parts.size(); i++) {
            sb.append(' ').append(parts.get(i));
        }
        String cmd = sb.toString().trim();
        return cmd.length() > 160 ? cmd.substring(0, 157) + "..." : cmd;
    }
}
