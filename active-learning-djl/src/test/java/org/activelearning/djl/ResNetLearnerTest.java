package org.activelearning.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.activelearning.core.LabeledExample;
import org.activelearning.core.Probabilities;
import org.activelearning.djl.data.CifarDataset;
import org.activelearning.djl.data.PlanarImage;
import org.activelearning.djl.data.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResNetLearnerTest {

    @TempDir
    Path dir;

    static ResNetLearnerBuilder learner(ResNet18.Stem stem, int epochs) {
        return ResNetLearner.builder().setClassNames(SyntheticImages.CLASSES).optStem(stem).optEpochs(epochs)
                .optBatchSize(32).optDevice("cpu").optSeed(7);
    }

    static List<LabeledExample<PlanarImage, Integer>> examples(CifarDataset d, int from, int to) {
        List<LabeledExample<PlanarImage, Integer>> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(new LabeledExample<>(i, d.image(i), d.label(i)));
        }
        return out;
    }

    static List<PlanarImage> images(CifarDataset d, int from, int to) {
        List<PlanarImage> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(d.image(i));
        }
        return out;
    }

    @Test
    void learnsTheSyntheticImagesWellAboveChance() {
        CifarDataset data = SyntheticImages.generate(900, 11);
        try (ResNetLearner l = learner(ResNet18.Stem.IMAGENET, 8).optLearningRate(0.05f).build()) {
            l.fit(examples(data, 0, 700));
            Probabilities p = l.predictProbabilities(images(data, 700, 900));
            int correct = 0;
            for (int i = 0; i < 200; i++) {
                if (p.argMax(i) == data.label(700 + i)) {
                    correct++;
                }
            }
            // chance is 0.10
            assertThat(correct / 200.0).isGreaterThan(0.5);
        }
    }

    @Test
    void scoringReturnsProbabilityRowsInInputOrderWhateverTheBatchSize() {
        CifarDataset data = SyntheticImages.generate(40, 12);
        try (ResNetLearner big = learner(ResNet18.Stem.CIFAR, 1).optScoringBatchSize(256).build();
                ResNetLearner small = learner(ResNet18.Stem.CIFAR, 1).optScoringBatchSize(3).build()) {
            big.fit(examples(data, 0, 16));
            small.fit(examples(data, 0, 16));
            Probabilities a = big.predictProbabilities(images(data, 16, 40));
            Probabilities b = small.predictProbabilities(images(data, 16, 40));
            assertThat(a.rows()).isEqualTo(24);
            assertThat(a.classes()).isEqualTo(10);
            for (int r = 0; r < 24; r++) {
                float sum = 0;
                for (int c = 0; c < 10; c++) {
                    sum += a.get(r, c);
                    assertThat(a.get(r, c)).isBetween(0f, 1f).isCloseTo(b.get(r, c), within(1e-4f));
                }
                assertThat(sum).isCloseTo(1f, within(1e-4f));
            }
            // one image alone gets the same row as inside the batch: order is preserved
            Probabilities single = big.predictProbabilities(List.of(data.image(30)));
            for (int c = 0; c < 10; c++) {
                assertThat(single.get(0, c)).isCloseTo(a.get(30 - 16, c), within(1e-4f));
            }
            assertThat(big.predictProbabilities(List.of()).rows()).isZero();
        }
    }

    @Test
    void embeddingsArePenultimateFeatures() {
        CifarDataset data = SyntheticImages.generate(10, 13);
        try (ResNetLearner l = learner(ResNet18.Stem.IMAGENET, 1).build()) {
            l.fit(examples(data, 0, 8));
            float[][] e = l.embed(images(data, 0, 5));
            assertThat(e).hasNumberOfRows(5);
            assertThat(e[0]).hasSize(512);
            assertThat(l.embeddingSize()).isEqualTo(512);
            // the classifier applied to the embeddings gives exactly the learner's probabilities
            Probabilities p = l.predictProbabilities(images(data, 0, 5));
            try (NDManager m = NDManager.newBaseManager("PyTorch")) {
                float[] flat = new float[5 * 512];
                for (int r = 0; r < 5; r++) {
                    System.arraycopy(e[r], 0, flat, r * 512, 512);
                }
                float[] fromHead = l.headForTests().forward(new ParameterStore(m, false),
                        new NDList(m.create(flat, new Shape(5, 512))), false).singletonOrThrow().softmax(1)
                        .toFloatArray();
                for (int r = 0; r < 5; r++) {
                    for (int c = 0; c < 10; c++) {
                        assertThat(fromHead[r * 10 + c]).isCloseTo(p.get(r, c), within(1e-5f));
                    }
                }
            }
            // features after ReLU and average pooling: non-negative, and they differ between images
            for (float v : e[0]) {
                assertThat(v).isGreaterThanOrEqualTo(0f);
            }
            assertThat(e[0]).isNotEqualTo(e[1]);
        }
    }

    @Test
    void checkpointRoundTripGivesIdenticalPredictions() throws Exception {
        CifarDataset data = SyntheticImages.generate(30, 14);
        Path ckpt = dir.resolve("round-1.ckpt");
        Probabilities before;
        try (ResNetLearner l = learner(ResNet18.Stem.IMAGENET, 1).build()) {
            l.fit(examples(data, 0, 20));
            before = l.predictProbabilities(images(data, 20, 30));
            l.saveCheckpoint(ckpt);
        }
        try (ResNetLearner l = learner(ResNet18.Stem.IMAGENET, 1).build()) {
            l.loadCheckpoint(ckpt);
            Probabilities after = l.predictProbabilities(images(data, 20, 30));
            for (int r = 0; r < 10; r++) {
                for (int c = 0; c < 10; c++) {
                    assertThat(after.get(r, c)).isEqualTo(before.get(r, c));
                }
            }
        }
        try (ResNetLearner other = learner(ResNet18.Stem.CIFAR, 1).build()) {
            assertThatThrownBy(() -> other.loadCheckpoint(ckpt)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("resnet18-imagenet-stem").hasMessageContaining("resnet18-cifar-stem");
        }
        try (ResNetLearner fewer = ResNetLearner.builder().setClassNames(List.of("a", "b", "c"))
                .optStem(ResNet18.Stem.IMAGENET).optDevice("cpu").build()) {
            assertThatThrownBy(() -> fewer.loadCheckpoint(ckpt)).hasMessageContaining("10 classes")
                    .hasMessageContaining("3 classes");
        }
        List<String> renamed = new ArrayList<>(SyntheticImages.CLASSES);
        java.util.Collections.swap(renamed, 0, 1);
        try (ResNetLearner swapped = ResNetLearner.builder().setClassNames(renamed).optStem(ResNet18.Stem.IMAGENET)
                .optDevice("cpu").build()) {
            assertThatThrownBy(() -> swapped.loadCheckpoint(ckpt)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("was trained on the classes [red disk, blue disk,")
                    .hasMessageContaining("this learner has [blue disk, red disk,")
                    .hasMessageContaining("same class names in the same order");
        }
        Path junk = dir.resolve("junk.ckpt");
        Files.writeString(junk, "hello");
        try (ResNetLearner l = learner(ResNet18.Stem.IMAGENET, 1).build()) {
            assertThatThrownBy(() -> l.loadCheckpoint(junk)).hasMessageContaining("not a ResNet-18 checkpoint");
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "continue training: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void repeatedRoundsDoNotGrowTheNDManagerTree(boolean continueTraining) {
        CifarDataset data = SyntheticImages.generate(40, 15);
        NDManager probe = NDManager.newBaseManager("PyTorch");
        NDManager system = probe.getParentManager();
        probe.close();
        try (ResNetLearner l = learner(ResNet18.Stem.IMAGENET, 1).optContinueTraining(continueTraining).build()) {
            List<Integer> counts = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                l.fit(examples(data, 0, 16 + round * 4));
                l.predictProbabilities(images(data, 0, 40));
                l.embed(images(data, 0, 8));
                counts.add(system.getManagedArrays().size());
            }
            // steady from the second round on: nothing accumulates per round
            assertThat(counts.get(1)).isPositive();
            assertThat(counts.subList(1, counts.size())).allSatisfy(c -> assertThat(c).isEqualTo(counts.get(1)));
        }
        assertThat(system.getManagedArrays()).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "continue training: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void continueTrainingStartsTheNextFitWhereTheLastEnded(boolean continueTraining) {
        CifarDataset data = SyntheticImages.generate(20, 16);
        List<List<Float>> losses = new ArrayList<>();
        TrainingProgress record = new TrainingProgress() {
            @Override
            public void trainingPlanned(int steps, int batchesPerEpoch, int examples) {
                losses.add(new ArrayList<>());
            }

            @Override
            public void batchTrained(int epoch, int batch, float loss) {
                losses.get(losses.size() - 1).add(loss);
            }
        };
        try (ResNetLearner l = learner(ResNet18.Stem.IMAGENET, 1).optContinueTraining(continueTraining)
                .optAugmentation(false).optBatchSize(8).optMinSteps(80).optContinuedMinSteps(10)
                .optTrainingProgress(record).build()) {
            l.fit(examples(data, 0, 16));
            l.fit(examples(data, 0, 16));
            assertThat(l.trainableParameters()).isEqualTo(11_181_642L);
        }
        float firstFitStart = losses.get(0).get(0);
        float firstFitEnd = losses.get(0).get(losses.get(0).size() - 1);
        float secondFitStart = losses.get(1).get(0);
        assertThat(firstFitEnd).as("the first fit learned its 16 images").isLessThan(0.3f * firstFitStart);
        if (continueTraining) {
            // the second fit starts from the trained network: its first loss is that of a trained model
            assertThat(secondFitStart).isLessThan(0.5f * firstFitStart);
        } else {
            // fresh weights start from an untrained network's loss again
            assertThat(secondFitStart).isGreaterThan(0.5f * firstFitStart);
        }
    }

    @Test
    void badSettingsAndMisuseAreClearErrors() {
        assertThatThrownBy(() -> ResNetLearner.builder().setClassNames(List.of("only")).optEpochs(0).optBatchSize(-1)
                .optLearningRate(Float.NaN).optMomentum(1.5f).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 classes, got 1")
                .hasMessageContaining("epochs must be >= 1, got 0")
                .hasMessageContaining("batch size must be >= 1, got -1")
                .hasMessageContaining("learning rate must be positive and finite, got NaN")
                .hasMessageContaining("momentum must be in [0, 1), got 1.5");
        assertThatThrownBy(() -> learner(ResNet18.Stem.CIFAR, 1).optDevice("tpu").build())
                .hasMessageContaining("Unknown device 'tpu'");
        try (ResNetLearner l = learner(ResNet18.Stem.CIFAR, 1).build()) {
            assertThatThrownBy(() -> l.predictProbabilities(List.of(SyntheticImages.generate(1, 1).image(0))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("not been trained");
            assertThatThrownBy(() -> l.fit(List.of())).hasMessageContaining("Cannot train on 0 labeled images");
            PlanarImage img = SyntheticImages.generate(1, 1).image(0);
            assertThatThrownBy(() -> l.fit(List.of(new LabeledExample<>(3, img, 10))))
                    .hasMessageContaining("Label 10 of id 3");
            PlanarImage small = new PlanarImage(new byte[3 * 16 * 16], 0, 3, 16, 16);
            assertThatThrownBy(() -> l.fit(List.of(new LabeledExample<>(4, small, 1))))
                    .hasMessageContaining("3x16x16").hasMessageContaining("3x32x32");
        }
    }

    @Test
    void deviceChoiceFollowsWhatDjlReports() {
        int gpus = ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount();
        assertThat(Devices.resolve("cpu")).containsExactly(ai.djl.Device.cpu());
        if (gpus == 0) {
            assertThat(Devices.resolve("auto")).containsExactly(ai.djl.Device.cpu());
            assertThatThrownBy(() -> Devices.resolve("gpu")).hasMessageContaining("finds no GPU");
            assertThatThrownBy(() -> Devices.resolve("gpu:1")).hasMessageContaining("'gpu:1' does not exist");
        } else {
            assertThat(Devices.resolve("auto")).hasSize(gpus).allSatisfy(d -> assertThat(d.isGpu()).isTrue());
        }
    }

    @Test
    void missingNativesAreExplainedNotJustReported(@TempDir Path dir) throws Exception {
        // as a -Dgpu build without network: no bundled natives, no cached ones, downloads forbidden
        String classpath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !e.contains("pytorch-native-cpu"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-cp", classpath, "-Dai.djl.offline=true",
                "-DDJL_CACHE_DIR=" + dir.resolve("djl"), "-DENGINE_CACHE_DIR=" + dir.resolve("engine"),
                EngineLoadProbe.class.getName()).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(child.waitFor()).as(out).isEqualTo(3);
        assertThat(out).contains("DJL could not load PyTorch's native library").contains("pytorch-native-cu")
                .contains("PYTORCH_LIBRARY_PATH");
    }

    @Test
    void deviceChoiceOnMachinesWithGpus() {
        ai.djl.Device gpu0 = ai.djl.Device.gpu(0);
        ai.djl.Device gpu1 = ai.djl.Device.gpu(1);
        assertThat(Devices.choose("auto", 2)).containsExactly(gpu0, gpu1);
        assertThat(Devices.choose(" GPU ", 2)).containsExactly(gpu0, gpu1);
        assertThat(Devices.choose("gpu:1", 2)).containsExactly(gpu1);
        assertThat(Devices.choose("cpu", 2)).containsExactly(ai.djl.Device.cpu());
        assertThat(Devices.choose("auto", 1)).containsExactly(gpu0);
        assertThatThrownBy(() -> Devices.choose("gpu:2", 2))
                .hasMessageContaining("'gpu:2' does not exist").hasMessageContaining("gpu:0 .. gpu:1");
        assertThatThrownBy(() -> Devices.choose("gpu", 0)).hasMessageContaining("finds no GPU");
        assertThatThrownBy(() -> Devices.choose("cuda", 2))
                .hasMessageContaining("Unknown device 'cuda'").hasMessageContaining("gpu:N");
        assertThatThrownBy(() -> Devices.choose("gpu:99999999999", 2)).hasMessageContaining("Unknown device");
    }

    @Test
    void scoringBatchDefaultsToCacheFriendlySizesOnCpuAndCanBeSet() {
        List<String> names = List.of("a", "b");
        try (ResNetLearner cifar = ResNetLearner.builder().setClassNames(names).optDevice("cpu").build();
                ResNetLearner imagenet = ResNetLearner.builder().setClassNames(names).optDevice("cpu")
                        .optStem(ResNet18.Stem.IMAGENET).build();
                ResNetLearner set = ResNetLearner.builder().setClassNames(names).optDevice("cpu")
                        .optScoringBatchSize(100).build()) {
            assertThat(cifar.scoringBatchSize()).isEqualTo(64);
            assertThat(imagenet.scoringBatchSize()).isEqualTo(256);
            assertThat(set.scoringBatchSize()).isEqualTo(100);
        }
        assertThat(ResNetLearnerBuilder.defaultScoringBatchSize(ResNet18.Stem.CIFAR, false, ai.djl.Device.gpu(0)))
                .isEqualTo(256);
        assertThatThrownBy(() -> ResNetLearner.builder().setClassNames(names).optScoringBatchSize(0).build())
                .hasMessageContaining("scoring batch size must be >= 1, got 0");
    }

    @Test
    void aTorchScriptBackboneTrainsOnOneDeviceAndResNet18OnAll() {
        ai.djl.Device[] two = Devices.choose("auto", 2);
        assertThat(ResNetLearnerBuilder.trainingDevices(two, false)).containsExactly(two);
        assertThat(ResNetLearnerBuilder.trainingDevices(two, true)).containsExactly(ai.djl.Device.gpu(0));
        ai.djl.Device[] cpu = Devices.choose("cpu", 2);
        assertThat(ResNetLearnerBuilder.trainingDevices(cpu, true)).containsExactly(ai.djl.Device.cpu());
    }
}
