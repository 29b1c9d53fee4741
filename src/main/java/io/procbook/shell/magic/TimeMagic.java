package io.procbook.shell.magic;

import io.procbook.shell.api.Engine;

/**
 * {@code %time STATEMENT} and {@code %%time}: runs the code once, as part of the cell, and prints the CPU time
 * (this kernel and the child processes it ran meanwhile) and the wall time, as IPython does.
 */
final class TimeMagic implements Magic {

    private final boolean cell;

    private TimeMagic(boolean cell) {
        this.cell = cell;
    }

    static TimeMagic line() { return new TimeMagic(false); }

    static TimeMagic cell() { return new TimeMagic(true); }

    @Override public String name() { return "time"; }
    @Override public boolean cellMagic() { return cell; }
    @Override public String usage() { return cell ? "%%time" : "%time STATEMENT"; }

    @Override
    public String summary() {
        return "Run " + (cell ? "the cell" : "the statement")
                + " once; print CPU time (kernel and child processes) and wall time.";
    }

    @Override
    public Engine.ExecuteOutcome run(String args, String body, MagicContext ctx) {
        String code = cell ? (args.isEmpty() ? body : args + "\n" + body) : args;
        if (code.isBlank()) throw new MagicException("usage: " + usage());
        CpuClock.Sample cpu0 = CpuClock.now();
        long wall0 = System.nanoTime();
        Engine.ExecuteOutcome outcome = ctx.run(code);
        double wall = (System.nanoTime() - wall0) / 1e9;
        CpuClock.Sample cpu = CpuClock.now().minus(cpu0);
        // IPython too prints only the total where the system does not split it (Windows)
        String times = cpu.split() ? "user " + TimeFormat.seconds(cpu.user()) + ", sys "
                + TimeFormat.seconds(cpu.system()) + ", total " : "total ";
        ctx.out().stream("stdout", "CPU times: " + times + TimeFormat.seconds(cpu.total())
                + "\nWall time: " + TimeFormat.seconds(wall) + "\n");
        return outcome;
    }
}
