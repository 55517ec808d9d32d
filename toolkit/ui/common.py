"""Small shared widgets and helpers: messages, download links, labelled inputs."""

from __future__ import annotations

import base64
import functools
import logging
import sys
import traceback
from collections.abc import Callable
from typing import Any

import ipywidgets as ipw
import traitlets
from ipywidgets.widgets.widget_string import HTMLStyle

from ..html import bit
from ..i18n import t
from ..text import esc, safe_filename

__all__ = [
    "FULL_WIDTH",
    "LABEL_STYLE",
    "Html",
    "Messages",
    "data_uri",
    "esc",
    "guarded",
    "safe_filename",
]

FULL_WIDTH = ipw.Layout(width="100%", max_width="640px")
LABEL_STYLE = {"description_width": "initial"}


@functools.cache
def _html_style() -> HTMLStyle:
    return HTMLStyle()


class Html(ipw.HTML):
    """ipywidgets' HTML with one style model shared by all of them in a kernel.

    Every HTML widget otherwise brings its own HTMLStyle model: 38 of the 233 models the letters
    page sent, each one more message for the browser to receive and a view to build before the page
    is usable. The kit never changes an HTML widget's style, so one serves all (layouts are not
    shared: the kit shows and hides widgets through them).
    """

    @traitlets.default("style")
    def _default_style(self) -> HTMLStyle:
        return _html_style()


def data_uri(data: bytes, mime: str) -> str:
    """A data: URI for a download made in memory (nothing is written on the server)."""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


class Messages(Html):
    """A visible message area (role=status, or role=alert for errors)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(value="", **kwargs)
        self.add_class("kit-messages")

    def show(self, text: str, kind: str = "info") -> None:
        """Show `text` (escaped); kind is 'info', 'ok' or 'error'."""
        kind = kind if kind in ("info", "ok", "error") else "info"
        self.value = bit("message", text, kind)

    def clear(self) -> None:
        """Remove the message."""
        self.value = ""


log = logging.getLogger("toolkit.ui")
if not log.handlers:
    # The kernel's own stderr would show in the participant's page; the process's goes to the
    # server's log.
    _handler = logging.StreamHandler(sys.__stderr__)
    _handler.setFormatter(logging.Formatter("[privacy-kit] %(levelname)s %(message)s"))
    log.addHandler(_handler)
    log.propagate = False


def where(error: BaseException) -> str:
    """'file.py:123 in function' of the innermost frame of `error` (no values, no message)."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return "?"
    last = frames[-1]
    return f"{last.filename.rsplit('/', 1)[-1]}:{last.lineno} in {last.name}"


def report(error: BaseException, messages: Messages, lang: str, context: str) -> None:
    """Show `error` to the participant as a translated message and log it without their data."""
    log.warning("%s in %s at %s", type(error).__name__, context, where(error))
    messages.show(t("app.error", lang, error=type(error).__name__), "error")


def guarded(callback: Callable[..., Any], messages: Messages, lang: Callable[[], str]):
    """Wrap `callback` so that an error becomes a visible message, never a traceback."""
    name = getattr(callback, "__qualname__", repr(callback))

    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return callback(*args, **kwargs)
        except Exception as error:
            report(error, messages, lang(), name)
            return None

    return run
