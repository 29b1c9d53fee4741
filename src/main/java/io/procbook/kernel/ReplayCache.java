package io.procbook.kernel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signatures of the most recent signed messages, as jupyter_client's Session keeps them: a message whose
 * signature was already seen is a replay (someone who recorded a signed execute_request could otherwise run
 * the cell again) and is dropped. Bounded: the oldest signature is forgotten when it is full. Safe for use by
 * many threads (the shell and control threads both decode).
 */
final class ReplayCache {
    /** As many as jupyter_client remembers (2^16). */
    static final int CAPACITY = 1 << 16;

    private final Map<String, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Remembers {@code signature}; returns false if it was already remembered. */
    synchronized boolean firstSeen(String signature) {
        return seen.putIfAbsent(signature, Boolean.TRUE) == null;
    }
}
