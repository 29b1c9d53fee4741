"""What the browser tests share: where things are, one Jupyter server and one Chromium per test module, and a
test case base class that gives each test a fresh page and keeps a screenshot of a failure.

Environment (set by io.procbook.conformance.BrowserIT; defaults for a run by hand from the repository):
  JUPYTER_PATH etc.     where the procbook kernel under test is installed (./install.sh --prefix P)
  PROCBOOK_NOTEBOOKS    the tutorial notebooks (default: notebooks/ of this repository)
  PROCBOOK_ARTIFACTS    where screenshots go (default: target/browser)
  PROCBOOK_WORK         a folder for the server's files (default: a new temporary folder)
  PROCBOOK_CHROMIUM     the Chromium to drive (default: Debian's chromium)
"""
import os
import shutil
import tempfile
import unittest
from pathlib import Path

from playwright.sync_api import sync_playwright

from lab_server import LabServer

REPO = Path(__file__).resolve().parents[4]
NOTEBOOKS = Path(os.environ.get("PROCBOOK_NOTEBOOKS", REPO / "notebooks"))
ARTIFACTS = Path(os.environ.get("PROCBOOK_ARTIFACTS", REPO / "target" / "browser"))
KERNEL_NAME = os.environ.get("PROCBOOK_KERNEL_NAME", "procbook")
KERNEL_DISPLAY_NAME = "Java (procbook)" if KERNEL_NAME == "procbook" else f"Java ({KERNEL_NAME})"
VIEWPORT = {"width": 1280, "height": 900}

# Debian's chromium: /usr/bin/chromium is a shell wrapper; the browser itself is under /usr/lib.
CHROMIUM_CANDIDATES = ["/usr/lib/chromium/chromium", "chromium", "chromium-browser"]


def chromium_path():
    given = os.environ.get("PROCBOOK_CHROMIUM")
    for candidate in [given] if given else CHROMIUM_CANDIDATES:
        found = shutil.which(candidate) or (candidate if os.access(candidate, os.X_OK) else None)
        if found:
            return found
    raise RuntimeError("no Chromium found (apt-get install chromium, or set PROCBOOK_CHROMIUM)")


def tutorial_notebooks():
    return sorted(p for p in NOTEBOOKS.glob("*.ipynb"))


class Fixture:
    """The server and browser of one test module; NAME prefixes its artifacts."""

    def __init__(self, name):
        self.name = name
        self.work = None
        self.server = None
        self.playwright = None
        self.browser = None

    def start(self):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        base = os.environ.get("PROCBOOK_WORK")
        if base:
            Path(base).mkdir(parents=True, exist_ok=True)
        self.work = Path(tempfile.mkdtemp(prefix="browser-", dir=base))
        self.server = LabServer(self.work)
        self.server.start()
        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(executable_path=chromium_path())

    def stop(self):
        if self.server is None:
            return
        try:
            if self.browser:
                self.browser.close()
            if self.playwright:
                self.playwright.stop()
        finally:
            self.server.stop()
            if self.server.log_path.exists():
                shutil.copy(self.server.log_path, ARTIFACTS / f"{self.name}-jupyter-server.log")
            shutil.rmtree(self.work, ignore_errors=True)

    def copy_notebook(self, source, name=None):
        """A copy of SOURCE in the server's folder (a run saves into it, never into the repository)."""
        target = self.server.root / (name or source.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
        return target.relative_to(self.server.root).as_posix()


def module_fixture(name, *classes):
    """setUpModule and tearDownModule for a test module whose test CLASSES share one Fixture called NAME."""
    fixture = Fixture(name)

    def set_up():
        for c in classes:
            c.fixture = fixture
        fixture.start()

    return set_up, fixture.stop


class BrowserTest(unittest.TestCase):
    """A test with its own browser page, in FRONT_END ('lab' or 'notebook'); kernels it started are shut down
    after it. FIXTURE is set by the module's setUpModule (module_fixture)."""

    fixture = None
    front_end = "lab"

    @property
    def server(self):
        return self.fixture.server

    def run(self, result=None):
        result = result if result is not None else self.defaultTestResult()
        self.context = self.fixture.browser.new_context(viewport=VIEWPORT)
        self.page = self.context.new_page()
        failures_before = len(result.failures) + len(result.errors)
        try:
            return super().run(result)
        finally:
            if len(result.failures) + len(result.errors) > failures_before:
                try:
                    self.page.screenshot(path=str(ARTIFACTS / f"FAILED-{self.fixture.name}-{type(self).__name__}-{self._testMethodName}.png"))
                except Exception as e:  # the failure is already reported; a missing picture must not hide it
                    print(f"(no failure screenshot: {e})")
            self.context.close()
            self.server.shut_down_all_kernels()

    def artifact(self, name):
        return ARTIFACTS / f"{self.fixture.name}-{name}"
