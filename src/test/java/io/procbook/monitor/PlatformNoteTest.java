package io.procbook.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.internal.Platform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The display says what this system does not let the monitor measure: without /proc (a Mac, or the test mode
 * of {@link Platform}) the live table and the summary end with a note; with it, there is none. Runs in both
 * modes (the build's platform-fallback run hides /proc).
 */
class PlatformNoteTest {

    @Test
    void theLiveTableAndTheSummarySayWhatIsNotMeasuredHere() {
        LiveModel.Line row = new LiveModel.Line(true, Palette.colour(0), "Process-1", "4242", "running", "98 %",
                                                "2.0 s", "", "2.1 s", "");
        LiveModel.Line total = new LiveModel.Line(false, Palette.TOTAL, "total", "", "", "98 % of 200 %", "2.0 s",
                                                  "", "", "");
        MonitorBundles.Display live = MonitorBundles.live(new LiveModel("CPU 98 % of 200 %", List.of(row), total, 49));
        MonitorBundles.Display summary = MonitorBundles.summary(SummaryBundleTest.snapshot(2, 95, 3, "Process"));
        boolean noted = !Platform.hasProc();
        for (MonitorBundles.Display d : List.of(live, summary)) {
            Map<String, Object> data = d.data();
            String text = String.valueOf(data.get(MonitorBundles.TEXT));
            String html = String.valueOf(data.get(MonitorBundles.HTML));
            assertEquals(noted, text.endsWith("\n  (" + PlatformNote.NO_PROC + ")"), text);
            assertEquals(noted, html.contains(Escape.markup(PlatformNote.NO_PROC)), html);
            String last = text.substring(text.lastIndexOf('\n') + 1);
            assertTrue(!noted || last.length() <= 100, "the note fits in 100 columns: " + last);
        }
    }

    @Test
    void aOneLineSummaryStaysOneLine() {
        String line = String.valueOf(MonitorBundles.summary(SummaryBundleTest.snapshot(1, 1, 0.5, "Process")).data()
                                            .get(MonitorBundles.TEXT));
        assertTrue(line.startsWith(MonitorBundles.SUMMARY_PREFIX) && !line.contains("\n"), line);
    }
}
