"""What one participant did in this session, kept in the kernel's memory only.

The session is the model every view shares: the language, the services picked, the letters
made, the alternatives chosen. Nothing in it is ever written to disk or logged; closing the tab
ends the kernel and with it the session.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from traitlets import Bool, Bunch, Dict, HasTraits, List, Unicode, observe, validate

from .i18n import as_read


class Session(HasTraits):
    """State shared by the steps of the workshop app (no widgets here).

    Navigation is state too: a view that wants the participant to go on (Begin, "object to
    this service") sets `step`; the app shell observes it and shows that step.
    """

    lang = Unicode("en")
    services = List(Unicode())
    letters = List(Dict())  # what was written (kind, service, language, channel, date)
    cases = Dict()  # service -> toolkit.case.Case: letters, answers and status (memory only)
    prefill = Dict()  # the next letter another step asks for: kind, sent_on, reference, answer
    documents = List()  # the letters themselves (Letter objects), one per kind and service
    alternatives = List(Unicode())
    settings_done = List(Unicode())  # services whose AI setting the participant switched off
    answered = List(
        Unicode()
    )  # services whose answer was read here (ids only: the room counts them)
    focus_service = Unicode("")  # a service another step asked the objection step to open
    steps = List(Unicode())  # the steps this app has
    step = Unicode("")  # the step shown; views ask for another by setting it, the shell follows

    # explanations in Easy English / Leichte Sprache (i18n.Easy), where the language has them
    easy = Bool(False)

    @validate("lang")
    def _valid_lang(self, proposal: dict) -> str:
        return as_read(proposal["value"], self.easy)

    @observe("easy")
    def _easy_changed(self, _change: dict) -> None:
        """Read the same language easily (or not): every view relabels as on a language switch.

        `Easy("de") == "de"`, so traitlets would see no change; the views are told anyway.
        """
        old = self.lang
        new = as_read(old, self.easy)
        self.set_trait("lang", new)
        self.notify_change(Bunch(name="lang", old=old, new=new, owner=self, type="change"))

    def go(self, step: str, focus_service: str = "") -> None:
        """Ask the shell to show `step` (if this app has it), optionally opening a service."""
        if step not in self.steps:
            return
        if focus_service:
            self.focus_service = focus_service
        self.step = step

    def add_letter(self, kind: str, service: str, lang: str, channel: str, made_on: date) -> None:
        """Remember that a letter was made (kind, service, channel, date: no personal data)."""
        entry = {
            "kind": kind,
            "service": service,
            "lang": lang,
            "channel": channel,
            "made_on": made_on.isoformat(),
        }
        self.letters = [e for e in self.letters if (e["kind"], e["service"]) != (kind, service)] + [
            entry
        ]

    def keep_letter(self, letter: Any) -> None:
        """Keep a letter made in this session (in memory only) for the plan and its downloads.

        One per kind and service, as in `letters`: a participant who switches the letter's
        language sends the letter in the new language, not both (the plan listed both, and the
        ZIP held two objections to one service).
        """
        key = (letter.kind, letter.service)
        self.documents = [d for d in self.documents if (d.kind, d.service) != key] + [letter]
        self.add_letter(letter.kind, letter.service, letter.lang, letter.channel, letter.made_on)

    def clear(self) -> None:
        """Forget everything the participant entered or picked (shared laptops)."""
        self.services = []
        self.letters = []
        self.documents = []
        self.cases = {}
        self.prefill = {}
        self.alternatives = []
        self.settings_done = []
        self.answered = []
        self.focus_service = ""
