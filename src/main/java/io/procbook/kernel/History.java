package io.procbook.kernel;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The input history that history_request reads: earlier kernel runs' entries (from the {@link HistoryFile})
 * and this run's, bounded in memory. If the file cannot be read or written, history continues in memory only
 * (said once on the log). Thread-safe.
 */
final class History {
    private final int session;
    private final int maxEntries;
    private final List<HistoryEntry> entries;
    private HistoryFile file;

    private History(int session, int maxEntries, List<HistoryEntry> past, HistoryFile file) {
        this.session = session;
        this.maxEntries = maxEntries;
        this.entries = new ArrayList<>(past);
        this.file = file;
    }

    /** History that lives and dies with this kernel (session 1). */
    static History inMemory(int maxEntries) {
        return new History(1, maxEntries, List.of(), null);
    }

    /** History persisted in {@code file}; falls back to memory if the file is unusable. */
    static History persistent(HistoryFile file) {
        try {
            HistoryFile.Opened opened = file.open();
            return new History(opened.session(), file.maxEntries(), opened.past(), file);
        } catch (IOException | RuntimeException e) {
            Log.warn("history file " + file.path() + " unusable, keeping history in memory only", e);
            return inMemory(file.maxEntries());
        }
    }

    int session() {
        return session;
    }

    synchronized void add(int line, String input) {
        HistoryEntry e = new HistoryEntry(session, line, input);
        entries.add(e);
        if (entries.size() > 2 * maxEntries) {
            entries.subList(0, entries.size() - maxEntries).clear();
        }
        if (file != null) {
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
    synchronized List<HistoryEntry> tail(int n) {
        int from = Math.max(0, entries.size() - Math.max(n, 0));
        return List.copyOf(entries.subList(from, entries.size()));
    }

    /**
     * Entries of one session with {@code start <= line < stop}.
     *
     * @param session 0 for this kernel's session, negative to count back from it (-1 = the previous run),
     *                positive for an absolute session number
     * @param stop    exclusive end, or 0 or less for no end
     */
    synchronized List<HistoryEntry> range(int session, int start, int stop) {
        int wanted = session <= 0 ? this.session + session : session;
        List<HistoryEntry> out = new ArrayList<>();
        for (HistoryEntry e : entries) {
            if (e.session() == wanted && e.line() >= start && (stop <= 0 || e.line() < stop)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Entries whose whole input matches a glob ({@code *}, {@code ?}, {@code [abc]}, {@code [^abc]}, case
     * sensitive, as IPython's SQLite GLOB), oldest first.
     *
     * @param n      at most this many, the newest ones; 0 or less for all
     * @param unique keep only the newest entry of each distinct input
     */
    synchronized List<HistoryEntry> search(String glob, int n, boolean unique) {
        Pattern p = globToRegex(glob);
        List<HistoryEntry> out = new ArrayList<>();
        for (HistoryEntry e : entries) {
            if (p.matcher(e.input()).matches()) {
                out.add(e);
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
