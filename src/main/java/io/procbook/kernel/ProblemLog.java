package io.procbook.kernel;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Logs each {@link Problem} kind the first time it happens and only counts later occurrences, so that a client
 * flooding the kernel with bad messages cannot flood its log (or slow it down by logging).
 */
final class ProblemLog {
    private final Map<Problem, AtomicLong> counts = new EnumMap<>(Problem.class);
    private final Consumer<String> log;

    ProblemLog() {
        this(Log::warn);
    }

    ProblemLog(Consumer<String> log) {
        this.log = log;
        for (Problem p : Problem.values()) {
            counts.put(p, new AtomicLong());
        }
    }

    void report(Problem problem, String detail) {
        if (counts.get(problem).getAndIncrement() == 0) {
            log.accept(problem.description + " (" + detail + "); further ones are counted, not logged");
        }
    }

    long count(Problem problem) {
        return counts.get(problem).get();
    }

    /** One line summing up what was counted, or null when nothing went wrong. */
    String summary() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Problem, AtomicLong> e : counts.entrySet()) {
            long n = e.getValue().get();
            if (n > 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey().name().toLowerCase()).append('=').append(n);
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
