package io.procbook.display;

/**
 * Implemented by a type that chooses its own rich form: when a value of this type is displayed (by
 * {@link Display#display(Object)} or as a cell's result), the notebook shows the bundle it returns.
 *
 * <pre>{@code
 * record Celsius(double v) implements Renderable {
 *     public MimeBundle toMimeBundle() {
 *         return MimeBundle.builder().text(v + " °C").html("<b>" + v + "</b> &deg;C").build();
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface Renderable {

    /** @return this value's representations */
    MimeBundle toMimeBundle();
}
