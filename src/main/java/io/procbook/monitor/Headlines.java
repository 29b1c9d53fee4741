package io.procbook.monitor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one-line statements at the top of the live display and of the summary, shared by HTML, the chart and text. */
final class Headlines {

    /** Different process states a one-line summary names; more are left as an ellipsis. */
    private static final int BRIEF_STATES = 2;
    /** The most characters of a process name a one-line summary shows. */
    private static final int BRIEF_NAME = 24;

    private Headlines() { }

    /** e.g. {@code CPU 173 % of 200 % · 2 processes (1 running) · 1 busy thread} */
    static String live(double totalPercent, int cores, int processes, int running, int threads) {
        StringBuilder out = new StringBuilder("CPU ").append(Format.percent(totalPercent)).append(" of ")
            .append(Format.percent(cores * 100.0));
        if (processes > 0) out.append(" \u00b7 ").append(Format.count(processes, "process", "processes"))
            .append(" (").append(running).append(" running)");
        if (threads > 0) out.append(" \u00b7 ").append(Format.count(threads, "busy thread", "busy threads"));
        if (processes == 0 && threads == 0) out.append(" \u00b7 nothing busy yet");
        return out.toString();
    }

    /** e.g. {@code wall 12.3 s · CPU time 21.5 s · average 175 %, peak 198 % of 200 %} */
    static String summary(MonitorSnapshot s) {
        long wall = s.wallMillis();
        double average = wall <= 0 ? 0 : s.totalCpuNanos() / 1e4 / wall;
        return "wall " + Format.wall(wall) + " \u00b7 CPU time " + Format.cpu(s.totalCpuNanos()) + " \u00b7 average "
            + Format.percent(average) + ", peak " + Format.percent(s.peakTotalPercent()) + " of "
            + Format.percent(s.cores() * 100.0);
    }

    /**
     * The whole summary of work that did almost nothing, in one line of at most about 100 columns, e.g.
     * {@code procbook monitor · finished · 3 processes: 2 exited(0), 1 killed(SIGTERM) · wall 0.4 s, CPU 0.1 s}
     * or {@code procbook monitor · finished · Process-1 (pid 4242): exited(0) · wall 0.2 s, CPU 0.0 s}
     */
    static String brief(MonitorSnapshot s) {
        StringBuilder out = new StringBuilder(MonitorBundles.SUMMARY_PREFIX);
        List<SeriesSnapshot> processes = s.rows(SeriesSnapshot.Kind.PROCESS);
        int threads = s.rows(SeriesSnapshot.Kind.THREAD).size();
        if (processes.size() == 1) {
            SeriesSnapshot p = processes.get(0);
            String name = p.name().length() <= BRIEF_NAME ? p.name() : p.name().substring(0, BRIEF_NAME - 1) + "\u2026";
            out.append(" \u00b7 ").append(name).append(" (pid ").append(p.id()).append("): ").append(p.state());
        } else if (!processes.isEmpty()) {
            out.append(" \u00b7 ").append(Format.count(processes.size(), "process", "processes")).append(": ");
            Map<String, Integer> states = new LinkedHashMap<>();
            for (SeriesSnapshot p : processes) states.merge(p.state(), 1, Integer::sum);
            int shown = 0;
            for (Map.Entry<String, Integer> e : states.entrySet()) {
                if (shown == BRIEF_STATES) {
                    out.append(", \u2026");
                    break;
                }
                if (shown++ > 0) out.append(", ");
                if (states.size() > 1) out.append(e.getValue()).append(' ');
                out.append(e.getKey());
            }
        }
        if (threads > 0) out.append(" \u00b7 ").append(Format.count(threads, "busy thread", "busy threads"));
        if (processes.isEmpty() && threads == 0) out.append(" \u00b7 nothing busy");
        return out.append(" \u00b7 wall ").append(Format.wall(s.wallMillis())).append(", CPU ")
            .append(Format.cpu(s.totalCpuNanos())).toString();
    }
}
