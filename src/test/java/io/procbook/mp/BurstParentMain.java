package io.procbook.mp;

import io.procbook.mp.internal.WarmPool;

import java.util.ArrayList;
import java.util.List;

/**
 * A parent program for {@link ChildOrphanTest}: a burst of starts raises the pool of pre-started JVMs to its
 * bound; once they all wait, prints their pids on one line, then waits to be killed.
 */
public final class BurstParentMain {

    static final int POOL_MAX = 3;

    private BurstParentMain() { }

    public static void main(String[] args) throws Exception {
        System.setProperty("procbook.warmJvms", "1");
        System.setProperty("procbook.warmJvms.max", Integer.toString(POOL_MAX));
        List<Process> burst = new ArrayList<>();
        for (int i = 0; i < POOL_MAX + 2; i++) {
            Process p = new Process(() -> { });
            p.start();
            burst.add(p);
        }
        for (Process p : burst) p.join();
        while (WarmPool.idle() < POOL_MAX || WarmPool.launching() > 0) Thread.sleep(20);
        List<String> pids = new ArrayList<>();
        ProcessHandle.current().children().filter(ProcessHandle::isAlive).forEach(h -> pids.add(Long.toString(h.pid())));
        System.out.println("PIDS " + String.join(" ", pids));
        System.out.flush();
        Thread.sleep(120_000);
    }
}
