"""The checks a person makes, written once for JupyterLab and Notebook 7 (the same notebook widget).

Each takes a BrowserTest (its page, server and fixture) and the front end ('lab' or 'notebook').
"""
import os
import re
import select
import threading
import time
import uuid

from playwright.sync_api import expect

import output_checks
import shots
from notebook_ui import NotebookUI
from suite import ARTIFACTS, KERNEL_DISPLAY_NAME, KERNEL_NAME

RUN_ALL_TIMEOUT_S = 900
INTERRUPT_LIMIT_S = 2.0
PROCESS_EXIT_TIMEOUT_S = 30
PID = re.compile(r"pid=(\d+)")
KERNEL_ANSWER_MS = 60_000  # a first request to a fresh kernel on a loaded machine


def scratch_notebook(test, name):
    """An empty notebook NAME for the procbook kernel, created through the server, opened in TEST's page."""
    test.server.write_notebook(name, {
        "cells": [{"cell_type": "code", "id": uuid.uuid4().hex[:8], "source": "", "metadata": {},
                   "outputs": [], "execution_count": None}],
        "metadata": {"kernelspec": {"name": KERNEL_NAME, "display_name": KERNEL_DISPLAY_NAME,
                                    "language": "java"}},
        "nbformat": 4, "nbformat_minor": 5})
    return NotebookUI.open(test.server, test.page, name, test.front_end)


def run_notebook(test, source):
    """Run All on a copy of tutorial SOURCE: every code cell ran, no error or stderr output, every picture the
    kernel sent is seen as a picture; a screenshot of the whole notebook is kept, and (in JupyterLab) the
    gallery's shots of this notebook."""
    original = output_checks.read_notebook(source)
    path = test.fixture.copy_notebook(source)
    ui = NotebookUI.open(test.server, test.page, path, test.front_end)
    gallery = shots.Gallery(ARTIFACTS / "gallery", source.name if test.front_end == "lab" else None)
    ui.run_all(RUN_ALL_TIMEOUT_S, watchers=gallery.watchers(original))
    ui.save()
    model = test.server.read_notebook(path)
    shots.whole_notebook(ui, test.artifact(f"{source.stem}.png"))
    problems = output_checks.problems_in_model(model)
    problems += output_checks.picture_problems(ui, model, source.name)
    # A cell whose work is near the monitor's threshold (0.2 s of CPU) ends as a chart in one run and as one line
    # in another; what must not happen is a run whose monitors showed nothing where the saved notebook has them.
    monitors = lambda nb: output_checks.count_pictures(nb, counted=output_checks.is_monitor_output)
    if output_checks.count_pictures(original) and not output_checks.count_pictures(model) \
            and monitors(model) < monitors(original):
        problems.append(f"{source.name}: the saved notebook has charts, this run showed none")
    problems += gallery.after_run(ui, model)
    test.assertEqual([], problems, f"{source.name} in {test.front_end}:\n" + "\n".join(problems))


def open_untrusted(test, source):
    """A saved tutorial opened as a reader opens it, untrusted: its monitor summaries show their charts as
    pictures, not as run-on text. (A chart a notebook draws itself may fall back to its own text form.)"""
    original = output_checks.read_notebook(source)
    path = test.fixture.copy_notebook(source, f"untrusted/{source.name}")
    ui = NotebookUI.open(test.server, test.page, path, test.front_end)
    test.assertEqual(0, test.page.locator(".jp-OutputArea-output.jp-mod-trusted").count(),
                     "the notebook should open untrusted")
    summaries = output_checks.is_monitor_summary
    test.assertGreater(output_checks.count_pictures(original, summaries), 0, f"{source.name} has no chart to check")
    problems = output_checks.picture_problems(ui, original, f"untrusted {source.name}", summaries)
    shots.whole_notebook(ui, test.artifact(f"untrusted-{source.stem}.png"))
    test.assertEqual([], problems, "\n".join(problems))


def interrupt(test):
    """The toolbar's interrupt stops `while (true) { }` within 2 s, and the next cell runs."""
    ui = scratch_notebook(test, "interrupt.ipynb")
    i = ui.run_new_cell('System.out.println("spinning");\nwhile (true) { }', wait=False)
    expect(ui.cell(i).locator(".jp-OutputArea")).to_contain_text("spinning", timeout=120_000)
    start = time.monotonic()
    ui.interrupt()
    ui.wait_cell_done(i, timeout_s=60)
    stopped_after = time.monotonic() - start
    test.assertLess(stopped_after, INTERRUPT_LIMIT_S, f"the interrupt took {stopped_after:.2f} s")
    j = ui.run_new_cell("6 * 7")
    expect(ui.cell(j).locator(".jp-OutputArea")).to_contain_text("42")


def pid_in_output(ui, i):
    m = PID.search(ui.output_text(i))
    if not m:
        raise AssertionError(f"no pid= in the output of cell {i}: {ui.output_text(i)!r}")
    return int(m.group(1))


def wait_exit(pid_fd, what):
    """Waits for the process behind PID_FD (from os.pidfd_open) to end; fails after PROCESS_EXIT_TIMEOUT_S."""
    ready = select.poll()
    ready.register(pid_fd, select.POLLIN)
    if not ready.poll(PROCESS_EXIT_TIMEOUT_S * 1000):
        raise AssertionError(f"{what} still runs {PROCESS_EXIT_TIMEOUT_S} s after the restart")


def restart(test):
    """The toolbar's restart gives a new kernel process, and the children of the old one are gone."""
    ui = scratch_notebook(test, "restart.ipynb")
    kernel_pid = 'System.out.println("pid=" + ProcessHandle.current().pid());'
    old_kernel = pid_in_output(ui, ui.run_new_cell(kernel_pid))
    child = pid_in_output(ui, ui.run_new_cell('var sleeper = new Process(() -> Thread.sleep(600_000));\n'
                                              'sleeper.start();\nSystem.out.println("pid=" + sleeper.pid());'))
    kernel_fd, child_fd = os.pidfd_open(old_kernel), os.pidfd_open(child)  # these processes, not their pids
    try:
        ui.restart()
        wait_exit(kernel_fd, f"the old kernel (pid {old_kernel})")
        wait_exit(child_fd, f"the old kernel's child (pid {child})")
    finally:
        os.close(kernel_fd)
        os.close(child_fd)
    new_kernel = pid_in_output(ui, ui.run_new_cell(kernel_pid))
    test.assertNotEqual(old_kernel, new_kernel, "the restart should start a new kernel process")


def completion(test):
    """Tab after `Proc` shows a completion list that contains Process (in a kernel that ran a cell, as a
    user's has: JupyterLab drops a completion that takes longer than its provider timeout)."""
    ui = scratch_notebook(test, "completion.ipynb")
    ui.run_new_cell("1 + 1")
    ui.type_in_new_cell("Proc")
    test.page.keyboard.press("Tab")
    expect(test.page.locator('.jp-Completer-item[data-value="Process"]')).to_be_visible(timeout=KERNEL_ANSWER_MS)
    test.assertGreater(test.page.locator(".jp-Completer-item").count(), 1, "a list, not a single insertion")


def contextual_help(test):
    """Shift+Tab after `Pool` shows Pool's Javadoc (its first sentence, as the source has it)."""
    ui = scratch_notebook(test, "help.ipynb")
    ui.type_in_new_cell("Pool")
    test.page.keyboard.press("Shift+Tab")
    tip = test.page.locator(".jp-Tooltip")
    expect(tip).to_be_visible(timeout=KERNEL_ANSWER_MS)
    expect(tip).to_contain_text("A pool of worker processes")
    expect(tip).to_contain_text("long-lived child JVMs, started once by the constructor")


def input_box(test):
    """input() shows a box under the cell; the typed text reaches the cell."""
    ui = scratch_notebook(test, "input.ipynb")
    i = ui.run_new_cell('String who = input("Who is there? ");\nSystem.out.println("hello " + who);', wait=False)
    box = ui.cell(i).locator(".jp-Stdin-input")
    expect(box).to_be_visible(timeout=60_000)
    expect(ui.cell(i).locator(".jp-Stdin-prompt")).to_contain_text("Who is there?")
    box.fill("Ada Lovelace")
    box.press("Enter")
    ui.wait_cell_done(i)
    expect(ui.cell(i).locator(".jp-OutputArea")).to_contain_text("hello Ada Lovelace")


def late_lines(test):
    """A background thread's line lands in the cell that started it: printed while another cell runs, and
    printed when no cell runs at all."""
    ui = scratch_notebook(test, "late-lines.ipynb")
    first = ui.run_new_cell(
        "var gate = new java.util.concurrent.CountDownLatch(1);\n"
        "var late = new Thread(() -> {\n"
        "    try { gate.await(); } catch (InterruptedException e) { return; }\n"
        '    System.out.println("late line of the first cell");\n'
        "});\n"
        "late.start();\n"
        'System.out.println("first cell ran");')
    second = ui.run_new_cell('gate.countDown();\nlate.join();\nSystem.out.println("second cell ran");')
    expect(ui.cell(first).locator(".jp-OutputArea")).to_contain_text("late line of the first cell")
    expect(ui.cell(second).locator(".jp-OutputArea")).to_contain_text("second cell ran")
    expect(ui.cell(second).locator(".jp-OutputArea")).not_to_contain_text("late line")

    # The line comes when the test writes into a pipe the thread reads: after the cell ended, with no cell running.
    fifo = test.fixture.work / "late-line.fifo"
    os.mkfifo(fifo)
    third = ui.run_new_cell(
        "new Thread(() -> {\n"
        "    try {\n"
        f'        String word = java.nio.file.Files.readString(java.nio.file.Path.of("{fifo}"));\n'
        '        System.out.println("late line: " + word);\n'
        "    } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }\n"
        "}).start();")
    writer = threading.Thread(target=lambda: fifo.write_text("after the cell ended"), daemon=True)
    writer.start()
    writer.join(PROCESS_EXIT_TIMEOUT_S)
    test.assertFalse(writer.is_alive(), "the cell's thread never opened the pipe")
    expect(ui.cell(third).locator(".jp-OutputArea")).to_contain_text("late line: after the cell ended")
    for other in (first, second):
        expect(ui.cell(other).locator(".jp-OutputArea")).not_to_contain_text("late line: ")
