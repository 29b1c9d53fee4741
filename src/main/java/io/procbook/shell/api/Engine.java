package io.procbook.shell.api;

import java.util.List;
import java.util.Map;

/**
 * The kernel's view of the language engine (JShell). One engine per kernel; the kernel calls
 * {@link #execute} from one thread at a time, and {@link #interrupt} from another thread while it runs.
 * Completion, inspection and is-complete may be called while a cell runs.
 */
public interface Engine extends AutoCloseable {

    /**
     * Runs a cell and blocks until it finished, failed or was interrupted.
     *
     * @param code the cell's source
     * @param out  where the cell's output goes (also for threads and children it starts)
     * @param silent true when the front end asked for a silent execution (no execute_result)
     * @return the outcome
     */
    ExecuteOutcome execute(String code, CellOutput out, boolean silent);

    /**
     * Evaluates one expression for {@code user_expressions}, without side effects on the cell counter.
     *
     * @param expression the expression
     * @return the outcome; its {@code result} is the expression's mime bundle
     */
    ExecuteOutcome evaluateExpression(String expression);

    /** Completion candidates for the code at the cursor (a code-point offset, as Jupyter counts). */
    Completion complete(String code, int cursor);

    /** Documentation of the symbol at the cursor; {@code detailLevel} 0 or 1 as in inspect_request. */
    Inspection inspect(String code, int cursor, int detailLevel);

    /** Whether the code is a complete cell: status "complete", "incomplete" (with indent) or "invalid". */
    Completeness isComplete(String code);

    /** Stops the running cell, if any, and the children it started; returns at once. */
    void interrupt();

    /** The version string of the language (the running JDK's feature version, e.g. "17.0.15"). */
    String languageVersion();

    /**
     * Lets an engine that starts in the background begin now, and returns at once; later calls do nothing.
     * The kernel calls it once its first reply is on its way, so that starting the engine (JShell: a second of
     * CPU) does not slow that reply down.
     */
    default void prepare() {
    }

    /** Ends the engine: terminates every child process and thread it started. */
    @Override
    void close();

    /**
     * How a cell ended.
     *
     * @param status    "ok", "error" or "aborted"
     * @param result    the mime bundle of the cell's last expression value (null if none or silent)
     * @param ename     the error's name (for "error")
     * @param evalue    the error's message (for "error")
     * @param traceback lines to show (for "error"); ANSI colour is allowed
     * @param payload   execute_reply payloads (e.g. {@link #page}), each a Gson-serializable map; never null
     */
    record ExecuteOutcome(String status, Map<String, Object> result, String ename, String evalue,
                          List<String> traceback, List<Map<String, Object>> payload) {

        public ExecuteOutcome {
            payload = payload == null ? List.of() : List.copyOf(payload);
        }

        public static ExecuteOutcome ok(Map<String, Object> result) {
            return new ExecuteOutcome("ok", result, null, null, List.of(), List.of());
        }

        public static ExecuteOutcome error(String ename, String evalue, List<String> traceback) {
            return new ExecuteOutcome("error", null, ename, evalue, traceback, List.of());
        }

        /**
         * A successful outcome that asks the front end to show text in its pager (IPython's {@code name?}):
         * one payload {@code {"source": "page", "data": data, "start": 0}}.
         *
         * @param data the mime bundle to page, e.g. {@code text/plain}
         */
        public static ExecuteOutcome page(Map<String, Object> data) {
            return new ExecuteOutcome("ok", null, null, null, List.of(),
                    List.of(Map.of("source", "page", "data", Map.copyOf(data), "start", 0)));
        }
    }

    /** complete_reply content; offsets count code points, as Jupyter does. */
    record Completion(List<String> matches, int cursorStart, int cursorEnd, Map<String, Object> metadata) { }

    /** inspect_reply content. */
    record Inspection(boolean found, Map<String, Object> data) { }

    /** is_complete_reply content; {@code indent} is only meaningful for "incomplete". */
    record Completeness(String status, String indent) { }
}
