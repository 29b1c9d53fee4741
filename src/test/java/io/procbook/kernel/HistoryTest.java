package io.procbook.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryTest {
    @TempDir
    Path dir;

    private static List<String> inputs(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::input).toList();
    }

    private static History withLines(String... inputs) {
        History h = History.inMemory(100);
        for (int i = 0; i < inputs.length; i++) {
            h.add(i + 1, inputs[i]);
        }
        return h;
    }

    @Test
    void tailReturnsTheNewestOldestFirst() {
        History h = withLines("a", "b", "c", "d");
        assertEquals(List.of("c", "d"), inputs(h.tail(2)));
        assertEquals(List.of("a", "b", "c", "d"), inputs(h.tail(10)));
        assertEquals(List.of(), inputs(h.tail(0)));
    }

    @Test
    void rangeIsStartInclusiveStopExclusive() {
        History h = withLines("a", "b", "c", "d");
        assertEquals(List.of("b", "c"), inputs(h.range(0, 2, 4)));
        assertEquals(List.of("b", "c", "d"), inputs(h.range(0, 2, 0)));
        assertEquals(List.of(), inputs(h.range(-1, 0, 0)), "no earlier session in memory-only history");
        assertEquals(List.of(1, 2), h.range(1, 1, 3).stream().map(HistoryEntry::line).toList());
    }

    @Test
    void searchMatchesGlobsOnTheWholeInput() {
        History h = withLines("int x = 1;", "x + 1", "String s = \"a*b\";", "x + 1", "int y = 2;");
        assertEquals(List.of("int x = 1;", "int y = 2;"), inputs(h.search("int*", 0, false)));
        assertEquals(List.of("x + 1", "x + 1"), inputs(h.search("x ? 1", 0, false)));
        assertEquals(List.of("x + 1"), inputs(h.search("x*", 0, true)));
        assertEquals(4, h.search("x*", 0, true).get(0).line(), "unique keeps the newest occurrence");
        assertEquals(List.of("int y = 2;"), inputs(h.search("int*", 1, false)));
        assertEquals(List.of("int x = 1;", "int y = 2;"), inputs(h.search("int [xy]*", 0, false)));
        assertEquals(List.of("int y = 2;"), inputs(h.search("int [^x]*", 0, false)));
        assertEquals(List.of("String s = \"a*b\";"), inputs(h.search("*\"a[*]b\"*", 0, false)));
        assertEquals(5, h.search("*", 0, false).size());
        assertTrue(h.search("INT*", 0, false).isEmpty(), "case sensitive like SQLite GLOB");
        History regexChars = withLines("f(x.y)+1", "f(xzy)+1");
        assertEquals(List.of("f(x.y)+1"), inputs(regexChars.search("f(x.y)+1", 0, false)), "regex metacharacters are literal");
    }

    @Test
    void persistsAcrossKernelRunsWithSessionNumbers() throws Exception {
        Path file = dir.resolve("sub").resolve("history.jsonl");
        History first = History.persistent(new HistoryFile(file, 100));
        first.add(1, "int a = 1;");
        first.add(2, "a + \"\\n\"\nmultiline");
        History second = History.persistent(new HistoryFile(file, 100));
        assertEquals(first.session() + 1, second.session());
        second.add(1, "a");
        assertEquals(List.of("int a = 1;", "a + \"\\n\"\nmultiline", "a"), inputs(second.tail(10)));
        assertEquals(List.of("int a = 1;", "a + \"\\n\"\nmultiline"), inputs(second.range(-1, 1, 0)));
        assertEquals(List.of("a"), inputs(second.range(0, 1, 0)));
        assertEquals(List.of("int a = 1;"), inputs(second.search("int*", 0, false)));
    }

    @Test
    void aBackgroundLoadAndTheFirstCallerReadTheFileOnce() throws Exception {
        Path file = dir.resolve("history.jsonl");
        History.persistent(new HistoryFile(file, 100)).add(1, "earlier");
        for (int i = 0; i < 20; i++) {
            History h = History.persistent(new HistoryFile(file, 100));
            h.loadInBackground();
            h.add(1, "run " + i);   // races the background read
            int session = h.session();
            // Read twice, the file would hold two session markers of this run and the next one would skip one.
            assertEquals(session + 1, History.persistent(new HistoryFile(file, 100)).session());
            assertEquals(List.of("earlier"), inputs(h.range(1 - session, 1, 0)).subList(0, 1));
        }
    }

    @Test
    void anInterruptedCallerDoesNotBreakTheFile() throws Exception {
        Path file = dir.resolve("history.jsonl");
        History h = History.persistent(new HistoryFile(file, 100));
        Thread.currentThread().interrupt();
        h.add(1, "while interrupted");
        assertTrue(Thread.interrupted(), "the caller's interrupt is kept");
        h.add(2, "after");
        assertEquals(List.of("while interrupted", "after"), inputs(History.persistent(new HistoryFile(file, 100)).tail(5)));
    }

    @Test
    void damagedLinesAreSkipped() throws Exception {
        Path file = dir.resolve("history.jsonl");
        Files.writeString(file, "{\"session\":3,\"line\":1,\"input\":\"ok\"}\nnot json\n{\"session\":\"x\"}\n"
                + "{\"session\":3,\"line\":2,\"input\":\"trunc");
        History h = History.persistent(new HistoryFile(file, 100));
        assertEquals(4, h.session());
        assertEquals(List.of("ok"), inputs(h.tail(10)));
    }

    @Test
    void fileStaysBounded() throws Exception {
        Path file = dir.resolve("history.jsonl");
        int max = 20;
        for (int run = 0; run < 6; run++) {
            History h = History.persistent(new HistoryFile(file, max));
            for (int i = 1; i <= 15; i++) {
                h.add(i, "run " + run + " line " + i);
            }
        }
        long entries = Files.readAllLines(file).stream().filter(l -> !l.contains("\"line\":0")).count();
        assertTrue(entries <= 2L * max + 15, "file holds " + entries + " entries");
        History last = History.persistent(new HistoryFile(file, max));
        assertEquals(7, last.session());
        List<HistoryEntry> tail = last.tail(100);
        assertEquals(max, tail.size());
        assertEquals("run 5 line 15", tail.get(tail.size() - 1).input());
    }

    @Test
    void unusableFileFallsBackToMemory() throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        History h = History.persistent(new HistoryFile(blocker.resolve("history.jsonl"), 10));
        h.add(1, "still works");
        assertEquals(List.of("still works"), inputs(h.tail(1)));
    }

    @Test
    void theHistoryFileIsReadableByItsOwnerOnlyAndSoAreTheFoldersMadeForIt() throws Exception {
        Path file = dir.resolve("data").resolve("procbook").resolve("history.jsonl");
        new HistoryFile(file, 100).open();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals("rwx------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent().getParent())));

        Path shared = Files.createDirectory(dir.resolve("shared"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path older = shared.resolve("older.jsonl"); // as an earlier version left it, under the usual umask
        Files.writeString(older, "{\"session\":1,\"line\":1,\"input\":\"secret\"}\n");
        Files.setPosixFilePermissions(older, PosixFilePermissions.fromString("rw-r--r--"));
        HistoryFile.Opened opened = new HistoryFile(older, 100).open();
        assertEquals(List.of("secret"), inputs(opened.past()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(older)));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)),
                "a folder that existed is left as it was");
    }
}
