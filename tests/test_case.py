"""The case file: a whole objection in one file the participant keeps, and back again."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from html.parser import HTMLParser

import pytest
from hostile_corpus import HOSTILE

from toolkit import case as case_module
from toolkit import data
from toolkit.case import Case, CaseFileError, CaseLetter, dump, load
from toolkit.letters import LetterInputError, compose
from toolkit.paths import ROOT
from toolkit.text import clean_block, clean_line

VAGUE = (
    "Wir haben deinen Antrag geprüft und erkennen deinen Einspruch an. "
    "Das bedeutet, dein Antrag wird künftig berücksichtigt."
)


@pytest.fixture(autouse=True)
def fixture_data():
    data.use_data_dir(ROOT / "tests" / "fixtures" / "data")
    yield
    data.use_data_dir(None)


def _letter(kind="objection-ai", channel="email", **details):
    values = {"name": "Eve Example", "email": "eve@example.org", **details}
    if kind in ("follow-up", "complaint"):
        values.setdefault("sent_on", "2026-11-02")
    return compose(kind, service="example-social", lang="de", channel=channel, **values)


def _case() -> Case:
    case = Case("example-social", "Example Social", "de", created_on=date(2026, 11, 2))
    case.add_letter(_letter(), sent_on=date(2026, 11, 2))
    return case


def _payload(raw: bytes) -> dict:
    block = re.search(
        rb'<script type="application/json" id="privacy-kit-case">(.*?)</script>', raw, re.S
    )
    return json.loads(block.group(1))


def _rewrite(raw: bytes, payload: dict, *, resign: bool) -> bytes:
    if resign:
        canonical = json.dumps(
            payload["case"], sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        payload["sha256"] = hashlib.sha256(canonical.encode()).hexdigest()
    text = json.dumps(payload).replace("<", "\\u003c")
    return re.sub(
        rb'(<script type="application/json" id="privacy-kit-case">).*?(</script>)',
        lambda m: m.group(1) + text.encode() + m.group(2),
        raw,
        flags=re.S,
    )


def test_the_whole_story_round_trips_and_offers_the_next_step():
    case = _case()
    assert case.next_step(date(2026, 11, 20)).kind == "wait"
    case.add_answer(VAGUE, received_on=date(2026, 11, 10))
    assert case.status == "vague"
    step = case.next_step(date(2026, 11, 11))
    assert step.kind == "follow-up" and step.due == date(2026, 12, 2)
    case.add_letter(_letter("follow-up", answer=step.prefill["answer"]), sent_on=date(2026, 11, 11))
    assert case.status == "followed-up"
    assert case.next_step(date(2026, 11, 20)).kind == "wait"
    overdue = case.next_step(date(2026, 12, 3))
    assert (overdue.kind, overdue.reason) == ("complaint", "overdue")
    assert "erkennen deinen Einspruch an" in overdue.prefill["answer"]

    restored = load(dump(case, today=date(2026, 11, 20)))
    assert restored == case
    assert [e.status for e in restored.history] == ["sent", "answered", "vague", "followed-up"]
    assert restored.next_step(date(2026, 12, 3)) == overdue

    restored.add_letter(_letter("complaint"), sent_on=date(2026, 12, 3))
    assert restored.status == "complained"
    assert restored.next_step(date(2026, 12, 4)).kind == "wait"
    restored.mark_done(date(2027, 2, 1), "authority decided")
    assert load(dump(restored)).status == "done"


def test_the_file_is_a_readable_page_with_one_machine_readable_block():
    case = _case()
    case.add_answer(VAGUE + " Vorgangsnummer: 2026-114823", received_on=date(2026, 11, 10))
    raw = dump(case, today=date(2026, 11, 11))
    html = raw.decode("utf-8")
    assert html.lstrip().startswith("<!DOCTYPE html>")
    assert "<title>Fallakte: Example Social</title>" in html
    assert "unklare Antwort" in html and "Senden Sie die Nachfrage" in html
    assert "gesendet (Widerspruch gegen KI-Training)" in html
    assert "„Wir haben deinen Antrag geprüft und erkennen deinen Einspruch an.“" in html
    assert "ob das Training mit Ihren Daten aufhört" in html
    assert "2026-114823" in html and case.reference == "2026-114823"
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert html.count("<script") == 1
    payload = _payload(raw)
    assert payload["format"] == "privacy-workshop-kit/case" and payload["version"] == 1
    assert case.filename() == "case-example-social.html"


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts: list[dict] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))
        self.handlers += [name for name, _ in attrs if name.startswith("on")]


@pytest.mark.parametrize("name", sorted(n for n, v in HOSTILE.items() if len(v) < 1000))
def test_hostile_contents_stay_text_in_the_page_and_come_back(name):
    value = HOSTILE[name]
    case = Case("example-social", "Example " + value[:100], "en", reference=value[:100])
    case.letters.append(
        CaseLetter(
            "objection-ai", "en", "email", date(2026, 11, 2), value[:500], value, value[:400]
        )
    )
    try:
        case.add_answer(value + " We have received your request.", received_on=date(2026, 11, 3))
    except LetterInputError:
        pass
    raw = dump(case)
    parser = _Scripts()
    parser.feed(raw.decode("utf-8"))
    assert parser.scripts == [{"type": "application/json", "id": "privacy-kit-case"}]
    assert parser.handlers == []  # no attribute from the input became markup
    restored = load(raw)  # cleaned like any input: control and bidi characters removed
    assert restored.letters[0].body == clean_block(value)
    assert restored.reference == clean_line(value[:100])
    assert load(dump(restored)) == restored


def test_a_script_end_tag_in_the_input_cannot_close_the_data_block():
    case = _case()
    case.letters[0].body = "</script><script>alert(1)</script>"
    raw = dump(case)
    assert raw.count(b"</script>") == 1
    assert load(raw).letters[0].body == "</script><script>alert(1)</script>"


def test_a_changed_file_is_refused_as_tampered():
    raw = dump(_case())
    changed = raw.replace(b'"kind": "objection-ai"', b'"kind": "erasure"', 1)
    assert changed != raw
    with pytest.raises(CaseFileError) as error:
        load(changed)
    assert error.value.code == "tampered"
    assert "changed after the kit saved it" in error.value.message("en")
    assert "verändert" in error.value.message("de")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            lambda c: c["history"].append({"on": "2026-11-03", "status": "hacked", "detail": ""}),
            "history.1.status",
        ),
        (lambda c: c["letters"][0].update(sent_on="2026-02-30"), "letters.0.sent_on"),
        (lambda c: c["letters"][0].update(kind="../../etc/passwd"), "letters.0.kind"),
        (lambda c: c.update(service="Example Social"), "service"),
        (lambda c: c.update(extra={"__class__": 1}), "extra"),
        (lambda c: c["letters"][0].update(body=["not", "text"]), "letters.0.body"),
        (lambda c: c["letters"][0].update(body="x" * 20_001), "letters.0.body"),
        (lambda c: c.update(history=[{"on": "2026-11-02", "status": "sent"}] * 201), "history"),
    ],
)
def test_hostile_contents_with_a_valid_checksum_are_refused_naming_the_field(change, field):
    raw = dump(_case())
    payload = _payload(raw)
    change(payload["case"])
    with pytest.raises(CaseFileError) as error:
        load(_rewrite(raw, payload, resign=True))
    assert (error.value.code, error.value.field) == ("invalid", field)
    assert field in error.value.message("en")


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"", "not-a-case"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not-a-case"),
        (b"<html><body>My plan</body></html>", "not-a-case"),
        (b'{"format": "something-else", "version": 1}', "not-a-case"),
        (b'{"format": "privacy-workshop-kit/case", "version": 1, "version": 2}', "not-a-case"),
        (b'{"format": "privacy-workshop-kit/case", "version": NaN}', "not-a-case"),
        (b"[" * 100_000, "not-a-case"),
        (b"x" * 2_000_001, "too-large"),
        (
            b'{"format": "privacy-workshop-kit/case", "version": 99, "case": {}, "sha256": ""}',
            "newer-version",
        ),
        ("not bytes", "not-a-case"),
    ],
)
def test_what_is_not_a_case_gets_a_clear_message(raw, code):
    with pytest.raises(CaseFileError) as error:
        load(raw)
    assert error.value.code == code
    for lang in ("en", "de"):
        assert error.value.message(lang).endswith(".")


def test_two_data_blocks_are_not_a_case():
    raw = dump(_case())
    doubled = raw.replace(
        b"</body>", raw[raw.index(b"<script") :].split(b"</body>")[0] + b"</body>"
    )
    with pytest.raises(CaseFileError) as error:
        load(doubled)
    assert error.value.code == "not-a-case"


def test_the_json_part_alone_and_an_upload_memoryview_load():
    case = _case()
    raw = dump(case)
    assert load(json.dumps(_payload(raw)).encode()) == case
    assert load(memoryview(raw)) == case


def test_an_extension_in_the_case_moves_the_deadline():
    case = _case()
    case.add_answer(
        "Aufgrund der Komplexität verlängern wir die Frist um zwei Monate.",
        received_on=date(2026, 11, 20),
    )
    assert case.status == "extension"
    assert case.due().latest == date(2027, 2, 2)
    step = load(dump(case)).next_step(date(2026, 12, 10))
    assert (step.kind, step.due) == ("new-deadline", date(2027, 2, 2))


def test_a_redirect_offers_the_named_channel_and_a_new_objection_restarts_the_clock():
    case = _case()
    case.add_answer(
        "Please use our form at https://social.example/object to object.",
        received_on=date(2026, 11, 5),
    )
    step = case.next_step(date(2026, 11, 6))
    assert step.kind == "objection-ai" and step.links == ("https://social.example/object",)
    case.add_letter(_letter(channel="letter"), sent_on=date(2026, 11, 6))
    assert case.due().due == date(2026, 12, 10)  # posted 6 Nov, assumed received 10 Nov


def test_a_new_case_suggests_the_objection():
    assert Case("example-social", "Example Social").next_step().kind == "objection-ai"


def test_public_api():
    import toolkit

    assert {"case", "read_reply", "answer_due"} <= set(toolkit.__all__)
    assert toolkit.case.dump is dump and toolkit.case.load is load
    assert toolkit.read_reply is toolkit.letters.read_reply
    assert {"dump", "load", "Case", "CaseFileError"} <= set(case_module.__all__)
