"""What one participant did in this session, kept in the kernel's memory only.

The session is the model every view shares: the language, the services picked, the letters
made, the alternatives chosen. Nothing in it is ever written to disk or logged; closing the tab
ends the kernel and with it the session.
"""

from __future__ import annotations

from datetime import date

from traitlets import Dict, HasTraits, List, Unicode, validate

from .i18n import normalize_lang


class Session(HasTraits):
    """State shared by the steps of the workshop app (no widgets here)."""

    lang = Unicode("en")
    services = List(Unicode())
    letters = List(Dict())
    alternatives = List(Unicode())
    focus_service = Unicode("")

    @validate("lang")
    def _valid_lang(self, proposal: dict) -> str:
        return normalize_lang(proposal["value"])

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

    def clear(self) -> None:
        """Forget everything the participant entered or picked (shared laptops)."""
        self.services = []
        self.letters = []
        self.alternatives = []
        self.focus_service = ""
