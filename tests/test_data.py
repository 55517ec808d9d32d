"""The records in data/: every file valid, and every kind of fault named by file and field."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from toolkit import data
from toolkit.paths import CACHE_ENV, DATA, ROOT

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
    assert "unknown key facts: " in result.stdout


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
    problems, counts, _ = data.check_data(broken_data)
    assert counts["services"] == 1 and problems


def test_yes_no_on_off_stay_words():
    assert data.read_yaml("a: yes\nb: on\nc: no\nd: true\ne: 2025-05-27") == {
        "a": "yes", "b": "on", "c": "no", "d": True, "e": "2025-05-27",
    }  # fmt: skip


def test_fast_validator_agrees_with_jsonschema(broken_data):
    """fastjsonschema (used at run time for speed) flags the same fields as jsonschema."""
    import jsonschema
    from referencing import Registry, Resource

    schemas = {
        p.name: data.read_yaml(p.read_text()) for p in sorted(data.SCHEMA_DIR.glob("*.schema.yaml"))
    }
    registry = Registry().with_resources(
        [(n, Resource.from_contents(s)) for n, s in schemas.items()]
    )
    checked = flagged = 0
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
                # one message per bad top-level field (or the record itself), as data.py reports
                theirs = {tuple(e.absolute_path)[:1] for e in reference.iter_errors(record)}
                ours = {p[:1] for p, _ in fast.iter_errors(record)}
                assert ours == theirs, path
                checked += 1
                flagged += bool(ours)
    assert checked > 100 and flagged >= 3


def _social(tmp_path: Path, change) -> Path:
    """A copy of the fixture data with example-social.yaml changed by `change(record)`."""
    shutil.copytree(FIXTURES, tmp_path / "data")
    path = tmp_path / "data" / "services" / "example-social.yaml"
    record = data.read_yaml(path.read_text())
    change(record)
    import yaml

    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False))
    return tmp_path / "data"


def _problems(folder: Path, today: date = date(2026, 6, 1)) -> list[str]:
    return [str(p) for p in data.load_all(folder, today)["services"].problems]


def test_every_bad_field_of_a_record_is_named_at_once(tmp_path):
    def change(r):
        r["category"] = "toaster"
        r["training_default"] = "maybe"
        del r["summary"]

    found = _problems(_social(tmp_path, change))
    assert any("category: 'toaster' is not one of" in p for p in found)
    assert any("training_default: 'maybe' is not one of" in p for p in found)
    assert any("(record): 'summary' is a required property" in p for p in found)


@pytest.mark.parametrize(
    ("change", "check", "field"),
    [
        (lambda r: r["sources"][0].update(kind="press"), "primary-source", "sources"),
        (lambda r: r.update(verified_on="2026-02-01"), "verified-on", "verified_on"),
        (
            lambda r: r["sources"][0].update(version_date="2026-03-01"),
            "read-after-version",
            "sources.0.version_date",
        ),
        (
            lambda r: r["sources"][0]["supports"].append("colour"),
            "supports-field",
            "sources.0.supports",
        ),
        (
            lambda r: r["sources"][0]["supports"].remove("legal_basis"),
            "fact-sourced",
            "legal_basis",
        ),
        (lambda r: r.update(address="unknown"), "unknown-explained", "address"),
        (
            lambda r: r.update(unsettled={"company": {"en": "x", "de": "x"}}),
            "unknown-explained",
            "unsettled.company",
        ),
        (
            lambda r: r.update(ai_training="no", training_default="not-applicable"),
            "no-training-no-content",
            "content_used",
        ),
        (
            lambda r: r.update(
                actions=[
                    {
                        "date": d,
                        "kind": "court",
                        "by": "A court",
                        "url": "https://court.example/",
                        "what": {"en": "x", "de": "x"},
                    }
                    for d in ("2025-06-01", "2025-01-01")
                ]
            ),
            "timeline-sorted",
            "actions",
        ),
        (lambda r: r["opt_out"][0].update(fields="unknown"), "form-fields", "opt_out.0.fields"),
        (
            lambda r: r["opt_out"][0].update(fields=["account_email", "form_reason"]),
            "form-fields",
            "opt_out.0.fields",
        ),
        (
            lambda r: r["opt_out"][1].update(fields=["account_email"]),
            "form-fields",
            "opt_out.1.fields",
        ),
        (
            lambda r: r["opt_out"][0].update(
                fields=["account_email"], fields_unsettled={"en": "x", "de": "x"}
            ),
            "form-fields",
            "opt_out.0.fields_unsettled",
        ),
        (lambda r: r.update(eu_start_bound="not-later-than"), "bound-dated", "eu_start"),
        (
            lambda r: r.update(eu_start="unknown", eu_start_bound="not-later-than"),
            "bound-dated",
            "eu_start_bound",
        ),
    ],
)
def test_named_checks_name_the_rule_and_the_field(tmp_path, change, check, field):
    found = _problems(_social(tmp_path, change))
    assert any(p.startswith(f"services/example-social.yaml: {field}: [{check}] ") for p in found), (
        found
    )


def test_an_unknown_with_its_explanation_passes(tmp_path):
    def change(r):
        r["address"] = "unknown"
        r["unsettled"] = {
            "address": {"en": "The policy gives none.", "de": "Die Erklärung nennt keine."}
        }

    assert [p for p in _problems(_social(tmp_path, change)) if "example-social" in p] == []


def test_a_not_later_than_start_on_a_sources_version_date_passes_and_reads_as_a_bound(tmp_path):
    from toolkit.policies.table import since_text

    def change(r):
        r.update(eu_start="2025-06-01", eu_start_bound="not-later-than")

    assert [p for p in _problems(_social(tmp_path, change)) if "example-social" in p] == []
    assert since_text("2025-06-01", "not-later-than", "en") == "by 2025-06-01 at the latest"
    assert since_text("2025-06-01", "not-later-than", "de") == "spätestens ab 2025-06-01"
    assert since_text("2025-05-27", "", "en") == "2025-05-27"


def test_a_form_with_sourced_fields_or_explained_unknown_fields_passes(tmp_path):
    def sourced(r):
        r["opt_out"][0]["fields"] = ["account_email", "form_reason"]
        r["sources"][0]["supports"].append("opt_out.0.fields")

    def unknown(r):
        r["opt_out"][0]["fields"] = "unknown"
        r["opt_out"][0]["fields_unsettled"] = {"en": "Not described.", "de": "Nicht beschrieben."}

    for i, change in enumerate((sourced, unknown)):
        found = _problems(_social(tmp_path / str(i), change))
        assert [p for p in found if "example-social" in p] == []


def test_a_form_field_outside_the_kits_blocks_is_refused(tmp_path):
    def change(r):
        r["opt_out"][0]["fields"] = ["account_email", "country"]

    found = _problems(_social(tmp_path, change))
    assert any("example-social.yaml: opt_out" in p for p in found), found


def test_unknown_share_counts_the_nine_key_fields():
    from toolkit.checks import KEY_FIELDS, unknown_share

    base = data.read_yaml((FIXTURES / "services" / "example-social.yaml").read_text())
    gaps = {**base, "company": "unknown", "content_used": ["unknown"],
            "opt_out": [{"route": "unknown", "steps": base["opt_out"][0]["steps"]}]}  # fmt: skip
    share = unknown_share({"a": base, "b": gaps})
    assert len(KEY_FIELDS) == 9 and share.total == 18
    assert share.per_record == {"a": [], "b": ["company", "content_used", "opt_out"]}
    assert share.share == pytest.approx(3 / 18)


def test_check_data_fails_when_too_much_is_unknown(tmp_path):
    def change(r):
        fields = (
            "company",
            "address",
            "eu_start",
            "legal_basis",
            "lead_authority",
            "training_default",
        )
        r.update(dict.fromkeys(fields, "unknown"))
        r["unsettled"] = {f: {"en": "not found", "de": "nicht gefunden"} for f in fields}

    problems, _, share = data.check_data(_social(tmp_path, change), today=date(2026, 6, 1))
    assert len(share.per_record["example-social"]) == 6
    assert any("[unknown-share]" in str(p) for p in problems)


def test_the_kit_data_is_under_the_unknown_threshold():
    from toolkit.checks import MAX_UNKNOWN_SHARE, unknown_share

    share = unknown_share(data.records("services"))
    assert share.total == 9 * len(data.records("services"))
    assert share.share <= MAX_UNKNOWN_SHARE, share.per_record


def test_check_sources_lists_old_reads_and_versions_older_than_their_facts(tmp_path):
    from toolkit.checks import source_todo

    def change(r):
        r["sources"].append(
            {"url": "https://social.example/terms-2019", "title": "Terms 2019", "kind": "primary",
             "supports": ["ai_training"], "read_on": "2026-01-01", "version_date": "2019-06-01",
             "quote": "We may improve our services."}
        )  # fmt: skip

    folder = _social(tmp_path, change)
    services = data.load_all(folder, date(2026, 6, 1))["services"].records
    fresh = source_todo({"example-social": services["example-social"]}, date(2026, 1, 10), 183)
    assert [str(t) for t in fresh] == [
        "example-social: Terms 2019: version of 2019-06-01 is older than the facts it supports (ai_training)"
    ]
    later = [str(t) for t in source_todo(services, date(2026, 12, 1), max_age_days=183)]
    assert "example-chat: Example Chat privacy principles: version date unknown" in later
    assert "example-social: Example privacy policy: read 2026-01-01, 334 days ago" in later
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "check-sources", "--max-age", "100000"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0 and "source(s) to re-read" in result.stdout


def test_kernels_after_the_first_read_the_checked_records_from_one_json_copy(tmp_path, monkeypatch):
    """The second kernel gets the same records without checking them; a changed file is re-checked."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    folder = _social(tmp_path, lambda r: None)
    first = data._through_cache(folder, date(2026, 6, 1))
    copies = list((tmp_path / "cache").glob("records-*.json"))
    assert len(copies) == 1
    monkeypatch.setattr(data, "load_all", lambda *a: pytest.fail("checked again"))
    again = data._through_cache(folder, date(2026, 6, 1))
    assert again["services"].records == first["services"].records
    assert again["services"].records["example-social"]["name"]
    monkeypatch.undo()
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    path = folder / "services" / "example-social.yaml"
    path.write_text(path.read_text().replace("category: social-network", "category: toaster"))
    changed = data._through_cache(folder, date(2026, 6, 1))
    assert "example-social" not in changed["services"].records
    assert any("toaster" in str(p) for p in changed["services"].problems)
    assert len(list((tmp_path / "cache").glob("records-*.json"))) == 1  # the old copy is gone


def test_records_load_when_the_cache_folder_cannot_be_written(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    loaded = data._through_cache(_social(tmp_path, lambda r: None), date(2026, 6, 1))
    assert "example-social" in loaded["services"].records
