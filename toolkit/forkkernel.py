"""Kernels forked from one warmed parent: imports paid once, their memory pages shared.

Starting a participant's kernel the usual way runs a new Python that imports ipykernel, IPython,
ipywidgets and the kit again, about 0.35 CPU-seconds of the 0.55 a page costs, and gives every
kernel its own copy of those modules in memory (pandas alone is about 45 MiB). Here one parent
process per server (the "fork server", started on first use) imports all of that once; each
kernel is a fork of it, so it starts with the modules loaded and shares their pages with every
other kernel until it writes to them (`gc.freeze()` keeps the collector from touching them).

`ForkProvisioner` is a jupyter_client kernel provisioner (registered as `kit-fork` in
pyproject.toml; `toolkit.server.voila_command` makes it the default, `make serve` and the
bench; not under JupyterHub, where each participant has a server of their own and a fork
server would only add a process): for the usual
`python -m ipykernel_launcher -f <file>` command it asks the fork server for a kernel, and
for any other command it starts a process as jupyter_client always does. The fork server
leaves when its Voila or Jupyter server is gone.

A forked kernel is a child of the fork server, not of the Jupyter server: it is watched through
/proc and signalled by pid (it leads its own session, as jupyter_client's kernels do).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from jupyter_client.provisioning import LocalProvisioner

# Imported once in the fork server: third-party packages only, so that a kernel always runs the
# kit's current code. pandas (the comparison and alternatives steps) and fpdf2 (downloads, the
# plan) too: a kernel that never opens those steps shares their pages at no cost.
WARM_MODULES = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "IPython",
    "ipywidgets",
    "jinja2",
    "yaml",
    "pandas",
    "openpyxl",
    "fpdf",
    "segno",
)
LAUNCHER = "ipykernel_launcher"


# --- the fork server (its own process) -------------------------------------------------------
def _warm(modules: tuple[str, ...] = WARM_MODULES) -> list[str]:
    """Import `modules`; return those that failed (a kernel then imports them itself)."""
    failed = []
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:
            failed.append(name)
    gc.collect()
    gc.freeze()  # the collector leaves these objects (and their pages) alone in every fork
    return failed


def _reap(*_: Any) -> None:
    """Collect exited kernels, so that no zombie is left for the server to wait on."""
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


def _run_kernel(argv: list[str], env: dict[str, str], cwd: str) -> None:
    """In the fork: become `python -m ipykernel_launcher <argv>` and never return."""
    code = 1
    try:
        os.setsid()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)
        # ipykernel leaves when its parent does: here the fork server (which leaves with Voila)
        os.environ["JPY_PARENT_PID"] = str(os.getppid())
        import random

        random.seed()  # each kernel its own random state, not the parent's
        sys.argv = [LAUNCHER, *argv]
        from ipykernel.kernelapp import IPKernelApp

        # parent_handle's default was read from the environment when the fork server imported
        # ipykernel, before there was a parent to watch: give it the fork server's pid.
        app = IPKernelApp.instance(parent_handle=os.getppid())
        app.initialize(argv)
        if "ipywidgets" in sys.modules:
            # ipywidgets registers its comm targets when imported in a kernel; here it was
            # imported before there was one.
            sys.modules["ipywidgets"]._handle_ipython()
        app.start()
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 0
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        os._exit(code)


def serve(socket_path: str) -> None:
    """The fork server: warm up, then fork a kernel for each request on `socket_path`."""
    parent = os.getppid()
    failed = _warm()
    if failed:
        print(f"[kit fork server] not preloaded: {', '.join(failed)}", file=sys.stderr)
    signal.signal(signal.SIGCHLD, _reap)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(socket_path)
    listener.listen(256)
    listener.settimeout(1.0)
    print("ready", flush=True)
    os.dup2(2, 1)  # from now on (and in every kernel) stdout is the server's stderr, not the pipe
    try:
        while os.getppid() == parent:  # the server that started us is still there
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                _reap()
                continue
            except InterruptedError:
                continue
            with conn:
                conn.settimeout(10)
                request = json.loads(conn.makefile("r", encoding="utf-8").readline())
                pid = os.fork()
                if pid == 0:
                    listener.close()
                    conn.close()
                    _run_kernel(request["argv"], request["env"], request["cwd"])
                conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
    except KeyboardInterrupt:
        pass
    finally:
        listener.close()
        with contextlib.suppress(OSError):
            os.unlink(socket_path)


# --- in the Jupyter server -------------------------------------------------------------------
class ForkServer:
    """The fork server of this Jupyter server process, started on first use."""

    _instance: ForkServer | None = None
    _starting: asyncio.Lock | None = None

    def __init__(self) -> None:
        folder = tempfile.mkdtemp(prefix="kitfork-")
        self.socket_path = os.path.join(folder, "s")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "toolkit.forkkernel", self.socket_path],
            stdout=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        line = self.process.stdout.readline() if self.process.stdout else ""
        if self.process.stdout:
            self.process.stdout.close()
        if line.strip() != "ready":
            self.process.kill()
            raise RuntimeError("the kernel fork server did not start")

    @classmethod
    async def get(cls) -> ForkServer:
        """The running fork server; the first call starts it (in a thread: it takes a second)."""
        if cls._starting is None:
            cls._starting = asyncio.Lock()
        async with cls._starting:
            if cls._instance is None or cls._instance.process.poll() is not None:
                cls._instance = await asyncio.to_thread(cls)
        return cls._instance

    async def fork(self, argv: list[str], env: dict[str, str], cwd: str) -> int:
        """A new kernel running `python -m ipykernel_launcher <argv>`; return its pid."""
        reader, writer = await asyncio.open_unix_connection(self.socket_path)
        try:
            request = {"argv": argv, "env": env, "cwd": cwd}
            writer.write(json.dumps(request).encode() + b"\n")
            await writer.drain()
            reply = json.loads(await asyncio.wait_for(reader.readline(), 30))
            return int(reply["pid"])
        finally:
            writer.close()


class ForkedProcess:
    """Enough of subprocess.Popen for jupyter_client, for a kernel that is not our child."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                state = (Path("/proc") / str(self.pid) / "stat").read_text().rsplit(")", 1)[1]
            except (FileNotFoundError, ProcessLookupError):
                state = " X"
            except OSError:
                # /proc unreadable for another reason (e.g. no file descriptor left under load):
                # ask the kernel instead, so that a live kernel is never taken for gone (it would
                # then be left running, unculled, when its page closes).
                try:
                    os.kill(self.pid, 0)
                    state = " S"
                except ProcessLookupError:
                    state = " X"
                except PermissionError:  # there, but not ours to signal
                    state = " S"
            if state.split()[0] in ("Z", "X"):  # gone, or exited and not yet reaped
                self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.05)
        return self.returncode or 0

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def _launcher_argv(cmd: list[str]) -> list[str] | None:
    """The arguments after `python -m ipykernel_launcher` in `cmd`, if that is what it runs."""
    if len(cmd) >= 3 and cmd[1:3] == ["-m", LAUNCHER] and Path(cmd[0]).name.startswith("python"):
        if os.path.realpath(cmd[0]) == os.path.realpath(sys.executable):
            return cmd[3:]
    return None


class ForkProvisioner(LocalProvisioner):
    """LocalProvisioner whose ipykernel kernels are forks of a warmed parent."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
        argv = _launcher_argv(cmd)
        if argv is None or not hasattr(os, "fork"):
            return await super().launch_kernel(cmd, **kwargs)
        env = kwargs.get("env") or dict(os.environ)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        pid = await (await ForkServer.get()).fork(argv, {k: str(v) for k, v in env.items()}, cwd)
        self.process = ForkedProcess(pid)
        self.pid = pid
        self.pgid = pid  # it called setsid()
        self.cwd = cwd
        return self.connection_info


if __name__ == "__main__":
    serve(sys.argv[1])
