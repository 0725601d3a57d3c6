package org.activelearning.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.Test;

class ResNet18Test {

    private static long trainable(Block block) {
        long n = 0;
        for (Parameter p : block.getParameters().values()) {
            if (p.requiresGradient()) {
                n += p.getArray().getShape().size();
            }
        }
        return n;
    }

    @Test
    void parameterCountsMatchTorchvisionResNet18() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block cifar = ResNet18.network(ResNet18.Stem.CIFAR, 10);
            cifar.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            assertThat(trainable(cifar)).isEqualTo(11_173_962L);
            Block imagenet = ResNet18.network(ResNet18.Stem.IMAGENET, 10);
            imagenet.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            assertThat(trainable(imagenet)).isEqualTo(11_181_642L);
            assertThat(cifar.getOutputShapes(new Shape[] {new Shape(2, 3, 32, 32)})[0]).isEqualTo(new Shape(2, 10));
            assertThat(imagenet.getOutputShapes(new Shape[] {new Shape(2, 3, 32, 32)})[0]).isEqualTo(new Shape(2, 10));
        }
    }
}
