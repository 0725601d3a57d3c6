package org.activelearning.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.activelearning.djl.data.CifarDataset;
import org.activelearning.djl.data.PlanarImage;
import org.activelearning.djl.data.SyntheticImages;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark-backed pool and its loaders: ids, labeled state, fetching images, and bad input. */
class SparkPoolTest {

    @TempDir
    Path dir;

    @Test
    void idsLabeledStateAndImagesFollowThePoolContract() {
        CifarDataset data = SyntheticImages.generate(50, 3);
        SparkPool pool = SparkPool.of(SparkTesting.rows(data, 4), "id", ImageColumn.planar("image", 32, 32));
        assertThat(pool.size()).isEqualTo(50);
        assertThat(pool.contains(1)).isTrue();
        assertThat(pool.contains(2)).isFalse();
        assertThat(pool.contains(-1)).isFalse();
        pool.markLabeled(4);
        pool.markLabeled(10);
        assertThat(pool.labeledCount()).isEqualTo(2);
        assertThat(pool.unlabeledCount()).isEqualTo(48);
        assertThat(list(pool.labeledIds())).containsExactly(4L, 10L);
        List<Long> unlabeled = list(pool.unlabeledIds());
        assertThat(unlabeled).hasSize(48).isSorted().doesNotContain(4L, 10L);
        assertThat(list(pool.allIds())).hasSize(50).isSorted();
        assertThatThrownBy(() -> pool.markLabeled(4)).hasMessageContaining("already labeled");
        assertThatThrownBy(() -> pool.isLabeled(2)).hasMessageContaining("Id 2 is not in this pool of 50 ids");
        pool.markUnlabeled(10);
        assertThat(pool.isLabeled(10)).isFalse();
        // images come back byte for byte, fetched in one job per prefetch
        pool.prefetch(new long[] {7, 13, 2});
        assertThat(pool.fetchJobs()).isEqualTo(1);
        for (int i : new int[] {2, 4}) {
            PlanarImage image = pool.input(SparkTesting.idOf(i));
            assertThat(SparkPool.planarBytes(image)).isEqualTo(SparkPool.planarBytes(data.image(i)));
        }
        pool.prefetch(new long[] {7, 13});
        assertThat(pool.fetchJobs()).as("held images are not fetched again").isEqualTo(1);
        // a miss fetches the id with every labeled image not held yet, in one job
        pool.input(SparkTesting.idOf(30));
        assertThat(pool.fetchJobs()).isEqualTo(2);
        pool.input(4);
        assertThat(pool.fetchJobs()).isEqualTo(2);
    }

    private static List<Long> list(PrimitiveIterator.OfLong it) {
        List<Long> out = new ArrayList<>();
        it.forEachRemaining((long id) -> out.add(id));
        return out;
    }

    @Test
    void badColumnsAndIdsAreClearErrors() {
        StructType schema = new StructType().add("id", DataTypes.LongType, true).add("image", DataTypes.BinaryType)
                .add("name", DataTypes.StringType);
        Dataset<Row> dup = SparkTesting.spark().createDataFrame(List.of(
                RowFactory.create(5L, new byte[3072], "a"), RowFactory.create(5L, new byte[3072], "b"),
                RowFactory.create(6L, new byte[3072], "c")), schema);
        assertThatThrownBy(() -> SparkPool.of(dup, "id", ImageColumn.planar("image", 32, 32)))
                .hasMessageContaining("The id column 'id' repeats ids: 3 rows but 2 distinct ids (for example [5])");
        Dataset<Row> negative = SparkTesting.spark().createDataFrame(List.of(
                RowFactory.create(-5L, new byte[3072], "a"), RowFactory.create(null, new byte[3072], "b")), schema);
        assertThatThrownBy(() -> SparkPool.of(negative, "id", ImageColumn.planar("image", 32, 32)))
                .hasMessageContaining("has 1 null and 1 negative ids (for example -5)");
        assertThatThrownBy(() -> SparkPool.of(dup, "key", ImageColumn.planar("image", 32, 32)))
                .hasMessageContaining("The id column 'key' is not in the dataset; its columns are [id, image, name]");
        assertThatThrownBy(() -> SparkPool.of(dup, "name", ImageColumn.planar("image", 32, 32)))
                .hasMessageContaining("The id column 'name' is string; it must be bigint or int");
        assertThatThrownBy(() -> SparkPool.of(dup, "id", ImageColumn.paths("image", 32)))
                .hasMessageContaining("The image column 'image' is binary; PATH images need a string column");
        // a planar image of the wrong size names its row
        SparkPool wrong = SparkPool.of(SparkTesting.spark().createDataFrame(List.of(
                RowFactory.create(1L, new byte[100], "a"), RowFactory.create(2L, new byte[3072], "b")), schema),
                "id", ImageColumn.planar("image", 32, 32));
        assertThatThrownBy(() -> wrong.input(1))
                .hasMessageContaining("Pool row 1 has 100 image bytes in column 'image', but planar 3x32x32 images "
                        + "have 3072");
    }

    @Test
    void aDirectoryOfImagesGetsStableIdsAndFolderLabels() throws Exception {
        Path root = dir.resolve("photos");
        write(root.resolve("red/a.png"), Color.RED, 40, 20);
        write(root.resolve("red/b.png"), Color.RED, 20, 20);
        write(root.resolve("blue/c.png"), Color.BLUE, 30, 30);
        write(root.resolve("d.png"), Color.GREEN, 16, 16);
        Files.writeString(root.resolve("notes.txt"), "not an image");
        Files.write(root.resolve("red/broken.png"), new byte[] {1, 2, 3});

        Dataset<Row> rows = SparkImages.fromDirectory(SparkTesting.spark(), root.toString());
        Map<String, Long> ids = rows.collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(1), r -> r.getLong(0)));
        Map<String, String> labels = rows.collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(1), r -> String.valueOf(r.getString(3))));
        assertThat(ids).containsOnlyKeys("red/a.png", "red/b.png", "blue/c.png", "d.png", "red/broken.png");
        assertThat(labels).containsEntry("red/a.png", "red").containsEntry("blue/c.png", "blue")
                .containsEntry("d.png", "null");
        assertThat(ids.values()).allMatch(id -> id >= 0);

        SparkPool pool = SparkPool.of(rows, SparkImages.ID, ImageColumn.encoded(SparkImages.IMAGE, 16));
        assertThat(pool.size()).isEqualTo(5);
        PlanarImage red = pool.input(ids.get("red/a.png"));
        assertThat(red.height()).isEqualTo(16);
        assertThat(red.get(0, 8, 8)).isEqualTo(255);
        assertThat(red.get(2, 8, 8)).isEqualTo(0);
        PlanarImage blue = pool.input(ids.get("blue/c.png"));
        assertThat(blue.get(2, 8, 8)).isEqualTo(255);
        assertThatThrownBy(() -> pool.input(ids.get("red/broken.png")))
                .hasMessageContaining("Pool row " + ids.get("red/broken.png") + " is not a readable image");

        // adding an image keeps every other image's id
        write(root.resolve("blue/e.png"), Color.BLUE, 16, 16);
        Map<String, Long> again = SparkImages.fromDirectory(SparkTesting.spark(), root.toString()).collectAsList()
                .stream().collect(Collectors.toMap(r -> r.getString(1), r -> r.getLong(0)));
        assertThat(again).hasSize(6).containsAllEntriesOf(ids);

        assertThatThrownBy(() -> SparkImages.fromDirectory(SparkTesting.spark(), dir.resolve("nope").toString()))
                .hasMessageContaining("does not exist or is not a directory");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("readme.txt"), "no images here");
        assertThatThrownBy(() -> SparkPool.of(SparkImages.fromDirectory(SparkTesting.spark(), empty.toString()),
                SparkImages.ID, ImageColumn.encoded(SparkImages.IMAGE, 16)))
                .hasMessageContaining("The dataset has no rows, so the pool would be empty")
                .hasMessageContaining(".png, .jpg");
    }

    @Test
    void aParquetTableOfImagePathsIsAPool() throws Exception {
        Path image = dir.resolve("x.png");
        write(image, Color.BLUE, 20, 20);
        StructType schema = new StructType().add("key", DataTypes.IntegerType).add("file", DataTypes.StringType);
        SparkTesting.spark().createDataFrame(List.of(RowFactory.create(3, image.toString()),
                RowFactory.create(4, dir.resolve("missing.png").toString())), schema)
                .write().parquet(dir.resolve("table").toString());
        Dataset<Row> rows = SparkImages.fromParquet(SparkTesting.spark(), dir.resolve("table").toString());
        SparkPool pool = SparkPool.of(rows, "key", ImageColumn.paths("file", 8));
        assertThat(pool.input(3).get(2, 4, 4)).isEqualTo(255);
        assertThatThrownBy(() -> pool.input(4)).hasMessageContaining("Cannot read image " + dir.resolve("missing.png"));
    }

    private static void write(Path file, Color color, int w, int h) throws Exception {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }
}
