package org.activelearning.djl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {

    @TempDir
    Path dir;

    /** Writes a solid-colour image of the given size and type. */
    static void solid(Path file, int w, int h, Color c, int type, String format) throws IOException {
        BufferedImage img = new BufferedImage(w, h, type);
        if (type == BufferedImage.TYPE_BYTE_GRAY) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    img.getRaster().setSample(x, y, 0, c.getRed()); // the stored gray level
                }
            }
        } else {
            Graphics2D g = img.createGraphics();
            g.setColor(c);
            g.fillRect(0, 0, w, h);
            g.dispose();
        }
        Files.createDirectories(file.getParent());
        assertThat(ImageIO.write(img, format, file.toFile())).as("writer for " + format).isTrue();
    }

    /** cat: a red wide PNG, a gray PNG and a blue JPEG; dog: a green tall BMP and a corrupt PNG; plus notes. */
    private Path labeledTree() throws IOException {
        Path root = dir.resolve("pets");
        solid(root.resolve("cat/red-wide.png"), 40, 20, Color.RED, BufferedImage.TYPE_INT_RGB, "png");
        solid(root.resolve("cat/sub/gray.png"), 16, 16, new Color(100, 100, 100), BufferedImage.TYPE_BYTE_GRAY, "png");
        solid(root.resolve("cat/blue.jpg"), 24, 24, Color.BLUE, BufferedImage.TYPE_INT_RGB, "jpg");
        solid(root.resolve("dog/green-tall.bmp"), 10, 30, Color.GREEN, BufferedImage.TYPE_INT_RGB, "bmp");
        Files.write(root.resolve("dog/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Files.writeString(root.resolve("dog/notes.txt"), "not an image");
        Files.createDirectories(root.resolve(".thumbnails"));
        Files.writeString(root.resolve(".thumbnails/x.png"), "hidden");
        return root;
    }

    @Test
    void aLabeledFolderDecodesResizesAndSkipsWhatItCannotRead() throws Exception {
        try (ImageFolder f = ImageFolder.labeled(labeledTree(), 8, 1 << 20)) {
            assertThat(f.inMemory()).isTrue();
            assertThat(f.classes()).containsExactly("cat", "dog");
            assertThat(f.size()).isEqualTo(4);
            assertThat(List.of(f.path(0), f.path(1), f.path(2), f.path(3)))
                    .containsExactly("cat/blue.jpg", "cat/red-wide.png", "cat/sub/gray.png", "dog/green-tall.bmp");
            assertThat(List.of(f.label(0), f.label(1), f.label(2), f.label(3))).containsExactly(0, 0, 0, 1);
            assertThat(f.skipped()).containsOnlyKeys("dog/broken.png");
            assertThat(f.notImages()).containsExactly("dog/notes.txt");
            PlanarImage red = f.image(1);
            assertThat(red.channels()).isEqualTo(3);
            assertThat(red.height()).isEqualTo(8);
            assertThat(red.width()).isEqualTo(8);
            assertThat(red.get(0, 4, 4)).isEqualTo(255);
            assertThat(red.get(1, 4, 4)).isZero();
            PlanarImage gray = f.image(2);
            for (int c = 0; c < 3; c++) {
                assertThat(gray.get(c, 0, 0)).as("grayscale becomes three equal channels").isEqualTo(100);
            }
            assertThat(f.image(0).get(2, 4, 4)).as("JPEG blue").isGreaterThan(240);
        }
    }

    @Test
    void theShorterSideIsResizedAndTheCenterCropped() throws Exception {
        // 60x20: left third red, middle third green, right third blue; an 8x8 center crop of the
        // 24x8 resize is all green
        BufferedImage img = new BufferedImage(60, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 20, 20);
        g.setColor(Color.GREEN);
        g.fillRect(20, 0, 20, 20);
        g.setColor(Color.BLUE);
        g.fillRect(40, 0, 20, 20);
        g.dispose();
        Path file = dir.resolve("stripes.png");
        ImageIO.write(img, "png", file.toFile());
        PlanarImage p = ImageDecoder.square(file, 8);
        for (int x : new int[] {1, 4, 6}) {
            assertThat(p.get(1, 4, x)).as("green at x=" + x).isGreaterThan(200);
            assertThat(p.get(0, 4, x)).as("no red at x=" + x).isLessThan(60);
        }
        PlanarImage whole = ImageDecoder.fit(file, 30, 30);
        assertThat(whole.width()).isEqualTo(30);
        assertThat(whole.height()).as("the aspect is kept for display").isEqualTo(10);
    }

    @Test
    void aPoolAboveTheMemoryBudgetIsStreamedWithTheSameImages() throws Exception {
        Path root = labeledTree();
        try (ImageFolder memory = ImageFolder.unlabeled(root, List.of("cat", "dog"), 8, 1 << 20);
                ImageFolder streamed = ImageFolder.unlabeled(root, List.of("cat", "dog"), 8, 0)) {
            assertThat(streamed.inMemory()).isFalse();
            assertThat(memory.size()).isEqualTo(4);
            assertThat(streamed.size()).as("streaming cannot know which files are corrupt before reading them")
                    .isEqualTo(5);
            assertThat(streamed.label(0)).isEqualTo(ImageDataset.UNLABELED);
            for (int i = 0; i < memory.size(); i++) {
                int j = List.of("cat/blue.jpg", "cat/red-wide.png", "cat/sub/gray.png", "dog/broken.png",
                        "dog/green-tall.bmp").indexOf(memory.path(i));
                assertThat(streamed.path(j)).isEqualTo(memory.path(i));
                assertThat(bytes(streamed.image(j))).isEqualTo(bytes(memory.image(i)));
            }
            // the corrupt file is met while streaming: a black image, and it is reported
            PlanarImage broken = streamed.image(3);
            assertThat(broken.get(0, 0, 0)).isZero();
            assertThat(streamed.skipped()).containsOnlyKeys("dog/broken.png");
        }
    }

    private static byte[] bytes(PlanarImage img) {
        byte[] b = new byte[img.byteSize()];
        img.copyTo(b, 0);
        return b;
    }

    @Test
    void readAheadHoldsAtMostItsWindow() {
        int[] decoded = new int[1];
        ReadAhead ahead = new ReadAhead(i -> {
            synchronized (decoded) {
                decoded[0]++;
            }
            return new PlanarImage(new byte[] {(byte) i, 0, 0}, 0, 3, 1, 1);
        }, 1000, 16);
        try {
            for (int i = 0; i < 1000; i++) {
                assertThat(ahead.get(i).get(0, 0, 0)).isEqualTo(i & 0xFF);
                assertThat(ahead.held()).isLessThanOrEqualTo(16);
            }
        } finally {
            ahead.close();
        }
        assertThat(decoded[0]).as("each image decoded about once").isBetween(1000, 1016);
    }

    @Test
    void badFoldersAndClassListsAreNamed() throws Exception {
        Path root = labeledTree();
        assertThatThrownBy(() -> ImageFolder.labeled(root, List.of("cat", "bird"), 8, 1 << 20))
                .hasMessageContaining("Folder 'dog' in " + root + " is not one of the classes [cat, bird]");
        assertThatThrownBy(() -> ImageFolder.unlabeled(root, List.of("cat", "dog", "cat"), 8, 1 << 20))
                .hasMessageContaining("names 'cat' twice (positions 1 and 3)");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("readme.md"), "x");
        assertThatThrownBy(() -> ImageFolder.unlabeled(empty, List.of("a", "b"), 8, 1 << 20))
                .hasMessageContaining("No images (PNG, JPEG, BMP or GIF) under " + empty)
                .hasMessageContaining("1 other files, e.g. readme.md");
        solid(root.resolve("loose.png"), 4, 4, Color.RED, BufferedImage.TYPE_INT_RGB, "png");
        assertThatThrownBy(() -> ImageFolder.labeled(root, 8, 1 << 20))
                .hasMessageContaining("loose.png is not inside a class folder");
        assertThatThrownBy(() -> ImageFolder.labeled(dir.resolve("nope"), 8, 1 << 20))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ImageFolder.unlabeled(root.resolve("loose.png"), List.of("a", "b"), 8, 1 << 20))
                .hasMessageContaining("is a file, not a directory");
    }
}
