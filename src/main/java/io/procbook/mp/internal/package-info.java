/**
 * How {@code io.procbook.mp} runs children; not API (no public signature of {@code mp} or {@code mp.spi} shows
 * a type of this package or the ones below it).
 *
 * <ul>
 *   <li>Child JVMs: {@code JvmCommand} (the command line), {@code ChildJvm} (the parent's handle: launch,
 *       assignment, the control connection, output, exit), {@code WarmPool} and {@code WarmDemand}
 *       (pre-started JVMs), {@code CdsArchive} (class data sharing), {@code Children} (what happens to them
 *       when this JVM ends), {@code CommandChild} and {@code CommandSessions} (external commands).</li>
 *   <li>The control connection: {@code Wire} frames {@code ControlProtocol} messages over a Unix domain socket (loopback TCP
 *       where there is none; {@code ConnectBackSocket}), {@code EnvelopeCodec} encodes an {@code Assignment};
 *       {@code OutputRoute} and {@code RouteTable} carry each line a child prints to the sink of the context
 *       (cell) it was printed for.</li>
 *   <li>Class shipping: {@code ParcelWriter} packs a task into a {@code Parcel} (its serialized form, the
 *       notebook classes its code reaches as {@code CodeReach} finds them, the {@code StaticValue}s it reads;
 *       a lambda in the faster form of {@code lambda.LambdaCopy} shows its code as a
 *       {@code PortableLambda}), and {@code ClassReply} answers a child's request for a class it misses.</li>
 *   <li>{@code Transit} keeps shared objects alive for children being started; {@code PrivateAccess} holds
 *       every reflective reach into members closed to the runtime, each with its reason.</li>
 * </ul>
 * Beside it: {@code child} (the child JVM's side), {@code shm} (shared memory), {@code pool} (pool workers),
 * {@code manager} (manager servers and proxies) and {@code lambda} (how a task lambda travels).
 *
 * <h2>Dependencies</h2>
 * This package and {@code shm} know no public type of {@code io.procbook.mp}: where an operation fails for a
 * reason the JDK can name, {@code mp} translates it into its public exception ({@code CommandSessions} reports
 * a missing program as a {@link java.io.FileNotFoundException} that {@code Popen} turns into
 * {@code CommandNotFoundException}; {@code shm} reports an interrupted wait as an {@link InterruptedException}
 * that {@code mp}'s {@code Waits} turns into {@code UncheckedInterruptedException}); where they must reach a
 * member the public package keeps private, {@link io.procbook.mp.internal.PrivateAccess} takes the public
 * class as an argument; and {@code ParcelWriter} knows a fast lambda by the {@code PortableLambda} interface,
 * not by its class. Both depend on {@code mp.spi} (the hooks they read), never the other way.
 *
 * <p>{@code child} uses {@code mp}'s public types (it runs the public API in a child, warms it up and makes a
 * {@code RemoteTaskException} where the task failed), and nothing uses {@code child}: it is the top of the
 * child JVM, named to the launcher by {@code JvmCommand}. {@code pool}, {@code manager} and {@code lambda} use
 * the public types while {@code mp} uses them, so that what a user catches or receives is the public type
 * itself: {@code lambda}'s rebuilt tasks implement the task interfaces; pool workers run {@code Fn} and
 * {@code Task} and fail with {@code WorkerDiedException} and {@code BrokenProcessPoolException}; a manager
 * proxy throws {@code ManagerException} and its kin straight into user code, and the served builtins implement
 * the proxy interfaces. {@code LayeringTest} counts these three as one with {@code mp} when it looks for
 * cycles. Freeing {@code pool} and {@code manager} takes two moves: an internal interface that {@code mp}
 * implements with a serializable adapter (a pool task as an internal call that {@code mp} wraps around
 * {@code Fn}, its failure made public inside the adapter), and the proxies' invocation handler in {@code mp},
 * translating the transport's failures. {@code lambda} belongs with the task interfaces it implements: it
 * would become package-private in {@code mp} once {@code child} reached it the way it reaches
 * {@code Process}'s private envelope.
 */
package io.procbook.mp.internal;
