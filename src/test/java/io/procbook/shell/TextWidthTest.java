package io.procbook.shell;

import io.procbook.shell.api.TextWidth;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class TextWidthTest {

    @Test
    void wrapsAtSpacesWithinTheWidthAndKeepsEveryWord() {
        String words = "word ".repeat(60).strip();
        String wrapped = TextWidth.wrap(words, "", "  ");
        for (String line : wrapped.split("\n")) assertTrue(line.length() <= TextWidth.COLUMNS, line);
        assertTrue(wrapped.split("\n")[1].startsWith("  word"), wrapped);
        assertEquals(words, wrapped.replaceAll("\\s+", " "));
    }

    @Test
    void shortTextAndOwnLineBreaksStayAsTheyAre() {
        assertEquals("short", TextWidth.wrap("short", "", "    "));
        assertEquals("> a\n  b", TextWidth.wrap("a\nb", "> ", "  "));
    }

    @Test
    void aWordLongerThanTheWidthIsNotBroken() {
        String path = "/" + "very-long-directory/".repeat(8) + "file.jar";
        String wrapped = TextWidth.wrap("cannot read " + path + " now", "", "    ");
        assertEquals("cannot read\n    " + path + "\n    now", wrapped);
    }
}
