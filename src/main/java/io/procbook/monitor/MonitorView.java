package io.procbook.monitor;

import java.util.Map;

/**
 * Where a monitor shows itself: in the kernel, one updatable display in a cell's output area (display_data
 * followed by update_display_data with the same display_id); in plain Java, perhaps a console.
 *
 * <p>A bundle maps mime types ({@code text/plain}, {@code text/html}, and for a final summary with a chart
 * {@code image/png} as base64, or {@code image/svg+xml}) to their content as {@code String}, like the "data"
 * of a Jupyter display_data message; the metadata is its "metadata" (e.g. the size to show the PNG at, as
 * {@code {"image/png": {"width": 720, "height": 340}}}). Methods are called from the monitor's
 * sampler thread or from the thread calling {@link CellMonitor#show()} / {@link CellMonitor#finish()}, never
 * concurrently for the same monitor; they must return quickly and must not call back into the monitor from
 * another thread.
 */
public interface MonitorView {

    /**
     * Shows the display for the first time.
     *
     * @param mimeBundle mime type to content
     * @param metadata   mime type to its metadata; often empty
     */
    void show(Map<String, Object> mimeBundle, Map<String, Object> metadata);

    /**
     * Replaces the content of the display shown by {@link #show}.
     *
     * @param mimeBundle mime type to content
     * @param metadata   mime type to its metadata; often empty
     */
    void update(Map<String, Object> mimeBundle, Map<String, Object> metadata);

    /**
     * Tells whether this view shows pictures. One that does not (a console) gets the summary without a PNG
     * chart, and the monitor then never loads Java2D (nor sets {@code java.awt.headless}) in its program.
     *
     * @return {@code true} unless overridden
     */
    default boolean showsImages() {
        return true;
    }
}
