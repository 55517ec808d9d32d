"""The room as a JupyterHub service (`make hub`): the store where every participant's server
can reach it, since each participant then has a server of their own.

JupyterHub starts it (deploy/jupyterhub/jupyterhub_config.py) with its own API token and
JUPYTERHUB_SERVICE_URL / JUPYTERHUB_SERVICE_PREFIX; the hub's proxy puts it at
/services/room/. Participants' servers pass their pages' actions on with the room key
(toolkit/room/setup.py `install_in_server`), their kernels send counts with it, and the
facilitator's view is /services/room/facilitator with the facilitator's key. The store is
this process's memory: stopping the hub ends it.

    python -m toolkit.room.service   (environment as above, plus KIT_ROOM_KEY,
                                      KIT_FACILITATOR_KEY and KIT_JOIN_URL)
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from urllib.parse import urlsplit

from tornado.web import Application

from .content import new_store
from .handlers import RoomKeys, room_handlers


def make_app(prefix: str, keys: RoomKeys, join_url: str) -> Application:
    """The service's tornado application: the keyed door and the facilitator's view."""
    return Application(room_handlers(prefix, new_store(), keys, join_url))


async def _serve() -> None:
    url = urlsplit(os.environ["JUPYTERHUB_SERVICE_URL"])
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/room/")
    keys = RoomKeys(room=os.environ["KIT_ROOM_KEY"], facilitator=os.environ["KIT_FACILITATOR_KEY"])
    app = make_app(prefix, keys, os.environ.get("KIT_JOIN_URL", "/"))
    app.listen(url.port or 80, address=url.hostname or "127.0.0.1", xheaders=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):  # the hub stops its services with SIGTERM
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()


def main() -> int:
    """Run the room service until the hub stops it."""
    missing = [
        k
        for k in ("JUPYTERHUB_SERVICE_URL", "KIT_ROOM_KEY", "KIT_FACILITATOR_KEY")
        if not os.environ.get(k)
    ]
    if missing:
        print(
            f"toolkit.room.service needs {', '.join(missing)} (JupyterHub sets them)",
            file=sys.stderr,
        )
        return 2
    asyncio.run(_serve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
