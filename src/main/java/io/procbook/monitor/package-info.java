/**
 * The live CPU and memory monitor: every child process and busy thread of a notebook cell, shown as one
 * rich display that updates in place and ends as a static summary: a chart (PNG) and a table, or one line
 * for work that did almost nothing. The summary is what a saved notebook keeps; it reads the same trusted or
 * not, in JupyterLab, Notebook 7 and 6, nbconvert's HTML and static viewers (see {@code MonitorBundles}).
 *
 * <h2>How the kernel wires it (nothing here depends on the kernel, shell or display packages)</h2>
 * <ol>
 *   <li>At cell start, if {@link io.procbook.monitor.Monitor#isEnabled()}: create a
 *       {@link io.procbook.monitor.CellMonitor} with a {@link io.procbook.monitor.MonitorView} bound to the cell's
 *       output ({@code show} = display_data with a new display_id, {@code update} = update_display_data with the
 *       same display_id). Tell it the cell's threads: e.g. evaluate the cell in a thread of a new
 *       {@link java.lang.ThreadGroup} {@code g} and call
 *       {@code watchThreads(CellMonitor.inGroup(g).and(t -> t != evaluationThread))}; to see parallel streams,
 *       {@code watchSharedThreads(t -> t instanceof ForkJoinWorkerThread w && w.getPool() == ForkJoinPool.commonPool())}
 *       (the pool's workers are the cell's only until it returns).</li>
 *   <li>Install one {@link io.procbook.mp.spi.ProcessListener} with {@link io.procbook.mp.spi.Hooks#addListener};
 *       in {@code started(child)} (it runs on the starting thread) look up that thread's cell and call its
 *       monitor's {@code watchProcess(child)}. Exits are taken from {@code child.onExit()}.</li>
 *   <li>When the cell's code returns, call {@code finish()} before the execute_reply: if the work is over
 *       (processes the cell joined included: it waits for their exit codes; threads that wait without using
 *       CPU do not count), the summary is rendered before {@code finish()} returns, so it is in the saved
 *       notebook; it may wait up to 250 ms for that, as the summary is an update and updates come at most four
 *       a second. Work that goes on after the cell keeps the display live until it ends; the summary then
 *       follows by itself.</li>
 *   <li>Install a {@link io.procbook.monitor.MonitorHost} with {@link io.procbook.monitor.Monitor#setHost} so
 *       that {@code Monitor.show()} and {@code Monitor.showSummary()} work from cell code, and map
 *       {@code %monitor on|off|auto} to {@link io.procbook.monitor.Monitor#setEnabled} ({@code on} may also call
 *       {@code Monitor.show()} to open the display at once).</li>
 * </ol>
 * Without a kernel, {@link io.procbook.monitor.Monitor#console} prints a periodic line instead; by default
 * nothing is monitored.
 *
 * <h2>Sampling</h2>
 * One daemon thread ({@code procbook-monitor}) for the whole JVM runs while any monitor has something to watch,
 * every 250 ms (from the end of one tick to the start of the next): children from {@code /proc/<pid>/stat} and {@code /proc/<pid>/status} (descriptors kept open,
 * no allocation per reading), or {@link java.lang.ProcessHandle.Info} where there is no {@code /proc}; threads
 * from {@link java.lang.management.ThreadMXBean}; the machine from {@code /proc/stat}.
 */
package io.procbook.monitor;
