"""Download links whose files are made in the kernel when clicked, not on every redraw.

The comparison's XLSX (openpyxl, about 0.18 s), the plan's PDF (fpdf2, about 0.18 s) and each
letter's PDF were built on every redraw and shipped as base64 data: URIs in the widget state,
whether or not anyone downloaded them: CPU on a shared 2-core server and bytes on a shared Wi-Fi
for every filter change (measured in `make bench`, docs/performance.md). Here the page holds only
the links; a click asks the kernel for that one file over the widget's own channel, and the
browser saves it from a blob: URL made in the page. The file goes from the participant's kernel
to the participant's browser as before; nothing is written on the server.

Built on anywidget (plain ES module, no build step), like the copy button. ipywidgets has no
download widget; a data: URI link needs the bytes before the click, which is what this avoids.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

import anywidget
from traitlets import Unicode

from ..i18n import t
from .common import log, where

_LINK = re.compile(r'data-make="([^"]+)" data-filename="([^"]+)"')


class Made(NamedTuple):
    """How to make one file: its name, its MIME type and a function that returns its bytes."""

    filename: str
    mime: str
    make: Callable[[], bytes]


class Downloads(anywidget.AnyWidget):
    """Shows `value` (HTML from a template); its `a[data-make]` links fetch their file on click.

    `show(html, files)` sets the fragment and the files it links to, by key. A key the kernel
    does not hold (a hand-made message, a link from before a redraw that dropped it) gets the
    `failed_label` message in the page, never an error.
    """

    _esm = """
function save(msg, buffers) {
  const blob = new Blob(buffers.length ? [buffers[0]] : [], { type: msg.mime });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = msg.filename;
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function render({ model, el }) {
  const body = document.createElement("div");
  body.className = "kit-downloads-body";
  const status = document.createElement("p");
  status.className = "kit-download-status";
  status.setAttribute("role", "status");
  const draw = () => { body.innerHTML = model.get("value"); status.textContent = ""; };
  draw();
  model.on("change:value", draw);
  body.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[data-make]");
    if (!link || !body.contains(link)) { return; }
    event.preventDefault();
    link.setAttribute("aria-busy", "true");
    status.textContent = model.get("busy_label");
    model.send({ make: link.dataset.make });
  });
  model.on("msg:custom", (msg, buffers) => {
    const key = msg.made !== undefined ? msg.made : msg.failed;
    for (const link of body.querySelectorAll("a[aria-busy]")) {
      if (link.dataset.make === key) { link.removeAttribute("aria-busy"); }
    }
    if (msg.made === undefined) { status.textContent = model.get("failed_label"); return; }
    status.textContent = "";
    save(msg, buffers || []);
  });
  el.appendChild(body);
  el.appendChild(status);
}
export default { render };
"""
    _css = """
.kit-downloads-body a[aria-busy] { cursor: progress; opacity: 0.7; }
.kit-download-status { margin: 0.2em 0; min-height: 1.2em; }
.kit-download-status:empty { display: none; }
"""
    value = Unicode("").tag(sync=True)  # the HTML, named as ipywidgets.HTML names it
    busy_label = Unicode("…").tag(sync=True)
    failed_label = Unicode("").tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._files: dict[str, Made] = {}
        self.on_msg(self._on_message)

    def show(self, html: str, files: Mapping[str, Made], lang: str) -> None:
        """Show `html` and hold how to make the files its links name (by `data-make` key)."""
        self._files = dict(files)
        self.busy_label = t("dl.busy", lang)
        self.failed_label = t("dl.failed", lang)
        self.value = html

    def clear(self) -> None:
        """No links, no files held."""
        self._files = {}
        self.value = ""

    def links(self) -> dict[str, str]:
        """key -> file name of every on-click link in the HTML shown now (as the page sees it)."""
        return dict(_LINK.findall(self.value))

    def files(self) -> dict[str, bytes]:
        """file name -> bytes of every link shown now, made as a click would make them."""
        return {name: self._files[key].make() for key, name in self.links().items()}

    def make(self, key: str) -> tuple[str, bytes]:
        """The file behind `key`: (filename, bytes). KeyError for a key not held."""
        made = self._files[key]
        return made.filename, made.make()

    def _on_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        key = content.get("make") if isinstance(content, dict) else None
        made = self._files.get(key) if isinstance(key, str) else None
        if made is None:
            self.send({"failed": key if isinstance(key, str) else ""})
            return
        try:
            data = made.make()
        except Exception as error:  # a broken file must not break the page
            # where, never what: the message of an error could carry the participant's text
            log.warning(
                "%s making a %s download at %s", type(error).__name__, made.mime, where(error)
            )
            self.send({"failed": key})
            return
        self.send({"made": key, "filename": made.filename, "mime": made.mime}, buffers=[data])
