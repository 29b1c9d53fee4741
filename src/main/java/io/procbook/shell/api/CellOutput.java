package io.procbook.shell.api;

import java.util.Map;

/**
 * Where one cell's output goes: the kernel implements it once per execute request, bound to that request's
 * parent header, and the engine routes everything the cell (and any thread or child it started) prints or
 * displays to it, even after the cell has finished.
 *
 * <p>Implementations must be safe for use by many threads at once and must keep each thread's order.
 * Stream text may be coalesced by the implementation; it is delivered within 50 ms.
 */
public interface CellOutput {

    /**
     * Prints text on the cell's stream.
     *
     * @param name {@code "stdout"} or {@code "stderr"}
     * @param text the text, any length, possibly partial lines
     */
    void stream(String name, String text);

    /**
     * Shows (or, with {@code update}, replaces) a rich display.
     *
     * @param data      mime type to content: a {@code String} for text types, base64 {@code String} for images,
     *                  any Gson-serializable object (Map, List, String, Number, Boolean) for application/json
     * @param metadata  per-mime metadata, may be empty
     * @param displayId the display id, or {@code null} for an anonymous display (never null when updating)
     * @param update    {@code true} for update_display_data of an earlier display with this id
     */
    void display(Map<String, Object> data, Map<String, Object> metadata, String displayId, boolean update);

    /**
     * Clears the cell's output area.
     *
     * @param wait {@code true} to clear only when new output arrives (avoids flicker)
     */
    void clearOutput(boolean wait);

    /**
     * Asks the front end for a line of input and blocks until it answers.
     *
     * @param prompt   the prompt to show
     * @param password {@code true} to hide what is typed
     * @return the line typed, without its line terminator
     * @throws IllegalStateException if the front end does not accept input for this request (allow_stdin false)
     *                               or the request was interrupted
     */
    String input(String prompt, boolean password);
}
