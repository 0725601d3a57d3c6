package org.activelearning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.activelearning.core.journal.JournalState;
import org.activelearning.core.journal.LabelCodec;
import org.activelearning.core.journal.LabelJournal;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A person labels a folder of their own images at the console, exports the labels and predicts. */
class OwnImagesTest {

    private static final List<String> COLOURS = List.of("red", "green", "blue");

    @TempDir
    Path dir;

    private Path photos;

    /** A noisy image of one colour; every fourth one gray-scale (a darker and a lighter class stay apart). */
    static void photo(Path file, int colour, int w, int h, long seed) throws Exception {
        Random rnd = new Random(seed);
        boolean gray = seed % 4 == 0;
        BufferedImage img = new BufferedImage(w, h, gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int noise = rnd.nextInt(40);
                if (gray) {
                    img.getRaster().setSample(x, y, 0, 40 + 80 * colour + noise);
                } else {
                    int[] c = {30 + noise, 30 + noise, 30 + noise};
                    c[colour] = 215 + noise;
                    img.setRGB(x, y, c[0] << 16 | c[1] << 8 | c[2]);
                }
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    @BeforeEach
    void photos() throws Exception {
        photos = dir.resolve("photos");
        for (int i = 0; i < 24; i++) {
            int colour = i % 3;
            // a mix of sizes and aspects, in subfolders
            photo(photos.resolve((i < 12 ? "2024/" : "2025/trip/") + "img-" + COLOURS.get(colour) + "-" + i + ".png"),
                    colour, 20 + i, 16 + (i % 5) * 4, i);
        }
        Files.write(photos.resolve("2025/broken.png"), new byte[] {1, 2, 3, 4});
        Files.writeString(photos.resolve("notes.txt"), "holiday");
    }

    private String[] runArgs(Path session, int rounds) {
        return new String[] {"run", "--images", photos.toString(), "--classes", "red,green,blue", "--oracle", "console",
            "--stem", "imagenet", "--image-size", "32", "--epochs", "2", "--min-steps", "60", "--batch-size", "8",
            "--initial", "6", "-k", "3", "--rounds", String.valueOf(rounds), "--session", session.toString(),
            "--device", "cpu", "--no-color", "--annotator", "ana"};
    }

    /** Runs the CLI in a child JVM and answers every image with the colour in its file name. */
    private String labelByFileName(String[] args) throws Exception {
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        Process child = CliTestSupport.child(ProcessBuilder.Redirect.to(stderr.toFile()), args);
        StringBuilder seen = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                OutputStream in = child.getOutputStream()) {
            String line;
            while ((line = out.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.startsWith("File: ")) {
                    String colour = COLOURS.stream().filter(line::contains).findFirst().orElseThrow();
                    // the unique prefix of the class name, as a person would type it
                    in.write((colour.substring(0, 1) + "\n").getBytes(StandardCharsets.UTF_8));
                    in.flush();
                }
            }
        }
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(seen + "\nstderr:\n" + Files.readString(stderr)).isZero();
        return seen.toString();
    }

    private static List<CSVRecord> csv(Path file) throws Exception {
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(file)).getRecords();
    }

    @Test
    void labelExportResumeWithNewImagesAndPredict() throws Exception {
        Path session = dir.resolve("session");
        String first = labelByFileName(runArgs(session, 1));
        assertThat(first).contains("pool 24 images, no test set (the round table shows the model's confidence on "
                + "the pool), 3 classes").contains("confid.").contains("File: 2024/img-");

        // labels.csv: one row per answer, path relative to the folder, the colour of its file name
        List<CSVRecord> labels = csv(session.resolve("labels.csv"));
        assertThat(labels).hasSize(6 + 3);
        for (CSVRecord r : labels) {
            assertThat(r.get("path")).contains("img-" + r.get("label") + "-");
            assertThat(r.get("annotator")).isEqualTo("ana");
            assertThat(Double.parseDouble(r.get("seconds"))).isNotNegative();
            assertThat(r.get("round")).isIn("0", "1");
            assertThat(r.get("skipped_reason")).isEmpty();
        }
        assertThat(Files.readString(session.resolve("skipped-files.txt"))).contains("2025/broken.png\t")
                .contains("notes.txt\tnot a PNG, JPEG, BMP or GIF file");
        JournalState<Integer> journal = LabelJournal.read(session.resolve("journal.jsonl"), LabelCodec.integers());
        assertThat(journal.labels()).hasSize(9);
        // the people's time behind each model: the seconds of the six initial answers, then of all nine
        List<String> metricRows = Files.readAllLines(session.resolve("metrics.jsonl"));
        double initialSeconds = labels.stream().filter(r -> r.get("round").equals("0"))
                .mapToDouble(r -> Double.parseDouble(r.get("seconds"))).sum();
        double round1 = com.google.gson.JsonParser.parseString(metricRows.get(0)).getAsJsonObject().get("annotator_s")
                .getAsDouble();
        assertThat(round1).isCloseTo(initialSeconds, org.assertj.core.api.Assertions.within(0.01));
        assertThat(session.resolve("learning-curve-minutes.png")).isNotEmptyFile();

        // export copies each labeled image into its class folder, file by file
        Path exported = dir.resolve("exported");
        CliTestSupport.Result export = CliTestSupport.run("", "export", "--session", session.toString(), "--to",
                exported.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).contains("9 labels, 0 skipped").contains("Copied 9 images");
        for (CSVRecord r : labels) {
            Path copy = exported.resolve(r.get("label")).resolve(r.get("path"));
            assertThat(copy).hasSameBinaryContentAs(photos.resolve(r.get("path")));
        }

        // more images arrive and a labeled one is deleted; the session resumes, old images keep their ids,
        // new ones join, and the deleted one's label stays
        List<String> idsBefore = Files.readAllLines(session.resolve("ids.tsv"));
        for (int i = 24; i < 27; i++) {
            photo(photos.resolve("2026/img-" + COLOURS.get(i % 3) + "-" + i + ".png"), i % 3, 30, 30, i);
        }
        String deleted = labels.get(0).get("path");
        Files.delete(photos.resolve(deleted));
        String second = labelByFileName(runArgs(session, 2));
        assertThat(second).contains("3 new images since the last run, e.g. 2026/img-blue-26.png; they join the pool.")
                .contains("1 image of this session is gone, e.g. " + deleted + "; its label is kept in the journal.")
                .contains("pool 26 images");
        List<String> idsAfter = Files.readAllLines(session.resolve("ids.tsv"));
        assertThat(idsAfter.subList(0, idsBefore.size())).isEqualTo(idsBefore);
        assertThat(idsAfter).hasSize(27);
        List<CSVRecord> relabeled = csv(session.resolve("labels.csv"));
        assertThat(relabeled).hasSize(6 + 3 + 3);
        assertThat(relabeled).anyMatch(r -> r.get("path").equals(deleted));

        // predict: a row per readable image, a class, probabilities summing to 1
        Path predictions = dir.resolve("predictions.csv");
        CliTestSupport.Result predict = CliTestSupport.run("", "predict", "--session", session.toString(), "--images",
                photos.toString(), "--out", predictions.toString(), "--device", "cpu");
        assertThat(predict.exit()).as(predict.err()).isZero();
        assertThat(predict.out()).contains("26 images classified with round-003.ckpt");
        List<CSVRecord> rows = csv(predictions);
        assertThat(rows).hasSize(26);
        Map<String, Integer> right = new LinkedHashMap<>();
        for (CSVRecord r : rows) {
            double sum = 0;
            for (String c : COLOURS) {
                sum += Double.parseDouble(r.get("p(" + c + ")"));
            }
            assertThat(sum).as(r.get("path")).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
            assertThat(r.get("predicted")).isIn(COLOURS);
            right.merge(r.get("path").contains("img-" + r.get("predicted") + "-") ? "right" : "wrong", 1, Integer::sum);
        }
        assertThat(right.getOrDefault("right", 0)).as("colours are easy: " + right).isGreaterThan(26 / 3);
    }

    @Test
    void badImageInputsAreNamedBeforeAnyWork() throws Exception {
        Path session = dir.resolve("s");
        CliTestSupport.Result noClasses = CliTestSupport.run("", "run", "--images", photos.toString(), "--session",
                session.toString());
        assertThat(noClasses.exit()).isEqualTo(2);
        assertThat(noClasses.err()).contains("--images needs --classes");

        CliTestSupport.Result simulated = CliTestSupport.run("", "run", "--images", photos.toString(), "--classes",
                "a,b", "--oracle", "simulated", "--image-size", "50", "--session", session.toString());
        assertThat(simulated.exit()).isEqualTo(2);
        assertThat(simulated.err()).contains("--oracle simulated needs the true labels")
                .contains("--image-size must be one of [32, 64, 96, 224], got 50");

        CliTestSupport.Result duplicate = CliTestSupport.run("", "run", "--images", photos.toString(), "--classes",
                "cat, dog,cat", "--session", session.toString(), "--device", "cpu");
        assertThat(duplicate.exit()).isEqualTo(1);
        assertThat(duplicate.err()).contains("names 'cat' twice (classes 1 and 3)");

        Path classFile = Files.writeString(dir.resolve("classes.txt"), "golden retriever\nlabrador\n");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliTestSupport.Result none = CliTestSupport.run("", "run", "--images", empty.toString(), "--classes",
                classFile.toString(), "--session", session.toString(), "--device", "cpu");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("No images (PNG, JPEG, BMP or GIF) under " + empty.toAbsolutePath());

        Path test = dir.resolve("test");
        photo(test.resolve("red/a.png"), 0, 10, 10, 1);
        photo(test.resolve("purple/b.png"), 2, 10, 10, 2);
        CliTestSupport.Result unknown = CliTestSupport.run("", "run", "--images", photos.toString(), "--classes",
                "red,green,blue", "--test", test.toString(), "--session", session.toString(), "--device", "cpu");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("Folder 'purple' in " + test.toAbsolutePath()
                + " is not one of the classes [red, green, blue]");
        assertThat(session.resolve("session.properties")).as("nothing started").doesNotExist();

        CliTestSupport.Result noSession = CliTestSupport.run("", "predict", "--session", dir.resolve("nope").toString(),
                "--images", photos.toString());
        assertThat(noSession.exit()).isEqualTo(1);
        assertThat(noSession.err()).contains("No model.json in");
    }

    @Test
    void aLabeledFolderRunsSimulatedWithATestFolderForAccuracy() throws Exception {
        Path pool = dir.resolve("pool");
        Path test = dir.resolve("test");
        for (int i = 0; i < 18; i++) {
            photo(pool.resolve(COLOURS.get(i % 3) + "/p" + i + ".png"), i % 3, 16, 16, i);
        }
        for (int i = 0; i < 6; i++) {
            photo(test.resolve(COLOURS.get(i % 3) + "/t" + i + ".png"), i % 3, 16, 16, 100 + i);
        }
        Path session = dir.resolve("sim");
        CliTestSupport.Result r = CliTestSupport.run("", "run", "--labeled-images", pool.toString(), "--test",
                test.toString(), "--oracle", "simulated", "--stem", "imagenet", "--epochs", "1", "--min-steps", "0", "--target-train-accuracy", "0",
                "--batch-size", "8", "--initial", "6", "-k", "3", "--rounds", "1", "--session", session.toString(),
                "--device", "cpu");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("pool 18 images, test 6 images, 3 classes").contains("Final test accuracy");
        List<String> metrics = Files.readAllLines(session.resolve("metrics.csv"));
        assertThat(metrics.get(0)).startsWith("round,labels,accuracy,accuracy/blue,accuracy/green,accuracy/red,");
        assertThat(Double.parseDouble(metrics.get(1).split(",")[2])).isBetween(0.0, 1.0);
        for (CSVRecord row : csv(session.resolve("labels.csv"))) {
            // the simulated oracle answers with the folder's class
            assertThat(row.get("path")).startsWith(row.get("label") + "/");
            assertThat(row.get("annotator")).isEqualTo("simulated");
        }
        CliTestSupport.Result big = CliTestSupport.run("", "run", "--labeled-images", pool.toString(), "--image-size",
                "96", "--session", dir.resolve("big").toString());
        assertThat(big.exit()).isEqualTo(2);
        assertThat(big.err()).contains("--image-size 96 needs --stem IMAGENET");
    }

    @Test
    void atTheConsoleWithBackgroundTrainingTheSessionEndsWithTheFinalModel() throws Exception {
        Path session = dir.resolve("background");
        String out = labelByFileName(CliTestSupport.concat(runArgs(session, 2), "--background-training"));
        assertThat(out).contains("Done: Final mean confidence on the pool").contains("Round 2 of 2");
        List<CSVRecord> labels = csv(session.resolve("labels.csv"));
        assertThat(labels).hasSize(6 + 3 + 3);
        for (CSVRecord r : labels) {
            assertThat(r.get("path")).contains("img-" + r.get("label") + "-");
        }
        List<String> metrics = Files.readAllLines(session.resolve("metrics.csv"));
        String[] last = metrics.get(metrics.size() - 1).split(",");
        assertThat(last[1]).as("the final model has every label").isEqualTo("12");
        assertThat(last[last.length - 1]).isEqualTo("true");
    }
}
