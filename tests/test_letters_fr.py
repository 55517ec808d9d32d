"""French letters, read as a French-speaking data protection officer would read them.

Every service, kind and channel of the real records is written in French; each letter must cite
the GDPR as the French text does ("article 12, paragraphe 3, du RGPD"), keep the Art. 12(3)
wording and dates, and carry no English or German left over. The interface stays in its own
language (issue #20: the letter language is chosen apart from the interface language).
"""

from __future__ import annotations

import io
import re
from datetime import date

import icalendar
import pytest
from pypdf import PdfReader

from toolkit import data
from toolkit.letters import KINDS, REASONS, compose
from toolkit.letters.compose import LANGS, _reasons
from toolkit.letters.deadline import answer_due
from toolkit.letters.model import format_date
from toolkit.letters.render import LETTER_DIR
from toolkit.letters.spec import channels_for, company, offered_kinds

TODAY = date(2026, 12, 1)
SENT = date(2026, 10, 15)
PERSON = {"name": "Zoë Ångström-Nguyễn", "email": "zoe@example.org"}
# Words that would show an English or German sentence left in a French letter.
LEFTOVERS = re.compile(
    r"\b(GDPR|DSGVO|Dear|Yours|Sincerely|Please|the|and|your|Sehr|geehrte|Ihre|und|"
    r"Art\.|Abs\.|lit\.)\b"
)


def _letters():
    services = data.records("services")
    authorities = data.records("authorities")
    for sid, record in sorted(services.items()):
        for kind in offered_kinds(record):
            for channel in channels_for(kind, record):
                details = dict(PERSON)
                if kind == "admin-optout":
                    details["workspace_url"] = "https://team.slack.com"
                if kind in ("follow-up", "complaint"):
                    details["sent_on"] = SENT
                if kind == "complaint" and record["lead_authority"] not in authorities:
                    details["authority"] = "fr-cnil"
                yield compose(
                    kind, service=sid, lang="fr", channel=channel, made_on=TODAY, **details
                )


LETTERS = list(_letters())


def test_french_is_a_letter_language_with_every_kind():
    assert "fr" in LANGS
    assert {p.name.removesuffix(".txt.j2") for p in (LETTER_DIR / "fr").glob("*.txt.j2")} == set(
        KINDS
    )


def test_every_real_letter_is_written_in_french_with_french_citations():
    assert len(LETTERS) > 200
    for letter in LETTERS:
        where = (letter.service, letter.kind, letter.channel)
        text = letter.subject + "\n" + letter.body
        assert "RGPD" in text, where
        if letter.kind != "admin-optout" or "Bonjour" not in letter.body:
            assert letter.body.startswith(("Madame, Monsieur,", "Bonjour,")), where
        # what comes from the records is not the template's wording: the company's legal name
        # the service's name and the address (as the company writes them), and the opt-out subject the service asks for
        record = data.records("services")[letter.service]
        for own in (
            company(record),
            record["name"],
            record["address"],
            *record["address"].splitlines(),
        ):
            text = text.replace(own, "")
        if letter.kind == "admin-optout":
            text = text.replace(letter.subject, "")
        left = LEFTOVERS.findall(text)
        assert not left, (where, left)
        assert PERSON["name"] in letter.body


@pytest.mark.parametrize("kind", ["objection-ai", "access", "erasure"])
def test_the_art_12_3_month_is_stated_in_the_french_texts_words(kind):
    letters = [x for x in LETTERS if x.kind == kind]
    assert letters
    for letter in letters:
        due = answer_due(TODAY, letter.channel).due
        assert letter.deadline == due
        assert "article 12, paragraphe 3, du RGPD" in letter.body
        assert "dans les meilleurs délais et en tout état de cause" in letter.body
        assert f"soit jusqu'au {format_date(due, 'fr')}" in letter.body
        assert "prolonger ce délai de deux mois" in letter.body
        assert "au plus tard" not in letter.body  # the month is an outer limit


def test_the_objection_cites_art_21_and_6_1_f_as_the_french_text_does():
    letter = compose(
        "objection-ai",
        service="facebook",
        lang="fr",
        made_on=TODAY,
        reasons=list(REASONS),
        direct_marketing=True,
        **PERSON,
    )
    body = letter.body
    assert "au titre de l'article 21, paragraphe 1, du RGPD" in body
    assert "article 6, paragraphe 1, point f), du RGPD" in body
    assert "motifs légitimes et impérieux" in body
    assert "constatation, à l'exercice ou à la défense de droits en justice" in body
    assert "article 21, paragraphe 2, du RGPD" in body and "prospection" in body
    assert "Raisons tenant à ma situation particulière" in body
    for rid in REASONS:
        sentence = _reasons()[rid]["sentence"]["fr"]
        if rid != "others-in-posts":  # given as the fuller paragraph instead
            assert sentence in body
    assert "Meta Platforms Ireland Limited" in body


def test_every_ground_has_a_french_sentence_that_is_not_english():
    for rid, entry in _reasons().items():
        assert entry["sentence"]["fr"].strip(), rid
        assert not LEFTOVERS.search(entry["sentence"]["fr"]), rid


def test_french_dates_are_written_as_in_a_french_letter():
    assert format_date(date(2026, 12, 1), "fr") == "1er décembre 2026"
    assert format_date(date(2027, 1, 5), "fr") == "5 janvier 2027"
    assert format_date(date(2027, 8, 21), "fr") == "21 août 2027"


def test_french_follow_up_and_complaint_name_the_month_that_passed():
    follow = compose(
        "follow-up", service="facebook", lang="fr", sent_on=SENT, made_on=TODAY, **PERSON
    )
    assert "16 novembre 2026" in follow.body and "ce délai a expiré" in follow.body
    assert "d'ici le 15 décembre 2026" in follow.body
    assert "article 17, paragraphe 1, point c), du RGPD" in follow.body
    complaint = compose(
        "complaint",
        service="facebook",
        lang="fr",
        sent_on=SENT,
        made_on=TODAY,
        authority="fr-cnil",
        **PERSON,
    )
    assert complaint.subject.startswith("Réclamation au titre de l'article 77 du RGPD")
    assert "article 77, paragraphe 2, du RGPD" in complaint.body
    assert "article 58 du RGPD" in complaint.body


def test_a_french_pdf_and_calendar_read_back_in_french():
    letter = compose(
        "objection-ai",
        service="facebook",
        lang="fr",
        channel="letter",
        made_on=TODAY,
        place="Lyon",
        address="1 rue de la République\n69001 Lyon",
        **PERSON,
    )
    assert not [n for n in letter.notices if n.code == "unprintable"]
    reader = PdfReader(io.BytesIO(letter.to_pdf()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Opposition au titre de l'article 21, paragraphe 1, du RGPD" in text
    assert "Page 1 sur" in text and "Lyon, 1er décembre 2026" in text
    assert PERSON["name"] in text
    event = icalendar.Calendar.from_ical(letter.to_ics()).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Vérifier la réponse\u00a0: opposition à Facebook"
    assert "article 12, paragraphe 3, du RGPD" in str(event["DESCRIPTION"])


def test_every_template_in_a_language_beyond_english_and_german_names_its_official_text():
    others = [p for p in LETTER_DIR.glob("*/*.txt.j2") if p.parent.name not in ("en", "de")]
    assert others
    for path in others:
        note = path.read_text(encoding="utf-8").split("#}", 1)[0]
        assert "Official text followed: Regulation (EU) 2016/679" in note, path
        assert "checked on" in note or "were checked against" in note, path
