package io.procbook.shell.magic;

import io.procbook.mp.Subprocess;

import java.util.List;

/**
 * What {@code %%sh} and {@code %%bash} compile into the cell. Public because the cell's code calls it: the
 * script then starts from the cell's thread, which is what routes its output to the cell and lets an interrupt
 * of the cell terminate it.
 */
public final class ShellScript {

    private ShellScript() { }

    /**
     * Runs a script with its output going where the calling thread's goes, and stdin empty (a notebook has no
     * terminal to read from).
     *
     * @param shell  the shell, e.g. {@code bash}
     * @param script the script
     * @throws ScriptFailedException if the script exits with a status other than 0
     */
    public static void run(String shell, String script) {
        int status = Subprocess.call(List.of(shell, "-c", script), Subprocess.options().stdin(Subprocess.DEVNULL));
        if (status != 0) {
            throw new ScriptFailedException(status < 0 ? "the " + shell + " script was ended by signal " + -status
                                        : "the " + shell + " script exited with status " + status);
        }
    }

    /** A script that did not exit with status 0. */
    public static final class ScriptFailedException extends RuntimeException {
        ScriptFailedException(String message) {
            super(message);
        }
    }
}
