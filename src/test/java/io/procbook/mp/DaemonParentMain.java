package io.procbook.mp;

/**
 * A plain Java program for {@link ProcessDaemonTest} (seed S23): starts a daemon child that would print
 * "daemon done" after a minute and a non-daemon child that prints "non-daemon done" after half a second, then
 * returns from main at once. The JVM must wait for the non-daemon child and terminate the daemon one.
 */
public final class DaemonParentMain {

    private DaemonParentMain() { }

    public static void main(String[] args) {
        Process d = new Process(() -> {
            System.out.println("daemon start");
            Thread.sleep(60_000);
            System.out.println("daemon done");
        }).daemon(true);
        Process n = new Process(() -> {
            System.out.println("non-daemon start");
            Thread.sleep(500);
            System.out.println("non-daemon done");
        });
        d.start();
        n.start();
        System.out.println("DAEMON " + d.pid());
        System.out.println("main returns");
    }
}
