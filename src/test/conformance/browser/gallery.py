"""Retakes the README gallery (notebooks/img/*.png) in JupyterLab, from a fresh run of the notebooks it shows.

Usage, from the repository, after `mvn -o -q -DskipTests package`:
  ~/.cache/procbook-browser-tests/bin/python src/test/conformance/browser/gallery.py [--out DIR] [--jar JAR]

It installs target/procbook.jar under a temporary prefix (./install.sh --prefix), starts a private JupyterLab on
127.0.0.1, runs each notebook the gallery (shots.GALLERY) draws from, takes the shots the browser tests take,
and stops and removes everything it started. Exit status 1 if a shot could not be taken.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[4]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "notebooks" / "img")
    parser.add_argument("--jar", type=Path, default=REPO / "target" / "procbook.jar")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="procbook-gallery-"))
    try:
        prefix = work / "prefix"
        install = subprocess.run(["./install.sh", "--prefix", str(prefix), "--jar", str(args.jar)], cwd=REPO,
                                 capture_output=True, text=True)
        if install.returncode != 0:
            print(install.stdout + install.stderr)
            return 1
        for name, folder in [("JUPYTER_DATA_DIR", "data"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                             ("JUPYTER_CONFIG_DIR", "config")]:
            os.environ[name] = str(work / folder)
        os.environ["JUPYTER_PATH"] = str(prefix / "share" / "jupyter")
        os.environ["PROCBOOK_WORK"] = str(work / "browser")
        os.environ["PROCBOOK_ARTIFACTS"] = str(work / "artifacts")
        return take_gallery(args.out)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def take_gallery(out):
    # After the environment is set: suite reads it when imported.
    import shots
    from notebook_ui import NotebookUI
    from output_checks import read_notebook
    from suite import NOTEBOOKS, VIEWPORT, Fixture

    fixture = Fixture("gallery")
    fixture.start()
    problems = []
    try:
        for name in dict.fromkeys(s.notebook for s in shots.GALLERY):
            context = fixture.browser.new_context(viewport=VIEWPORT)
            try:
                page = context.new_page()
                path = fixture.copy_notebook(NOTEBOOKS / name)
                ui = NotebookUI.open(fixture.server, page, path, "lab")
                gallery = shots.Gallery(out, name)
                ui.run_all(900, watchers=gallery.watchers(read_notebook(NOTEBOOKS / name)))
                ui.save()
                problems += gallery.after_run(ui, fixture.server.read_notebook(path))
                print(f"{name}: {', '.join(gallery.taken) or 'nothing'} -> {out}")
            finally:
                context.close()
                fixture.server.shut_down_all_kernels()
    finally:
        fixture.stop()
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
