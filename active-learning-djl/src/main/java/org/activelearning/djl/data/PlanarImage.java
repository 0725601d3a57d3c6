package org.activelearning.djl.data;

import java.util.Objects;

/**
 * A view of one {@code uint8} image stored channel-planar (all red bytes, then green, then blue,
 * each plane row-major), as in the CIFAR-10 binary format. The bytes are shared, never copied:
 * a 50,000-image pool costs its 150 MB of bytes, not 600 MB of floats.
 *
 * @param data the backing array, shared by many images
 * @param offset where this image's first byte is
 * @param channels the number of channels (3 for RGB)
 * @param height the height in pixels
 * @param width the width in pixels
 */
public record PlanarImage(byte[] data, int offset, int channels, int height, int width) {

    /**
     * Validates that the image lies inside the backing array.
     *
     * @param data the backing array, shared by many images
     * @param offset where this image's first byte is
     * @param channels the number of channels (3 for RGB)
     * @param height the height in pixels
     * @param width the width in pixels
     */
    public PlanarImage {
        Objects.requireNonNull(data, "data");
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "Image dimensions must be positive, got " + channels + "x" + height + "x" + width);
        }
        if (offset < 0 || (long) offset + (long) channels * height * width > data.length) {
            throw new IllegalArgumentException("Image of " + channels * height * width + " bytes at offset " + offset
                    + " does not fit in a backing array of " + data.length + " bytes");
        }
    }

    /**
     * The number of bytes of this image.
     *
     * @return {@code channels * height * width}
     */
    public int byteSize() {
        return channels * height * width;
    }

    /**
     * One pixel value as an unsigned number.
     *
     * @param channel the channel
     * @param y the row
     * @param x the column
     * @return the value in {@code [0, 255]}
     */
    public int get(int channel, int y, int x) {
        return data[offset + (channel * height + y) * width + x] & 0xFF;
    }

    /**
     * Copies the image's bytes into a destination array.
     *
     * @param dest the destination
     * @param destOffset where to write
     */
    public void copyTo(byte[] dest, int destOffset) {
        System.arraycopy(data, offset, dest, destOffset, byteSize());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlanarImage p && p.data == data && p.offset == offset && p.channels == channels
                && p.height == height && p.width == width;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(data) * 31 + offset;
    }

    @Override
    public String toString() {
        return "PlanarImage[" + channels + "x" + height + "x" + width + " @" + offset + "]";
    }
}
