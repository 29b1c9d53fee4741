package io.procbook.mp.internal;

/**
 * In a child JVM: which of the parent's routes the current thread's output takes. Route 0 is the child's own
 * (the parent's context that started it); a pool worker runs each task under the route the parent gave that
 * task, so that the task's lines reach the cell that submitted it. Threads inherit their creator's route, as
 * a task's helper threads belong to the task. Route numbers mean something only to the parent that handed
 * them out (see {@link RouteTable}).
 */
public final class OutputRoute {

    /** The route of a child's own output. */
    public static final int OWN = 0;

    private static final InheritableThreadLocal<Integer> ROUTE = new InheritableThreadLocal<>() {
        @Override
        protected Integer initialValue() {
            return OWN;
        }
    };

    private OutputRoute() { }

    /** @return the calling thread's route */
    public static int current() {
        return ROUTE.get();
    }

    /**
     * Sets the calling thread's route.
     *
     * @return the route it had before, to restore afterwards
     */
    public static int set(int route) {
        int before = ROUTE.get();
        ROUTE.set(route);
        return before;
    }
}
