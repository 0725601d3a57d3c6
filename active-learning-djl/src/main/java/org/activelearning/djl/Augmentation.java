package org.activelearning.djl;

/**
 * Random augmentation of training images, applied on {@code uint8} bytes as each batch is built.
 */
public enum Augmentation {
    /** None: every epoch sees the same images. */
    NONE,
    /** A random crop of the image padded by 4 black pixels on each side (a shift of up to 4 pixels). */
    CROP,
    /**
     * {@link #CROP} and a horizontal flip with probability 1/2, the usual CIFAR-10 recipe; not for
     * classes whose mirror image is another class (digits, text).
     */
    CROP_FLIP
}
