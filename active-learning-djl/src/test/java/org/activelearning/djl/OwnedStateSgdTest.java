package org.activelearning.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.tracker.Tracker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.activelearning.core.LabeledExample;
import org.activelearning.djl.data.CifarDataset;
import org.activelearning.djl.data.PlanarImage;
import org.activelearning.djl.data.SyntheticImages;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class OwnedStateSgdTest {

    @Test
    void momentumBuffersBelongToTheOptimizerAndAreFreedOnClose() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray weight = manager.create(new float[] {1f, 2f});
            NDArray grad = manager.create(new float[] {0.5f, -0.5f});
            OwnedStateSgd sgd = OwnedStateSgd.create(Tracker.fixed(0.1f), 0.9f, 0f, 1, manager);
            int before = manager.getManagedArrays().size();
            sgd.update("w", weight, grad);
            sgd.update("w", weight, grad);
            // one momentum buffer, owned (and counted) under the given manager
            assertThat(manager.getManagedArrays()).hasSize(before + 1);
            // plain SGD with momentum: v = 0.9 v + g; w -= 0.1 v, twice
            assertThat(weight.toFloatArray()[0]).isCloseTo(1f - 0.1f * 0.5f - 0.1f * (0.9f * 0.5f + 0.5f),
                    org.assertj.core.data.Offset.offset(1e-5f));
            sgd.close();
            assertThat(manager.getManagedArrays()).hasSize(before);
        }
    }

    @Test
    void dataParallelUpdatesShareOneScheduleStepAndAverageTheSummedGradient() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            List<Integer> asked = new ArrayList<>();
            ai.djl.training.tracker.ParameterTracker recording = (id, step) -> {
                asked.add(step);
                return 1f;
            };
            NDArray weight = manager.create(new float[] {0f});
            // two replicas: DJL's parameter server passes the sum of both shards' gradients, here 2
            try (NDArray grad = manager.create(new float[] {2f})) {
                OwnedStateSgd sgd = OwnedStateSgd.create(recording, 0f, 0f, 2, manager);
                sgd.update("w", weight, grad); // batch 1, device 0
                assertThat(weight.toFloatArray()[0]).as("sum of two shard gradients averaged").isEqualTo(-1f);
                sgd.update("w", weight, grad); // batch 1, device 1
                sgd.update("w", weight, grad); // batch 2, device 0
                sgd.update("w", weight, grad); // batch 2, device 1
                sgd.close();
            }
            assertThat(asked).containsExactly(1, 1, 2, 2);

            asked.clear();
            try (NDArray grad = manager.create(new float[] {2f})) {
                OwnedStateSgd single = OwnedStateSgd.create(recording, 0f, 0f, 1, manager);
                single.update("w", weight, grad);
                single.update("w", weight, grad);
                single.close();
            }
            assertThat(asked).containsExactly(1, 2);
        }
    }

    private static long median(List<Long> three) {
        return three.stream().sorted().toList().get(1);
    }

    @Test
    void residentMemoryStaysFlatAcrossTrainingRounds() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/status")), "needs Linux /proc");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Dai.djl.offline=true",
                RssProbe.class.getName()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor()).as(output).isZero();
        List<Long> rss = output.lines().filter(l -> l.startsWith("rss ")).map(l -> Long.parseLong(l.substring(4)))
                .toList();
        assertThat(rss).as(output).hasSize(14);
        // each leaked copy of ResNet-18's weights or momentum adds 45 MB a round, 450 MB over the ten
        // rounds between these medians; the allocator's own noise was up to about 110 MB between two rounds
        long early = median(rss.subList(1, 4));
        long late = median(rss.subList(11, 14));
        assertThat(late - early).as("RSS MB per round: " + rss).isLessThan(200);
    }
}
