"""Write the thin app notebooks (prose plus one import and one call), without outputs.

Run `python tools/make_notebooks.py` after changing the texts here; the notebooks are
generated so that they stay uniform and diff-friendly.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

PAGES = {
    "00-workshop.ipynb": (
        "# Privacy workshop / Datenschutz-Workshop\n\n"
        "This is the whole workshop app: start here. You will object to AI training on your "
        "data, compare how services use it, find open alternatives, and take home a plan.\n\n"
        "*Dies ist die ganze Workshop-App: Beginnen Sie hier. Sie widersprechen der KI-Nutzung "
        "Ihrer Daten, vergleichen Dienste, finden offene Alternativen und nehmen einen Plan "
        "mit.*\n\n"
        "Run the cell below (Shift+Enter). In Voila it runs by itself. The code lives in "
        "`toolkit/ui/app.py`.",
        "from toolkit.ui import WorkshopApp\n\nWorkshopApp.from_request()",
    ),
    "01-objection.ipynb": (
        "# 1 Object to AI training / Der KI-Nutzung widersprechen\n\n"
        "Under Art. 21(1) GDPR you can object to processing that a company bases on its "
        '"legitimate interests" (Art. 6(1)(f)), as Meta does for AI training since 27 May 2025. '
        "This step writes the objection for each service's real channel (web form, e-mail or "
        "letter), and what comes after: a follow-up and a complaint to the authority.\n\n"
        "The letters are Jinja2 templates in `templates/letters/`; the code is in "
        "`toolkit/letters/`.",
        "from toolkit.ui import ObjectionApp\n\nObjectionApp.from_request()",
    ),
    "02-compare-policies.ipynb": (
        "# 2 Compare policies / Richtlinien vergleichen\n\n"
        "Who trains AI on what, is it on by default, and who can opt out? Every fact in this "
        "table comes from a record in `data/services/` with its source and the date it was "
        "checked. The table is a pandas DataFrame: `toolkit.load_services()` gives it to you.",
        "from toolkit.ui import CompareApp\n\nCompareApp.from_request()",
    ),
    "03-alternatives.ipynb": (
        "# 3 Open alternatives / Offene Alternativen\n\n"
        "Tell the kit what you use and what you need; it suggests open platforms, says why each "
        "matches and what it lacks, and helps you bring your contacts along. Try "
        '`toolkit.recommend(["whatsapp"], needs=["no-phone-number"])` yourself.',
        "from toolkit.ui import AlternativesApp\n\nAlternativesApp.from_request()",
    ),
    "04-action-plan.ipynb": (
        "# 4 Your action plan / Ihr Aktionsplan\n\n"
        "What to send where, what to check after one month, what comes next. Nothing is stored: "
        "download your plan before you close the page.",
        "from toolkit.ui import PlanApp\n\nPlanApp.from_request()",
    ),
}


def main() -> None:
    """Write every notebook in PAGES."""
    for name, (prose, code) in PAGES.items():
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
        }
        nb.metadata["language_info"] = {"name": "python"}
        # The lesson text is for JupyterLab; Voila drops cells tagged "hide" (see toolkit.server).
        lesson = nbformat.v4.new_markdown_cell(prose, metadata={"tags": ["hide"]})
        nb.cells = [lesson, nbformat.v4.new_code_cell(code)]
        for index, cell in enumerate(nb.cells):
            cell["id"] = f"{name[:2]}-{index}"
        nbformat.write(nb, NOTEBOOKS / name)


if __name__ == "__main__":
    main()
