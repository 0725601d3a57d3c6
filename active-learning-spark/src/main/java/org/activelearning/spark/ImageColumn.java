package org.activelearning.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Objects;
import org.activelearning.djl.data.ImageDecoder;
import org.activelearning.djl.data.PlanarImage;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StringType;

/**
 * Where a pool row keeps its image and how to turn it into the learner's input: encoded file bytes
 * (PNG, JPEG, BMP or GIF), raw channel-planar {@code uint8} bytes already at the input size, or a
 * path that every executor can read (any Hadoop file system: local, HDFS, S3). Encoded and path
 * images are resized so that the shorter side fits and center-cropped, as {@link ImageDecoder} does
 * for image folders. Serializable: it travels to the executors with the scoring job.
 *
 * @param name the column's name
 * @param encoding how the column stores the image
 * @param channels the input's channels (3)
 * @param height the input's height in pixels
 * @param width the input's width in pixels
 * @serial exclude
 */
public record ImageColumn(String name, Encoding encoding, int channels, int height, int width)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How an image column stores its images. */
    public enum Encoding {
        /** The bytes of an image file, decoded with {@link ImageDecoder} (binary column). */
        ENCODED,
        /** Channel-planar {@code uint8} bytes of exactly {@code channels x height x width} (binary column). */
        PLANAR,
        /** A path or URI of an image file that the executors and the driver can read (string column). */
        PATH
    }

    /**
     * Validates the components.
     *
     * @param name the column's name
     * @param encoding how the column stores the image
     * @param channels the input's channels (3)
     * @param height the input's height in pixels
     * @param width the input's width in pixels
     */
    public ImageColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(encoding, "encoding");
        if (channels != 3 || height < 8 || width < 8) {
            throw new IllegalArgumentException("Images must be 3 channels of at least 8x8 pixels, got " + channels
                    + "x" + height + "x" + width);
        }
        if (encoding != Encoding.PLANAR && height != width) {
            throw new IllegalArgumentException("Encoded and path images are cropped to a square; got " + height + "x"
                    + width);
        }
    }

    /**
     * A column of encoded image files, decoded to squares of {@code size} pixels.
     *
     * @param name the column's name
     * @param size the side of the learner's square input
     * @return the column
     */
    public static ImageColumn encoded(String name, int size) {
        return new ImageColumn(name, Encoding.ENCODED, 3, size, size);
    }

    /**
     * A column of raw channel-planar RGB bytes at the learner's input size.
     *
     * @param name the column's name
     * @param height the height in pixels
     * @param width the width in pixels
     * @return the column
     */
    public static ImageColumn planar(String name, int height, int width) {
        return new ImageColumn(name, Encoding.PLANAR, 3, height, width);
    }

    /**
     * A column of image paths, decoded to squares of {@code size} pixels.
     *
     * @param name the column's name
     * @param size the side of the learner's square input
     * @return the column
     */
    public static ImageColumn paths(String name, int size) {
        return new ImageColumn(name, Encoding.PATH, 3, size, size);
    }

    /**
     * Whether a column of this type can hold this encoding.
     *
     * @param type the column's Spark type
     * @return true if it can
     */
    boolean accepts(DataType type) {
        return encoding == Encoding.PATH ? type instanceof StringType : type instanceof BinaryType;
    }

    /**
     * The Spark type this encoding needs, for error messages.
     *
     * @return "binary" or "string"
     */
    String expectedType() {
        return encoding == Encoding.PATH ? "string" : "binary";
    }

    /**
     * Turns one row's value into the learner's input.
     *
     * @param id the row's id, for errors
     * @param value the column's value: {@code byte[]} or a path string
     * @return the image
     * @throws IOException if the image cannot be read or decoded, naming the id
     */
    PlanarImage decode(long id, Object value) throws IOException {
        if (value == null) {
            throw new IOException("Pool row " + id + " has no image (column '" + name + "' is null)");
        }
        switch (encoding) {
            case PLANAR: {
                byte[] bytes = (byte[]) value;
                int expected = channels * height * width;
                if (bytes.length != expected) {
                    throw new IOException("Pool row " + id + " has " + bytes.length + " image bytes in column '" + name
                            + "', but planar " + channels + "x" + height + "x" + width + " images have " + expected);
                }
                return new PlanarImage(bytes, 0, channels, height, width);
            }
            case ENCODED:
                return ImageDecoder.square((byte[]) value, "Pool row " + id, height);
            case PATH:
            default: {
                String path = (String) value;
                return ImageDecoder.square(read(path), "Pool row " + id + " (" + path + ")", height);
            }
        }
    }

    /** Reads a file through Hadoop's file systems, so that HDFS, S3 and local paths all work. */
    private static byte[] read(String path) throws IOException {
        Path p = new Path(path);
        try (InputStream in = p.getFileSystem(new Configuration()).open(p)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IOException("Cannot read image " + path + ": " + e, e);
        }
    }
}
