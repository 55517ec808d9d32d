"""What a letter needs, and how participants' input is cleaned before it reaches a template.

Input is only ever data for a template, never template source. Control characters, line breaks
in one-line fields and bidirectional overrides are removed; overlong input is refused with a
message naming the field (free-text fields are cut with a warning instead).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ..text import clean_block, clean_line

# Limits per field, in characters.
LIMITS: dict[str, int] = {
    "name": 120,
    "email": 254,
    "account_email": 254,
    "account_url": 300,
    "workspace_url": 300,
    "place": 80,
    "reference": 120,
    "address": 400,
    "own_reason": 2000,
    "answer": 2000,
}
FREE_TEXT = ("own_reason", "answer")  # cut with a notice rather than refused
ONE_LINE = (
    "name",
    "email",
    "place",
    "account_email",
    "account_url",
    "workspace_url",
    "reference",
    "authority",
)
EMAIL_RE = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
URL_RE = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)


class LetterInputError(ValueError):
    """A participant's input cannot be used; `field` names it, `code` says why."""

    def __init__(self, field: str, code: str, limit: int | None = None) -> None:
        self.field, self.code, self.limit = field, code, limit
        detail = f" (at most {limit} characters)" if limit else ""
        super().__init__(f"{field}: {code.replace('-', ' ')}{detail}")


@dataclass
class Details:
    """The cleaned details a participant gave; personal data, kept in memory only."""

    name: str = ""
    email: str = ""
    address: str = ""
    place: str = ""
    account_email: str = ""
    account_url: str = ""
    workspace_url: str = ""
    reasons: list[str] = field(default_factory=list)
    own_reason: str = ""
    others_affected: bool = False
    direct_marketing: bool = False  # also object to direct marketing (Art. 21(2)/(3))
    sent_on: date | None = None
    reference: str = ""
    answer: str = ""
    authority: str = ""
    is_owner: bool = True
    cut: list[str] = field(default_factory=list)  # free-text fields that were shortened

    @property
    def address_lines(self) -> list[str]:
        """The postal address as lines."""
        return [line for line in self.address.split("\n") if line]


def _limited(name: str, text: str, cut: list[str]) -> str:
    limit = LIMITS[name]
    if len(text) <= limit:
        return text
    if name in FREE_TEXT:
        cut.append(name)
        return text[:limit].rstrip() + " […]"
    raise LetterInputError(name, "too-long", limit)


class _Check:
    """Collects every problem with a participant's input (one per field) while cleaning it."""

    def __init__(self, raw: dict[str, object]) -> None:
        self.raw, self.details = raw, Details()
        self.errors: dict[str, LetterInputError] = {}
        known = set(Details.__dataclass_fields__) - {"cut"}
        for name in sorted(set(raw) - known):
            self.errors[name] = LetterInputError(name, "unknown-field")

    def attempt(self, name: str, step: Callable[[], None]) -> None:
        if name in self.errors:
            return
        try:
            step()
        except LetterInputError as error:
            self.errors.setdefault(error.field, error)

    def one_line(self, name: str) -> None:
        text = clean_line(self.raw[name])
        cut = self.details.cut
        setattr(self.details, name, _limited(name, text, cut) if name in LIMITS else text[:80])

    def block(self, name: str) -> None:
        raw = self.raw[name]
        text = clean_block(raw) if name == "address" else clean_line(raw)
        setattr(self.details, name, _limited(name, text, self.details.cut))
        if name == "address" and len(self.details.address_lines) > 6:
            self.details.address = ""
            raise LetterInputError("address", "too-many-lines", 6)

    def pattern(self, name: str, regex: re.Pattern, code: str) -> None:
        value = getattr(self.details, name)
        if value and not regex.match(value):
            setattr(self.details, name, "")
            raise LetterInputError(name, code)


def check_details(
    raw: dict[str, object], *, required: tuple[str, ...] = ("name",)
) -> tuple[Details, dict[str, LetterInputError]]:
    """Clean raw input and collect every problem at once: (details, {field: error}).

    A field with a problem keeps its default value in `details`; free-text fields that were too
    long are cut and listed in `details.cut`.
    """
    check = _Check(raw)
    details = check.details
    for name in (n for n in ONE_LINE if n in raw):
        check.attempt(name, lambda name=name: check.one_line(name))
    for name in (n for n in ("address", "own_reason", "answer") if n in raw):
        check.attempt(name, lambda name=name: check.block(name))
    for name in ("email", "account_email"):
        check.attempt(name, lambda name=name: check.pattern(name, EMAIL_RE, "not-an-email"))
    for name in ("account_url", "workspace_url"):
        check.attempt(name, lambda name=name: check.pattern(name, URL_RE, "not-a-url"))
    reasons = raw.get("reasons") or []
    details.reasons = [clean_line(r) for r in ([reasons] if isinstance(reasons, str) else reasons)]
    details.others_affected = bool(raw.get("others_affected", False))
    details.direct_marketing = bool(raw.get("direct_marketing", False))
    details.is_owner = bool(raw.get("is_owner", True))
    check.attempt("sent_on", lambda: _sent_on(raw.get("sent_on"), details))
    for name in required:
        if name not in check.errors and not getattr(details, name):
            check.errors[name] = LetterInputError(name, "required")
    return details, check.errors


def _sent_on(value: object, details: Details) -> None:
    if value in (None, ""):
        return
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise LetterInputError("sent_on", "not-a-date") from None
    if not isinstance(value, date):
        raise LetterInputError("sent_on", "not-a-date")
    details.sent_on = value


def clean_details(raw: dict[str, object], *, required: tuple[str, ...] = ("name",)) -> Details:
    """Check and clean raw input; raises LetterInputError naming the first bad field."""
    details, errors = check_details(raw, required=required)
    if errors:
        raise next(iter(errors.values()))
    return details


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day when it has no such day.

    This is how the EU counts a period in months (Regulation 1182/71, Art. 3(2)(c)): it ends on
    the day of the last month that has the same date as the day it runs from, and on the last
    day of that month when the date does not occur in it (31 January + 1 month = 28 or 29
    February).
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def add_month(day: date) -> date:
    """The same day one month later (clamped to the month's end): see add_months."""
    return add_months(day, 1)


def format_date(day: date, lang: str) -> str:
    """A date as people write it in a letter: '29.11.2026', '29 November 2026', '1er décembre 2026'.

    German and English are written here (the interface's first languages, on every page:
    importing Babel costs each kernel about 0.1 s). The other letter languages use Babel's CLDR
    long date, imported on the first such letter; a language that writes the first day of a
    month otherwise than CLDR's pattern (French "1er") says so in its texts.yaml
    (`first_of_month`).
    """
    if lang == "de":
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    if lang == "en":
        return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    from babel.dates import format_date as babel_date

    from .texts import LANGS, texts

    text = babel_date(day, format="long", locale=lang)
    first = texts(lang).get("first_of_month") if lang in LANGS else None
    if first and day.day == 1:
        text = text.replace("1 ", f"{first} ", 1)
    return text


_MONTHS = (
    "January February March April May June July August September October November December".split()
)
_WEEKDAYS = {
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(),
    "de": "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag".split(),
}


def weekday_name(day: date, lang: str) -> str:
    """The day of the week as `lang` writes it ('Sunday', 'domenica'); Babel only beyond en/de."""
    if lang in _WEEKDAYS:
        return _WEEKDAYS[lang][day.weekday()]
    from babel.dates import format_date as babel_date

    return babel_date(day, format="EEEE", locale=lang)
