"""A notebook open in a real browser, driven as a person drives it: menus, toolbar buttons and keys.

JupyterLab 4 and Notebook 7 show the same notebook widget (same cells, prompts, output areas and toolbar
commands); only the address that opens a notebook differs. Every wait is Playwright's (a condition evaluated in
the page until it holds or a deadline passes; where the condition is the server's, it is asked again every
POLL_MS), never a fixed pause.
"""
import re
import time
import urllib.parse

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

PANEL = ".jp-NotebookPanel"
CELLS = f"{PANEL} .jp-Notebook .jp-Cell"
PROMPT_NUMBER = re.compile(r"^\[(\d+)\]:$")

INDICATOR_IDLE_JS = """() => {
  const ind = document.querySelector('.jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator');
  return !!ind && ind.dataset.status === 'idle';
}"""
POLL_MS = 250

# A run of the whole notebook has ended: nothing queued or running ('[*]:'), the kernel idle, and something ran.
RUN_ENDED_JS = """() => {
  const ind = document.querySelector('.jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator');
  const prompts = [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt')]
      .map(p => p.textContent.trim());
  return !!ind && ind.dataset.status === 'idle' && !prompts.some(p => p.includes('*'))
      && prompts.some(p => /^\\[\\d+\\]:$/.test(p));
}"""

CELL_DONE_JS = """(i) => {
  const c = document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell')[i];
  const p = c && c.querySelector('.jp-InputPrompt');
  return !!p && /^\\[\\d+\\]:$/.test(p.textContent.trim());
}"""

# What each output shows: its MIME type as rendered, and its text node by node without the text drawn inside
# an <svg> (a chart's labels are pictures there; the same labels as plain text are what "run-on" means).
OUTPUTS_JS = """(i) => {
  const c = document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell')[i];
  if (!c) return null;
  return [...c.querySelectorAll('.jp-OutputArea-child')].map(child => {
    const out = child.querySelector('.jp-OutputArea-output');
    const texts = [];
    const walk = document.createTreeWalker(out || child, NodeFilter.SHOW_TEXT, {acceptNode: n =>
        n.parentElement && n.parentElement.closest('svg') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
    for (let n = walk.nextNode(); n; n = walk.nextNode()) if (n.textContent.trim()) texts.push(n.textContent);
    return {mime: out ? out.dataset.mimeType || '' : '', texts};
  });
}"""

# The pictures an output shows, measured once it is on screen (cells off screen are not laid out).
PICTURES_JS = """(out) => [...out.querySelectorAll('img, svg')].map(p => {
  const r = p.getBoundingClientRect();
  return {tag: p.tagName.toLowerCase(), width: r.width, height: r.height,
          loaded: p.tagName.toLowerCase() !== 'img' || (p.complete && p.naturalWidth > 0)};
})"""


class NotebookUI:
    """One notebook in one browser page, in JupyterLab ('lab') or Notebook 7 ('notebook')."""

    def __init__(self, server, page, path, front_end):
        self.server = server
        self.page = page
        self.path = path
        self.front_end = front_end

    @classmethod
    def open(cls, server, page, path, front_end="lab", timeout_s=120):
        if front_end == "lab":
            page.goto(server.page_url(f"lab/tree/{path}", reset=True))  # reset: no tabs of an earlier test
        else:
            page.goto(server.page_url(f"notebooks/{path}"))
        page.wait_for_selector(CELLS, timeout=timeout_s * 1000)
        ui = cls(server, page, path, front_end)
        ui.wait_kernel_idle(timeout_s)
        return ui

    # ---- the kernel ----

    def wait_kernel_idle(self, timeout_s=120):
        """Waits until the notebook's kernel is connected and idle: the toolbar's indicator says idle and so
        does the server's record of the notebook's session (the indicator alone reads idle for a moment
        before the page has asked for a kernel)."""
        deadline = time.monotonic() + timeout_s
        while True:
            self.page.wait_for_function(INDICATOR_IDLE_JS, polling=POLL_MS,
                                        timeout=max(1, deadline - time.monotonic()) * 1000)
            kernel = self.server.kernel_of(self.path)
            if kernel and kernel.get("execution_state") == "idle" and self.page.evaluate(INDICATOR_IDLE_JS):
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.path}: no idle kernel after {timeout_s} s (server: {kernel})")
            self.page.wait_for_timeout(POLL_MS)

    def toolbar_button(self, command):
        return self.page.locator(f'.jp-NotebookPanel-toolbar jp-button[data-command="{command}"]')

    def interrupt(self):
        self.toolbar_button("notebook:interrupt-kernel").click()

    def restart(self):
        """The toolbar's restart button, then the dialog's confirming button."""
        self.toolbar_button("notebook:restart-kernel").click()
        dialog = self.page.locator(".jp-Dialog")
        dialog.locator(".jp-Dialog-button.jp-mod-accept").click()
        expect(dialog).to_have_count(0)

    # ---- menus ----

    def menu(self, top, item):
        self.open_menu(top)
        self.page.locator(".lm-Menu-item", has=self.page.locator(".lm-Menu-itemLabel", has_text=re.compile(
            f"^{re.escape(item)}$"))).first.click()

    def open_menu(self, top):
        """Opens menu TOP of the menu bar; returns the locator of its item labels."""
        self.page.locator(".lm-MenuBar-item", has=self.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(
            f"^{re.escape(top)}$"))).click()
        return self.page.locator(".lm-Menu-content .lm-Menu-itemLabel")

    def run_all(self, timeout_s=600, watchers=()):
        """Clears every output (so that only this run's are seen), runs all cells, and waits for the run's end.

        WATCHERS: objects with `js`, a JavaScript expression, and `take(ui)`: while the run goes on, each
        watcher's take is called once, as soon as its expression holds in the page (for screenshots of live
        output); a take may return a further watcher."""
        self.menu("Edit", "Clear Outputs of All Cells")
        self.menu("Run", "Run All Cells")
        pending = list(watchers)
        deadline = time.monotonic() + timeout_s
        while True:
            checks = "".join(f"if ({w.js}) return 'watcher {k}';\n" for k, w in enumerate(pending))
            try:
                which = self.page.wait_for_function(f"() => {{ {checks} return ({RUN_ENDED_JS})() ? 'ended' : false; }}",
                                                    polling="raf",
                                                    timeout=max(1, deadline - time.monotonic()) * 1000).json_value()
            except PlaywrightTimeout:
                raise AssertionError(f"{self.path}: Run All did not end within {timeout_s} s; prompts "
                                     f"{self.prompts()}") from None
            if which == "ended":
                return
            follow_up = pending.pop(int(which.split()[1])).take(self)
            if follow_up:
                pending.append(follow_up)

    def save(self, timeout_s=60):
        """The toolbar's save button; returns once the server has answered the save (the file is written whole:
        a read during the write would see a half-written file)."""
        url_part = f"/api/contents/{urllib.parse.quote(self.path)}"
        with self.page.expect_response(lambda r: r.request.method == "PUT" and url_part in r.url,
                                       timeout=timeout_s * 1000) as saved:
            self.toolbar_button("docmanager:save").click()
        if not saved.value.ok:
            raise AssertionError(f"{self.path}: the save failed: {saved.value.status} {saved.value.text()}")

    # ---- cells ----

    def cell(self, i):
        return self.page.locator(CELLS).nth(i)

    def cell_count(self):
        return self.page.locator(CELLS).count()

    def prompts(self):
        return [p.strip() for p in self.page.locator(f"{CELLS} .jp-InputPrompt").all_text_contents()]

    def prompt_number(self, i):
        m = PROMPT_NUMBER.match(self.cell(i).locator(".jp-InputPrompt").text_content().strip())
        return int(m.group(1)) if m else None

    def outputs(self, i):
        """[{'mime', 'texts'}] for each output of cell I, in the order shown."""
        return self.page.evaluate(OUTPUTS_JS, i)

    def output_text(self, i):
        return self.cell(i).locator(".jp-OutputArea").text_content()

    def output_element(self, i, j):
        return self.cell(i).locator(".jp-OutputArea-child").nth(j).locator(".jp-OutputArea-output")

    def pictures(self, i, j):
        """The images and SVG drawings output J of cell I shows, with their size on screen."""
        out = self.output_element(i, j)
        out.scroll_into_view_if_needed()
        return out.evaluate(PICTURES_JS)

    def type_in_new_cell(self, code):
        """Puts CODE into a new empty cell at the end (the one Shift+Enter left, or a new one); its index."""
        last = self.cell_count() - 1
        if self.cell(last).locator(".cm-content").text_content().strip():
            self.cell(last).locator(".jp-InputPrompt").click()  # select it in command mode
            self.page.keyboard.press("b")                       # insert a cell below
            expect(self.page.locator(CELLS)).to_have_count(last + 2)
            last += 1
        editor = self.cell(last).locator(".cm-content")
        editor.click()
        self.page.keyboard.insert_text(code)
        return last

    def run_new_cell(self, code, wait=True, timeout_s=120):
        i = self.type_in_new_cell(code)
        self.page.keyboard.press("Shift+Enter")
        if wait:
            self.wait_cell_done(i, timeout_s)
        return i

    def wait_cell_done(self, i, timeout_s=120):
        self.page.wait_for_function(CELL_DONE_JS, arg=i, polling=POLL_MS, timeout=timeout_s * 1000)
