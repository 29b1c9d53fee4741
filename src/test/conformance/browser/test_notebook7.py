"""Notebook 7 with the procbook kernel, in Chromium: one tutorial notebook, interrupt and restart.
Run by io.procbook.conformance.BrowserIT (see suite.py for the environment)."""
import unittest

import scenarios
from suite import NOTEBOOKS, BrowserTest, module_fixture


class Notebook7(BrowserTest):
    front_end = "notebook"

    def test_01_processes_runs(self):
        scenarios.run_notebook(self, NOTEBOOKS / "01-processes.ipynb")

    def test_interrupt_stops_a_busy_loop_within_2_s(self):
        scenarios.interrupt(self)

    def test_restart_gives_a_new_kernel_and_leaves_no_child(self):
        scenarios.restart(self)


setUpModule, tearDownModule = module_fixture("notebook7", Notebook7)

if __name__ == "__main__":
    unittest.main(verbosity=2)
