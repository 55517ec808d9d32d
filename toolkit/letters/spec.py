"""What each kind of letter needs, in one place: its fields per step, what is required, channels.

The letter wizard, `compose()` and the tests all read this table. Adding a kind of letter means
adding a template per language and one `KindSpec` here; no other module branches on the kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import data

# The wizard's steps, in order.
STEPS: tuple[str, ...] = ("service", "grounds", "details", "preview")
# Fields of the first step (every kind) and of the details step (every kind).
SERVICE_FIELDS: tuple[str, ...] = ("service", "kind", "letter_lang", "channel")
DETAILS_FIELDS: tuple[str, ...] = (
    "name",
    "email",
    "account_email",
    "account_url",
    "address",
    "place",
)

# Where the participant lives: used to propose an authority, never put into a letter.
PLACE_FIELDS: tuple[str, ...] = ("country", "region")


@dataclass(frozen=True)
class KindSpec:
    """One kind of letter: the fields of its grounds step and what must be filled in."""

    kind: str
    grounds: tuple[str, ...] = ()
    # The interface string that introduces the grounds step.
    intro: str = "obj.no_grounds"
    required: tuple[str, ...] = ("name",)
    # (field, condition): the field is required when the condition field is true.
    required_if: tuple[tuple[str, str], ...] = ()
    # The kit's generic copy blocks for a web form (after the account e-mail), used when the
    # service record does not say which fields its form has (see `form_blocks_for`).
    form_blocks: tuple[str, ...] = ()
    # The checklist line about the date to check (filled with the letter's `deadline`), and
    # whether the Art. 12(3) "how computed" line applies (not to a processor's instruction).
    remind: str = "obj.check.remind"
    explain_due: bool = True


SPECS: dict[str, KindSpec] = {
    spec.kind: spec
    for spec in (
        KindSpec(
            "objection-ai",
            grounds=("reasons", "own_reason", "direct_marketing"),
            intro="obj.grounds.intro",
            form_blocks=("form_reason", "form_more"),
        ),
        KindSpec(
            "admin-optout",
            grounds=("is_owner", "workspace_url"),
            intro="obj.not_owner",
            required=("name", "workspace_url"),
            required_if=(("email", "is_owner"),),
            remind="obj.check.remind.processor",
            explain_due=False,
        ),
        KindSpec(
            "follow-up",
            grounds=("sent_on", "reference", "answer"),
            intro="obj.grounds.history",
            required=("name", "sent_on"),
            remind="obj.check.remind.follow-up",
        ),
        KindSpec(
            "complaint",
            grounds=("sent_on", "reference", "answer", "country", "region", "authority"),
            intro="obj.grounds.complaint",
            required=("name", "email", "sent_on"),
            remind="obj.check.remind.complaint",
        ),
        KindSpec("access"),
        KindSpec("erasure"),
    )
}
KINDS: tuple[str, ...] = tuple(SPECS)

# Services whose AI feature belongs to a second controller that needs its own objection: the
# WhatsApp record covers WhatsApp Ireland's own chats, while Meta AI in WhatsApp is provided by
# Meta Platforms Ireland (data/services/whatsapp.yaml and meta-ai.yaml, notes and opt-out steps).
SECOND_OBJECTION: dict[str, str] = {"whatsapp": "meta-ai"}


def step_fields(kind: str, step: str) -> tuple[str, ...]:
    """The fields a participant fills in on `step` for a letter of `kind`."""
    if step == "service":
        return SERVICE_FIELDS
    if step == "grounds":
        return SPECS[kind].grounds
    if step == "details":
        return DETAILS_FIELDS
    return ()


def step_of(kind: str, field: str) -> str:
    """The step on which `field` is filled in (the service step for anything else)."""
    for step in STEPS:
        if field in step_fields(kind, step):
            return step
    return STEPS[0]


def detail_fields(kind: str) -> tuple[str, ...]:
    """Every detail `compose()` takes for `kind` (grounds and details steps)."""
    return (*SPECS[kind].grounds, *DETAILS_FIELDS)


def required_fields(kind: str, values: dict[str, Any]) -> tuple[str, ...]:
    """The fields that must be filled in for `kind`, given the values so far."""
    spec = SPECS[kind]
    extra = tuple(name for name, condition in spec.required_if if values.get(condition, True))
    return (*spec.required, *extra)


# --- channels and recipients ---------------------------------------------------------------
def lines(text: str) -> tuple[str, ...]:
    """Address lines of a record, without empty or 'unknown' lines."""
    return tuple(line for line in str(text).split("\n") if line and line != "unknown")


def route(record: dict, *routes: str) -> dict | None:
    """The first opt-out route of `record` of one of the kinds `routes`."""
    return next((r for r in record["opt_out"] if r["route"] in routes), None)


def company(record: dict) -> str:
    """The legal person a letter is addressed to (the product name if it is unknown)."""
    return record["company"] if record["company"] != "unknown" else record["name"]


def _email(record: dict) -> str:
    contact = record.get("privacy_contact") or {}
    return (route(record, "email") or {}).get("email") or contact.get("email", "")


def channels_for(kind: str, record: dict, is_owner: bool = True) -> list[str]:
    """The channels that work for this kind of letter and service, best first.

    Empty when the letter would reach nobody: no legal person known (only a product name), or
    no postal address, e-mail or form of it. Such a kind is not offered (see `offered_kinds`).
    """
    if kind == "complaint":
        return ["letter", "email"]  # to an authority, whatever the company offers
    if kind == "admin-optout" and not is_owner:
        return ["message"]  # a member asks the workspace owner
    if record["company"] == "unknown":
        return []
    if kind == "admin-optout":
        return ["email"] if (route(record, "admin-email") or {}).get("email") else []
    contact = record.get("privacy_contact") or {}
    found: list[str] = []
    if kind == "objection-ai":
        form = route(record, "form")
        if form and form.get("url"):
            found.append("form")
        if _email(record):
            found.append("email")
    else:
        if _email(record):
            found.append("email")
        if contact.get("form"):
            found.append("form")
    if lines(record["address"]):
        found.append("letter")
    return found


# Every copy block a form can be given: the account e-mail, then the kind's generic blocks.
FORM_BLOCKS: tuple[str, ...] = ("account_email", "form_reason", "form_more")


@dataclass(frozen=True)
class FormBlocks:
    """The copy blocks offered for a letter sent through a web form.

    `sourced` is True when the service record names the form's own fields (`opt_out.<n>.fields`,
    carried by a source): the blocks then follow the form, one per field, in its order. Otherwise
    they are the kit's generic blocks, and the participant is told so (issue 15: a block for a
    field the form may not have is no match, and no field is made up).
    """

    names: tuple[str, ...] = ()
    sourced: bool = False


def form_blocks_for(kind: str, channel: str, record: dict) -> FormBlocks:
    """The copy blocks for a letter of `kind` sent by `channel` about the service `record`."""
    generic = SPECS[kind].form_blocks
    if channel != "form" or not generic:
        return FormBlocks()
    fields = (route(record, "form") or {}).get("fields")
    if isinstance(fields, list) and fields:
        return FormBlocks(tuple(fields), sourced=True)
    return FormBlocks(("account_email", *generic))


def offered_kinds(record: dict) -> list[str]:
    """The kinds of letter `record` lists that reach someone (in the spec's order)."""
    return [k for k in SPECS if k in record["letters"]["kinds"] and channels_for(k, record)]


def unreachable_kinds(record: dict) -> list[str]:
    """The kinds `record` lists that cannot be offered: nobody known to send them to."""
    return [k for k in SPECS if k in record["letters"]["kinds"] and not channels_for(k, record)]


@dataclass(frozen=True)
class Recipient:
    """Where the letter goes: a form URL, an e-mail address and/or a postal address."""

    name: str
    email: str = ""
    url: str = ""
    address_lines: tuple[str, ...] = ()


def recipient_for(kind: str, channel: str, record: dict, *, authority: str, is_owner: bool):
    """The recipient of a letter of `kind` sent by `channel` about the service `record`."""
    address = lines(record["address"])
    if kind == "complaint":
        auth = data.records("authorities")[authority]
        return Recipient(
            auth["name"],
            auth.get("email", ""),
            auth.get("complaint_url", ""),
            lines(auth["address"]),
        )
    if kind == "admin-optout":
        if not is_owner:
            return Recipient("workspace owner")
        email = (route(record, "admin-email") or {}).get("email", "")
        return Recipient(company(record), email, "", address)
    if channel == "form":
        contact = record.get("privacy_contact") or {}
        url = (route(record, "form") or {}).get("url") if kind == "objection-ai" else None
        return Recipient(company(record), "", url or contact.get("form", ""), address)
    if channel == "email":
        return Recipient(company(record), _email(record), "", address)
    return Recipient(company(record), "", "", address)


def downloads(kind: str, channel: str, recipient: Recipient) -> tuple[str, ...]:
    """The files offered for a letter, in the order shown ('mailto' is a link, not a file)."""
    formats = ["txt"]
    if recipient.email:  # a draft without a To: line is no use (issue 15)
        formats.append("eml")
    if channel == "letter" or kind == "complaint":
        formats.append("pdf")
    formats.append("ics")
    if recipient.email:
        formats.append("mailto")
    return tuple(formats)
