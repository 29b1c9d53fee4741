package io.procbook.shell;

import io.procbook.display.Display;
import io.procbook.monitor.Monitor;
import io.procbook.mp.spi.Hooks;

/**
 * What an open engine installs into the runtime's hooks ({@link Hooks}) and into the display and monitor
 * facades, and takes out again: each {@code set} in {@link #install} has its undo in {@link #uninstall}, which
 * removes only what is still this engine's (another engine may have installed its own since).
 */
final class EngineHooks {

    private final ClassRegistry registry;
    private final ChildTracker children;
    private final CellMonitors monitors;
    private final CellProgress progress;

    EngineHooks(ClassRegistry registry, ChildTracker children, CellMonitors monitors, CellProgress progress) {
        this.registry = registry;
        this.children = children;
        this.monitors = monitors;
        this.progress = progress;
    }

    void install() {
        Hooks.setClassSource(registry);
        Hooks.setOutputRouter(children);
        Hooks.setWorkContext(CellContext.INSTANCE);
        Hooks.addListener(children);
        Hooks.addListener(monitors);
        Hooks.setProgressHost(progress);
        Hooks.setCommandSessions(true); // %%sh and Subprocess commands end with their cell or kernel
        Monitor.setHost(monitors);
        Display.setTargetLocator(CellBinding::current);
    }

    void uninstall() {
        if (Hooks.classSource() == registry) Hooks.setClassSource(null);
        if (Hooks.outputRouter() == children) Hooks.setOutputRouter(null);
        if (Hooks.workContext() == CellContext.INSTANCE) Hooks.setWorkContext(null);
        Hooks.removeListener(children);
        Hooks.removeListener(monitors);
        if (Hooks.progressHost() == progress) Hooks.setProgressHost(null);
        Hooks.setCommandSessions(false);
        Monitor.setHost(null);
        Display.setTargetLocator(null);
    }
}
