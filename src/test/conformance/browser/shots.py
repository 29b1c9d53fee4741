"""Screenshots: a whole notebook as a CI artifact, and the README gallery's pictures.

The gallery is a list of shots, each found by its notebook and a piece of its cell's source (not by cell
number, which moves when a notebook is edited). The JupyterLab test run takes them into the artifacts folder
(target/browser/gallery); gallery.py takes the same ones into notebooks/img.
"""
import re
from dataclasses import dataclass

from notebook_ui import CELLS
from output_checks import as_shown, carries_picture

MAX_PAGE_HEIGHT = 16000

# The notebook's scrolling panel: the nearest ancestor of a cell that scrolls. HIDDEN_HEIGHT_JS: how much of the
# notebook it hides; TO_TOP_JS scrolls it to the top and resolves once the page has been drawn again.
SCROLLER = """cell => {
  for (let e = cell.parentElement; e; e = e.parentElement) {
    const overflow = getComputedStyle(e).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && e.scrollHeight > e.clientHeight) return e;
  }
  return null;
}"""
HIDDEN_HEIGHT_JS = f"cell => {{ const e = ({SCROLLER})(cell); return e ? e.scrollHeight - e.clientHeight : 0; }}"
TO_TOP_JS = f"""cell => {{
  const e = ({SCROLLER})(cell);
  if (e) e.scrollTop = 0;
  return new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
}}"""


def whole_notebook(ui, path):
    """The whole notebook in one picture: the page is made as tall as the notebook for the shot."""
    page = ui.page
    size = page.viewport_size
    extra = page.locator(CELLS).first.evaluate(HIDDEN_HEIGHT_JS)
    page.set_viewport_size({"width": size["width"], "height": min(size["height"] + max(extra, 0),
                                                                   MAX_PAGE_HEIGHT)})
    try:
        page.locator(CELLS).first.evaluate(TO_TOP_JS)
        page.screenshot(path=str(path))
    finally:
        page.set_viewport_size(size)


def element(ui, target, path):
    """TARGET (a cell or an output) alone, whole: the page is made tall enough to show all of it at once."""
    page = ui.page
    size = page.viewport_size
    target.scroll_into_view_if_needed()
    height = target.evaluate("e => e.getBoundingClientRect().height")
    page.set_viewport_size({"width": size["width"], "height": min(max(size["height"], int(height) + 400),
                                                                   MAX_PAGE_HEIGHT)})
    try:
        target.scroll_into_view_if_needed()
        target.screenshot(path=str(path))
    finally:
        page.set_viewport_size(size)


@dataclass(frozen=True)
class Shot:
    """One gallery picture: FILE, from NOTEBOOK's cell whose source contains MARKER.

    live: taken while the cell runs, once its monitor shows a live table with at least two running rows;
    otherwise taken after the run, of the whole cell (part='cell') or of its first picture output
    (part='chart')."""
    file: str
    notebook: str
    marker: str
    part: str = "cell"
    live: bool = False


GALLERY = [
    Shot("monitor-live.png", "09-multicore.ipynb", "long spinMillis = 3000;", live=True),
    Shot("monitor-chart.png", "09-multicore.ipynb", "procs.add(new Process(", part="chart"),
    Shot("pool-output.png", "02-pools.ipynb", "Run longTimeTask(int name)", part="cell"),
    Shot("child-traceback.png", "12-futures.ipynb", "divide(1, 0)", part="cell"),
]


def cell_index(notebook, marker):
    for i, cell in enumerate(notebook["cells"]):
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        if cell["cell_type"] == "code" and marker in source:
            return i
    raise LookupError(f"no code cell contains {marker!r}")


class Gallery:
    """The gallery's shots of one notebook (NOTEBOOK_NAME; None: none), taken into FOLDER during and after a
    Run All."""

    def __init__(self, folder, notebook_name):
        self.folder = folder
        self.shots = [s for s in GALLERY if s.notebook == notebook_name]
        self.taken = []
        if self.shots:
            folder.mkdir(parents=True, exist_ok=True)

    def watchers(self, notebook):
        """For NotebookUI.run_all: the live shots, found in NOTEBOOK (the tutorial as saved)."""
        return [LiveWatcher(self, s, cell_index(notebook, s.marker)) for s in self.shots if s.live]

    def after_run(self, ui, model):
        """Takes the other shots from the finished run (MODEL: the notebook UI saved); the problems, one line
        each: a live shot that never came, a chart that is not there."""
        problems = []
        for shot in self.shots:
            if not shot.live:
                problems += filter(None, [self._take_after_run(ui, shot, model)])
            elif shot.file not in self.taken:
                problems.append(f"{shot.notebook}: the live monitor of the cell with {shot.marker!r} never "
                                f"showed two running rows while it ran")
        return problems

    def _take_after_run(self, ui, shot, model):
        i = cell_index(model, shot.marker)
        if shot.part == "chart":
            charts = [j for j, o in enumerate(as_shown(model["cells"][i].get("outputs", []))) if carries_picture(o)]
            if not charts:
                return f"{shot.notebook} cell {i}: no chart to take {shot.file} of"
            target = ui.output_element(i, charts[0])
        else:
            target = ui.cell(i)
        element(ui, target, self.folder / shot.file)
        self.taken.append(shot.file)
        return None


class LiveWatcher:
    """Takes SHOT of cell I for GALLERY as soon as the cell's live monitor shows two running rows, then once
    more (over the first) if they still run 1.5 s later, when their sparklines have something to show; on a
    machine too busy for that the first shot stays."""

    LATER_MS = 1500

    def __init__(self, gallery, shot, i, later=False):
        self.gallery, self.shot, self.i, self.later = gallery, shot, i, later
        rows = ("[...(document.querySelectorAll('" + CELLS + "')[" + str(i) + "] || document)"
                ".querySelectorAll('.jp-OutputArea-output tr')]"
                ".filter(r => [...r.cells].some(td => td.textContent.trim() === 'running')).length >= 2")
        if later:
            self.js = f"{rows} && performance.now() - window.procbookLiveSince >= {self.LATER_MS}"
        else:
            self.js = f"{rows} && (window.procbookLiveSince = performance.now(), true)"

    def take(self, ui):
        element(ui, ui.cell(self.i), self.gallery.folder / self.shot.file)
        if not self.later:
            self.gallery.taken.append(self.shot.file)
            return LiveWatcher(self.gallery, self.shot, self.i, later=True)
        return None
