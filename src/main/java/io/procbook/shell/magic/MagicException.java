package io.procbook.shell.magic;

/** A magic was misused (unknown name, bad option, missing file): the message is shown to the user as is. */
public final class MagicException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MagicException(String message) {
        super(message);
    }

    public MagicException(String message, Throwable cause) {
        super(message, cause);
    }
}
