package org.activelearning.djl.data;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Decodes an image file (PNG, JPEG, BMP or GIF, through DJL's {@link ImageFactory}) into a square
 * uint8 RGB {@link PlanarImage}: the shorter side is resized to the target size, keeping the aspect
 * ratio, then the center is cropped to a square; grayscale and palette images become three equal
 * channels, and transparency is dropped.
 */
public final class ImageDecoder {

    private ImageDecoder() {}

    /**
     * Decodes and resizes one file.
     *
     * @param file the image file
     * @param size the side of the square result, in pixels
     * @return the image, 3 x size x size
     * @throws IOException if the file cannot be read or is not an image the JDK can decode, naming the file
     */
    public static PlanarImage square(Path file, int size) throws IOException {
        return square(read(file), size);
    }

    /**
     * Decodes and resizes one encoded image held in memory, as a row of a table of images holds it.
     *
     * @param encoded the bytes of an image file (PNG, JPEG, BMP or GIF)
     * @param name what to call the image in errors, for example its path or id
     * @param size the side of the square result, in pixels
     * @return the image, 3 x size x size
     * @throws IOException if the bytes are not an image the JDK can decode, naming the image
     */
    public static PlanarImage square(byte[] encoded, String name, int size) throws IOException {
        Image image;
        try {
            image = ImageFactory.getInstance().fromInputStream(new java.io.ByteArrayInputStream(encoded));
        } catch (IOException | RuntimeException e) {
            throw new IOException(name + " is not a readable image (" + e.getMessage() + ")", e);
        }
        return square(checked(image, name), size);
    }

    private static PlanarImage square(Image image, int size) {
        int w = image.getWidth();
        int h = image.getHeight();
        // shorter side to `size`, the longer one in proportion (rounded, never below `size`)
        int rw = w <= h ? size : Math.max(size, (int) Math.round((double) w * size / h));
        int rh = w <= h ? Math.max(size, (int) Math.round((double) h * size / w)) : size;
        Image resized = image.resize(rw, rh, true);
        Image cropped = resized.getSubImage((rw - size) / 2, (rh - size) / 2, size, size);
        return planar((BufferedImage) cropped.getWrappedImage(), size, size);
    }

    /**
     * Decodes one file at its own aspect, scaled so that it fits a box (for display).
     *
     * @param file the image file
     * @param maxWidth the box width in pixels
     * @param maxHeight the box height in pixels
     * @return the image, 3 x h x w with {@code w <= maxWidth}, {@code h <= maxHeight}
     * @throws IOException if the file cannot be read or decoded
     */
    public static PlanarImage fit(Path file, int maxWidth, int maxHeight) throws IOException {
        Image image = read(file);
        double scale = Math.min((double) maxWidth / image.getWidth(), (double) maxHeight / image.getHeight());
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        Image resized = image.resize(w, h, true);
        return planar((BufferedImage) resized.getWrappedImage(), w, h);
    }

    private static Image read(Path file) throws IOException {
        Image image;
        try {
            image = ImageFactory.getInstance().fromFile(file);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " is not a readable image (" + e.getMessage() + ")", e);
        }
        return checked(image, String.valueOf(file));
    }

    private static Image checked(Image image, String name) throws IOException {
        if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
            throw new IOException(name + " is not a readable image (no pixels)");
        }
        if (image.getWrappedImage() instanceof BufferedImage b
                && b.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            // a gray sample is the gray level a viewer shows; Java's drawing and getRGB would pass it
            // through a linear gray colour space and brighten it (100 becomes 168)
            return ImageFactory.getInstance().fromImage(grayToRgb(b));
        }
        return image;
    }

    private static BufferedImage grayToRgb(BufferedImage gray) {
        int w = gray.getWidth();
        int h = gray.getHeight();
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Raster r = gray.getRaster();
        int shift = Math.max(0, r.getSampleModel().getSampleSize(0) - 8);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = r.getSample(x, y, 0) >> shift;
                rgb.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return rgb;
    }

    private static PlanarImage planar(BufferedImage img, int w, int h) {
        byte[] data = new byte[3 * w * h];
        int plane = w * h;
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            data[i] = (byte) (p >> 16);
            data[plane + i] = (byte) (p >> 8);
            data[2 * plane + i] = (byte) p;
        }
        return new PlanarImage(data, 0, 3, h, w);
    }
}
