package io.procbook.shell.help;

import java.util.List;

/** What a help page is about, with the documentation found for it. */
sealed interface Topic {

    /**
     * A type or a package.
     *
     * @param name        its canonical name
     * @param declaration its declaration (JShell's signature when no source has it)
     * @param doc         its documentation, or null if no source was found
     */
    record Type(String name, String declaration, TypeDoc doc) implements Topic { }

    /**
     * Methods, constructors or a field of one name: every overload JShell found.
     *
     * @param title     what was asked about, e.g. {@code io.procbook.mp.Pool.map}
     * @param overloads each with its declaration and comment (null if no source was found)
     */
    record Members(String title, List<Overload> overloads) implements Topic {
        public Members {
            overloads = List.copyOf(overloads);
        }
    }

    record Overload(String declaration, DocComment doc) { }

    /**
     * A variable of the notebook.
     *
     * @param name    its name
     * @param type    its type as declared
     * @param value   its value as text, already shortened
     * @param typeDoc the documentation of its type, or null
     */
    record Variable(String name, String type, String value, TypeDoc typeDoc) implements Topic { }
}
