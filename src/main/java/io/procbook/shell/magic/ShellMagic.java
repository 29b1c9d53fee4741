package io.procbook.shell.magic;

import io.procbook.shell.api.Engine;
import java.util.List;

/**
 * {@code %%sh} and {@code %%bash}: runs the cell's body as a shell script. It runs from the cell's own thread,
 * like code typed in the cell, so its output streams live into the cell, the monitor sees it, and an interrupt
 * terminates it. A script that exits with a status other than 0 fails the cell, naming the status.
 */
final class ShellMagic implements Magic {

    private final String shell;

    private ShellMagic(String shell) {
        this.shell = shell;
    }

    static ShellMagic sh() { return new ShellMagic("sh"); }

    static ShellMagic bash() { return new ShellMagic("bash"); }

    @Override public String name() { return shell; }
    @Override public boolean cellMagic() { return true; }
    @Override public String usage() { return "%%" + shell; }

    @Override
    public String summary() {
        return "Run the cell as a " + shell + " script; its output streams into the cell, an interrupt stops it.";
    }

    @Override
    public Engine.ExecuteOutcome run(String args, String body, MagicContext ctx) {
        if (!args.isBlank()) throw new MagicException("%%" + shell + " takes no arguments; usage: " + usage());
        if (body.isBlank()) return Engine.ExecuteOutcome.ok(null);
        Engine.ExecuteOutcome o = ctx.run(ShellScript.class.getName() + ".run(" + JavaLiteral.of(shell) + ", "
                + JavaLiteral.of(body) + ");");
        if ("error".equals(o.status()) && ShellScript.ScriptFailedException.class.getSimpleName().equals(o.ename())) {
            // the Java frames of the call say nothing about the script
            return Engine.ExecuteOutcome.error(o.ename(), o.evalue(), List.of(o.ename() + ": " + o.evalue()));
        }
        return o;
    }
}
