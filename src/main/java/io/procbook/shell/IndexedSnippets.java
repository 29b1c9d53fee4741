package io.procbook.shell;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.ImportSnippet;
import jdk.jshell.Snippet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Stands in for the list in which JShell keeps the latest snippet of every key (a key is a variable's name, a
 * method's signature, a type's name, an import...), by key index: the same list, plus an index of its
 * declarations by name, so that the snippets of a {@link CompileScope} are found without walking the session.
 *
 * <p>JShell uses this list three ways: it stores a snippet ({@code set}), fetches one by key index
 * ({@code get}: the earlier version of a redefinition, the dependants to compile again) and walks it to write
 * one import line per defined declaration at the head of every wrapper it compiles (the only place it
 * iterates). While the calling thread evaluates in a scope, a walk meets only the imports and the
 * declarations whose names the scope reached, and a fetched snippet joins the scope; otherwise the list is
 * exactly an {@code ArrayList}. If the list is ever changed other than by {@code set} or {@code add} (a JDK
 * whose JShell does so), the index no longer describes it and every walk meets everything again.
 *
 * <p>Thread-safe for what JShell does with it (one evaluating thread; readers under the engine's locks).
 */
final class IndexedSnippets extends ArrayList<Snippet> {

    private final Supplier<CompileScope> scope;
    /** Key indexes of the declarations of each name. */
    private final Map<String, SortedSet<Integer>> declarations = new HashMap<>();
    private final SortedSet<Integer> imports = new TreeSet<>();
    private final Map<Snippet, Set<String>> words = new IdentityHashMap<>();
    private int indexedModCount;

    /**
     * @param snippets JShell's list as it stands (copied, with its indexes)
     * @param scope    the calling thread's scope, or {@code null} outside one
     */
    IndexedSnippets(Collection<Snippet> snippets, Supplier<CompileScope> scope) {
        super(snippets);
        this.scope = scope;
        for (int i = 0; i < size(); i++) index(super.get(i), i);
        indexedModCount = modCount;
    }

    @Override
    public synchronized Snippet set(int index, Snippet snippet) {
        Snippet old = super.set(index, snippet);
        unindex(old, index);
        index(snippet, index);
        return old;
    }

    @Override
    public synchronized boolean add(Snippet snippet) {
        boolean current = isCurrent();
        super.add(snippet);
        index(snippet, size() - 1);
        if (current) indexedModCount = modCount;
        return true;
    }

    @Override
    public synchronized Snippet get(int index) {
        Snippet s = super.get(index);
        CompileScope in = scope.get();
        if (in != null) in.reach(s);
        return s;
    }

    @Override
    public Iterator<Snippet> iterator() {
        CompileScope in = scope.get();
        if (in == null || in.everything()) return super.iterator();
        synchronized (this) {
            if (!isCurrent()) return super.iterator();
            List<Snippet> met = new ArrayList<>();
            for (int i : indexesIn(in, true)) met.add(super.get(i));
            return met.iterator();
        }
    }

    /** @return whether the index still describes the list (nothing changed it behind our back) */
    synchronized boolean isCurrent() {
        return modCount == indexedModCount;
    }

    /** @return the declarations of a name, latest per key, in key order */
    synchronized List<Snippet> declarationsNamed(String name) {
        SortedSet<Integer> at = declarations.get(name);
        if (at == null) return List.of();
        List<Snippet> out = new ArrayList<>(at.size());
        for (int i : at) out.add(super.get(i));
        return out;
    }

    /** @return the import snippets whose name (a single-type import's simple name) is {@code name} */
    synchronized List<Snippet> importsNamed(String name) {
        List<Snippet> out = new ArrayList<>();
        for (int i : imports) {
            if (super.get(i) instanceof ImportSnippet imp && imp.name().equals(name)) out.add(imp);
        }
        return out;
    }

    /** @return the declarations whose names the scope reached, latest per key, in key order */
    synchronized List<Snippet> declarationsIn(CompileScope in) {
        List<Snippet> out = new ArrayList<>();
        for (int i : indexesIn(in, false)) out.add(super.get(i));
        return out;
    }

    /** @return a snippet's words (cached: a snippet's source never changes) */
    synchronized Set<String> words(Snippet snippet) {
        return words.computeIfAbsent(snippet, s -> JavaIdentifiers.of(s.source()));
    }

    private SortedSet<Integer> indexesIn(CompileScope in, boolean withImports) {
        SortedSet<Integer> at = withImports ? new TreeSet<>(imports) : new TreeSet<>();
        Set<String> names = in.names();
        if (names.size() < declarations.size()) {
            for (String n : names) {
                SortedSet<Integer> d = declarations.get(n);
                if (d != null) at.addAll(d);
            }
        } else {
            declarations.forEach((n, d) -> {
                if (names.contains(n)) at.addAll(d);
            });
        }
        return at;
    }

    private void index(Snippet s, int at) {
        if (s instanceof ImportSnippet) {
            imports.add(at);
        } else if (s instanceof DeclarationSnippet d) {
            declarations.computeIfAbsent(d.name(), n -> new TreeSet<>()).add(at);
        }
    }

    private void unindex(Snippet s, int at) {
        if (s instanceof ImportSnippet) {
            imports.remove(at);
        } else if (s instanceof DeclarationSnippet d) {
            SortedSet<Integer> set = declarations.get(d.name());
            if (set != null && set.remove(at) && set.isEmpty()) declarations.remove(d.name());
        }
    }
}
