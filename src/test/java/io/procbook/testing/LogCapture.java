package io.procbook.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what one class (or package) logs through {@code System.Logger} (whose default backend is java.util.logging, under
 * the class's name) while it is open. Use with try-with-resources.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (records) {
                records.add(r);
            }
        }

        @Override
        public void flush() { }

        @Override
        public void close() { }
    };

    private LogCapture(String name) {
        logger = Logger.getLogger(name); // held: java.util.logging keeps loggers only weakly
        logger.addHandler(handler);
    }

    /** Starts recording what {@code source} logs. */
    public static LogCapture of(Class<?> source) {
        return new LogCapture(source.getName());
    }

    /** Starts recording what is logged under {@code name} (a class the test cannot see, or a package). */
    public static LogCapture named(String name) {
        return new LogCapture(name);
    }

    /** @return the records at WARNING so far, oldest first */
    public List<LogRecord> warnings() {
        synchronized (records) {
            return records.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        }
    }

    /** @return whether a WARNING record's message contains {@code text} */
    public boolean warned(String text) {
        return warnings().stream().anyMatch(r -> r.getMessage() != null && r.getMessage().contains(text));
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
