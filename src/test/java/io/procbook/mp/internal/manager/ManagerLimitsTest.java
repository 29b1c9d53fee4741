package io.procbook.mp.internal.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.Manager;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputFilter;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bounds of one manager message, and when a server warns that it is exposed. */
class ManagerLimitsTest {

    private record Info(Class<?> serialClass, long arrayLength, long depth, long references, long streamBytes)
            implements ObjectInputFilter.FilterInfo { }

    @Test
    void aMessageWithMoreObjectsThanTheLimitIsRefused() {
        MessageLimits limits = new MessageLimits(new AllowList(Set.of()), 1 << 20);
        assertEquals(ObjectInputFilter.Status.ALLOWED,
                limits.checkInput(new Info(String.class, -1, 1, MessageLimits.MAX_REFERENCES, 100)));
        assertEquals(ObjectInputFilter.Status.REJECTED,
                limits.checkInput(new Info(String.class, -1, 1, MessageLimits.MAX_REFERENCES + 1, 100)));
        assertTrue(limits.rejected().contains("more than " + MessageLimits.MAX_REFERENCES + " objects"));
        assertEquals(ObjectInputFilter.Status.REJECTED,
                limits.checkInput(new Info(String.class, -1, MessageLimits.MAX_DEPTH + 1, 1, 100)));
    }

    @Test
    void anArrayMustFitInWhatIsLeftOfItsMessage() {
        MessageLimits limits = new MessageLimits(new AllowList(Set.of()), 1000);
        assertEquals(ObjectInputFilter.Status.ALLOWED, limits.checkInput(new Info(long[].class, 100, 1, 1, 100)));
        assertEquals(ObjectInputFilter.Status.REJECTED, limits.checkInput(new Info(long[].class, 113, 1, 1, 100)));
        assertEquals(ObjectInputFilter.Status.ALLOWED, limits.checkInput(new Info(Object[].class, 900, 1, 1, 100)));
        assertEquals(ObjectInputFilter.Status.REJECTED, limits.checkInput(new Info(Object[].class, 901, 1, 1, 100)));
    }

    @Test
    void onlyAServerReachableFromOtherHostsWarnsAndTheWarningNamesTheRemedy() {
        String w = ManagerServer.exposureWarning(new InetSocketAddress("0.0.0.0", 5000));
        assertTrue(w.contains("0.0.0.0:5000") && w.contains("not encrypted") && w.contains("ssh"), w);
        for (String line : w.split("\n")) assertTrue(line.length() <= 100, line);
        assertNull(ManagerServer.exposureWarning(new InetSocketAddress("127.0.0.1", 5000)));
        assertNull(ManagerServer.exposureWarning(new InetSocketAddress("::1", 5000)));
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (Manager m = new Manager()) {
            assertEquals(0, m.dict().size());
        } finally {
            System.setErr(err);
        }
        assertEquals("", printed.toString(StandardCharsets.UTF_8), "a loopback server says nothing");
    }
}
