/**
 * The Java shell behind the kernel: {@code JShellEngine} implements {@link io.procbook.shell.api.Engine} with
 * JShell running in the kernel JVM. It splits a cell into the snippets JShell evaluates one at a time, runs
 * them on the notebook's main thread, turns compile errors and exceptions into the cell's error, and answers
 * completion and inspection (with {@code shell.help}) and magics ({@code shell.magic}).
 *
 * <p>What it installs into the runtime ({@link io.procbook.mp.spi.Hooks}): {@code RecordingExecutionControl}
 * records the bytecode of every class JShell defines into the {@code ClassRegistry}, the
 * {@link io.procbook.mp.spi.ClassSource} children load notebook classes from; {@code CellContext} is the
 * {@link io.procbook.mp.spi.WorkContext} (work belongs to the cell of the thread that submitted it);
 * {@code ChildTracker} is the {@link io.procbook.mp.spi.OutputRouter} and
 * {@link io.procbook.mp.spi.ProcessListener} that ties each child to its cell, writes the child's lines into
 * that cell and terminates the cell's children on an interrupt. {@code CellPrintStream} makes System.out and
 * System.err write into the current thread's cell ({@code CellBinding}).
 *
 * <p>Layer: below the kernel; uses {@code display}, {@code monitor} and {@code mp}.
 */
package io.procbook.shell;
