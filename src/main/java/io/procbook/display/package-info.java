/**
 * Rich output for user code: {@link io.procbook.display.Display#display} shows a value as a
 * {@link io.procbook.display.MimeBundle} (text/plain beside HTML, PNG, SVG, JSON...), chosen by the value
 * itself ({@link io.procbook.display.Renderable}) or by a {@link io.procbook.display.Renderer} registered with
 * {@link io.procbook.display.Renderers}; a {@link io.procbook.display.DisplayHandle} updates a display in place.
 * Where the bundles go is the {@link io.procbook.display.DisplayTarget} of the current thread, as a host
 * locates it (the shell: the thread's cell).
 *
 * <p>Depends on nothing of procbook: plain Java code (and the monitor's summary) can build bundles without a
 * kernel.
 */
package io.procbook.display;
