package io.procbook.shell.magic;

import io.procbook.shell.api.Engine;

/**
 * {@code %timeit [-n N] [-r R] [-q] STATEMENT} and {@code %%timeit [-n N] [-r R] [-q] [SETUP]}: times code
 * over many loops and prints mean ± standard deviation per loop, as IPython does. The code is compiled once
 * into a lambda in the session, so the loop measures the code, not the compiler.
 */
final class TimeitMagic implements Magic {

    private static final String TIMEIT = Timeit.class.getName();
    private final boolean cell;

    private TimeitMagic(boolean cell) {
        this.cell = cell;
    }

    static TimeitMagic line() { return new TimeitMagic(false); }

    static TimeitMagic cell() { return new TimeitMagic(true); }

    @Override public String name() { return "timeit"; }
    @Override public boolean cellMagic() { return cell; }

    @Override
    public String usage() {
        return cell ? "%%timeit [-n N] [-r R] [-q] [SETUP]" : "%timeit [-n N] [-r R] [-q] STATEMENT";
    }

    @Override
    public String summary() {
        return "Time " + (cell ? "the cell's body (after running SETUP once)" : "a statement or expression")
                + " over N loops x R runs (N chosen so a run takes >= 0.2 s): mean \u00b1 std per loop.";
    }

    @Override
    public Engine.ExecuteOutcome run(String args, String body, MagicContext ctx) {
        Options o = Options.parse(args, usage());
        String code;
        if (cell) {
            if (!o.rest.isBlank()) {
                Engine.ExecuteOutcome setup = ctx.run(o.rest);
                if (!"ok".equals(setup.status())) return setup;
            }
            code = body;
        } else {
            code = o.rest;
        }
        if (code.isBlank()) throw new MagicException("nothing to time; usage: " + usage());

        Engine.ExecuteOutcome prepared = ctx.run(TIMEIT + ".prepare(() -> {\n" + statements(code) + "\n});");
        if (!"ok".equals(prepared.status()) && !cell) {
            // Not a statement: time it as an expression whose value is consumed.
            Engine.ExecuteOutcome asValue = ctx.run(TIMEIT + ".prepare(() -> { " + TIMEIT + ".consume((\n"
                    + stripSemicolon(code) + "\n)); });");
            if ("ok".equals(asValue.status())) prepared = asValue;
        }
        if (!"ok".equals(prepared.status())) return prepared;
        Engine.ExecuteOutcome measured = ctx.run(TIMEIT + ".measure(" + o.loops + "L, " + o.repeats + ", "
                + o.quiet + ");");
        return "ok".equals(measured.status()) ? Engine.ExecuteOutcome.ok(null) : measured;
    }

    private static String statements(String code) {
        String c = code.strip();
        return c.endsWith(";") || c.endsWith("}") ? c : c + ";";
    }

    private static String stripSemicolon(String code) {
        String c = code.strip();
        return c.endsWith(";") ? c.substring(0, c.length() - 1) : c;
    }

    /** -n, -r and -q, then the rest of the line. */
    record Options(long loops, int repeats, boolean quiet, String rest) {
        static Options parse(String args, String usage) {
            long loops = 0;
            int repeats = 7;
            boolean quiet = false;
            String rest = args.strip();
            while (rest.startsWith("-")) {
                String[] parts = rest.split("\\s+", 3);
                String opt = parts[0];
                try {
                    switch (opt) {
                        case "-q" -> { quiet = true; rest = rest.substring(2).strip(); continue; }
                        case "-n" -> loops = Long.parseLong(parts[1]);
                        case "-r" -> repeats = Integer.parseInt(parts[1]);
                        default -> throw new MagicException("unknown option " + opt + "; usage: " + usage);
                    }
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    throw new MagicException(opt + " needs a positive whole number; usage: " + usage);
                }
                if (loops < 0 || repeats < 1 || (opt.equals("-n") && loops == 0)) {
                    throw new MagicException(opt + " needs a positive whole number; usage: " + usage);
                }
                rest = parts.length > 2 ? parts[2] : "";
            }
            return new Options(loops, repeats, quiet, rest);
        }
    }
}
