package org.activelearning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorsTest {

    @TempDir
    Path dir;

    @Test
    void aFullDiskBehindAWrapperIsNamedWithWhatToDo() {
        FileSystemException full = new FileSystemException("/s/checkpoints/round-003.ckpt.tmp", null,
                "No space left on device");
        UncheckedIOException wrapped = new UncheckedIOException("Could not save the checkpoint of round 3", full);
        assertThat(Errors.describe(wrapped)).isEqualTo("Could not save the checkpoint of round 3: No space left on "
                + "device. Free some space on that disk, or use a directory on another one; every answer given so "
                + "far is saved");
    }

    @Test
    void javasBarePathMessagesBecomeReasons() {
        AccessDeniedException denied = new AccessDeniedException("/root/x");
        assertThat(Errors.reason(denied)).isEqualTo("permission denied");
        assertThat(Errors.describe(new IllegalStateException("Could not write the metrics of round 2", denied)))
                .isEqualTo("Could not write the metrics of round 2: permission denied. Check the permissions of that "
                        + "path, or use another directory");
        assertThat(Errors.describe(new IOException("x.csv: no such file or directory",
                new java.nio.file.NoSuchFileException("x.csv")))).isEqualTo("x.csv: no such file or directory");
    }

    @Test
    void aSessionPathThatIsAFileOrUnderProcIsNamedWithTheReasonAndTheFix() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        CliTestSupport.Result r = CliTestSupport.run("", "run", "--data", "synthetic", "--session", file.toString(),
                "--device", "cpu", "--no-color", "--oracle", "simulated");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Error: Session path " + file + " is a file, not a directory; pass a new or "
                + "existing session directory with --session");

        CliTestSupport.Result proc = CliTestSupport.run("", "run", "--data", "synthetic", "--session",
                "/proc/active-learning-session", "--device", "cpu", "--no-color", "--oracle", "simulated");
        assertThat(proc.exit()).isEqualTo(1);
        assertThat(proc.err()).contains("Error: Cannot create the session directory /proc/active-learning-session: ")
                .contains("pass a directory you can write to with --session");
        assertThat(proc.err().lines().filter(l -> l.startsWith("Error:")).findFirst().orElseThrow())
                .doesNotEndWith("/proc/active-learning-session");
    }

    @Test
    void unloadablePretrainedWeightsNameTheCommandLineFixAndLeaveNoSession() {
        Path session = dir.resolve("s");
        CliTestSupport.Result r = CliTestSupport.run("", "run", "--data", "synthetic", "--session", session.toString(),
                "--device", "cpu", "--no-color", "--oracle", "simulated", "--pretrained", "zoo");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Could not load the pretrained ResNet-18")
                .contains("pass --pretrained /path/to/resnet18_embedding.pt");
        assertThat(session.resolve("session.properties")).doesNotExist();
    }
}
