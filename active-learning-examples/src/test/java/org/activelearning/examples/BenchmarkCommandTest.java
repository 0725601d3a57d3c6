package org.activelearning.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that the benchmark runs and prints its figures; no speed is asserted. */
class BenchmarkCommandTest {

    @Test
    void quickBenchmarkPrintsEverySectionAsJsonLines() {
        CliTestSupport.Result r = CliTestSupport.run("", "benchmark", "--quick", "--device", "cpu");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("{\"bench\":\"").endsWith("}"));
        assertThat(lines.stream().filter(l -> l.startsWith("{\"bench\":\"train\",\"framework\":\"djl\""))).hasSize(4)
                .allSatisfy(l -> assertThat(positive(l, "images_per_s")).isPositive());
        assertThat(lines.stream().filter(l -> l.startsWith("{\"bench\":\"score\",\"framework\":\"djl\""))).hasSize(4)
                .allSatisfy(l -> assertThat(positive(l, "score_to_raw_ratio")).isPositive());
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"stem\":\"cifar\"").contains("\"batch\":32"));
        assertThat(lines).noneSatisfy(l -> assertThat(l).contains("pytorch"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"bench\":\"selection\"").contains("\"topk_ns_per_item\":"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"bench\":\"pool_heap\"").contains("\"ids\":1000000"));
        assertThat(lines.stream().filter(l -> l.contains("\"bench\":\"memory_round\""))).hasSize(3);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"bench\":\"memory_summary\""));
    }

    private static double positive(String line, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":([0-9.eE+-]+)").matcher(line);
        assertThat(m.find()).as(field + " in " + line).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void pytorchReferenceFiguresAreComparedMeasureByMeasure(@TempDir Path dir) throws Exception {
        // a stand-in interpreter that prints what the reference script prints, with fixed figures
        Path python = dir.resolve("fake-python");
        Files.writeString(python, """
                #!/bin/sh
                stem=$3
                for b in 8 16; do echo "{\\"bench\\":\\"train\\",\\"framework\\":\\"pytorch\\",\\"stem\\":\\"$stem\\",\\"batch\\":$b,\\"images_per_s\\":10.0}"; done
                for b in 16 32; do echo "{\\"bench\\":\\"score\\",\\"framework\\":\\"pytorch\\",\\"stem\\":\\"$stem\\",\\"batch\\":$b,\\"images_per_s\\":40.0}"; done
                """);
        assertThat(python.toFile().setExecutable(true)).isTrue();
        CliTestSupport.Result r = CliTestSupport.run("", "benchmark", "--quick", "--sections", "throughput",
                "--device", "cpu", "--pytorch-reference", python.toString(), "--repeats", "2");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.stream().filter(l -> l.contains("\"framework\":\"pytorch\""))).hasSize(16);
        List<String> ratios = lines.stream().filter(l -> l.startsWith("{\"bench\":\"djl_vs_pytorch\"")).toList();
        assertThat(ratios).hasSize(16);
        List<String> medians = lines.stream().filter(l -> l.startsWith("{\"bench\":\"median\"")).toList();
        assertThat(medians).hasSize(8);
        for (String m : medians) {
            // two repeats: the median is the mean of the two per-repeat ratios, which bracket it
            double lo = positive(m, "min_ratio");
            double hi = positive(m, "max_ratio");
            assertThat(positive(m, "median_ratio")).isCloseTo((lo + hi) / 2, within(0.002)).isBetween(lo, hi);
            assertThat(positive(m, "median_ratio")).isCloseTo(
                    positive(m, "djl_images_per_s") / positive(m, "pytorch_images_per_s"), within(0.002));
        }
        for (String l : ratios) {
            double djl = positive(l, "djl_images_per_s");
            double reference = positive(l, "pytorch_images_per_s");
            assertThat(reference).isEqualTo(l.contains("\"measure\":\"train\"") ? 10.0 : 40.0);
            assertThat(positive(l, "ratio")).isCloseTo(djl / reference, within(0.002));
            // the DJL figure in the ratio is the one printed on the DJL line of the same measure and batch
            String measure = l.contains("\"measure\":\"train\"") ? "train" : "score";
            String stem = l.contains("\"stem\":\"cifar\"") ? "cifar" : "imagenet";
            String batch = "\"batch\":" + (int) positive(l, "batch") + ",";
            assertThat(lines).anySatisfy(d -> assertThat(d)
                    .startsWith("{\"bench\":\"" + measure + "\",\"framework\":\"djl\",\"stem\":\"" + stem + "\"")
                    .contains(batch).containsPattern("\"images_per_s\":" + positive(l, "djl_images_per_s") + "[,}]"));
        }
    }

    @Test
    void aMissingOrBrokenPythonIsNamed(@TempDir Path dir) throws Exception {
        String missing = dir.resolve("no-such-python").toString();
        CliTestSupport.Result r = CliTestSupport.run("", "benchmark", "--quick", "--sections", "throughput",
                "--device", "cpu", "--pytorch-reference", missing);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("--pytorch-reference=" + missing).contains("python3-torch");

        Path noTorch = dir.resolve("python-without-torch");
        Files.writeString(noTorch, "#!/bin/sh\necho \"ModuleNotFoundError: No module named 'torch'\" >&2\nexit 1\n");
        assertThat(noTorch.toFile().setExecutable(true)).isTrue();
        r = CliTestSupport.run("", "benchmark", "--quick", "--sections", "throughput", "--device", "cpu",
                "--pytorch-reference", noTorch.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("exited with 1").contains("No module named 'torch'");
        assertThat(r.out()).as("checked before any measurement").doesNotContain("\"bench\":\"train\"");
    }

    @Test
    void realPytorchReferenceRunsWhereInstalled() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import torch, torchvision")
                .redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        Assumptions.assumeTrue(probe.waitFor() == 0, "PyTorch and torchvision are not installed for /usr/bin/python3");
        PytorchReference.Result ref = PytorchReference.run(python.toString(), "imagenet", new int[] {8},
                new int[] {16}, 16, 32, 2);
        assertThat(ref.imagesPerSecond()).containsOnlyKeys("train@8", "score@16")
                .allSatisfy((k, v) -> assertThat(v).isPositive());
        assertThat(ref.lines()).allSatisfy(l -> assertThat(l).contains("\"framework\":\"pytorch\""));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(BenchmarkCommand.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(BenchmarkCommand.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
        CliTestSupport.Result r = CliTestSupport.run("", "benchmark", "--repeats", "0", "--device", "tpu");
        assertThat(r.exit()).as("a usage error, like run's and compare's").isEqualTo(2);
        assertThat(r.err()).contains("--repeats must be >= 1, got 0").contains("--device must be auto, cpu, gpu or "
                + "gpu:N, got 'tpu'");
    }

    @Test
    void unknownSectionIsNamed() {
        CliTestSupport.Result r = CliTestSupport.run("", "benchmark", "--sections", "pool,speed");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown section 'speed'");
        assertThat(r.out()).as("nothing measured before the error").doesNotContain("pool_heap");
    }

    @Test
    void referenceLinesAreParsedAsJsonAndALineWithoutItsFieldsIsNamed() throws Exception {
        PytorchReference.Result ok = PytorchReference.parse(
                "{\"bench\":\"train\",\"batch\":32,\"note\":\"C:\\\\torch \\\"x\\\"\",\"images_per_s\":41.5}\n"
                        + "{\"images_per_s\":1.5e2,\"bench\":\"score\",\"batch\":64}\n");
        assertThat(ok.imagesPerSecond()).containsEntry("train@32", 41.5).containsEntry("score@64", 150.0);
        assertThatThrownBy(() -> PytorchReference.parse("{\"bench\":\"train\",\"images_per_s\":3}"))
                .hasMessageContaining("needs the fields bench, batch and images_per_s");
        assertThatThrownBy(() -> PytorchReference.parse("Traceback (most recent call last):"))
                .hasMessageContaining("Unexpected line from the PyTorch reference");
    }

    @Test
    void measurementsAreValidJsonWhateverTheirStrings() {
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("bench", "machine");
        fields.put("path", "C:\\data \"quoted\"");
        fields.put("images_per_s", 123.25);
        fields.put("missing", Double.NaN);
        fields.put("cores", 2);
        String line = JsonValues.object(fields);
        com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(line).getAsJsonObject();
        assertThat(o.get("path").getAsString()).isEqualTo("C:\\data \"quoted\"");
        assertThat(o.get("images_per_s").getAsDouble()).isEqualTo(123.25);
        assertThat(o.get("missing").isJsonNull()).isTrue();
        assertThat(line).startsWith("{\"bench\":\"machine\",");
        assertThat(JsonValues.num(1234567.0).toString()).isEqualTo("1234570");
        assertThat(JsonValues.num(0.88733333).toString()).isEqualTo("0.887333");
    }

    @Test
    void theLabelingTimeSectionComparesSynchronousAndBackgroundTraining() {
        CliTestSupport.Result r = CliTestSupport.run("", "benchmark", "--quick", "--sections", "labeling",
                "--device", "cpu");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().filter(l -> l.contains("\"bench\":\"labeling_time\"")).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"mode\":\"synchronous\"").contains("\"answers\":14");
        assertThat(lines.get(1)).contains("\"mode\":\"background\"").contains("\"answers\":14");
        for (String l : lines) {
            assertThat(positive(l, "wall_s")).isGreaterThanOrEqualTo(positive(l, "waited_s"));
            assertThat(positive(l, "trainings")).isGreaterThanOrEqualTo(3);
        }
    }
}
