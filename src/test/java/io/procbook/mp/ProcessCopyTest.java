package io.procbook.mp;

import io.procbook.mp.spi.Hooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** What a child's copy of its Process holds: the target, its arguments, the name, the flags, the captures. */
class ProcessCopyTest {

    private final ChildLeakCheck leaks = new ChildLeakCheck();

    @AfterEach
    void nothingLeft() {
        Hooks.setOutputRouter(null);
        leaks.assertClean();
    }

    record Point(int x, int y) implements java.io.Serializable { }

    @Test
    void argumentsOfEveryKindCapturesAndFlagsArriveAsTheyWere() {
        RecordingRouter router = new RecordingRouter();
        Hooks.setOutputRouter(router);
        int captured = 7;
        List<String> list = new ArrayList<>(List.of("a", "b"));
        Process p = new Process((Point pt, List<String> l, String none) -> System.out.println(pt + " " + l + " "
                + none + " " + captured + " " + Process.current().daemon() + " " + Process.current().name()),
                new Point(1, 2), list, null).name("copied").daemon(true);
        p.start();
        p.join();
        assertEquals(0, p.exitCode(), router.err("copied"));
        assertEquals("Point[x=1, y=2] [a, b] null 7 true copied\n", router.out("copied"));
    }

    @Test
    void aNameLongerThanModifiedUtf8AllowsReachesTheChild() {
        RecordingRouter router = new RecordingRouter();
        Hooks.setOutputRouter(router);
        String name = "n".repeat(70_000);
        Process p = new Process(() -> System.out.println(Process.current().name().length())).name(name);
        p.start();
        p.join();
        assertEquals(0, p.exitCode(), router.err(name));
        assertEquals("70000\n", router.out(name));
    }

    /** A subclass with a field of its own: it travels by Java serialization as a whole. */
    static final class Counting extends Process {
        private final int times;

        Counting(int times) {
            this.times = times;
        }

        @Override
        public void run() {
            for (int i = 0; i < times; i++) System.out.println(name() + " " + i);
        }
    }

    @Test
    void aSubclassKeepsItsFields() {
        RecordingRouter router = new RecordingRouter();
        Hooks.setOutputRouter(router);
        Process p = new Counting(2);
        p.start();
        p.join();
        assertEquals(0, p.exitCode(), router.err(p.name()));
        assertEquals(p.name() + " 0\n" + p.name() + " 1\n", router.out(p.name()));
        assertTrue(p.name().startsWith("Counting-"), p.name());
    }
}
