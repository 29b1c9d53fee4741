"""JupyterLab 4 with the procbook kernel, in Chromium: every tutorial notebook, the Launcher, the toolbar's
interrupt and restart, completion, contextual help, input() and late output, and saved notebooks opened
untrusted. Run by io.procbook.conformance.BrowserIT (see suite.py for the environment)."""
import re
import unittest

from playwright.sync_api import expect

import output_checks
import scenarios
import shots
from notebook_ui import NotebookUI
from suite import KERNEL_DISPLAY_NAME, KERNEL_NAME, BrowserTest, module_fixture, tutorial_notebooks


class LabTest(BrowserTest):
    front_end = "lab"


setUpModule, tearDownModule = module_fixture("lab", LabTest)


class Launcher(LabTest):

    def test_launcher_shows_the_kernel_and_starts_a_notebook(self):
        self.page.goto(self.server.page_url("lab", reset=True))
        card = self.page.locator(f'.jp-LauncherCard[data-category="Notebook"][title="{KERNEL_DISPLAY_NAME}"]')
        expect(card).to_be_visible(timeout=120_000)
        expect(card.locator(".jp-LauncherCard-label")).to_have_text(KERNEL_DISPLAY_NAME)
        logo = card.locator("img")
        self.assertIn(f"/kernelspecs/{KERNEL_NAME}/logo-svg.svg", logo.get_attribute("src"))
        self.assertTrue(logo.evaluate("i => i.complete && i.naturalWidth > 0"), "the logo did not load")
        self.page.screenshot(path=str(self.artifact("launcher.png")))

        card.click()
        self.page.wait_for_url(re.compile(r"/lab/tree/.+\.ipynb"))
        path = self.page.url.split("/lab/tree/", 1)[1].split("?", 1)[0]
        ui = NotebookUI(self.server, self.page, path, "lab")
        ui.wait_kernel_idle()
        expect(self.page.locator(".jp-NotebookPanel-toolbar .jp-KernelName")).to_have_text(KERNEL_DISPLAY_NAME)
        i = ui.run_new_cell("6 * 7")
        expect(ui.cell(i).locator(".jp-OutputArea")).to_have_text(re.compile(r"\s*(\[\d+\]:)?\s*42\s*"))
        # The kernel's help links (kernel_info_reply) in the Help menu.
        expect(ui.open_menu("Help").filter(has_text="JShell guide")).to_be_visible()
        self.page.keyboard.press("Escape")


class Controls(LabTest):

    def test_interrupt_stops_a_busy_loop_within_2_s(self):
        scenarios.interrupt(self)

    def test_restart_gives_a_new_kernel_and_leaves_no_child(self):
        scenarios.restart(self)

    def test_tab_shows_completions(self):
        scenarios.completion(self)

    def test_shift_tab_shows_javadoc(self):
        scenarios.contextual_help(self)

    def test_input_shows_a_box(self):
        scenarios.input_box(self)

    def test_late_background_lines_land_in_their_cell(self):
        scenarios.late_lines(self)


class RunAll(LabTest):
    """test_<notebook>: Run All in JupyterLab (added below, one per tutorial)."""


class Untrusted(LabTest):
    """test_<notebook>: the saved notebook opened untrusted (one per tutorial with monitor summaries)."""

    def test_the_tutorials_have_monitor_summaries_to_check(self):
        self.assertGreaterEqual(len([m for m in dir(self) if m.startswith("test_") and m[5:7].isdigit()]), 3,
                                "the saved tutorials should show the monitor's charts")


def add_notebook_tests():
    for source in tutorial_notebooks():
        name = re.sub(r"\W", "_", source.stem)
        setattr(RunAll, f"test_{name}", lambda self, s=source: scenarios.run_notebook(self, s))
        if output_checks.count_pictures(output_checks.read_notebook(source), output_checks.is_monitor_summary):
            setattr(Untrusted, f"test_{name}", lambda self, s=source: scenarios.open_untrusted(self, s))


add_notebook_tests()

if __name__ == "__main__":
    unittest.main(verbosity=2)
