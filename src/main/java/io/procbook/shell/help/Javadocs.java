package io.procbook.shell.help;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The documentation of types and their members, read from source files: procbook's own API (shipped in the
 * kernel's jar) and the JDK's ({@code src.zip}, when installed). A file is parsed the first time something in
 * it is asked for and kept (the most recently used {@value #CACHED_FILES} files), so that asking again, as
 * JupyterLab's contextual help does at every cursor move, costs nothing.
 */
public final class Javadocs {

    private static final int CACHED_FILES = 128;
    private static final int MAX_INHERITANCE_DEPTH = 12;

    private final JdkSources jdk;
    private final List<SourceRoot> roots;
    private final SourceParser parser = new SourceParser();
    private final ClassLoader loader = Javadocs.class.getClassLoader();
    private final Map<String, List<TypeDoc>> files = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<TypeDoc>> eldest) {
            return size() > CACHED_FILES;
        }
    };

    /**
     * @param jdkSources the JDK's {@code src.zip} (it need not exist: then JDK classes show their signatures
     *                   and a note on how to install their documentation)
     */
    public Javadocs(Path jdkSources) {
        this.jdk = new JdkSources(jdkSources);
        this.roots = List.of(new OwnSources(loader), jdk);
    }

    /** @return the documentation of the running JDK's sources and procbook's */
    public static Javadocs ofRunningJdk() {
        return new Javadocs(JdkSources.ofRunningJdk());
    }

    /**
     * Reads the comments of {@code io.procbook.mp.Process} now: the first file read also loads and warms javac's
     * comment parsing, some hundreds of milliseconds that the first help request would otherwise wait for.
     */
    public void warmUp() {
        type(io.procbook.mp.Process.class.getName());
    }

    JdkSources jdk() {
        return jdk;
    }

    /** @return the type of this canonical name ({@code java.util.Map.Entry}), if its source is found */
    Optional<TypeDoc> type(String canonicalName) {
        String[] parts = canonicalName.split("\\.");
        // By convention the first capitalised name is the top-level class: try that file first.
        int guess = parts.length;
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].isEmpty() && Character.isUpperCase(parts[i].charAt(0))) {
                guess = i + 1;
                break;
            }
        }
        Optional<TypeDoc> t = typeIn(parts, guess, canonicalName);
        for (int n = parts.length; t.isEmpty() && n >= 1; n--) {
            if (n != guess) t = typeIn(parts, n, canonicalName);
        }
        return t;
    }

    private Optional<TypeDoc> typeIn(String[] parts, int fileParts, String canonicalName) {
        if (fileParts > parts.length) return Optional.empty();
        String path = String.join("/", java.util.Arrays.copyOfRange(parts, 0, fileParts)) + ".java";
        return file(path).stream().filter(t -> t.name().equals(canonicalName) && !t.isPackage()).findFirst();
    }

    /** @return the package's documentation ({@code package-info.java}), if found */
    Optional<TypeDoc> packageDoc(String name) {
        return file(name.replace('.', '/') + "/package-info.java").stream().filter(TypeDoc::isPackage).findFirst();
    }

    /** The documented types of a source file, parsed at the first call. */
    private List<TypeDoc> file(String path) {
        synchronized (files) {
            List<TypeDoc> cached = files.get(path);
            if (cached != null) return cached;
        }
        List<TypeDoc> types = List.of();
        for (SourceRoot root : roots) {
            String source = root.read(path);
            if (source != null) {
                types = List.copyOf(parser.parse(path, source));
                break;
            }
        }
        synchronized (files) {
            files.put(path, types);
        }
        return types;
    }

    /** Parses source that is not in a file (a cell's declaration), without keeping it. */
    List<TypeDoc> parse(String name, String source) {
        return parser.parse(name, source);
    }

    /**
     * @param printedTypes the parameter types as a signature prints them (see {@link TypeNames#key}), or null
     *                     for every overload
     * @return the members of that kind and name whose parameters fit, the best fit first
     */
    static List<MemberDoc> find(TypeDoc type, MemberDoc.Kind kind, String name, List<String> printedTypes) {
        List<MemberDoc> named = new ArrayList<>();
        for (MemberDoc m : type.members()) {
            boolean kindFits = m.kind() == kind || kind == MemberDoc.Kind.FIELD && m.kind() == MemberDoc.Kind.ENUM_CONSTANT;
            if (kindFits && m.name().equals(name)) named.add(m);
        }
        if (printedTypes == null) return named;
        List<MemberDoc> sameArity = named.stream().filter(m -> m.paramTypes().size() == printedTypes.size()).toList();
        if (sameArity.size() <= 1) return sameArity;
        List<MemberDoc> fitting = sameArity.stream().filter(m -> fits(m.paramTypes(), printedTypes, false)).toList();
        return fitting.isEmpty() ? sameArity : fitting;
    }

    private static boolean fits(List<String> declared, List<String> printed, boolean eitherWay) {
        for (int i = 0; i < declared.size(); i++) {
            String d = declared.get(i);
            String p = printed.get(i);
            if (!TypeNames.matches(d, p) && !(eitherWay && TypeNames.matches(p, d))) return false;
        }
        return true;
    }

    /**
     * @param typeName the canonical name of the type that declares {@code member}
     * @return the member's comment with what it leaves to the method it overrides filled in from there
     */
    DocComment complete(String typeName, MemberDoc member) {
        return complete(typeName, member, 0);
    }

    private DocComment complete(String typeName, MemberDoc member, int depth) {
        if (member.kind() != MemberDoc.Kind.METHOD || depth > MAX_INHERITANCE_DEPTH || !Inherited.incomplete(member)) {
            return member.doc();
        }
        Class<?> type = load(typeName);
        MemberDoc overridden = type == null ? null : overridden(type, member, depth);
        return overridden == null ? member.doc() : Inherited.merge(member, overridden);
    }

    /** Javadoc's search order: the interfaces in declaration order, their supertypes, then the superclass. */
    private MemberDoc overridden(Class<?> type, MemberDoc member, int depth) {
        for (Class<?> i : type.getInterfaces()) {
            MemberDoc m = documented(i, member, depth);
            if (m != null) return m;
        }
        for (Class<?> i : type.getInterfaces()) {
            MemberDoc m = overridden(i, member, depth);
            if (m != null) return m;
        }
        Class<?> superclass = type.getSuperclass();
        if (type.isInterface() || superclass == null) return null;
        MemberDoc m = documented(superclass, member, depth);
        return m != null ? m : overridden(superclass, member, depth);
    }

    /** @return the method of {@code type} that {@code member} overrides, its comment completed, if it has one */
    private MemberDoc documented(Class<?> type, MemberDoc member, int depth) {
        String name = type.getCanonicalName();
        if (name == null) return null;
        Optional<TypeDoc> doc = type(name);
        if (doc.isEmpty()) return null;
        for (MemberDoc m : find(doc.get(), MemberDoc.Kind.METHOD, member.name(), null)) {
            if (m.paramTypes().size() == member.paramTypes().size() && fits(m.paramTypes(), member.paramTypes(), true)
                    && !m.doc().isEmpty()) {
                return new MemberDoc(m.kind(), m.name(), m.paramTypes(), m.paramNames(), m.declaration(),
                        complete(name, m, depth + 1), m.visible(), m.returnsValue());
            }
        }
        return null;
    }

    /** @return whether a type of this canonical name is the JDK's (a class of a module of the boot layer) */
    boolean isJdkType(String canonicalName) {
        Class<?> c = load(canonicalName);
        return c != null && c.getModule().isNamed() && c.getModule().getLayer() == ModuleLayer.boot();
    }

    /** The class of a canonical name, trying each {@code .} from the right as a nested class's {@code $}. */
    private Class<?> load(String canonicalName) {
        String name = canonicalName;
        while (true) {
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                int dot = name.lastIndexOf('.');
                if (dot < 0) return null;
                name = name.substring(0, dot) + "$" + name.substring(dot + 1);
            }
        }
    }
}
