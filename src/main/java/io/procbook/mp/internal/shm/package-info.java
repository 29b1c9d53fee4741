/**
 * Shared memory between processes: {@code Segment} (one memory-mapped file, under /dev/shm where it exists,
 * with a header of the processes that use it, removed when the last one closes it or dies; {@code ShmDir}
 * names the files and sweeps those of dead processes), {@code MessageRing} (the bounded multi-producer,
 * multi-consumer ring under queues and pipes, robust to a process dying mid-operation; {@code Feeder} makes an
 * unbounded queue's put never block), and waiting: {@code Blocking} spins, yields, then sleeps on a
 * {@code WaitArea} until a {@code Waker} (one Unix domain socket per process) is told the condition changed.
 * {@code Pids} says whether the process that owns a word still lives.
 *
 * <p>The bottom of the runtime: it knows no public type of {@code io.procbook.mp}. An interrupted wait throws
 * the JDK's {@link InterruptedException} (the thread's interrupt status cleared), which the public objects
 * translate.
 *
 * <p>The shared words are accessed through {@link java.lang.invoke.VarHandle}s with volatile or
 * compare-and-set semantics; see the memory consistency effects in {@code io.procbook.mp}'s package
 * documentation.
 */
package io.procbook.mp.internal.shm;
