package org.activelearning.djl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarDatasetTest {

    @TempDir
    Path dir;

    @Test
    void readsTheExactBinaryLayoutRedThenGreenThenBluePlanesRowMajor() throws IOException {
        byte[] record = new byte[CifarDataset.RECORD_BYTES];
        record[0] = 2;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    record[1 + c * 1024 + y * 32 + x] = (byte) (c * 80 + y + x);
                }
            }
        }
        Files.write(dir.resolve("data_batch_1.bin"), record);
        Files.write(dir.resolve("test_batch.bin"), record);
        Files.writeString(dir.resolve("batches.meta.txt"), "air plane\ncar\nwild cat\n\n");
        CifarDataset d = CifarDataset.load(dir, CifarDataset.Split.TRAIN);
        assertThat(d.size()).isEqualTo(1);
        assertThat(d.classes()).containsExactly("air plane", "car", "wild cat");
        assertThat(d.label(0)).isEqualTo(2);
        PlanarImage img = d.image(0);
        assertThat(img.get(0, 0, 0)).isEqualTo(0);
        assertThat(img.get(0, 3, 5)).isEqualTo(8);
        assertThat(img.get(1, 0, 1)).isEqualTo(81);
        assertThat(img.get(2, 31, 31)).isEqualTo((160 + 62) & 0xFF);
    }

    @Test
    void loadsGeneratedDataDirectlyOrUnderTheArchiveDirectory() throws IOException {
        Path nested = dir.resolve(CifarDataset.ARCHIVE_DIR);
        SyntheticImages.writeCifarDirectory(nested, 53, 17, 1);
        assertThat(CifarDataset.isPresent(dir)).isTrue();
        CifarDataset train = CifarDataset.load(dir, CifarDataset.Split.TRAIN, 10);
        CifarDataset test = CifarDataset.load(nested, CifarDataset.Split.TEST);
        assertThat(train.size()).isEqualTo(53);
        assertThat(test.size()).isEqualTo(17);
        assertThat(train.classes()).isEqualTo(SyntheticImages.CLASSES).contains("red disk");
        CifarDataset same = SyntheticImages.generate(53, 1);
        for (int i = 0; i < 53; i++) {
            assertThat(train.label(i)).isEqualTo(same.label(i));
            assertThat(train.image(i).get(1, 7, 9)).isEqualTo(same.image(i).get(1, 7, 9));
        }
        assertThat(train.limit(10).size()).isEqualTo(10);
        assertThat(train.classCounts()).hasSize(10);
        assertThat(java.util.Arrays.stream(train.classCounts()).sum()).isEqualTo(53);
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        SyntheticImages.writeCifarDirectory(dir, 20, 5, 2);
        Files.delete(dir.resolve("test_batch.bin"));
        assertThatThrownBy(() -> CifarDataset.load(dir, CifarDataset.Split.TEST))
                .isInstanceOf(CifarFormatException.class).hasMessageContaining("Missing CIFAR file")
                .hasMessageContaining("test_batch.bin");
        Files.delete(dir.resolve("data_batch_3.bin"));
        assertThatThrownBy(() -> CifarDataset.load(dir, CifarDataset.Split.TRAIN))
                .hasMessageContaining("data_batch_3.bin").hasMessageContaining("data_batch_4.bin exists");
        Files.delete(dir.resolve("batches.meta.txt"));
        assertThatThrownBy(() -> CifarDataset.load(dir, CifarDataset.Split.TRAIN)).hasMessageContaining("batches.meta.txt");
        assertThatThrownBy(() -> CifarDataset.load(dir.resolve("nope"), CifarDataset.Split.TRAIN))
                .hasMessageContaining("does not exist");
    }

    @Test
    void truncatedFileIsAnErrorNamingTheSize() throws IOException {
        SyntheticImages.writeCifarDirectory(dir, 20, 5, 3);
        Path f = dir.resolve("data_batch_2.bin");
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertThatThrownBy(() -> CifarDataset.load(dir, CifarDataset.Split.TRAIN))
                .isInstanceOf(CifarFormatException.class)
                .hasMessageContaining("data_batch_2.bin")
                .hasMessageContaining((bytes.length - 100) + " bytes")
                .hasMessageContaining("multiple of 3073");
    }

    @Test
    void labelOutsideTheClassListIsAnErrorNamingTheRecord() throws IOException {
        SyntheticImages.writeCifarDirectory(dir, 20, 5, 4);
        Path f = dir.resolve("data_batch_1.bin");
        try (var ch = java.nio.channels.FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) 200}), 2L * CifarDataset.RECORD_BYTES);
        }
        assertThatThrownBy(() -> CifarDataset.load(dir, CifarDataset.Split.TRAIN))
                .hasMessageContaining("data_batch_1.bin record 2 has label byte 200")
                .hasMessageContaining("lists only 10 classes");
    }

    @Test
    void wrongClassCountIsAnError() throws IOException {
        SyntheticImages.writeCifarDirectory(dir, 20, 5, 5);
        Files.writeString(dir.resolve("batches.meta.txt"), "a\nb\nc\nd\ne\nf\ng\nh\ni\n");
        assertThatThrownBy(() -> CifarDataset.load(dir, CifarDataset.Split.TRAIN, 10))
                .hasMessageContaining("lists 9 classes").hasMessageContaining("10 are expected");
        Files.writeString(dir.resolve("batches.meta.txt"), "a\n\nc\n");
        assertThatThrownBy(() -> CifarDataset.load(dir, CifarDataset.Split.TRAIN))
                .hasMessageContaining("line 2 is empty");
    }

    @Test
    void anEmptyDataFileSaysEmpty() throws IOException {
        SyntheticImages.writeCifarDirectory(dir, 20, 5, 6);
        Files.write(dir.resolve("test_batch.bin"), new byte[0]);
        assertThatThrownBy(() -> CifarDataset.load(dir, CifarDataset.Split.TEST))
                .isInstanceOf(CifarFormatException.class)
                .hasMessageContaining("test_batch.bin is empty (0 bytes)");
    }

    @Test
    void aMetaFileWithTooFewClassesIsBlamedNotTheData() throws IOException {
        SyntheticImages.writeCifarDirectory(dir, 40, 5, 7);
        // the data use labels 0..9; the meta file lists only five names
        Files.writeString(dir.resolve("batches.meta.txt"), "a\nb\nc\nd\ne\n");
        assertThatThrownBy(() -> CifarDataset.load(dir, CifarDataset.Split.TRAIN))
                .isInstanceOf(CifarFormatException.class)
                .hasMessageContaining("batches.meta.txt lists only 5 classes")
                .hasMessageContaining("add the missing class names to batches.meta.txt");
    }

    @Test
    void duplicateClassNamesAreRejected() throws IOException {
        SyntheticImages.writeCifarDirectory(dir, 20, 5, 8);
        Files.writeString(dir.resolve("batches.meta.txt"), "cat\ndog\nbird\ndog\n");
        assertThatThrownBy(() -> CifarDataset.load(dir, CifarDataset.Split.TRAIN))
                .isInstanceOf(CifarFormatException.class)
                .hasMessageContaining("line 4 repeats the class name 'dog' of line 2");
    }

    @Test
    void limitOutsideTheDataIsRejected() {
        CifarDataset d = SyntheticImages.generate(5, 1);
        assertThatThrownBy(() -> d.limit(6)).hasMessageContaining("Pool limit 6 is outside 1..5");
    }

    @Test
    void downloadFailsOfflineWithAClearMessage() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("ai.djl.offline"),
                "only meaningful when DJL is offline");
        assertThatThrownBy(() -> CifarDataset.download(CifarDataset.Split.TEST, null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Could not download CIFAR-10")
                .hasMessageContaining("local data directory");
    }
}
