"""What a reader must see in a notebook's outputs, checked against the notebook's model (its .ipynb).

The model says what the kernel sent (an error, a stream to stderr, a picture); the page says what the reader
sees. A picture the kernel sent must be seen as a picture: an <img> that loaded or an <svg>, at a readable size,
and never as its labels run together as text (what an untrusted front end shows of an SVG chart whose tags it
removed: "0 %100 %200 %0 s2 s...").
"""
import html
import json
import re

MIN_PICTURE_WIDTH = 200
MIN_PICTURE_HEIGHT = 100
SVG_TEXT = re.compile(r"<text\b[^>]*>(.*?)</text>", re.S)


def read_notebook(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def joined(value):
    return "".join(value) if isinstance(value, list) else (value or "")


def code_cells(notebook):
    return [(i, c) for i, c in enumerate(notebook["cells"]) if c["cell_type"] == "code"]


def problems_in_model(notebook):
    """Error outputs, stderr text and code cells that did not run, one line each."""
    found = []
    for i, cell in code_cells(notebook):
        if joined(cell["source"]).strip() and cell.get("execution_count") is None:
            found.append(f"cell {i} did not run")
        for out in cell.get("outputs", []):
            if out["output_type"] == "error":
                found.append(f"cell {i}: error {out.get('ename')}: {out.get('evalue')}\n"
                             + strip_ansi("\n".join(out.get("traceback", []))))
            elif out["output_type"] == "stream" and out.get("name") == "stderr":
                found.append(f"cell {i}: stderr: {joined(out.get('text'))}")
    return found


def strip_ansi(text):
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def chart_labels(output):
    """The text labels of the SVG an output carries (alone or inside its HTML), in drawing order."""
    data = output.get("data", {})
    svg = joined(data.get("image/svg+xml"))
    if not svg:
        markup = joined(data.get("text/html"))
        start = markup.find("<svg")
        svg = markup[start:markup.find("</svg>", start)] if start >= 0 else ""
    return [html.unescape(t).strip() for t in SVG_TEXT.findall(svg)]


def carries_picture(output):
    """The kernel sent a picture: an image MIME type (a monitor summary's chart). Small drawings inside HTML,
    such as a live table's sparklines, are decoration, not a picture of their own."""
    return any(mime.startswith("image/") for mime in output.get("data", {}))


def is_monitor_summary(output):
    """A picture from procbook's monitor (its text form starts with the monitor's name)."""
    return carries_picture(output) and joined(output["data"].get("text/plain")).startswith("procbook monitor")


def as_shown(outputs):
    """OUTPUTS as a front end shows them: consecutive stream outputs of one stream are one output area."""
    shown = []
    for out in outputs:
        last = shown[-1] if shown else None
        if (out["output_type"] == "stream" and last and last["output_type"] == "stream"
                and last.get("name") == out.get("name")):
            shown[-1] = dict(last, text=joined(last.get("text")) + joined(out.get("text")))
        else:
            shown.append(out)
    return shown


def run_on_text(texts, labels):
    """The first text node that holds two consecutive chart labels run together, or None."""
    pairs = [a + b for a, b in zip(labels, labels[1:]) if a and b]
    for text in texts:
        flat = " ".join(text.split())
        for pair in pairs:
            if " ".join(pair.split()) in flat:
                return flat[:160]
    return None


def picture_problems(ui, notebook, what, checked=carries_picture):
    """Each output of NOTEBOOK that carries a picture (of those CHECKED selects) must show one on the page, not
    its text; one line per failure. WHAT names the notebook in messages."""
    found = []
    for i, cell in code_cells(notebook):
        outputs = as_shown(cell.get("outputs", []))
        shown = ui.outputs(i)
        if shown is None or len(shown) != len(outputs):
            found.append(f"{what} cell {i}: the page shows {0 if shown is None else len(shown)} outputs, "
                         f"the notebook has {len(outputs)}")
            continue
        for j, out in enumerate(outputs):
            if not checked(out):
                continue
            pictures = [p for p in ui.pictures(i, j) if p["loaded"]
                        and p["width"] >= MIN_PICTURE_WIDTH and p["height"] >= MIN_PICTURE_HEIGHT]
            if not pictures:
                found.append(f"{what} cell {i} output {j}: the chart is not shown as a picture (shown as "
                             f"{shown[j]['mime'] or '?'}: {' '.join(shown[j]['texts'])[:160]!r})")
            run_on = run_on_text(shown[j]["texts"], chart_labels(out))
            if run_on:
                found.append(f"{what} cell {i} output {j}: the chart's labels run together as text: {run_on!r}")
    return found


def is_monitor_output(output):
    """Any finished monitor display: a chart, or the one line it shows for work too small to chart."""
    return joined(output.get("data", {}).get("text/plain")).startswith("procbook monitor")


def count_pictures(notebook, counted=carries_picture):
    return sum(counted(o) for _, c in code_cells(notebook) for o in c.get("outputs", []))
