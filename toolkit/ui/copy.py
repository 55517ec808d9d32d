"""A button that puts a text on the clipboard, in Voila and JupyterLab, with no outside request.

Built on anywidget (plain ES module, no build step). The browser code tries the Clipboard API
first; pages served on a LAN address over plain HTTP are not a "secure context", where that API
is missing, so it falls back to selecting a hidden text area and `document.execCommand("copy")`.
The text never leaves the participant's browser.
"""

from __future__ import annotations

import anywidget
from traitlets import Unicode


class CopyButton(anywidget.AnyWidget):
    """Copies `text` to the clipboard when pressed; says `done_label` for two seconds."""

    _esm = """
function copyWithSelection(text) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
  document.body.removeChild(area);
  return ok;
}

function render({ model, el }) {
  const button = document.createElement("button");
  button.className = "jupyter-button widget-button kit-copy";
  button.type = "button";
  const show = () => { button.textContent = model.get("label"); };
  show();
  model.on("change:label", show);
  button.addEventListener("click", async () => {
    const text = model.get("text");
    let ok = false;
    if (navigator.clipboard && window.isSecureContext) {
      try { await navigator.clipboard.writeText(text); ok = true; } catch (e) { ok = false; }
    }
    if (!ok) { ok = copyWithSelection(text); }
    button.textContent = ok ? model.get("done_label") : model.get("failed_label");
    setTimeout(show, 2000);
  });
  el.appendChild(button);
}
export default { render };
"""
    _css = """
.kit-copy { margin: 4px 0; min-height: 36px; padding: 0 12px; white-space: nowrap; width: auto; }
"""
    text = Unicode("").tag(sync=True)
    label = Unicode("Copy").tag(sync=True)
    done_label = Unicode("Copied").tag(sync=True)
    failed_label = Unicode("Select the text and copy it").tag(sync=True)
