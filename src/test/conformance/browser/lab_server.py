"""A private Jupyter server (JupyterLab 4 and Notebook 7 in one) for the browser tests.

It listens on 127.0.0.1 only, on a free port, behind a random token; it serves a notebook folder of its own and
keeps JupyterLab's settings and workspaces in its work folder, so a run touches nothing of the user's. The
Jupyter data, runtime and config folders and JUPYTER_PATH (which finds the procbook kernel installed under a
test prefix) come from the environment the caller gives.
"""
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

LAB_SETTINGS = {
    # A fresh JupyterLab would ask about these in a toast over the notebook (and fetch from the web).
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                      "checkForUpdates": False},
    # JupyterLab drops a kernel's completions that take longer than this (1 s by default); on a loaded
    # 2-core CI machine a correct answer can, and the answer, not the machine's load, is under test.
    "@jupyterlab/completer-extension/manager.jupyterlab-settings": {"providerTimeout": 5000},
    # The tests save when they have to read a notebook back; an autosave at the same moment would race with
    # that save on the server's backup file.
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}

RUNNING_LINE = re.compile(r"(http://127\.0\.0\.1:(\d+)/)\S*")


class ServerError(RuntimeError):
    pass


class LabServer:
    """One `jupyter lab` process; a context manager that starts it and stops it with every kernel it ran."""

    START_TIMEOUT_S = 120
    STOP_TIMEOUT_S = 30

    def __init__(self, work: Path, env=None):
        self.work = Path(work)
        self.root = self.work / "root"
        self.env = dict(os.environ if env is None else env)
        self.token = secrets.token_hex(16)
        self.url = None
        self.process = None
        self.log_path = self.work / "jupyter-server.log"
        self._log_thread = None

    # ---- lifecycle ----

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        self.root.mkdir(parents=True, exist_ok=True)
        settings = self.work / "lab-settings"
        for name, values in LAB_SETTINGS.items():
            path = settings / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        env = dict(self.env)
        env["JUPYTERLAB_SETTINGS_DIR"] = str(settings)
        env["JUPYTERLAB_WORKSPACES_DIR"] = str(self.work / "lab-workspaces")
        command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", "--port=0",
                   f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}",
                   "--LabApp.extension_manager=readonly", "--LabApp.news_url=None",
                   "--ServerApp.shutdown_no_activity_timeout=0"]
        if os.geteuid() == 0:  # CI runs as root; the server refuses that unless told
            command.append("--allow-root")
        self.process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, start_new_session=True)
        found = threading.Event()
        log = open(self.log_path, "w", encoding="utf-8")

        def pump():  # the server's log goes to a file; the first URL line it prints says it is ready
            with log:
                for line in self.process.stdout:
                    log.write(line)
                    log.flush()
                    m = RUNNING_LINE.search(line)
                    if m and not found.is_set():
                        self.url = m.group(1)
                        found.set()
            found.set()  # the server ended: stop waiting

        self._log_thread = threading.Thread(target=pump, name="jupyter-server-log", daemon=True)
        self._log_thread.start()
        if not found.wait(self.START_TIMEOUT_S) or self.url is None:
            self.stop()
            raise ServerError(f"jupyter lab did not start within {self.START_TIMEOUT_S} s:\n{self.log()}")

    def stop(self):
        """Asks the server to shut down (it stops its kernels first), then makes sure it and its group are gone."""
        if self.process is None:
            return
        if self.process.poll() is None and self.url:
            try:
                self.api("POST", "api/shutdown")
            except (OSError, urllib.error.URLError):
                pass  # already going; the waits below decide
        try:
            self.process.wait(self.STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(self.STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self._log_thread:
            self._log_thread.join(self.STOP_TIMEOUT_S)
        self.process = None

    def log(self):
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    # ---- addresses and the REST API ----

    def page_url(self, path, **query):
        """The browser address of PATH (e.g. 'lab/tree/x.ipynb') with the token and QUERY flags."""
        parts = [k if v is True else f"{k}={v}" for k, v in query.items()] + [f"token={self.token}"]
        return f"{self.url}{path}?{'&'.join(parts)}"

    def api(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={"Authorization": f"token {self.token}",
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            text = response.read().decode()
            return json.loads(text) if text else None

    def sessions(self):
        return self.api("GET", "api/sessions")

    def kernel_of(self, path):
        """The kernel model ({'id', 'execution_state', ...}) of the session that has notebook PATH open."""
        for s in self.sessions():
            if s.get("path") == path and s.get("kernel"):
                return s["kernel"]
        return None

    def shut_down_all_kernels(self):
        for s in self.sessions():
            self.api("DELETE", f"api/sessions/{s['id']}")
        for k in self.api("GET", "api/kernels"):
            self.api("DELETE", f"api/kernels/{k['id']}")

    def read_notebook(self, path):
        return self.api("GET", f"api/contents/{path}?content=1&type=notebook")["content"]

    def write_notebook(self, path, notebook):
        self.api("PUT", f"api/contents/{path}", {"type": "notebook", "format": "json", "content": notebook})
