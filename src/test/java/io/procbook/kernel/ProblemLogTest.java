package io.procbook.kernel;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProblemLogTest {
    @Test
    void logsTheFirstOfEachKindAndCountsTheRest() {
        List<String> lines = new ArrayList<>();
        ProblemLog log = new ProblemLog(lines::add);
        assertNull(log.summary());
        for (int i = 0; i < 500; i++) {
            log.report(Problem.BAD_SIGNATURE, "sig " + i);
            log.report(Problem.INVALID_JSON, "json " + i);
        }
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("sig 0"), lines.get(0));
        assertEquals(500, log.count(Problem.BAD_SIGNATURE));
        assertEquals("bad_signature=500, invalid_json=500", log.summary());
    }
}
