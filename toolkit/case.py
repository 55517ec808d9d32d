"""The case file: one objection's whole story, kept by the participant, not by the kit.

A Case holds every letter sent about one service, the dates, the answers pasted and the status
history (sent, answered, vague, followed-up, complained, done ...). ``dump(case)`` gives one
HTML file to download: a page anyone can read or print, with the machine-readable part
embedded as JSON (``<script type="application/json" id="privacy-kit-case">``). ``load(raw)``
restores the case from that file, and ``Case.next_step()`` says what to do next.

The JSON part: {"format": FORMAT, "version": VERSION, "case": {...}, "sha256": "..."}, where
sha256 is the SHA-256 of the case as canonical JSON (sorted keys, no spaces, UTF-8). The
checksum shows a file was changed by hand or damaged; it is not a signature (anyone can
recompute it), so every field is also checked strictly on loading: types, lengths, known
words, real dates. A file that is not a case, was changed or holds anything unexpected gets a
clear CaseFileError; nothing in it is executed or rendered as a template, and nothing is
written anywhere: the file lives only in the participant's hands.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .i18n import normalize_lang, quotes, t
from .letters.compose import KINDS
from .letters.deadline import ASSUMED_DELIVERY_DAYS, Due, answer_due
from .letters.model import format_date
from .letters.reply import ALL_CATEGORIES, MAX_CHARS, NextStep, excerpt, read_reply, suggest
from .text import clean_block, clean_line, safe_filename

__all__ = [
    "FORMAT",
    "VERSION",
    "Case",
    "CaseAnswer",
    "CaseFileError",
    "CaseLetter",
    "Event",
    "dump",
    "load",
]

FORMAT = "privacy-workshop-kit/case"
VERSION = 1
MAX_BYTES = 2_000_000
SCRIPT_ID = "privacy-kit-case"
STATUSES: tuple[str, ...] = (
    "sent",
    "answered",
    *ALL_CATEGORIES,
    "followed-up",
    "complained",
    "done",
)
SENT_STATUS = {"follow-up": "followed-up", "complaint": "complained"}  # others: "sent"
OBJECTIONS = ("objection-ai", "admin-optout", "access", "erasure")  # letters that start a clock
LIMITS = {
    "service": 60,
    "service_name": 120,
    "reference": 120,
    "subject": 500,
    "body": 20_000,
    "recipient": 400,
    "text": MAX_CHARS,
    "reason": 2_000,
    "detail": 500,
    "items": 200,
}
_LABELS = (
    "status", "next", "deadline", "history", "date", "letters", "answers", "reference", "to",
    "subject", "reasons", "missing",
)  # fmt: skip
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANG = re.compile(r"^[a-z]{2}$")


class CaseFileError(ValueError):
    """A file that cannot be opened as a case: `code` says why, `field` where (if known)."""

    def __init__(self, code: str, field: str = "") -> None:
        self.code, self.field = code, field
        super().__init__(f"{code}: {field}" if field else code)

    def message(self, lang: str = "en") -> str:
        """A clear sentence for the participant, in `lang`."""
        return t("case.err." + self.code, lang, field=self.field or "?")


@dataclass
class CaseLetter:
    """A letter as sent: kind, language, channel, the day it went out, and its text."""

    kind: str
    lang: str
    channel: str
    sent_on: date
    subject: str
    body: str
    recipient: str = ""


@dataclass
class CaseAnswer:
    """An answer as pasted, with how the kit read it."""

    received_on: date
    text: str
    category: str
    lang: str
    reasons: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    asked_for: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


@dataclass
class Event:
    """One step in the status history."""

    on: date
    status: str
    detail: str = ""


@dataclass
class Case:
    """One objection to one service, from the first letter to the end."""

    service: str
    service_name: str
    lang: str = "en"  # the language the case file is written in
    created_on: date = field(default_factory=date.today)
    reference: str = ""
    letters: list[CaseLetter] = field(default_factory=list)
    answers: list[CaseAnswer] = field(default_factory=list)
    history: list[Event] = field(default_factory=list)

    @property
    def status(self) -> str:
        """The latest status ('new' before any letter)."""
        return self.history[-1].status if self.history else "new"

    def add_letter(self, letter: Any, sent_on: date | None = None) -> CaseLetter:
        """Record a sent letter (a toolkit.letters.Letter or a CaseLetter) and its status."""
        if isinstance(letter, CaseLetter):
            entry = letter
        else:
            recipient = ", ".join(
                x
                for x in (letter.recipient.name, letter.recipient.email, letter.recipient.url)
                if x
            )
            entry = CaseLetter(
                kind=letter.kind,
                lang=letter.lang,
                channel=letter.channel,
                sent_on=sent_on or letter.made_on,
                subject=letter.subject,
                body=letter.body,
                recipient=recipient,
            )
        if entry.kind not in KINDS:
            raise CaseFileError("invalid", "kind")
        self.letters.append(entry)
        self.history.append(Event(entry.sent_on, SENT_STATUS.get(entry.kind, "sent"), entry.kind))
        return entry

    def add_answer(
        self, text: str, received_on: date | None = None, lang: str | None = None
    ) -> CaseAnswer:
        """Read a pasted answer (read_reply) and record it with its category in the history.

        Raises LetterInputError for a text that cannot be read, like read_reply.
        """
        received_on = received_on or date.today()
        objection = self.objection()
        reply = read_reply(
            text,
            lang or self.lang,
            sent_on=objection.sent_on if objection else None,
            channel=objection.channel if objection else "email",
            answered_on=received_on,
            today=received_on,
        )
        answer = CaseAnswer(
            received_on=received_on,
            text=reply.text,
            category=reply.category,
            lang=reply.lang,
            reasons=list(reply.reasons),
            missing=list(reply.missing),
            asked_for=list(reply.asked_for),
            links=list(reply.links),
        )
        self.answers.append(answer)
        if reply.reference and not self.reference:
            self.reference = reply.reference
        self.history.append(Event(received_on, "answered"))
        self.history.append(Event(received_on, reply.category))
        return answer

    def mark_done(self, on: date | None = None, detail: str = "") -> None:
        """Close the case (the participant is satisfied, or gives up)."""
        self.history.append(Event(on or date.today(), "done", detail))

    def objection(self) -> CaseLetter | None:
        """The latest letter that started a clock (an objection or request, not a follow-up)."""
        return next((x for x in reversed(self.letters) if x.kind in OBJECTIONS), None)

    def due(self) -> Due | None:
        """The deadline of the latest objection, extended if an extension came after it."""
        objection = self.objection()
        if objection is None:
            return None
        extension = next(
            (
                a.received_on
                for a in self.answers
                if a.category == "extension" and a.received_on >= objection.sent_on
            ),
            None,
        )
        received = objection.sent_on + timedelta(days=ASSUMED_DELIVERY_DAYS[objection.channel])
        announced = extension if extension and extension >= received else None
        return answer_due(objection.sent_on, objection.channel, extension_announced_on=announced)

    def next_step(self, today: date | None = None) -> NextStep:
        """What to do next, pre-filled for the letter it names (see reply.suggest)."""
        today = today or date.today()
        objection = self.objection()
        if objection is None:
            return NextStep("objection-ai")
        status = self.status
        if status in ("done", "confirmed"):
            return NextStep("done")
        if status == "complained":
            return NextStep("wait")  # the authority answers now (Art. 77(2))
        last = self.answers[-1] if self.answers else None
        quoted = excerpt(last.reasons or [last.text]) if last else ""
        if status in ("sent", "followed-up") or last is None:
            category = "none"  # waiting; a follow-up does not restart the clock
        else:
            category = last.category
        return suggest(
            category,
            due=self.due(),
            today=today,
            sent_on=objection.sent_on,
            reference=self.reference,
            answer=quoted,
            asked_for=tuple(last.asked_for) if last else (),
            links=tuple(last.links) if last else (),
        )

    def filename(self) -> str:
        """A safe download name such as 'case-facebook.html'."""
        return safe_filename(f"case-{self.service}", "html", fallback="case")

    def to_dict(self) -> dict[str, Any]:
        """The case as plain JSON data (dates as YYYY-MM-DD)."""
        return {
            "service": self.service,
            "service_name": self.service_name,
            "lang": self.lang,
            "created_on": self.created_on.isoformat(),
            "reference": self.reference,
            "letters": [
                {
                    "kind": x.kind,
                    "lang": x.lang,
                    "channel": x.channel,
                    "sent_on": x.sent_on.isoformat(),
                    "subject": x.subject,
                    "body": x.body,
                    "recipient": x.recipient,
                }
                for x in self.letters
            ],
            "answers": [
                {
                    "received_on": a.received_on.isoformat(),
                    "text": a.text,
                    "category": a.category,
                    "lang": a.lang,
                    "reasons": list(a.reasons),
                    "missing": list(a.missing),
                    "asked_for": list(a.asked_for),
                    "links": list(a.links),
                }
                for a in self.answers
            ],
            "history": [
                {"on": e.on.isoformat(), "status": e.status, "detail": e.detail}
                for e in self.history
            ],
        }


# --- writing ------------------------------------------------------------------------------


def _canonical(case_data: dict) -> bytes:
    return json.dumps(case_data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def _script_safe(text: str) -> str:
    """JSON that cannot end the <script> block or be read as markup: <, >, & escaped."""
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def dump(case: Case, today: date | None = None) -> bytes:
    """The case as one HTML file (UTF-8): a readable page with the machine-readable part."""
    from .html import environment as html_environment
    from .letters.reply import _ui_rules

    lang = normalize_lang(case.lang)
    today = today or date.today()
    case_data = case.to_dict()
    payload = {
        "format": FORMAT,
        "version": VERSION,
        "case": case_data,
        "sha256": hashlib.sha256(_canonical(case_data)).hexdigest(),
    }
    labels = _ui_rules(lang)
    due = case.due()
    step = case.next_step(today)
    context = {
        "lang": lang,
        "title": t("case.title", lang, service=case.service_name),
        "keep": t("case.keep", lang),
        "labels": {key: t("case." + key, lang) for key in _LABELS},
        "status": _status_label(case.status, lang),
        "next_step": step.explain(lang),
        "deadline": due.explain(lang) if due else "",
        "reference": case.reference,
        "history": [
            (
                format_date(e.on, lang),
                _status_label(e.status, lang),
                t("kind." + e.detail, lang) if e.detail in KINDS else e.detail,
            )
            for e in case.history
        ],
        "letters": [
            {
                "heading": f"{format_date(x.sent_on, lang)}: {t('kind.' + x.kind, lang)}"
                f" ({t('channel.' + x.channel, lang)})",
                "recipient": x.recipient,
                "subject": x.subject,
                "body": x.body,
            }
            for x in case.letters
        ],
        "answers": [
            {
                "heading": f"{format_date(a.received_on, lang)}: {labels.labels[a.category]}",
                "reasons": a.reasons,
                "missing": [labels.missing_labels[m] for m in a.missing],
                "text": a.text,
            }
            for a in case.answers
        ],
        "footer": t("case.made", lang, date=format_date(today, lang)),
        "quotes": quotes(lang),
        "script_id": SCRIPT_ID,
        "payload": _script_safe(json.dumps(payload, ensure_ascii=False, indent=1)),
    }
    html = html_environment().get_template("case.html.j2").render(**context)
    return html.encode("utf-8")


def _status_label(status: str, lang: str) -> str:
    return t("case.st." + status, lang) if status in STATUSES else status


# --- reading ------------------------------------------------------------------------------

_SCRIPT = re.compile(
    r'<script type="application/json" id="' + SCRIPT_ID + r'">(.*?)</script>', re.DOTALL
)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key")
    return dict(pairs)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"not JSON: {name}")


def load(raw: bytes) -> Case:
    """Restore a case from a file made by dump(); CaseFileError with a clear code otherwise.

    Accepts the HTML file or its JSON part alone. Codes: not-a-case, too-large, tampered,
    newer-version, invalid (with the field).
    """
    if isinstance(raw, memoryview | bytearray):
        raw = bytes(raw)
    if not isinstance(raw, bytes):
        raise CaseFileError("not-a-case")
    if len(raw) > MAX_BYTES:
        raise CaseFileError("too-large")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CaseFileError("not-a-case") from None
    stripped = text.lstrip()
    if stripped.startswith("{"):
        source = stripped
    else:
        blocks = _SCRIPT.findall(text)
        if len(blocks) != 1:
            raise CaseFileError("not-a-case")
        source = blocks[0]
    try:
        payload = json.loads(
            source, object_pairs_hook=_no_duplicates, parse_constant=_refuse_constant
        )
    except (ValueError, RecursionError):
        raise CaseFileError("not-a-case") from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise CaseFileError("not-a-case")
    version = payload.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CaseFileError("invalid", "version")
    if version > VERSION:
        raise CaseFileError("newer-version")
    if set(payload) != {"format", "version", "case", "sha256"}:
        raise CaseFileError("invalid", "(file)")
    case_data = payload["case"]
    if not isinstance(case_data, dict) or not isinstance(payload["sha256"], str):
        raise CaseFileError("invalid", "case")
    if hashlib.sha256(_canonical(case_data)).hexdigest() != payload["sha256"]:
        raise CaseFileError("tampered")
    return _case_from(case_data)


class _Reader:
    """Strict field access for one JSON object; every problem names the field."""

    def __init__(self, value: Any, where: str, keys: set[str]) -> None:
        if not isinstance(value, dict):
            raise CaseFileError("invalid", where or "case")
        unknown = sorted(set(value) - keys)
        if unknown:
            raise CaseFileError("invalid", f"{where}.{unknown[0]}".strip("."))
        self.value, self.where = value, where

    def _name(self, key: str) -> str:
        return f"{self.where}.{key}".strip(".")

    def text(self, key: str, limit_key: str | None = None, *, block: bool = False) -> str:
        value = self.value.get(key, "")
        if not isinstance(value, str) or len(value) > LIMITS[limit_key or key]:
            raise CaseFileError("invalid", self._name(key))
        return clean_block(value) if block else clean_line(value)

    def word(self, key: str, allowed: tuple[str, ...] | re.Pattern) -> str:
        value = self.value.get(key)
        ok = isinstance(value, str) and (
            value in allowed if isinstance(allowed, tuple) else bool(allowed.match(value))
        )
        if not ok:
            raise CaseFileError("invalid", self._name(key))
        return value

    def day(self, key: str) -> date:
        value = self.value.get(key)
        try:
            if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            day = date.fromisoformat(value)
        except ValueError:
            raise CaseFileError("invalid", self._name(key)) from None
        if not 2000 <= day.year <= 2100:
            raise CaseFileError("invalid", self._name(key))
        return day

    def items(self, key: str) -> list[Any]:
        value = self.value.get(key, [])
        if not isinstance(value, list) or len(value) > LIMITS["items"]:
            raise CaseFileError("invalid", self._name(key))
        return value

    def strings(
        self, key: str, limit_key: str, allowed: tuple[str, ...] | None = None
    ) -> list[str]:
        found: list[str] = []
        for index, item in enumerate(self.items(key)):
            where = f"{self._name(key)}.{index}"
            if not isinstance(item, str) or len(item) > LIMITS[limit_key]:
                raise CaseFileError("invalid", where)
            if allowed is not None and item not in allowed:
                raise CaseFileError("invalid", where)
            found.append(clean_line(item))
        return found


def _case_from(value: Any) -> Case:
    from .letters.reply import MISSING, languages

    langs = tuple(languages())
    top = _Reader(
        value,
        "",
        {
            "service",
            "service_name",
            "lang",
            "created_on",
            "reference",
            "letters",
            "answers",
            "history",
        },
    )
    case = Case(
        service=top.word("service", _ID),
        service_name=top.text("service_name"),
        lang=top.word("lang", _LANG),
        created_on=top.day("created_on"),
        reference=top.text("reference"),
    )
    for index, item in enumerate(top.items("letters")):
        letter = _Reader(
            item,
            f"letters.{index}",
            {"kind", "lang", "channel", "sent_on", "subject", "body", "recipient"},
        )
        case.letters.append(
            CaseLetter(
                kind=letter.word("kind", KINDS),
                lang=letter.word("lang", _LANG),
                channel=letter.word("channel", tuple(ASSUMED_DELIVERY_DAYS)),
                sent_on=letter.day("sent_on"),
                subject=letter.text("subject"),
                body=letter.text("body", block=True),
                recipient=letter.text("recipient"),
            )
        )
    for index, item in enumerate(top.items("answers")):
        answer = _Reader(
            item,
            f"answers.{index}",
            {"received_on", "text", "category", "lang", "reasons", "missing", "asked_for", "links"},
        )
        case.answers.append(
            CaseAnswer(
                received_on=answer.day("received_on"),
                text=answer.text("text", block=True),
                category=answer.word("category", ALL_CATEGORIES),
                lang=answer.word("lang", langs),
                reasons=answer.strings("reasons", "reason"),
                missing=answer.strings("missing", "detail", MISSING),
                asked_for=answer.strings("asked_for", "detail"),
                links=answer.strings("links", "detail"),
            )
        )
    for index, item in enumerate(top.items("history")):
        event = _Reader(item, f"history.{index}", {"on", "status", "detail"})
        case.history.append(
            Event(
                on=event.day("on"),
                status=event.word("status", STATUSES),
                detail=event.text("detail"),
            )
        )
    return case
