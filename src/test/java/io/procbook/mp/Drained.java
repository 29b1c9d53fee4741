package io.procbook.mp;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * An iteration run to its end past failing items, as a loop over pool results that catches each failure does.
 *
 * @param values   what {@code next()} returned, in order
 * @param failures what {@code next()} threw, in order
 */
public record Drained<T>(List<T> values, List<RuntimeException> failures) {

    /** Calls {@code next()} until {@code hasNext()} is false, keeping what each call returned or threw. */
    public static <T> Drained<T> of(Iterator<T> it) {
        List<T> values = new ArrayList<>();
        List<RuntimeException> failures = new ArrayList<>();
        while (it.hasNext()) {
            try {
                values.add(it.next());
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        return new Drained<>(values, failures);
    }
}
