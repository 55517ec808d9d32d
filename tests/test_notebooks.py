"""Every notebook executes headless without error, in German and in English."""

import nbformat
import pytest
from nbclient import NotebookClient

from toolkit.paths import NOTEBOOKS, ROOT

NOTEBOOK_FILES = sorted(NOTEBOOKS.glob("*.ipynb"))


def test_there_are_notebooks():
    assert len(NOTEBOOK_FILES) >= 5


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=[p.stem for p in NOTEBOOK_FILES])
@pytest.mark.parametrize("query", ["", "lang=de"])
def test_notebook_executes(path, query, monkeypatch):
    monkeypatch.setenv("QUERY_STRING", query)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    )
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    widget_views = [
        o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
    ]
    assert widget_views, f"{path.name} shows no widget"
