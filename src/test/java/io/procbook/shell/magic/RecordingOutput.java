package io.procbook.shell.magic;

import io.procbook.shell.CellOutput;

import java.util.Map;

/** Collects a cell's streams as text. */
final class RecordingOutput implements CellOutput {
    final StringBuffer stdout = new StringBuffer();
    final StringBuffer stderr = new StringBuffer();

    @Override
    public void stream(String name, String text) {
        ("stderr".equals(name) ? stderr : stdout).append(text);
    }

    @Override
    public void display(Map<String, Object> data, Map<String, Object> metadata, String displayId, boolean update) {
        throw new AssertionError("no display expected");
    }

    @Override
    public void clearOutput(boolean wait) {
        throw new AssertionError("no clear_output expected");
    }

    @Override
    public String input(String prompt, boolean password) {
        throw new IllegalStateException("no input in tests");
    }
}
