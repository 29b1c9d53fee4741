package io.procbook.shell.help;

import java.util.List;

/**
 * A class, interface, enum, record or annotation type as its source declares it, or a package as its
 * {@code package-info.java} does.
 *
 * @param name        its canonical name ({@code io.procbook.mp.Subprocess.Options})
 * @param declaration the declaration as written up to its body, annotations and comments left out
 * @param doc         its comment, {@link DocComment#NONE} if it has none
 * @param members     its own members (not inherited ones), in source order
 * @param typeParameterCount how many type parameters the type declares
 */
record TypeDoc(String name, String declaration, DocComment doc, List<MemberDoc> members, int typeParameterCount) {

    TypeDoc {
        members = List.copyOf(members);
    }

    /** @return whether this stands for a package rather than a type */
    boolean isPackage() {
        return declaration.startsWith("package ");
    }
}
