package org.activelearning.djl;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * The standard ResNet-18 (He, Zhang, Ren and Sun, "Deep Residual Learning for Image Recognition",
 * CVPR 2016): basic residual blocks in four stages of two, 64 to 512 filters, global average
 * pooling and a linear head.
 *
 * <p>DJL's {@code ResNetV1} with 18 layers builds bottleneck blocks and so is not this network;
 * this class builds the torchvision layout, with 11,173,962 trainable parameters for ten classes
 * with the CIFAR stem and 11,181,642 with the ImageNet stem.
 */
public final class ResNet18 {

    /** The first layers of the network. */
    public enum Stem {
        /** 3x3 convolution with stride 1 and no max-pool: for 32x32 inputs such as CIFAR-10. */
        CIFAR,
        /**
         * 7x7 convolution with stride 2 and a 3x3 max-pool with stride 2, as torchvision: about 8x
         * cheaper on 32x32 inputs, and the layout of ImageNet-pretrained weights.
         */
        IMAGENET
    }

    /** Width of the feature vector before the head. */
    public static final int FEATURES = 512;

    private ResNet18() {}

    /**
     * The network without its head: images {@code (N, 3, H, W)} to features {@code (N, 512)}.
     *
     * @param stem the stem
     * @return the feature extractor
     */
    public static SequentialBlock features(Stem stem) {
        SequentialBlock net = new SequentialBlock();
        if (stem == Stem.CIFAR) {
            net.add(conv(64, 3, 1, 1)).add(BatchNorm.builder().build()).add(Activation::relu);
        } else {
            net.add(conv(64, 7, 2, 3))
                    .add(BatchNorm.builder().build())
                    .add(Activation::relu)
                    .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        }
        int in = 64;
        int[] widths = {64, 128, 256, 512};
        for (int stage = 0; stage < widths.length; stage++) {
            int stride = stage == 0 ? 1 : 2;
            net.add(basicBlock(in, widths[stage], stride));
            net.add(basicBlock(widths[stage], widths[stage], 1));
            in = widths[stage];
        }
        net.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
        return net;
    }

    /**
     * The classification head: a linear layer with bias from 512 features to the classes.
     *
     * @param classes the number of classes
     * @return the head
     */
    public static Block head(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        }
        return Linear.builder().setUnits(classes).build();
    }

    /**
     * The whole network: features then head, producing logits.
     *
     * @param stem the stem
     * @param classes the number of classes
     * @return the network
     */
    public static SequentialBlock network(Stem stem, int classes) {
        return new SequentialBlock().add(features(stem)).add(head(classes));
    }

    private static Block conv(int filters, int kernel, int stride, int padding) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optBias(false)
                .build();
    }

    private static Block basicBlock(int in, int out, int stride) {
        SequentialBlock main = new SequentialBlock()
                .add(conv(out, 3, stride, 1))
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(conv(out, 3, 1, 1))
                .add(BatchNorm.builder().build());
        Block shortcut = stride != 1 || in != out
                ? new SequentialBlock().add(conv(out, 1, stride, 0)).add(BatchNorm.builder().build())
                : Blocks.identityBlock();
        return new ParallelBlock(
                list -> new NDList(Activation.relu(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow()))),
                List.of(main, shortcut));
    }
}
