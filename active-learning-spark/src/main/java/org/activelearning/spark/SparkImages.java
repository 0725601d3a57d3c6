package org.activelearning.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads image pools into the {@code (id, path, image, label)} layout that {@link SparkPool} takes.
 *
 * <p>Ids are stable: an image's id is a 63-bit hash (xxHash64) of its path relative to the
 * directory, so adding or removing images, or reading the directory again in another session,
 * keeps every other image's id and therefore its label in the journal. {@link SparkPool#of} checks
 * that no two paths collide.
 */
public final class SparkImages {

    /** The id column: a non-negative long. */
    public static final String ID = "id";
    /** The path column: the image's path relative to the directory. */
    public static final String PATH = "path";
    /** The image column: the file's bytes. */
    public static final String IMAGE = "image";
    /** The label column: the name of the image's folder, or null for images at the top level. */
    public static final String LABEL = "label";

    private static final String IMAGE_FILES = "*.{png,jpg,jpeg,bmp,gif,PNG,JPG,JPEG,BMP,GIF}";

    private SparkImages() {}

    /**
     * Every image file under a directory, recursively, with Spark's {@code binaryFile} source:
     * images are read by the executors when a job needs them, never by the driver. An image in a
     * sub-folder gets that folder's name as its label (the layout of labeled image folders);
     * other files are ignored.
     *
     * @param spark the session
     * @param directory the directory, any Hadoop path or URI the executors can read
     * @return rows {@code (id, path, image, label)}; pass them to {@code SparkPool.of(rows, SparkImages.ID,
     *     ImageColumn.encoded(SparkImages.IMAGE, size))}
     * @throws IllegalArgumentException if the directory does not exist or is not a directory
     */
    public static Dataset<Row> fromDirectory(SparkSession spark, String directory) {
        Path dir = new Path(directory);
        String root;
        try {
            FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(dir) || !fs.getFileStatus(dir).isDirectory()) {
                throw new IllegalArgumentException("Image directory " + directory + " does not exist or is not a "
                        + "directory; give the folder that holds the images (or their class folders)");
            }
            root = fs.makeQualified(dir).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the image directory " + directory + ": " + e, e);
        }
        String prefix = root.endsWith("/") ? root : root + "/";
        Dataset<Row> files = spark.read().format("binaryFile")
                .option("recursiveFileLookup", "true")
                .option("pathGlobFilter", IMAGE_FILES)
                .load(directory);
        Column relative = when(col("path").startsWith(prefix),
                substring(col("path"), prefix.length() + 1, Integer.MAX_VALUE)).otherwise(col("path"));
        Column parts = split(relative, "/");
        Column label = when(size(parts).gt(1), element_at(parts, -2)).otherwise(lit(null).cast("string"));
        return files.select(
                xxhash64(relative).bitwiseAND(Long.MAX_VALUE).as(ID),
                relative.as(PATH),
                col("content").as(IMAGE),
                label.as(LABEL));
    }

    /**
     * A table of images in Parquet, for example one written by a data pipeline: pass its id and
     * image columns to {@link SparkPool#of}, which checks them.
     *
     * @param spark the session
     * @param path the Parquet file or directory
     * @return the rows as stored
     */
    public static Dataset<Row> fromParquet(SparkSession spark, String path) {
        return spark.read().parquet(path);
    }
}
