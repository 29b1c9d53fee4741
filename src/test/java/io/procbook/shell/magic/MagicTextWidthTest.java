package io.procbook.shell.magic;

import io.procbook.shell.api.Engine;
import io.procbook.shell.api.TextWidth;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** What magics write fits {@value TextWidth#COLUMNS} columns: help, listings, errors. */
class MagicTextWidthTest extends EngineSession {

    private static final List<Magic> ALL = Magics.standard().all();

    private static void assertFits(String what, String text) {
        for (String line : text.split("\n")) {
            assertTrue(line.length() <= TextWidth.COLUMNS,
                    what + ": a line of " + line.length() + " columns:\n" + line);
        }
    }

    private static String name(Magic m) {
        return (m.cellMagic() ? "%%" : "%") + m.name();
    }

    @Test
    void lsmagicFitsAndStillShowsEveryUsageAndSummary() {
        assertEquals("ok", cell("%lsmagic").status());
        String listing = out.stdout.toString();
        assertFits("%lsmagic", listing);
        String joined = listing.replaceAll("\\s+", " ");
        for (Magic m : ALL) {
            assertTrue(listing.contains("  " + m.usage() + "\n"), m.usage());
            assertTrue(joined.contains(m.summary()), "the whole summary of " + name(m));
        }
    }

    @Test
    void everyMagicsHelpFitsAsAPageAndInACell() {
        for (Magic m : ALL) {
            Engine.ExecuteOutcome page = cell(name(m) + "?");
            assertEquals("ok", page.status(), name(m));
            assertEquals(1, page.payload().size(), name(m) + "? is a help request");
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) page.payload().get(0).get("data");
            String help = (String) data.get("text/plain");
            assertTrue(help.startsWith(m.usage() + "\n\n"), help);
            assertFits(name(m) + "?", help);

            out = new RecordingOutput();
            assertEquals("ok", cell(name(m) + "?\nint unused = 1;").status());
            assertEquals(help + "\n", out.stdout.toString(), "help inside a cell is the same text");
        }
    }

    @Test
    void magicErrorsFit() {
        List<String> traceback = cell("%nosuch").traceback();
        assertFits("an unknown magic", String.join("\n", traceback));
        assertTrue(traceback.size() > 1, "the list of known magics goes on the next lines");
        assertTrue(String.join(" ", traceback).contains("%%bash"), traceback::toString);
        assertFits("%timeit misuse", String.join("\n", cell("%timeit -z 1").traceback()));
    }

    @Test
    void whoCutsLongTypesAndValuesToFit() {
        assertEquals("ok", cell("var aLongMapVariableNameForWho = new java.util.TreeMap<String, "
                + "java.util.List<java.util.Map<java.lang.Integer, java.lang.String>>>();\n"
                + "for (int i = 0; i < 40; i++) aLongMapVariableNameForWho.put(\"key\" + i, List.of());").status());
        out = new RecordingOutput();
        assertEquals("ok", cell("%who").status());
        String who = out.stdout.toString();
        assertFits("%who", who);
        assertTrue(who.contains("aLongMapVariableNameForWho"), who);
        assertTrue(who.contains("{key0=[], key1=[]"), who);
        assertTrue(who.contains("TreeMap<String,List<Map<Integer,Strin..."), who);
    }

    @Test
    void theUnresolvedNoteFits() {
        assertEquals("ok", cell("void callsMissing() { aMethodThatIsNotYetDefinedWithAVeryLongName(1, 2, 3, 4); }")
                .status());
        String note = out.stderr.toString();
        assertTrue(note.startsWith("note: method callsMissing was declared"), note);
        assertFits("the note", note);
        List<String> words = new ArrayList<>(List.of(note.split("\\s+")));
        assertTrue(words.contains("aMethodThatIsNotYetDefinedWithAVeryLongName(int,int,int,int)"), note);
    }
}
