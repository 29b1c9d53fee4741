package io.procbook.mp.internal;

import io.procbook.mp.spi.ClassSource;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which notebook code a child's task can run, and so which notebook classes it needs and which notebook
 * variables that code reads or writes. Method by method, not class by class: JShell puts a statement's
 * lambdas in the same wrapper class as the statement's own code and variable (an expression statement's
 * {@code $1}, say), and the lambda running in a child must not drag in what the rest of that class touches.
 *
 * <p>The walk starts from the classes written into a task's serialized form (every method of those is
 * reachable: any may be called on the object) and from the methods serialized lambdas run. From a reachable
 * method it follows the methods it calls or references by method handle (a lambda inside a lambda), the
 * classes it names and the static fields it reads and writes. A class of which instances can exist (one
 * the code creates, or a nested class: methods of those run by virtual dispatch) has all its methods
 * reachable; of a top-level class (a JShell wrapper: static members only, never instantiated) only the
 * methods that are called. This over-approximates what the child will run (a call in a branch not taken
 * counts) but never what a method does not name.
 *
 * <p>Not thread-safe; one instance per parcel.
 */
final class CodeReach {

    private final ClassSource source;
    private final Map<String, byte[]> classes = new LinkedHashMap<>();
    private final Map<String, ClassFile> parsed = new HashMap<>();
    private final Set<String> unreadable = new HashSet<>();
    private final Set<String> whole = new HashSet<>();
    private final Set<String> methodsDone = new HashSet<>();
    private final Map<String, Set<String>> reads = new HashMap<>();
    private final Map<String, Set<String>> writes = new HashMap<>();
    private final Deque<Runnable> todo = new ArrayDeque<>();

    /** @param source the notebook's classes; classes it does not define are not followed */
    CodeReach(ClassSource source) {
        this.source = source;
    }

    /** Adds a class whose instances are in the task: all its methods are reachable. */
    void addInstantiated(String className) {
        todo.add(() -> whole(className));
        drain();
    }

    /** Adds a method the task runs, such as a serialized lambda's implementation. */
    void addMethod(String owner, String name, String descriptor) {
        todo.add(() -> method(owner, name, descriptor));
        drain();
    }

    /** Adds a class the task needs loaded, without making its methods reachable. */
    void addClass(String className) {
        todo.add(() -> need(className));
        drain();
    }

    /** @return the bytecode of every notebook class reached, by binary name */
    Map<String, byte[]> classes() {
        return classes;
    }

    /** @return whether the class could not be read, so that which of its variables are used is unknown */
    boolean unreadable(String className) {
        return unreadable.contains(className);
    }

    /** @return whether the class is top-level (a JShell wrapper, whose static fields are notebook variables) */
    boolean topLevel(String className) {
        ClassFile cf = parsed.get(className);
        return cf != null && !cf.nested();
    }

    /** @return the static fields of that class that reachable code reads */
    Set<String> reads(String className) {
        return reads.getOrDefault(className, Set.of());
    }

    /** @return the static fields of that class that reachable code writes */
    Set<String> writes(String className) {
        return writes.getOrDefault(className, Set.of());
    }

    private void drain() {
        while (!todo.isEmpty()) todo.poll().run();
    }

    private void need(String className) {
        if (className == null || classes.containsKey(className)) return;
        byte[] code = source.bytecode(className);
        if (code == null) return; // not a notebook class: the child has it on its class path
        classes.put(className, code);
        ClassFile cf;
        try {
            cf = ClassFile.parse(code);
        } catch (IllegalArgumentException e) {
            unreadable.add(className); // a class file format this reader does not know: its references load on demand
            return;
        }
        parsed.put(className, cf);
        if (cf.superName() != null) todo.add(() -> need(cf.superName()));
        for (String i : cf.interfaces()) todo.add(() -> need(i));
        if (cf.nested()) todo.add(() -> whole(className));
        else if (cf.method("<clinit>", "()V") != null) todo.add(() -> method(className, "<clinit>", "()V"));
    }

    private void whole(String className) {
        need(className);
        ClassFile cf = parsed.get(className);
        if (cf == null || !whole.add(className)) return;
        if (cf.superName() != null) todo.add(() -> whole(cf.superName()));
        for (String i : cf.interfaces()) todo.add(() -> whole(i));
        for (ClassFile.Code code : cf.methods()) scan(code);
    }

    private void method(String owner, String name, String descriptor) {
        need(owner);
        ClassFile cf = parsed.get(owner);
        if (cf == null || whole.contains(owner) || !methodsDone.add(owner + '.' + name + descriptor)) return;
        ClassFile.Code code = cf.method(name, descriptor);
        if (code != null) {
            scan(code);
            return;
        }
        // Declared in a super type (a call resolves there), if that is a notebook class.
        if (cf.superName() != null) todo.add(() -> method(cf.superName(), name, descriptor));
        for (String i : cf.interfaces()) todo.add(() -> method(i, name, descriptor));
    }

    private void scan(ClassFile.Code code) {
        for (String c : code.classes()) todo.add(() -> need(c));
        for (String c : code.instantiated()) todo.add(() -> whole(c));
        for (ClassFile.Member m : code.calls()) todo.add(() -> method(m.owner(), m.name(), m.descriptor()));
        for (ClassFile.Member m : code.reads()) todo.add(() -> field(m, reads));
        for (ClassFile.Member m : code.writes()) todo.add(() -> field(m, writes));
    }

    /** Notes a static field use on the class that declares the field (a reference may name a subclass). */
    private void field(ClassFile.Member m, Map<String, Set<String>> uses) {
        String declaring = declaring(m.owner(), m.name(), new HashSet<>());
        if (declaring != null) uses.computeIfAbsent(declaring, k -> new HashSet<>()).add(m.name());
    }

    private String declaring(String owner, String field, Set<String> seen) {
        need(owner);
        ClassFile cf = parsed.get(owner);
        if (cf == null || !seen.add(owner)) return null;
        if (cf.declaresStaticField(field)) return owner;
        for (String i : cf.interfaces()) {
            String d = declaring(i, field, seen);
            if (d != null) return d;
        }
        return cf.superName() == null ? null : declaring(cf.superName(), field, seen);
    }
}
