"""The letter wizard's model: what the participant chose and typed, with no widgets.

The view links its widgets to these traits. Options that depend on other choices (the kinds a
service offers, the channels of a kind) are traits too, recomputed here when their inputs
change, so the view only follows: the order in which widgets are filled can no longer matter,
and relabelling the interface never changes a value.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from traitlets import Bool, HasTraits, Instance, List, Unicode, observe

from .. import authorities as places
from .. import data
from ..wizard import StepError, Wizard
from .compose import Letter, compose
from .model import LetterInputError, check_details
from .spec import (
    PLACE_FIELDS,
    SPECS,
    STEPS,
    channels_for,
    detail_fields,
    offered_kinds,
    required_fields,
    step_fields,
    step_of,
)
from .texts import LANGS as LETTER_LANGS


class LetterForm(HasTraits):
    """One letter being written: service, kind, channel, letter language and every detail."""

    service = Unicode("")
    kind = Unicode("")
    channel = Unicode("")
    letter_lang = Unicode("en")
    service_order = List(Unicode())  # the services offered, in the order shown
    authorities = List(Unicode())  # the authorities a complaint can go to (ids, by country)
    kinds = List(Unicode())  # the kinds the chosen service offers
    channels = List(Unicode())  # the channels of the chosen kind, best first
    # details (personal data: memory only)
    name = Unicode("")
    email = Unicode("")
    address = Unicode("")
    place = Unicode("")
    account_email = Unicode("")
    account_url = Unicode("")
    workspace_url = Unicode("")
    reasons = List(Unicode())
    direct_marketing = Bool(False)
    own_reason = Unicode("")
    is_owner = Bool(True)
    sent_on = Instance(date, allow_none=True)
    reference = Unicode("")
    answer = Unicode("")
    authority = Unicode("")
    # where the participant lives (Art. 77(1)): picks the authority of their residence
    country = Unicode("")
    region = Unicode("")
    countries = List(Unicode())  # ISO codes of the EU/EEA states
    regions = List(Unicode())  # the German Länder when the country is DE, else empty

    def __init__(self, records: dict[str, dict] | None = None, **kwargs: Any) -> None:
        self.records = (
            records
            if records is not None
            else {sid: r for sid, r in data.records("services").items() if offered_kinds(r)}
        )
        self._authority_picked = False  # True once the participant chose an authority
        self._defaulting = False
        self._lang_picked = False  # True once the participant chose the letter language
        self._proposing = False
        super().__init__(**kwargs)
        self._lang_picked = False  # the language given here is the page's, not a choice
        self.authorities = sorted(data.records("authorities"))
        self.countries = [row["code"] for row in places.countries("en")]
        self.offer([])
        self.letter: Letter | None = None
        self.wizard = Wizard(STEPS, self.validate, self._finish)
        if not self.service and self.service_order:
            self.service = self.service_order[0]
        names = [n for n in detail_fields_all() if n not in ("country", "region")]
        self.observe(self._edited, names=[*names, "service", "kind", "channel"])

    def offer(self, picked: list[str]) -> None:
        """Offer the services `picked` (on the start page) first, then the rest by name."""
        first = [s for s in picked if s in self.records]
        rest = sorted(
            (s for s in self.records if s not in first),
            key=lambda s: self.records[s]["name"].casefold(),
        )
        self.service_order = [*first, *rest]

    # --- derived options -------------------------------------------------------------------
    @observe("service")
    def _service_changed(self, _change: Any = None) -> None:
        record = self.records.get(self.service)
        offered = offered_kinds(record) if record else []
        self.kinds = offered
        if self.kind not in offered:
            self.kind = offered[0] if offered else ""
        self._channels_changed()
        self._default_authority()

    @observe("country", "region")
    def _place_changed(self, change: Any) -> None:
        if change.name == "country":
            self.regions = (
                [row["code"] for row in places.regions(self.country)] if self.country else []
            )
            if self.region not in self.regions:
                self.region = ""
        self._authority_picked = False  # a new home: propose its authority again
        self._default_authority()

    def local_authority(self) -> str:
        """The authority of the participant's residence (Art. 77(1)), or '' if not known yet."""
        if not self.country or (self.regions and not self.region):
            return ""
        try:
            return places.local_id(self.country, self.region or None)
        except places.PlaceError:
            return ""

    def _default_authority(self) -> None:
        """Propose the local authority, else the company's lead authority (until one is picked)."""
        record = self.records.get(self.service)
        if self._authority_picked or not record:
            return
        lead = record["lead_authority"]
        proposed = self.local_authority() or (lead if lead in self.authorities else "")
        self._defaulting = True
        try:
            self.authority = proposed
        finally:
            self._defaulting = False

    @observe("kind", "is_owner")
    def _channels_changed(self, _change: Any = None) -> None:
        record = self.records.get(self.service)
        if not record or not self.kind:
            self.channels = []
            self.channel = ""
            return
        available = channels_for(self.kind, record, self.is_owner)
        self.channels = available
        if self.channel not in available:
            self.channel = available[0] if available else ""

    @observe("authority")
    def _authority_changed(self, change: dict) -> None:
        if not self._defaulting:
            self._authority_picked = bool(change["new"])
        self._propose_language()

    @observe("letter_lang")
    def _letter_lang_changed(self, _change: dict) -> None:
        if not self._proposing:
            self._lang_picked = True

    @observe("kind")
    def _kind_for_language(self, _change: dict) -> None:
        self._propose_language()

    def _propose_language(self) -> None:
        """A complaint goes in a language its authority takes (until the participant picks one).

        Authorities list the languages they take complaints in (data/authorities/, sourced);
        one that does not read the letter's language may ask for a translation. A language the
        participant chose stays: the letter then notes the authority's languages instead.
        """
        if self.kind != "complaint" or self._lang_picked or not self.authority:
            return
        record = data.records("authorities").get(self.authority)
        spoken = [code for code in (record or {}).get("languages", ()) if code in LETTER_LANGS]
        if spoken and self.letter_lang not in spoken:
            self._proposing = True
            try:
                self.letter_lang = spoken[0]
            finally:
                self._proposing = False

    def _edited(self, change: Any) -> None:
        """An edit drops the letter made before, clears its own error, recomputes the states."""
        self.letter = None
        if change.name in self.wizard.errors:
            self.wizard.errors = {k: v for k, v in self.wizard.errors.items() if k != change.name}
        self.wizard.refresh()

    # --- values and validation -------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """The details `compose()` takes for the chosen kind (and nothing else)."""
        if self.kind not in SPECS:
            return {}
        return {
            name: getattr(self, name)
            for name in detail_fields(self.kind)
            if name not in PLACE_FIELDS
        }

    def validate(self, step: str) -> dict[str, LetterInputError]:
        """Every problem with the fields of `step`, at once: {field: error} (empty when fine)."""
        if step == "service":
            errors = {}
            if self.service not in self.records:
                errors["service"] = LetterInputError("service", "required")
            elif self.kind not in self.kinds:
                errors["kind"] = LetterInputError("kind", "required")
            elif self.channel not in self.channels:
                errors["channel"] = LetterInputError("channel", "required")
            return errors
        if self.kind not in SPECS:
            return {}
        values = self.values()
        _, errors = check_details(values, required=required_fields(self.kind, values))
        shown = step_fields(self.kind, step)
        if "authority" in shown and self.authority not in self.authorities:
            errors["authority"] = LetterInputError("authority", "unknown-authority")
        return {name: error for name, error in errors.items() if name in shown}

    def compose(self, made_on: date | None = None) -> Letter:
        """The letter for what is filled in now (raises LetterInputError naming a field)."""
        return compose(
            self.kind,
            service=self.service,
            lang=self.letter_lang,
            channel=self.channel,
            made_on=made_on,
            **self.values(),
        )

    def _finish(self) -> None:
        try:
            letter = self.compose()
        except LetterInputError as error:
            raise StepError(step_of(self.kind, error.field), {error.field: error}) from None
        self.letter = letter

    def clear_details(self) -> None:
        """Forget everything the participant typed (shared laptops); choices stay."""
        for name in detail_fields_all():
            trait = self.traits()[name]
            self.set_trait(name, trait.default())
        self._authority_picked = False
        self._service_changed()
        self.letter = None
        self.wizard.restart()


def detail_fields_all() -> tuple[str, ...]:
    """Every detail field of every kind (what clearing forgets)."""
    names: list[str] = []
    for kind in SPECS:
        names += [n for n in detail_fields(kind) if n not in names]
    return tuple(names)
