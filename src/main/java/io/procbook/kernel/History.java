package io.procbook.kernel;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * The input history that history_request reads: earlier kernel runs' entries (from the {@link HistoryFile})
 * and this run's, bounded in memory. If the file cannot be read or written, history continues in memory only
 * (said once on the log). Thread-safe.
 *
 * <p>A persistent history reads its file when first used, or earlier on a thread of its own
 * ({@link #loadInBackground()}): the file holds up to twice {@code maxEntries} cells of earlier runs (hundreds
 * of kilobytes of JSON after a few benchmarks), and parsing it in a JVM that has just started took longer than
 * the rest of the kernel's start (the kernel starts that thread once its first reply is on its way).
 */
final class History {
    private final int maxEntries;
    /** Held while the file is read; the reader sets {@code loaded} under it. */
    private final Object loadLock = new Object();
    private final HistoryFile source;
    private volatile boolean loaded;
    private final AtomicBoolean loadStarted = new AtomicBoolean();
    // Guarded by this, set once while loading.
    private final List<HistoryEntry> entries = new ArrayList<>();
    private int session;
    private HistoryFile file;

    private History(int maxEntries, HistoryFile source) {
        this.maxEntries = maxEntries;
        this.source = source;
    }

    /** History that lives and dies with this kernel (session 1). */
    static History inMemory(int maxEntries) {
        History h = new History(maxEntries, null);
        h.loaded = true;
        h.session = 1;
        return h;
    }

    /** History persisted in {@code file}; falls back to memory if the file is unusable. */
    static History persistent(HistoryFile file) {
        return new History(file.maxEntries(), file);
    }

    /** Reads the file now on a daemon thread, so that the first cell does not wait for it; once. */
    void loadInBackground() {
        if (loaded || !loadStarted.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(this::awaitLoaded, "procbook-history-load");
        t.setDaemon(true);
        t.start();
    }

    /** Reads the file unless that was done (not interruptibly: callers may be threads of an interrupted cell). */
    private void awaitLoaded() {
        if (loaded) {
            return;
        }
        synchronized (loadLock) {
            if (loaded) {
                return;
            }
            HistoryFile.Opened opened = null;
            // As in add: a file channel used by an interrupted thread closes itself.
            boolean interrupted = Thread.interrupted();
            try {
                opened = source.open();
            } catch (IOException | RuntimeException e) {
                Log.warn("history file " + source.path() + " unusable, keeping history in memory only", e);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (this) {
                session = opened == null ? 1 : opened.session();
                if (opened != null) {
                    entries.addAll(opened.past());
                    file = source;
                }
            }
            loaded = true;
        }
    }

    int session() {
        awaitLoaded();
        synchronized (this) {
            return session;
        }
    }

    void add(int line, String input) {
        awaitLoaded();
        synchronized (this) {
            HistoryEntry e = new HistoryEntry(session, line, input);
            entries.add(e);
            if (entries.size() > 2 * maxEntries) {
                entries.subList(0, entries.size() - maxEntries).clear();
            }
            if (file == null) {
                return;
            }
            // File channels close themselves when used by an interrupted thread, and the caller may be a cell
            // thread that was just interrupted: write with the flag cleared, then restore it.
            boolean interrupted = Thread.interrupted();
            try {
                file.append(e);
            } catch (ClosedByInterruptException ex) {
                interrupted = true;   // interrupted during the write: this entry stays in memory only
            } catch (IOException | RuntimeException ex) {
                Log.warn("history file " + file.path() + " cannot be written, keeping history in memory only", ex);
                file = null;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** The last {@code n} entries, oldest first. */
    List<HistoryEntry> tail(int n) {
        awaitLoaded();
        synchronized (this) {
            int from = Math.max(0, entries.size() - Math.max(n, 0));
            return List.copyOf(entries.subList(from, entries.size()));
        }
    }

    /**
     * Entries of one session with {@code start <= line < stop}.
     *
     * @param session 0 for this kernel's session, negative to count back from it (-1 = the previous run),
     *                positive for an absolute session number
     * @param stop    exclusive end, or 0 or less for no end
     */
    List<HistoryEntry> range(int session, int start, int stop) {
        awaitLoaded();
        synchronized (this) {
            int wanted = session <= 0 ? this.session + session : session;
            List<HistoryEntry> out = new ArrayList<>();
            for (HistoryEntry e : entries) {
                if (e.session() == wanted && e.line() >= start && (stop <= 0 || e.line() < stop)) {
                    out.add(e);
                }
            }
            return out;
        }
    }

    /**
     * Entries whose whole input matches a glob ({@code *}, {@code ?}, {@code [abc]}, {@code [^abc]}, case
     * sensitive, as IPython's SQLite GLOB), oldest first.
     *
     * @param n      at most this many, the newest ones; 0 or less for all
     * @param unique keep only the newest entry of each distinct input
     */
    List<HistoryEntry> search(String glob, int n, boolean unique) {
        Pattern p = globToRegex(glob);
        List<HistoryEntry> out = new ArrayList<>();
        awaitLoaded();
        synchronized (this) {
            for (HistoryEntry e : entries) {
                if (p.matcher(e.input()).matches()) {
                    out.add(e);
                }
            }
        }
        if (unique) {
            Map<String, HistoryEntry> newestByInput = new LinkedHashMap<>();
            for (HistoryEntry e : out) {
                newestByInput.remove(e.input());
                newestByInput.put(e.input(), e);
            }
            out = new ArrayList<>(newestByInput.values());
        }
        if (n > 0 && out.size() > n) {
            out = out.subList(out.size() - n, out.size());
        }
        return List.copyOf(out);
    }

    static Pattern globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[' && glob.indexOf(']', i + 2) > 0) {
                int close = glob.indexOf(']', i + 2);
                String set = glob.substring(i + 1, close);
                boolean negate = set.startsWith("^");
                if (negate) {
                    set = set.substring(1);
                }
                re.append(negate ? "[^" : "[");
                for (int k = 0; k < set.length(); k++) {
                    char s = set.charAt(k);
                    boolean range = s == '-' && k > 0 && k < set.length() - 1;
                    re.append(range || Character.isLetterOrDigit(s) ? "" : "\\").append(s);
                }
                re.append(']');
                i = close;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
