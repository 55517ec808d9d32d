"""The letters' legal text: what a company's data protection officer reads in each of them.

Each test renders real letters (every service record, both languages) and checks what the text
says: the Art. 12(3) date from receipt, a follow-up's new date, grounds of the participant's own
situation, the Slack owner as controller, direct marketing, erasure, access and the complaint.
"""

from __future__ import annotations

import re
from datetime import date

import icalendar
import pytest

from toolkit import data
from toolkit.i18n import t
from toolkit.letters import KINDS, Notice, compose
from toolkit.letters.deadline import FOLLOW_UP_DAYS, answer_due
from toolkit.letters.form import LetterForm
from toolkit.letters.model import add_months, format_date
from toolkit.letters.render import LETTER_DIR
from toolkit.letters.spec import SECOND_OBJECTION, channels_for, offered_kinds, step_fields
from toolkit.letters.texts import reason_sentence
from toolkit.letters.view import BOOLS, notice_text

TODAY = date(2026, 12, 1)
SENT = date(2026, 10, 15)  # the case: objection sent 15 Oct, follow-up on 1 Dec
PERSON = {"name": "Zoë Ångström-Nguyễn", "email": "zoe@example.org"}
LANGS = ("en", "de")
TWELVE_3 = {"en": "Art. 12(3)", "de": "Art. 12 Abs. 3"}


def _details(kind: str) -> dict:
    details = dict(PERSON)
    if kind == "admin-optout":
        details["workspace_url"] = "https://team.slack.com"
    if kind in ("follow-up", "complaint"):
        details["sent_on"] = SENT
    return details


def _combinations():
    services = data.records("services")
    for sid, record in sorted(services.items()):
        for kind in offered_kinds(record):
            for channel in channels_for(kind, record):
                yield sid, kind, channel


def _compose_all(lang: str):
    authorities = data.records("authorities")
    for sid, kind, channel in _combinations():
        details = _details(kind)
        lead = data.records("services")[sid]["lead_authority"]
        if kind == "complaint" and lead not in authorities:
            details["authority"] = "de-hh"
        yield compose(kind, service=sid, lang=lang, channel=channel, made_on=TODAY, **details)


def _request_channel(record: dict) -> str:
    kind = "objection-ai" if "objection-ai" in record["letters"]["kinds"] else "access"
    return next(iter(channels_for(kind, record)), "letter")


@pytest.mark.parametrize("lang", LANGS)
def test_every_letter_names_the_art_12_3_date_counted_from_receipt(lang):
    seen = set()
    for letter in _compose_all(lang):
        seen.add((letter.service, letter.kind, letter.channel))
        record = data.records("services")[letter.service]
        if letter.kind in ("objection-ai", "access", "erasure"):
            due = answer_due(TODAY, letter.channel)
            assert letter.due.due == due.due == letter.deadline
            assert format_date(due.due, lang) in letter.body, (letter.service, letter.kind)
            assert TWELVE_3[lang] in letter.body
            assert ("two further months" if lang == "en" else "zwei Monate") in letter.body
            assert ("without undue delay" if lang == "en" else "unverzüglich") in letter.body
        if letter.kind in ("follow-up", "complaint"):
            original = answer_due(SENT, _request_channel(record)).due
            assert letter.due.due == original
            assert format_date(original, lang) in letter.body, (letter.service, letter.kind)
    assert len(seen) > 200  # every service, kind and channel of the real records


@pytest.mark.parametrize("lang", LANGS)
def test_a_posted_letter_counts_the_month_from_the_assumed_day_of_receipt(lang):
    letter = compose(
        "access", service="facebook", lang=lang, channel="letter", made_on=TODAY, **PERSON
    )
    # posted Tue 1 Dec, assumed received Sat 5 Dec; 5 Jan 2027 is a Tuesday
    assert letter.due.received_on == date(2026, 12, 5)
    assert format_date(date(2027, 1, 5), lang) in letter.body
    assert format_date(date(2027, 1, 1), lang) not in letter.body


def _without_comments(source: str) -> str:
    return re.sub(r"\{#.*?#\}", "", source, flags=re.S)


@pytest.mark.parametrize(
    "path", sorted(LETTER_DIR.glob("*/*.txt.j2")), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_no_template_says_at_the_latest_next_to_one_month(path):
    text = _without_comments(path.read_text(encoding="utf-8"))
    english = re.compile(r"at the latest[^.]{0,60}one month|one month[^.]{0,60}at the latest", re.I)
    german = re.compile(r"(spätestens|höchstens)[^.]{0,60}Monat", re.I)
    assert not english.search(text) and not german.search(text)


@pytest.mark.parametrize("lang", LANGS)
def test_follow_up_sets_a_new_future_date_and_names_the_passed_month(lang):
    letter = compose(
        "follow-up", service="facebook", lang=lang, sent_on=SENT, made_on=TODAY, **PERSON
    )
    # the objection went by Meta's form on 15 Oct: its month ended Sun 15 Nov -> Mon 16 Nov
    assert letter.due.due == date(2026, 11, 16)
    assert letter.deadline == date(2026, 12, 15) > TODAY  # 14 days on, a Tuesday
    assert (letter.deadline - TODAY).days == FOLLOW_UP_DAYS
    new, old = format_date(date(2026, 12, 15), lang), format_date(date(2026, 11, 16), lang)
    if lang == "en":
        assert f"Please answer by {new}." in letter.body
        assert f"that is by {old}; that period has ended" in letter.body
    else:
        assert f"Bitte antworten Sie bis zum {new}." in letter.body
        assert f"also bis zum {old}; diese Frist ist abgelaufen" in letter.body
    assert new in letter.subject
    calendar = icalendar.Calendar.from_ical(letter.to_ics())
    assert next(iter(calendar.walk("VEVENT"))).decoded("DTSTART") == letter.deadline


def test_follow_up_never_asks_before_the_objections_own_month_ends():
    letter = compose(
        "follow-up", service="facebook", lang="en", sent_on="2026-11-25", made_on=TODAY, **PERSON
    )
    assert letter.due.due == date(2026, 12, 25)
    assert letter.deadline == date(2026, 12, 25)
    assert "that period has not ended yet" in letter.body
    assert "Please answer by 25 December 2026." in letter.body


OTHERS_FORBIDDEN = {
    "en": ("on behalf", "cannot object themselves", "object for other", "on their behalf"),
    "de": ("im Namen", "selbst nicht widersprechen", "für andere Personen", "in Vertretung"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_people_in_my_posts_is_my_own_ground_never_an_objection_for_others(lang):
    letter = compose(
        "objection-ai",
        service="facebook",
        lang=lang,
        reasons=["others-in-posts"],
        others_affected=True,
        **PERSON,
    )
    texts = [
        letter.body,
        letter.blocks["form_more"],
        reason_sentence("others-in-posts", lang),
        t("reason.others-in-posts", lang),
        t("obj.others_affected", lang),
    ]
    for text in texts:
        for phrase in OTHERS_FORBIDDEN[lang]:
            assert phrase.casefold() not in text.casefold(), (phrase, text)
    assert ("my children" if lang == "en" else "meine Kinder") in letter.blocks["form_more"]
    assert ("responsibility" if lang == "en" else "Verantwortung") in letter.blocks["form_more"]
    assert ("particular situation" if lang == "en" else "besonderen Situation") in letter.body


@pytest.mark.parametrize("lang", LANGS)
def test_slack_owner_instructs_its_processor_and_the_member_writes_a_friendly_note(lang):
    owner = compose(
        "admin-optout",
        service="slack",
        lang=lang,
        workspace_url="https://team.slack.com",
        made_on=TODAY,
        **PERSON,
    )
    assert ("Art. 28(3)(a)" if lang == "en" else "Art. 28 Abs. 3 lit. a") in owner.body
    assert ("processor" if lang == "en" else "Auftragsverarbeiter") in owner.body
    assert "Art. 21" not in owner.body and "Art. 12" not in owner.body
    assert ("confirm in writing" if lang == "en" else "schriftlich") in owner.body
    ics = owner.to_ics().decode()
    assert "Art. 12" not in ics
    member = compose(
        "admin-optout",
        service="slack",
        lang=lang,
        is_owner=False,
        workspace_url="https://team.slack.com",
        name="Bo",
    )
    assert "Art." not in member.body and "https://team.slack.com" in member.body


@pytest.mark.parametrize("lang", LANGS)
def test_direct_marketing_paragraph_only_when_ticked(lang):
    para_2, para_3 = (
        ("Art. 21(2)", "Art. 21(3)") if lang == "en" else ("Art. 21 Abs. 2", "Art. 21 Abs. 3")
    )
    plain = compose("objection-ai", service="facebook", lang=lang, **PERSON)
    assert para_2 not in plain.body and para_3 not in plain.body
    assert "form_more" not in plain.blocks
    ticked = compose("objection-ai", service="facebook", lang=lang, direct_marketing=True, **PERSON)
    for text in (ticked.body, ticked.blocks["form_more"]):
        assert para_2 in text and para_3 in text
        assert "Profiling" in text or "profiling" in text


def test_direct_marketing_is_a_checkbox_of_the_grounds_step_passed_to_the_letter():
    assert "direct_marketing" in step_fields("objection-ai", "grounds")
    assert "direct_marketing" in BOOLS
    assert t("obj.direct_marketing", "de") != t("obj.direct_marketing", "en")
    form = LetterForm(letter_lang="en", name="Eve")
    form.service = "facebook"
    form.kind = "objection-ai"
    form.direct_marketing = True
    assert form.values()["direct_marketing"] is True
    assert "Art. 21(2)" in form.compose(made_on=TODAY).body


@pytest.mark.parametrize("lang", LANGS)
def test_objection_without_grounds_goes_through_with_a_notice(lang):
    bare = compose("objection-ai", service="facebook", lang=lang, **PERSON)
    assert Notice("no-grounds") in bare.notices and bare.body
    assert ("Art. 21(1)" if lang == "en" else "Art. 21 Abs. 1") in notice_text(
        Notice("no-grounds"), lang
    )
    for grounds in ({"reasons": ["own-privacy"]}, {"own_reason": "Mein Grund."}):
        letter = compose("objection-ai", service="facebook", lang=lang, **grounds, **PERSON)
        assert Notice("no-grounds") not in letter.notices


@pytest.mark.parametrize("lang", LANGS)
def test_erasure_asks_for_the_ai_training_data_not_the_account(lang):
    letter = compose("erasure", service="facebook", lang=lang, **PERSON)
    if lang == "en":
        assert "This is not a request to delete my account" in letter.body
        assert not re.search(r"(delete|erase|close) my account[,.]", letter.body)
        assert "Art. 17(1)(c)" in letter.body and "Art. 17(1)(d)" in letter.body
        assert "removed from your training data sets" in letter.body
        assert "Please confirm in writing" in letter.body
    else:
        assert "Ich verlange nicht die Löschung meines Kontos" in letter.body
        assert "Art. 17 Abs. 1 lit. c" in letter.body and "Art. 17 Abs. 1 lit. d" in letter.body
        assert "aus Ihren Trainingsdatensätzen entfernt" in letter.body


@pytest.mark.parametrize("lang", LANGS)
def test_access_asks_whether_and_which_data_trained_ai_since_when(lang):
    letter = compose("access", service="facebook", lang=lang, **PERSON)
    if lang == "en":
        for cite in ("Art. 15(1)(h)", "Art. 15(2)", "Art. 15(3)", "Art. 46"):
            assert cite in letter.body
        assert "whether you have used my personal data to train AI models" in letter.body
        assert "which of my data, for which models and since when" in letter.body
        assert "logic involved" in letter.body
    else:
        for cite in ("Art. 15 Abs. 1 lit. h", "Art. 15 Abs. 2", "Art. 15 Abs. 3", "Art. 46"):
            assert cite in letter.body
        assert "seit wann" in letter.body and "involvierte Logik" in letter.body


@pytest.mark.parametrize("lang", LANGS)
def test_complaint_says_not_confirmed_and_its_reminder_waits_for_the_authority(lang):
    letter = compose(
        "complaint", service="facebook", lang=lang, sent_on=SENT, made_on=TODAY, **PERSON
    )
    if lang == "en":
        assert "not confirmed" in letter.subject and "not confirmed" in letter.body
        assert "not respected" not in letter.subject + letter.body
    else:
        assert "nicht bestätigt" in letter.subject and "nicht bestätigt" in letter.body
        assert "nicht beachtet" not in letter.subject + letter.body
    event = next(iter(icalendar.Calendar.from_ical(letter.to_ics()).walk("VEVENT")))
    assert event.decoded("DTSTART") == add_months(TODAY, 3)
    text = f"{event['SUMMARY']} {event['DESCRIPTION']}"
    assert ("Art. 78(2)" if lang == "en" else "Art. 78 Abs. 2") in text
    assert "Art. 77" not in text and "Art. 12" not in text
    assert not re.search(r"\bcomplain\b|beschweren", text)


@pytest.mark.parametrize("lang", LANGS)
def test_whatsapp_objection_says_meta_ai_needs_a_second_one(lang):
    letter = compose("objection-ai", service="whatsapp", lang=lang, **PERSON)
    meta_form = data.records("services")["meta-ai"]["opt_out"][0]["url"]
    assert SECOND_OBJECTION["whatsapp"] == "meta-ai"
    notice = Notice("second-objection", detail=meta_form)
    assert notice in letter.notices
    sentence = notice_text(notice, lang)
    assert meta_form in sentence and "Meta AI" in sentence
    facebook = compose("objection-ai", service="facebook", lang=lang, **PERSON)
    assert not [n for n in facebook.notices if n.code == "second-objection"]


def test_every_kind_is_covered():
    kinds = {kind for _, kind, _ in _combinations()}
    assert kinds == set(KINDS)


@pytest.mark.parametrize("lang", LANGS)
def test_the_plan_reminds_of_each_kind_as_its_letter_does(lang):
    from toolkit.plan import build_plan

    kept = [
        {
            "kind": kind,
            "service": "facebook",
            "lang": lang,
            "channel": "form",
            "made_on": "2026-12-01",
        }
        for kind in ("objection-ai", "follow-up", "complaint")
    ]
    plan = build_plan(["facebook"], kept, [], lang=lang, today=TODAY)
    objection, follow_up, complaint = plan.reminders[:3]
    assert objection.day == answer_due(TODAY, "form").due
    assert follow_up.day == date(2026, 12, 15)  # the follow-up's own date, 14 days on
    assert complaint.day == add_months(TODAY, 3)  # Art. 78(2): the authority's three months
    assert ("Art. 78(2)" if lang == "en" else "Art. 78 Abs. 2") in complaint.description
    assert not re.search(r"\bcomplain\b|beschwer(en|de bei)", complaint.description, re.I)
    assert "Art. 77" not in complaint.description and "Art. 12" not in complaint.description
