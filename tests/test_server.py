"""The serving configuration: safe by default."""

import asyncio
import importlib
import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from toolkit.kernels import ConcurrentCullingKernelManager
from toolkit.server import (
    CSP,
    KERNEL_MANAGER,
    ServeOptions,
    is_loopback,
    kernel_transport,
    participant_url,
    singleuser_config,
    voila_command,
    voila_env,
)


def test_command_hides_tracebacks_uses_template_csp_and_culling():
    cmd = voila_command(ServeOptions(port=9000))
    joined = " ".join(cmd)
    assert "--template=privacykit" in cmd
    assert "--VoilaConfiguration.show_tracebacks=False" in cmd
    assert "--MappingKernelManager.cull_idle_timeout=600" in cmd
    tornado = json.loads(
        next(c for c in cmd if c.startswith("--Voila.tornado_settings=")).split("=", 1)[1]
    )
    assert tornado["headers"]["Content-Security-Policy"] == CSP
    assert "--port=9000" in cmd
    assert "--Voila.port_retries=0" in cmd  # never silently on another port
    assert "token" not in joined


def test_command_serves_small_pages():
    """Voila with compression and cache lifetimes, websocket deflate, no unused extensions."""
    cmd = voila_command(ServeOptions())
    assert cmd[1:3] == ["-m", "toolkit.web"]
    tornado = json.loads(
        next(c for c in cmd if c.startswith("--Voila.tornado_settings=")).split("=", 1)[1]
    )
    assert tornado["websocket_compression_options"] == {"mem_level": 5}
    assert '--VoilaConfiguration.extension_denylist=["jupyterlab_pygments"]' in cmd
    # kernels forked from a warmed parent, unless asked not to (and never under JupyterHub)
    fork = "--KernelProvisionerFactory.default_provisioner_name=kit-fork"
    assert fork in cmd
    assert fork not in voila_command(ServeOptions(fork_kernels=False))
    hub = singleuser_config()
    assert "KernelProvisionerFactory" not in hub
    assert hub["ServerApp"]["jpserver_extensions"]["toolkit.web"] is True
    assert hub["ServerApp"]["websocket_compression_options"] == {"mem_level": 5}
    assert hub["VoilaConfiguration"]["extension_denylist"] == ["jupyterlab_pygments"]


def test_csp_allows_only_self():
    assert "default-src 'self'" in CSP
    assert "connect-src 'self'" in CSP
    assert "http" not in CSP


def test_beyond_loopback_needs_a_token():
    with pytest.raises(ValueError, match="token"):
        ServeOptions(host="0.0.0.0")
    cmd = voila_command(ServeOptions(host="0.0.0.0", token="abc"))
    assert "--Voila.token=abc" in cmd


@pytest.mark.parametrize(
    ("host", "loop"),
    [
        ("127.0.0.1", True),
        ("127.5.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host, loop):
    assert is_loopback(host) is loop


def test_serve_refuses_lan_without_token():
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "serve", "--host", "0.0.0.0", "--no-token"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "token" in result.stderr


def test_participant_url_carries_token():
    assert participant_url("0.0.0.0", 8866, "t0k", "10.1.2.3") == "http://10.1.2.3:8866/?token=t0k"
    assert participant_url("127.0.0.1", 8866, None) == "http://127.0.0.1:8866/"


def test_template_dir_is_on_the_jupyter_path():
    env = voila_env({"JUPYTER_PATH": "/elsewhere"})
    first = env["JUPYTER_PATH"].split(":")[0]
    assert first.endswith("templates/jupyter")
    assert (__import__("pathlib").Path(first) / "voila/templates/privacykit/index.html.j2").exists()


def test_command_culls_with_the_concurrent_kernel_manager():
    cmd = voila_command(ServeOptions())
    assert f"--VoilaConfiguration.multi_kernel_manager_class={KERNEL_MANAGER}" in cmd
    # Unix sockets: kernels started together cannot race for a TCP port and die
    assert "--KernelManager.transport=ipc" in cmd  # on this machine /tmp is short
    assert kernel_transport("/tmp") == "ipc"
    assert kernel_transport("/var/folders/" + "x" * 60 + "/T") == "tcp"  # the path would not fit
    assert singleuser_config()["KernelManager"] == {"transport": "ipc"}
    module, _, name = KERNEL_MANAGER.rpartition(".")
    assert getattr(importlib.import_module(module), name) is ConcurrentCullingKernelManager


def test_culling_frees_every_idle_kernel_in_one_check(tmp_path, monkeypatch):
    """Three real kernels, idle past the timeout: one check stops all three, without grace."""
    parent = ConcurrentCullingKernelManager.__mro__[1]
    graceful = parent.shutdown_kernel
    shutdowns: list[bool] = []
    events: list[str] = []

    async def recording(self, kernel_id, now=False, restart=False):
        shutdowns.append(now)
        events.append("begin")
        try:
            return await graceful(self, kernel_id, now=now, restart=restart)
        finally:
            events.append("end")

    monkeypatch.setattr(parent, "shutdown_kernel", recording)

    async def run() -> list[str]:
        manager = ConcurrentCullingKernelManager(
            cull_idle_timeout=1, cull_interval=3600, connection_dir=str(tmp_path)
        )
        try:
            for _ in range(3):
                await manager.start_kernel()
            await asyncio.sleep(3)  # idle (started, nothing since) for longer than the timeout
            await manager.cull_kernels()
            return manager.list_kernel_ids()
        finally:
            await manager.shutdown_all(now=True)

    # in a thread of its own: the browser tests' Playwright keeps an event loop in this one
    with ThreadPoolExecutor(max_workers=1) as thread:
        assert thread.submit(asyncio.run, run()).result() == []
    assert shutdowns == [True, True, True]  # culled kernels stop at once, without grace
    assert events[:3] == ["begin"] * 3  # side by side: all begun before the first ended


def test_a_closed_page_stuck_busy_is_culled_and_an_open_page_is_kept_and_logged_once(
    tmp_path, caplog
):
    """Two real kernels idle past the timeout: one whose last status was lost ("busy", no page)
    is culled, as `make serve` and the hub configure it; one whose page is open stays, logged."""
    assert "--MappingKernelManager.cull_busy=True" in voila_command(ServeOptions())
    assert singleuser_config()["MappingKernelManager"]["cull_busy"] is True

    async def run() -> tuple[list[str], str, str]:
        manager = ConcurrentCullingKernelManager(
            cull_idle_timeout=1, cull_interval=3600, cull_busy=True, connection_dir=str(tmp_path)
        )
        try:
            stuck = await manager.start_kernel()
            open_page = await manager.start_kernel()
            await asyncio.sleep(3)
            manager.get_kernel(stuck).execution_state = "busy"
            manager._kernel_connections[open_page] = 1
            await manager.cull_kernels()
            await manager.cull_kernels()  # checked again: not logged again
            return manager.list_kernel_ids(), stuck, open_page
        finally:
            await manager.shutdown_all(now=True)

    with caplog.at_level("INFO"), ThreadPoolExecutor(max_workers=1) as thread:
        left, _stuck, open_page = thread.submit(asyncio.run, run()).result()
    assert left == [open_page]
    kept = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Kept kernel")]
    assert len(kept) == 1 and open_page in kept[0] and "1 page(s) connected" in kept[0]


def test_serve_prints_the_facilitators_address_apart_with_its_own_key(tmp_path):
    """`python -m toolkit serve`: a `Facilitator:` line whose key opens the facilitator's view."""
    import urllib.error
    import urllib.request

    from tools.harness import free_port, stop_process, wait_until_serving

    port = free_port()
    log = tmp_path / "serve.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "serve", "--port", str(port)],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_serving(f"http://127.0.0.1:{port}/voila/static/voila.js", process, log_path=log)
        text = log.read_text()
        app = re.search(r"Workshop app: (\S+)", text).group(1)
        facilitator = re.search(r"^Facilitator: (\S+)$", text, re.M).group(1)
        assert text.count("Facilitator:") == 1  # printed once, by `serve`, not again by Voila
        base, key = facilitator.split("#key=")
        assert base.startswith(app) and "kit-room/facilitator" in base and key
        login = base.split("?")[0] + "/login"

        def post(body: dict) -> int:
            request = urllib.request.Request(login, data=json.dumps(body).encode(), method="POST")
            try:
                return urllib.request.urlopen(request, timeout=10).status
            except urllib.error.HTTPError as error:
                return error.code

        assert post({"key": key}) == 200
        assert post({"key": key + "x"}) == 403
    finally:
        stop_process(process)
