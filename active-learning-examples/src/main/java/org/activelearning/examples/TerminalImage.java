package org.activelearning.examples;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.activelearning.djl.data.PlanarImage;

/** Shows a small RGB image in a terminal with 24-bit colour half blocks, or writes it as a PNG. */
public final class TerminalImage {

    private TerminalImage() {}

    /**
     * Renders an image with the upper-half-block character: each character cell shows two pixel
     * rows, the upper as foreground and the lower as background colour.
     *
     * @param image an RGB image
     * @param scale how many character columns and half-rows each pixel takes, positive
     * @return lines of text with ANSI escape codes, each ending in a reset
     */
    public static String render(PlanarImage image, int scale) {
        if (image.channels() != 3) {
            throw new IllegalArgumentException("Only RGB images can be shown, got " + image.channels() + " channels");
        }
        int h = image.height() * scale;
        int w = image.width() * scale;
        StringBuilder sb = new StringBuilder(h / 2 * w * 40);
        for (int y = 0; y < h; y += 2) {
            for (int x = 0; x < w; x++) {
                int top = rgb(image, y / scale, x / scale);
                int bottom = y + 1 < h ? rgb(image, (y + 1) / scale, x / scale) : 0;
                sb.append("\u001b[38;2;").append(top >> 16 & 0xFF).append(';').append(top >> 8 & 0xFF).append(';')
                        .append(top & 0xFF).append("m\u001b[48;2;").append(bottom >> 16 & 0xFF).append(';')
                        .append(bottom >> 8 & 0xFF).append(';').append(bottom & 0xFF).append("m\u2580");
            }
            sb.append("\u001b[0m\n");
        }
        return sb.toString();
    }

    private static int rgb(PlanarImage img, int y, int x) {
        return img.get(0, y, x) << 16 | img.get(1, y, x) << 8 | img.get(2, y, x);
    }

    /**
     * Writes an image as a PNG, scaled up by pixel repetition so it is visible in a viewer.
     *
     * @param image an RGB image
     * @param file the PNG file; parent directories are created
     * @param scale the magnification, positive
     * @throws IOException if writing fails
     */
    public static void writePng(PlanarImage image, Path file, int scale) throws IOException {
        BufferedImage out = new BufferedImage(image.width() * scale, image.height() * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, rgb(image, y / scale, x / scale));
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (!ImageIO.write(out, "png", file.toFile())) {
            throw new IOException("No PNG writer available to write " + file);
        }
    }
}
