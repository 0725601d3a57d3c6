package org.activelearning.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void roundTripsEveryValueKind() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\u0001é");
        m.put("n", 12L);
        m.put("d", 0.25);
        m.put("b", true);
        m.put("z", null);
        m.put("ids", new long[] {3, -4});
        Map<String, Object> back = Json.parse(Json.write(m));
        assertThat(back).containsEntry("s", "a\"b\\c\u0001é").containsEntry("n", 12L).containsEntry("d", 0.25)
                .containsEntry("b", true).containsEntry("z", null);
        assertThat((long[]) back.get("ids")).containsExactly(3, -4);
    }

    @Test
    void reportsTheColumnOfAnError() {
        assertThatThrownBy(() -> Json.parse("{\"a\":}")).hasMessageContaining("column 6");
        assertThatThrownBy(() -> Json.parse("{\"a\":1} x")).hasMessageContaining("after the object");
    }
}
