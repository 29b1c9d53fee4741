package io.procbook.mp.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.ChildLeakCheck;
import io.procbook.mp.Queue;
import io.procbook.mp.internal.shm.ShmDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Shared-memory files: removed by the last user, swept when their users are dead, kept while one lives. */
class ShmLifetimeTest {

    private static List<String> filesOf(long pid) {
        return ChildLeakCheck.shmFilesOf(pid);
    }

    @Test
    void filesOfAKilledProcessAreSweptExceptThoseALivingProcessStillUses() {
        try (Children kids = new Children()) {
            Process child = kids.start("orphans");
            String line = kids.line(child);
            assertTrue(line.startsWith("SHARED "), line);
            Queue<String> shared = Children.fromHandle(line.substring(7));
            assertEquals(1, shared.size());
            kids.kill(child);
            List<String> left = filesOf(child.pid());
            assertTrue(left.size() >= 4, "a SIGKILLed process leaves its files: " + left); // 3 segments + spill
            assertTrue(left.stream().anyMatch(n -> n.contains(".s")), "spill file expected: " + left);

            ShmDir.sweep();
            List<String> kept = filesOf(child.pid());
            assertEquals(1, kept.size(), "only the queue this process attached survives the sweep: " + kept);
            assertEquals("from a dead process", shared.get(Duration.ofSeconds(5)));
            shared.close();
            assertTrue(filesOf(child.pid()).isEmpty(), "the last user's close removes the file");
        }
    }

    @Test
    void handleOfAQueueEveryoneClosedCannotBeOpened() {
        List<String> before = filesOf(ProcessHandle.current().pid());
        Queue<Integer> q = new Queue<>();
        String handle = Children.handle(q);
        assertTrue(filesOf(ProcessHandle.current().pid()).size() > before.size(), "the queue has a file");
        q.close();
        assertEquals(before, filesOf(ProcessHandle.current().pid()), "the last close removes the queue's file");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Children.fromHandle(handle));
        assertTrue(e.getMessage().contains("no longer exists"), e.getMessage());
        assertTrue(Children.leftovers(List.of()).isEmpty());
    }

    @Test
    void sharedFilesAreReadableAndWritableByTheirOwnerOnly() throws IOException {
        List<String> before = filesOf(ProcessHandle.current().pid());
        try (Queue<String> q = new Queue<>()) {
            q.put("x".repeat(1000)); // too large for a slot: spilled to a file of its own
            List<String> made = filesOf(ProcessHandle.current().pid()).stream().filter(n -> !before.contains(n))
                    .collect(Collectors.toList());
            assertEquals(2, made.size(), "the queue's segment and one spill file: " + made);
            for (String n : made) {
                assertEquals("rw-------", PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(ShmDir.dir().resolve(n))), n + " is private to its owner");
            }
        }
    }
}
