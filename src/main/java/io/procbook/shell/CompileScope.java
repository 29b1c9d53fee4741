package io.procbook.shell;

import jdk.jshell.Snippet;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The session names one evaluation can need: the words of the evaluated text and, transitively, of the
 * declarations those words name, and of every earlier snippet JShell fetches while it evaluates (the
 * dependants it compiles again, the earlier version of what is redefined). See {@link FocusedCompilation}.
 *
 * <p>Why the declarations' own texts: JShell writes into the wrapper of a {@code var} the type it inferred,
 * by simple name ({@code var p = make();} declares {@code Point p} when {@code make} returns a session type
 * {@code Point}), and such a type is always named in the text of a declaration the evaluated words lead to
 * ({@code make}'s return type, a supertype in {@code Point}'s text, a field type...).
 *
 * <p>A scope may only grow while its evaluation runs: what was reached stays reached. Used by the evaluating
 * thread only.
 */
final class CompileScope {

    private final IndexedSnippets index;
    private final Set<String> names = new HashSet<>();
    private final Set<Snippet> reached = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean everything;

    CompileScope(IndexedSnippets index) {
        this.index = index;
    }

    /** Reaches the words of a text and what they lead to. */
    void reach(String text) {
        expand(JavaIdentifiers.of(text));
    }

    /** Reaches a snippet's words and what they lead to. */
    void reach(Snippet snippet) {
        if (snippet != null && reached.add(snippet)) expand(index.words(snippet));
    }

    /** From now on every earlier snippet is in scope (JShell's own behaviour). */
    void reachEverything() {
        everything = true;
    }

    /** @return whether every earlier snippet is in scope */
    boolean everything() {
        return everything;
    }

    /** @return the names reached so far (live view; the evaluating thread's only) */
    Set<String> names() {
        return Collections.unmodifiableSet(names);
    }

    private void expand(Set<String> words) {
        Deque<Set<String>> work = new ArrayDeque<>();
        work.push(words);
        while (!work.isEmpty()) {
            for (String word : work.pop()) {
                if (!names.add(word)) continue;
                for (Snippet declaration : index.declarationsNamed(word)) {
                    if (reached.add(declaration)) work.push(index.words(declaration));
                }
            }
        }
    }
}
