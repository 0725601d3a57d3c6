/**
 * Image data for the DJL learner: {@link org.activelearning.djl.data.PlanarImage} views over
 * {@code uint8} storage, the CIFAR-10 binary format ({@link
 * org.activelearning.djl.data.CifarDataset}), and a generator of learnable synthetic images in
 * the same format ({@link org.activelearning.djl.data.SyntheticImages}).
 */
package org.activelearning.djl.data;
