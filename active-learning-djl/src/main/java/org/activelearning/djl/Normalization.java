package org.activelearning.djl;

import java.util.Arrays;

/**
 * Per-channel input normalization applied after scaling bytes to {@code [0, 1]}: {@code (x / 255 -
 * mean) / std}.
 *
 * @param mean per-channel means
 * @param std per-channel standard deviations, positive
 */
public record Normalization(float[] mean, float[] std) {

    /** Maps bytes to {@code [-1, 1]}, as in the reference recipe: mean 0.5, std 0.5. */
    public static final Normalization MINUS_ONE_TO_ONE =
            new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f});

    /** CIFAR-10's channel statistics. */
    public static final Normalization CIFAR10 = new Normalization(
            new float[] {0.4914f, 0.4822f, 0.4465f}, new float[] {0.2023f, 0.1994f, 0.2010f});

    /** ImageNet's channel statistics, for ImageNet-pretrained weights. */
    public static final Normalization IMAGENET = new Normalization(
            new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});

    /**
     * Validates and copies.
     *
     * @param mean per-channel means
     * @param std per-channel standard deviations, positive
     */
    public Normalization {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("mean and std need one value per channel, got " + mean.length + " and "
                    + std.length);
        }
        for (float s : std) {
            if (!(s > 0) || !Float.isFinite(s)) {
                throw new IllegalArgumentException("std values must be positive and finite, got " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * The per-channel means (a copy).
     *
     * @return the means
     */
    @Override
    public float[] mean() {
        return mean.clone();
    }

    /**
     * The per-channel standard deviations (a copy).
     *
     * @return the standard deviations
     */
    @Override
    public float[] std() {
        return std.clone();
    }

    /**
     * Looks up a named normalization.
     *
     * @param name {@code minus-one-to-one}, {@code cifar10} or {@code imagenet}
     * @return the normalization
     */
    public static Normalization byName(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "minus-one-to-one", "[-1,1]", "default" -> MINUS_ONE_TO_ONE;
            case "cifar10" -> CIFAR10;
            case "imagenet" -> IMAGENET;
            default -> throw new IllegalArgumentException(
                    "Unknown normalization '" + name + "'; use minus-one-to-one, cifar10 or imagenet");
        };
    }
}
