package io.procbook.monitor;

/** The one-line statements at the top of the live display and of the summary, shared by HTML, SVG and text. */
final class Headlines {

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
}
