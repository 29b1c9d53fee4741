package io.procbook.shell.help;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;

import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the documented declarations of one source file with javac's parser (the JDK's own, which JShell also
 * uses): only parsing, no compiling, so a file needs nothing else to be read, and the 6,000 lines of
 * {@code String.java} take some tens of milliseconds.
 */
final class SourceParser {

    /** Looked up at the first parse, not while the kernel starts. */
    private JavaCompiler javac;
    private StandardJavaFileManager files;

    /**
     * @param path   where the source comes from, for javac's messages (which nobody reads: errors are skipped)
     * @param source the text of a compilation unit
     * @return its types, nested ones included, outer before inner; for a {@code package-info.java}, its package
     * @throws IllegalStateException if this JDK has no compiler
     */
    synchronized List<TypeDoc> parse(String path, String source) {
        if (javac == null) javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) throw new IllegalStateException("this Java has no compiler (jdk.compiler): not a JDK");
        if (files == null) files = javac.getStandardFileManager(d -> { }, null, null);
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + path), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        String release = Integer.toString(Runtime.version().feature());
        // Preview syntax on: the JDK's own sources may use it.
        JavacTask task = (JavacTask) javac.getTask(null, files, d -> { },
                List.of("-proc:none", "--enable-preview", "--source", release), null, List.of(file));
        DocTrees trees = DocTrees.instance(task); // before parsing: it makes the parser keep doc comments
        try {
            List<TypeDoc> types = new ArrayList<>();
            for (CompilationUnitTree unit : task.parse()) new Unit(trees, unit, source, types).read();
            return types;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One compilation unit being read. */
    private static final class Unit {
        private final DocTrees trees;
        private final CompilationUnitTree unit;
        private final SourcePositions positions;
        private final String source;
        private final List<TypeDoc> types;

        Unit(DocTrees trees, CompilationUnitTree unit, String source, List<TypeDoc> types) {
            this.trees = trees;
            this.unit = unit;
            this.positions = trees.getSourcePositions();
            this.source = source;
            this.types = types;
        }

        void read() {
            String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
            if (unit.getPackage() != null) {
                DocComment doc = doc(new TreePath(new TreePath(unit), unit.getPackage()));
                if (!doc.isEmpty() || unit.getTypeDecls().isEmpty()) {
                    types.add(new TypeDoc(pkg, "package " + pkg, doc, List.of(), 0));
                }
            }
            for (Tree t : unit.getTypeDecls()) {
                if (t instanceof ClassTree c) type(new TreePath(new TreePath(unit), c), pkg, Set.of());
            }
        }

        private void type(TreePath path, String outer, Set<String> outerTypeVariables) {
            ClassTree c = (ClassTree) path.getLeaf();
            String name = outer.isEmpty() ? c.getSimpleName().toString() : outer + "." + c.getSimpleName();
            Set<String> typeVariables = new HashSet<>(outerTypeVariables);
            c.getTypeParameters().forEach(p -> typeVariables.add(p.getName().toString()));
            boolean isInterface = c.getKind() == Tree.Kind.INTERFACE || c.getKind() == Tree.Kind.ANNOTATION_TYPE;
            List<MemberDoc> members = new ArrayList<>();
            int at = types.size();
            for (Tree m : c.getMembers()) {
                TreePath mp = new TreePath(path, m);
                if (m instanceof ClassTree) {
                    type(mp, name, typeVariables);
                } else if (m instanceof MethodTree method) {
                    members.add(method(mp, method, c, typeVariables, isInterface));
                } else if (m instanceof VariableTree v) {
                    members.add(field(mp, v, c, isInterface));
                }
            }
            // outer before inner, as a reader expects them
            types.add(at, new TypeDoc(name, header(c), doc(path), members, c.getTypeParameters().size()));
        }

        private MemberDoc method(TreePath path, MethodTree m, ClassTree owner, Set<String> classTypeVariables,
                                 boolean inInterface) {
            Set<String> typeVariables = new HashSet<>(classTypeVariables);
            for (TypeParameterTree p : m.getTypeParameters()) typeVariables.add(p.getName().toString());
            List<String> types = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (VariableTree p : m.getParameters()) {
                types.add(TypeNames.key(parameterType(p), typeVariables));
                names.add(p.getName().toString());
            }
            boolean constructor = m.getName().contentEquals("<init>");
            long end = m.getBody() != null ? positions.getStartPosition(unit, m.getBody())
                    : positions.getEndPosition(unit, m);
            String declaration = declaration(m.getModifiers(), positions.getStartPosition(unit, m), end);
            return new MemberDoc(constructor ? MemberDoc.Kind.CONSTRUCTOR : MemberDoc.Kind.METHOD,
                    constructor ? MemberDoc.CONSTRUCTOR_NAME : m.getName().toString(), types, names, declaration,
                    doc(path), visible(m.getModifiers(), inInterface), !constructor && !isVoid(m.getReturnType()));
        }

        private MemberDoc field(TreePath path, VariableTree v, ClassTree owner, boolean inInterface) {
            boolean constant = owner.getKind() == Tree.Kind.ENUM && v.getInitializer() instanceof NewClassTree n
                    && n.getIdentifier().toString().equals(owner.getSimpleName().toString());
            String declaration = constant ? v.getName().toString() : declaration(v.getModifiers(),
                    positions.getStartPosition(unit, v), v.getInitializer() != null
                            ? positions.getStartPosition(unit, v.getInitializer()) : positions.getEndPosition(unit, v));
            return new MemberDoc(constant ? MemberDoc.Kind.ENUM_CONSTANT : MemberDoc.Kind.FIELD, v.getName().toString(),
                    List.of(), List.of(), declaration, doc(path), constant || visible(v.getModifiers(), inInterface), false);
        }

        private static boolean isVoid(Tree returnType) {
            return returnType instanceof PrimitiveTypeTree p && p.getPrimitiveTypeKind() == TypeKind.VOID;
        }

        private static boolean visible(ModifiersTree mods, boolean inInterface) {
            Set<Modifier> flags = mods.getFlags();
            if (flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PROTECTED)) return true;
            return inInterface && !flags.contains(Modifier.PRIVATE);
        }

        /** The class's header, from its modifiers to the brace that opens its body. */
        private String header(ClassTree c) {
            long start = positions.getStartPosition(unit, c);
            int brace = SourceText.openingBrace(source, (int) start);
            return declaration(c.getModifiers(), start, brace < 0 ? positions.getEndPosition(unit, c) : brace);
        }

        /** The source between two positions, without the modifiers' annotations, comments and line breaks. */
        private String declaration(ModifiersTree mods, long start, long end) {
            if (start < 0 || end < start || end > source.length()) return "";
            StringBuilder text = new StringBuilder(source.substring((int) start, (int) end));
            List<? extends AnnotationTree> annotations = mods.getAnnotations();
            for (int i = annotations.size() - 1; i >= 0; i--) {
                long from = positions.getStartPosition(unit, annotations.get(i)) - start;
                long to = positions.getEndPosition(unit, annotations.get(i)) - start;
                if (from >= 0 && to <= text.length() && from <= to) text.delete((int) from, (int) to);
            }
            String flat = SourceText.withoutComments(text.toString()).replaceAll("\\s+", " ").strip();
            while (flat.endsWith(";") || flat.endsWith("=")) flat = flat.substring(0, flat.length() - 1).strip();
            return flat;
        }

        /** The parameter's type as written, varargs dots included (the type tree alone leaves them out). */
        private String parameterType(VariableTree p) {
            String whole = text(p).strip();
            String name = p.getName().toString();
            if (whole.endsWith(name)) whole = whole.substring(0, whole.length() - name.length());
            return whole.replaceAll("\\bfinal\\b", "");
        }

        private String text(Tree t) {
            long from = positions.getStartPosition(unit, t);
            long to = positions.getEndPosition(unit, t);
            if (from < 0 || to < from || to > source.length()) return t.toString();
            return source.substring((int) from, (int) to);
        }

        private DocComment doc(TreePath path) {
            DocCommentTree tree = trees.getDocCommentTree(path);
            return tree == null ? DocComment.NONE : DocCommentReader.read(tree);
        }
    }
}
