package io.procbook.kernel;

/** A request whose content lacks a field or has one of the wrong type; answered with an error reply. */
final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequestException(String message) {
        super(message);
    }
}
