package io.procbook.shell;

import io.procbook.shell.api.Engine.ExecuteOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A progress bar in a notebook: one display in the cell whose thread started it, then only updates of it,
 * ending with the final state before the cell returns.
 */
class ProgressDisplayTest extends SharedEngine {

    private static RecordingOutput ranOk(String code) {
        RecordingOutput out = new RecordingOutput();
        ExecuteOutcome o = engine.execute(code, out, false);
        assertEquals("ok", o.status(), o::toString);
        return out;
    }

    private static List<RecordingOutput.Shown> bars(RecordingOutput out) {
        return out.displays.stream().filter(s -> s.displayId() != null && s.displayId().startsWith("procbook-progress-"))
                .toList();
    }

    /** One display_data, then only update_display_data of that same display; each with text and HTML. */
    private static void assertOneLiveDisplay(List<RecordingOutput.Shown> shown) {
        assertFalse(shown.isEmpty());
        assertFalse(shown.get(0).update(), "first a display_data");
        String id = shown.get(0).displayId();
        for (RecordingOutput.Shown s : shown.subList(1, shown.size())) {
            assertTrue(s.update(), "then updates only");
            assertEquals(id, s.displayId());
        }
        for (RecordingOutput.Shown s : shown) {
            assertInstanceOf(String.class, s.data().get("text/plain"));
            assertInstanceOf(String.class, s.data().get("text/html"));
        }
    }

    private static String text(List<RecordingOutput.Shown> shown) {
        return (String) shown.get(shown.size() - 1).data().get("text/plain");
    }

    @Test
    void aMapShowsItsBarInTheCellThatCalledItNotTheCellThatMadeThePool() {
        // The pool's threads belong to the first cell, and they are the ones that count the chunks.
        RecordingOutput made = ranOk("var progressPool = new ThreadPool(2);");
        RecordingOutput mapped = ranOk("""
                var doubled = progressPool.map(x -> 2 * x, java.util.stream.IntStream.range(0, 200).boxed().toList(),
                        Progress.bar("doubling"));
                """);
        RecordingOutput checked = ranOk("if (doubled.get(199) != 398) throw new AssertionError(doubled);");
        List<RecordingOutput.Shown> shown = bars(mapped);
        assertOneLiveDisplay(shown);
        String last = text(shown);
        assertTrue(last.startsWith("doubling 100% |####################| 200/200  done in "), last);
        String html = (String) shown.get(shown.size() - 1).data().get("text/html");
        assertTrue(html.contains("width:100.0%") && html.contains("<b>doubling</b>") && !html.contains("<style"), html);
        assertEquals(List.of(), bars(made));
        assertEquals(List.of(), bars(checked));
        ranOk("progressPool.terminate();\nprogressPool.join();");
    }

    @Test
    void aTrackedLoopInACellShowsOneBarEndingWithTheLoop() {
        RecordingOutput out = ranOk("""
                int trackedSum = 0;
                for (int i : Progress.bar("loop").track(List.of(1, 2, 3))) trackedSum += i;
                """);
        List<RecordingOutput.Shown> shown = bars(out);
        assertOneLiveDisplay(shown);
        assertTrue(text(shown).startsWith("loop 100% |####################| 3/3  done in "), text(shown));
    }
}
