package io.procbook.shell.magic;

import io.procbook.shell.api.Engine;
import io.procbook.shell.api.TextWidth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds magics in a cell and runs it: a cell whose first line starts with {@code %%name} is handed whole to
 * that cell magic; otherwise each line starting with {@code %name} runs that line magic, and the Java lines
 * between them run as code, in order, stopping at the first error.
 */
public final class Magics {

    // A magic name follows the percent sign at once; "% b" (a modulo on a continued line) is Java, not a magic.
    private static final Pattern LINE = Pattern.compile("^\\s*%(%?)([A-Za-z][\\w-]*)(\\??)(.*)$");

    private final Map<String, Magic> lineMagics = new LinkedHashMap<>();
    private final Map<String, Magic> cellMagics = new LinkedHashMap<>();

    /**
     * @param magics the magics to offer
     */
    public Magics(Collection<? extends Magic> magics) {
        for (Magic m : magics) (m.cellMagic() ? cellMagics : lineMagics).put(m.name(), m);
        lineMagics.putIfAbsent("lsmagic", new LsMagic(this));
    }

    /** The magics every session has. */
    public static Magics standard() {
        List<Magic> all = new ArrayList<>();
        all.add(TimeMagic.line());
        all.add(TimeMagic.cell());
        all.add(TimeitMagic.line());
        all.add(TimeitMagic.cell());
        all.add(ClasspathMagic.classpath());
        all.add(ClasspathMagic.jars());
        all.add(new MavenMagic());
        all.add(SessionMagics.who());
        all.add(SessionMagics.reset());
        all.add(SessionMagics.monitor());
        all.add(ShellMagic.sh());
        all.add(ShellMagic.bash());
        return new Magics(all);
    }

    /** @return every magic, line magics first, each group in registration order */
    public List<Magic> all() {
        List<Magic> all = new ArrayList<>(lineMagics.values());
        all.addAll(cellMagics.values());
        return all;
    }

    /**
     * @param code a cell
     * @return {@code true} if the cell holds any magic line (and so must go through {@link #run})
     */
    public static boolean hasMagic(String code) {
        for (String line : code.split("\n", -1)) if (LINE.matcher(line).matches()) return true;
        return false;
    }

    /**
     * Help for a magic, as {@code %name?} and inspection show it.
     *
     * @param token {@code %name}, {@code %%name} or {@code name}
     * @return usage and summary, or empty if there is no such magic
     */
    public Optional<String> help(String token) {
        String t = token.strip();
        boolean cell = t.startsWith("%%");
        String name = t.replaceFirst("^%%?", "").replaceFirst("\\?$", "");
        Magic m = cell ? cellMagics.get(name) : lineMagics.getOrDefault(name, cellMagics.get(name));
        return Optional.ofNullable(m).map(x -> x.usage() + "\n\n" + TextWidth.wrap(x.summary(), "", ""));
    }

    /**
     * Runs a cell that holds magics.
     *
     * @param code the cell
     * @param ctx  the session
     * @return the outcome of the cell's last part, or of the first part that failed
     */
    public Engine.ExecuteOutcome run(String code, MagicContext ctx) {
        String[] lines = code.split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) first++;
        if (first < lines.length) {
            Matcher m = LINE.matcher(lines[first]);
            if (m.matches() && !m.group(1).isEmpty()) {
                String body = String.join("\n", java.util.Arrays.copyOfRange(lines, first + 1, lines.length));
                return invoke(cellMagics, "%%", m, body, ctx);
            }
        }
        List<Step> steps = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                pending.append(line).append('\n');
                continue;
            }
            if (!m.group(1).isEmpty()) {
                return error("cell magic %%" + m.group(2) + " must be on the cell's first line");
            }
            if (!pending.toString().isBlank()) steps.add(new Step(pending.toString(), null));
            pending.setLength(0);
            steps.add(new Step(null, m));
        }
        if (!pending.toString().isBlank()) steps.add(new Step(pending.toString(), null));
        // As in Python, a syntax error in any of the cell's Java runs none of it.
        for (Step step : steps) {
            Engine.ExecuteOutcome bad = step.java() == null ? null : ctx.checkSyntax(step.java());
            if (bad != null) return bad;
        }
        Engine.ExecuteOutcome last = Engine.ExecuteOutcome.ok(null);
        for (Step step : steps) {
            last = step.java() != null ? ctx.run(step.java()) : invoke(lineMagics, "%", step.magic(), "", ctx);
            if (!"ok".equals(last.status())) return last;
        }
        return last;
    }

    /** A part of a cell with line magics: Java lines, or one magic line. */
    private record Step(String java, Matcher magic) { }

    private Engine.ExecuteOutcome invoke(Map<String, Magic> table, String prefix, Matcher m, String body,
                                         MagicContext ctx) {
        String name = m.group(2);
        Magic magic = table.get(name);
        if (magic == null) {
            return error("unknown magic " + prefix + name + "; known: " + known());
        }
        if (!m.group(3).isEmpty()) {
            ctx.out().stream("stdout", help(prefix + name).orElseThrow() + "\n");
            return Engine.ExecuteOutcome.ok(null);
        }
        try {
            return magic.run(m.group(4).strip(), body, ctx);
        } catch (MagicException e) {
            return error(e.getMessage());
        }
    }

    private String known() {
        List<String> names = new ArrayList<>();
        lineMagics.keySet().forEach(n -> names.add("%" + n));
        cellMagics.keySet().forEach(n -> names.add("%%" + n));
        return String.join(", ", names);
    }

    static Engine.ExecuteOutcome error(String message) {
        String shown = TextWidth.wrap("MagicError: " + message, "", "    ");
        return Engine.ExecuteOutcome.error("MagicError", message, List.of(shown.split("\n")));
    }

    /** {@code %lsmagic}: every magic with its usage and summary. */
    private static final class LsMagic implements Magic {
        /**
         * The runtime's Python names hide JDK types of the same simple name in every cell; a reader meets them
         * here as well as in each type's Javadoc ({@code Process?}).
         */
        static final String RUNTIME_NAMES = """
                Python's names in cells: these io.procbook.mp types replace the JDK's of the same name;
                write the JDK's by its full name:
                  Process           java.lang.Process
                  Queue             java.util.Queue
                  Semaphore         java.util.concurrent.Semaphore
                  Lock, Condition   java.util.concurrent.locks.Lock, java.util.concurrent.locks.Condition
                  Array             java.lang.reflect.Array
                """;

        private final Magics magics;

        LsMagic(Magics magics) {
            this.magics = magics;
        }

        @Override public String name() { return "lsmagic"; }
        @Override public boolean cellMagic() { return false; }
        @Override public String usage() { return "%lsmagic"; }
        @Override public String summary() { return "List the magics, each with its usage and what it does."; }

        @Override
        public Engine.ExecuteOutcome run(String args, String body, MagicContext ctx) {
            StringBuilder sb = new StringBuilder();
            sb.append("Line magics (start a line with %):\n");
            for (Magic m : magics.lineMagics.values()) entry(sb, m);
            sb.append("Cell magics (start a cell with %%):\n");
            for (Magic m : magics.cellMagics.values()) entry(sb, m);
            sb.append("Help on one: %name? (or inspect it with Shift+Tab).\n");
            sb.append(RUNTIME_NAMES);
            ctx.out().stream("stdout", sb.toString());
            return Engine.ExecuteOutcome.ok(null);
        }

        /** The usage line, then the summary below it: side by side they would not fit the width. */
        private static void entry(StringBuilder sb, Magic m) {
            sb.append("  ").append(m.usage()).append('\n');
            sb.append(TextWidth.wrap(m.summary(), "      ", "      ")).append('\n');
        }
    }
}
