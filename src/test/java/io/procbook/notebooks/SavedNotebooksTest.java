package io.procbook.notebooks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The tutorials as they are saved in the repository, read as a reader opening them reads them: every code cell
 * ran, nothing failed, no monitor was saved half-way, and the cells that show where output lands show it.
 * (CI also re-runs every notebook; this checks the saved files that readers open without running them.)
 */
class SavedNotebooksTest {

    /** A cell tagged so may write to stderr: it shows what a failure looks like. */
    static final String STDERR_TAG = "shows-stderr";

    record Cell(String book, int index, String source, JsonArray outputs, List<String> tags) {
        String stdout() { return stream("stdout"); }

        String stderr() { return stream("stderr"); }

        String stream(String name) {
            StringBuilder b = new StringBuilder();
            for (JsonElement e : outputs) {
                JsonObject o = e.getAsJsonObject();
                if (o.get("output_type").getAsString().equals("stream") && o.get("name").getAsString().equals(name)) {
                    b.append(text(o.get("text")));
                }
            }
            return b.toString();
        }

        List<JsonObject> displays() {
            List<JsonObject> out = new ArrayList<>();
            for (JsonElement e : outputs) {
                JsonObject o = e.getAsJsonObject();
                if (o.has("data")) out.add(o.getAsJsonObject("data"));
            }
            return out;
        }

        @Override
        public String toString() {
            return book + " cell " + index + ": " + source.lines().findFirst().orElse("");
        }
    }

    static String text(JsonElement e) {
        if (e == null) return "";
        if (e.isJsonArray()) {
            StringBuilder b = new StringBuilder();
            e.getAsJsonArray().forEach(x -> b.append(x.getAsString()));
            return b.toString();
        }
        return e.getAsString();
    }

    static List<Cell> cells() throws IOException {
        List<Cell> all = new ArrayList<>();
        List<Path> books;
        try (Stream<Path> s = Files.list(Path.of("notebooks"))) {
            books = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertFalse(books.isEmpty(), "no notebooks found");
        for (Path p : books) {
            JsonArray cells = JsonParser.parseString(Files.readString(p)).getAsJsonObject().getAsJsonArray("cells");
            for (int i = 0; i < cells.size(); i++) {
                JsonObject c = cells.get(i).getAsJsonObject();
                if (!c.get("cell_type").getAsString().equals("code")) continue;
                List<String> tags = new ArrayList<>();
                JsonObject meta = c.getAsJsonObject("metadata");
                if (meta != null && meta.has("tags")) meta.getAsJsonArray("tags").forEach(t -> tags.add(t.getAsString()));
                all.add(new Cell(p.getFileName().toString(), i, text(c.get("source")), c.getAsJsonArray("outputs"), tags));
            }
        }
        return all;
    }

    static Cell cell(String book, String sourcePart) throws IOException {
        List<Cell> found = cells().stream().filter(c -> c.book().startsWith(book) && c.source().contains(sourcePart))
                .toList();
        assertEquals(1, found.size(), () -> "cells of " + book + " containing '" + sourcePart + "': " + found);
        return found.get(0);
    }

    @Test
    void everyCodeCellRanWithoutAnError() throws IOException {
        for (Cell c : cells()) {
            if (c.source().isBlank()) continue;
            for (JsonElement e : c.outputs()) {
                JsonObject o = e.getAsJsonObject();
                assertFalse(o.get("output_type").getAsString().equals("error"), () -> c + " saved an error: " + o);
            }
            if (!c.tags().contains(STDERR_TAG)) {
                assertEquals("", c.stderr(), () -> c + " wrote to stderr (tag it '" + STDERR_TAG + "' if it should)");
            }
        }
    }

    @Test
    void s8EachTaskPrintsBeforeItsCallback() throws IOException {
        Cell s8 = cell("02", "cbPool.applyAsync");
        List<String> lines = s8.stdout().lines().toList();
        int tasks = 0;
        int callbacks = 0;
        for (String l : lines) {
            if (l.startsWith("in process ")) tasks++;
            if (l.startsWith("-->exec done: ")) {
                callbacks++;
                assertTrue(tasks >= callbacks, () -> "a callback printed before its task: " + lines);
            }
        }
        assertEquals(3, callbacks, lines::toString);
        assertEquals(3, tasks, lines::toString);
    }

    @Test
    void s12AndS14ShowTheWorkersLinesInTheCellThatUsedThePool() throws IOException {
        Cell chunked = cell("02", "mapPool.map(i -> getAt(i), items, 3)");
        assertEquals(10, chunked.stdout().lines().filter(l -> l.contains(" get ")).count(), chunked::stdout);
        Cell imap = cell("02", "var it = mapPool.imap(");
        assertEquals(10, imap.stdout().lines().filter(l -> l.contains(" get ")).count(), imap::stdout);
        Cell made = cell("02", "var mapPool = new Pool(4);");
        assertEquals(10, made.stdout().lines().filter(l -> l.contains(" get ")).count(),
                () -> "the pool's own cell holds only its own map's lines: " + made.stdout());
    }

    @Test
    void s24ABackgroundThreadsLinesLandInItsOwnCell() throws IOException {
        Cell started = cell("08", "Thread background = new Thread(");
        Cell running = cell("08", "signal.countDown();");
        assertEquals(3, started.stdout().lines().filter(l -> l.startsWith("Background >>> ")).count(), started::stdout);
        assertFalse(running.stdout().contains("Background >>>"), running::stdout);
    }

    @Test
    void noMonitorWasSavedHalfWay() throws IOException {
        for (Cell c : cells()) {
            for (JsonObject d : c.displays()) {
                String plain = text(d.get("text/plain"));
                if (!plain.startsWith("procbook monitor")) continue;
                String head = plain.lines().findFirst().orElse("");
                if (head.contains("running")) fail(c + " saved a live monitor: " + head);
            }
        }
    }
}
