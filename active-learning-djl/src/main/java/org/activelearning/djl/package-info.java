/**
 * Active learning on DJL's PyTorch engine: a standard ResNet-18 ({@link
 * org.activelearning.djl.ResNet18}, He et al., "Deep Residual Learning for Image Recognition",
 * CVPR 2016) and the {@link org.activelearning.djl.ResNetLearner}, which trains on every GPU DJL
 * reports (otherwise the CPU) and scores pools in batches, returning plain heap arrays.
 */
package org.activelearning.djl;
