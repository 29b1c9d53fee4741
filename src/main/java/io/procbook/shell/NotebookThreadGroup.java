package io.procbook.shell;

/**
 * The thread group of the notebook's main thread, and so (by default) of every thread cell code starts. It
 * exists so that an exception escaping a background thread is shown in that thread's cell (JShell's own group
 * swallows it), with the JShell wrapper noise removed. A default uncaught-exception handler is not consulted:
 * in a notebook the cell's stderr is where a reader looks. Which cell a thread belongs to is not told by its
 * group (one main thread runs every cell) but by {@link CellBinding}.
 */
final class NotebookThreadGroup extends ThreadGroup {

    private final SnippetOrigins origins;

    NotebookThreadGroup(String name, SnippetOrigins origins) {
        super(name);
        this.origins = origins;
    }

    @Override
    @SuppressWarnings("removal")
    public void uncaughtException(Thread t, Throwable e) {
        if (e instanceof ThreadDeath) return; // the thread was stopped by an interrupt: that is reported once
        StringBuilder sb = new StringBuilder("Exception in thread \"").append(t.getName()).append("\" ");
        Cell cell = CellBinding.current();
        for (String line : Tracebacks.ofLiveThrowable(e, origins, cell == null ? 0 : cell.number())) {
            sb.append(line).append('\n');
        }
        System.err.print(sb);
    }
}
