package io.procbook.shell.magic;

import io.procbook.shell.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

class TimeMagicsTest {

    private final Magics magics = Magics.standard();
    private final JShellContext ctx = new JShellContext();

    @AfterEach
    void close() {
        ctx.close();
    }

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
        ctx.run("int calls = 0;");
        Engine.ExecuteOutcome o = magics.run("%time ++calls", ctx);
        assertEquals("ok", o.status());
        assertEquals("1", o.result().get("text/plain"));
        String out = ctx.out.stdout.toString();
        assertTrue(out.matches("(?s)CPU times: user .+, sys .+, total .+\nWall time: .+\n"), out);
    }

    @Test
    void timeCountsTheCpuOfChildProcesses() {
        // The shell prints its own /proc stat after awk exits: its cutime+cstime is exactly awk's CPU time.
        ctx.run("String stat = null;");
        ctx.out.stdout.setLength(0);
        magics.run("""
                %%time
                stat = new String(new ProcessBuilder("sh", "-c",
                    "awk 'BEGIN { for (i = 0; i < 20000000; i++) s += i }'; cat /proc/$$/stat")
                    .start().getInputStream().readAllBytes());
                """, ctx);
        String stat = ctx.variables().stream().filter(v -> v.name().equals("stat")).findFirst().orElseThrow().value();
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        double childCpu = (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
        Matcher m = Pattern.compile("total ([0-9.]+) (s|ms)").matcher(ctx.out.stdout);
        assertTrue(m.find(), ctx.out.stdout.toString());
        double total = Double.parseDouble(m.group(1)) / (m.group(2).equals("ms") ? 1000 : 1);
        assertTrue(childCpu > 0.2, "awk did real work: " + childCpu);
        assertTrue(total >= childCpu - 0.05, "total " + total + " s includes the child's " + childCpu + " s");
    }

    @Test
    void timeitPrintsMeanAndStdForStatementsAndExpressions() {
        ctx.run("long counter = 0;");
        assertEquals("ok", magics.run("%timeit -n 50 -r 3 counter++", ctx).status());
        String out = ctx.out.stdout.toString();
        assertTrue(out.matches("(?s).+ \u00b1 .+ per loop \\(mean \u00b1 std. dev. of 3 runs, 50 loops each\\)\n"), out);
        assertEquals("150", ctx.run("counter").result().get("text/plain"), "3 runs x 50 loops, nothing more");

        ctx.out.stdout.setLength(0);
        assertEquals("ok", magics.run("%timeit -r 1 Math.sqrt(counter) + 1", ctx).status());
        assertTrue(ctx.out.stdout.toString().contains("(mean of 1 run, "), ctx.out.stdout.toString());
    }

    @Test
    void cellTimeitRunsSetupOnceAndTimesTheBody() {
        assertEquals("ok", magics.run("%%timeit -n 10 -r 2 int[] box = {0};\nbox[0]++;", ctx).status());
        assertEquals("20", ctx.run("box[0]").result().get("text/plain"));
    }

    @Test
    void timeitErrorsAreClear() {
        assertEquals("error", magics.run("%timeit -n x 1", ctx).status());
        assertEquals("error", magics.run("%timeit -z 1", ctx).status());
        assertEquals("error", magics.run("%timeit", ctx).status());
        Engine.ExecuteOutcome thrown = magics.run("%timeit -n 1 -r 1 Integer.parseInt(\"nope\")", ctx);
        assertEquals("error", thrown.status());
        assertEquals("java.lang.NumberFormatException", thrown.ename());
    }
}
