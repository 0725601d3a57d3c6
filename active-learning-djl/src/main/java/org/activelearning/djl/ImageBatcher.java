package org.activelearning.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.activelearning.djl.data.PlanarImage;

/**
 * Turns uint8 images into normalized float batches on the device: staging through one reused
 * direct buffer, byte-level augmentation (random crop of a zero-padded image, optional horizontal
 * flip) and per-channel normalization.
 *
 * <p>The normalization constants live in the network's manager and are recreated with each new
 * network ({@link #attach}); everything else is plain Java memory this object owns. Not thread-safe:
 * one learner, one batcher.
 */
final class ImageBatcher {

    private final int channels;
    private final int height;
    private final int width;
    private final Normalization normalization;
    /** Reused direct staging memory for uint8 batches: no per-batch direct buffers for the GC to collect. */
    private ByteBuffer staging = ByteBuffer.allocateDirect(0);
    private byte[] scratch = new byte[0];
    private NDArray mean;
    private NDArray std;

    ImageBatcher(int channels, int height, int width, Normalization normalization) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.normalization = normalization;
    }

    /**
     * Creates the normalization constants in a network's manager; they are freed with it.
     *
     * @param manager the network's manager
     */
    void attach(NDManager manager) {
        mean = manager.create(normalization.mean()).reshape(1, channels, 1, 1);
        std = manager.create(normalization.std()).reshape(1, channels, 1, 1);
    }

    /** The input shape of one image: channels x height x width. */
    Shape imageShape(int batch) {
        return new Shape(batch, channels, height, width);
    }

    /**
     * Rejects an image of another shape, naming both.
     *
     * @param img the image
     */
    void check(PlanarImage img) {
        if (img.channels() != channels || img.height() != height || img.width() != width) {
            throw new IllegalArgumentException("Image of shape " + img.channels() + "x" + img.height() + "x"
                    + img.width() + " does not match the learner's input shape " + channels + "x" + height + "x"
                    + width);
        }
    }

    /**
     * Builds a normalized float batch from uint8 images, optionally augmented, in the given manager.
     *
     * <p>The bytes go through one reused direct buffer that the uint8 tensor views; callers close
     * that tensor (with its manager) before the next call.
     *
     * @param manager where the batch is created (closing it frees the batch)
     * @param images the images, already checked
     * @param rnd the augmentation's randomness (unused without augmentation)
     * @param aug the augmentation
     * @return the batch, (N, C, H, W) float32
     */
    NDArray toInput(NDManager manager, List<PlanarImage> images, SplittableRandom rnd, Augmentation aug) {
        if (mean == null) {
            throw new IllegalStateException("attach(manager) first");
        }
        int size = channels * height * width;
        int total = images.size() * size;
        if (staging.capacity() < total) {
            staging = ByteBuffer.allocateDirect(total);
        }
        if (scratch.length < size) {
            scratch = new byte[size];
        }
        ByteBuffer view = staging.duplicate();
        view.clear();
        for (PlanarImage img : images) {
            if (aug == Augmentation.NONE) {
                view.put(img.data(), img.offset(), size);
            } else {
                cropAndFlip(img, scratch, rnd.nextInt(-4, 5), rnd.nextInt(-4, 5),
                        aug == Augmentation.CROP_FLIP && rnd.nextBoolean());
                view.put(scratch, 0, size);
            }
        }
        view.flip();
        NDArray u8 = manager.create(view.slice(), imageShape(images.size()), DataType.UINT8);
        return u8.toType(DataType.FLOAT32, false).divi(255f).subi(mean).divi(std);
    }

    /** Random crop of a zero-padded image (shift by dx, dy) and optional horizontal flip, on bytes. */
    private void cropAndFlip(PlanarImage img, byte[] out, int dx, int dy, boolean flip) {
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                int sy = y + dy;
                for (int x = 0; x < width; x++) {
                    int sx = (flip ? width - 1 - x : x) + dx;
                    int v = sy < 0 || sy >= height || sx < 0 || sx >= width ? 0 : img.get(c, sy, sx);
                    out[(c * height + y) * width + x] = (byte) v;
                }
            }
        }
    }
}
