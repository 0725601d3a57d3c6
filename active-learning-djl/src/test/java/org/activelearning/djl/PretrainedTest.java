package org.activelearning.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.activelearning.core.Probabilities;
import org.activelearning.djl.data.CifarDataset;
import org.activelearning.djl.data.SyntheticImages;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pretrained path, with a tiny TorchScript fixture made by scripts/export_resnet18_torchscript.py. */
class PretrainedTest {

    @TempDir
    Path dir;

    static Path fixture() throws Exception {
        return Path.of(PretrainedTest.class.getResource("/torchscript/tiny_embedding.pt").toURI());
    }

    @Test
    void loadsALocalTorchScriptFileAddsAHeadAndFineTunesIt() throws Exception {
        CifarDataset data = SyntheticImages.generate(48, 21);
        try (ResNetLearner l = ResNetLearner.builder().setClassNames(SyntheticImages.CLASSES)
                .optPretrained(Pretrained.file(fixture())).optEpochs(2).optBatchSize(16).optDevice("cpu")
                .optContinueTraining(true).optAugmentation(false).build()) {
            l.prepare();
            assertThat(l.embeddingSize()).isEqualTo(16);
            // the fixture's 2 convolutions and 2 batch norms (8*3*9 + 16 + 16*8*9 + 32 = 1,416) plus a 16 -> 10 head
            assertThat(l.trainableParameters()).isEqualTo(1_416 + 170);
            l.fit(ResNetLearnerTest.examples(data, 0, 40));
            Probabilities before = l.predictProbabilities(ResNetLearnerTest.images(data, 40, 48));
            l.fit(ResNetLearnerTest.examples(data, 0, 40));
            Probabilities after = l.predictProbabilities(ResNetLearnerTest.images(data, 40, 48));
            float change = 0;
            for (int r = 0; r < 8; r++) {
                float sum = 0;
                for (int c = 0; c < 10; c++) {
                    sum += after.get(r, c);
                    change += Math.abs(after.get(r, c) - before.get(r, c));
                }
                assertThat(sum).isCloseTo(1f, within(1e-4f));
            }
            assertThat(change).as("fine-tuning changes predictions").isGreaterThan(1e-3f);
            assertThat(l.embed(ResNetLearnerTest.images(data, 0, 3))[0]).hasSize(16);
            assertThat(l.architecture()).contains("torchscript");
        }
    }

    @Test
    void theModelZooFailsOfflineNamingTheLocalFileOption() {
        Assumptions.assumeTrue(Boolean.getBoolean("ai.djl.offline"), "only meaningful when DJL is offline");
        try (ResNetLearner l = ResNetLearner.builder().setClassNames(List.of("a", "b")).optPretrained(Pretrained.zoo())
                .optDevice("cpu").build()) {
            assertThatThrownBy(l::prepare).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("DJL model zoo")
                    .hasMessageContaining("Pretrained.file(path)").hasMessageNotContaining("--pretrained");
        }
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> Pretrained.file(dir.resolve("nope.pt"))).hasMessageContaining("nope.pt")
                .hasMessageContaining("does not exist");
        assertThat(Pretrained.parse("zoo").isZoo()).isTrue();
        assertThat(Pretrained.parse("https://example.org/m.pt").url()).isEqualTo("https://example.org/m.pt");
    }
}
