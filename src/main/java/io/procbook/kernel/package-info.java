/**
 * The Jupyter kernel: the wire protocol (5.3) over JeroMQ and nothing about Java evaluation. It reads the
 * connection file ({@code ConnectionInfo}), binds the shell, control, iopub, stdin and heartbeat sockets
 * ({@code Sockets}), signs and checks every message ({@code Signer}, {@code WireCodec}; a bad signature is
 * dropped and logged, never run) and dispatches requests ({@code RequestDispatcher}, {@code ShellLoop},
 * {@code ControlLoop}) to an {@link io.procbook.shell.api.Engine}. Each execute request gets a
 * {@code CellChannel}: the {@link io.procbook.shell.api.CellOutput} whose streams and displays are published on
 * iopub with that request's header as parent, so output lands under its cell even after the cell finished.
 * {@code Main} starts it; {@code LauncherWatch} ends it when the process that launched it is gone.
 *
 * <p>The top layer: it depends on {@code shell} (and {@code shell.api}) only, and nothing depends on it.
 */
package io.procbook.kernel;
