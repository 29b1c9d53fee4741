/**
 * Hooks through which a host (the Jupyter kernel) plugs into the {@code io.procbook.mp} runtime.
 *
 * <p>The runtime knows nothing of Jupyter. A host installs, through {@link io.procbook.mp.spi.Hooks}:
 * <ul>
 *   <li>a {@link io.procbook.mp.spi.ClassSource}: the bytecode (and live static state) of classes that are
 *       not on the class path, such as JShell's cell wrapper classes, so that children can load them;</li>
 *   <li>an {@link io.procbook.mp.spi.OutputRouter}: where each child's standard output and error go;</li>
 *   <li>a {@link io.procbook.mp.spi.WorkContext}: what a submitting thread belongs to, so that a task's output
 *       and a callback land where the work was asked for;</li>
 *   <li>{@link io.procbook.mp.spi.ProcessListener}s: who is told when a child starts, works for a context, and
 *       exits;</li>
 *   <li>a {@link io.procbook.mp.spi.ProgressHost}: where progress bars ({@code io.procbook.mp.Progress}) are
 *       shown, each as one {@link io.procbook.mp.spi.ProgressView} fed {@link io.procbook.mp.spi.ProgressState}s;</li>
 *   <li>extra class path entries that every child started afterwards must have.</li>
 * </ul>
 * With no host, children load classes from the inherited class path and inherit the parent's stdout/stderr,
 * and progress bars are text on standard error.
 */
package io.procbook.mp.spi;
