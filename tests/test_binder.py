"""Binder: the README's link opens the app, built by repo2docker from the files at the root."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import unquote

import yaml
from conftest import free_port

from toolkit.paths import ROOT
from toolkit.server import TEMPLATE_NAME, binder_setup

BADGE = re.compile(r"https://mybinder\.org/v2/[^)\s]+\?urlpath=([^)\s]+)")


def _urlpath() -> str:
    found = BADGE.search((ROOT / "README.md").read_text(encoding="utf-8"))
    assert found, "README.md has no Binder link"
    return unquote(found.group(1))


def test_readme_binder_link_opens_the_workshop_notebook():
    urlpath = _urlpath()
    assert urlpath.startswith("voila/render/")
    assert (ROOT / urlpath.removeprefix("voila/render/")).is_file()


def test_repo2docker_reads_the_root_files():
    # A binder/ (or .binder/) folder, or a root Dockerfile, would make repo2docker ignore these.
    for hidden in ("binder", ".binder", "Dockerfile"):
        assert not (ROOT / hidden).exists(), hidden
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    names = [
        d.split("=")[0].split(">")[0].split("<")[0]
        for d in env["dependencies"]
        if isinstance(d, str)
    ]
    assert {"ipykernel", "voila", "jupyterlab", "ipywidgets"} <= set(names)
    post_build = ROOT / "postBuild"
    assert os.access(post_build, os.X_OK)
    assert "python -m toolkit binder-setup" in post_build.read_text()


def test_binder_setup_gives_voila_the_kits_page(tmp_path):
    """After postBuild, Jupyter Server renders the README's link with the kit's template."""
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    (config_dir / "jupyter_server_config.json").write_text('{"ServerApp": {"allow_root": true}}')
    written = binder_setup(config_dir, tmp_path / "data")
    assert all(path.exists() for path in written)
    kept = json.loads((config_dir / "jupyter_server_config.json").read_text())
    assert kept["ServerApp"]["allow_root"] is True  # what was there stays
    port, token = free_port(), "binder-test"
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(config_dir),
        "JUPYTER_PATH": str(tmp_path / "data"),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter_server", "--no-browser", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={ROOT}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/{_urlpath()}?token={token}"
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(url, timeout=60) as response:
                    page = response.read().decode("utf-8")
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "no server"
                time.sleep(0.5)
        # JupyterLab stays on for self-study
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/lab?token={token}", timeout=60
        ) as lab:
            assert lab.status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert '"kernelId"' in page  # the notebook ran in a kernel
    assert "from toolkit.ui import" not in page  # sources stripped
    assert "Run the cell below" not in page  # the lesson cell (tagged hide) is removed
    assert "font-awesome" not in page and "cdnjs" not in page  # the kit's template
    assert Path(written[1]).name == TEMPLATE_NAME
