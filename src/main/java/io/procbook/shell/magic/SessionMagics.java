package io.procbook.shell.magic;

import io.procbook.shell.api.Engine;
import io.procbook.shell.api.TextWidth;
import java.util.List;
import java.util.function.BiFunction;

/** {@code %who}, {@code %reset} and {@code %monitor}: magics about the session itself. */
final class SessionMagics {

    /** {@code %who} cuts a type name longer than this. */
    private static final int MAX_TYPE = 40;
    /** {@code %who} shows at least this much of a value. */
    private static final int MIN_VALUE = 20;

    private SessionMagics() { }

    static Magic who() {
        return simple("who", "%who", "List the notebook's variables with their types and values.", (args, ctx) -> {
            List<MagicContext.Variable> vars = ctx.variables();
            if (vars.isEmpty()) {
                ctx.out().stream("stdout", "No variables.\n");
                return Engine.ExecuteOutcome.ok(null);
            }
            int wn = Math.max(8, vars.stream().mapToInt(v -> v.name().length()).max().orElse(0));
            int wt = Math.max(4, vars.stream().mapToInt(v -> Math.min(v.type().length(), MAX_TYPE)).max().orElse(0));
            // The value takes the rest of the width, but never less than a readable start of it.
            int wv = Math.max(MIN_VALUE, TextWidth.COLUMNS - wn - wt - 4);
            StringBuilder sb = new StringBuilder(pad("Variable", wn) + "  " + pad("Type", wt) + "  Value\n");
            sb.append("-".repeat(wn)).append("  ").append("-".repeat(wt)).append("  -----\n");
            for (MagicContext.Variable v : vars) {
                sb.append(pad(v.name(), wn)).append("  ").append(pad(cut(v.type(), wt), wt)).append("  ")
                  .append(cut(v.value().replace('\n', ' '), wv)).append('\n');
            }
            ctx.out().stream("stdout", sb.toString());
            return Engine.ExecuteOutcome.ok(null);
        });
    }

    static Magic reset() {
        return simple("reset", "%reset", "Drop every variable of the notebook (methods, classes and imports stay).",
                (args, ctx) -> {
                    int n = ctx.reset();
                    ctx.out().stream("stdout", "Dropped " + n + " variable" + (n == 1 ? "" : "s") + ".\n");
                    return Engine.ExecuteOutcome.ok(null);
                });
    }

    static Magic monitor() {
        return simple("monitor", "%monitor on|off|auto",
                "The live CPU monitor: on in every cell from here, off in none, auto (the default) in cells that "
                        + "start processes or busy threads.", (args, ctx) -> {
                    String mode = args.strip().toLowerCase(java.util.Locale.ROOT);
                    switch (mode) {
                        case "on" -> ctx.monitor(MagicContext.MonitorMode.ON);
                        case "off" -> ctx.monitor(MagicContext.MonitorMode.OFF);
                        case "auto" -> ctx.monitor(MagicContext.MonitorMode.AUTO);
                        default -> throw new MagicException("usage: %monitor on|off|auto");
                    }
                    ctx.out().stream("stdout", "Monitor " + mode + ".\n");
                    return Engine.ExecuteOutcome.ok(null);
                });
    }

    /** The text, or its start and "..." if it is longer than {@code w}. */
    private static String cut(String s, int w) {
        return s.length() > w ? s.substring(0, w - 3) + "..." : s;
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }

    private static Magic simple(String name, String usage, String summary,
                                BiFunction<String, MagicContext, Engine.ExecuteOutcome> body) {
        return new Magic() {
            @Override public String name() { return name; }
            @Override public boolean cellMagic() { return false; }
            @Override public String usage() { return usage; }
            @Override public String summary() { return summary; }
            @Override public Engine.ExecuteOutcome run(String args, String cellBody, MagicContext ctx) {
                return body.apply(args, ctx);
            }
        };
    }
}
