package io.procbook.mp.internal.shm;

import io.procbook.mp.internal.LazyLogger;
import io.procbook.mp.internal.BeforeHalt;

import java.lang.System.Logger.Level;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One memory-mapped shared file: a header that tracks which processes use it, then a body that the public
 * objects (queues, pipes, values, locks) lay out as they need. All shared words are 8-byte aligned longs
 * accessed through a {@link VarHandle} view of the mapped buffer, which gives volatile reads/writes and CAS
 * across processes (the mapping is the same physical memory in all of them).
 *
 * <p>Lifetime: a process attaches by writing its {@link Pids#SELF_STAMP stamp} (pid and start time) into a
 * free slot of the attach table, and detaches by
 * clearing it (on the last local {@link #release()} or at JVM exit). Whoever detaches last, or a later sweep
 * once every attached pid is dead, removes the file. Removal and attachment race safely through a Dekker-style
 * protocol on the state word: the remover first announces itself (its stamp in the state word), then rescans the
 * table; an attacher first writes its slot, then reads the state. With sequentially consistent accesses one of
 * them sees the other. A remover killed between announcing and settling is recognised by its stamp, and the
 * next attacher or sweep takes the state over.
 *
 * <p>Within a process, one mapping per file is shared by every object that refers to it (local reference
 * count), so identity and memory use stay sane however often a handle is deserialized.
 */
public final class Segment {

    private static final System.Logger LOG = LazyLogger.of(Segment.class);

    /** Aligned long access; plain/volatile/CAS on direct buffers at 8-byte aligned offsets. */
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private static final long MAGIC = 0x70726f63626f6f6bL; // "procbook"
    private static final int OFF_MAGIC = 0;
    private static final int OFF_STATE = 8;
    private static final int OFF_ID = 16;
    private static final int OFF_ATTACH = 64;
    private static final int ATTACH_SLOTS = 120;
    /** First byte of the body; a multiple of 64 so bodies can align words to cache lines. */
    public static final int HEADER = 1024;

    private static final long OPEN = 0;
    /** What an older version wrote while removing; now only this process's mark where its stamp is no better. */
    private static final long UNLINKING = 1;
    private static final long UNLINKED = 2;
    /**
     * The state word while this process decides whether to remove a segment: its own stamp, so that a remover
     * killed before it settled can be told from one still deciding ({@link #abandonedRemoval}).
     */
    private static final long REMOVING = Pids.SELF_STAMP > UNLINKED ? Pids.SELF_STAMP : UNLINKING;

    private static final Map<String, Segment> LOCAL = new HashMap<>();
    private static boolean hookInstalled;

    private final String name;
    private final Path path;
    private final MappedByteBuffer buf;
    private final long id;
    private int localRefs;

    private Segment(String name, Path path, MappedByteBuffer buf) {
        this.name = name;
        this.path = path;
        this.buf = buf;
        this.id = (long) LONG.getVolatile(buf, OFF_ID);
    }

    /**
     * Creates a new zero-filled segment with a body of at least {@code bodyBytes}, attached by this process.
     *
     * @throws UncheckedIOException if the file cannot be created (e.g. /dev/shm is full)
     */
    public static Segment create(long bodyBytes) {
        ShmDir.sweepOnce();
        long size = HEADER + ((bodyBytes + 4095) & ~4095L);
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shared object too large: " + bodyBytes + " bytes (at most ~2 GB)");
        }
        Path path = ShmDir.newSegmentPath();
        try {
            try (RandomAccessFile raf = new RandomAccessFile(ShmDir.createPrivate(path).toFile(), "rw")) {
                raf.setLength(size);
            }
            MappedByteBuffer buf = map(path);
            LONG.setVolatile(buf, OFF_ID, ThreadLocalRandom.current().nextLong());
            LONG.setVolatile(buf, OFF_MAGIC, MAGIC);
            Segment s = new Segment(path.getFileName().toString(), path, buf);
            s.attach();
            synchronized (Segment.class) {
                installHook();
                s.localRefs = 1;
                LOCAL.put(s.name, s);
            }
            return s;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException notDeleted) {
                // Nothing more to do; the sweep catches it later.
                LOG.log(Level.DEBUG, () -> "could not remove " + path + ": " + notDeleted);
            }
            throw new UncheckedIOException("cannot create shared memory in " + ShmDir.dir() + ": " + e, e);
        }
    }

    /**
     * Opens (and attaches to) an existing segment by name, or returns this process's mapping of it with one more
     * local reference. Every successful call must be matched by one {@link #release()}.
     *
     * @throws IllegalStateException if the segment no longer exists (every process using it has closed it)
     */
    public static Segment open(String name) {
        ShmDir.sweepOnce();
        synchronized (Segment.class) {
            Segment s = LOCAL.get(name);
            if (s != null) {
                s.localRefs++;
                return s;
            }
        }
        Path path = ShmDir.segmentPath(name);
        MappedByteBuffer buf;
        try {
            buf = map(path);
            if (ShmDir.foreign(path)) {
                throw new IllegalStateException("shared object " + name + " is another user's file: refused");
            }
        } catch (NoSuchFileException e) {
            throw gone(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open shared memory " + path + ": " + e, e);
        }
        if ((long) LONG.getVolatile(buf, OFF_MAGIC) != MAGIC) {
            throw new IllegalStateException("not a procbook shared-memory file (or not yet initialised): " + path);
        }
        Segment s = new Segment(name, path, buf);
        synchronized (Segment.class) {
            Segment raced = LOCAL.get(name);
            if (raced != null) {
                raced.localRefs++;
                return raced;
            }
            s.attach();
            installHook();
            s.localRefs = 1;
            LOCAL.put(name, s);
            return s;
        }
    }

    /**
     * Maps the whole file, never through a link; a pending interrupt neither fails it nor is lost (see
     * {@link InterruptAside}).
     */
    private static MappedByteBuffer map(Path path) throws IOException {
        return InterruptAside.run(() -> {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                return ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size());
            }
        });
    }

    private static IllegalStateException gone(String name) {
        return new IllegalStateException("shared object " + name + " no longer exists: every process that used it"
                + " closed it (or exited) before this process opened it");
    }

    /** One more local user of this mapping (e.g. a lock embedded in a value's segment). */
    public Segment retain() {
        synchronized (Segment.class) {
            if (localRefs <= 0) {
                throw new IllegalStateException("shared object " + name + " is closed");
            }
            localRefs++;
        }
        return this;
    }

    /**
     * Drops one local reference; the last one detaches this process, and removes the file if no other living
     * process is attached. Idempotence is the caller's job (each open/create/retain matched by one release).
     */
    public void release() {
        synchronized (Segment.class) {
            if (localRefs <= 0) {
                return;
            }
            if (--localRefs > 0) {
                return;
            }
            LOCAL.remove(name);
        }
        detach();
    }

    /** The file name, which is what a serialized handle carries. */
    public String name() {
        return name;
    }

    /** A random id fixed at creation; the base of wake-up keys. */
    public long id() {
        return id;
    }

    // ---- attach table -------------------------------------------------------------------------------------

    private void attach() {
        while (true) {
            int slot = claimSlot();
            long state = (long) LONG.getVolatile(buf, OFF_STATE);
            if (state == OPEN) {
                return;
            }
            LONG.setVolatile(buf, slot, 0L);
            if (state == UNLINKED) {
                throw gone(name);
            }
            if (abandonedRemoval(state)) {
                LONG.compareAndSet(buf, OFF_STATE, state, OPEN); // its remover died deciding: nobody removes it
            } else {
                Thread.onSpinWait(); // a remover is deciding; it will settle on OPEN or UNLINKED in microseconds
            }
        }
    }

    /**
     * Whether {@code state} names a remover that died before it settled the state (killed in the microseconds
     * between announcing and settling): a dead process's stamp, or the stamp-less mark older versions wrote.
     * Left as it is, the file would never be swept and every later attacher would wait forever.
     */
    private static boolean abandonedRemoval(long state) {
        return state != OPEN && state != UNLINKED && state != REMOVING
                && (state == UNLINKING || !Pids.aliveStamp(state));
    }

    private int claimSlot() {
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < ATTACH_SLOTS; i++) {
                int off = OFF_ATTACH + 8 * i;
                long stamp = (long) LONG.getVolatile(buf, off);
                boolean free = stamp == 0 || (pass == 1 && !Pids.aliveStamp(stamp));
                if (free && LONG.compareAndSet(buf, off, stamp, Pids.SELF_STAMP)) {
                    return off;
                }
            }
        }
        throw new IllegalStateException("shared object " + name + " is attached by " + ATTACH_SLOTS
                + " living processes already");
    }

    private void detach() {
        for (int i = 0; i < ATTACH_SLOTS; i++) {
            int off = OFF_ATTACH + 8 * i;
            if ((long) LONG.getVolatile(buf, off) == Pids.SELF_STAMP) {
                LONG.compareAndSet(buf, off, Pids.SELF_STAMP, 0L);
            }
        }
        unlinkIfUnused(buf, path, name);
    }

    /** Sweep entry point: removes the file at {@code path} if no living process is attached to it. */
    static boolean unlinkIfUnused(Path path) throws IOException {
        MappedByteBuffer buf;
        try {
            buf = map(path);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (buf.capacity() < HEADER || (long) LONG.getVolatile(buf, OFF_MAGIC) == 0) {
            // Our name, but the creator died before initialising it: nobody can have attached.
            Files.deleteIfExists(path);
            return true;
        }
        if ((long) LONG.getVolatile(buf, OFF_MAGIC) != MAGIC) {
            return false; // not ours after all
        }
        return unlinkIfUnused(buf, path, path.getFileName().toString());
    }

    private static boolean unlinkIfUnused(MappedByteBuffer buf, Path path, String name) {
        if (!LONG.compareAndSet(buf, OFF_STATE, OPEN, REMOVING)) {
            long state = (long) LONG.getVolatile(buf, OFF_STATE);
            if (!abandonedRemoval(state) || !LONG.compareAndSet(buf, OFF_STATE, state, REMOVING)) {
                return false; // someone else is removing it, or has
            }
        }
        for (int i = 0; i < ATTACH_SLOTS; i++) {
            long stamp = (long) LONG.getVolatile(buf, OFF_ATTACH + 8 * i);
            if (stamp != 0 && Pids.aliveStamp(stamp)) {
                LONG.setVolatile(buf, OFF_STATE, OPEN);
                return false;
            }
        }
        LONG.setVolatile(buf, OFF_STATE, UNLINKED);
        try {
            Files.deleteIfExists(path);
        } catch (IOException notDeleted) {
            // Left for the sweep.
            LOG.log(Level.DEBUG, () -> "could not remove " + path + ": " + notDeleted);
        }
        ShmDir.deleteSpills(name);
        return true;
    }

    private static void installHook() {
        if (!hookInstalled) {
            hookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(Segment::detachAll, "procbook-shm-detach"));
            // A child halts, which runs no shutdown hook; its parent may let go of the same memory as soon as
            // the child reports that it is done, and the file is removed only if nobody is attached then.
            BeforeHalt.add(Segment::detachAll);
        }
    }

    /**
     * This process stops using every segment, removing those nobody else uses: at JVM exit, and before a
     * child halts (see {@link BeforeHalt}). Mappings stay valid for code still running.
     */
    private static void detachAll() {
        List<Segment> all;
        synchronized (Segment.class) {
            all = new ArrayList<>(LOCAL.values());
            LOCAL.clear();
        }
        for (Segment s : all) {
            s.detach();
        }
    }

    // ---- word access ----------------------------------------------------------------------------------------

    /** Volatile read of the long at {@code off}. */
    public long getLong(int off) {
        return (long) LONG.getVolatile(buf, off);
    }

    /** Plain read of the long at {@code off}. */
    public long getLongPlain(int off) {
        return (long) LONG.get(buf, off);
    }

    /** Volatile write of the long at {@code off}. */
    public void setLong(int off, long v) {
        LONG.setVolatile(buf, off, v);
    }

    /** Plain write of the long at {@code off}. */
    public void setLongPlain(int off, long v) {
        LONG.set(buf, off, v);
    }

    /** Atomic compare-and-set of the long at {@code off}. */
    public boolean casLong(int off, long expect, long update) {
        return LONG.compareAndSet(buf, off, expect, update);
    }

    /** Atomic add to the long at {@code off}; returns the previous value. */
    public long getAndAddLong(int off, long delta) {
        return (long) LONG.getAndAdd(buf, off, delta);
    }

    /** Volatile read of the int at {@code off} (4-byte aligned). */
    public int getInt(int off) {
        return (int) INT.getVolatile(buf, off);
    }

    /** Volatile write of the int at {@code off} (4-byte aligned). */
    public void setInt(int off, int v) {
        INT.setVolatile(buf, off, v);
    }

    /** Atomic compare-and-set of the int at {@code off}. */
    public boolean casInt(int off, int expect, int update) {
        return INT.compareAndSet(buf, off, expect, update);
    }

    /** Atomic add to the int at {@code off}; returns the previous value. */
    public int getAndAddInt(int off, int delta) {
        return (int) INT.getAndAdd(buf, off, delta);
    }

    /** Plain int write (payload bytes published later by a release write). */
    public void putIntPlain(int off, int v) {
        INT.set(buf, off, v);
    }

    /** Plain int read (payload bytes guarded by an earlier acquire read). */
    public int getIntPlain(int off) {
        return (int) INT.get(buf, off);
    }

    /** Plain byte read. */
    public byte getByte(int off) {
        return buf.get(off);
    }

    /** Plain byte write. */
    public void putByte(int off, byte v) {
        buf.put(off, v);
    }

    /** Plain bulk write. */
    public void putBytes(int off, byte[] src, int from, int len) {
        buf.put(off, src, from, len);
    }

    /** Plain bulk read. */
    public void getBytes(int off, byte[] dst, int from, int len) {
        buf.get(off, dst, from, len);
    }

    @Override
    public String toString() {
        return name;
    }
}
