package io.procbook.shell;

import io.procbook.mp.spi.WorkContext;

/**
 * The runtime's view of {@link CellBinding}: work submitted from a thread belongs to that thread's cell. A
 * pool's task prints into the cell that submitted it, and a callback into the cell that registered it, though
 * both run on threads the pool made in whichever cell created it.
 */
final class CellContext implements WorkContext {

    static final CellContext INSTANCE = new CellContext();

    private CellContext() { }

    @Override
    public Object current() {
        return CellBinding.current();
    }

    @Override
    public void runIn(Object context, Runnable action) {
        if (!(context instanceof Cell cell)) {
            action.run();
            return;
        }
        try {
            CellBinding.actAs(cell, action);
        } finally {
            // The work for that cell is over: a partial line it printed goes before whatever follows it (the
            // task's result handed on, the code after get()).
            cell.lines().flush(Thread.currentThread());
        }
    }
}
