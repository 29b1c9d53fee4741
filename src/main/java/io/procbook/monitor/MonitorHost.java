package io.procbook.monitor;

/**
 * What the kernel tells the {@link Monitor} facade, so that code in a cell can reach its own monitor and
 * open new displays. Installed with {@link Monitor#setHost}; implementations must be safe for use by many
 * threads.
 */
public interface MonitorHost {

    /**
     * @return the monitor of the cell the calling thread belongs to, or {@code null} if it belongs to none
     */
    CellMonitor currentCell();

    /**
     * @return a new, not yet shown display in the output of the cell the calling thread belongs to
     * @throws IllegalStateException if the calling thread belongs to no cell
     */
    MonitorView newView();
}
