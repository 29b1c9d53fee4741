/**
 * The child JVM's side: {@code ChildMain} is its main class. It connects to its parent ({@code Connector},
 * the token read from stdin), takes an assignment, defines the notebook classes of its bundle in a
 * {@code NotebookLoader} (asking the parent for any it misses, and restoring the notebook variables the code
 * reads), runs the task's {@link io.procbook.mp.internal.ChildEntry} and reports its outcome. Its System.out
 * and System.err are {@code RoutedOutput}s that send lines to the parent as messages on the same connection
 * as results; {@code ParentLink} and {@code OrphanWatch} end the child soon after its parent's death. A
 * pre-started child may {@code WarmUp} (a {@code Rehearsal} of a first task) while it waits.
 */
package io.procbook.mp.internal.child;
