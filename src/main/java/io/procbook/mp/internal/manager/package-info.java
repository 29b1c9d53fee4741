/**
 * Managers: a {@code ManagerServer} serves objects over TCP (authenticated by a challenge on the shared key,
 * {@code Auth}, within bounds, {@code Handshakes}; between processes of one host a connection then moves to
 * shared memory, {@code LocalUpgrade} and {@code RingLink}); its {@code Dispatcher} invokes interface methods
 * of served objects only, and an {@code AllowList} bounds what a connection deserializes. On the calling
 * side, a {@code Client} keeps this process's connections to one server and every proxy's behaviour is a
 * {@code RemoteHandler}. The served builtins ({@code Builtins}: dict, list, namespace, queues, values,
 * arrays, locks, semaphores, events, conditions, barriers) implement the proxy interfaces of
 * {@code io.procbook.mp}.
 */
package io.procbook.mp.internal.manager;
