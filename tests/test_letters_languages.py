"""Letters in every language beyond English and German, read as that country's DPO would read them.

Each such letter language has a fixture `tests/fixtures/letters/<lang>.yaml` with the phrases of
its official GDPR text the letters must use (the Art. 12(3) month, the Art. 21 and 6(1)(f)
citations, the follow-up's and complaint's articles), its date format and its PDF and calendar
texts. Every service, kind and channel of the real records is written in each language, with no
English or German sentence left over. The letter language is chosen apart from the interface
language (issue #20).
"""

from __future__ import annotations

import io
import re
from datetime import date
from functools import cache
from pathlib import Path

import icalendar
import pytest
from pypdf import PdfReader

from toolkit import data
from toolkit.letters import KINDS, REASONS, compose
from toolkit.letters.compose import LANGS
from toolkit.letters.deadline import answer_due
from toolkit.letters.model import format_date
from toolkit.letters.spec import channels_for, company, offered_kinds
from toolkit.letters.texts import LETTER_DIR, reason_sentence, texts
from toolkit.letters.texts import name as language_name

FIXTURES = Path(__file__).parent / "fixtures" / "letters"
OTHERS = [lang for lang in LANGS if lang not in ("en", "de")]
TODAY = date(2026, 12, 1)
SENT = date(2026, 10, 15)
PERSON = {"name": "Zoë Ångström-Nguyễn", "email": "zoe@example.org"}
# Words that would show an English or German sentence left in a letter of another language.
LEFTOVER_WORDS = (
    "GDPR DSGVO Dear Yours Sincerely Please the and your Sehr geehrte Ihre und Art. Abs. lit."
).split()


@cache
def fixture(lang: str) -> dict:
    return data.read_yaml((FIXTURES / f"{lang}.yaml").read_text(encoding="utf-8"))


def leftovers(lang: str) -> re.Pattern[str]:
    words = [w for w in LEFTOVER_WORDS if w not in fixture(lang)["allowed_leftovers"]]
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


def fill(phrase: str, lang: str, **dates: date) -> str:
    return phrase.format(**{k: format_date(v, lang) for k, v in dates.items()})


@cache
def letters(lang: str) -> list:
    services = data.records("services")
    authorities = data.records("authorities")
    out = []
    for sid, record in sorted(services.items()):
        for kind in offered_kinds(record):
            for channel in channels_for(kind, record):
                details = dict(PERSON)
                if kind == "admin-optout":
                    details["workspace_url"] = "https://team.slack.com"
                if kind in ("follow-up", "complaint"):
                    details["sent_on"] = SENT
                if kind == "complaint" and record["lead_authority"] not in authorities:
                    details["authority"] = fixture(lang)["complaint_authority"]
                out.append(
                    compose(kind, service=sid, lang=lang, channel=channel, made_on=TODAY, **details)
                )
    return out


def test_there_are_letter_languages_beyond_english_and_german_each_with_a_fixture():
    assert OTHERS
    assert {p.stem for p in FIXTURES.glob("*.yaml")} == set(OTHERS)


@pytest.mark.parametrize("lang", OTHERS)
def test_each_language_has_every_kind_and_its_texts(lang):
    assert {p.name.removesuffix(".txt.j2") for p in (LETTER_DIR / lang).glob("*.txt.j2")} == set(
        KINDS
    )
    own = texts(lang)
    assert language_name(lang).strip() and own["abbreviation"] == fixture(lang)["abbreviation"]
    assert set(own["kinds"]) == set(KINDS)
    assert set(own["reasons"]) == set(REASONS)
    assert {"default", "follow-up", "complaint", "admin-optout"} <= set(own["ics"])
    for rid in REASONS:
        assert reason_sentence(rid, lang).strip(), rid
        assert not leftovers(lang).search(reason_sentence(rid, lang)), rid


@pytest.mark.parametrize("lang", OTHERS)
def test_every_real_letter_is_written_in_the_language_with_its_citations(lang):
    own = fixture(lang)
    assert len(letters(lang)) > 200
    for letter in letters(lang):
        where = (letter.service, letter.kind, letter.channel)
        text = letter.subject + "\n" + letter.body
        assert own["abbreviation"] in text, where
        if letter.kind != "admin-optout":
            assert letter.body.startswith(tuple(own["salutations"])), where
        # what comes from the records is not the template's wording: the company's legal name,
        # the service's name and the address (as the company writes them), and the opt-out
        # subject the service asks for
        record = data.records("services")[letter.service]
        for part in (
            company(record),
            record["name"],
            record["address"],
            *record["address"].splitlines(),
        ):
            text = text.replace(part, "")
        if letter.kind == "admin-optout":
            text = text.replace(letter.subject, "")
        left = leftovers(lang).findall(text)
        assert not left, (where, left)
        assert PERSON["name"] in letter.body


@pytest.mark.parametrize("lang", OTHERS)
@pytest.mark.parametrize("kind", ["objection-ai", "access", "erasure"])
def test_the_art_12_3_month_is_stated_in_the_official_texts_words(lang, kind):
    chosen = [x for x in letters(lang) if x.kind == kind]
    assert chosen
    for letter in chosen:
        due = answer_due(TODAY, letter.channel).due
        assert letter.deadline == due
        for phrase in fixture(lang)["art_12_3"]:
            assert fill(phrase, lang, due=due) in letter.body, (letter.service, phrase)
        for phrase in fixture(lang)["never"]:  # the month is an outer limit
            assert phrase not in letter.body


@pytest.mark.parametrize("lang", OTHERS)
def test_the_objection_cites_art_21_and_6_1_f_as_the_official_text_does(lang):
    letter = compose(
        "objection-ai",
        service="facebook",
        lang=lang,
        made_on=TODAY,
        reasons=list(REASONS),
        direct_marketing=True,
        **PERSON,
    )
    for phrase in fixture(lang)["objection"]:
        assert phrase in letter.body, phrase
    for rid in REASONS:
        if rid != "others-in-posts":  # given as the fuller paragraph instead
            assert reason_sentence(rid, lang) in letter.body, rid
    assert "Meta Platforms Ireland Limited" in letter.body


@pytest.mark.parametrize("lang", OTHERS)
def test_dates_are_written_as_in_a_letter_of_the_language(lang):
    for day, written in fixture(lang)["dates"].items():
        assert format_date(date.fromisoformat(day), lang) == written


@pytest.mark.parametrize("lang", OTHERS)
def test_follow_up_and_complaint_name_the_month_that_passed(lang):
    own = fixture(lang)
    follow = compose(
        "follow-up", service="facebook", lang=lang, sent_on=SENT, made_on=TODAY, **PERSON
    )
    for phrase in own["follow_up"]:
        expected = fill(phrase, lang, sent_plus_month=follow.due.due, asked=follow.deadline)
        assert expected in follow.body, expected
    complaint = compose(
        "complaint",
        service="facebook",
        lang=lang,
        sent_on=SENT,
        made_on=TODAY,
        authority=own["complaint_authority"],
        **PERSON,
    )
    assert complaint.subject.startswith(own["complaint_subject_starts"])
    for phrase in own["complaint"]:
        assert phrase in complaint.body, phrase


@pytest.mark.parametrize("lang", OTHERS)
def test_a_pdf_and_calendar_read_back_in_the_language(lang):
    own = fixture(lang)
    letter = compose(
        "objection-ai",
        service="facebook",
        lang=lang,
        channel="letter",
        made_on=TODAY,
        place=own["pdf"]["place"],
        address=own["pdf"]["address"],
        **PERSON,
    )
    assert not [n for n in letter.notices if n.code == "unprintable"]
    reader = PdfReader(io.BytesIO(letter.to_pdf()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for phrase in own["pdf"]["expect"]:
        assert phrase in text, phrase
    assert PERSON["name"] in text
    event = icalendar.Calendar.from_ical(letter.to_ics()).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == own["ics_summary"]
    assert own["ics_description"] in str(event["DESCRIPTION"])


def test_every_template_in_a_language_beyond_english_and_german_names_its_official_text():
    others = [p for lang in OTHERS for p in (LETTER_DIR / lang).glob("*.txt.j2")]
    assert len(others) == len(OTHERS) * len(KINDS)
    for path in others:
        note = path.read_text(encoding="utf-8").split("#}", 1)[0]
        assert "Official text followed: Regulation (EU) 2016/679" in note, path
        assert "checked on" in note or "were checked against" in note, path
