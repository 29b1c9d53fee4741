package io.procbook.shell;

import io.procbook.mp.spi.ProgressHost;
import io.procbook.mp.spi.ProgressView;

/**
 * Shows the runtime's progress bars ({@code io.procbook.mp.Progress}) as live displays: a bar opened by a
 * thread of a cell goes to that cell's output, whichever threads later move it (a pool's result threads
 * belong to the cell that made the pool, which may be an earlier one). A thread of no cell gets the runtime's
 * text bar on standard error.
 */
final class CellProgress implements ProgressHost {

    @Override
    public ProgressView open() {
        Cell cell = CellBinding.current();
        return cell == null ? null : new CellProgressView(cell.output());
    }
}
