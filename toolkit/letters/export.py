"""Turn a Letter into files made in memory: txt, eml, pdf, ics, and a mailto: link.

Everything here returns bytes or a string for the browser to download; nothing is written to
disk on the server, and nothing is ever sent.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import format_datetime, make_msgid
from typing import TYPE_CHECKING
from urllib.parse import quote

from ..text import clean_line
from .model import format_date
from .texts import kind_name, page_footer, reminder

if TYPE_CHECKING:
    from .compose import Letter


def to_txt(letter: Letter) -> str:
    """Subject line, blank line, body (and the form fields for a web form)."""
    parts = [letter.subject, "", letter.body]
    return "\n".join(parts).strip() + "\n"


def _address(name: str, email: str) -> Address | str:
    name = clean_line(name)[:120]
    if "@" not in email:
        return ""
    local, _, domain = email.rpartition("@")
    return Address(display_name=name, username=local, domain=domain)


def to_eml(letter: Letter) -> bytes:
    """An RFC 5322 message, UTF-8 throughout, marked as an unsent draft (X-Unsent: 1)."""
    message = EmailMessage(policy=default_policy)
    if letter.recipient.email:
        message["To"] = _address(letter.recipient.name, letter.recipient.email)
    if letter.sender_email:
        message["From"] = _address(letter.sender_name, letter.sender_email)
    message["Subject"] = clean_line(letter.subject)
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain="privacy-workshop-kit.invalid")
    message["X-Unsent"] = "1"
    message.set_content(letter.body + "\n", charset="utf-8")
    return message.as_bytes()


def offers_eml(letter: Letter) -> bool:
    """Whether to offer an .eml draft: only with a recipient address for its To: header.

    A draft without To: (a web-form letter) opens in a mail program with nowhere to go;
    for a form, offer the text to copy instead.
    """
    return "@" in letter.recipient.email


# Many mail programs and browsers cut mailto: links near 2,000 characters; German letters,
# percent-encoded, reach 2,000-4,200. Above this, say so and offer the .eml or copying instead.
MAILTO_LIMIT = 1800


def mailto_too_long(letter: Letter) -> bool:
    """Whether the mailto: link is too long to open reliably (over MAILTO_LIMIT characters)."""
    return len(mailto(letter)) > MAILTO_LIMIT


def mailto(letter: Letter) -> str:
    """mailto:address?subject=...&body=... with every part percent-encoded (RFC 6068)."""
    to = quote(letter.recipient.email, safe="@")
    body = letter.body.replace("\n", "\r\n")
    return f"mailto:{to}?subject={quote(clean_line(letter.subject), safe='')}&body={quote(body, safe='')}"


def _ics_text(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1) without splitting a UTF-8 character."""
    out, current = [], ""
    for ch in line:
        if len((current + ch).encode("utf-8")) > (75 if not out else 74):
            out.append(current)
            current = ch
        else:
            current += ch
    out.append(current)
    return "\r\n ".join(out)


def ics_calendar(events: list[tuple[date, str, str]], product: str) -> bytes:
    """An iCalendar file of all-day events (day, summary, description), each with a morning alarm."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//privacy-workshop-kit//{product}//EN",
        "CALSCALE:GREGORIAN",
    ]
    for day, summary, description in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uuid.uuid4()}@privacy-workshop-kit.invalid",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(day + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_ics_text(summary)}",
            f"DESCRIPTION:{_ics_text(description)}",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{_ics_text(summary)}",
            "TRIGGER:PT9H",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")


def to_ics(letter: Letter) -> bytes:
    """An all-day calendar event on the answer's due date, with a reminder that morning."""
    # the kinds whose reminder is not "the company's Art. 12(3) month is up" have their own text in
    # texts.yaml: a follow-up names its own new date; a complaint waits for the authority's news
    # (Art. 78(2): within three months), so it must not tell someone who has complained to
    # complain; the owner's opt-out is an instruction to a processor (Art. 28(3)(a)) with no
    # statutory deadline
    summary_t, description_t = reminder(letter.kind, letter.lang)
    kind = kind_name(letter.kind, letter.lang)
    due = letter.deadline
    summary = summary_t.format(kind=kind, service=letter.service_name)
    description = description_t.format(
        sent=format_date(letter.made_on, letter.lang),
        due=format_date(due, letter.lang),
        service=letter.service_name,
    )
    return ics_calendar([(due, summary, description)], "letters")


# DIN 5008 Form B (A4, window envelope DL or C6/5), in mm from the sheet's top left corner.
# DIN 5008 itself is sold by DIN and could not be read; these numbers come from secondary pages
# that agree (read 2026-12-01, both undated):
# - r9005.de/wissen/vorlagen-briefbogen.php: "Briefbogen - Form B ... Linker Heftrand: 20 mm
#   Obere Faltzmarke: 105 mm Mittelmarke (Lochmarke): 148,5 mm Untere Faltzmarke: 210 mm ...
#   Linke obere Ecke des Adressfensters: X 20 mm : Y 45 mm, Breite 85 mm x Höhe 45 mm."
# - din-5008-richtlinien.de/startseite/anschriftenfeld/: "eine gedachte Linie mit einem Abstand
#   von ... 62,7 mm (Form B; geeignet für Fensterbriefumschläge) zur oberen Blattkante.
#   Unterhalb dieser gedachten Linie steht die eigentliche Anschrift, für die Sie maximal 27,3 mm
#   (6 Zeilen) Platz zur Verfügung haben. Oberhalb ... die Rücksendeangabe ... maximal 17,7 mm"
# - and a third: "Die Rücksendeangabe ... liegt 20 mm von der linken Blattkante. Der Text
#   orientiert sich jedoch an der Fluchtlinie, die bei 25 mm beginnt." (expressantworten.com)
FIELD_LEFT, FIELD_TOP, FIELD_WIDTH, FIELD_HEIGHT = 20.0, 45.0, 85.0, 45.0
ADDRESS_TOP = 62.7  # the return address zone above, the recipient's six lines below
TEXT_LEFT, TEXT_RIGHT = 25.0, 20.0  # margins of the text; the address text starts at 25 mm too
FOLD_MARKS = (105.0, 148.5, 210.0)  # two fold marks and the hole mark
BOTTOM = 20.0  # last line of text 20 mm above the bottom edge, footer below it
SIGNATURE_SPACE = 15.0  # room to sign between the closing formula and the printed name
LINE = 5.0  # body line height at 10.5 pt


def recipient_lines(letter: Letter) -> list[str]:
    """The recipient's name and address, without a first address line that repeats the name.

    Most authority records start their address with the authority's name; printed under the
    name, it appeared twice. A first line equal to the name, or its start of three words or
    more ("Die Landesbeauftragte für Datenschutz ..." under "... Bremen"), is dropped.
    """

    def norm(text: str) -> str:
        return " ".join(text.casefold().split())

    name = clean_line(letter.recipient.name)
    lines = [clean_line(line) for line in letter.recipient.address_lines if clean_line(line)]
    if lines and name:
        first, full = norm(lines[0]), norm(name)
        if first == full or (full.startswith(first + " ") and len(first.split()) >= 3):
            lines = lines[1:]
    return [name, *lines] if name else lines


def pdf_text(letter: Letter) -> str:
    """Everything the PDF prints, for checking it with unprintable_chars before download."""
    parts = [
        letter.sender_name,
        *letter.sender_address,
        letter.sender_email,
        *recipient_lines(letter),
        letter.place,
        letter.subject,
        letter.body,
    ]
    return "\n".join(p for p in parts if p)


def unprintable_chars(letter: Letter) -> set[str]:
    """Characters of the letter that no bundled font prints: say so before offering the PDF."""
    from ..printing import unprintable_chars as missing

    return missing(pdf_text(letter))


def _fit(pdf, lines: list[str], width: float, height: float, size: float, smallest: float):
    """The largest font size (pt) and line height (mm) at which `lines` fit width x height."""
    while True:
        pdf.set_font_size(size)
        line_height = size * 0.3528 * 1.2
        widest = max((pdf.get_string_width(line) for line in lines), default=0)
        if (widest <= width and line_height * len(lines) <= height) or size <= smallest:
            return size, line_height
        size -= 0.5


def _lines_of(pdf, text: str, width: float) -> list[str]:
    """The printed lines of a paragraph at the current font, as multi_cell would break them."""
    return pdf.multi_cell(width, LINE, text, dry_run=True, output="LINES")


def _paragraph(pdf, text: str, width: float, keep_after: float = 0.0) -> None:
    """Print one paragraph with no line alone at a page's end or start.

    keep_after: height (mm) that must follow the paragraph's last lines on the same page
    (the closing and the signature), so the signature never stands alone on a page.
    """
    lines = _lines_of(pdf, text, width) or [""]
    limit = pdf.h - BOTTOM
    room = int((limit - pdf.get_y()) // LINE)
    if len(lines) * LINE + keep_after <= limit - pdf.get_y():
        first = len(lines)
    else:
        # at least two lines stay here and at least two go over (with what must follow)
        first = min(room, len(lines) - 2)
        if first < 2:
            first = 0
    if first < len(lines) and first == 0:
        pdf.add_page()
        first = len(lines)
    pdf.set_x(TEXT_LEFT)
    pdf.multi_cell(width, LINE, "\n".join(lines[:first]), new_x="LMARGIN", new_y="NEXT")
    if first < len(lines):
        pdf.add_page()
        pdf.set_x(TEXT_LEFT)
        pdf.multi_cell(width, LINE, "\n".join(lines[first:]), new_x="LMARGIN", new_y="NEXT")


def _split_closing(letter: Letter) -> tuple[list[str], list[str]]:
    """Body paragraphs, and the closing (formula and name) when the body ends with one."""
    paragraphs = [p for p in letter.body.strip().split("\n\n") if p.strip()]
    name = clean_line(letter.sender_name)
    if len(paragraphs) >= 2 and clean_line(paragraphs[-1]) == name and "\n" not in paragraphs[-2]:
        return paragraphs[:-2], paragraphs[-2:]
    return paragraphs, []


def to_pdf(letter: Letter) -> bytes:
    """A letter on A4 after DIN 5008 Form B: the recipient in the window of a DL envelope.

    Sender at the top, a one-line return address and the recipient inside the address field
    (both shrink to fit, so a long address never leaves the window), place and date, subject,
    body, room to sign; page numbers; no paragraph line alone at a page break and the
    signature never alone on a page. Arabic is shaped right to left, Chinese, Japanese and
    Korean come from the bundled Noto fonts (see unprintable_chars for what is missing).
    """
    from ..printing import MAIN, give_back_memory, kit_pdf

    pdf = kit_pdf(pdf_text(letter), footer=page_footer(letter.lang))
    pdf.set_title(clean_line(letter.subject)[:200])
    pdf.set_margins(TEXT_LEFT, 20, TEXT_RIGHT)
    pdf.set_auto_page_break(auto=True, margin=BOTTOM)
    pdf.add_page()
    width = pdf.w - TEXT_LEFT - TEXT_RIGHT
    for mark in FOLD_MARKS:
        pdf.set_line_width(0.2)
        pdf.line(4, mark, 8 if mark != 148.5 else 10, mark)

    # Sender: right-aligned in the letterhead, between 10 mm and the address field.
    name = clean_line(letter.sender_name)
    address = [clean_line(line) for line in letter.sender_address if clean_line(line)]
    email = clean_line(letter.sender_email)
    sender = [line for line in (name, *address, email) if line]
    pdf.set_font(MAIN, "", 9)
    _, height = _fit(pdf, sender, width, FIELD_TOP - 12, 9, 6)
    pdf.set_xy(TEXT_LEFT, 10)
    pdf.multi_cell(width, height, "\n".join(sender), align="R", new_x="LMARGIN", new_y="NEXT")

    # Return address: one small line at the bottom of the upper zone of the address field.
    back = ", ".join(line for line in (name, *address) if line)
    inner = FIELD_WIDTH - (TEXT_LEFT - FIELD_LEFT)
    _, height = _fit(pdf, [back], inner, 4, 7, 5)
    pdf.set_xy(TEXT_LEFT, ADDRESS_TOP - height - 0.5)
    pdf.cell(inner, height, back)

    # Recipient: six lines at most in 27.3 mm, from the line at 62.7 mm down.
    recipient = recipient_lines(letter)
    pdf.set_font(MAIN, "", 10.5)
    _, height = _fit(pdf, recipient, inner, FIELD_TOP + FIELD_HEIGHT - ADDRESS_TOP, 10.5, 7)
    pdf.set_xy(TEXT_LEFT, ADDRESS_TOP)
    pdf.multi_cell(inner, height, "\n".join(recipient), new_x="LMARGIN", new_y="NEXT")

    # Place and date, right-aligned below the field; then subject and body.
    pdf.set_font(MAIN, "", 10.5)
    place_date = ", ".join(p for p in (letter.place, format_date(letter.made_on, letter.lang)) if p)
    pdf.set_xy(TEXT_LEFT, FIELD_TOP + FIELD_HEIGHT + 8)
    pdf.multi_cell(width, LINE, clean_line(place_date), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font(MAIN, "B", 10.5)
    pdf.multi_cell(width, LINE, letter.subject, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(LINE)
    pdf.set_font(MAIN, "", 10.5)
    paragraphs, closing = _split_closing(letter)
    closing_height = (LINE + SIGNATURE_SPACE + LINE + LINE) if closing else 0.0
    for index, text in enumerate(paragraphs):
        last = index == len(paragraphs) - 1
        _paragraph(pdf, text, width, keep_after=closing_height if last else 0.0)
        pdf.ln(LINE)
    if closing:
        if pdf.get_y() + closing_height - LINE > pdf.h - BOTTOM:
            pdf.add_page()
        pdf.multi_cell(width, LINE, closing[0], new_x="LMARGIN", new_y="NEXT")
        pdf.ln(SIGNATURE_SPACE)
        pdf.multi_cell(width, LINE, closing[1], new_x="LMARGIN", new_y="NEXT")
    out = bytes(pdf.output())
    del pdf
    give_back_memory()
    return out


MIME_TYPES: dict[str, str] = {
    "txt": "text/plain;charset=utf-8",
    "eml": "message/rfc822",
    "pdf": "application/pdf",
    "ics": "text/calendar;charset=utf-8",
}


def zip_letters(letters: list[Letter]) -> bytes:
    """Every file of every letter in one ZIP made in memory (nothing is written on the server).

    Each letter gives its .txt, .ics and, where offered, .eml and .pdf; names never clash,
    because a letter's file name carries its kind, service and language.
    """
    import io
    import zipfile

    makers = {"txt": "to_txt", "eml": "to_eml", "pdf": "to_pdf", "ics": "to_ics"}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for letter in letters:
            for fmt in letter.downloads():
                if fmt in makers:
                    info = zipfile.ZipInfo(letter.filename(fmt), date_time=(2020, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(info, getattr(letter, makers[fmt])())
    return buffer.getvalue()
