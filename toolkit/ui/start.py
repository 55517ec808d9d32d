"""The start page: what the workshop is about, and which services the participant uses."""

from __future__ import annotations

from typing import Any

import ipywidgets as ipw
from ipywidgets.widgets.widget_bool import CheckboxStyle

from ..i18n import t
from .common import esc

# The services offered on the start page; their records live in data/services/.
# Names only (no pandas here): the start page must stay light.
START_SERVICES: tuple[tuple[str, str], ...] = (
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("whatsapp", "WhatsApp"),
    ("linkedin", "LinkedIn"),
    ("x", "X (Twitter)"),
    ("slack", "Slack"),
    ("google-gemini", "Google Gemini"),
    ("chatgpt", "ChatGPT"),
)


class StartView(ipw.VBox):
    """Welcome text, a service picker that feeds the next steps, and a button to begin."""

    def __init__(self, session: Any, app: Any = None) -> None:
        self._session = session
        self._app = app
        self._intro = ipw.HTML()  # the welcome text and the picker's heading
        # One Layout and one style for all boxes: every widget model is a message to the
        # browser and a view to draw, and the start page is what a whole room loads at once.
        layout, style = ipw.Layout(), CheckboxStyle()
        self._picks = [
            ipw.Checkbox(value=False, description=label, indent=False, layout=layout, style=style)
            for _, label in START_SERVICES
        ]
        for box, (service_id, _) in zip(self._picks, START_SERVICES, strict=True):
            box.service_id = service_id
            box.observe(self._on_pick, "value")
        self._begin = ipw.Button(button_style="primary", layout=ipw.Layout(width="auto"))
        self._begin.add_class("kit-begin")
        self._begin.on_click(self._on_begin)
        grid = ipw.GridBox(
            self._picks,
            layout=ipw.Layout(grid_template_columns="repeat(auto-fill, minmax(160px, 1fr))"),
        )
        super().__init__([self._intro, grid, self._begin])
        self.add_class("kit-start")
        session.observe(self._relabel, "lang")
        session.observe(self._sync, "services")
        self._relabel()

    @property
    def value(self) -> list[str]:
        """The service ids ticked on this page."""
        return [box.service_id for box in self._picks if box.value]

    def _on_pick(self, _change: dict) -> None:
        others = [s for s in self._session.services if s not in dict(START_SERVICES)]
        self._session.services = others + self.value

    def _sync(self, _change: dict) -> None:
        chosen = set(self._session.services)
        for box in self._picks:
            if box.value != (box.service_id in chosen):
                box.value = box.service_id in chosen

    def _on_begin(self, _button: Any) -> None:
        if self._app is not None and "objection" in self._app.steps:
            self._app.show("objection")

    def reset(self) -> None:
        """Untick every service."""
        for box in self._picks:
            box.value = False

    def _relabel(self, *_: Any) -> None:
        lang = self._session.lang
        items = "".join(
            f"<li>{esc(t('start.item.' + k, lang))}</li>"
            for k in ("objection", "compare", "alternatives", "plan")
        )
        self._intro.value = (
            f"<p>{esc(t('start.intro', lang))}</p><ul>{items}</ul>"
            f"<p><strong>{esc(t('start.services', lang))}</strong></p>"
        )
        self._begin.description = t("start.begin", lang)
