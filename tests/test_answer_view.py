"""After the letter, driven in plain pytest: paste an answer, see the verdict, write the next
letter, keep the case file and open it again."""

from __future__ import annotations

import base64
import re
from datetime import date

from toolkit import case as cases
from toolkit.i18n import t
from toolkit.ui import WorkshopApp

META_VAGUE = (
    "Wir haben deinen Antrag geprüft und erkennen deinen Einspruch an. "
    "Das bedeutet, dein Antrag wird künftig berücksichtigt."
)


def upload(name: str, content: bytes) -> tuple[dict, ...]:
    """What ipywidgets' FileUpload holds after the participant picked a file."""
    import datetime as dt

    when = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    item = {"name": name, "type": "text/html", "size": len(content),
            "content": memoryview(content), "last_modified": when}  # fmt: skip
    return (item,)


def written(app: WorkshopApp, service: str = "facebook") -> None:
    app.show("objection")
    view = app.views["objection"]
    view.control("service").value = service
    view.wizard.go(2)
    view.control("name").value = "Kim Canary"
    view.next.click()
    assert view.wizard.step == "preview"


def test_vague_answer_gives_the_follow_up_prefilled():
    app = WorkshopApp(lang="de")
    written(app)
    app.show("plan")
    panel = app.views["plan"].answer
    assert panel.service.value == "facebook"  # the service with a letter comes first
    panel.text.value = META_VAGUE
    panel.read.click()
    assert "künftig berücksichtigt" in panel.result.value  # the sentence that led there, quoted
    assert t("ans.missing", "de") in panel.result.value
    assert app.session.answered == ["facebook"]  # what the room may count: the id, nothing else
    assert panel.next_letter.layout.display is None
    panel.next_letter.click()
    objection = app.views["objection"]
    assert app.session.step == "objection"
    assert objection.form.kind == "follow-up" and objection.form.service == "facebook"
    assert "künftig" in objection.form.answer and objection.form.sent_on == date.today()
    assert objection.wizard.step == "grounds"


def test_case_file_round_trip_through_the_view():
    app = WorkshopApp(lang="en")
    written(app)
    app.show("plan")
    panel = app.views["plan"].answer
    panel.text.value = "Thank you. We will take your request into account."
    panel.read.click()
    link = re.search(r'download="(case-[^"]+)" href="data:text/html;charset=utf-8;base64,([^"]+)"',
                     panel.case_view.value)  # fmt: skip
    assert link, panel.case_view.value
    raw = base64.b64decode(link.group(2))
    again = WorkshopApp(lang="en")  # a new session, e.g. at the next workshop
    again.show("plan")
    new_panel = again.views["plan"].answer
    new_panel.upload.value = upload(link.group(1), raw)
    assert t("ans.case.opened", "en", service="Facebook") in new_panel.messages.value
    assert "facebook" in again.session.cases
    assert (
        again.session.cases["facebook"].answers[0].category == cases.load(raw).answers[0].category
    )


def test_hostile_paste_and_file_get_a_clear_message():
    app = WorkshopApp(lang="en")
    app.show("plan")
    panel = app.views["plan"].answer
    panel.text.value = "x" * 1_000_000
    panel.read.click()
    assert (
        'role="alert"' in panel.messages.value
        and "Something went wrong" not in panel.messages.value
    )
    panel.upload.value = upload("evil.html", b"<script>alert(1)</script>")
    assert 'role="alert"' in panel.messages.value and "<script" not in panel.messages.value
    assert "Something went wrong" not in panel.messages.value
