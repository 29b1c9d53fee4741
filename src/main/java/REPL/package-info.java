/**
 * JShell's own package name, fixed by JShell: the cell wrapper classes JShell defines live in {@code REPL}, and
 * its woven stop checks call {@code REPL.$Cancel$}. The one class here replaces JShell's stop check with one
 * that stops only the threads of the interrupted cell (see {@code $Cancel$}); nothing else belongs here, and
 * nothing in {@code io.procbook.mp} may depend on it ({@code LayeringTest}).
 */
package REPL;
