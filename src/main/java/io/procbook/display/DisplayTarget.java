package io.procbook.display;

import java.util.Map;

/**
 * Where displays go: the host (the kernel) supplies one per notebook cell through
 * {@link Display#setTargetLocator}. Implementations are safe for use by many threads at once.
 */
public interface DisplayTarget {

    /**
     * Shows, or with {@code update} replaces, a display.
     *
     * @param data      mime type to content
     * @param metadata  mime type to metadata
     * @param displayId the display's id (never null)
     * @param update    {@code true} to replace the display shown earlier with this id
     */
    void display(Map<String, Object> data, Map<String, Object> metadata, String displayId, boolean update);

    /**
     * Clears the output area.
     *
     * @param wait {@code true} to clear only when new output arrives
     */
    void clearOutput(boolean wait);
}
