package io.procbook.mp;

import io.procbook.mp.spi.Hooks;
import io.procbook.mp.spi.ProgressState;
import io.procbook.mp.spi.ProgressState.Phase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** The text bar of a program without a notebook: redrawn in place on a terminal, a few whole lines in a log. */
class ConsoleProgressTest {

    private static final long S = 1_000_000_000L;
    private static final String NL = System.lineSeparator();

    private final AtomicLong now = new AtomicLong(3 * S);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private static ProgressState state(long done, long total, Phase phase) {
        return new ProgressState("job", done, 0, total, 2 * S, phase, null);
    }

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAndEndedOnceFinal() {
        ConsoleProgress view = new ConsoleProgress(out, true, now::get);
        ProgressState longer = new ProgressState("job", 1, 0, -1, 65 * S, Phase.RUNNING, null);
        ProgressState shorter = new ProgressState("job", 2, 0, -1, 2 * S, Phase.RUNNING, null);
        ProgressState done = new ProgressState("job", 3, 0, -1, 3 * S, Phase.DONE, null);
        view.show(longer);
        view.show(shorter);
        view.show(done);
        String pad = " ".repeat(longer.text().length() - shorter.text().length());
        String pad2 = " ".repeat(Math.max(0, shorter.text().length() - done.text().length()));
        assertEquals("\r" + longer.text() + "\r" + shorter.text() + pad + "\r" + done.text() + pad2 + NL, written());
    }

    @Test
    void elsewhereWholeLinesAtMostEveryTenSecondsAndTheFinalLine() {
        ConsoleProgress view = new ConsoleProgress(out, false, now::get);
        now.addAndGet(S);
        view.show(state(1, 100, Phase.RUNNING));
        assertEquals("", written(), "a job shorter than ten seconds leaves one line");
        now.addAndGet(9 * S);
        view.show(state(10, 100, Phase.RUNNING));
        now.addAndGet(5 * S);
        view.show(state(15, 100, Phase.RUNNING));
        now.addAndGet(5 * S);
        view.show(state(20, 100, Phase.RUNNING));
        now.addAndGet(S);
        view.show(state(100, 100, Phase.DONE));
        assertEquals(state(10, 100, Phase.RUNNING).text() + NL + state(20, 100, Phase.RUNNING).text() + NL
                + state(100, 100, Phase.DONE).text() + NL, written());
        assertFalse(written().contains("\r"));
    }

    @Test
    void withoutAHostABarIsTextOnStandardError() {
        assertNull(Hooks.progressHost(), "no kernel in this test");
        PrintStream err = System.err;
        System.setErr(out);
        try {
            ProgressBar bar = Progress.bar("plain").withClock(now::get).start(3);
            now.addAndGet(S);
            bar.advance(3);
        } finally {
            System.setErr(err);
        }
        // the test JVM's standard error is a pipe, not a terminal: one whole line, no carriage return
        assertEquals("plain 100% |####################| 3/3  done in 1.0 s, 3.0 items/s" + NL, written());
    }
}
