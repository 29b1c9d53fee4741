package io.procbook.shell;

import jdk.jshell.Snippet;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * Stands in for the set of every snippet JShell ever made (dropped, overwritten and rejected ones included),
 * which JShell copies whole in each javac task it runs, to find the variables among them whose declared type it
 * must refine for that task (and, on newer JDKs, the overloads of a method being declared). While the calling
 * thread evaluates in a {@link CompileScope}, that copy ({@code toArray}) holds only the declarations whose
 * names the scope reached: the only ones the task can see, since the others are not imported. Anything else
 * (iteration, {@code JShell.snippets()}, any other thread) sees the whole set.
 */
final class FocusedSnippetSet extends LinkedHashSet<Snippet> {

    private final IndexedSnippets index;
    private final Supplier<CompileScope> scope;

    FocusedSnippetSet(Collection<Snippet> snippets, IndexedSnippets index, Supplier<CompileScope> scope) {
        super(snippets);
        this.index = index;
        this.scope = scope;
    }

    @Override
    public Object[] toArray() {
        CompileScope in = scope.get();
        if (in == null || in.everything() || !index.isCurrent()) return super.toArray();
        List<Snippet> reached = index.declarationsIn(in);
        reached.removeIf(s -> !contains(s));
        return reached.toArray();
    }
}
