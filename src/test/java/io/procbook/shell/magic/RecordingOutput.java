package io.procbook.shell.magic;

import io.procbook.shell.api.CellOutput;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects a cell's streams as text, and its displays' ids. */
final class RecordingOutput implements CellOutput {
    final StringBuffer stdout = new StringBuffer();
    final StringBuffer stderr = new StringBuffer();
    final List<String> displayIds = new CopyOnWriteArrayList<>();

    @Override
    public void stream(String name, String text) {
        ("stderr".equals(name) ? stderr : stdout).append(text);
    }

    @Override
    public void display(Map<String, Object> data, Map<String, Object> metadata, String displayId, boolean update) {
        displayIds.add(displayId);
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
