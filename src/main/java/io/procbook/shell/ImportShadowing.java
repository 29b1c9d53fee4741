package io.procbook.shell;

import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.TypeDeclSnippet;

/**
 * A simple name means one type in a session: the one declared or imported last, as a class declared in a Java
 * file shadows an import. JShell itself keeps both, and javac then rejects every later snippet ("a type with the
 * same simple name is already defined by the single-type-import"), so a cell that declared {@code class Queue}
 * (a name the session imports from the runtime, see {@link RuntimeImports}) broke every cell after it.
 *
 * <p>So: a type a cell declares drops the single-type imports of its simple name, and an import of the name of
 * a type the notebook declared is taken back with an error, since dropping the user's type would lose their
 * code. (A single-type import already replaces an earlier one of the same simple name: JShell does that.) A dropped import's type is still there by its
 * full name ({@code new io.procbook.mp.Queue<String>()}).
 */
final class ImportShadowing {

    private ImportShadowing() { }

    /**
     * Applies the rule for a snippet that is now in the session.
     *
     * @param session finds the session's snippets of a name (without walking the session)
     * @return why the snippet (an import) was taken back, or {@code null} if it stays
     */
    static String apply(JShell js, FocusedCompilation session, Snippet snippet) {
        if (!js.status(snippet).isActive()) return null;
        if (snippet instanceof TypeDeclSnippet type) {
            session.activeNamed(type.name()).stream()
                    .filter(s -> s.subKind() == Snippet.SubKind.SINGLE_TYPE_IMPORT_SUBKIND).forEach(js::drop);
            return null;
        }
        if (!(snippet instanceof ImportSnippet imp) || imp.subKind() != Snippet.SubKind.SINGLE_TYPE_IMPORT_SUBKIND) {
            return null;
        }
        if (session.activeNamed(imp.name()).stream().noneMatch(s -> s instanceof TypeDeclSnippet)) return null;
        js.drop(imp);
        return "import " + imp.fullname() + " clashes with the type " + imp.name()
                + " declared in this notebook; use " + imp.fullname() + " by its full name";
    }
}
