package io.procbook.shell;

import jdk.jshell.SourceCodeAnalysis.SnippetWrapper;


/**
 * Which line of a snippet each line of its compiled class holds. JShell compiles a snippet inside a wrapper
 * class ({@code REPL.$JShell$25}) whose source has the session's imports and the wrapper's own lines around the
 * snippet's text, so a stack frame of that class names a wrapper line ({@code $JShell$25.java:7}). JShell
 * translates such frames only in exceptions a snippet throws in this JVM; a child process runs the same classes
 * and prints the raw frames, and these tables translate them the same way.
 *
 * <p>The table is taken when the snippet is compiled ({@link SnippetWrapper} describes the last compilation),
 * and the wrapper class's name changes with every compilation, so each table stays right for frames of its
 * class for good.
 */
final class WrapperLines {

    private final String snippetId;
    private final String className;
    /** The 0-based wrapper line on which each line of the snippet starts. */
    private final int[] lineStarts;

    private WrapperLines(String snippetId, String className, int[] lineStarts) {
        this.snippetId = snippetId;
        this.className = className;
        this.lineStarts = lineStarts;
    }

    /**
     * Reads the table off a snippet's current wrapper.
     *
     * @param snippetId the snippet's id
     * @param source    the snippet's text, as it was evaluated
     * @param wrapper   the snippet's wrapper, right after the snippet was compiled
     */
    static WrapperLines of(String snippetId, String source, SnippetWrapper wrapper) {
        LineMap wrapped = new LineMap(wrapper.wrapped());
        int[] sourceLineStarts = LineMap.starts(source);
        int[] starts = new int[sourceLineStarts.length];
        for (int k = 0; k < starts.length; k++) {
            starts[k] = wrapped.lineOf(wrapper.sourceToWrappedPosition(sourceLineStarts[k]));
        }
        return new WrapperLines(snippetId, wrapper.fullClassName(), starts);
    }

    String snippetId() {
        return snippetId;
    }

    /** @return the wrapper class's binary name ({@code REPL.$JShell$25}) */
    String className() {
        return className;
    }

    /**
     * @param wrapperLine a 1-based line of the wrapper class, as a stack frame names it
     * @return the 1-based line of the snippet it is on
     */
    int snippetLine(int wrapperLine) {
        int line = wrapperLine - 1;
        // The snippet's line that starts last at or before the frame's line holds it; lines of the wrapper
        // before the snippet (a field's declaration) count as its first.
        int best = 0;
        for (int k = 0; k < lineStarts.length; k++) {
            if (lineStarts[k] <= line && lineStarts[k] >= lineStarts[best]) best = k;
        }
        return best + 1;
    }
}
