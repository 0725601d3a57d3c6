package org.activelearning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks that the benchmark runs and prints its figures; no speed is asserted. */
class BenchmarkCommandTest {

    @Test
    void quickBenchmarkPrintsEverySectionAsJsonLines() {
        CliTestSupport.Result r = CliTestSupport.run("", "benchmark", "--quick", "--device", "cpu");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("{\"bench\":\"").endsWith("}"));
        assertThat(lines.stream().filter(l -> l.contains("\"bench\":\"throughput\""))).hasSize(8)
                .allSatisfy(l -> assertThat(l).contains("\"train_images_per_s\":").contains("\"score_to_raw_ratio\":"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"stem\":\"cifar\"").contains("\"score_batch\":32"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"bench\":\"selection\"").contains("\"topk_ns_per_item\":"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"bench\":\"pool_heap\"").contains("\"ids\":1000000"));
        assertThat(lines.stream().filter(l -> l.contains("\"bench\":\"memory_round\""))).hasSize(3);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"bench\":\"memory_summary\""));
    }

    @Test
    void unknownSectionIsNamed() {
        CliTestSupport.Result r = CliTestSupport.run("", "benchmark", "--sections", "speed");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Unknown section 'speed'");
    }
}
