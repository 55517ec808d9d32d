"""Project hygiene: environment.yml agrees with pyproject.toml; notebooks are thin and stripped."""

import re
import tomllib

import nbformat
import yaml

from toolkit.paths import NOTEBOOKS, ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_lists_the_same_packages_as_pyproject():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    wanted = {_name(r): r.replace(" ", "") for r in pyproject["project"]["dependencies"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {
        _name(d): d.replace(" ", "")
        for d in env["dependencies"]
        if isinstance(d, str) and _name(d) not in ("python", "pip")
    }
    assert conda == wanted
    assert "ipykernel" in conda  # Binder needs it explicitly


def notebooks():
    found = sorted(NOTEBOOKS.glob("*.ipynb"))
    assert found, "no notebooks found"
    return found


def test_notebooks_are_stripped_and_thin():
    for path in notebooks():
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert len(code) == 1, path.name
        assert code[0].outputs == [] and code[0].execution_count is None, path.name
        lines = [line for line in code[0].source.splitlines() if line.strip()]
        assert len(lines) == 2 and lines[0].startswith("from toolkit"), path.name
        assert nb.metadata["kernelspec"]["name"] == "python3"
        assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")


def test_all_five_app_notebooks_exist():
    names = [p.name for p in notebooks()]
    assert names == [
        "00-workshop.ipynb",
        "01-objection.ipynb",
        "02-compare-policies.ipynb",
        "03-alternatives.ipynb",
        "04-action-plan.ipynb",
    ]
