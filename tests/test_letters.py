"""Letters: the template contract, every kind and language, exports parsed back, bad input."""

from __future__ import annotations

import email
import email.policy
import io
from datetime import date
from urllib.parse import parse_qs, unquote, urlsplit

import icalendar
import pytest
from pypdf import PdfReader

from toolkit import data
from toolkit.letters import KINDS, REASONS, LetterInputError, Notice, compose
from toolkit.letters.compose import LANGS as LETTER_LANGS
from toolkit.letters.model import add_month
from toolkit.letters.render import (
    LETTER_DIR,
    LetterTemplateError,
    render_blocks,
    undeclared_variables,
)
from toolkit.letters.spec import FormBlocks, offered_kinds, route
from toolkit.paths import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "data"
CONTEXT_KEYS = {
    "lang", "kind", "channel", "today", "place", "sender", "service", "reasons", "own_reason",
    "others_affected", "direct_marketing", "workspace_url", "sent_on", "deadline",
    "request_deadline", "reference", "answer", "authority", "deadline_passed", "optout_email",
    "optout_subject",
}  # fmt: skip
PERSON = {
    "name": "Zoë Ångström-Nguyễn",
    "email": "zoe@example.org",
    "account_email": "zoe@example.org",
}


@pytest.fixture
def fixture_data():
    data.use_data_dir(FIXTURES)
    yield
    data.use_data_dir(None)


def template_files():
    found = sorted(LETTER_DIR.glob("*/*.txt.j2"))
    assert found, "no letter templates found"
    return found


def test_every_kind_has_a_template_in_each_language():
    names = {(p.parent.name, p.name.removesuffix(".txt.j2")) for p in template_files()}
    assert names == {(lang, kind) for lang in LETTER_LANGS for kind in KINDS}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", LETTER_LANGS)
def test_template_reads_only_the_letter_context(kind, lang):
    assert undeclared_variables(kind, lang) <= CONTEXT_KEYS


def test_a_missing_variable_fails_loudly_naming_the_template():
    with pytest.raises(LetterTemplateError, match=r"de/objection-ai\.txt\.j2"):
        render_blocks("objection-ai", "de", {"service": {"name": "X"}})


def test_every_service_kind_lists_only_existing_templates():
    services = data.records("services")
    for service_id, record in services.items():
        for kind in record["letters"]["kinds"]:
            assert kind in KINDS, f"{service_id}: {kind}"


def _details_for(kind: str) -> dict:
    details = dict(PERSON)
    if kind == "objection-ai":
        details.update(reasons=list(REASONS[:2]), others_affected=True, own_reason="Mein Grund.")
    if kind == "admin-optout":
        details.update(workspace_url="https://team.slack.com")
    if kind in ("follow-up", "complaint"):
        details.update(sent_on=date(2026, 9, 1), answer="We will take your request into account.")
    return details


def _real_pairs():
    pairs = [
        (sid, kind)
        for sid, rec in sorted(data.records("services").items())
        for kind in offered_kinds(rec)
    ]
    return pairs


LETTER_FIXTURES = ROOT / "tests" / "fixtures" / "letters"
# How each letter language cites the GDPR (each language's official text: templates' notes);
# beyond English and German, as that language's fixture (tests/fixtures/letters/<lang>.yaml) says.
ART_21_1 = {"en": "Art. 21(1)", "de": "Art. 21 Abs. 1"}
ART_12_3 = {"en": "Art. 12(3)", "de": "Art. 12 Abs. 3"}
ART_77 = {"en": "Art. 77", "de": "Art. 77"}
for _lang in LETTER_LANGS:
    if _lang not in ART_21_1:
        _fixture = LETTER_FIXTURES / f"{_lang}.yaml"
        _cites = data.read_yaml(_fixture.read_text(encoding="utf-8"))["cites"]
        ART_21_1[_lang], ART_12_3[_lang], ART_77[_lang] = (
            _cites["21(1)"],
            _cites["12(3)"],
            _cites["77"],
        )


@pytest.mark.parametrize("lang", LETTER_LANGS)
def test_every_kind_for_every_real_service_composes(lang):
    pairs = _real_pairs()
    assert pairs, "no service record with letter kinds found in data/services/"
    for service_id, kind in pairs:
        details = _details_for(kind)
        lead = data.records("services")[service_id]["lead_authority"]
        if kind == "complaint" and lead not in data.records("authorities"):
            details["authority"] = "de-hh"  # where the participant lives
        letter = compose(kind, service=service_id, lang=lang, **details)
        assert letter.subject and letter.body
        assert PERSON["name"] in letter.body
        assert "{{" not in letter.body and "{%" not in letter.body
        if kind == "objection-ai":
            assert ART_21_1[lang] in letter.body
        if kind in ("follow-up",):
            assert ART_12_3[lang] in letter.body
            assert ART_77[lang] in letter.body
        if kind == "complaint":
            assert ART_77[lang] in letter.body


def test_objection_form_blocks_and_grounds(fixture_data):
    letter = compose(
        "objection-ai", service="example-social", lang="de", **_details_for("objection-ai")
    )
    assert letter.channel == "form"
    assert letter.recipient.url == "https://social.example/objection"
    assert "mache ich von meinem Widerspruchsrecht" in letter.blocks["form_reason"]
    assert "bitte um unverzügliche Bestätigung meines Widerspruchs" in letter.blocks["form_reason"]
    assert "meine Kinder" in letter.blocks["form_more"]
    assert "Mein Grund." in letter.body
    english = compose("objection-ai", service="example-social", lang="en", **PERSON)
    assert "form_more" not in english.blocks
    assert "Art. 6(1)(f)" in english.body


def test_letter_language_is_independent_of_anything_else(fixture_data):
    de = compose("access", service="example-social", lang="de", **PERSON)
    en = compose("access", service="example-social", lang="en", **PERSON)
    assert "Sehr geehrte" in de.body and "Dear Sir or Madam" in en.body


def test_owner_optout_and_member_message(fixture_data):
    owner = compose(
        "admin-optout",
        service="example-chat",
        lang="en",
        workspace_url="https://team.chat.example",
        **PERSON,
    )
    assert owner.recipient.email == "feedback@chat.example"
    assert owner.subject == "Global model opt-out request"
    assert "https://team.chat.example" in owner.body
    member = compose(
        "admin-optout",
        service="example-chat",
        lang="de",
        is_owner=False,
        workspace_url="https://team.chat.example",
        name="Bo",
    )
    assert member.channel == "message"
    assert "feedback@chat.example" in member.body and "Owner" in member.body


def test_follow_up_names_the_objections_month_from_receipt(fixture_data):
    letter = compose(
        "follow-up",
        service="example-social",
        lang="en",
        sent_on="2026-01-31",
        made_on=date(2026, 3, 10),
        **PERSON,
    )
    # one month from 31 Jan is 28 Feb, a Saturday: the objection's month ended Monday 2 March
    assert "that is by 2 March 2026; that period has ended" in letter.body
    assert add_month(date(2026, 12, 15)) == date(2027, 1, 15)


def test_complaint_goes_to_the_lead_authority_and_warns_when_early(fixture_data):
    early = compose(
        "complaint", service="example-social", lang="en", sent_on=date.today(), **PERSON
    )
    assert early.recipient.name == "Example Data Protection Authority"
    assert Notice("deadline-not-passed") in early.notices
    assert [n for n in early.notices if n.code == "cut"] == []  # nothing was cut
    late = compose(
        "complaint",
        service="example-social",
        lang="de",
        sent_on="2026-01-01",
        made_on=date(2026, 3, 1),
        **PERSON,
    )
    assert "abgelaufen" in late.body and late.notices == ()


def test_eml_parses_back_with_correct_headers(fixture_data):
    letter = compose(
        "follow-up", service="example-social", lang="de", sent_on="2026-01-01", **PERSON
    )
    message = email.message_from_bytes(letter.to_eml(), policy=email.policy.default)
    assert message["To"].addresses[0].addr_spec == "privacy@social.example"
    assert message["From"].addresses[0].display_name == PERSON["name"]
    assert message["Subject"] == letter.subject
    assert message["Date"].datetime.date() == date.today() or message["Date"].datetime
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message.get_content().strip() == letter.body.strip()


def test_mailto_is_fully_encoded(fixture_data):
    letter = compose(
        "follow-up",
        service="example-social",
        lang="de",
        sent_on="2026-01-01",
        answer="a&b=c?d #e",
        **PERSON,
    )
    link = letter.mailto()
    parts = urlsplit(link)
    assert parts.scheme == "mailto" and unquote(parts.path) == "privacy@social.example"
    query = parse_qs(parts.query)
    assert query["subject"] == [letter.subject]
    assert query["body"][0].replace("\r\n", "\n") == letter.body
    assert " " not in link and "\n" not in link


def test_pdf_opens_with_name_and_umlauts_intact(fixture_data):
    letter = compose(
        "objection-ai",
        service="example-social",
        lang="de",
        channel="letter",
        place="Köln",
        **PERSON,
    )
    reader = PdfReader(io.BytesIO(letter.to_pdf()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert PERSON["name"] in text
    assert "Widerspruch gemäß Art. 21 Abs. 1 DSGVO" in text
    assert "Example Social Ireland Limited" in text and "Köln" in text


def test_ics_parses_as_a_reminder_one_month_later(fixture_data):
    letter = compose(
        "objection-ai", service="example-social", lang="en", made_on=date(2026, 1, 31), **PERSON
    )
    calendar = icalendar.Calendar.from_ical(letter.to_ics())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    # one month from 31 Jan is 28 Feb (the month's last day), a Saturday: due Monday 2 March
    assert events[0].decoded("DTSTART") == date(2026, 3, 2)
    assert "Example Social" in str(events[0]["SUMMARY"])
    assert list(events[0].walk("VALARM"))


@pytest.mark.parametrize(
    ("details", "field", "code"),
    [
        ({"name": ""}, "name", "required"),
        ({"name": "   \n\t "}, "name", "required"),
        ({"name": "A" * 121}, "name", "too-long"),
        (
            {"name": "Eve", "email": "eve@example.org\r\nBcc: x@example.org"},
            "email",
            "not-an-email",
        ),
        ({"name": "Eve", "email": "not an email"}, "email", "not-an-email"),
        ({"name": "Eve", "account_url": "javascript:alert(1)"}, "account_url", "not-a-url"),
        ({"name": "Eve", "reasons": ["made-up"]}, "reasons", "unknown-reason"),
        ({"name": "Eve", "shoe_size": 44}, "shoe_size", "unknown-field"),
    ],
)
def test_bad_input_is_refused_with_the_field_named(fixture_data, details, field, code):
    with pytest.raises(LetterInputError) as caught:
        compose("objection-ai", service="example-social", lang="en", **details)
    assert (caught.value.field, caught.value.code) == (field, code)


def test_unknown_service_kind_or_language_are_clear_errors(fixture_data):
    for kwargs, field in [
        ({"service": "nope"}, "service"),
        ({"service": "example-chat"}, "kind"),
        ({"service": "example-social", "lang": "xx"}, "lang"),
    ]:
        with pytest.raises(LetterInputError) as caught:
            compose("objection-ai", **{"lang": "en", "name": "Eve", **kwargs})
        assert caught.value.field == field


def test_hostile_name_never_reaches_headers_and_stays_literal(fixture_data):
    name = "Eve\r\nBcc: victim@example.org {{ 7*7 }} <script>alert(1)</script>\u202egnp.exe"
    letter = compose(
        "follow-up",
        service="example-social",
        lang="en",
        sent_on="2026-01-01",
        name=name,
        email="eve@example.org",
    )
    raw = letter.to_eml()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Bcc"] is None
    assert b"\r\nBcc:" not in raw
    assert "{{ 7*7 }}" in letter.body and "49" not in letter.body
    assert "<script>alert(1)</script>" in letter.body  # literal in text; escaped where shown
    assert "\u202e" not in letter.body


def test_long_free_text_is_cut_with_a_notice(fixture_data):
    letter = compose(
        "objection-ai", service="example-social", lang="en", name="Eve", own_reason="x" * 100_000
    )
    assert letter.notices == (Notice("cut", "own_reason"),)
    assert len(letter.body) < 10_000


def test_download_file_names_are_safe(fixture_data):
    letter = compose("objection-ai", service="example-social", lang="en", name="Eve")
    assert letter.filename("eml") == "objection-ai-example-social-en.eml"
    from toolkit.ui.common import safe_filename

    assert safe_filename("../../etc/passwd", "txt") == "etc-passwd.txt"
    assert safe_filename("\x00\u202e", "pdf") == "letter.pdf"


def test_every_offered_letter_reaches_a_legal_person_by_a_working_channel():
    """Every (service, kind, channel, language) the app offers has a recipient that is a company
    (not a product name) and the address, e-mail or form the channel needs; kinds with nobody to
    send them to are not offered."""
    from toolkit.letters.spec import channels_for, offered_kinds, unreachable_kinds

    records = data.records("services")
    assert len(records) >= 50
    combos = 0
    for sid, record in records.items():
        assert set(offered_kinds(record)) | set(unreachable_kinds(record)) == set(
            k for k in KINDS if k in record["letters"]["kinds"]
        )
        for kind in offered_kinds(record):
            for channel in channels_for(kind, record):
                for lang in ("en", "de"):
                    details = {"name": "Eve", "email": "eve@example.org"}
                    if kind == "admin-optout":
                        details["workspace_url"] = "https://team.example.org"
                    if kind in ("follow-up", "complaint"):
                        details["sent_on"] = "2026-10-01"
                    if kind == "complaint":
                        details["authority"] = "de-hh"  # where the participant lives
                    letter = compose(kind, service=sid, lang=lang, channel=channel, **details)
                    rcpt = letter.recipient
                    need = {"email": rcpt.email, "form": rcpt.url, "letter": rcpt.address_lines}
                    assert need[channel], (sid, kind, channel)
                    if kind != "complaint":
                        assert rcpt.name == record["company"] != "unknown", (sid, kind)
                    combos += 1
    assert combos > 500


# Web forms whose fields no source that could be read describes: Meta's objection forms and
# LinkedIn's Data Processing Objection Form (issue 15). Their records say so, in both languages.
UNSOURCED_FORMS = (
    "facebook",
    "instagram",
    "messenger",
    "threads",
    "whatsapp",
    "meta-ai",
    "linkedin",
)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("service", UNSOURCED_FORMS)
def test_forms_without_sourced_fields_get_the_generic_blocks(service, lang):
    record = data.records("services")[service]
    form = route(record, "form")
    assert form["fields"] == "unknown"
    assert form["fields_unsettled"]["en"] and form["fields_unsettled"]["de"]
    letter = compose(
        "objection-ai", service=service, lang=lang, channel="form", **_details_for("objection-ai")
    )
    assert letter.form == FormBlocks(("account_email", "form_reason", "form_more"), sourced=False)
    assert letter.blocks["account_email"] == PERSON["account_email"]
    assert "Art. 21" in letter.blocks["form_reason"]


def test_whatsapp_objection_goes_to_the_form_its_privacy_policy_names():
    record = data.records("services")["whatsapp"]
    form = route(record, "form")
    assert form["url"] == "https://www.whatsapp.com/contact/forms/382532939919295/"
    option = "How can I make an objection to the processing of my information"
    assert all(option in " ".join(form["steps"][lang]) for lang in ("en", "de"))
    letter = compose("objection-ai", service="whatsapp", lang="de", channel="form", **PERSON)
    assert letter.recipient.url == form["url"]


def test_only_a_letter_through_a_form_gets_form_blocks(fixture_data):
    letter = compose("objection-ai", service="example-social", lang="en", channel="email", **PERSON)
    assert letter.form == FormBlocks()
    assert "account_email" not in letter.blocks
    access = compose("access", service="example-social", lang="en", channel="form", **PERSON)
    assert access.form == FormBlocks()


def _complaint(service: str, lang: str, authority: str | None = None):
    details = _details_for("complaint")
    if authority:
        details["authority"] = authority
    return compose("complaint", service=service, lang=lang, **details)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize(
    ("authority", "website"),
    [("ie-dpc", "https://www.dataprotection.ie"), ("pl-uodo", "https://uodo.gov.pl")],
)
def test_a_complaint_to_an_authority_with_an_unconfirmed_address_says_check_it(
    authority, website, lang
):
    record = data.records("authorities")[authority]
    assert record["address_unsettled"]["en"] and record["address_unsettled"]["de"]
    letter = _complaint("facebook", lang, authority)
    assert Notice("address-unsettled", detail=website) in letter.notices


def test_the_dpc_address_is_the_new_one_and_rests_on_no_primary_source():
    record = data.records("authorities")["ie-dpc"]
    assert "6 Pembroke Row" in record["address"]
    by_address = [s for s in record["sources"] if "address" in s["supports"]]
    assert by_address and all(s["kind"] != "primary" for s in by_address)
    assert all("Pembroke Row" in s["quote"] for s in by_address if s["kind"] == "secondary")


def test_a_complaint_to_an_authority_with_a_confirmed_address_has_no_such_notice():
    letter = _complaint("facebook", "de", "de-hh")
    assert not any(n.code == "address-unsettled" for n in letter.notices)
