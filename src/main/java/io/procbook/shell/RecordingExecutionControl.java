package io.procbook.shell;

import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.util.Map;

/**
 * Runs JShell snippets in this JVM (as {@link LocalExecutionControl} does) and records every class's bytecode
 * in a {@link ClassRegistry}, which the runtime library serves to child JVMs.
 */
public class RecordingExecutionControl extends LocalExecutionControl {

    private final ClassRegistry registry;

    public RecordingExecutionControl(ClassRegistry registry) {
        this.registry = registry;
        registry.bindFinder(this::findOrNull);
    }

    @Override
    public void load(ClassBytecodes[] cbcs)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        // Record before super.load: newer JDKs instrument the bytes there (stop checks that only make sense
        // inside JShell), and children want the class as the compiler wrote it.
        for (ClassBytecodes c : cbcs) registry.record(c.name(), c.bytecodes());
        super.load(cbcs);
    }

    @Override
    public void redefine(ClassBytecodes[] cbcs)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        super.redefine(cbcs);
        for (ClassBytecodes c : cbcs) registry.record(c.name(), c.bytecodes());
    }

    private Class<?> findOrNull(String name) {
        try {
            return findClass(name);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** A provider that hands JShell one {@link RecordingExecutionControl} bound to the given registry. */
    public static ExecutionControlProvider provider(ClassRegistry registry) {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "procbook";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return new RecordingExecutionControl(registry);
            }
        };
    }
}
