/**
 * What runs the chunks of {@code Pool}, {@code ThreadPool} and {@code ProcessPoolExecutor}: a
 * {@code Backend} of worker JVMs ({@code ProcessBackend}, each worker running a {@code WorkerLoop}) or of
 * threads ({@code ThreadBackend}). The public pools split work into {@code Chunk}s and gather results
 * ({@code MapJob}, {@code ChunkSink}); a backend only runs chunks and reports each outcome, and replaces a
 * worker that died, failing the chunk it was running. {@code PoolProtocol} and {@code ItemCodec} are what a
 * parent and its workers exchange.
 */
package io.procbook.mp.internal.pool;
