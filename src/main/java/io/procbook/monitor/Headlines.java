package io.procbook.monitor;

/** The one-line statements at the top of the live display and of the summary, shared by HTML, SVG and text. */
final class Headlines {

    private Headlines() { }

    /** e.g. {@code CPU 173 % of 200 % · 2 processes running, 1 busy thread} */
    static String live(MonitorSnapshot s) {
        int processes = s.rows(SeriesSnapshot.Kind.PROCESS).size();
        long running = s.rows(SeriesSnapshot.Kind.PROCESS).stream().filter(SeriesSnapshot::running).count();
        int threads = s.rows(SeriesSnapshot.Kind.THREAD).size();
        StringBuilder out = new StringBuilder("CPU ").append(Format.percent(s.total().lastPercent())).append(" of ")
            .append(Format.percent(s.cores() * 100.0));
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
}
