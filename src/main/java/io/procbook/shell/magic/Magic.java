package io.procbook.shell.magic;

import io.procbook.shell.api.Engine;

/**
 * One magic command. A line magic gets the rest of its line; a cell magic gets the rest of its first line and
 * the cell's body.
 */
public interface Magic {

    /** @return the name without its percent signs, e.g. {@code time} */
    String name();

    /** @return {@code true} for a {@code %%} cell magic, {@code false} for a {@code %} line magic */
    boolean cellMagic();

    /** @return the usage line, e.g. {@code %timeit [-n N] [-r R] STATEMENT} */
    String usage();

    /**
     * @return a sentence saying what it does (where shown, it is wrapped to
     *         {@link io.procbook.shell.api.TextWidth})
     */
    String summary();

    /**
     * Runs the magic.
     *
     * @param args the rest of the magic's line (trimmed)
     * @param body the cell's body below the first line (cell magics), or {@code ""}
     * @param ctx  the session
     * @return the outcome shown for this part of the cell
     * @throws MagicException on misuse, with a message for the user
     */
    Engine.ExecuteOutcome run(String args, String body, MagicContext ctx);
}
