package io.procbook.display;

import javax.imageio.ImageIO;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry that decides how a value looks when displayed or shown as a cell's result.
 *
 * <p>For a value of class C the renderer registered for the nearest supertype of C wins: C itself, then its
 * superclass and the interfaces it implements, breadth first. Built in: {@link Renderable} (the value's own
 * bundle), {@link RenderedImage} (such as {@code BufferedImage}: image/png) and {@link Object} (text/plain as
 * {@link ValueText} gives it, which covers Map, List and arrays). A renderer registered by the user for the same
 * type replaces the built-in one.
 *
 * <p>All methods are safe for use by many threads at once.
 */
public final class Renderers {

    private static final Map<Class<?>, Renderer<Object>> RENDERERS = new ConcurrentHashMap<>();

    static {
        register(Object.class, value -> MimeBundle.text(ValueText.of(value)));
        register(Renderable.class, Renderable::toMimeBundle);
        register(RenderedImage.class, Renderers::png);
    }

    private Renderers() { }

    /**
     * Makes values of {@code type} (and its subtypes, unless they have a nearer renderer) render with
     * {@code renderer}, replacing any renderer registered for exactly this type.
     *
     * @throws NullPointerException if an argument is null
     */
    @SuppressWarnings("unchecked")
    public static <T> void register(Class<T> type, Renderer<? super T> renderer) {
        Objects.requireNonNull(renderer, "renderer");
        RENDERERS.put(Objects.requireNonNull(type, "type"), (Renderer<Object>) renderer);
    }

    /**
     * Removes the renderer registered for exactly {@code type}; built-in renderers can be removed too, except
     * the one for {@code Object}.
     *
     * @throws IllegalArgumentException for {@code Object.class}
     */
    public static void unregister(Class<?> type) {
        if (type == Object.class) throw new IllegalArgumentException("the Object renderer cannot be removed");
        RENDERERS.remove(type);
    }

    /**
     * Renders a value (a {@link MimeBundle} stays as it is).
     *
     * @param value any value, or null ({@code text/plain "null"})
     * @return its bundle
     * @throws RuntimeException whatever the chosen renderer (or the value's toString) throws
     * @throws IllegalStateException if a renderer returned null
     */
    public static MimeBundle render(Object value) {
        if (value instanceof MimeBundle b) return b;
        if (value == null) return MimeBundle.text("null");
        MimeBundle bundle = rendererFor(value.getClass()).render(value);
        if (bundle == null) throw new IllegalStateException("the renderer for " + value.getClass().getName() + " returned null");
        return bundle;
    }

    private static Renderer<Object> rendererFor(Class<?> type) {
        ArrayDeque<Class<?>> queue = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        queue.add(type);
        while (!queue.isEmpty()) {
            Class<?> c = queue.poll();
            if (!seen.add(c)) continue;
            Renderer<Object> r = RENDERERS.get(c);
            if (r != null && c != Object.class) return r;
            if (c.getSuperclass() != null) queue.add(c.getSuperclass());
            for (Class<?> i : c.getInterfaces()) queue.add(i);
        }
        // Interfaces have no superclass, so Object is only reached here.
        return RENDERERS.get(Object.class);
    }

    private static MimeBundle png(Object value) {
        RenderedImage image = (RenderedImage) value;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                return MimeBundle.text(ValueText.of(value));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the image as PNG", e);
        }
        return MimeBundle.builder()
                .png(bytes.toByteArray())
                .text(value.getClass().getSimpleName() + " " + image.getWidth() + "x" + image.getHeight())
                .metadata(MimeBundle.PNG, "width", image.getWidth())
                .metadata(MimeBundle.PNG, "height", image.getHeight())
                .build();
    }
}
