"""Small shared widgets and helpers: messages, download links, labelled inputs."""

from __future__ import annotations

import base64
import html
import re
import unicodedata
from collections.abc import Callable
from typing import Any

import ipywidgets as ipw

from ..i18n import t

FULL_WIDTH = ipw.Layout(width="100%", max_width="640px")
LABEL_STYLE = {"description_width": "initial"}


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


def download_link(data: bytes, filename: str, mime: str, label: str) -> str:
    """An HTML link that downloads `data` in the browser; nothing is written on the server."""
    payload = base64.b64encode(data).decode("ascii")
    return (
        f'<a class="kit-download" download="{esc(filename)}" '
        f'href="data:{esc(mime)};base64,{payload}">{esc(label)}</a>'
    )


class Messages(ipw.HTML):
    """A visible message area (role=status) for confirmations and errors."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(value="", **kwargs)
        self.add_class("kit-messages")

    def show(self, text: str, kind: str = "info") -> None:
        """Show `text` (escaped); kind is 'info', 'ok' or 'error'."""
        colours = {"info": "#0b57d0", "ok": "#146c2e", "error": "#b3261e"}
        colour = colours.get(kind, colours["info"])
        role = "alert" if kind == "error" else "status"
        self.value = (
            f'<div role="{role}" class="kit-msg kit-msg-{esc(kind)}" '
            f'style="border-left:4px solid {colour};padding:4px 10px;margin:6px 0">'
            f"{esc(text)}</div>"
        )

    def clear(self) -> None:
        """Remove the message."""
        self.value = ""


def guarded(callback: Callable[..., Any], messages: Messages, lang: Callable[[], str]):
    """Wrap a widget callback so that an error becomes a visible message, never a traceback."""

    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return callback(*args, **kwargs)
        except Exception as error:
            messages.show(t("app.error", lang(), error=type(error).__name__), "error")
            return None

    return run


class ComingPanel(ipw.HTML):
    """An honest placeholder for a tool that is not built yet."""

    def __init__(self, session: Any, **_: Any) -> None:
        super().__init__()
        self._session = session
        session.observe(self._relabel, "lang")
        self._relabel()

    def _relabel(self, *_: Any) -> None:
        self.value = (
            f'<p class="kit-coming"><em>{esc(t("app.coming", self._session.lang))}</em></p>'
        )

    def reset(self) -> None:
        """Nothing to reset."""
