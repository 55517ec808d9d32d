"""When a company must answer a GDPR request: one month from receipt, or three with an extension.

Art. 12(3) GDPR: the controller answers "without undue delay and in any event within one month
of receipt of the request. That period may be extended by two further months where necessary
[...]. The controller shall inform the data subject of any such extension within one month of
receipt of the request, together with the reasons for the delay."

How the dates are counted (Regulation 1182/71, Art. 3, the EU's rule for periods):
- the day the request arrives does not count (Art. 3(1)); a period in months ends on the same
  date in the last month, or on that month's last day when the date does not occur in it
  (Art. 3(2)(c)): received 31 January, due 28 February (29 in a leap year);
- a period ending on a Saturday, Sunday or public holiday ends on the next working day
  (Art. 3(4)). Saturdays and Sundays are moved here; public holidays differ between member
  states and are only moved when the caller passes them (`holidays`).
- the extended period is counted as three months from receipt (one month plus "two further
  months"), not as two months from the end of the first one, so a month end does not shorten it.

When the company received the request is an assumption unless the participant knows it: a web
form or an e-mail arrives the day it is sent; a posted letter is assumed to arrive
ASSUMED_DELIVERY_DAYS["letter"] days after posting (the kit's cautious guess, not a legal rule:
a later receipt gives a later deadline, so nobody complains too early).

Sources (read 2026-12-01):
- Art. 12(3) GDPR, as summarised by the Irish Data Protection Commission, "How long will it
  take?" (https://dataprotection.ie/en/individuals/know-your-rights/how-long-will-it-take,
  undated page): "In any event, within 1 month of receipt of the request. The 1 month period
  may be extended by 2 further months, where necessary [...] the data controller shall inform
  you of any extension within 1 month of receiving your request, and explain the reasons".
- Regulation (EEC, Euratom) No 1182/71, OJ L 124, 8.6.1971, p. 1 (EUR-Lex 31971R1182, "In
  force", no consolidated version after 8.6.1971). The English wording was read in a copy of
  the official text (an EU translation memory), not on EUR-Lex itself: Art. 3(2)(c) "If, in a
  period expressed in months or in years, the day on which it should expire does not occur in
  the last month, the period shall end with the expiry of the last hour of the last day of
  that month"; Art. 3(4) "where the last day of a period expressed otherwise than in hours is a
  public holiday, Sunday or Saturday, the period shall end with the expiry of the last hour of
  the following working day". Whether it governs GDPR periods is not settled by a source read
  here; the kit follows it because it gives the participant the later, safer date.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from ..i18n import normalize_lang, punctuation, t
from .model import LetterInputError, add_months, format_date, weekday_name

ASSUMED_DELIVERY_DAYS: dict[str, int] = {"form": 0, "email": 0, "message": 0, "letter": 4}
# A follow-up asks for an answer within this many days of its own date. Not a statutory period:
# Art. 12(3) already required an answer "without undue delay"; two weeks give the company time
# to reply to a request it has had for a while, and the participant a clear date before a complaint.
FOLLOW_UP_DAYS = 14
# Art. 78(2) GDPR: a data subject may go to court where the authority "does not inform the data
# subject within three months on the progress or outcome of the complaint lodged pursuant to
# Article 77" (GDPR text read on gdprhub.eu, Article 78 GDPR, legal text, 2026-12-01).
AUTHORITY_NEWS_MONTHS = 3
CHANNEL_ALIASES: dict[str, str] = {"post": "letter", "e-mail": "email", "web-form": "form"}


@dataclass(frozen=True)
class Due:
    """The deadlines for one request: `due` (one month) and `latest` (with a valid extension)."""

    sent_on: date
    channel: str
    received_on: date
    received_assumed: bool
    due: date
    latest: date
    extension_announced_on: date | None = None
    due_nominal: date | None = None  # the month's end before moving off a weekend or holiday
    latest_nominal: date | None = None

    @property
    def extended(self) -> bool:
        """True if an extension was announced in time, so `latest` is three months out."""
        return self.latest > self.due

    @property
    def extension_late(self) -> bool:
        """True if an extension was announced only after the first month (it does not count)."""
        return self.extension_announced_on is not None and not self.extended

    def is_overdue(self, today: date) -> bool:
        """True once the last day to answer (`latest`) has passed."""
        return today > self.latest

    def days_left(self, today: date) -> int:
        """Days from `today` until `latest` (negative once overdue)."""
        return (self.latest - today).days

    def explain(self, lang: str = "en") -> str:
        """One line saying how the dates were computed, for the letter, the plan or the view."""
        lang = normalize_lang(lang)

        def fmt(day: date) -> str:
            return format_date(day, lang)

        if not self.received_assumed:
            head = t("due.received.known", lang, received=fmt(self.received_on))
        elif self.channel == "letter":
            head = t(
                "due.received.post",
                lang,
                sent=fmt(self.sent_on),
                days=(self.received_on - self.sent_on).days,
                received=fmt(self.received_on),
            )
        else:
            head = t(
                "due.received.same-day",
                lang,
                sent=fmt(self.sent_on),
                channel=t("channel." + self.channel, lang),
            )
        text = f"{head}{punctuation(';', lang)} {t('due.month', lang, due=fmt(self.due))}"
        if self.due_nominal and self.due_nominal != self.due:
            nominal = self.due_nominal
            if nominal.weekday() >= 5:  # say which day, not "a weekend or holiday"
                weekday = weekday_name(nominal, lang)
                text += t("due.weekend", lang, nominal=fmt(nominal), weekday=weekday)
            else:
                text += t("due.holiday", lang, nominal=fmt(nominal))
        if self.extended:
            text += t(
                "due.extended",
                lang,
                announced=fmt(self.extension_announced_on),
                latest=fmt(self.latest),
            )
        elif self.extension_late:
            text += t("due.extension-late", lang, announced=fmt(self.extension_announced_on))
        return text + "."


def _day(value: date | str | None, field: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise LetterInputError(field, "not-a-date") from None
    if not isinstance(value, date):
        raise LetterInputError(field, "not-a-date")
    return value


def next_working_day(day: date, holidays: Collection[date] = ()) -> date:
    """`day`, or the next day that is neither a Saturday, a Sunday nor one of `holidays`."""
    while day.weekday() >= 5 or day in holidays:
        day += timedelta(days=1)
    return day


def follow_up_due(made_on: date, holidays: Collection[date] = ()) -> date:
    """The day a follow-up written on `made_on` asks the answer by (FOLLOW_UP_DAYS, a working day)."""
    return next_working_day(made_on + timedelta(days=FOLLOW_UP_DAYS), holidays)


def authority_news_due(complained_on: date) -> date:
    """When an authority should have said how a complaint is going (Art. 78(2) GDPR)."""
    return add_months(complained_on, AUTHORITY_NEWS_MONTHS)


def answer_due(
    sent_on: date | str,
    channel: str,
    *,
    received_on: date | str | None = None,
    extension_announced_on: date | str | None = None,
    holidays: Collection[date] = (),
) -> Due:
    """The deadlines for a request sent on `sent_on` through `channel` (form, email, letter).

    received_on: the day the company got it, when known; otherwise assumed from the channel.
    extension_announced_on: the day the company announced more time; it counts when that is
    within the first month. Raises LetterInputError naming the field for impossible input.
    """
    sent = _day(sent_on, "sent_on")
    if sent is None:
        raise LetterInputError("sent_on", "required")
    channel = CHANNEL_ALIASES.get(str(channel), str(channel))
    if channel not in ASSUMED_DELIVERY_DAYS:
        raise LetterInputError("channel", "unknown-channel")
    received = _day(received_on, "received_on")
    assumed = received is None
    if received is None:
        received = sent + timedelta(days=ASSUMED_DELIVERY_DAYS[channel])
    if received < sent:
        raise LetterInputError("received_on", "before-sent")
    announced = _day(extension_announced_on, "extension_announced_on")
    if announced is not None and announced < received:
        raise LetterInputError("extension_announced_on", "before-received")
    nominal = add_months(received, 1)
    due = next_working_day(nominal, holidays)
    latest, latest_nominal = due, nominal
    if announced is not None and announced <= due:
        latest_nominal = add_months(received, 3)
        latest = next_working_day(latest_nominal, holidays)
    return Due(
        sent_on=sent,
        channel=channel,
        received_on=received,
        received_assumed=assumed,
        due=due,
        latest=latest,
        extension_announced_on=announced,
        due_nominal=nominal,
        latest_nominal=latest_nominal,
    )
