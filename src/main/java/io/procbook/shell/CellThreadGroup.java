package io.procbook.shell;

/**
 * The thread group of one cell's threads. It exists so that an interrupt can reach every thread the cell
 * started, and so that an exception escaping a background thread is shown in the cell (JShell's own group
 * swallows it), with the JShell wrapper noise removed. A default uncaught-exception handler is not consulted:
 * in a notebook the cell's stderr is where a reader looks.
 */
final class CellThreadGroup extends ThreadGroup {

    CellThreadGroup(String name) {
        super(name);
    }

    @Override
    @SuppressWarnings("removal")
    public void uncaughtException(Thread t, Throwable e) {
        if (e instanceof ThreadDeath) return; // the thread was stopped by an interrupt: that is reported once
        StringBuilder sb = new StringBuilder("Exception in thread \"").append(t.getName()).append("\" ");
        for (String line : Tracebacks.ofLiveThrowable(e)) sb.append(line).append('\n');
        System.err.print(sb);
    }
}
