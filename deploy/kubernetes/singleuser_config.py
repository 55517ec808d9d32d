"""Write the participant image's jupyter_server_config.json (run by the Dockerfile beside this).

The settings come from `toolkit.server.singleuser_config`, the one place that also makes them
for `make hub`: Voila only, no JupyterLab or terminals, the CSP, the kit's template, culling.
In the image the server's root is the repository's notebooks/ folder (so that
`singleuser.defaultUrl` in config.yaml is /voila/render/00-workshop.ipynb), and it never runs
as root.

    python deploy/kubernetes/singleuser_config.py "$JUPYTER_CONFIG_DIR/jupyter_server_config.json"
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from toolkit.paths import NOTEBOOKS
from toolkit.server import singleuser_config


def image_config() -> dict:
    """The single-user server settings baked into the participants' image."""
    return singleuser_config(allow_root=False, root_dir=NOTEBOOKS)


def main(argv: list[str]) -> int:
    """Write the settings to the one path given."""
    if len(argv) != 1:
        print(f"usage: {Path(__file__).name} OUTPUT.json", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(image_config(), indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
