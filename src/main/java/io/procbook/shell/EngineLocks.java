package io.procbook.shell;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The engine's two locks and what each guards. Lock order: the evaluation lock before the compiler lock.
 *
 * <ul>
 *   <li>The <b>evaluation lock</b> is held for a whole evaluation (a cell, a user expression, a class path
 *       change): JShell evaluates one thing at a time, and a cell's snippets must not interleave with another's.
 *   <li>The <b>compiler lock</b> guards JShell's compiler state: compiling a snippet, completion, inspection,
 *       is_complete. The evaluating thread lets go of it while user code runs ({@link #releaseCompiler}, called
 *       by the execution control as user code starts) so that completion and inspection answer during a long
 *       cell, and takes it back before the next snippet compiles ({@link #reacquireCompiler}).
 * </ul>
 */
final class EngineLocks {

    private final ReentrantLock evalLock = new ReentrantLock();
    private final ReentrantLock compilerLock = new ReentrantLock();

    /** Runs one evaluation: both locks held, the compiler lock let go only while its user code runs. */
    <T> T evaluation(Supplier<T> action) {
        evalLock.lock();
        compilerLock.lock();
        try {
            return action.get();
        } finally {
            compilerLock.unlock();
            evalLock.unlock();
        }
    }

    /** Runs {@code action} on the compiler's state (completion, inspection), between two snippets' compiles. */
    <T> T compiler(Supplier<T> action) {
        compilerLock.lock();
        try {
            return action.get();
        } finally {
            compilerLock.unlock();
        }
    }

    /** User code starts: the compiler is free for completion and inspection meanwhile. */
    void releaseCompiler() {
        if (compilerLock.isHeldByCurrentThread()) compilerLock.unlock();
    }

    /** User code returned: the evaluating thread compiles the next snippet. */
    void reacquireCompiler() {
        if (evalLock.isHeldByCurrentThread() && !compilerLock.isHeldByCurrentThread()) compilerLock.lock();
    }
}
