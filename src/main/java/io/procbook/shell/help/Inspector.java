package io.procbook.shell.help;

import io.procbook.shell.api.Engine;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Help for what a name in a cell stands for ({@code NAME?}, {@code NAME.method?}, {@code var.method?}, and
 * inspect requests: Shift+Tab and JupyterLab's contextual help). JShell says what the name is, in the session
 * as it stands (imports, variables, cell declarations), and gives the signature of every overload; the
 * comments come from {@link Javadocs}: procbook's API, the JDK's when its sources are installed, and the
 * comments of the cells' own declarations. A variable shows its type and (a shortened form of) its value.
 *
 * <p>Not thread-safe: the engine calls it with JShell's compiler lock held, as JShell requires.
 */
public final class Inspector {

    /** Reads the object a notebook variable holds, without running any of its code. */
    @FunctionalInterface
    public interface VariableReader {
        Object read(VarSnippet variable) throws Exception;
    }

    /**
     * What an inspection found.
     *
     * @param data     the page (text/plain and text/markdown), or null if nothing was found
     * @param notFound if nothing was found, a sentence saying so for the reader
     */
    public record Answer(Map<String, Object> data, String notFound) {
        public boolean found() {
            return data != null;
        }

        /** @return the inspect reply's content: found with the page, or not found with no data */
        public Engine.Inspection inspection() {
            return new Engine.Inspection(found(), found() ? data : Map.of());
        }
    }

    private static final String IDENTIFIER = "[A-Za-z_$][\\w$]*";
    /** {@code a.b.c} at the end of a snippet: a qualifier and a member name. */
    private static final Pattern QUALIFIED_END = Pattern.compile(
            "(" + IDENTIFIER + "(?:\\s*\\.\\s*" + IDENTIFIER + ")*)\\s*\\.\\s*(" + IDENTIFIER + ")\\s*$");
    private static final Pattern RECORD = Pattern.compile("(^|\\s)record\\s");
    private static final String NOT_A_TYPE = "";
    private static final Set<String> PRIMITIVES = Set.of("boolean", "byte", "char", "short", "int", "long",
            "float", "double", "void");

    private final JShell js;
    private final SourceCodeAnalysis analysis;
    private final Javadocs docs;
    private final VariableReader values;
    /** What {@link #typeNamed} found, until a snippet changes the session. */
    private final Map<String, String> typeNames = new ConcurrentHashMap<>();

    /**
     * @param js     the session
     * @param docs   where comments are read from
     * @param values how a variable's value is read
     */
    public Inspector(JShell js, Javadocs docs, VariableReader values) {
        this.js = js;
        this.analysis = js.sourceCodeAnalysis();
        this.docs = docs;
        this.values = values;
        js.onSnippetEvent(e -> typeNames.clear());
    }

    /**
     * @param snippet the code of the current snippet up to the end of the name asked about (the cursor)
     * @param detail  0 for {@code ?} and Shift+Tab, 1 for {@code ??}
     * @return the page for the name, call or variable the snippet ends in
     */
    public Answer inspect(String snippet, int detail) {
        return new Lookup(detail).run(snippet);
    }

    /**
     * @param target a name as typed before {@code ?}: {@code Pool}, {@code Pool.map}, {@code p.start()}
     * @param detail 0 for {@code ?}, 1 for {@code ??}
     * @return its page
     */
    public Answer help(String target, int detail) {
        String name = target.endsWith("()") ? target.substring(0, target.length() - 2) : target;
        return inspect(name, detail);
    }

    /** One inspection, and whether a JDK class in it lacked its documentation. */
    private final class Lookup {
        private final int detail;
        private boolean jdkDocsMissing;

        Lookup(int detail) {
            this.detail = detail;
        }

        Answer run(String snippet) {
            if (snippet.isBlank()) return new Answer(null, "Nothing to look up.");
            List<SourceCodeAnalysis.Documentation> found = documentation(snippet);
            if (found.isEmpty() && endsInIdentifier(snippet)) {
                // a method named without its parenthesis: JShell documents calls
                found = documentation(snippet + "(");
            }
            String asked = snippet.strip();
            if (found.isEmpty()) {
                Matcher m = QUALIFIED_END.matcher(snippet);
                if (!m.find() || m.start() > 0 && snippet.charAt(m.start() - 1) == '.') return unknown(asked);
                String qualifier = m.group(1).replaceAll("\\s+", "");
                String member = m.group(2);
                asked = qualifier + "." + member;
                String type = typeNamed(qualifier);
                if (type == null) type = variableType(qualifier);
                if (type == null) return unknown(asked);
                // Type.instanceMethod: JShell documents instance members only on an instance, so ask on one
                String onInstance = snippet.substring(0, m.start()) + "((" + type + ") null)." + member;
                found = documentation(onInstance + "(");
                if (found.isEmpty()) found = documentation(onInstance);
                if (found.isEmpty()) return new Answer(null, type + " has no member named " + member + ".");
            }
            List<Topic> topics = topics(found);
            return new Answer(HelpPage.of(topics, detail, jdkDocsMissing ? docs.jdk().missingNote() : null), null);
        }

        private Answer unknown(String asked) {
            return new Answer(null, "`" + asked + "` not found: no variable, type, method or field has that name here.");
        }

        private List<Topic> topics(List<SourceCodeAnalysis.Documentation> found) {
            List<Topic> topics = new ArrayList<>();
            List<Signature> group = new ArrayList<>();
            for (SourceCodeAnalysis.Documentation d : found) {
                Signature s = Signature.parse(d.signature());
                if (!group.isEmpty() && !sameMember(group.get(0), s)) {
                    topics.add(topic(group));
                    group = new ArrayList<>();
                }
                group.add(s);
            }
            if (!group.isEmpty()) topics.add(topic(group));
            return topics;
        }

        private boolean sameMember(Signature a, Signature b) {
            return a.kind() == b.kind() && a.kind() != Signature.Kind.TYPE && a.owner().equals(b.owner())
                    && a.name().equals(b.name());
        }

        private Topic topic(List<Signature> overloads) {
            Signature first = overloads.get(0);
            if (first.kind() == Signature.Kind.TYPE) return type(first);
            if (first.kind() == Signature.Kind.FIELD && first.owner().isEmpty()) {
                Optional<VarSnippet> v = cellVariable(first.name());
                if (v.isPresent()) return variable(v.get());
            }
            return members(overloads);
        }

        private Topic type(Signature s) {
            String name = s.name();
            Optional<TypeDoc> t = typeDoc(name);
            if (t.isPresent()) return new Topic.Type(name, s.text(), t.get());
            Optional<TypeDoc> pkg = docs.packageDoc(name);
            if (pkg.isPresent()) return new Topic.Type(name, "package " + name, pkg.get());
            // JShell prints an enum constant like a type, its owner named as the imports name it (TimeUnit.SECONDS);
            // a type it prints by its canonical name
            int dot = name.lastIndexOf('.');
            if (dot > 0 && typeNamed(name.substring(0, dot)) != null) {
                return members(List.of(new Signature(Signature.Kind.FIELD, name.substring(0, dot),
                        name.substring(dot + 1), List.of(), s.text())));
            }
            noteJdk(name);
            return new Topic.Type(name, s.text(), null);
        }

        private Topic members(List<Signature> overloads) {
            Signature first = overloads.get(0);
            String owner = first.owner().isEmpty() ? "" : resolveType(first.owner());
            Optional<TypeDoc> ownerDoc = owner.isEmpty() ? cellMethods(first.name()) : typeDoc(owner);
            boolean constructor = first.kind() == Signature.Kind.CONSTRUCTOR;
            if (constructor && first.owner().equals(owner) && owner.contains(".") && ownerDoc.isPresent()
                    && RECORD.matcher(ownerDoc.get().declaration()).find()) {
                // newer JDKs (25) print a record type by its canonical name and components: the type, not a call
                return new Topic.Type(owner, first.text(), ownerDoc.get());
            }
            String title = constructor ? owner + " (constructor" + (overloads.size() > 1 ? "s)" : ")")
                    : owner.isEmpty() ? first.name() : owner + "." + first.name();
            List<Topic.Overload> list = new ArrayList<>();
            for (Signature s : overloads) {
                MemberDoc.Kind kind = switch (s.kind()) {
                    case CONSTRUCTOR -> MemberDoc.Kind.CONSTRUCTOR;
                    case FIELD -> MemberDoc.Kind.FIELD;
                    default -> MemberDoc.Kind.METHOD;
                };
                Optional<MemberDoc> m = ownerDoc.flatMap(t -> Javadocs.find(t, kind, s.name(), s.paramTypes()).stream().findFirst());
                if (m.isPresent()) {
                    list.add(new Topic.Overload(m.get().declaration(),
                            owner.isEmpty() ? m.get().doc() : docs.complete(owner, m.get())));
                } else {
                    if (!owner.isEmpty()) noteJdk(owner);
                    list.add(new Topic.Overload(s.text(), null));
                }
            }
            return new Topic.Members(title, list);
        }

        private Topic variable(VarSnippet v) {
            String value;
            if (js.status(v) != Snippet.Status.VALID) {
                value = "(no value: the declaration is " + js.status(v).name().toLowerCase(java.util.Locale.ROOT) + ")";
            } else {
                try {
                    value = ValuePreview.of(values.read(v));
                } catch (Exception e) {
                    value = "(its value could not be read: " + e.getMessage() + ")";
                }
            }
            String type = v.typeName();
            TypeDoc typeDoc = type.contains("[") ? null : typeDoc(resolveType(type)).orElse(null);
            return new Topic.Variable(v.name(), type, value, typeDoc);
        }

        /** @return the canonical name of a type as the session prints it ({@code Process}, {@code List<E>}) */
        private String resolveType(String printed) {
            String name = TypeNames.withoutTypeArguments(printed).strip();
            if (PRIMITIVES.contains(name)) return name;
            if (typeDoc(name).isPresent()) return name;
            String type = typeNamed(name);
            return type != null ? type : name;
        }

        private void noteJdk(String typeName) {
            if (!jdkDocsMissing && !docs.jdk().installed() && docs.isJdkType(typeName)) jdkDocsMissing = true;
        }
    }

    /**
     * @return the canonical name of the type {@code name} names in the session, or null if it names none;
     *         remembered until the session changes (a cell may import or declare another type of that name)
     */
    private String typeNamed(String name) {
        return typeNames.computeIfAbsent(name, n -> {
            List<SourceCodeAnalysis.Documentation> d = documentation(n);
            Signature s = d.size() == 1 ? Signature.parse(d.get(0).signature()) : null;
            // a package prints like a type; by convention its last name is not capitalised
            boolean type = s != null && s.kind() == Signature.Kind.TYPE
                    && !Character.isLowerCase(s.name().charAt(s.name().lastIndexOf('.') + 1));
            return type ? s.name() : NOT_A_TYPE;
        }).transform(t -> t.equals(NOT_A_TYPE) ? null : t);
    }

    /** @return the type of the variable or field {@code name} names ({@code System.out}), or null */
    private String variableType(String name) {
        List<SourceCodeAnalysis.Documentation> d = documentation(name);
        if (d.size() != 1 || Signature.parse(d.get(0).signature()).kind() != Signature.Kind.FIELD) return null;
        String text = d.get(0).signature();
        return TypeNames.withoutTypeArguments(text.substring(text.indexOf(':') + 1)).strip();
    }

    private List<SourceCodeAnalysis.Documentation> documentation(String code) {
        return analysis.documentation(code, code.length(), false);
    }

    private static boolean endsInIdentifier(String code) {
        String s = code.stripTrailing();
        return !s.isEmpty() && Character.isJavaIdentifierPart(s.charAt(s.length() - 1)) && s.length() == code.length();
    }

    /** A type from a source, or one a cell declared. */
    private Optional<TypeDoc> typeDoc(String name) {
        Optional<TypeDoc> t = docs.type(name);
        if (t.isPresent()) return t;
        String top = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        return active(js.types()).filter(s -> s.name().equals(top)).reduce((a, b) -> b)
                .flatMap(s -> docs.parse(top + ".java", s.source()).stream().filter(d -> d.name().equals(name)).findFirst());
    }

    /** The methods of this name that cells declared, as members of one type. */
    private Optional<TypeDoc> cellMethods(String name) {
        List<MemberDoc> members = new ArrayList<>();
        active(js.methods()).filter(m -> m.name().equals(name)).forEach(m ->
                docs.parse("Cell.java", "class Cell {\n" + m.source() + "\n}").forEach(t -> members.addAll(t.members())));
        return members.isEmpty() ? Optional.empty() : Optional.of(new TypeDoc("", "", DocComment.NONE, members, 0));
    }

    private Optional<VarSnippet> cellVariable(String name) {
        return active(js.variables()).filter(v -> v.name().equals(name)).reduce((a, b) -> b);
    }

    private <S extends Snippet> Stream<S> active(Stream<S> snippets) {
        return snippets.filter(s -> js.status(s).isActive());
    }
}
