"""What a letter needs, and how participants' input is cleaned before it reaches a template.

Input is only ever data for a template, never template source. Control characters, line breaks
in one-line fields and bidirectional overrides are removed; overlong input is refused with a
message naming the field (free-text fields are cut with a warning instead).
"""

from __future__ import annotations

import calendar
import re
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


def check_details(
    raw: dict[str, object], *, required: tuple[str, ...] = ("name",)
) -> tuple[Details, dict[str, LetterInputError]]:
    """Clean raw input and collect every problem at once: (details, {field: error}).

    A field with a problem keeps its default value in `details`; free-text fields that were too
    long are cut and listed in `details.cut`.
    """
    errors: dict[str, LetterInputError] = {}
    known = set(Details.__dataclass_fields__) - {"cut"}
    for name in sorted(set(raw) - known):
        errors[name] = LetterInputError(name, "unknown-field")
    details = Details()

    def attempt(name: str, step) -> None:
        if name in errors:
            return
        try:
            step()
        except LetterInputError as error:
            errors.setdefault(error.field, error)

    def one_line(name: str) -> None:
        text = clean_line(raw[name])
        setattr(details, name, _limited(name, text, details.cut) if name in LIMITS else text[:80])

    def block(name: str) -> None:
        text = clean_block(raw[name]) if name == "address" else clean_line(raw[name])
        setattr(details, name, _limited(name, text, details.cut))
        if name == "address" and len(details.address_lines) > 6:
            details.address = ""
            raise LetterInputError("address", "too-many-lines", 6)

    def pattern(name: str, regex: re.Pattern, code: str) -> None:
        value = getattr(details, name)
        if value and not regex.match(value):
            setattr(details, name, "")
            raise LetterInputError(name, code)

    for name in ONE_LINE:
        if name in raw:
            attempt(name, lambda name=name: one_line(name))
    for name in ("address", "own_reason", "answer"):
        if name in raw:
            attempt(name, lambda name=name: block(name))
    for name in ("email", "account_email"):
        attempt(name, lambda name=name: pattern(name, EMAIL_RE, "not-an-email"))
    for name in ("account_url", "workspace_url"):
        attempt(name, lambda name=name: pattern(name, URL_RE, "not-a-url"))
    reasons = raw.get("reasons") or []
    if isinstance(reasons, str):
        reasons = [reasons]
    details.reasons = [clean_line(r) for r in reasons]
    details.others_affected = bool(raw.get("others_affected", False))
    details.is_owner = bool(raw.get("is_owner", True))
    attempt("sent_on", lambda: _sent_on(raw.get("sent_on"), details))
    for name in required:
        if name not in errors and not getattr(details, name):
            errors[name] = LetterInputError(name, "required")
    return details, errors


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
    """A date as people write it in a letter: '29.11.2026' or '29 November 2026'."""
    if lang == "de":
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


_MONTHS = (
    "January February March April May June July August September October November December".split()
)
