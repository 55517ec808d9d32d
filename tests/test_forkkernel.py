"""Kernels forked from a warmed parent (toolkit/forkkernel.py), driven by jupyter_client."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager

from toolkit.forkkernel import ForkedProcess, ForkServer, _launcher_argv

PROBE = (
    "import os, sys, random, comm\n"
    "print(repr((os.getppid(), 'pandas' in sys.modules, os.environ.get('QUERY_STRING'),"
    " 'jupyter.widget.control' in comm.get_comm_manager().targets, random.random())))"
)


def _spec_dir(tmp_path: Path) -> Path:
    """A kernelspec like ipykernel's own, with the fork provisioner named in its metadata."""
    folder = tmp_path / "kernels" / "kit-fork-test"
    folder.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "fork test",
        "language": "python",
        "metadata": {"kernel_provisioner": {"provisioner_name": "kit-fork"}},
    }
    (folder / "kernel.json").write_text(json.dumps(spec))
    return tmp_path / "kernels"


async def _execute(km: AsyncKernelManager, code: str) -> tuple[str, str]:
    """Run `code`; return (its stdout, the reply's status)."""
    client = km.client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=60)
        out: list[str] = []
        reply = await client.execute_interactive(
            code,
            timeout=60,
            output_hook=lambda msg: out.append(msg["content"].get("text", "")),
        )
        return "".join(out), reply["content"]["status"]
    finally:
        client.stop_channels()


def _in_thread(coro):
    # its own event loop: the browser tests' Playwright keeps one in this thread
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coro).result()


def test_forked_kernels_start_warm_with_their_own_env_and_state(tmp_path):
    specs = KernelSpecManager(kernel_dirs=[str(_spec_dir(tmp_path))])

    async def run():
        found, pids = [], []
        for query in ("lang=de", "lang=en"):
            km = AsyncKernelManager(kernel_name="kit-fork-test", kernel_spec_manager=specs)
            await km.start_kernel(env={**os.environ, "QUERY_STRING": query}, cwd=str(tmp_path))
            try:
                pids.append(km.provisioner.pid)
                text, status = await _execute(km, PROBE)
                assert status == "ok"
                found.append(eval(text))  # noqa: S307 - the repr of a tuple we printed
            finally:
                await km.shutdown_kernel(now=False)
            assert not await km.is_alive()
        return found, pids

    found, pids = _in_thread(run())
    fork_server = ForkServer._instance
    assert fork_server is not None
    for (parent, pandas, query, widgets, _), expected in zip(
        found, ("lang=de", "lang=en"), strict=True
    ):
        assert parent == fork_server.process.pid  # a fork, not a new Python of ours
        assert pandas  # imported once, in the parent
        assert query == expected  # the request's environment (Voila passes ?lang= this way)
        assert widgets  # ipywidgets' comm targets are there: the page can draw widgets
    assert found[0][4] != found[1][4]  # each kernel has its own random state
    for pid in pids:  # shut down and reaped: no process, no zombie
        assert ForkedProcess(pid).poll() == 0


def test_an_interrupt_reaches_a_forked_kernel(tmp_path):
    specs = KernelSpecManager(kernel_dirs=[str(_spec_dir(tmp_path))])

    async def run() -> str:
        km = AsyncKernelManager(kernel_name="kit-fork-test", kernel_spec_manager=specs)
        await km.start_kernel()
        try:
            client = km.client()
            client.start_channels()
            await client.wait_for_ready(timeout=60)
            client.execute("import time; time.sleep(60)")
            await asyncio.sleep(1.5)
            await km.interrupt_kernel()
            while True:
                msg = await client.get_shell_msg(timeout=30)
                if msg["msg_type"] == "execute_reply":
                    client.stop_channels()
                    return msg["content"].get("ename", msg["content"]["status"])
        finally:
            await km.shutdown_kernel(now=True)

    assert _in_thread(run()) == "KeyboardInterrupt"


@pytest.mark.parametrize(
    ("cmd", "argv"),
    [
        ([sys.executable, "-m", "ipykernel_launcher", "-f", "k.json"], ["-f", "k.json"]),
        ([sys.executable, "-m", "other_kernel", "-f", "k.json"], None),
        (["/usr/bin/other-python3", "-m", "ipykernel_launcher", "-f", "k.json"], None),
    ],
)
def test_only_this_pythons_ipykernel_is_forked(cmd, argv):
    assert _launcher_argv(cmd) == argv


def test_kernels_and_fork_server_leave_with_a_killed_server(tmp_path):
    """Voila killed outright (no shutdown): its fork server and forked kernels go too."""
    import signal
    import time
    import urllib.request

    from toolkit.paths import ROOT
    from toolkit.server import ServeOptions
    from tools.harness import free_port, start_voila

    def children(pid: int) -> set[int]:
        found = set()
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(stat[1]) == pid:
                    found.add(int(entry.name))
        return found

    opts = ServeOptions(port=free_port(), notebook=ROOT / "bench" / "baseline.ipynb")
    process, url = start_voila(opts, tmp_path / "voila.log")
    try:
        with urllib.request.urlopen(url, timeout=120) as response:  # starts a kernel
            assert response.status == 200
        fork_servers = children(process.pid)
        kernels = set().union(*(children(pid) for pid in fork_servers))
        assert len(fork_servers) == 1 and len(kernels) == 1
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    deadline = time.monotonic() + 30
    while any(ForkedProcess(pid).poll() is None for pid in fork_servers | kernels):
        assert time.monotonic() < deadline, "a fork server or kernel outlived its Voila"
        time.sleep(0.2)


def test_a_live_kernel_is_not_taken_for_gone_when_proc_cannot_be_read(monkeypatch):
    """Out of file descriptors, /proc cannot be read: the kernel is asked, and is alive."""
    import errno
    import os
    from pathlib import Path

    def no_descriptors(self, *args, **kwargs):
        raise OSError(errno.EMFILE, "Too many open files")

    monkeypatch.setattr(Path, "read_text", no_descriptors)
    assert ForkedProcess(os.getpid()).poll() is None  # this process: alive
    assert ForkedProcess(2**22 + 1).poll() == 0  # above pid_max: no such process
