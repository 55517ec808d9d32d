"""Where the kit's data and templates live (the repository root, or PRIVACY_KIT_ROOT)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("PRIVACY_KIT_ROOT") or Path(__file__).resolve().parent.parent)
DATA = ROOT / "data"
TEMPLATES = ROOT / "templates"
NOTEBOOKS = ROOT / "notebooks"
PACKAGE = Path(__file__).resolve().parent
FONTS = PACKAGE / "fonts"
