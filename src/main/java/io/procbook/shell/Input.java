package io.procbook.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reading a line from the notebook's user, like Python's {@code input()}. Imported statically into every
 * cell, so {@code String name = input("name? ");} works. In a cell (or a thread a cell started) the front end
 * shows the prompt and a text box; elsewhere the prompt is printed and a line is read from standard input.
 */
public final class Input {

    private Input() { }

    /**
     * Asks for one line and blocks until it is typed.
     *
     * @param prompt the prompt to show
     * @return the line, without its terminator
     * @throws IllegalStateException if the front end does not take input for this cell, or the cell was
     *                               interrupted while waiting
     * @throws UncheckedIOException  outside a cell, if standard input is closed or fails
     */
    public static String input(String prompt) {
        return read(prompt, false);
    }

    /**
     * Like {@link #input(String)}, but the front end hides what is typed.
     */
    public static String password(String prompt) {
        return read(prompt, true);
    }

    private static String read(String prompt, boolean password) {
        String p = prompt == null ? "" : prompt;
        Cell cell = CellBinding.current();
        if (cell != null) return cell.output().input(p, password);
        System.out.print(p);
        System.out.flush();
        try {
            // Byte by byte up to the newline: a buffered reader would swallow input that later reads need.
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            int b;
            while ((b = StandardStreams.realIn().read()) != -1 && b != '\n') line.write(b);
            if (b == -1 && line.size() == 0) throw new UncheckedIOException(new IOException("end of standard input"));
            String text = line.toString(StandardCharsets.UTF_8);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
