"""Text helpers shared by letters, tables and views: escaping, cleaning input, safe file names.

Nothing here imports ipywidgets or pandas, so pure functions can use it without pulling a view in.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Bidirectional embedding/override/isolate controls: they can make a name read differently.
_BIDI = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C])


def esc(text: object) -> str:
    """HTML-escape any text before it goes into an HTML widget (quotes included)."""
    return html.escape(str(text), quote=True)


def safe_filename(stem: str, extension: str, fallback: str = "letter") -> str:
    """A download file name made only of safe characters, whatever the input was.

    Input such as '../../etc/passwd', control characters or 1 MB of text becomes a short
    name of letters, digits and dashes, so no browser or file system trips over it.
    """
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()[:60].strip("-")
    ext = re.sub(r"[^a-z0-9]", "", extension.lower())[:5]
    return f"{slug or fallback}.{ext}"


def clean_line(value: object) -> str:
    """One line of text: no control or bidi-override characters, whitespace collapsed."""
    text = unicodedata.normalize("NFC", str(value or "")).translate(_BIDI)
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)
    return re.sub(r"\s+", " ", text).strip()


def clean_block(value: object) -> str:
    """Multi-line text: lines kept, control and bidi-override characters removed."""
    text = unicodedata.normalize("NFC", str(value or "")).translate(_BIDI)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [clean_line(line) for line in text.split("\n")]
    return "\n".join(lines).strip()
