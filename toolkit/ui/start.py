"""The start page: what the workshop is about, and which services the participant uses."""

from __future__ import annotations

from typing import Any

import ipywidgets as ipw
from ipywidgets.widgets.widget_bool import CheckboxStyle

from ..html import fragment
from ..i18n import t
from .base import StepView
from .common import Html

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


class StartView(StepView):
    """Welcome text, a service picker that feeds the next steps, and a button to begin.

    The model is the session's `services` list: the boxes follow it and write to it.
    """

    def __init__(self, session: Any) -> None:
        super().__init__(session)
        self._intro = Html()  # the welcome text and the picker's heading
        # One Layout and one style for all boxes: every widget model is a message to the
        # browser and a view to draw, and the start page is what a whole room loads at once.
        layout, style = ipw.Layout(), CheckboxStyle()
        self._picks = {
            service_id: ipw.Checkbox(
                value=False, description=label, indent=False, layout=layout, style=style
            )
            for service_id, label in START_SERVICES
        }
        for box in self._picks.values():
            self.on_change(box, self._on_pick)
        self._begin = ipw.Button(button_style="primary", layout=ipw.Layout(width="auto"))
        self._begin.add_class("kit-begin")
        self.on_click(self._begin, self._on_begin)
        grid = ipw.GridBox(
            list(self._picks.values()),
            layout=ipw.Layout(grid_template_columns="repeat(auto-fill, minmax(150px, 1fr))"),
        )
        self.children = [self._intro, grid, self.messages, self._begin]
        self.add_class("kit-start")
        session.observe(self.guard(lambda _c: self._sync()), "services")
        self.relabel()

    @property
    def value(self) -> list[str]:
        """The service ids ticked on this page."""
        return [sid for sid, box in self._picks.items() if box.value]

    def _on_pick(self) -> None:
        others = [s for s in self.session.services if s not in self._picks]
        wanted = others + self.value
        if wanted != list(self.session.services):
            self.session.services = wanted

    def _sync(self) -> None:
        chosen = set(self.session.services)
        for sid, box in self._picks.items():
            if box.value != (sid in chosen):
                box.value = sid in chosen

    def _on_begin(self) -> None:
        """Open the objection step on the first ticked service that has no letter yet."""
        done = {entry["service"] for entry in self.session.letters}
        ticked = self.value
        focus = next((s for s in ticked if s not in done), ticked[0] if ticked else "")
        self.session.go("objection", focus_service=focus)

    def reset(self) -> None:
        """Untick every service (the session was cleared)."""
        self._sync()

    def relabel(self) -> None:
        """Labels in the interface language."""
        self._intro.value = fragment("start_intro.html.j2", self.lang)
        self._begin.description = t("start.begin", self.lang)
