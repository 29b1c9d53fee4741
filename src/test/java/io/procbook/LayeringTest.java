package io.procbook;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The map of README's "Architecture" section, checked on the compiled main classes: the layers point one way
 * (kernel -> shell -> display, monitor -> mp), the runtime library's public signatures show no internals, and
 * no two packages depend on each other. A failure names the classes and the dependency that broke the rule.
 */
class LayeringTest {

    private static JavaClasses main;

    /**
     * The implementation packages still counted as one with io.procbook.mp (see {@link #noPackageCycles()}):
     * pool workers and managers throw the public exceptions and run or serve the public task and proxy types,
     * and lambda rebuilds the public task interfaces, while io.procbook.mp uses all three. (The child's side,
     * io.procbook.mp.internal.child, uses the public types too, but nothing uses it: it stands above.)
     */
    private static final Set<String> WITH_MP = Set.of("io.procbook.mp.internal.pool",
            "io.procbook.mp.internal.manager", "io.procbook.mp.internal.lambda");

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.procbook");
    }

    @Test
    void layersPointOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("kernel").definedBy("io.procbook.kernel..")
                .layer("shell").definedBy("io.procbook.shell..")
                .layer("display").definedBy("io.procbook.display..")
                .layer("monitor").definedBy("io.procbook.monitor..")
                .layer("mp").definedBy("io.procbook.mp..")
                .whereLayer("kernel").mayNotBeAccessedByAnyLayer()
                .whereLayer("shell").mayOnlyBeAccessedByLayers("kernel")
                .whereLayer("display").mayOnlyBeAccessedByLayers("kernel", "shell")
                .whereLayer("monitor").mayOnlyBeAccessedByLayers("kernel", "shell")
                .whereLayer("mp").mayOnlyBeAccessedByLayers("kernel", "shell", "monitor", "display")
                .check(main);
    }

    @Test
    void runtimeLibraryKnowsNothingOfJupyter() {
        // Stated on its own as well: a plain Java program uses io.procbook.mp with no kernel on the class path.
        noClasses().that().resideInAPackage("io.procbook.mp..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.procbook.kernel..", "io.procbook.shell..", "io.procbook.display..",
                        "io.procbook.monitor..", "REPL..")
                .check(main);
    }

    @Test
    void noPackageCycles() {
        // One slice per package, except that io.procbook.mp and the implementation packages that still use its
        // public exceptions and types (see WITH_MP and the package documentation of io.procbook.mp.internal)
        // count as one. io.procbook.mp.spi, io.procbook.mp.internal, .shm and .child stand apart: the hooks
        // depend on no implementation, the implementation's base knows no public type, and the child's side is
        // the top of the child JVM.
        slices().assignedFrom(new SliceAssignment() {
                    @Override
                    public SliceIdentifier getIdentifierOf(JavaClass c) {
                        String p = c.getPackageName();
                        if (!p.startsWith("io.procbook")) return SliceIdentifier.ignore();
                        return SliceIdentifier.of(WITH_MP.contains(p) ? "io.procbook.mp" : p);
                    }

                    @Override
                    public String getDescription() {
                        return "io.procbook packages (io.procbook.mp with " + WITH_MP + " as one)";
                    }
                })
                .should().beFreeOfCycles().check(main);
    }

    @Test
    void sharedMemoryKnowsNoPublicType() {
        // The bottom of the runtime: it reports an interruption as the JDK does, and io.procbook.mp turns that
        // into its own exception. Said on its own: noPackageCycles would allow a dependency that forms no cycle.
        noClasses().that().resideInAPackage("io.procbook.mp.internal.shm..")
                .should().dependOnClassesThat().resideInAnyPackage("io.procbook.mp", "io.procbook.mp.spi")
                .check(main);
    }

    @Test
    void sharedHandleKnowsNoSharedType() {
        // Each shared type serializes with an attacher of its own; the handle must not grow back into a switch
        // that builds every type (a hub that made the shared types one dependency cycle).
        noClasses().that().haveFullyQualifiedName("io.procbook.mp.SharedHandle")
                .should().dependOnClassesThat(DescribedPredicate.describe("are other io.procbook.mp classes",
                        c -> c.getPackageName().equals("io.procbook.mp")
                                && !c.getName().startsWith("io.procbook.mp.SharedHandle")))
                .check(main);
    }

    @Test
    void publicApiShowsNoInternals() {
        // What a cell or a host types: the public and protected signatures of public io.procbook.mp and
        // io.procbook.mp.spi types. Their bodies may use the internals; their signatures may not, or a reader
        // meets a type whose Javadoc and compatibility nobody promises.
        DescribedPredicate<JavaClass> api = DescribedPredicate.describe("public types of io.procbook.mp(.spi)",
                c -> c.getModifiers().contains(JavaModifier.PUBLIC)
                        && Set.of("io.procbook.mp", "io.procbook.mp.spi").contains(c.getPackageName())
                        && publicAllTheWayOut(c));
        ArchRuleDefinition.classes().that(api).should(exposeNoInternals()).check(main);
    }

    private static boolean publicAllTheWayOut(JavaClass c) {
        for (JavaClass o = c; o != null; o = o.getEnclosingClass().orElse(null)) {
            if (!o.getModifiers().contains(JavaModifier.PUBLIC)) return false;
        }
        return true;
    }

    private static ArchCondition<JavaClass> exposeNoInternals() {
        return new ArchCondition<>("show no io.procbook.mp.internal type in a public or protected signature") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                List<String> found = new ArrayList<>();
                c.getRawSuperclass().ifPresent(s -> note(found, c.getName() + " extends", s));
                for (JavaType i : c.getInterfaces()) note(found, c.getName() + " implements", i.toErasure());
                for (JavaMember m : c.getMembers()) {
                    if (!visible(m)) continue;
                    if (m instanceof JavaField f) note(found, f.getFullName(), f.getRawType());
                    if (m instanceof JavaCodeUnit u) {
                        note(found, u.getFullName() + " returns", u.getRawReturnType());
                        for (JavaClass p : u.getRawParameterTypes()) note(found, u.getFullName() + " takes", p);
                        for (JavaClass t : u.getExceptionTypes()) note(found, u.getFullName() + " throws", t);
                    }
                }
                for (String f : found) events.add(SimpleConditionEvent.violated(c, f));
            }
        };
    }

    private static boolean visible(JavaMember m) {
        Set<JavaModifier> mods = m.getModifiers();
        if (mods.contains(JavaModifier.SYNTHETIC) || mods.contains(JavaModifier.BRIDGE)) return false;
        return mods.contains(JavaModifier.PUBLIC) || mods.contains(JavaModifier.PROTECTED);
    }

    private static void note(List<String> found, String where, JavaClass type) {
        JavaClass t = type.isArray() ? type.getBaseComponentType() : type;
        if (t.getPackageName().startsWith("io.procbook.mp.internal")) found.add(where + " " + t.getName());
    }
}
