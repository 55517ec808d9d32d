"""The records in data/: every file valid, and every kind of fault named by file and field."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from toolkit import data
from toolkit.paths import DATA, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "data"
KIND_FILES = {kind: sorted((DATA / kind).glob("*.yaml")) for kind in data.KINDS}


def test_every_kind_has_records():
    assert len(KIND_FILES["services"]) >= 25
    assert len(KIND_FILES["alternatives"]) >= 1
    assert len(KIND_FILES["authorities"]) >= 17


@pytest.mark.parametrize(
    "path",
    [p for files in KIND_FILES.values() for p in files],
    ids=lambda p: f"{p.parent.name}/{p.stem}",
)
def test_record_is_valid(path):
    problems = [
        p for p in data.problems(path.parent.name) if p.file == f"{path.parent.name}/{path.name}"
    ]
    assert problems == []
    record = data.records(path.parent.name)[path.stem]
    assert record["sources"] and record["verified_on"]


def test_required_services_are_there():
    wanted = """facebook instagram threads whatsapp messenger linkedin x slack google-gemini gmail
    microsoft-copilot reddit discord zoom tumblr wordpress-com adobe quora stack-overflow snapchat
    tiktok pinterest telegram chatgpt claude alexa mastodon mattermost signal""".split()
    assert sorted(set(wanted) - set(data.records("services"))) == []


def test_check_data_command_passes_on_the_kit_data():
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "check-data"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout
    assert "0 problem(s)" in result.stdout


def test_load_services_frame_in_both_languages():
    en = data.load_services("en")
    de = data.load_services("de")
    assert en.index.is_unique and list(en.index) == list(de.index)
    assert {
        "name",
        "ai_training",
        "training_default",
        "opt_out_routes",
        "who_can_opt_out",
        "sources",
    } <= set(en.columns)
    differs = (en["summary"] != de["summary"]).sum()
    assert differs == len(en)


BREAKAGES = {
    "missing-field.yaml": (
        lambda text: text.replace("category: social-network\n", ""),
        "(record)",
        "'category' is a required property",
    ),
    "wrong-type.yaml": (
        lambda text: text.replace(
            "content_used: [public-posts, photos-videos]", "content_used: public-posts"
        ),
        "content_used",
        "is not of type 'array'",
    ),
    "bad-date.yaml": (
        lambda text: text.replace("verified_on: 2026-01-01", "verified_on: 2026-02-30"),
        "verified_on",
        "not a real date",
    ),
    "unknown-word.yaml": (
        lambda text: text.replace("training_default: on", "training_default: maybe"),
        "training_default",
        "is not one of",
    ),
    "dangling.yaml": (
        lambda text: text.replace("lead_authority: xx-dpa", "lead_authority: zz-none"),
        "lead_authority",
        "no authority with id 'zz-none'",
    ),
    "future.yaml": (
        lambda text: text.replace(
            "verified_on: 2026-01-01", f"verified_on: {date.today() + timedelta(days=30)}"
        ),
        "verified_on",
        "in the future",
    ),
    "Bad_Name.yaml": (lambda text: text, "(file name)", "lower-case"),
}


@pytest.fixture
def broken_data(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES, tmp_path / "data")
    good = (FIXTURES / "services" / "example-social.yaml").read_text()
    for name, (change, _, _) in BREAKAGES.items():
        changed = change(good).replace("name: Example Social", f"name: {name}")
        (tmp_path / "data" / "services" / name).write_text(changed)
    (tmp_path / "data" / "services" / "invalid.yaml").write_text("name: [unclosed\n")
    (tmp_path / "data" / "services" / "example-chat.yml").write_text(
        (FIXTURES / "services" / "example-chat.yaml").read_text()
    )
    return tmp_path / "data"


def test_each_fault_is_named_and_the_rest_still_load(broken_data):
    loaded = data.load_all(broken_data)
    problems = [str(p) for p in loaded["services"].problems]
    for name, (_, field, message) in BREAKAGES.items():
        assert any(
            p.startswith(f"services/{name}: {field}: ") and message in p for p in problems
        ), (name, problems)
    assert any(
        p.startswith("services/invalid.yaml: line ") and "invalid YAML" in p for p in problems
    )
    assert any(
        p.startswith("services/example-chat.yml: (file name): duplicate id") for p in problems
    )
    assert sorted(loaded["services"].records) == ["example-social"]
    assert sorted(loaded["alternatives"].records) == ["example-fedi"]


def test_dangling_alternative_reference_is_named(tmp_path):
    shutil.copytree(FIXTURES, tmp_path / "data")
    path = tmp_path / "data" / "alternatives" / "example-fedi.yaml"
    path.write_text(
        path.read_text().replace("replaces: [example-social]", "replaces: [example-social, nope]")
    )
    loaded = data.load_all(tmp_path / "data")
    assert [str(p) for p in loaded["alternatives"].problems] == [
        "alternatives/example-fedi.yaml: replaces: no service with id 'nope' in data/services/"
    ]


def test_check_data_exits_non_zero_and_prints_file_field_message(broken_data, monkeypatch):
    problems, counts = data.check_data(broken_data)
    assert counts["services"] == 1 and problems


def test_yes_no_on_off_stay_words():
    assert data.read_yaml("a: yes\nb: on\nc: no\nd: true\ne: 2025-05-27") == {
        "a": "yes", "b": "on", "c": "no", "d": True, "e": "2025-05-27",
    }  # fmt: skip


def test_fast_validator_agrees_with_jsonschema(broken_data):
    """toolkit.schema (used at run time for speed) gives the same verdicts as jsonschema."""
    import jsonschema
    from referencing import Registry, Resource

    schemas = {
        p.name: data.read_yaml(p.read_text()) for p in sorted(data.SCHEMA_DIR.glob("*.schema.yaml"))
    }
    registry = Registry().with_resources(
        [(n, Resource.from_contents(s)) for n, s in schemas.items()]
    )
    checked = 0
    for folder in (DATA, broken_data):
        for kind, schema_name in data.KINDS.items():
            reference = jsonschema.Draft202012Validator(
                schemas[f"{schema_name}.schema.yaml"], registry=registry
            )
            fast = data._validator(schema_name)
            for path in sorted((folder / kind).glob("*.y*ml")):
                try:
                    record = data.read_yaml(path.read_text())
                except Exception:  # noqa: S112 - invalid YAML is checked elsewhere
                    continue
                theirs = sorted(tuple(e.absolute_path) for e in reference.iter_errors(record))
                ours = sorted(p for p, _ in fast.iter_errors(record))
                assert ours == theirs, path
                checked += 1
    assert checked > 100


def test_schema_keywords_outside_the_subset_are_refused():
    from toolkit.schema import Validator

    with pytest.raises(ValueError, match="not supported"):
        Validator({"x.schema.yaml": {"type": "object", "maxLength": 3}}, "x.schema.yaml")
