/**
 * How {@code io.procbook.mp} runs children; not API (no public signature of {@code mp} or {@code mp.spi} shows
 * a type of this package or the ones below it).
 *
 * <ul>
 *   <li>Child JVMs: {@code JvmCommand} (the command line), {@code ChildJvm} (the parent's handle: launch,
 *       assignment, the control connection, output, exit), {@code WarmPool} and {@code WarmDemand}
 *       (pre-started JVMs), {@code CdsArchive} (class data sharing), {@code Children} (what happens to them
 *       when this JVM ends), {@code CommandChild} and {@code CommandSessions} (external commands).</li>
 *   <li>The control connection: {@code Wire} frames {@code Msg}s over a Unix domain socket (loopback TCP where there is
 *       none; {@code Endpoint}),
 *       {@code Codec} encodes an {@code Assignment}; {@code OutputRoute} and {@code RouteTable} carry each line
 *       a child prints to the sink of the context (cell) it was printed for.</li>
 *   <li>Class shipping: {@code BundleWriter} packs a task into a {@code Bundle} (its serialized form, the
 *       notebook classes its code reaches as {@code CodeReach} finds them, the {@code StaticValue}s it reads),
 *       {@code LambdaCopy} and {@code RebuiltTask} carry lambdas faster than the JDK's form, and
 *       {@code ClassReply} answers a child's request for a class it misses.</li>
 *   <li>{@code Transit} keeps shared objects alive for children being started; {@code PrivateAccess} holds
 *       every reflective reach into members closed to the runtime, each with its reason.</li>
 * </ul>
 * Below it: {@code child} (the child JVM's side), {@code shm} (shared memory), {@code pool} (pool workers) and
 * {@code manager} (manager servers and proxies).
 *
 * <h2>Dependencies</h2>
 * This package depends on {@code mp.spi} (the hooks it reads) and never the other way. It still uses a few of
 * {@code mp}'s public types, so that what a user catches is the public type with no translation layer in
 * between: the task interfaces ({@code RebuiltTask} implements them), {@code RemoteTaskException} (made in
 * the child, where the task failed), and in {@code manager} the proxy interfaces and manager exceptions, which
 * a proxy throws straight into user code. {@code LayeringTest}
 * therefore counts {@code mp} and {@code mp.internal.*} as one package when it looks for cycles; where an
 * internal failure has a JDK name, {@code mp} translates it instead ({@code CommandSessions} reports a missing
 * program as a {@link java.io.FileNotFoundException} that {@code Popen} turns into
 * {@code CommandNotFoundException}; {@code shm} reports an interrupted wait as an {@link InterruptedException}
 * that {@code mp}'s {@code Waits} turns into {@code UncheckedInterruptedException}, so {@code shm} knows no
 * public type).
 */
package io.procbook.mp.internal;
