package lsmviz;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import lsmviz.engine.memtable.Memtable;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN.md, checked on the compiled classes (every reference counts: imports,
 * fully qualified names, signatures, constants): the engine uses the JDK alone; the command line,
 * the bench and the workload generator use the engine and the JDK; the window uses only the
 * engine's public packages, never its internals.
 */
class LayeringTest {
    /** The JDK: the engine and the tools need nothing else. */
    private static final String[] JDK = {"java..", "javax..", "jdk..", "com.sun.management.."};

    /**
     * The engine's public face, all the window may touch: the facade ({@code LsmEngine},
     * {@code Options}, {@code EngineInspector}), the small shared types ({@code KeyValue},
     * {@code Bytes}, {@code SyncMode}, {@code CompactionOptions}, {@code CorruptionException}), its
     * events and snapshot, the step gate, the lock table, and the plain facts of inspection.
     */
    static final String[] ENGINE_PUBLIC = {"lsmviz.engine", "lsmviz.engine.types..", "lsmviz.engine.event..",
        "lsmviz.engine.step..", "lsmviz.engine.lock..", "lsmviz.engine.inspect.."};

    /** The engine's internals: the window never sees them. */
    static final String[] ENGINE_INTERNAL = {"lsmviz.engine.sstable..", "lsmviz.engine.wal..",
        "lsmviz.engine.manifest..", "lsmviz.engine.memtable..", "lsmviz.engine.iterator..", "lsmviz.engine.io..",
        "lsmviz.engine.state..", "lsmviz.engine.compaction.."};

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("lsmviz");

    private static String[] with(String[] a, String... more) {
        String[] out = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, out, a.length, more.length);
        return out;
    }

    /** Classes in {@code layer} depend on nothing outside {@code allowed}. */
    private static ArchRule onlyUses(String layer, String... allowed) {
        return classes().that().resideInAPackage(layer).should().onlyDependOnClassesThat()
                .resideInAnyPackage(allowed).because(layer + " may use only " + String.join(", ", allowed));
    }

    /** Classes in {@code layer} use the engine through its public packages alone. */
    static ArchRule usesOnlyThePublicEngine(String layer) {
        return classes().that().resideInAPackage(layer).should().onlyDependOnClassesThat(
                resideOutsideOfPackage("lsmviz.engine..").or(resideInAnyPackage(ENGINE_PUBLIC)))
                .because("the window talks to the engine through its API, events, step gate, lock table and"
                        + " inspector, never its internals (" + String.join(", ", ENGINE_INTERNAL) + ")");
    }

    @Test
    void theEngineUsesTheJdkAlone() {
        onlyUses("lsmviz.engine..", with(JDK, "lsmviz.engine..")).check(MAIN);
    }

    @Test
    void theCommandLineUsesTheEngineTheBenchTheWorkloadAndTheJdk() {
        onlyUses("lsmviz.cli..", with(JDK, "lsmviz.engine..", "lsmviz.bench..", "lsmviz.workload..", "lsmviz.cli..")).check(MAIN);
    }

    @Test
    void theBenchUsesTheEngineAndTheJdkNeverTheCommandLine() {
        onlyUses("lsmviz.bench..", with(JDK, "lsmviz.engine..", "lsmviz.bench..")).check(MAIN);
    }

    @Test
    void theWorkloadGeneratorUsesTheEngineAndTheJdk() {
        onlyUses("lsmviz.workload..", with(JDK, "lsmviz.engine..", "lsmviz.workload..")).check(MAIN);
    }

    @Test
    void theWindowUsesOnlyTheEnginesPublicPackages() {
        usesOnlyThePublicEngine("lsmviz.app..").check(MAIN);
        classes().that().resideInAPackage("lsmviz.app..").should().onlyDependOnClassesThat(
                not(resideInAnyPackage("lsmviz.cli..", "lsmviz.bench.."))).check(MAIN);
    }

    @Test
    void theLessonRuntimeIsPlainJavaOnThePublicEngine() {
        onlyUses("lsmviz.lesson..", with(JDK, "lsmviz.engine..", "lsmviz.lesson..", "com.fasterxml.jackson.."))
                .check(MAIN);
        usesOnlyThePublicEngine("lsmviz.lesson..").check(MAIN);
    }

    /**
     * The window's views and view-models hold no engine object: they talk to the session through
     * its port (commands, stepping, inspection, locks). Only the session and the lesson presenter
     * (which hands a lesson's engine to the session) touch the engine itself.
     */
    @Test
    void onlyTheSessionAndTheLessonPresenterHoldTheEngine() {
        viewsHoldNoEngine().check(MAIN);
        JavaClasses fixture = new ClassFileImporter().importClasses(lsmviz.app.EngineHoldingFixture.class,
                lsmviz.engine.LsmEngine.class);
        assertThat(viewsHoldNoEngine().evaluate(fixture).hasViolation()).as("the rule catches a view holding the engine")
                .isTrue();
    }

    private static ArchRule viewsHoldNoEngine() {
        return classes().that().resideInAPackage("lsmviz.app..").and().resideOutsideOfPackage("lsmviz.app.session..")
                .and().doNotHaveFullyQualifiedName("lsmviz.app.lesson.LessonPresenter")
                .and().doNotHaveFullyQualifiedName("lsmviz.app.lesson.LessonPresenter$1")
                .should().onlyDependOnClassesThat(not(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "the engine, its step gate, lock table or inspector",
                        (com.tngtech.archunit.core.domain.JavaClass c) -> c.isEquivalentTo(lsmviz.engine.LsmEngine.class)
                                || c.isEquivalentTo(lsmviz.engine.step.StepGate.class)
                                || c.isEquivalentTo(lsmviz.engine.lock.LockTable.class)
                                || c.isEquivalentTo(lsmviz.engine.EngineInspector.class))));
    }

    @Test
    void theTopLevelPackagesHaveNoCycles() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices().matching("lsmviz.(*)..")
                .should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theWindowsPackagesHaveNoCycles() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices().matching("lsmviz.app.(*)..")
                .should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theEnginesPackagesHaveNoCycles() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices().matching("lsmviz.engine.(*)..")
                .should().beFreeOfCycles().check(MAIN);
    }

    /**
     * The engine's packages form a tree under its root: the root (the facade and the stories of
     * write, flush and compaction) uses them, and none of them uses the root. With the rule above,
     * the whole engine is free of cycles.
     */
    @Test
    void noEnginePackageUsesTheEnginesRoot() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().that().resideInAPackage("lsmviz.engine.*..")
                .should().dependOnClassesThat().resideInAPackage("lsmviz.engine").check(MAIN);
    }

    /** Stands in for window code that reaches into the engine: the rule must catch it. */
    static final class ReachesIntoTheEngine {
        long size(Object o) {
            return ((lsmviz.engine.memtable.Memtable) o).sizeBytes(); // a fully qualified name, no import
        }
    }

    @Test
    void theRuleCatchesAReferenceWithoutAnImport() {
        JavaClasses fixture = new ClassFileImporter().importClasses(ReachesIntoTheEngine.class, Memtable.class);
        assertThat(usesOnlyThePublicEngine("lsmviz").evaluate(fixture).hasViolation()).isTrue();
    }
}
