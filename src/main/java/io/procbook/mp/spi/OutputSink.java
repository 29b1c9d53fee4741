package io.procbook.mp.spi;

/**
 * Receives a child's output, already decoded as UTF-8, in the order the child wrote it per stream.
 * Called from runtime threads; implementations must be safe for use by many threads and must not block for
 * long (the child would stall on a full pipe). A {@code RuntimeException} from a sink loses that text and goes
 * no further (the reading goes on); the first one is logged at {@code WARNING} through {@code System.Logger}.
 */
public interface OutputSink {

    /**
     * Accepts a chunk of a child's output.
     *
     * @param stderr {@code true} for standard error, {@code false} for standard output
     * @param text   the text, possibly several lines or part of one
     */
    void write(boolean stderr, String text);

    /**
     * Called once when one of the child's streams has reached its end (the child closed it or exited), after
     * its last {@link #write}: a sink that holds back a partial line lets it go now. The runtime reports a
     * child's exit after this (unless a stream stays open long after the exit, e.g. inherited by a grandchild),
     * so the output is complete when {@code join()} returns. Does nothing by default.
     *
     * @param stderr {@code true} for standard error, {@code false} for standard output
     */
    default void end(boolean stderr) { }

    /**
     * Called when the child is about to be heard from in another way (it sent a task's result, or said it is
     * done): a sink that holds back a partial line lets it go now, so that the child's output comes before
     * whatever the parent does with that news. Does nothing by default.
     */
    default void flush() { }
}
