package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.activelearning.core.LoopResult;
import org.junit.jupiter.api.Test;

class ConsumerDemoTest {

    @Test
    void aLoopRunsAgainstTheInstalledCoreJar() {
        List<Long> asked = new ArrayList<>();
        LoopResult result = ConsumerDemo.run(asked);
        assertEquals(LoopResult.StopReason.CRITERION_MET, result.reason());
        assertEquals(4 + 3 * 3, result.state().labeledCount());
        assertEquals(13, asked.size());
        assertEquals(13, new HashSet<>(asked).size(), "no id is asked twice");
    }
}
