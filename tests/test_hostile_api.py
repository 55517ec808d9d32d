"""The hostile corpus through every public function that takes text."""

from __future__ import annotations

import email
import email.policy
import io
import re

import icalendar
import pytest
from hostile_corpus import HOSTILE, SHORT
from pypdf import PdfReader

from toolkit import data, recommend
from toolkit.alternatives import RecommendError, invitation
from toolkit.letters import KINDS, LetterInputError, compose
from toolkit.paths import ROOT
from toolkit.policies import export_table, filter_services, to_csv, to_xlsx
from toolkit.ui import WorkshopApp
from toolkit.ui.common import safe_filename

FIXTURES = ROOT / "tests" / "fixtures" / "data"
ALLOWED_HEADERS = {
    "to",
    "from",
    "subject",
    "date",
    "message-id",
    "x-unsent",
    "content-type",
    "content-transfer-encoding",
    "mime-version",
}
TEXT_FIELDS = ("name", "place", "reference", "own_reason", "answer", "address")


@pytest.fixture(autouse=True)
def fixture_data():
    data.use_data_dir(FIXTURES)
    yield
    data.use_data_dir(None)


def _compose(kind: str, field: str, value: str):
    details = {"name": "Eve", "email": "eve@example.org", field: value}
    if kind in ("follow-up", "complaint"):
        details["sent_on"] = "2026-01-01"
    if kind == "admin-optout":
        details["workspace_url"] = "https://team.chat.example"
    service = "example-chat" if kind == "admin-optout" else "example-social"
    return compose(kind, service=service, lang="de", **details)


def _check_exports(letter) -> None:
    raw = letter.to_eml()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert {k.lower() for k in message.keys()} <= ALLOWED_HEADERS
    for key, value in message.items():
        assert "\n" not in str(value) and "\r" not in str(value), key
    assert message.get_content()
    parts = letter.mailto()
    assert not re.search(r"[\s<>\"]", parts)
    calendar = icalendar.Calendar.from_ical(letter.to_ics())
    assert len(list(calendar.walk("VEVENT"))) == 1
    assert re.fullmatch(r"[a-z0-9-]+\.eml", letter.filename("eml"))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_letters_take_hostile_text_or_refuse_it_clearly(kind, name):
    value = HOSTILE[name]
    for field in TEXT_FIELDS:
        try:
            letter = _compose(kind, field, value)
        except LetterInputError as error:
            assert error.field in (field, "address") and error.code in (
                "too-long",
                "required",
                "too-many-lines",
            )
            continue
        _check_exports(letter)
        assert "\x00" not in letter.body and "\u202e" not in letter.body
        if "{{ 7*7 }}" in value and field in ("name", "own_reason", "answer"):
            assert "49" not in letter.body.replace(value, "")
        if len(value) > 10_000:
            assert len(letter.body) < 20_000


@pytest.mark.parametrize(
    "name",
    [
        "script",
        "img-onerror",
        "header-injection",
        "jinja-expression",
        "rtl-override",
        "emoji",
        "cjk-arabic",
        "combining",
    ],
)
def test_pdf_builds_with_hostile_names(name):
    letter = _compose("objection-ai", "name", HOSTILE[name])
    text = PdfReader(io.BytesIO(letter.to_pdf())).pages[0].extract_text()
    assert "Example Social" in text


@pytest.mark.parametrize("name", ["header-injection", "lf-header", "nul"])
def test_no_extra_header_from_the_email_field(name):
    with pytest.raises(LetterInputError) as caught:
        compose(
            "objection-ai",
            service="example-social",
            lang="en",
            name="Eve",
            email="eve@example.org" + HOSTILE[name],
        )
    assert caught.value.field == "email"


@pytest.mark.parametrize("name", sorted(SHORT))
def test_previews_show_markup_literally(name):
    app = WorkshopApp()
    app.show("objection")
    view = app.views["objection"]
    view.control("service").value = "example-social"
    view.form.own_reason = HOSTILE[name]
    view.wizard.go(2)
    view.control("name").value = HOSTILE[name]
    view.next.click()
    if view.wizard.step != "preview":
        assert view.field_box("name").error.value  # refused with a message next to the field
        assert "Something went wrong" not in view.messages.value
        return
    for html in (view.preview.value, view.downloads.value):
        assert (
            "<script" not in html.lower()
            and "<img" not in html.lower()
            and "<svg" not in html.lower()
        )


@pytest.mark.parametrize("name", sorted(SHORT))
def test_recommend_and_invitation(name):
    value = HOSTILE[name]
    with pytest.raises(RecommendError):
        recommend([value])
    with pytest.raises(RecommendError):
        recommend(["example-social"], needs=[value])
    text = invitation(
        "example-fedi",
        lang="en",
        uses=["example-social"],
        sender=value,
        contact=value,
        recipient=value,
    )
    assert "\r" not in text and "\x00" not in text
    assert "49" not in text or "49" in value


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_comparison_search_and_exports(name):
    frame = data.load_services("en")
    filter_services(frame, text=HOSTILE[name])
    table = export_table(frame, "en").copy()
    table.iloc[0, 0] = HOSTILE[name][:5000]
    csv_text = to_csv(table).decode("utf-8-sig")
    first_cell = csv_text.splitlines()[1].split(",", 1)[1]
    assert not first_cell.lstrip('"').startswith(("=", "+", "-", "@"))
    to_xlsx(table)


def test_download_names_never_carry_paths():
    for value in HOSTILE.values():
        name = safe_filename(value, "txt")
        assert "/" not in name and "\\" not in name and ".." not in name and len(name) <= 70


def test_bad_yaml_tags_are_refused_not_executed(tmp_path):
    import shutil

    shutil.copytree(FIXTURES, tmp_path / "data")
    (tmp_path / "data" / "services" / "evil.yaml").write_text(
        "name: !!python/object/apply:os.system ['echo pwned']\n"
    )
    loaded = data.load_all(tmp_path / "data")
    assert any(
        p.file == "services/evil.yaml" and "invalid YAML" in p.message
        for p in loaded["services"].problems
    )
