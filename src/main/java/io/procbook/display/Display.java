package io.procbook.display;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Rich output from user code. In a notebook cell these are imported statically, so {@code display(image)} works
 * as it does in IPython. A display lands in the output area of the cell whose thread calls it; a thread
 * started by a cell keeps that cell.
 *
 * <p>Without a host (a plain Java program) displays print their text/plain form on {@code System.out}.
 * All methods are safe for use by many threads at once.
 */
public final class Display {

    private static final DisplayTarget STDOUT = new DisplayTarget() {
        @Override
        public void display(Map<String, Object> data, Map<String, Object> metadata, String displayId, boolean update) {
            Object text = data.get(MimeBundle.TEXT);
            System.out.println(text != null ? text : "<" + String.join(", ", data.keySet()) + ">");
        }

        @Override
        public void clearOutput(boolean wait) { }
    };

    private static volatile Supplier<DisplayTarget> locator = () -> null;

    private Display() { }

    /**
     * Shows a value, rendered by {@link Renderers} (a {@link MimeBundle} is shown as it is).
     *
     * @param value the value
     * @return a handle to update the display later
     */
    public static DisplayHandle display(Object value) {
        return show(Renderers.render(value));
    }

    /**
     * Shows a bundle.
     *
     * @param bundle the representations
     * @return a handle to update the display later
     */
    public static DisplayHandle display(MimeBundle bundle) {
        return show(Objects.requireNonNull(bundle, "bundle"));
    }

    /** Clears the calling cell's output area at once. */
    public static void clearOutput() {
        clearOutput(false);
    }

    /**
     * Clears the calling cell's output area.
     *
     * @param wait {@code true} to clear only when new output arrives (no flicker for animations)
     */
    public static void clearOutput(boolean wait) {
        target().clearOutput(wait);
    }

    /**
     * For the host: installs how the calling thread's target is found (the kernel looks up the thread's cell).
     * A locator returning {@code null} means "no cell": displays print on {@code System.out}.
     *
     * @param targetLocator the locator, or {@code null} to go back to printing
     */
    public static void setTargetLocator(Supplier<DisplayTarget> targetLocator) {
        locator = targetLocator == null ? () -> null : targetLocator;
    }

    private static DisplayHandle show(MimeBundle bundle) {
        DisplayTarget t = target();
        DisplayHandle handle = new DisplayHandle(t, UUID.randomUUID().toString());
        t.display(bundle.data(), bundle.metadata(), handle.id(), false);
        return handle;
    }

    private static DisplayTarget target() {
        DisplayTarget t = locator.get();
        return t == null ? STDOUT : t;
    }
}
