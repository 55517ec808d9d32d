"""Print and mail: the letter PDF read back (scripts, DIN 5008 window, pages), .eml and mailto."""

from __future__ import annotations

import email
import email.policy
import io

import pytest
from pypdf import PdfReader

from toolkit import data
from toolkit.letters import compose
from toolkit.letters.compose import Letter, Recipient
from toolkit.letters.export import (
    ADDRESS_TOP,
    FIELD_HEIGHT,
    FIELD_LEFT,
    FIELD_TOP,
    FIELD_WIDTH,
    MAILTO_LIMIT,
    mailto_too_long,
    offers_eml,
    recipient_lines,
    unprintable_chars,
)
from toolkit.paths import ROOT
from toolkit.printing import unprintable_chars as unprintable_text

FIXTURES = ROOT / "tests" / "fixtures" / "data"
SIX_LINES = (
    "c/o Beispiel\nHinterhaus, 3. Stock\nLange Straße 12a\nWohnung 7\n50667 Köln\nDeutschland"
)
MM = 25.4 / 72


@pytest.fixture
def fixture_data():
    data.use_data_dir(FIXTURES)
    yield
    data.use_data_dir(None)


def letter_for(name: str, **details) -> Letter:
    details.setdefault("address", SIX_LINES)
    return compose(
        "objection-ai",
        service="example-social",
        lang=details.pop("lang", "de"),
        channel=details.pop("channel", "letter"),
        name=name,
        email="person@example.org",
        place="Köln",
        **details,
    )


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def positions(pdf: bytes, page: int = 0) -> list[tuple[str, float, float]]:
    """(text, mm from the left edge, mm from the top edge) of each piece of text on a page."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            found.append((text, x * MM, 297 - y * MM))

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("name", ["Zoë Ångström-Nguyễn", "王秀英", "김민준", "Ελένη Παπαδοπούλου"])
def test_pdf_keeps_latin_chinese_korean_and_greek_names(fixture_data, name):
    letter = letter_for(name)
    assert unprintable_chars(letter) == set()
    first, *_ = text = pages_text(letter.to_pdf())
    assert first.splitlines()[0] == name  # the sender block, first line
    assert "".join(text).count(name) >= 3  # sender, return address, signature


def test_pdf_shapes_arabic_names_right_to_left(fixture_data):
    name = "ليلى عبد الله"
    letter = letter_for(name)
    assert unprintable_chars(letter) == set()
    text = "".join(pages_text(letter.to_pdf()))
    lines = text.splitlines()
    # pypdf gives the words of a right-to-left line in visual order (left to right), each word
    # intact; a viewer copies them in reading order. Either way no letter is lost or split.
    visual = " ".join(reversed(name.split()))
    assert lines[0] in (name, visual)
    assert sum(line.strip() in (name, visual) for line in lines) >= 2  # sender and signature
    assert "ل ي ل ى" not in text  # not printed as separate letters


def test_characters_no_font_has_are_named_before_download(fixture_data):
    letter = letter_for("अनुज शर्मा")
    missing = unprintable_chars(letter)
    assert missing and missing <= set("अनुज शर्मा")
    assert " " not in missing
    assert unprintable_text("Zoë 王秀英 ليلى Ольга שרה\u200d") == set()
    assert unprintable_text("a 𓀀 b") == {"𓀀"}


def test_recipient_is_inside_the_din_5008_window_with_a_six_line_sender(fixture_data):
    letter = letter_for("Maximiliane Mustermann-Schulze", address=SIX_LINES)
    spots = positions(letter.to_pdf())
    recipient = [s for s in spots if s[0].strip() in recipient_lines(letter)]
    assert {s[0].strip() for s in recipient} == set(recipient_lines(letter))
    for _text, x, baseline in recipient:
        assert FIELD_LEFT <= x <= FIELD_LEFT + FIELD_WIDTH
        assert ADDRESS_TOP < baseline <= FIELD_TOP + FIELD_HEIGHT
    sender = [s for s in spots if "Deutschland" == s[0].strip()]
    assert sender and sender[0][2] < FIELD_TOP  # the sender's last line stays above the window


@pytest.mark.parametrize("length", range(0, 1401, 100))
def test_signature_never_alone_and_pages_numbered(fixture_data, length):
    reason = ("Ich möchte nicht, dass meine Fotos und Beiträge für KI genutzt werden. " * 40)[
        :length
    ]
    letter = letter_for("Zoë Ångström-Nguyễn", own_reason=reason, others_affected=True)
    text = pages_text(letter.to_pdf())
    total = len(text)
    for number, page in enumerate(text, 1):
        assert f"Seite {number} von {total}" in page
    last = [line for line in text[-1].splitlines() if line.strip()]
    closing = last.index("Mit freundlichen Grüßen")
    assert closing >= 2  # at least two lines of the letter stand above the closing


def test_long_letter_runs_over_two_pages_with_numbers(fixture_data):
    reason = "Meine Daten gehören mir und nicht einem Sprachmodell. " * 40
    letter = letter_for("Zoë Ångström-Nguyễn", own_reason=reason[:2000], others_affected=True)
    text = pages_text(letter.to_pdf())
    assert len(text) == 2
    assert "Seite 1 von 2" in text[0] and "Seite 2 von 2" in text[1]


def test_authority_name_is_not_printed_twice_in_any_complaint_address():
    def norm(text):
        return " ".join(text.split())

    for authority_id, record in data.records("authorities").items():
        address = tuple(record["address"].splitlines())
        letter = Letter(
            "complaint", "de", "x", "X", "letter", Recipient(record["name"], address_lines=address),
            "Betreff", "Text", "Name",
        )  # fmt: skip
        lines = recipient_lines(letter)
        assert lines[0] == record["name"], authority_id
        assert norm(record["name"]) not in map(norm, lines[1:]), authority_id
        assert lines[-1] == address[-1] and len(lines) >= 3, authority_id  # street, town kept
    bremen = Recipient(
        "Die Landesbeauftragte für Datenschutz und Informationsfreiheit Bremen",
        address_lines=("Die Landesbeauftragte für Datenschutz und Informationsfreiheit", "Arndtstraße 1", "27570 Bremerhaven"),
    )  # fmt: skip
    letter = Letter("complaint", "de", "x", "X", "letter", bremen, "Betreff", "Text", "Name")
    assert recipient_lines(letter) == [bremen.name, "Arndtstraße 1", "27570 Bremerhaven"]


def test_eml_is_offered_only_with_an_address_for_to(fixture_data):
    by_mail = letter_for("Zoë", channel="email")
    message = email.message_from_bytes(by_mail.to_eml(), policy=email.policy.default)
    assert offers_eml(by_mail)
    assert message["To"].addresses[0].addr_spec == by_mail.recipient.email
    by_form = letter_for("Zoë", channel="form")
    assert not by_form.recipient.email and not offers_eml(by_form)
    by_post = letter_for("Zoë", channel="letter")
    assert not offers_eml(by_post)


def test_long_mailto_links_are_flagged(fixture_data):
    # the owner's opt-out is the shortest e-mail letter (an access request, with all of Art. 15,
    # is now longer than a mail link holds)
    short = compose(
        "admin-optout",
        service="example-chat",
        lang="en",
        name="Zoë",
        email="zoe@example.org",
        workspace_url="https://team.chat.example",
    )
    assert len(short.mailto()) <= MAILTO_LIMIT and not mailto_too_long(short)
    long = letter_for("Zoë Ångström-Nguyễn", channel="email", own_reason="Ä" * 400)
    assert len(long.mailto()) > MAILTO_LIMIT and mailto_too_long(long)
