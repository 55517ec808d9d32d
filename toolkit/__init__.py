"""Privacy workshop kit: GDPR objections to AI training, policy comparison, open alternatives.

The public API. Names load lazily so that importing the package stays light (no pandas
until a table is asked for).
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "answer_due",
    "authority_for",
    "case",
    "check_data",
    "compose",
    "load_alternatives",
    "load_authorities",
    "load_services",
    "read_reply",
    "recommend",
]

_WHERE = {
    "authority_for": "toolkit.authorities",
    "check_data": "toolkit.data",
    "load_services": "toolkit.data",
    "load_alternatives": "toolkit.data",
    "load_authorities": "toolkit.data",
    "compose": "toolkit.letters",
    "read_reply": "toolkit.letters",
    "answer_due": "toolkit.letters",
    "recommend": "toolkit.alternatives",
}


def __getattr__(name: str) -> Any:
    if name == "case":  # the case file module: toolkit.case.dump / toolkit.case.load
        return importlib.import_module("toolkit.case")
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
