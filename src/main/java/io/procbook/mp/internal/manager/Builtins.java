package io.procbook.mp.internal.manager;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * The types a {@code Manager} serves (Python's SyncManager registry). Maps and lists are the synchronized
 * wrappers over insertion-ordered collections: unlike ConcurrentHashMap they accept null keys and values (as
 * a Python dict accepts None), and their monitor lets the server take consistent snapshots.
 */
public final class Builtins {

    private Builtins() { }

    /** typeid -> factory of the served object from the creation arguments. */
    public static Map<String, Function<Object[], Object>> registry() {
        Map<String, Function<Object[], Object>> r = new LinkedHashMap<>();
        r.put("dict", a -> Collections.synchronizedMap(new LinkedHashMap<>()));
        r.put("list", a -> Collections.synchronizedList(new ArrayList<>()));
        r.put("Namespace", a -> new NamespaceObject());
        r.put("Queue", a -> new LinkedBlockingQueue<>((Integer) a[0]));
        r.put("JoinableQueue", a -> new JoinableLinkedQueue<>());
        r.put("Value", a -> new ValueCell<>(a[0]));
        r.put("Array", a -> Collections.synchronizedList(Arrays.asList(((Object[]) a[0]).clone())));
        r.put("Lock", a -> new CountingLock("Lock", 1));
        r.put("RLock", a -> new OwnedLock());
        r.put("Semaphore", a -> new CountingLock("Semaphore", (Integer) a[0]));
        r.put("Event", a -> new EventFlag());
        r.put("Condition", a -> new OwnedCondition());
        r.put("Barrier", a -> new BarrierObject((Integer) a[0]));
        return r;
    }
}
