"""The deadline engine: one month from receipt, month ends, leap years, weekends, extensions."""

from __future__ import annotations

from datetime import date

import pytest

from toolkit.letters import LetterInputError, answer_due
from toolkit.letters.model import add_month, add_months


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2026, 3, 31), date(2026, 4, 30)),  # April has no 31st: its last day
        (date(2026, 8, 31), date(2026, 9, 30)),
        (date(2028, 1, 31), date(2028, 2, 29)),  # leap year
        (date(2027, 1, 31), date(2027, 3, 1)),  # 28 Feb 2027 is a Sunday: Monday 1 March
        (date(2026, 12, 31), date(2027, 2, 1)),  # over the year end; 31 Jan 2027 is a Sunday
        (date(2026, 12, 15), date(2027, 1, 15)),
        (date(2028, 2, 29), date(2028, 3, 29)),  # from a leap day: the same date next month
        (date(2026, 11, 30), date(2026, 12, 30)),
    ],
)
def test_one_month_from_receipt_ends_on_the_same_date_or_the_months_last_day(received, due):
    result = answer_due(received, "email")
    assert result.received_on == received
    assert result.due == due
    assert result.latest == due  # no extension announced


def test_a_month_ending_on_a_weekend_moves_to_monday():
    result = answer_due(date(2026, 1, 31), "form")  # 28 February 2026 is a Saturday
    assert result.due_nominal == date(2026, 2, 28)
    assert result.due == date(2026, 3, 2)
    assert "28 February 2026" in result.explain("en")


def test_public_holidays_move_the_end_only_when_given():
    plain = answer_due(date(2026, 3, 3), "email")
    assert plain.due == date(2026, 4, 3)  # Good Friday, not known to the engine by default
    easter = {date(2026, 4, 3), date(2026, 4, 6)}
    assert answer_due(date(2026, 3, 3), "email", holidays=easter).due == date(2026, 4, 7)


def test_post_is_assumed_to_arrive_days_later_and_the_known_day_wins():
    posted = answer_due(date(2026, 3, 3), "letter")
    assert posted.received_assumed
    assert posted.received_on == date(2026, 3, 7)
    assert posted.due == date(2026, 4, 7)
    assert "assumed" in posted.explain("en") and "angenommen" in posted.explain("de")
    known = answer_due(date(2026, 3, 2), "post", received_on=date(2026, 3, 9))
    assert not known.received_assumed
    assert known.channel == "letter"
    assert known.due == date(2026, 4, 9)
    assert "assumed" not in known.explain("en")


def test_form_and_email_arrive_the_same_day():
    for channel in ("form", "email"):
        result = answer_due("2026-06-01", channel)
        assert result.received_on == date(2026, 6, 1)
        assert result.due == date(2026, 7, 1)
        assert "same day" in result.explain("en")


def test_an_extension_announced_in_the_first_month_gives_three_months_from_receipt():
    result = answer_due(date(2026, 3, 3), "email", extension_announced_on=date(2026, 3, 20))
    assert result.due == date(2026, 4, 3)
    assert result.latest == date(2026, 6, 3)
    assert result.extended and not result.extension_late
    assert "3 June 2026" in result.explain("en")
    assert "03.06.2026" in result.explain("de")


def test_an_extension_is_counted_from_receipt_so_a_short_month_does_not_shorten_it():
    # received 31 January: first month ends 28 February (a Saturday, so Monday 2 March);
    # three months from receipt end on 30 April, not on 28 April.
    result = answer_due(date(2026, 1, 31), "email", extension_announced_on=date(2026, 2, 27))
    assert result.latest == date(2026, 4, 30)


def test_an_extension_in_a_leap_year_ending_on_a_sunday():
    result = answer_due(date(2028, 1, 31), "email", extension_announced_on=date(2028, 2, 10))
    assert result.due == date(2028, 2, 29)
    assert result.latest == date(2028, 5, 1)  # 30 April 2028 is a Sunday


def test_an_extension_announced_on_the_last_day_counts_and_the_day_after_does_not():
    on_time = answer_due(date(2026, 3, 3), "email", extension_announced_on=date(2026, 4, 3))
    assert on_time.latest == date(2026, 6, 3)
    late = answer_due(date(2026, 3, 3), "email", extension_announced_on=date(2026, 4, 4))
    assert late.latest == late.due == date(2026, 4, 3)
    assert late.extension_late
    assert "does not move" in late.explain("en")
    assert "verschiebt die Frist nicht" in late.explain("de")


def test_overdue_and_days_left():
    result = answer_due(date(2026, 3, 3), "email")
    assert not result.is_overdue(date(2026, 4, 3))
    assert result.is_overdue(date(2026, 4, 4))
    assert result.days_left(date(2026, 4, 1)) == 2


@pytest.mark.parametrize(
    ("kwargs", "field", "code"),
    [
        ({"sent_on": "2026-03-03", "channel": "pigeon"}, "channel", "unknown-channel"),
        ({"sent_on": "3.3.2026", "channel": "email"}, "sent_on", "not-a-date"),
        ({"sent_on": None, "channel": "email"}, "sent_on", "required"),
        (
            {"sent_on": "2026-03-03", "channel": "email", "received_on": "2026-03-01"},
            "received_on",
            "before-sent",
        ),
        (
            {"sent_on": "2026-03-03", "channel": "letter", "extension_announced_on": "2026-03-04"},
            "extension_announced_on",
            "before-received",
        ),
    ],
)
def test_impossible_input_is_refused_naming_the_field(kwargs, field, code):
    with pytest.raises(LetterInputError) as error:
        answer_due(**kwargs)
    assert (error.value.field, error.value.code) == (field, code)


def test_add_months_and_the_old_add_month_agree():
    assert add_month(date(2026, 1, 31)) == add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 29), 3) == date(2028, 2, 29)
    assert add_months(date(2026, 12, 31), 12) == date(2027, 12, 31)


def test_explain_is_one_line_in_each_language():
    result = answer_due(date(2026, 3, 3), "letter", extension_announced_on=date(2026, 3, 30))
    for lang in ("en", "de"):
        text = result.explain(lang)
        assert "\n" not in text and text.endswith(".")
    assert "Art. 12(3) GDPR" in result.explain("en")
    assert "Art. 12 Abs. 3 DSGVO" in result.explain("de")


def test_the_explanation_names_the_day_the_month_ended_on():
    """'Sunday, 3 January 2027', not 'a weekend or holiday' (which a participant cannot check)."""
    weekend = answer_due(date(2026, 12, 3), "form")
    assert "Sunday, 3 January 2027" in weekend.explain("en")
    assert "Sonntag, dem 03.01.2027" in weekend.explain("de")
    assert "domenica 3 gennaio 2027" in weekend.explain("it")
    assert "reçu le jour même\u00a0; un mois" in weekend.explain("fr")  # French typography
    holiday = answer_due(date(2026, 12, 1), "form", holidays={date(2027, 1, 1)})
    assert holiday.due == date(2027, 1, 4)
    assert "1 January 2027, a public holiday" in holiday.explain("en")
