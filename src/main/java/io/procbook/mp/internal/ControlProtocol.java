package io.procbook.mp.internal;

/**
 * Message types of the parent/child control protocol. A child connects, says {@link #HELLO}, and waits for one
 * {@link #RUN} (a pre-started one may first be asked to {@link #WARM_UP}); while its entry runs it may ask for
 * classes ({@link #CLASS_REQUEST}) and exchange {@link #DATA} with higher layers (a pool worker's tasks and
 * results); it ends with {@link #DONE}, or reports
 * {@link #EXITING} (user code called System.exit) or {@link #SIGNAL} (it was told to stop) just before dying,
 * so that the parent can tell an exit status 143 from a SIGTERM.
 */
public final class ControlProtocol {
    private ControlProtocol() { }

    /** child to parent: UTF token, long pid. */
    public static final byte HELLO = 1;
    /** parent to child: an {@link Assignment} (see {@link EnvelopeCodec}). */
    public static final byte RUN = 2;
    /** child to parent: UTF binary class name. */
    public static final byte CLASS_REQUEST = 3;
    /** parent to child: a {@link ClassReply} (see {@link EnvelopeCodec}). */
    public static final byte CLASS_REPLY = 4;
    /** child to parent: int exit status, then the serialized exception (empty if none). */
    public static final byte DONE = 5;
    /** child to parent: user code called System.exit; the OS exit status is the real one. */
    public static final byte EXITING = 6;
    /** child to parent: int signal number the child is dying of. */
    public static final byte SIGNAL = 7;
    /** either way: opaque bytes for the layer above (pool tasks and results). */
    public static final byte DATA = 8;
    /**
     * parent to child: nothing to run yet, and time to spare: warm up (rehearse a task's path on a background
     * thread, see {@code child.WarmUp}) and say {@link #WARMED} when done. A {@link #RUN} that comes meanwhile
     * stops the warm-up between two of its steps.
     */
    public static final byte WARM_UP = 9;
    /**
     * child to parent: what the child printed through System.out or System.err, tagged by route (see
     * {@code child.RoutedOutput}). Everything a child prints before it sends a message comes before it.
     */
    public static final byte OUTPUT = 10;
    /** child to parent: long sequence number; the parent answers {@link #SYNCED} once it has handed on all output before it. */
    public static final byte SYNC = 11;
    /** parent to child: the long sequence number of the {@link #SYNC} it answers. */
    public static final byte SYNCED = 12;
    /** child to parent: the warm-up a {@link #WARM_UP} asked for has finished. */
    public static final byte WARMED = 13;
}
