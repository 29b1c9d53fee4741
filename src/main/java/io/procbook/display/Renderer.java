package io.procbook.display;

/**
 * Turns values of one type into a {@link MimeBundle}; registered with {@link Renderers#register}.
 *
 * @param <T> the type rendered
 */
@FunctionalInterface
public interface Renderer<T> {

    /**
     * @param value a non-null value of the registered type (or a subtype)
     * @return its representations, never null
     */
    MimeBundle render(T value);
}
