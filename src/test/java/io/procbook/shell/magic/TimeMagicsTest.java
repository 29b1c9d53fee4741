package io.procbook.shell.magic;

import io.procbook.shell.api.Engine;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

class TimeMagicsTest extends EngineSession {

    @Test
    void formatsLikeIPython() {
        assertEquals("1.05 s", TimeFormat.seconds(1.0512));
        assertEquals("523 ms", TimeFormat.seconds(0.5231));
        assertEquals("10 ms", TimeFormat.seconds(0.010));
        assertEquals("12.3 \u00b5s", TimeFormat.seconds(12.34e-6));
        assertEquals("1 s", TimeFormat.seconds(0.9997), "999.7 ms rounds up to the next unit");
        assertEquals("0 s", TimeFormat.seconds(0));
        assertEquals("2min 5.0 s", TimeFormat.seconds(125));
    }

    @Test
    void timeRunsTheStatementOnceAndKeepsItsResult() {
        cell("int calls = 0;");
        Engine.ExecuteOutcome o = cell("%time ++calls");
        assertEquals("ok", o.status());
        assertEquals("1", o.result().get("text/plain"));
        String text = out.stdout.toString();
        assertTrue(text.matches("(?s)CPU times: user .+, sys .+, total .+\nWall time: .+\n"), text);
    }

    @Test
    void timeCountsTheCpuOfChildProcesses() {
        // The shell prints its own /proc stat after awk exits: its cutime+cstime is exactly awk's CPU time.
        cell("String stat = null;");
        out.stdout.setLength(0);
        cell("""
                %%time
                stat = new String(new ProcessBuilder("sh", "-c",
                    "awk 'BEGIN { for (i = 0; i < 20000000; i++) s += i }'; cat /proc/$$/stat")
                    .start().getInputStream().readAllBytes());
                """);
        Matcher m = Pattern.compile("total ([0-9.]+) (s|ms)").matcher(out.stdout);
        assertTrue(m.find(), out.stdout.toString());
        Object ticks = cell("String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(\" \");\n"
                + "Long.parseLong(f[13]) + Long.parseLong(f[14])").result().get("text/plain");
        double childCpu = Long.parseLong(String.valueOf(ticks)) / 100.0;
        double total = Double.parseDouble(m.group(1)) / (m.group(2).equals("ms") ? 1000 : 1);
        assertTrue(childCpu > 0.2, "awk did real work: " + childCpu);
        assertTrue(total >= childCpu - 0.05, "total " + total + " s includes the child's " + childCpu + " s");
    }

    @Test
    void timeitPrintsMeanAndStdForStatementsAndExpressions() {
        cell("long counter = 0;");
        assertEquals("ok", cell("%timeit -n 50 -r 3 counter++").status());
        String text = out.stdout.toString();
        assertTrue(text.matches("(?s).+ \u00b1 .+ per loop \\(mean \u00b1 std. dev. of 3 runs, 50 loops each\\)\n"), text);
        assertEquals("150", cell("counter").result().get("text/plain"), "3 runs x 50 loops, nothing more");

        out.stdout.setLength(0);
        assertEquals("ok", cell("%timeit -r 1 Math.sqrt(counter) + 1").status());
        assertTrue(out.stdout.toString().contains("(mean of 1 run, "), out.stdout.toString());
    }

    @Test
    void cellTimeitRunsSetupOnceAndTimesTheBody() {
        assertEquals("ok", cell("%%timeit -n 10 -r 2 int[] box = {0};\nbox[0]++;").status());
        assertEquals("20", cell("box[0]").result().get("text/plain"));
    }

    @Test
    void timeitErrorsAreClear() {
        assertEquals("error", cell("%timeit -n x 1").status());
        assertEquals("error", cell("%timeit -z 1").status());
        assertEquals("error", cell("%timeit").status());
        Engine.ExecuteOutcome thrown = cell("%timeit -n 1 -r 1 Integer.parseInt(\"nope\")");
        assertEquals("error", thrown.status());
        assertEquals("NumberFormatException", thrown.ename());
    }
}
