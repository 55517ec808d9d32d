"""The personal action plan: what to send, when to check, what comes next, what to try.

Built from what a participant did in this session (service ids, letters made, platforms chosen:
no personal data), as a Document (HTML and PDF) and calendar reminders (ics).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from . import data
from .authorities import authority_name
from .document import Document
from .handouts import footer
from .i18n import normalize_lang, t
from .letters.deadline import answer_due, authority_news_due, follow_up_due
from .letters.model import format_date


@dataclass(frozen=True)
class Reminder:
    """A calendar reminder on one day."""

    day: date
    summary: str
    description: str


@dataclass
class Plan:
    """The plan as a document plus its reminders."""

    document: Document
    reminders: list[Reminder]

    def to_ics(self) -> bytes:
        """Every reminder as an all-day event with an alarm, in one calendar file."""
        from .letters.export import ics_calendar

        return ics_calendar([(r.day, r.summary, r.description) for r in self.reminders], "plan")


# Kinds whose check is not "the company's Art. 12(3) month": a follow-up names its own date, a
# complaint waits for the authority's news (Art. 78(2)), an owner's opt-out for a confirmation.
_OWN_CHECK = ("follow-up", "complaint", "admin-optout")


def _check_on(kind: str, made: date, channel: str) -> date:
    """When to check for news on a letter of `kind` made on `made` (as the letter's .ics does)."""
    if kind == "follow-up":
        return follow_up_due(made)
    if kind == "complaint":
        return authority_news_due(made)
    return answer_due(made, channel).due


def _sent(letters: list[dict], lang: str) -> tuple[list[str], list[Reminder], set[str]]:
    """What was sent, when to check for the answer, and which services were objected to."""
    records = data.records("services")
    authorities = data.records("authorities")
    reminders: list[Reminder] = []
    sent_items: list[str] = []
    objected: set[str] = set()
    for letter in letters:
        record = records.get(letter.get("service", ""))
        if record is None:
            continue
        objected.add(letter["service"])
        made = date.fromisoformat(letter["made_on"])
        kind_id = letter["kind"]
        due = _check_on(kind_id, made, letter.get("channel", "letter"))
        lead = authorities.get(record["lead_authority"])
        authority = authority_name(lead, lang) if lead else t("plan.authority.any", lang)
        kind = t("kind." + letter["kind"], lang)
        channel = t("channel." + letter.get("channel", "letter"), lang)
        sent_items.append(
            t(
                "plan.send",
                lang,
                date=format_date(made, lang),
                kind=kind,
                service=record["name"],
                channel=channel,
            )
        )
        form = next(
            (r.get("url") for r in record["opt_out"] if r["route"] == "form" and r.get("url")), None
        )
        if letter.get("channel") == "form" and form:
            sent_items.append(t("plan.form", lang, url=form))
        specific = "plan.check." + kind_id
        check = t(
            specific if kind_id in _OWN_CHECK else "plan.check",
            lang,
            date=format_date(due, lang),
            service=record["name"],
            authority=authority,
        )
        sent_items.append(check)
        summary = "plan.ics.complaint" if kind_id == "complaint" else "plan.ics.check"
        reminders.append(Reminder(due, t(summary, lang, service=record["name"]), check))
    return sent_items, reminders, objected


def _settings_and_todo(
    services: list[str], switched: set[str], objected: set[str], lang: str
) -> tuple[list[str], list[str]]:
    """Settings still to change, and services still to object to (trained on by default)."""
    records = data.records("services")
    settings: list[str] = []
    todo: list[str] = []
    for sid in services:
        record = records.get(sid)
        if record is None:
            continue
        for route in record["opt_out"]:
            if route["route"] == "setting" and sid not in switched:
                steps = " → ".join(route["steps"][lang])
                where = f" ({route['url']})" if route.get("url") else ""
                settings.append(f"{record['name']}: {steps}{where}")
        trains = record["ai_training"] in ("yes", "partly") and record["training_default"] == "on"
        if (
            trains
            and sid not in objected | switched
            and set(record["letters"]["kinds"]) & {"objection-ai", "admin-optout"}
        ):
            todo.append(t("plan.todo.item", lang, service=record["name"]))
    return settings, todo


def build_plan(
    services: list[str],
    letters: list[dict],
    alternatives: list[str],
    lang: str = "en",
    today: date | None = None,
    texts: list[tuple[str, str]] | None = None,
    settings_done: list[str] | None = None,
) -> Plan:
    """The plan for a session: ids of services used, letters made (kind, service, channel,
    made_on), ids of platforms chosen, and the letters' own texts (subject, body) to print
    with the plan, and the services whose AI setting the participant switched off (counted as
    done). Unknown ids are skipped."""
    lang = normalize_lang(lang)
    today = today or date.today()
    records = data.records("services")
    alts = data.records("alternatives")
    doc = Document(t("plan.title", lang), lang, footer=footer(lang))
    doc.h1(t("plan.title", lang)).p(t("plan.made", lang, date=format_date(today, lang)))
    sent_items, reminders, objected = _sent(letters, lang)
    if sent_items:
        doc.h2(t("plan.sent", lang)).ul(sent_items)
    switched = set(settings_done or [])
    done = [
        t("plan.setting.done", lang, service=records[sid]["name"])
        for sid in switched & set(records)
    ]
    settings, todo = _settings_and_todo(services, switched, objected, lang)
    if done:
        doc.h2(t("plan.done", lang)).ul(sorted(done))
    if settings:
        doc.h2(t("plan.settings", lang)).ul(settings)
    if todo:
        doc.h2(t("plan.todo", lang)).ul(todo)
    chosen = [a for a in alternatives if a in alts]
    if chosen:
        doc.h2(t("plan.try", lang))
        for aid in chosen:
            record = alts[aid]
            day = today + timedelta(days=7)
            doc.h3(record["name"]).p(
                t(
                    "plan.try.item",
                    lang,
                    date=format_date(day, lang),
                    name=record["name"],
                    website=record["website"],
                )
            )
            doc.p(t("plan.first_steps", lang)).ol(record["first_steps"][lang])
            doc.p(t("plan.migration", lang)).ol(record["migration"][lang])
            reminders.append(
                Reminder(day, t("plan.ics.try", lang, name=record["name"]), record["summary"][lang])
            )
    if not (sent_items or settings or todo or chosen or done):
        doc.p(t("plan.empty", lang))
    if texts:
        doc.h2(t("plan.letters", lang))
        for subject, body in texts:
            doc.h3(subject)
            for paragraph in body.split("\n\n"):
                doc.p(paragraph)
    doc.note(t("plan.keep", lang))
    return Plan(doc, reminders)
