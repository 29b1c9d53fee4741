package io.procbook.mp;

import java.util.ArrayList;
import java.util.List;

/**
 * A parent program for {@link ChildOrphanTest}: starts a daemon and a non-daemon child that would sleep for a
 * minute, prints their pids (and the pre-started JVMs') on one line, then waits to be killed.
 */
public final class OrphanParentMain {

    private OrphanParentMain() { }

    public static void main(String[] args) throws Exception {
        Process a = new Process(() -> Thread.sleep(60_000));
        Process b = new Process(() -> Thread.sleep(60_000)).daemon(true);
        a.start();
        b.start();
        List<String> pids = new ArrayList<>();
        ProcessHandle.current().children().forEach(h -> pids.add(Long.toString(h.pid())));
        System.out.println("PIDS " + String.join(" ", pids));
        System.out.flush();
        Thread.sleep(120_000);
    }
}
