/**
 * What the kernel, the magics and the help see of a shell: the {@link io.procbook.shell.api.Engine} a kernel
 * drives (execute, complete, inspect, is_complete, interrupt, with its outcome records), the
 * {@link io.procbook.shell.api.CellOutput} an engine writes one request's output to, and
 * {@link io.procbook.shell.api.TextWidth}, the column width of text the kernel shows.
 *
 * <p>A package of its own so that {@code shell} may use {@code shell.magic} and {@code shell.help} while they
 * use this contract, with no cycle between them. It depends on nothing of procbook.
 */
package io.procbook.shell.api;
