"""JupyterHub for large events: every participant gets their own server, landing on the app.

Run it with `make hub` (one machine, for a lab or a test). Environment variables:
HUB_IP (127.0.0.1), HUB_PORT (8000), HUB_STATE_DIR (where the hub keeps its database and cookie
secret; default .hub/ in the repository), HUB_CULL_TIMEOUT (seconds idle before a participant's
server is stopped; default 900), HUB_CULL_EVERY (60), HUB_AUTH ("tmp": temporary accounts, or
"shared": one password from HUB_SHARED_PASSWORD), HUB_ROOM_PORT (8082: the room service, on
127.0.0.1), HUB_FACILITATOR_KEY (the facilitator's key; made up at each start when unset).

The spawner here is SimpleLocalProcessSpawner: every participant's server runs as the hub's own
user on this machine. That is fine for a test or a lab you control, and NOT isolation: for real
events use one container per participant (DockerSpawner, or KubeSpawner with deploy/kubernetes/).
"""

from __future__ import annotations

import json
import os
import secrets
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
STATE = Path(os.environ.get("HUB_STATE_DIR", ROOT / ".hub"))
STATE.mkdir(parents=True, exist_ok=True)
sys.path.insert(0, str(ROOT))

from toolkit.server import CSP, lan_address, singleuser_config  # noqa: E402 - as `make serve`

c = get_config()  # type: ignore[name-defined]  # noqa: F821 - provided by JupyterHub

c.JupyterHub.ip = os.environ.get("HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(os.environ.get("HUB_PORT", "8000"))
c.JupyterHub.hub_port = int(os.environ.get("HUB_API_PORT", "8081"))
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.ConfigurableHTTPProxy.command = [str(HERE / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.JupyterHub.tornado_settings = {
    "headers": {"Content-Security-Policy": CSP, "Referrer-Policy": "same-origin"}
}

# Sign-in: temporary accounts (one click), or one shared password for the room.
if os.environ.get("HUB_AUTH", "tmp") == "shared":
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = os.environ["HUB_SHARED_PASSWORD"]
else:
    c.JupyterHub.authenticator_class = "tmp"
c.Authenticator.allow_all = True  # tmpauthenticator fails with HTTP 500 without it

# Participants' servers: the workshop app through Voila's server extension, nothing else.
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "homes" / "{username}")
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
c.Spawner.notebook_dir = str(ROOT / "notebooks")
c.Spawner.default_url = "/voila/render/00-workshop.ipynb"
c.Spawner.environment = {
    # Kernels use Unix sockets (toolkit.server.singleuser_config), whose paths may have at most
    # 107 bytes: a runtime dir in the participant's home would be too long, so a short one.
    "JUPYTER_RUNTIME_DIR": lambda spawner: os.path.join(
        tempfile.gettempdir(), f"privacykit-hub-{spawner.user.id}"
    ),
    "JUPYTER_CONFIG_DIR": str(HERE / "singleuser"),
    "JUPYTER_PATH": str(ROOT / "templates" / "jupyter"),
    "PYTHONPATH": str(ROOT),
}
c.Spawner.http_timeout = 60
c.Spawner.start_timeout = 120

# Idle culling as a hub service (jupyterhub-idle-culler 2 wants --cull-users=true).
cull_timeout = int(os.environ.get("HUB_CULL_TIMEOUT", "900"))
cull_every = int(os.environ.get("HUB_CULL_EVERY", "60"))
# The room (toolkit/room/): its store as a service of its own, since every participant has a
# server of their own here. Participants' servers and kernels reach it directly with the room
# key; the facilitator's view is /services/room/facilitator with the facilitator's key (printed
# below and kept in HUB_STATE_DIR/facilitator-url.txt, readable by this user only).
room_port = int(os.environ.get("HUB_ROOM_PORT", "8082"))
room_key = secrets.token_urlsafe(24)
facilitator_key = os.environ.get("HUB_FACILITATOR_KEY") or secrets.token_urlsafe(18)
ANY_ADDRESS = ("0.0.0.0", "")  # noqa: S104 - the hub's own setting, read, not bound here
public_ip = c.JupyterHub.ip if c.JupyterHub.ip not in ANY_ADDRESS else lan_address() or "127.0.0.1"
public = f"http://{public_ip}:{c.JupyterHub.port}/"
facilitator = f"{public}services/room/facilitator?lang=en#key={facilitator_key}"
print(f"Facilitator: {facilitator}", flush=True)
facilitator_file = STATE / "facilitator-url.txt"
facilitator_file.touch(mode=0o600)
facilitator_file.chmod(0o600)  # also when an earlier run left it with other rights
facilitator_file.write_text(facilitator + "\n", encoding="utf-8")
room_url = f"http://127.0.0.1:{room_port}"
c.Spawner.environment.update(
    {"KIT_ROOM_URL": f"{room_url}/services/room/", "KIT_ROOM_KEY": room_key}
)

c.JupyterHub.services = [
    {
        "name": "room",
        "url": room_url,
        "command": [sys.executable, "-m", "toolkit.room.service"],
        "environment": {
            "KIT_ROOM_KEY": room_key,
            "KIT_FACILITATOR_KEY": facilitator_key,
            "KIT_JOIN_URL": public,
            "PYTHONPATH": str(ROOT),
        },
        "display": False,
    },
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={cull_timeout}",
            f"--cull-every={cull_every}",
            "--cull-users=true",
        ],
    },
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": [
            "list:users",
            "read:users:activity",
            "read:servers",
            "delete:servers",
            "admin:users",
        ],
        "services": ["idle-culler"],
    }
]

# The single-user servers read this (the same guarantees as `make serve`: toolkit/server.py).
# This machine's sessions and CI run as root; a real deployment runs containers.
(HERE / "singleuser").mkdir(exist_ok=True)
(HERE / "singleuser" / "jupyter_server_config.json").write_text(
    json.dumps(singleuser_config(allow_root=os.geteuid() == 0), indent=2) + "\n"
)
