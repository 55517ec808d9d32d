"""Small shared widgets and helpers: messages, download links, labelled inputs."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import ipywidgets as ipw

from ..i18n import t
from ..text import esc, safe_filename

__all__ = [
    "FULL_WIDTH",
    "LABEL_STYLE",
    "Messages",
    "download_link",
    "esc",
    "guarded",
    "safe_filename",
]

FULL_WIDTH = ipw.Layout(width="100%", max_width="640px")
LABEL_STYLE = {"description_width": "initial"}


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


def routes_html(routes: list[dict], lang: str) -> str:
    """Opt-out routes (steps already in `lang`) as an HTML list: route, link or address, steps."""
    items = []
    for route in routes:
        steps = "".join(f"<li>{esc(step)}</li>" for step in route["steps"])
        where = ""
        if route.get("url"):
            where += f' <a href="{esc(route["url"])}" target="_blank" rel="noopener noreferrer">{esc(route["url"])}</a>'
        if route.get("email"):
            where += f" <code>{esc(route['email'])}</code>"
        items.append(
            f"<li><strong>{esc(t('route.' + route['route'], lang))}</strong>{where}<ol>{steps}</ol></li>"
        )
    return f"<ul>{''.join(items)}</ul>"
