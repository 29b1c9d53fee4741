package io.procbook.mp.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.procbook.mp.ChildLeakCheck;
import io.procbook.mp.internal.shm.ShmDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the manager tests check at the end: no child JVM alive and no shared-memory file of this JVM left
 * (BaseManager.start() uses a shared queue to hear from its server process, and every connection of this host
 * a shared-memory segment), a server's port free again.
 */
final class Leftovers {

    private Leftovers() { }

    /** Drains the runtime's pre-started JVMs, then waits (generously) for every descendant to be gone. */
    static void assertNoChildren() {
        ChildLeakCheck.assertNoChildProcesses(30_000);
        // a child a test killed with SIGKILL leaves its wake-up socket (and segments it made) for the sweep of
        // the next procbook process: run it now, so that later checks of the directory see live processes' files
        ShmDir.sweep();
        String self = "procbook-" + ProcessHandle.current().pid() + "-";
        assertEquals(List.of(), shmFiles().stream().filter(n -> n.startsWith(self)).toList(),
                "shared-memory files of this JVM left behind");
    }

    /** Names of the files in the shared-memory directory. */
    static List<String> shmFiles() {
        try (Stream<Path> files = Files.list(ShmDir.dir())) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared-memory segments and spill files on the machine: {@link #shmFiles()} without wake-up sockets,
     *  which a process makes lazily, the first time one of its threads waits. */
    static List<String> shmSegments() {
        return shmFiles().stream().filter(n -> !n.endsWith(".wake") && !n.startsWith("procbook-wake-")).toList();
    }

    /** The shared-memory files (segments, spills, wake-up socket) that name process {@code pid}. */
    static List<String> shmFilesOf(long pid) {
        return ChildLeakCheck.shmFilesOf(pid);
    }

    /** Whether this JVM can bind {@code port} on 127.0.0.1 right now. */
    static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
