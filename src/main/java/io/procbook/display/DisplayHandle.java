package io.procbook.display;

import java.util.Objects;

/**
 * One display shown by {@link Display#display(Object)}, which can be replaced in place later, from any thread,
 * even after its cell has finished (a progress bar, a live chart).
 *
 * <p>Instances are safe for use by many threads at once.
 */
public final class DisplayHandle {

    private final DisplayTarget target;
    private final String id;

    DisplayHandle(DisplayTarget target, String id) {
        this.target = target;
        this.id = id;
    }

    /** @return the display id sent to the front end */
    public String id() {
        return id;
    }

    /**
     * Replaces this display's content with the rendering of {@code value} (see {@link Renderers}).
     *
     * @param value the new value, or a {@link MimeBundle}
     */
    public void update(Object value) {
        MimeBundle b = Renderers.render(value);
        target.display(b.data(), b.metadata(), id, true);
    }

    /**
     * Clears the output area of the cell this display belongs to.
     *
     * @param wait {@code true} to clear only when new output arrives (no flicker for animations)
     */
    public void clearOutput(boolean wait) {
        target.clearOutput(wait);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DisplayHandle h && h.id.equals(id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }

    @Override
    public String toString() {
        return "DisplayHandle[" + id + "]";
    }
}
