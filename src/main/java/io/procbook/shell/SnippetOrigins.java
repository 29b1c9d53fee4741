package io.procbook.shell;

import jdk.jshell.Snippet;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each snippet came from (which cell, which line), so that stack frames, which JShell reports as
 * {@code #id:line} of a snippet, can be shown as lines of the cell.
 */
final class SnippetOrigins {

    /** A snippet's cell and the cell line its first character is on. */
    record Origin(int cell, LineMap lines, int firstLine) { }

    private final Map<String, Origin> origins = new ConcurrentHashMap<>();

    void record(Snippet snippet, int cell, LineMap lines, int startOffset) {
        origins.put(snippet.id(), new Origin(cell, lines, lines.lineOf(startOffset)));
    }

    /** @return the origin of the snippet with that id, or null */
    Origin of(String snippetId) {
        return origins.get(snippetId);
    }
}
