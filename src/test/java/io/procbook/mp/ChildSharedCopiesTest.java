package io.procbook.mp;

import io.procbook.testing.Poll;
import io.procbook.mp.internal.shm.ShmDir;
import io.procbook.mp.spi.Hooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A child's copies of shared objects are the child's, as a forked child's descriptors are: held from start()
 * until the child closes them or exits, whether or not it ever opens them; then given back. Through a real
 * JShell session, where notebook variables are copies too.
 */
class ChildSharedCopiesTest {

    private final ChildLeakCheck leaks = new ChildLeakCheck();
    private final RecordingRouter router = new RecordingRouter();
    private NotebookSession nb;

    @BeforeEach
    void setUp() {
        Hooks.setOutputRouter(router);
        nb = new NotebookSession();
        nb.eval("import io.procbook.mp.*;");
        nb.eval("import java.time.Duration;");
    }

    @AfterEach
    void tearDown() {
        nb.close();
        Hooks.setOutputRouter(null);
        leaks.assertClean();
    }

    private void joinP() {
        nb.eval("p.join();");
        String name = nb.eval("p.name()").replace("\"", "");
        assertEquals("0", nb.eval("p.exitCode()"), router.err(name));
    }

    /** Once the child has exited, {@code a} must be at end of file: ready, and recv() throws. */
    private void assertEndOfFileAfterTheChild(String why) {
        joinP();
        assertEquals("true", nb.eval("a.poll(Duration.ofSeconds(10))"), why);
        nb.eval("boolean eof = false;");
        nb.eval("try { a.recv(); } catch (PipeEOFException e) { eof = true; }");
        assertEquals("true", nb.eval("eof"), "recv() throws PipeEOFException");
    }

    @Test
    void pipeReachesEndOfFileWhenTheChildsEndIsANotebookVariable() {
        nb.eval("var pipe = Pipe.create();");
        nb.eval("Connection a = pipe.receiver();");
        nb.eval("Connection b = pipe.sender();");
        nb.eval("var p = new Process(c -> { c.send(1); c.close(); }, b);");
        nb.eval("p.start();");
        nb.eval("b.close();");
        assertEquals("1", nb.eval("a.recv()"));
        assertEndOfFileAfterTheChild("end of file once the child has exited");
        nb.eval("a.close();");
    }

    @Test
    void aCopyTheChildNeverOpensIsHeldUntilTheChildExits() {
        nb.eval("var pipe = Pipe.create();");
        nb.eval("Connection a = pipe.receiver();");
        nb.eval("Connection b = pipe.sender();");
        nb.eval("var go = new Event();");
        // The task's code reads b (so b's copy travels with it) in a branch it never takes: never opened.
        nb.eval("var p = new Process(c -> { c.send(1); c.close(); go.await(); if (!c.closed()) b.close(); }, b);");
        nb.eval("p.start();");
        nb.eval("b.close();");
        assertEquals("1", nb.eval("a.recv()"));
        assertEquals("false", nb.eval("a.poll(Duration.ofMillis(200))"),
                "the child's unopened copy keeps the pipe open while the child lives, as an inherited descriptor does");
        nb.eval("go.set();");
        assertEndOfFileAfterTheChild("the copy is given back when the child exits");
        nb.eval("a.close(); go.close();");
    }

    @Test
    void aQueueTheParentClosesAfterStartCanStillBeOpenedByTheChild() throws Exception {
        nb.eval("var go = new Event();");
        nb.eval("var q = new Queue<Integer>();");
        nb.eval("String name = q.toString().substring(6, q.toString().indexOf(','));");
        String file = nb.eval("name").replace("\"", "");
        // The child opens its copy of q (loads the variable) only after the parent has closed its own.
        nb.eval("var p = new Process(() -> { go.await(); q.put(1); });");
        nb.eval("p.start();");
        nb.eval("q.close();");
        assertTrue(Files.exists(ShmDir.dir().resolve(file)), "the child's copy keeps the queue's memory");
        nb.eval("go.set();");
        joinP();
        Poll.until("removed once the child, its last user, has exited",
                () -> !Files.exists(ShmDir.dir().resolve(file)), 10_000);
        assertFalse(Files.exists(ShmDir.dir().resolve(file)), "removed once the child, its last user, has exited");
        nb.eval("go.close();");
    }
}
