package io.procbook.monitor;

import java.util.ArrayList;
import java.util.List;

/**
 * What the live display shows, already rounded to what a reader can see: two equal models render to the same
 * HTML and text. The sampler builds one per tick straight from the recorded series (cheap, little garbage) and
 * renders only when it differs from the last one, so an idle cell costs one render a second (the elapsed
 * column) instead of four.
 *
 * @param headline        the line above the table
 * @param lines           one per process and busy thread
 * @param total           the total line
 * @param totalBarPercent how full the total's bar is, 0 to 100
 */
record LiveModel(String headline, List<Line> lines, Line total, int totalBarPercent) {

    /**
     * One line of the table.
     *
     * @param spark the sparkline, one char per slot holding its height (see {@link Sparkline#levels})
     */
    record Line(boolean process, String colour, String name, String pid, String state, String cpuNow, String cpuTime,
                String memory, String elapsed, String spark) { }

    /**
     * @param rows      the rows to show, in order
     * @param total     the cell's total series
     * @param cores     processors available
     * @param nowMillis monitor time of the newest reading
     */
    static LiveModel of(List<Row> rows, Series total, int cores, long nowMillis) {
        List<Line> lines = new ArrayList<>(rows.size());
        int processes = 0;
        int running = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            boolean process = r.kind() == SeriesSnapshot.Kind.PROCESS;
            if (process) {
                processes++;
                if (r.running()) running++;
            }
            long end = r.endMillis() < 0 ? nowMillis : r.endMillis();
            lines.add(new Line(process, Palette.colour(i), r.name(), process ? Long.toString(r.id()) : "thread",
                               r.state(), r.running() ? Format.percent(r.series.percent(0)) : "\u2013",
                               Format.cpu(r.series.cpuSinceStart()), Format.bytes(r.running() ? r.series.lastRss() : -1),
                               process ? Format.duration(end - r.series.startMillis()) : "",
                               Sparkline.levels(r.series)));
        }
        double limit = cores * 100.0;
        double now = total.percent(0);
        Line sum = new Line(false, Palette.TOTAL, "total", "", "", Format.percent(now) + " of " + Format.percent(limit),
                            Format.cpu(total.cpuSinceStart()), Format.bytes(total.lastRss()), "",
                            Sparkline.levels(total));
        int bar = (int) Math.round(Math.max(0, Math.min(1, now / limit)) * 100);
        return new LiveModel(Headlines.live(now, cores, processes, running, rows.size() - processes), lines, sum, bar);
    }
}
