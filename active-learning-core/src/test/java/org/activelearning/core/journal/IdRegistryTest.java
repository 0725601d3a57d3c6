package org.activelearning.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdRegistryTest {

    @TempDir
    Path dir;

    @Test
    void keysKeepTheirIdsWhenFilesAreAddedAndRemoved() throws Exception {
        Path file = dir.resolve("ids.tsv");
        IdRegistry.Assignment first = IdRegistry.open(file).assign(List.of("b.png", "c.png", "a b\tc.png"));
        assertThat(first.ids()).containsExactly(0, 1, 2);
        assertThat(first.added()).containsExactly("b.png", "c.png", "a b\tc.png");
        // later: a.png is new and sorts first, c.png was removed
        IdRegistry.Assignment second = IdRegistry.open(file).assign(List.of("a.png", "a b\tc.png", "b.png"));
        assertThat(second.ids()).containsExactly(3, 2, 0);
        assertThat(second.added()).containsExactly("a.png");
        assertThat(second.missing()).containsExactly("c.png");
        IdRegistry again = IdRegistry.open(file);
        assertThat(again.size()).isEqualTo(4);
        assertThat(again.ids()).containsEntry("c.png", 1L);
        assertThat(again.assign(List.of("c.png")).ids()).containsExactly(1);
    }

    @Test
    void aTornLastLineIsDroppedAndABadLineIsNamed() throws Exception {
        Path file = dir.resolve("ids.tsv");
        Files.writeString(file, "0\tx.png\n1\ty.p");
        IdRegistry r = IdRegistry.open(file);
        assertThat(r.ids()).containsOnlyKeys("x.png");
        assertThat(r.assign(List.of("y.png")).ids()).containsExactly(1);
        assertThat(Files.readString(file)).isEqualTo("0\tx.png\n1\ty.png\n");
        Files.writeString(file, "0\tx.png\nseven\tz.png\n");
        assertThatThrownBy(() -> IdRegistry.open(file)).hasMessageContaining("line 2 is not 'id<TAB>key'");
        Files.writeString(file, "0\tx.png\n4\tx.png\n");
        assertThatThrownBy(() -> IdRegistry.open(file)).hasMessageContaining("gives 'x.png' the id 4 but an earlier "
                + "line gave it 0");
        assertThatThrownBy(() -> IdRegistry.open(dir.resolve("new.tsv")).assign(List.of("a", "a")))
                .hasMessageContaining("'a' is listed twice");
    }
}
