package io.procbook.monitor;

/**
 * A tiny child program for the tests: {@code busy} spins one thread, {@code idle} waits. Prints {@code ready}
 * once the work has begun, and exits when its standard input closes (so it cannot outlive the test JVM) or
 * after 60 s at the latest.
 */
public final class BusyChild {

    private static volatile long sink;

    private BusyChild() { }

    public static void main(String[] args) throws Exception {
        boolean busy = args.length > 0 && args[0].equals("busy");
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) { /* drain until the parent closes the pipe */ }
            } catch (java.io.IOException e) {
                // parent gone: exit below
            }
            System.exit(0);
        });
        watchdog.setDaemon(true);
        watchdog.start();
        System.out.println("ready");
        System.out.flush();
        long end = System.nanoTime() + 60_000_000_000L;
        if (busy) {
            long x = 1;
            while (true) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                if ((x & 0xfffff) == 0) {
                    sink = x;
                    if (System.nanoTime() > end) break;
                }
            }
        } else {
            Thread.sleep(60_000);
        }
        System.exit(0);
    }
}
