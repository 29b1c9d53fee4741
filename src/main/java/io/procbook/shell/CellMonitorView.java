package io.procbook.shell;

import io.procbook.monitor.MonitorView;
import io.procbook.shell.api.CellOutput;

import java.util.Map;
import java.util.UUID;

/** One monitor display in a cell's output: display_data once, then update_display_data with the same id. */
final class CellMonitorView implements MonitorView {

    private final CellOutput out;
    private final String displayId = "procbook-monitor-" + UUID.randomUUID();

    CellMonitorView(CellOutput out) {
        this.out = out;
    }

    @Override
    public void show(Map<String, Object> mimeBundle, Map<String, Object> metadata) {
        out.display(mimeBundle, metadata, displayId, false);
    }

    @Override
    public void update(Map<String, Object> mimeBundle, Map<String, Object> metadata) {
        out.display(mimeBundle, metadata, displayId, true);
    }
}
