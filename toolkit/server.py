"""How the kit is served: one Voila command line, used by `make serve`, the tests and the benchmark.

Everything that makes the page safe lives here, in one place: the template without CDN links,
the Content-Security-Policy, hidden tracebacks, idle-kernel culling, and a token whenever the
app is served beyond this machine; and what keeps it small on a shared Wi-Fi (toolkit/web.py:
compressed responses, cache lifetimes for static files).
"""

from __future__ import annotations

import ipaddress
import json
import os
import secrets
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .paths import NOTEBOOKS, TEMPLATES

# Widgets need inline scripts and eval (their view code); everything else is 'self' only.
CSP = "; ".join(
    [
        "default-src 'self'",
        # blob: for anywidget's browser code (the copy button), made in the page itself
        "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)
# No referrer to other hosts. Not "no-referrer": with it, the login form's POST goes out with
# "Origin: null", Jupyter refuses it as cross-origin and a pasted token gives 404.
REFERRER_POLICY = "same-origin"
TEMPLATE_NAME = "privacykit"
KERNEL_MANAGER = "toolkit.kernels.ConcurrentCullingKernelManager"
WEB_MODULE = "toolkit.web"
PROVISIONER = "kit-fork"  # toolkit.forkkernel.ForkProvisioner (pyproject.toml's entry point)
WEBSOCKET_COMPRESSION = {"mem_level": 5}
# JupyterLab extensions the page need not load: syntax colours for code cells, and the app
# shows no code (strip_sources).
UNUSED_EXTENSIONS = ["jupyterlab_pygments"]
TEMPLATE_ROOT = TEMPLATES / "jupyter"
DEFAULT_NOTEBOOK = NOTEBOOKS / "00-workshop.ipynb"


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and 'localhost'."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class ServeOptions:
    """What to serve and how. Culling times are in seconds."""

    host: str = "127.0.0.1"
    port: int = 8866
    notebook: Path = DEFAULT_NOTEBOOK
    token: str | None = None
    cull_idle_timeout: int = 600
    cull_interval: int = 60
    preheat: int = 0
    fork_kernels: bool = True  # kernels forked from a warmed parent (toolkit/forkkernel.py)
    extra: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not is_loopback(self.host) and not self.token:
            raise ValueError(
                f"serving on {self.host} (beyond this machine) needs a token; "
                "`python -m toolkit serve` makes one when none is given"
            )


def kernel_transport(tmp: str | None = None) -> str:
    """'ipc' (Unix sockets) when their paths fit, else 'tcp'.

    Voila keeps kernel connection files in a folder under the temp dir; a Unix socket path may
    have at most 107 bytes (/tmp/voila_abcdefgh/kernel-<uuid>-ipc-4 has about 60). Servers under
    JupyterHub keep them in JUPYTER_RUNTIME_DIR, which deploy/jupyterhub keeps short.
    """
    folder = tempfile.gettempdir() if tmp is None else tmp
    longest = os.path.join(folder, "voila_abcdefgh", f"kernel-{'0' * 36}-ipc-4")
    return "ipc" if len(longest.encode()) <= 107 else "tcp"


def voila_command(opts: ServeOptions) -> list[str]:
    """The full Voila command line for `opts`."""
    tornado = {
        "headers": {"Content-Security-Policy": CSP, "Referrer-Policy": REFERRER_POLICY},
        # Widget states and updates over the kernel websocket, deflated (tornado's
        # permessage-deflate; mem_level 5: about 150 KB of zlib state per open page).
        "websocket_compression_options": WEBSOCKET_COMPRESSION,
    }
    cmd = [
        sys.executable,
        "-m",
        # Voila plus compressed responses, cache lifetimes for static files and the kit's login
        # page, the door (toolkit/web.py)
        WEB_MODULE,
        str(opts.notebook),
        "--no-browser",
        f"--Voila.ip={opts.host}",
        f"--port={opts.port}",
        # A busy port is an error: Voila would otherwise serve on the next free one while the
        # address printed for participants (and the tests' and bench's URL) names this one.
        "--Voila.port_retries=0",
        f"--template={TEMPLATE_NAME}",
        "--VoilaConfiguration.show_tracebacks=False",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.file_allowlist=[]",
        f"--VoilaConfiguration.extension_denylist={json.dumps(UNUSED_EXTENSIONS)}",
        # Cells tagged "hide" (the lesson text) show in JupyterLab, not in the app.
        "--TagRemovePreprocessor.enabled=True",
        "--TagRemovePreprocessor.remove_cell_tags=hide",
        f"--Voila.tornado_settings={json.dumps(tornado)}",
        f"--MappingKernelManager.cull_idle_timeout={opts.cull_idle_timeout}",
        f"--MappingKernelManager.cull_interval={opts.cull_interval}",
        "--MappingKernelManager.cull_connected=False",
        # A closed page's kernel is culled even if it still counts as busy (toolkit/kernels.py).
        "--MappingKernelManager.cull_busy=True",
        # Kernels talk to the server over Unix sockets, not TCP ports: with TCP, kernels starting
        # together raced for the same free port, one died ("Address already in use"), and the
        # server then blocked for good in a send to it, for every participant (seen at 50 at once).
        f"--KernelManager.transport={kernel_transport()}",
        # Cull all idle kernels at once, so a room closing its tabs is freed on time.
        f"--VoilaConfiguration.multi_kernel_manager_class={KERNEL_MANAGER}",
    ]
    if opts.fork_kernels:
        # Kernels forked from one warmed parent (toolkit/forkkernel.py): imports paid once,
        # their memory pages shared between participants.
        cmd.append(f"--KernelProvisionerFactory.default_provisioner_name={PROVISIONER}")
    if opts.token:
        cmd.append(f"--Voila.token={opts.token}")
    if opts.preheat:
        cmd += ["--preheat_kernel=True", f"--pool_size={opts.preheat}"]
    return cmd + list(opts.extra)


def singleuser_config(*, allow_root: bool = False, root_dir: Path | None = None) -> dict:
    """A participant's Jupyter server under JupyterHub: the same guarantees as `voila_command`.

    Voila's server extension and nothing else (no JupyterLab, no terminals), the CSP, hidden
    tracebacks, the kit's template, lesson cells removed, idle kernels culled. Written as
    jupyter_server_config.json by deploy/jupyterhub/jupyterhub_config.py (`make hub`) and by
    deploy/kubernetes/singleuser_config.py (the participants' image).
    """
    server: dict = {
        "jpserver_extensions": {
            "voila": True,
            WEB_MODULE: True,  # compressed responses, static files' cache lifetimes
            "jupyterlab": False,
            "notebook": False,
            "nbclassic": False,
            "jupyter_lsp": False,
            "jupyter_server_terminals": False,
        },
        "terminals_enabled": False,
        "allow_root": allow_root,
        "kernel_manager_class": KERNEL_MANAGER,
        "websocket_compression_options": WEBSOCKET_COMPRESSION,
        "tornado_settings": {
            "headers": {"Content-Security-Policy": CSP, "Referrer-Policy": REFERRER_POLICY},
            # Under the server extension Voila falls back to MathJax from a CDN; None (as in
            # standalone Voila) loads nothing. The app shows no formulas.
            "mathjax_url": None,
            "mathjax_config": None,
        },
    }
    if root_dir is not None:
        server["root_dir"] = str(root_dir)
    return {
        "ServerApp": server,
        "VoilaConfiguration": {
            "template": TEMPLATE_NAME,
            "show_tracebacks": False,
            "strip_sources": True,
            "file_allowlist": [],
            "extension_denylist": UNUSED_EXTENSIONS,
        },
        "TagRemovePreprocessor": {"enabled": True, "remove_cell_tags": ["hide"]},
        # Unix sockets: on one machine, servers starting kernels together raced for TCP ports
        # (20 sign-ins at once under `make hub`). The runtime dir must be short (kernel_transport).
        "KernelManager": {"transport": "ipc"},
        "MappingKernelManager": {  # as `make serve` culls
            "cull_idle_timeout": ServeOptions.cull_idle_timeout,
            "cull_interval": ServeOptions.cull_interval,
            "cull_connected": False,
            "cull_busy": True,
        },
    }


def binder_setup(config_dir: Path, data_dir: Path) -> list[Path]:
    """Give Voila the kit's settings in a Jupyter install (Binder's postBuild).

    On Binder, Voila runs as a Jupyter Server extension beside JupyterLab (which stays on for
    self-study). This adds the kit's Voila settings (template, lesson cells hidden, no tracebacks,
    no MathJax from a CDN, culling) to <config_dir>/jupyter_server_config.json, keeping what else
    is there, and copies the template into <data_dir>/voila/templates/. No CSP header there:
    JupyterLab needs more than the app, and Binder is a public service on the internet anyway.
    """
    settings = singleuser_config()
    config_file = config_dir / "jupyter_server_config.json"
    config = json.loads(config_file.read_text(encoding="utf-8")) if config_file.exists() else {}
    for section in ("VoilaConfiguration", "TagRemovePreprocessor", "MappingKernelManager"):
        config[section] = {**config.get(section, {}), **settings[section]}
    # Voila's page would load MathJax from a CDN (JupyterLab uses its own copy).
    server = config.setdefault("ServerApp", {})
    tornado = settings["ServerApp"]["tornado_settings"]
    server["tornado_settings"] = {
        **server.get("tornado_settings", {}),
        "mathjax_url": tornado["mathjax_url"],
        "mathjax_config": tornado["mathjax_config"],
    }
    config_file.parent.mkdir(parents=True, exist_ok=True)
    config_file.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    target = data_dir / "voila" / "templates" / TEMPLATE_NAME
    shutil.copytree(
        TEMPLATE_ROOT / "voila" / "templates" / TEMPLATE_NAME, target, dirs_exist_ok=True
    )
    return [config_file, target]


def voila_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for Voila: our template directory first on the Jupyter path."""
    env = dict(os.environ if base is None else base)
    paths = [str(TEMPLATE_ROOT)] + [p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    env["JUPYTER_PATH"] = os.pathsep.join(paths)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def new_token() -> str:
    """A random token for serving on a LAN."""
    return secrets.token_urlsafe(16)


def participant_url(host: str, port: int, token: str | None, lan_address: str | None = None) -> str:
    """The URL participants open (with the token, if any)."""
    shown = lan_address or ("127.0.0.1" if host in ("0.0.0.0", "::") else host)  # noqa: S104
    if ":" in shown:
        shown = f"[{shown}]"
    query = f"?token={token}" if token else ""
    return f"http://{shown}:{port}/{query}"


def lan_address() -> str | None:
    """This machine's address on the local network, as other devices would reach it."""
    import socket

    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        # No packet is sent: connect() on UDP only picks the outgoing interface.
        probe.connect(("192.0.2.1", 9))
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") else address
