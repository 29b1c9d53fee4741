package io.procbook.shell.help;

import java.util.List;

/**
 * A method, constructor or field as its source declares it.
 *
 * @param kind        what it is
 * @param name        its name; {@code <init>} for a constructor
 * @param paramTypes  its parameters' types as {@link TypeNames#key} writes them ({@code "*"} for a type variable)
 * @param paramNames  its parameters' names
 * @param declaration the declaration as written, annotations, comments and line breaks left out
 * @param doc         its comment, {@link DocComment#NONE} if it has none
 * @param visible     whether code outside its package sees it (public, protected, or a member of an interface)
 * @param returnsValue whether it is a method that returns something (not void)
 */
record MemberDoc(Kind kind, String name, List<String> paramTypes, List<String> paramNames, String declaration,
                 DocComment doc, boolean visible, boolean returnsValue) {

    enum Kind { METHOD, CONSTRUCTOR, FIELD, ENUM_CONSTANT }

    static final String CONSTRUCTOR_NAME = "<init>";

    MemberDoc {
        paramTypes = List.copyOf(paramTypes);
        paramNames = List.copyOf(paramNames);
    }

    boolean isExecutable() {
        return kind == Kind.METHOD || kind == Kind.CONSTRUCTOR;
    }
}
