"""Compose a letter for one service from its record, the participant's details and a template."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from .. import data
from ..i18n import t
from ..paths import TEMPLATES
from ..text import safe_filename
from . import export
from .deadline import Due, answer_due, authority_news_due, follow_up_due
from .model import Details, LetterInputError, check_details, format_date
from .render import render_blocks
from .spec import (
    KINDS,
    SECOND_OBJECTION,
    FormBlocks,
    Recipient,
    channels_for,
    company,
    form_blocks_for,
    lines,
    recipient_for,
    required_fields,
)
from .spec import downloads as _downloads
from .spec import route as _route
from .texts import LANGS, reason_sentence
from .texts import name as letter_language_name


@cache
def _reasons() -> dict[str, Any]:
    return data.read_yaml((TEMPLATES / "letters" / "reasons.yaml").read_text(encoding="utf-8"))


REASONS = tuple(_reasons())


def reason_choices(lang: str) -> list[tuple[str, str]]:
    """(label in the interface language `lang`, reason id) pairs for a guided choice of grounds."""
    return [(t(f"reason.{rid}", lang), rid) for rid in REASONS]


@dataclass(frozen=True)
class Notice:
    """Something the participant should know about the letter, e.g. a field that was cut.

    `code` is 'cut' (the free-text `field` was shortened), 'deadline-not-passed' (a complaint
    before the company's month is up), 'address-unsettled' (a complaint to an authority whose
    postal address its own pages do not confirm: `detail` is its website), 'mailto-too-long' (the link would be cut by mail
    programs: use the .eml or copy), 'unprintable' (`detail` lists characters no bundled font
    has), 'no-grounds' (an objection without a ground of the participant's particular situation,
    which Art. 21(1) asks for), 'second-objection' (the service's AI feature belongs to a
    second controller: `detail` is the address of that controller's own form) or
    'authority-language' (a complaint in a language the authority does not list: `detail`
    names the languages it takes); the view turns it into a translated sentence.
    """

    code: str
    field: str = ""
    detail: str = ""


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
    # Which of `blocks` to offer for the web form, in its order, and whether they are the form's
    # own fields (sourced) or the kit's generic ones (spec.form_blocks_for).
    form: FormBlocks = field(default_factory=FormBlocks)
    notices: tuple[Notice, ...] = ()
    # Follow-ups and complaints: the Art. 12(3) month of the request they are about.
    request_due: Due | None = None
    # The date this letter itself names when it is not the Art. 12(3) month of this letter: a
    # follow-up's new deadline (FOLLOW_UP_DAYS), a complaint's three months (Art. 78(2)).
    reply_by: date | None = None

    @property
    def due(self) -> Due:
        """The Art. 12(3) GDPR dates behind this letter, counted from receipt.

        For a new request: if sent today by this channel. For a follow-up or a complaint: those
        of the earlier request it refers to, so the "how computed" line explains that date.
        """
        return self.request_due or answer_due(self.made_on, self.channel)

    @property
    def deadline(self) -> date:
        """The day to check for an answer: the date this letter names (see `reply_by`)."""
        return self.reply_by or self.due.due

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

    def downloads(self) -> tuple[str, ...]:
        """The formats offered for this letter ('txt', 'eml', 'pdf', 'ics', 'mailto')."""
        offered = _downloads(self.kind, self.channel, self.recipient)
        if "mailto" in offered and export.mailto_too_long(self):
            offered = tuple(f for f in offered if f != "mailto")
        return offered

    def filename(self, extension: str) -> str:
        """A safe download name such as 'objection-ai-facebook-de.eml'."""
        return safe_filename(f"{self.kind}-{self.service}-{self.lang}", extension)


def _service(service_id: str) -> dict[str, Any]:
    record = data.records("services").get(str(service_id))
    if record is None:
        raise LetterInputError("service", "unknown-service")
    return record


def _request_channel(record: dict[str, Any]) -> str:
    """How the earlier objection was most likely sent: the service's best objection channel."""
    kind = "objection-ai" if "objection-ai" in record["letters"]["kinds"] else "access"
    return next(iter(channels_for(kind, record)), "letter")  # letter: the latest day of receipt


def _second_form(service_id: str) -> str:
    """The objection form of the second controller `service_id` (its web form, or contact)."""
    record = _service(service_id)
    form = _route(record, "form") or {}
    return form.get("url") or (record.get("privacy_contact") or {}).get("form", "")


def _dates(
    kind: str, record: dict[str, Any], made_on: date, channel: str, sent_on: date | None
) -> tuple[Due | None, date | None, date | None]:
    """(the earlier request's Due, the date this letter names, the `deadline` in its text).

    Art. 12(3): one month from receipt, the channel giving the day of receipt (deadline.py). A
    follow-up names a new, future date (FOLLOW_UP_DAYS, never before the request's own month);
    a complaint sets the company no date, and its reminder is the authority's (Art. 78(2)).
    """
    request_due = answer_due(sent_on, _request_channel(record)) if sent_on else None
    if kind == "follow-up":
        reply_by = follow_up_due(made_on)
        if request_due and request_due.due > reply_by:
            reply_by = request_due.due
        return request_due, reply_by, reply_by
    if kind == "complaint":
        return request_due, authority_news_due(made_on), None
    return request_due, None, answer_due(made_on, channel).due


def _notices(
    kind: str, service: str, cleaned: Details, deadline_passed: bool, lang: str
) -> list[Notice]:
    """What the participant should know about the letter before sending it."""
    notices = [Notice("cut", name) for name in cleaned.cut]
    if kind == "complaint" and not cleaned.answer and not deadline_passed:
        notices.append(Notice("deadline-not-passed"))
    if kind == "complaint":
        auth = data.records("authorities")[cleaned.authority]
        if auth.get("address_unsettled"):  # e.g. the DPC after its move (data/authorities/)
            notices.append(Notice("address-unsettled", detail=auth["website"]))
        spoken = [code for code in auth["languages"] if code in LANGS]
        if lang not in auth["languages"]:  # it may ask for a translation or refuse the complaint
            notices.append(
                Notice(
                    "authority-language",
                    detail=", ".join(letter_language_name(c) for c in spoken)
                    or ", ".join(auth["languages"]),
                )
            )
    if kind == "objection-ai" and not (
        cleaned.reasons or cleaned.own_reason or cleaned.others_affected
    ):
        notices.append(Notice("no-grounds"))  # Art. 21(1): "grounds relating to ... situation"
    if kind == "objection-ai" and service in SECOND_OBJECTION:
        notices.append(Notice("second-objection", detail=_second_form(SECOND_OBJECTION[service])))
    return notices


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
    reasons (ids from REASONS), own_reason, others_affected, direct_marketing, sent_on,
    reference, answer,
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
    cleaned, errors = check_details(details, required=required_fields(kind, details))
    if errors:
        raise next(iter(errors.values()))
    unknown = [r for r in cleaned.reasons if r not in _reasons()]
    if unknown:
        raise LetterInputError("reasons", "unknown-reason")
    others_affected = cleaned.others_affected or "others-in-posts" in cleaned.reasons
    available = channels_for(kind, record, cleaned.is_owner)
    if not available:
        raise LetterInputError("kind", "no-recipient")
    chosen = channel or available[0]
    if chosen not in available:
        raise LetterInputError("channel", "channel-not-available")
    if kind == "complaint":
        cleaned.authority = cleaned.authority or record["lead_authority"]
        if cleaned.authority not in data.records("authorities"):
            raise LetterInputError("authority", "unknown-authority")
    made_on = made_on or date.today()
    sent_on = cleaned.sent_on
    request_due, reply_by, deadline = _dates(kind, record, made_on, chosen, sent_on)
    recipient = recipient_for(
        kind, chosen, record, authority=cleaned.authority, is_owner=cleaned.is_owner
    )
    name_of_company = company(record)
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
            "company": name_of_company,
            "address_lines": list(lines(record["address"])),
            "website": record["website"],
        },
        # the others_affected paragraph says what the "others-in-posts" bullet would say, more
        # fully: ticking that ground (the app's one box for it) gives the paragraph
        "reasons": [
            reason_sentence(r, lang)
            for r in cleaned.reasons
            if not (others_affected and r == "others-in-posts")
        ],
        "own_reason": cleaned.own_reason,
        "others_affected": others_affected,
        "direct_marketing": cleaned.direct_marketing,
        "workspace_url": cleaned.workspace_url,
        "sent_on": format_date(sent_on, lang) if sent_on else "",
        # the date this letter asks an answer by ('' for a complaint, which sets none)
        "deadline": format_date(deadline, lang) if deadline else "",
        # the Art. 12(3) month of the earlier request (follow-up, complaint)
        "request_deadline": format_date(request_due.due, lang) if request_due else "",
        "reference": cleaned.reference,
        "answer": cleaned.answer,
        "authority": {"name": recipient.name, "address_lines": list(recipient.address_lines)},
        "deadline_passed": bool(request_due and request_due.due < made_on),
        "optout_email": optout.get("email", ""),
        "optout_subject": optout.get("subject", ""),
    }
    notices = _notices(kind, service, cleaned, context["deadline_passed"], lang)
    blocks = render_blocks(kind, lang, context)
    subject = blocks.pop("subject")
    body = blocks.pop("body")
    if kind == "admin-optout" and not cleaned.is_owner:
        body = blocks["ask_owner"]
    form = form_blocks_for(kind, chosen, record)
    if "account_email" in form.names:
        blocks["account_email"] = cleaned.account_email or cleaned.email
    blocks = {name: text for name, text in blocks.items() if text}
    letter = Letter(
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
        form=form,
        notices=tuple(notices),
        request_due=request_due,
        reply_by=reply_by,
    )
    if chosen == "email" and recipient.email and export.mailto_too_long(letter):
        notices.append(Notice("mailto-too-long"))
    if "pdf" in letter.downloads():
        missing = export.unprintable_chars(letter)
        if missing:
            notices.append(Notice("unprintable", detail=" ".join(sorted(missing))))
    letter.notices = tuple(notices)
    return letter
