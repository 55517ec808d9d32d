"""Load and validate the records in data/: one YAML file per record, one schema per kind.

Every record is checked against its JSON Schema (data/schema/, validated with fastjsonschema:
toolkit/schema.py) and by named checks (toolkit/checks.py: real dates, verified_on against the
primary sources, every fact sourced, every unknown explained; here: file name = id, references
to other records). A broken record is left out and
reported as ``file: field: message``; every valid record still loads. Records are read once per
kernel and kept in memory, through a JSON copy of the checked records (`_through_cache`): see there.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .checks import MAX_UNKNOWN_SHARE, UnknownShare, run_checks, unknown_share
from .paths import DATA, cache_dir

if TYPE_CHECKING:
    import pandas as pd

KINDS: dict[str, str] = {
    "authorities": "authority",
    "services": "service",
    "alternatives": "alternative",
    "servers": "network",
}
OPTIONAL_KINDS = frozenset({"servers"})  # a data folder may have none
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
STALE_AFTER_DAYS = 183  # "checked more than six months ago"
SCHEMA_DIR = DATA / "schema"  # the kit's schemas, whatever data folder is read
_data_dir: Path = DATA


# libyaml's parser is about ten times faster than the pure-Python one (it matters: every
# participant's kernel reads the records once); both resolve tags the same way.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """YAML 1.2-like loading: dates stay strings; only true/false are booleans."""


_Loader.yaml_implicit_resolvers = {
    key: [
        (tag, rx)
        for tag, rx in resolvers
        if tag not in {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"}
    ]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def read_yaml(text: str) -> Any:
    """Parse YAML text the way data files are parsed."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader


@dataclass(frozen=True)
class Problem:
    """One problem in one record: shown as ``file: field: message``."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


@dataclass
class Records:
    """The valid records of one kind, by id, and the problems of the broken ones."""

    kind: str
    records: dict[str, dict[str, Any]]
    problems: list[Problem]


@cache
def _validator(schema_name: str):  # -> toolkit.schema.Validator
    from .schema import Validator

    schemas = {
        path.name: read_yaml(path.read_text(encoding="utf-8"))
        for path in sorted(SCHEMA_DIR.glob("*.schema.yaml"))
    }
    return Validator(schemas, f"{schema_name}.schema.yaml")


def _field_path(path: Any) -> str:
    return ".".join(str(part) for part in path) or "(record)"


def _short(message: str, limit: int = 200) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"


def _check_record(kind: str, file: str, record: Any, today: date) -> list[Problem]:
    problems = [
        Problem(file, _field_path(path), _short(message))
        for path, message in _validator(KINDS[kind]).iter_errors(record)
    ]
    if not isinstance(record, dict):
        return problems or [Problem(file, "(record)", "a record must be a mapping of fields")]
    if kind == "authorities" and not (record.get("email") or record.get("complaint_url")):
        problems.append(
            Problem(file, "email", "an authority needs an email or a complaint_url (or both)")
        )
    problems += [
        Problem(file, field_name, _short(message))
        for field_name, message in run_checks(kind, record, today)
    ]
    return problems


def _read_kind(kind: str, data_dir: Path, today: date) -> tuple[dict[str, dict], list[Problem]]:
    folder = data_dir / kind
    records: dict[str, dict] = {}
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    for path in files:
        file = f"{kind}/{path.name}"
        record_id = path.stem
        if not ID_PATTERN.match(record_id):
            problems.append(
                Problem(
                    file,
                    "(file name)",
                    "the file name (the id) must be lower-case a-z, 0-9 and dashes",
                )
            )
            continue
        if record_id in seen:
            problems.append(
                Problem(file, "(file name)", f"duplicate id {record_id!r} (also {seen[record_id]})")
            )
            records.pop(record_id, None)
            continue
        seen[record_id] = file
        try:
            record = read_yaml(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            mark = getattr(error, "problem_mark", None)
            where = f"line {mark.line + 1}" if mark else "(file)"
            problems.append(
                Problem(
                    file, where, f"invalid YAML: {_short(str(getattr(error, 'problem', error)))}"
                )
            )
            continue
        found = _check_record(kind, file, record, today)
        if found:
            problems += found
        else:
            records[record_id] = record
    names: dict[tuple[str, str], str] = {}
    for record_id, record in list(records.items()):
        # Names are unique per country: Denmark's and Norway's authorities are both "Datatilsynet".
        key = (str(record.get("country", "")), str(record.get("name", "")).casefold())
        if key in names:
            problems.append(
                Problem(f"{kind}/{record_id}.yaml", "name", f"duplicate name (also {names[key]})")
            )
            del records[record_id]
        else:
            names[key] = record_id
    return records, problems


def _check_references(loaded: dict[str, Records]) -> None:
    authorities = loaded["authorities"].records
    services = loaded["services"].records
    for record_id, record in list(services.items()):
        ref = record["lead_authority"]
        if ref not in authorities and ref not in ("none", "unknown"):
            loaded["services"].problems.append(
                Problem(
                    f"services/{record_id}.yaml",
                    "lead_authority",
                    f"no authority with id {ref!r} in data/authorities/",
                )
            )
            del services[record_id]
    alternatives = loaded["alternatives"].records
    for record_id, record in list(alternatives.items()):
        missing = [ref for ref in record["replaces"] if ref not in services]
        if missing:
            loaded["alternatives"].problems.append(
                Problem(
                    f"alternatives/{record_id}.yaml",
                    "replaces",
                    f"no service with id {', '.join(map(repr, missing))} in data/services/",
                )
            )
            del alternatives[record_id]
    for record_id, record in list(loaded["servers"].records.items()):
        missing = [ref for ref in record["alternatives"] if ref not in alternatives]
        if missing:
            loaded["servers"].problems.append(
                Problem(
                    f"servers/{record_id}.yaml",
                    "alternatives",
                    f"no alternative with id {', '.join(map(repr, missing))} in data/alternatives/",
                )
            )
            del loaded["servers"].records[record_id]


def load_all(data_dir: Path | None = None, today: date | None = None) -> dict[str, Records]:
    """Read and check every record kind under `data_dir` (default: the kit's data/)."""
    data_dir = data_dir or DATA
    today = today or date.today()
    loaded = {}
    for kind in KINDS:
        records, problems = _read_kind(kind, data_dir, today)
        loaded[kind] = Records(kind, records, problems)
    _check_references(loaded)
    return loaded


# Every participant's kernel needs the checked records. Reading and checking 150 YAML files costs
# each kernel 0.3-0.6 s of CPU (libyaml, then the compiled schemas and the named checks), the
# largest part of a topic page's time over the bare Voila page; loading the same records from one
# JSON file takes about 5 ms and hashing the inputs about 10 ms (measured 2026-12-02 on the kit's
# 880 KB of records). So the first kernel writes what it checked, keyed by a hash of everything the
# result depends on (the data and schema files, the checking code, today's date: staleness and
# "no future read" depend on it), and the others read it. JSON, not pickle: loading it runs no code.
# The records are the kit's public data, never a participant's.
_CHECKING_CODE = ("checks.py", "data.py", "schema.py")


def _inputs_key(data_dir: Path, today: date) -> str:
    digest = hashlib.sha256(today.isoformat().encode())
    here = Path(__file__).parent
    inputs = [here / name for name in _CHECKING_CODE] + sorted(SCHEMA_DIR.glob("*.yaml"))
    for kind in KINDS:
        inputs += sorted([*(data_dir / kind).glob("*.yaml"), *(data_dir / kind).glob("*.yml")])
    for path in inputs:
        digest.update(str(path.relative_to(path.parents[1])).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def _through_cache(data_dir: Path, today: date | None = None) -> dict[str, Records]:
    """`load_all(data_dir)`, read from the JSON copy another kernel wrote when one matches."""
    today = today or date.today()
    try:
        path: Path | None = cache_dir() / f"records-{_inputs_key(data_dir, today)}.json"
    except OSError:  # a file vanished while hashing: check from scratch
        path = None
    if path is not None:
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            return {
                kind: Records(
                    kind, stored[kind]["records"], [Problem(*p) for p in stored[kind]["problems"]]
                )
                for kind in KINDS
            }
        except (OSError, ValueError, KeyError, TypeError):
            pass  # none yet, or unreadable: check the records and write it
    loaded = load_all(data_dir, today)
    if path is not None:
        try:
            _write_cache(path, loaded)
        except OSError:  # no writable cache folder: every kernel checks for itself
            pass
    return loaded


def _write_cache(path: Path, loaded: dict[str, Records]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    blob = {
        kind: {
            "records": entry.records,
            "problems": [[p.file, p.field, p.message] for p in entry.problems],
        }
        for kind, entry in loaded.items()
    }
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".records-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(blob, out, ensure_ascii=False)
    os.replace(temporary, path)  # atomic: a kernel reading at the same moment sees all or nothing
    for old in path.parent.glob("records-*.json"):
        if old != path:
            old.unlink(missing_ok=True)


@cache
def _cached() -> dict[str, Records]:
    from .datatext import localize

    loaded = _through_cache(_data_dir)
    for entry in loaded.values():
        localize(entry.records)  # texts answer in every interface language (datatext.py)
    return loaded


def use_data_dir(path: Path | None) -> None:
    """Read records from `path` from now on (None: the kit's data/); for tests and facilitators."""
    global _data_dir
    _data_dir = Path(path) if path else DATA
    _cached.cache_clear()
    _newest_verified_on.cache_clear()


# The kinds whose records say when they were last checked (verified_on).
DATED_KINDS = ("services", "alternatives", "authorities")
_VERIFIED_ON = re.compile(r"""^verified_on:[ \t]*['"]?(\d{4}-\d{2}-\d{2})['"]?[ \t]*$""", re.M)


@cache
def _newest_verified_on(data_dir: Path) -> date | None:
    days = []
    for kind in DATED_KINDS:
        for path in (data_dir / kind).glob("*.yaml"):
            match = _VERIFIED_ON.search(path.read_text(encoding="utf-8"))
            if match:
                try:
                    days.append(date.fromisoformat(match.group(1)))
                except ValueError:
                    continue  # not a real date: check-data reports it
    return max(days, default=None)


def data_as_of() -> date | None:
    """The day the kit's data were last checked: the newest `verified_on` of any record.

    Read from the records' top-level ``verified_on:`` lines without loading the records (that
    takes about a second), so that every page can show it at once; None when there is none.
    """
    return _newest_verified_on(_data_dir)


def data_as_of_text(lang: str) -> str:
    """`data_as_of` as people write a date in `lang` ('1 December 2026', '01.12.2026'); '' if none."""
    from .letters.model import format_date

    day = data_as_of()
    return format_date(day, lang) if day else ""


def records(kind: str) -> dict[str, dict[str, Any]]:
    """The valid records of `kind` ('services', 'alternatives', 'authorities', 'servers'), read once."""
    if kind not in KINDS:
        raise ValueError(f"unknown record kind {kind!r}; one of {', '.join(KINDS)}")
    return _cached()[kind].records


def problems(kind: str | None = None) -> list[Problem]:
    """The problems found in the data (of one kind, or all)."""
    kinds = [kind] if kind else list(KINDS)
    return [p for k in kinds for p in _cached()[k].problems]


def check_data(
    data_dir: Path | None = None, today: date | None = None
) -> tuple[list[Problem], dict[str, int], UnknownShare]:
    """Validate every record: the problems, valid records per kind, and the unknown share.

    More than MAX_UNKNOWN_SHARE of the services' key facts `unknown` is a problem too: a
    comparison that is mostly blanks does not help a participant decide anything.
    """
    loaded = load_all(data_dir, today)
    found = [p for r in loaded.values() for p in r.problems]
    counts = {kind: len(r.records) for kind, r in loaded.items()}
    for kind, count in counts.items():
        if count == 0 and kind not in OPTIONAL_KINDS:
            found.append(Problem(kind + "/", "(folder)", "no valid records"))
    share = unknown_share(loaded["services"].records)
    if share.share > MAX_UNKNOWN_SHARE:
        found.append(Problem("services/", "(unknown share)", f"[unknown-share] {share}"))
    return found, counts, share


def _text(value: Any, lang: str) -> Any:
    if isinstance(value, dict) and set(value) == {"en", "de"}:
        return value[lang]
    return value


def is_stale(verified_on: str, today: date | None = None) -> bool:
    """True when a record was last checked more than six months ago."""
    today = today or date.today()
    return (today - date.fromisoformat(verified_on)).days > STALE_AFTER_DAYS


def load_services(lang: str = "en") -> pd.DataFrame:
    """One row per valid service record (index: id), texts in `lang` ('en' or 'de')."""
    import pandas as pd

    from .i18n import normalize_lang

    lang = normalize_lang(lang)
    rows = []
    for record_id, record in sorted(records("services").items()):
        row = {key: _text(value, lang) for key, value in record.items()}
        row["id"] = record_id
        row["opt_out"] = [{**route, "steps": route["steps"][lang]} for route in record["opt_out"]]
        row["opt_out_routes"] = [route["route"] for route in record["opt_out"]]
        row["actions"] = [
            {**a, "what": a["what"][lang], "by": _text(a["by"], lang)}
            for a in record.get("actions", [])
        ]
        row["letter_kinds"] = list(record["letters"]["kinds"])
        row["letter_languages"] = list(record["letters"]["languages"])
        row["stale"] = is_stale(record["verified_on"])
        row.setdefault("notes", "")
        row.setdefault("privacy_contact", {})
        row.setdefault("eu_start_bound", "")
        rows.append(row)
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    return frame.set_index("id").drop(columns=["letters"])


def load_alternatives(lang: str = "en") -> pd.DataFrame:
    """One row per valid alternative-platform record (index: id), texts in `lang`."""
    import pandas as pd

    from .i18n import normalize_lang

    lang = normalize_lang(lang)
    rows = []
    for record_id, record in sorted(records("alternatives").items()):
        row = {key: _text(value, lang) for key, value in record.items()}
        row["id"] = record_id
        row["stale"] = is_stale(record["verified_on"])
        row.setdefault("notes", "")
        rows.append(row)
    frame = pd.DataFrame(rows)
    return frame.set_index("id") if not frame.empty else frame


def load_authorities() -> pd.DataFrame:
    """One row per valid authority record (index: id)."""
    import pandas as pd

    rows = [{"id": rid, **rec} for rid, rec in sorted(records("authorities").items())]
    frame = pd.DataFrame(rows)
    return frame.set_index("id") if not frame.empty else frame
