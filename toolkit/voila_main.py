"""Start Voila with the kit's own server pages (the login "door"): `python -m toolkit.voila_main`.

Voila 0.5 renders Jupyter Server's login page from jupyter_server's template folder
(`DEFAULT_TEMPLATE_PATH_LIST`) and offers no setting for another one. This launcher puts the
kit's folder (templates/jupyter/server/, with a translated login.html) first in that same list
before Voila starts, so the page a participant sees without the access code says how to join.
Everything else is plain Voila, with the command line `toolkit.server.voila_command` builds.
"""

from __future__ import annotations

import sys

from .paths import TEMPLATES

SERVER_TEMPLATES = TEMPLATES / "jupyter" / "server"


def main() -> None:
    """Put the kit's server templates first, then run Voila's own main()."""
    import jupyter_server

    path = str(SERVER_TEMPLATES)
    if path not in jupyter_server.DEFAULT_TEMPLATE_PATH_LIST:
        jupyter_server.DEFAULT_TEMPLATE_PATH_LIST.insert(0, path)
    from voila.app import main as voila_main

    sys.exit(voila_main())


if __name__ == "__main__":
    main()
