package io.procbook.mp;

/**
 * Thrown by an acquire of a {@link Lock} or {@link RLock} when the process that held the lock died without
 * releasing it (POSIX calls this {@code EOWNERDEAD}). The dead owner's hold has been cleared, so the lock is
 * free again, but the caller does NOT hold it: whatever the lock protected may have been left half-updated,
 * and the caller decides whether to repair it and acquire again. Exactly one waiter receives this report;
 * others simply acquire the freed lock.
 *
 * <p>Instances are immutable and safe to share between threads. Like every exception of this library it is
 * Serializable, so it can be thrown in a child process or a manager server and re-thrown in the caller.
 */
public class LockOwnerDiedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The pid of the process that died holding the lock. */
    private final long deadPid;

    /**
     * Creates the exception.
     *
     * @param deadPid the pid of the process that died holding the lock
     */
    public LockOwnerDiedException(long deadPid) {
        super("the process " + deadPid + " died while holding this lock; the lock is free again (not held by the"
                + " caller), but what it protected may be inconsistent");
        this.deadPid = deadPid;
    }

    /**
     * Returns the pid of the process that died holding the lock.
     *
     * @return its pid
     */
    public long deadPid() {
        return deadPid;
    }
}
