package org.activelearning.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit entry point, run in local[2] on a folder of images the test writes. */
class SparkMainTest {

    @TempDir
    Path dir;

    record Outcome(int exit, String out, String err) {}

    private static Outcome run(String... args) {
        SparkTesting.spark(); // the command reuses the tests' session
        StringWriter err = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        int exit;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            exit = SparkMain.commandLine().setErr(new PrintWriter(err, true)).execute(args);
        } finally {
            System.setOut(previous);
        }
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    @Test
    void runLabelsAFolderFromItsClassFoldersAndResumesFromTheJournal() throws Exception {
        Path images = dir.resolve("images");
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 20; i++) {
            write(images.resolve("red/r" + i + ".png"), new Color(200 + rnd.nextInt(56), rnd.nextInt(60), 0));
            write(images.resolve("blue/b" + i + ".png"), new Color(0, rnd.nextInt(60), 200 + rnd.nextInt(56)));
        }
        Path journal = dir.resolve("labels.journal");
        String[] args = {"run", "--images", images.toString(), "--classes", "red,blue", "--image-size", "16",
            "--initial", "6", "-k", "4", "--rounds", "2", "--min-steps", "10", "--journal", journal.toString()};
        Outcome first = run(args);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("Pool: 40 images on Spark (local[2,4]); least-confidence (Spark), k=4, 2 rounds")
                .contains("Stopped: CRITERION_MET");
        List<String> labels = Files.readAllLines(journal).stream().filter(l -> l.contains("\"type\":\"label\"")).toList();
        assertThat(labels).hasSize(6 + 2 * 4);
        // every answer is the image's folder: red is class 0, blue class 1
        java.util.Map<Long, String> folder = new java.util.HashMap<>();
        SparkImages.fromDirectory(SparkTesting.spark(), images.toString()).collectAsList()
                .forEach(row -> folder.put(row.getLong(0), row.getString(3)));
        for (String line : labels) {
            long id = Long.parseLong(line.replaceAll(".*\"id\":(\\d+),.*", "$1"));
            String label = line.replaceAll(".*\"label\":\"?(\\d+)\"?[,}].*", "$1");
            assertThat(label).as(line).isEqualTo(folder.get(id).equals("red") ? "0" : "1");
        }
        Outcome again = run(args);
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(Files.readAllLines(journal).stream().filter(l -> l.contains("\"type\":\"label\"")).count())
                .as("a finished run asks nothing more").isEqualTo(labels.size());
    }

    @Test
    void badOptionsAreClearErrors() {
        Outcome both = run("run", "--images", "a", "--parquet", "b", "--classes", "x,y", "--journal",
                dir.resolve("j").toString());
        assertThat(both.exit()).isEqualTo(1);
        assertThat(both.err()).isEqualToIgnoringNewLines("Error: Give exactly one of --images DIR and --parquet PATH");
        Outcome badStrategy = run("run", "--images", dir.toString(), "--classes", "x,y", "--strategy", "badge",
                "--journal", dir.resolve("j").toString());
        assertThat(badStrategy.exit()).isEqualTo(1);
        assertThat(badStrategy.err()).contains("'badge' is not supported on Spark");
        Outcome missing = run("run", "--classes", "x,y");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--journal=FILE'");
    }

    @Test
    void benchmarkPrintsImagesPerSecondOfBothKinds() {
        Outcome r = run("benchmark", "--images", "400", "--repeats", "1", "-k", "10", "--partitions", "3");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"bench\":\"spark_scoring_setup\"").contains("\"images\":336")
                .containsPattern("\"kind\":\"in_process\",\"seconds\":[0-9.]+,\"images_per_s\":[0-9.]+,\"selected\":10")
                .containsPattern("\"kind\":\"spark\",\"seconds\":[0-9.]+,\"images_per_s\":[0-9.]+,\"selected\":10")
                .contains("\"spark_to_in_process\":");
    }

    private static void write(Path file, Color color) throws Exception {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 16, 16);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }
}
