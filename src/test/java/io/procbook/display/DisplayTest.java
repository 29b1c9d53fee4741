package io.procbook.display;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

class DisplayTest {

    record Event(Map<String, Object> data, String id, boolean update) { }

    static final class Target implements DisplayTarget {
        final List<Event> events = new CopyOnWriteArrayList<>();
        final List<Boolean> clears = new CopyOnWriteArrayList<>();

        @Override
        public void display(Map<String, Object> data, Map<String, Object> metadata, String displayId, boolean update) {
            events.add(new Event(data, displayId, update));
        }

        @Override
        public void clearOutput(boolean wait) {
            clears.add(wait);
        }
    }

    @AfterEach
    void reset() {
        Display.setTargetLocator(null);
    }

    @Test
    void displayUpdateAndClearReachTheLocatedTarget() {
        Target target = new Target();
        Display.setTargetLocator(() -> target);
        DisplayHandle h = Display.display(List.of(1));
        Display.display(MimeBundle.html("<p/>"));
        h.update("two");
        h.clearOutput(false);
        Display.clearOutput(true);
        Display.clearOutput();
        assertEquals(3, target.events.size());
        assertEquals("[1]", target.events.get(0).data().get("text/plain"));
        assertNotEquals(target.events.get(0).id(), target.events.get(1).id());
        assertEquals(new Event(Map.of("text/plain", "\"two\""), h.id(), true), target.events.get(2));
        assertEquals(List.of(false, true, false), target.clears);
    }

    @Test
    void aHandleKeepsItsTargetWhenUpdatedFromElsewhere() {
        Target first = new Target();
        Target second = new Target();
        Display.setTargetLocator(() -> first);
        DisplayHandle h = Display.display("x");
        Display.setTargetLocator(() -> second);
        h.update("y");
        assertEquals(2, first.events.size());
        assertTrue(second.events.isEmpty());
    }

    @Test
    void withoutAHostDisplaysPrintTheirText() {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            Display.display(List.of("a"));
            Display.display(MimeBundle.builder().svg("<svg/>").build());
        } finally {
            System.setOut(saved);
        }
        assertEquals("[a]\n<image/svg+xml>\n", bytes.toString(StandardCharsets.UTF_8));
    }
}
