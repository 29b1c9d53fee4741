package io.procbook.mp.internal.child;

import io.procbook.mp.Process;
import io.procbook.mp.RemoteTaskException;
import io.procbook.mp.Task;
import io.procbook.mp.Task1;
import io.procbook.mp.Task2;
import io.procbook.mp.Task3;
import io.procbook.mp.UncheckedInterruptedException;
import io.procbook.mp.internal.Assignment;
import io.procbook.mp.internal.BeforeHalt;
import io.procbook.mp.internal.Parcel;
import io.procbook.mp.internal.EnvelopeCodec;
import io.procbook.mp.internal.PrivateAccess;
import io.procbook.mp.internal.Serial;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.ObjectStreamClass;
import java.io.PrintStream;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What a pre-started child does while it waits, when its parent says it has the time ({@code ControlProtocol.WARM_UP}):
 * loads and links what running a task needs (serialization, lambda deserialization, reflection, the
 * {@link Rehearsal} of a first task, reporting an exception, printing), so that its task then runs without
 * paying for it. The class data sharing archive's training run runs it too ({@code ArchiveTraining}).
 *
 * <p>It runs in steps on a daemon thread, and stops between two steps (two rehearsals) once the task has come
 * ({@link #stop()}):
 * the task then runs at once, beside at most the rest of one step. So every step must be safe beside a task:
 * it touches only objects of its own and classes' one-time initialization (the {@code Process} it rehearses
 * with is the main-process object, taken before any task could replace it; {@code BeforeHalt}'s actions are
 * the task's, and only its class is loaded here). The system property {@code procbook.rehearsals} (default 3)
 * says how often the rehearsal runs: the first time links the path, the next ones run it often enough for the
 * JIT to compile its hottest parts (the class-file writer that spins a lambda's class).
 */
final class WarmUp {

    private static final int REHEARSALS = Integer.getInteger("procbook.rehearsals", 3);
    private static volatile boolean stopped;
    private static boolean started;

    private WarmUp() { }

    /** One step; it may throw anything (a failure ends the warm-up, never the child). */
    private interface Step {
        void run() throws Exception;
    }

    /**
     * Starts warming up on a daemon thread, unless that was done before; {@code whenDone} runs on that thread
     * after the last step, unless the warm-up was stopped or failed.
     */
    static synchronized void start(Runnable whenDone) {
        if (started) return;
        started = true;
        List<Step> steps = steps(Process.current());
        Thread t = new Thread(() -> {
            try {
                for (Step s : steps) {
                    if (stopped) return;
                    s.run();
                }
                if (!stopped) whenDone.run();
            } catch (Exception | LinkageError e) {
                report(e);
            }
        }, "procbook-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** Stops a warm-up running in the background between two steps; the task has come. */
    static void stop() {
        stopped = true;
    }

    /**
     * A failed warm-up is a bug, not the task's business: said on the child's own standard error (the parent
     * shows it as the child's output), not through System.err, which by then belongs to the task.
     */
    private static void report(Throwable e) {
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        err.println("procbook child: warm-up failed (the task runs anyway, a little slower): " + e);
    }

    private static List<Step> steps(Process main) {
        List<Step> steps = new ArrayList<>();
        steps.add(() -> {
            for (Class<?> c : List.of(Process.class, PrivateAccess.processEntryClass(Process.class), Task1.class,
                    Task2.class, Task3.class, UncheckedInterruptedException.class, RemoteTaskException.class,
                    BeforeHalt.class)) {
                Class.forName(c.getName(), true, c.getClassLoader()); // initialized, not only loaded
            }
        });
        // Serialization descriptors build a constructor accessor class per class; make those of the classes
        // tasks bring now rather than in the first task (a Process subclass, a lambda in the JDK's form).
        steps.add(() -> {
            ChildMain.prepareToDecode();
            ObjectStreamClass.lookup(Process.class);
            ObjectStreamClass.lookup(SerializedLambda.class);
        });
        steps.add(() -> {
            Task task = () -> { };
            ((Task) Serial.fromBytes(Serial.toBytes(task), WarmUp.class.getClassLoader(), null)).run();
        });
        steps.add(() -> {
            Callable<String> probe = (Callable<String> & Serializable) () -> "ok";
            byte[] bytes = EnvelopeCodec.encode(new Assignment("warm-up", List.of(),
                    new Parcel(Serial.toBytes(probe), Map.of(), Map.of())));
            Assignment back = EnvelopeCodec.decodeAssignment(bytes);
            @SuppressWarnings("unchecked")
            Callable<String> p = (Callable<String>) Serial.fromBytes(back.entry().object(),
                    WarmUp.class.getClassLoader(), null);
            if (!"ok".equals(p.call())) throw new IllegalStateException("the warm-up's probe did not run");
            Serial.toBytes(new IOException("warm-up"));
        });
        steps.add(() -> {
            for (int i = 0; i < REHEARSALS && !stopped; i++) Rehearsal.run(main);
        });
        // What printing costs a task, and how a child ends: its System.out flushed as a message to the parent.
        steps.add(() -> {
            PrintStream printing = new PrintStream(new RoutedOutput(false, (type, payload) -> { }), false,
                    StandardCharsets.UTF_8);
            printing.println("warm-up");
            printing.flush();
            String.format("%s %d", "warm", 1);
        });
        return steps;
    }
}
