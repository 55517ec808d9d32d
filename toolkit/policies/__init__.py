"""The policy comparison: pure pandas functions (table) and the view (view)."""

from .table import (
    chart_svg,
    default_counts,
    display_table,
    export_table,
    filter_services,
    neutralise,
    sort_services,
    style_table,
    to_csv,
    to_xlsx,
)

__all__ = [
    "chart_svg",
    "default_counts",
    "display_table",
    "export_table",
    "filter_services",
    "neutralise",
    "sort_services",
    "style_table",
    "to_csv",
    "to_xlsx",
]
