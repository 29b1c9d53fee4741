package io.procbook.shell;

import io.procbook.shell.api.CellOutput;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A CellOutput that records everything, for tests; input lines are queued with {@link #answer}. */
final class RecordingOutput implements CellOutput {

    record Shown(Map<String, Object> data, Map<String, Object> metadata, String displayId, boolean update) { }

    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    final List<Shown> displays = new CopyOnWriteArrayList<>();
    final List<Boolean> clears = new CopyOnWriteArrayList<>();
    final List<String> prompts = new CopyOnWriteArrayList<>();
    /** What stdout held when each prompt was asked for. */
    final List<String> stdoutAtPrompts = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final boolean allowInput;

    RecordingOutput() {
        this(true);
    }

    RecordingOutput(boolean allowInput) {
        this.allowInput = allowInput;
    }

    void answer(String line) {
        answers.add(line);
    }

    String stdout() {
        return stdout.toString();
    }

    String stderr() {
        return stderr.toString();
    }

    @Override
    public void stream(String name, String text) {
        (name.equals("stdout") ? stdout : stderr).append(text);
    }

    @Override
    public void display(Map<String, Object> data, Map<String, Object> metadata, String displayId, boolean update) {
        displays.add(new Shown(data, metadata, displayId, update));
    }

    @Override
    public void clearOutput(boolean wait) {
        clears.add(wait);
    }

    @Override
    public String input(String prompt, boolean password) {
        prompts.add(prompt + (password ? " [password]" : ""));
        stdoutAtPrompts.add(stdout());
        if (!allowInput) throw new IllegalStateException("allow_stdin is false");
        try {
            String line = answers.poll(30, TimeUnit.SECONDS);
            if (line == null) throw new IllegalStateException("no answer in time");
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
