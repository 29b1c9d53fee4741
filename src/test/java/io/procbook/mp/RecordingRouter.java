package io.procbook.mp;

import io.procbook.mp.spi.ChildProcess;
import io.procbook.mp.spi.OutputRouter;
import io.procbook.mp.spi.OutputSink;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An output router that keeps each child's stdout and stderr, by child name. */
final class RecordingRouter implements OutputRouter {

    final Map<String, StringBuffer> out = new ConcurrentHashMap<>();
    final Map<String, StringBuffer> err = new ConcurrentHashMap<>();
    final Map<String, Thread> routedOn = new ConcurrentHashMap<>();

    @Override
    public OutputSink sinkFor(ChildProcess child) {
        routedOn.put(child.name(), Thread.currentThread());
        StringBuffer o = out.computeIfAbsent(child.name(), k -> new StringBuffer());
        StringBuffer e = err.computeIfAbsent(child.name(), k -> new StringBuffer());
        return (stderr, text) -> (stderr ? e : o).append(text);
    }

    String out(String name) {
        StringBuffer b = out.get(name);
        return b == null ? "" : b.toString();
    }

    String err(String name) {
        StringBuffer b = err.get(name);
        return b == null ? "" : b.toString();
    }
}
