"""The answer reader: realistic answers in English and German, next steps, rules as data."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from hostile_corpus import HOSTILE

from toolkit import data
from toolkit.letters import LetterInputError, compose, read_reply
from toolkit.letters import reply as reply_module
from toolkit.letters.reply import (
    ALL_CATEGORIES,
    MAX_CHARS,
    ReplyRulesError,
    languages,
    load_rules,
)
from toolkit.paths import DATA, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "replies"
ANSWERS = [
    answer
    for path in sorted(FIXTURES.glob("*.yaml"))
    for answer in data.read_yaml(path.read_text(encoding="utf-8"))["answers"]
]
META_DE = (
    "Wir haben deinen Antrag geprüft und erkennen deinen Einspruch an. "
    "Das bedeutet, dein Antrag wird künftig berücksichtigt."
)


def test_there_are_at_least_30_realistic_answers_in_both_languages():
    assert len(ANSWERS) >= 30
    assert len({a["id"] for a in ANSWERS}) == len(ANSWERS)
    by_lang = {a.get("expect_lang", a["lang"]) for a in ANSWERS}
    assert {"en", "de"} <= by_lang
    assert {a["category"] for a in ANSWERS} == set(ALL_CATEGORIES)


@pytest.mark.parametrize("answer", ANSWERS, ids=[a["id"] for a in ANSWERS])
def test_realistic_answer(answer):
    result = read_reply(answer["text"], answer["lang"])
    assert result.category == answer["category"], (result.rules_matched, result.reasons)
    assert result.lang == answer.get("expect_lang", answer["lang"])
    if answer["category"] != "unrelated":
        assert result.reasons, "a category needs the sentences that led to it"
        flat = " ".join(result.text.split())
        for reason in result.reasons:
            assert reason in flat  # quoted, not paraphrased (line breaks joined)
    if "reason" in answer:
        assert any(answer["reason"].lower() in r.lower() for r in result.reasons), result.reasons
    if "missing" in answer:
        assert list(result.missing) == answer["missing"]
    if "reference" in answer:
        assert result.reference == answer["reference"]
    if "asked_for" in answer:
        assert list(result.asked_for) == answer["asked_for"]
    if "links" in answer:
        assert list(result.links) == answer["links"]


def test_the_answer_from_the_issue_is_vague_and_says_what_is_missing():
    result = read_reply(META_DE, "de", sent_on=date(2026, 11, 2), today=date(2026, 11, 20))
    assert result.category == "vague"
    assert result.reasons == (
        "Wir haben deinen Antrag geprüft und erkennen deinen Einspruch an.",
        "Das bedeutet, dein Antrag wird künftig berücksichtigt.",
    )
    assert result.missing_labels("de") == [
        "ob das Training mit Ihren Daten aufhört",
        "ob bereits verwendete Daten aus Trainingsdaten und Modellen entfernt werden",
        "welche Ihrer Daten",
        "ab wann",
    ]
    assert result.label("en") == "Vague" and result.label("de") == "Unklar"
    step = result.next_step
    assert step.kind == "follow-up" and step.letter == "follow-up"
    assert step.due == date(2026, 12, 2)
    assert step.prefill["sent_on"] == "2026-11-02"
    assert "erkennen deinen Einspruch an" in step.prefill["answer"]
    assert "02.12.2026" in step.explain("de")


def test_the_prefilled_follow_up_and_complaint_compose(monkeypatch):
    data.use_data_dir(ROOT / "tests" / "fixtures" / "data")
    try:
        text = "Thank you for your request. Case number: 55120934. We will take it into account."
        result = read_reply(text, "en", sent_on="2026-10-01", today=date(2026, 10, 20))
        assert result.next_step.prefill["reference"] == "55120934"
        letter = compose(
            "follow-up", service="example-social", lang="en", name="Eve", **result.next_step.prefill
        )
        assert "55120934" in letter.body and "We will take it into account" in letter.body
        late = read_reply(text, "en", sent_on="2026-10-01", today=date(2026, 11, 20))
        assert late.next_step.kind == "complaint" and late.next_step.reason == "overdue"
        complaint = compose(
            "complaint",
            service="example-social",
            lang="en",
            name="Eve",
            email="eve@example.org",
            **late.next_step.prefill,
        )
        assert "55120934" in complaint.body
    finally:
        data.use_data_dir(None)


def test_next_steps_per_category():
    sent = date(2026, 3, 3)
    today = date(2026, 3, 20)
    refused = read_reply(
        "We have compelling legitimate grounds for this processing.",
        "en",
        sent_on=sent,
        today=today,
    )
    assert (refused.next_step.kind, refused.next_step.reason) == ("complaint", "refused")
    confirmed = read_reply(
        "Your data will no longer be used to train our AI models.", "en", sent_on=sent, today=today
    )
    assert confirmed.next_step.kind == "done" and confirmed.next_step.letter is None
    extension = read_reply(
        "Due to the complexity of your request we need to extend our response time by two further months.",
        "en",
        sent_on=sent,
        answered_on=date(2026, 3, 25),
        today=today,
    )
    assert extension.next_step.kind == "new-deadline"
    assert extension.next_step.due == date(2026, 6, 3) == extension.due.latest
    late = read_reply(
        "We need to extend our response time by two further months.",
        "en",
        sent_on=sent,
        answered_on=date(2026, 4, 10),
        today=date(2026, 4, 10),
    )
    assert late.due.extension_late
    assert (late.next_step.kind, late.next_step.reason) == ("complaint", "overdue")
    needs = read_reply("Please verify your identity by sending a copy of your ID.", "en")
    assert needs.next_step.kind == "send-details"
    assert needs.next_step.asked_for == ("identity",)
    assert "Proof of identity" in needs.next_step.explain("en")
    assert "Nachweis Ihrer Identität" in needs.next_step.explain("de")
    redirect = read_reply("Please use our form at https://example.com/object.", "en")
    assert redirect.next_step.kind == "objection-ai"
    assert redirect.next_step.links == ("https://example.com/object",)
    assert redirect.next_step.explain("en").endswith("named. https://example.com/object")
    unrelated = read_reply("Your order has shipped.", "en")
    assert unrelated.category == "unrelated" and unrelated.next_step.kind == "check"


def test_a_negated_or_conditional_exclusion_is_not_a_confirmation():
    assert read_reply("We cannot exclude your data from AI training.", "en").category == "refused"
    conditional = read_reply(
        "Your data will be excluded from AI training once you verify your identity. "
        "Please send us a copy of your ID.",
        "en",
    )
    assert conditional.category == "needs-info"
    unless = read_reply("We use public posts to train our AI models unless you object.", "en")
    assert unless.category != "confirmed"


def test_phrases_match_at_word_starts_with_stems_and_hyphens():
    rules = reply_module.rules("en")
    confirmed = rules.categories["confirmed"][0]
    assert confirmed.matches(reply_module._fold("We will no longer use it for AI-powered tools."))
    assert confirmed.matches(reply_module._fold("It is excluded from training."))
    # "AI" must not match inside "maintain", nor "model" inside "remodel"
    assert not confirmed.matches(reply_module._fold("We maintain and remodel; no longer used."))


def test_sentences_keep_abbreviations_and_dates_together():
    rules = reply_module.rules("de")
    text = "Gemäß Art. 21 Abs. 1 DSGVO, z. B. ab dem 1. März 2026, gilt das. Zweiter Satz."
    assert reply_module.split_sentences(text, rules) == [
        "Gemäß Art. 21 Abs. 1 DSGVO, z. B. ab dem 1. März 2026, gilt das.",
        "Zweiter Satz.",
    ]
    hard_wrapped = "We have received your\nrequest and will honour\nyour objection."
    result = read_reply(hard_wrapped, "en")
    assert result.reasons == ("We have received your request and will honour your objection.",)


def test_from_when_needs_a_date_or_immediate_effect():
    with_date = read_reply("As of 1 December 2026 your posts are excluded from AI training.", "en")
    assert "from-when" not in with_date.missing
    without = read_reply("Your posts are excluded from AI training.", "en")
    assert "from-when" in without.missing


def test_labels_follow_the_interface_language_not_the_answer():
    result = read_reply("We have compelling legitimate grounds.", "en")
    assert result.label("de") == "Abgelehnt"
    assert result.description("en").startswith("They refuse")
    assert result.next_step.explain("de").startswith("Abgelehnt")


# --- bad input ----------------------------------------------------------------------------


def test_a_1_mb_paste_is_refused_with_a_clear_message():
    with pytest.raises(LetterInputError) as error:
        read_reply("y" * 1_000_000, "en")
    assert (error.value.field, error.value.code, error.value.limit) == (
        "answer",
        "too-long",
        MAX_CHARS,
    )


@pytest.mark.parametrize(
    ("value", "code"),
    [("", "required"), ("  \n\t ", "required"), (None, "not-text"), (b"x", "not-text")],
)
def test_empty_or_non_text_is_refused(value, code):
    with pytest.raises(LetterInputError) as error:
        read_reply(value, "en")
    assert error.value.code == code


def test_html_is_read_as_text_and_nothing_in_it_runs():
    html = (
        '<div onclick="alert(1)"><script>document.write("excluded from AI training")</script>'
        "<p>We have received your objection.</p><style>p{}</style><img src=x onerror=alert(1)></div>"
    )
    result = read_reply(html, "en")
    assert result.category == "vague"
    assert "html-removed" in result.warnings
    assert "script" not in result.text and "alert" not in result.text
    assert result.warning_texts("de") == ["Die Antwort enthielt HTML; nur ihr Text wurde gelesen."]


def test_template_syntax_stays_literal_text():
    text = "{{ 7*7 }} {% for x in range(3) %}x{% endfor %} We have received your request."
    result = read_reply(text, "en")
    assert "{{ 7*7 }}" in result.text and "49" not in result.text
    assert result.category == "vague"


def test_an_email_address_in_angle_brackets_is_kept():
    result = read_reply("Please contact them directly at <privacy@other.example>.", "en")
    assert result.category == "redirect"
    assert result.links == ("privacy@other.example",)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_gives_a_reply_or_a_clear_refusal(name):
    try:
        result = read_reply(HOSTILE[name], "de")
    except LetterInputError as error:
        assert error.field == "answer" and error.code in ("too-long", "required")
        return
    assert result.category in ALL_CATEGORIES
    assert "\x00" not in result.text and "\u202e" not in result.text
    assert len(result.next_step.prefill.get("answer", "")) <= 600


def test_unknown_language_is_refused():
    with pytest.raises(LetterInputError) as error:
        reply_module.rules("xx")
    assert error.value.code == "unknown-language"
    # read_reply falls back to the kit's default language for an unknown hint
    assert read_reply("We have received your request.", "xx").lang == "en"


# --- the rules files ----------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted((DATA / "replies").glob("*.yaml")), ids=lambda p: p.name)
def test_every_rules_file_is_valid(path):
    rules = load_rules(path)
    assert rules.lang == path.stem
    assert set(rules.labels) == set(ALL_CATEGORIES)


def test_the_rules_schema_agrees_with_jsonschema():
    import jsonschema
    from referencing import Registry, Resource

    schemas = {
        p.name: data.read_yaml(p.read_text()) for p in sorted(data.SCHEMA_DIR.glob("*.schema.yaml"))
    }
    registry = Registry().with_resources(
        [(n, Resource.from_contents(s)) for n, s in schemas.items()]
    )
    validator = jsonschema.Draft202012Validator(schemas["replies.schema.yaml"], registry=registry)
    for path in sorted((DATA / "replies").glob("*.yaml")):
        validator.validate(data.read_yaml(path.read_text()))
        assert data.read_yaml(path.read_text())["sources"]  # the legal words are sourced
    broken = data.read_yaml((DATA / "replies" / "en.yaml").read_text())
    broken["categories"]["vague"]["rules"][0]["al"] = broken["categories"]["vague"]["rules"][0].pop(
        "all"
    )
    # the same fields are flagged (fastjsonschema stops at the first error of a field)
    theirs = {tuple(map(str, e.absolute_path)) for e in validator.iter_errors(broken)}
    ours = {tuple(map(str, p)) for p, _ in data._validator("replies").iter_errors(broken)}
    assert ours == theirs != set()


def test_a_broken_rules_file_names_the_file_and_the_field(tmp_path):
    text = (DATA / "replies" / "en.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "en.yaml"
    broken.write_text(text.replace("  refused:\n", "  refuzed:\n", 1), encoding="utf-8")
    with pytest.raises(ReplyRulesError) as error:
        load_rules(broken)
    assert "en.yaml: categories:" in str(error.value)
    assert "'refused' is a required property" in str(error.value)
    wrong_name = tmp_path / "fr.yaml"
    wrong_name.write_text(text, encoding="utf-8")
    with pytest.raises(ReplyRulesError, match=r"fr\.yaml: lang"):
        load_rules(wrong_name)


def test_check_rules_reports_each_broken_file(tmp_path):
    text = (DATA / "replies" / "de.yaml").read_text(encoding="utf-8")
    (tmp_path / "de.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "en.yaml").write_text(text.replace("lang: de", "lang: en"), encoding="utf-8")
    (tmp_path / "fr.yaml").write_text("lang: [", encoding="utf-8")
    problems, valid = reply_module.check_rules(tmp_path)
    assert valid == 2
    assert len(problems) == 1 and problems[0].startswith("replies/fr.yaml: (file):")
    assert reply_module.check_rules() == ([], len(languages()))


def test_adding_a_language_is_adding_a_file(tmp_path, monkeypatch):
    for path in (DATA / "replies").glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    text = (DATA / "replies" / "en.yaml").read_text(encoding="utf-8")
    (tmp_path / "eo.yaml").write_text(
        text.replace("lang: en", "lang: eo").replace("received your request", "ricevis vian peton"),
        encoding="utf-8",
    )
    monkeypatch.setattr(reply_module, "REPLY_DIR", tmp_path)
    reply_module.rules.cache_clear()
    try:
        assert "eo" in languages()
        assert read_reply("Ni ricevis vian peton.", "eo").category == "vague"
    finally:
        reply_module.rules.cache_clear()
