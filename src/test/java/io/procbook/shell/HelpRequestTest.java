package io.procbook.shell;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class HelpRequestTest {

    @Test
    void namesWithAQuestionMarkAfterOrBefore() {
        assertEquals(Optional.of(new HelpRequest("String", 0)), HelpRequest.of("String?"));
        assertEquals(Optional.of(new HelpRequest("System.out.println", 1)), HelpRequest.of("  System.out.println ??\n"));
        assertEquals(Optional.of(new HelpRequest("list.size()", 0)), HelpRequest.of("?list.size()"));
        assertEquals(Optional.of(new HelpRequest("%timeit", 0)), HelpRequest.of("%timeit?"));
        assertEquals(Optional.of(new HelpRequest("%%time", 1)), HelpRequest.of("??%%time"));
    }

    @Test
    void javaIsNeverAHelpRequest() {
        assertEquals(Optional.empty(), HelpRequest.of("a ? b : c"));
        assertEquals(Optional.empty(), HelpRequest.of("List<?>"));
        assertEquals(Optional.empty(), HelpRequest.of("String?\nint x = 1;"));
        assertEquals(Optional.empty(), HelpRequest.of("?"));
        assertEquals(Optional.empty(), HelpRequest.of("String???"));
    }

    @Test
    void magicTokenUnderTheCursor() {
        assertEquals(Optional.of("%time"), HelpRequest.magicAt("%time 1 + 1", 3));
        assertEquals(Optional.of("%time"), HelpRequest.magicAt("%time 1 + 1", 5));
        assertEquals(Optional.empty(), HelpRequest.magicAt("%time 1 + 1", 7));
        assertEquals(Optional.of("%%sh"), HelpRequest.magicAt("int a;\n  %%sh\nls", 11));
        assertEquals(Optional.empty(), HelpRequest.magicAt("int a = 5 % 3;", 11));
    }
}
