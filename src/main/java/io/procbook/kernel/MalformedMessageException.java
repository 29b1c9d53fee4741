package io.procbook.kernel;

/** A received message that cannot be trusted or understood; the kernel drops it and logs its kind once. */
final class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    final transient Problem problem;

    MalformedMessageException(Problem problem, String detail) {
        super(detail);
        this.problem = problem;
    }
}
