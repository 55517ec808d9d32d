"""Compose a letter for one service from its record, the participant's details and a template."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from .. import data
from ..paths import TEMPLATES
from ..text import safe_filename
from . import export
from .model import LetterInputError, add_month, clean_details, format_date
from .render import render_blocks

KINDS: tuple[str, ...] = (
    "objection-ai",
    "admin-optout",
    "follow-up",
    "complaint",
    "access",
    "erasure",
)
LANGS: tuple[str, ...] = ("en", "de")
_REQUIRED: dict[str, tuple[str, ...]] = {
    "objection-ai": ("name",),
    "admin-optout": ("name", "workspace_url"),
    "follow-up": ("name", "sent_on"),
    "complaint": ("name", "email", "sent_on"),
    "access": ("name",),
    "erasure": ("name",),
}


@cache
def _reasons() -> dict[str, dict[str, dict[str, str]]]:
    return data.read_yaml((TEMPLATES / "letters" / "reasons.yaml").read_text(encoding="utf-8"))


REASONS = tuple(_reasons())


def reason_choices(lang: str) -> list[tuple[str, str]]:
    """(label in `lang`, reason id) pairs for a guided choice of grounds."""
    return [(entry["label"][lang], rid) for rid, entry in _reasons().items()]


@dataclass(frozen=True)
class Recipient:
    """Where the letter goes: a form URL, an e-mail address and/or a postal address."""

    name: str
    email: str = ""
    url: str = ""
    address_lines: tuple[str, ...] = ()


@dataclass
class Letter:
    """A rendered letter with its channel and recipient; exports are built on demand."""

    kind: str
    lang: str
    service: str
    service_name: str
    channel: str
    recipient: Recipient
    subject: str
    body: str
    sender_name: str
    sender_email: str = ""
    sender_address: tuple[str, ...] = ()
    place: str = ""
    made_on: date = field(default_factory=date.today)
    blocks: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def deadline(self) -> date:
        """The day the answer is due: one month after sending (Art. 12(3) GDPR)."""
        return add_month(self.made_on)

    def text(self) -> str:
        """Subject and body as plain text."""
        return export.to_txt(self)

    def to_txt(self) -> bytes:
        """The letter as a UTF-8 text file."""
        return self.text().encode("utf-8")

    def to_eml(self) -> bytes:
        """An RFC 5322 message (UTF-8) to open in a mail program; it is never sent by the kit."""
        return export.to_eml(self)

    def to_pdf(self) -> bytes:
        """A printable letter for post (sender, recipient, place and date, subject, body)."""
        return export.to_pdf(self)

    def to_ics(self) -> bytes:
        """A calendar reminder one month after sending, to check the answer."""
        return export.to_ics(self)

    def mailto(self) -> str:
        """A mailto: link that opens the participant's mail program with this letter."""
        return export.mailto(self)

    def filename(self, extension: str) -> str:
        """A safe download name such as 'objection-ai-facebook-de.eml'."""
        return safe_filename(f"{self.kind}-{self.service}-{self.lang}", extension)


def _service(service_id: str) -> dict[str, Any]:
    record = data.records("services").get(str(service_id))
    if record is None:
        raise LetterInputError("service", "unknown-service")
    return record


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line for line in str(text).split("\n") if line and line != "unknown")


def _route(record: dict, *routes: str) -> dict | None:
    return next((r for r in record["opt_out"] if r["route"] in routes), None)


def _company(record: dict) -> str:
    return record["company"] if record["company"] != "unknown" else record["name"]


def channels_for(kind: str, record: dict, is_owner: bool = True) -> list[str]:
    """The channels that work for this kind of letter and service, best first."""
    if kind == "complaint":
        return ["letter", "email"]  # to an authority, whatever the company offers
    if kind == "admin-optout" and not is_owner:
        return ["message"]  # a member asks the workspace owner
    contact = record.get("privacy_contact") or {}
    has_address = bool(_lines(record["address"]))
    found: list[str] = []
    if kind == "objection-ai":
        form = _route(record, "form")
        if form and form.get("url"):
            found.append("form")
        if (_route(record, "email") or {}).get("email") or contact.get("email"):
            found.append("email")
    elif kind == "admin-optout":
        found.append("email")
    elif kind in ("follow-up", "access", "erasure"):
        if (_route(record, "email") or {}).get("email") or contact.get("email"):
            found.append("email")
        if contact.get("form"):
            found.append("form")
    if kind != "admin-optout" and has_address:
        found.append("letter")
    return found or ["letter"]


def _recipient(kind: str, channel: str, record: dict, details: Any) -> Recipient:
    contact = record.get("privacy_contact") or {}
    company = _company(record)
    address = _lines(record["address"])
    if kind == "complaint":
        authorities = data.records("authorities")
        authority_id = details.authority or record["lead_authority"]
        if authority_id not in authorities:
            raise LetterInputError("authority", "unknown-authority")
        auth = authorities[authority_id]
        return Recipient(
            auth["name"],
            auth.get("email", ""),
            auth.get("complaint_url", ""),
            _lines(auth["address"]),
        )
    if kind == "admin-optout":
        route = _route(record, "admin-email") or {}
        if not details.is_owner:
            return Recipient("workspace owner")
        return Recipient(company, route.get("email", ""), "", address)
    if channel == "form":
        url = (
            (_route(record, "form") or {}).get("url")
            if kind == "objection-ai"
            else contact.get("form")
        )
        return Recipient(company, "", url or "", address)
    if channel == "email":
        email = (_route(record, "email") or {}).get("email") or contact.get("email", "")
        return Recipient(company, email, "", address)
    return Recipient(company, "", "", address)


def compose(
    kind: str,
    *,
    service: str,
    lang: str = "en",
    channel: str | None = None,
    made_on: date | None = None,
    **details: Any,
) -> Letter:
    """Write a letter of `kind` to `service` in `lang` from the participant's `details`.

    details: name, email, address, place, account_email, account_url, workspace_url,
    reasons (ids from REASONS), own_reason, others_affected, sent_on, reference, answer,
    authority (an authority id, for complaints), is_owner (admin-optout).
    Raises LetterInputError naming the field when input cannot be used.
    """
    if kind not in KINDS:
        raise LetterInputError("kind", "unknown-kind")
    if lang not in LANGS:
        raise LetterInputError("lang", "unknown-language")
    record = _service(service)
    if kind not in record["letters"]["kinds"]:
        raise LetterInputError("kind", "not-for-this-service")
    required = _REQUIRED[kind]
    if kind == "admin-optout" and details.get("is_owner", True):
        required = (*required, "email")
    cleaned = clean_details(details, required=required)
    unknown = [r for r in cleaned.reasons if r not in _reasons()]
    if unknown:
        raise LetterInputError("reasons", "unknown-reason")
    available = channels_for(kind, record, cleaned.is_owner)
    chosen = channel or available[0]
    if chosen not in available:
        raise LetterInputError("channel", "channel-not-available")
    made_on = made_on or date.today()
    sent_on = cleaned.sent_on
    recipient = _recipient(kind, chosen, record, cleaned)
    company = _company(record)
    optout = _route(record, "admin-email") or {}
    context = {
        "lang": lang,
        "kind": kind,
        "channel": chosen,
        "today": format_date(made_on, lang),
        "place": cleaned.place,
        "sender": {
            "name": cleaned.name,
            "email": cleaned.email,
            "address_lines": cleaned.address_lines,
            "account_email": cleaned.account_email,
            "account_url": cleaned.account_url,
        },
        "service": {
            "id": service,
            "name": record["name"],
            "company": company,
            "address_lines": list(_lines(record["address"])),
            "website": record["website"],
        },
        "reasons": [_reasons()[r]["sentence"][lang] for r in cleaned.reasons],
        "own_reason": cleaned.own_reason,
        "others_affected": cleaned.others_affected,
        "workspace_url": cleaned.workspace_url,
        "sent_on": format_date(sent_on, lang) if sent_on else "",
        "deadline": format_date(add_month(sent_on), lang) if sent_on else "",
        "reference": cleaned.reference,
        "answer": cleaned.answer,
        "authority": {"name": recipient.name, "address_lines": list(recipient.address_lines)},
        "deadline_passed": bool(sent_on and add_month(sent_on) < made_on),
        "optout_email": optout.get("email", ""),
        "optout_subject": optout.get("subject", ""),
    }
    if kind == "complaint" and not cleaned.answer and not context["deadline_passed"]:
        cleaned.warnings.append("deadline-not-passed")
    blocks = render_blocks(kind, lang, context)
    subject = blocks.pop("subject")
    body = blocks.pop("body")
    if kind == "admin-optout" and not cleaned.is_owner:
        body = blocks["ask_owner"]
    blocks = {name: text for name, text in blocks.items() if text}
    return Letter(
        kind=kind,
        lang=lang,
        service=service,
        service_name=record["name"],
        channel=chosen,
        recipient=recipient,
        subject=subject,
        body=body,
        sender_name=cleaned.name,
        sender_email=cleaned.email,
        sender_address=tuple(cleaned.address_lines),
        place=cleaned.place,
        made_on=made_on,
        blocks=blocks,
        warnings=list(cleaned.warnings),
    )
