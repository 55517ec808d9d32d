"""GDPR letters and form texts: objection to AI training, owner opt-out, follow-up, complaint.

``compose(kind, service=..., lang=..., **details)`` checks the input, picks the service's
channel and recipient from its record, renders the template and returns a Letter that can be
shown and exported (txt, eml, pdf, ics, mailto). Nothing is sent and nothing is written.
"""

from .compose import KINDS, REASONS, Letter, Notice, Recipient, compose, reason_choices
from .deadline import Due, answer_due
from .model import LetterInputError
from .render import LetterTemplateError
from .reply import NextStep, Reply, read_reply

__all__ = [
    "KINDS",
    "REASONS",
    "Due",
    "Letter",
    "LetterInputError",
    "LetterTemplateError",
    "NextStep",
    "Notice",
    "Recipient",
    "Reply",
    "answer_due",
    "compose",
    "read_reply",
    "reason_choices",
]
