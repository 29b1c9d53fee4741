package io.procbook.shell;

import jdk.jshell.Snippet;

import javax.tools.JavaFileObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Stands in for the map, by class name, of every class file JShell's compiler has written (one or more per
 * snippet, every version kept), from which JShell's file manager lists the {@code REPL} package whenever javac
 * asks: once per javac task, since JShell makes javac forget the package after each task, and javac then makes a
 * symbol for every class listed. While the calling thread evaluates in a {@link CompileScope}, the listing
 * ({@code values()}) holds only what javac can need for that evaluation: the classes of the declarations the
 * scope reached and every REPL class those name, transitively ({@link ReplClassReferences}); javac reads a
 * class by its name from another class file or an import, and every import the wrappers of this evaluation
 * hold is of a reached declaration. Anything else sees every class file.
 */
final class FocusedClassFiles extends TreeMap<String, Object> {

    private final IndexedSnippets index;
    private final Supplier<CompileScope> scope;
    /** A snippet's wrapper class, or {@code null} if it has none (never compiled). */
    private final Function<Snippet, String> classOf;
    /** What each class file names (a file object stands for one version of a class: its bytes never change). */
    private final Map<Object, Set<String>> references = new WeakHashMap<>();

    FocusedClassFiles(Map<String, ?> classFiles, IndexedSnippets index, Supplier<CompileScope> scope,
                      Function<Snippet, String> classOf) {
        super(classFiles);
        this.index = index;
        this.scope = scope;
        this.classOf = classOf;
    }

    @Override
    public Collection<Object> values() {
        CompileScope in = scope.get();
        if (in == null || in.everything() || !index.isCurrent()) return super.values();
        try {
            return classFilesFor(in);
        } catch (RuntimeException e) {
            // A class file this reader does not understand: javac gets every class, as without a scope.
            return super.values();
        }
    }

    private List<Object> classFilesFor(CompileScope in) {
        Deque<String> work = new ArrayDeque<>();
        for (Snippet s : index.declarationsIn(in)) {
            String c = classOf.apply(s);
            if (c != null) work.push(c);
        }
        Set<String> seen = new HashSet<>();
        List<Object> listed = new ArrayList<>();
        while (!work.isEmpty()) {
            String name = work.pop();
            if (!seen.add(name)) continue;
            Object file = get(name);
            if (file == null) continue;
            listed.add(file);
            work.addAll(referencesOf(file));
        }
        return listed;
    }

    private synchronized Set<String> referencesOf(Object file) {
        return references.computeIfAbsent(file, f -> {
            try (InputStream in = ((JavaFileObject) f).openInputStream()) {
                return ReplClassReferences.of(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
