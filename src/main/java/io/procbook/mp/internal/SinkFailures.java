package io.procbook.mp.internal;

import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * The failures of the {@link io.procbook.mp.spi.OutputSink}s one child's output (or one pipe's) is handed to: a
 * sink that throws loses that text, but the reader feeding it must carry on (results and class requests share
 * its link; a child blocks on a full pipe). The first failure is logged at {@code WARNING}, later ones at
 * {@code DEBUG}, so a sink broken for good cannot flood the log.
 * Safe for use by several threads (at worst two first failures both warn).
 */
final class SinkFailures {

    private static final System.Logger LOG = LazyLogger.of(SinkFailures.class);

    private final Supplier<String> source;
    private volatile boolean warned;

    /** @param source names whose output the sink receives, asked only when something is logged */
    SinkFailures(Supplier<String> source) {
        this.source = source;
    }

    void failed(String operation, RuntimeException e) {
        Level level = warned ? Level.DEBUG : Level.WARNING;
        warned = true;
        LOG.log(level, () -> "output sink of " + source.get() + " threw on " + operation + "; that text is lost", e);
    }
}
