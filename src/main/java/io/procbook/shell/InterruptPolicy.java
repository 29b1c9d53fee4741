package io.procbook.shell;

/**
 * Whether interrupting a cell also terminates the child processes that cell started (Python's Ctrl-C reaches
 * the whole process group; here the default is the same). Turn it off from a cell with
 * {@code io.procbook.shell.InterruptPolicy.setTerminateChildren(false)}, or for the whole kernel with the
 * system property {@code -Dprocbook.interrupt.terminateChildren=false}.
 */
public final class InterruptPolicy {

    private static volatile boolean terminateChildren =
            !"false".equalsIgnoreCase(System.getProperty("procbook.interrupt.terminateChildren", "true"));

    private InterruptPolicy() { }

    /** @return {@code true} if an interrupt terminates the children of the interrupted cell */
    public static boolean terminateChildren() {
        return terminateChildren;
    }

    /**
     * @param on {@code true} (the default) to terminate an interrupted cell's children, {@code false} to leave
     *           them running
     */
    public static void setTerminateChildren(boolean on) {
        terminateChildren = on;
    }
}
