"""Download links whose files the kernel makes on click: the protocol the page's code speaks."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from toolkit.ui.app import WorkshopApp
from toolkit.ui.downloads import Downloads, Made


@pytest.fixture
def sent(monkeypatch):
    """What the widget sends to the page: (content, buffers) per message."""
    messages: list[tuple[dict, list]] = []

    def send(self, content, buffers=None):
        messages.append((content, list(buffers or [])))

    monkeypatch.setattr(Downloads, "send", send)
    return messages


def page_asks(widget: Downloads, content) -> None:
    """A message from the page, as the kernel's comm hands it to the widget."""
    widget._handle_custom_msg(content, [])


def test_a_click_gets_the_file_made_then_and_nothing_is_made_before(sent):
    calls = []

    def make() -> bytes:
        calls.append(1)
        return b"%PDF-1.7 body"

    widget = Downloads()
    html = '<a href="#" data-make="pdf" data-filename="plan.pdf">PDF</a>'
    widget.show(html, {"pdf": Made("plan.pdf", "application/pdf", make)}, "en")
    assert calls == [] and "plan.pdf" in widget.value
    page_asks(widget, {"make": "pdf"})
    assert calls == [1]
    assert sent == [
        ({"made": "pdf", "filename": "plan.pdf", "mime": "application/pdf"}, [b"%PDF-1.7 body"])
    ]
    assert widget.links() == {"pdf": "plan.pdf"}


@pytest.mark.parametrize(
    "content", [{"make": "nope"}, {"make": 7}, {"make": None}, "pdf", [], {}, {"make": "x" * 10**5}]
)
def test_hand_made_messages_get_a_failure_the_page_shows_never_an_error(sent, content):
    widget = Downloads()
    widget.show("", {"pdf": Made("a.pdf", "application/pdf", lambda: b"x")}, "de")
    page_asks(widget, content)
    assert len(sent) == 1 and "failed" in sent[0][0] and sent[0][1] == []
    assert widget.failed_label.startswith("Die Datei ließ sich nicht erstellen")


def test_a_maker_that_breaks_is_logged_without_its_message(sent, capfd):
    def broken() -> bytes:
        raise ValueError("Kim Kanarienvogel")

    widget = Downloads()
    widget.show("", {"pdf": Made("a.pdf", "application/pdf", broken)}, "en")
    page_asks(widget, {"make": "pdf"})
    assert sent == [({"failed": "pdf"}, [])]
    err = capfd.readouterr().err
    assert "ValueError" in err and "Kim" not in err


def test_the_comparison_files_follow_the_filter_and_cost_nothing_until_clicked(monkeypatch):
    from toolkit.policies import table

    made = []
    real = table.to_xlsx
    monkeypatch.setattr(table, "to_xlsx", lambda frame: made.append(1) or real(frame))
    app = WorkshopApp(lang="en")
    app.show("compare")
    view = app.views["compare"]
    view.search.value = "Facebook"
    assert made == []  # redraws made no spreadsheet
    book = load_workbook(io.BytesIO(view.downloads.files()["ai-data-use.xlsx"]))
    rows = list(book.active.iter_rows(values_only=True))
    assert made == [1] and len(rows) >= 2
    assert any("Facebook" in str(cell) for cell in rows[1])
