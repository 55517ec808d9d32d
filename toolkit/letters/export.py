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

from ..paths import FONTS
from ..text import clean_line
from .model import format_date

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


_ICS_TEXT = {
    "en": (
        "Check the answer: {kind} to {service}",
        "Sent on {sent}. The answer is due by {due} (Art. 12(3) GDPR). No clear answer? Send the follow-up; then you may complain to the data protection authority (Art. 77 GDPR).",
    ),
    "de": (
        "Antwort prüfen: {kind} an {service}",
        "Gesendet am {sent}. Die Antwort ist bis {due} fällig (Art. 12 Abs. 3 DSGVO). Keine eindeutige Antwort? Senden Sie die Nachfrage; danach können Sie sich bei der Datenschutzaufsicht beschweren (Art. 77 DSGVO).",
    ),
}
_KIND_NAMES = {
    "en": {
        "objection-ai": "objection",
        "admin-optout": "opt-out request",
        "follow-up": "follow-up",
        "complaint": "complaint",
        "access": "access request",
        "erasure": "erasure request",
    },
    "de": {
        "objection-ai": "Widerspruch",
        "admin-optout": "Opt-out-Anfrage",
        "follow-up": "Nachfrage",
        "complaint": "Beschwerde",
        "access": "Auskunftsersuchen",
        "erasure": "Löschverlangen",
    },
}


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
    summary_t, description_t = _ICS_TEXT[letter.lang]
    kind = _KIND_NAMES[letter.lang][letter.kind]
    due = letter.deadline
    summary = summary_t.format(kind=kind, service=letter.service_name)
    description = description_t.format(
        sent=format_date(letter.made_on, letter.lang), due=format_date(due, letter.lang)
    )
    return ics_calendar([(due, summary, description)], "letters")


def to_pdf(letter: Letter) -> bytes:
    """A DIN-style letter on A4 with a Unicode font (DejaVu Sans, shipped with the kit)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_title(clean_line(letter.subject)[:200])
    pdf.set_creator("privacy-workshop-kit")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(25, 20, 20)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font("DejaVu", size=9)
    sender = [letter.sender_name, *letter.sender_address]
    if letter.sender_email:
        sender.append(letter.sender_email)
    pdf.multi_cell(width, 4.5, "\n".join(sender), align="R")
    pdf.ln(8)
    pdf.set_font("DejaVu", size=11)
    recipient = [letter.recipient.name, *letter.recipient.address_lines]
    pdf.multi_cell(width * 0.6, 5.5, "\n".join(recipient))
    pdf.ln(10)
    place_date = ", ".join(p for p in (letter.place, format_date(letter.made_on, letter.lang)) if p)
    pdf.multi_cell(width, 5.5, place_date, align="R")
    pdf.ln(6)
    pdf.set_font("DejaVu", "B", 11)
    pdf.multi_cell(width, 5.5, letter.subject)
    pdf.ln(4)
    pdf.set_font("DejaVu", size=11)
    pdf.multi_cell(width, 5.5, letter.body)
    return bytes(pdf.output())
