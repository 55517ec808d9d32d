"""Starting and stopping the kit's servers for the tests and the benchmark, in one place.

Voila as `make serve` runs it, JupyterHub as `make hub` runs it, a free port, waiting until a
server answers, stopping it, and the Chromium that drives the pages. Used by tests/conftest.py, tests/test_hub.py, bench/run.py and bench/hub.py; the app
itself never imports this.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from toolkit.paths import ROOT
from toolkit.server import ServeOptions, voila_command, voila_env

HUB_CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
CHROMIUM = Path("/usr/bin/chromium")  # Debian's package
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(
    url: str, process: subprocess.Popen, timeout: float = 60, log_path: Path | None = None
) -> None:
    """Poll `url` until it answers; kill the process and raise RuntimeError if it never does.

    The error ends with the last lines of `log_path`, so a failed start says why.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - a loopback address
                return
        except OSError:
            exited = process.poll() is not None
            if exited or time.monotonic() > deadline:
                process.kill()
                what = "exited early" if exited else f"did not answer in {timeout:.0f} s"
                log = log_path.read_text(errors="replace")[-3000:] if log_path else ""
                raise RuntimeError(f"{url} {what}:\n{log}") from None
            time.sleep(0.2)


def stop_process(process: subprocess.Popen, timeout: float = 20) -> None:
    """Ask a server to stop; kill it if it has not stopped within `timeout` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def start_voila(opts: ServeOptions, log_path: Path | None = None) -> tuple[subprocess.Popen, str]:
    """Voila with the kit's configuration (`opts`); return the process and its URL once it answers.

    Its output goes to `log_path` (or nowhere).
    """
    output = log_path.open("w", encoding="utf-8") if log_path else subprocess.DEVNULL
    process = subprocess.Popen(
        voila_command(opts), cwd=ROOT, env=voila_env(), stdout=output, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{opts.port}/"
    wait_until_serving(url + "voila/static/voila.js", process, log_path=log_path)
    return process, url


def start_hub(state: Path, env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """JupyterHub with deploy/jupyterhub's configuration on 127.0.0.1, its state in `state`.

    `env` adds settings (HUB_CULL_TIMEOUT, ...); the log is state/hub.log. Returns the process
    and the hub's URL once it answers.
    """
    port = free_port()
    log_path = state / "hub.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyterhub", "-f", str(HUB_CONFIG)],
        cwd=state,
        env={
            **os.environ,
            "HUB_STATE_DIR": str(state),
            "HUB_PORT": str(port),
            "HUB_API_PORT": str(free_port()),
            "HUB_ROOM_PORT": str(free_port()),
            **(env or {}),
        },
        stdout=log_path.open("w", encoding="utf-8"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    wait_until_serving(url + "hub/health", process, timeout=90, log_path=log_path)
    return process, url
