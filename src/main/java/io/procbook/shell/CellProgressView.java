package io.procbook.shell;

import io.procbook.display.MimeBundle;
import io.procbook.mp.spi.ProgressState;
import io.procbook.mp.spi.ProgressView;
import io.procbook.shell.api.CellOutput;

import java.util.Map;
import java.util.UUID;

/**
 * One progress bar in a cell's output: display_data on the first state, update_display_data of the same
 * display for every later one, each with a text/plain form (consoles, nbconvert to text) and a text/html one.
 */
final class CellProgressView implements ProgressView {

    private final CellOutput out;
    private final String displayId = "procbook-progress-" + UUID.randomUUID();
    /** Calls never overlap and each happens-before the next (the bar draws under its lock). */
    private boolean shown;

    CellProgressView(CellOutput out) {
        this.out = out;
    }

    @Override
    public void show(ProgressState state) {
        out.display(Map.of(MimeBundle.TEXT, state.text(), MimeBundle.HTML, ProgressHtml.render(state)), Map.of(),
                displayId, shown);
        shown = true;
    }
}
