"""Figures from Hong Kong annual reports and results announcements (PDF), with their pages.

Stages, no printing: :mod:`.text` opens a PDF and gives its pages' text; :mod:`.statement`
finds the consolidated statement of cash flows and reads its header (years, unit, currency);
:mod:`.lines` splits its lines into labels and amounts; :mod:`.measures` says which rows are
the lines capex reads; :mod:`.headline` finds a results release's headline capex;
:mod:`.document` describes the document for its citation; :mod:`.extract` puts these together
into a :class:`Report`, which :mod:`.reading` reads within the fence of :mod:`.limits`;
:mod:`.figures` turns it into records of the data file, :mod:`.stub` into TOML to paste and
:mod:`.result` into JSON. Merging reuses capexcli.importers.sec.merge.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from capexcli.importers.report.extract import Line, Report
    from capexcli.importers.report.figures import (
        DataFigures,
        ReportFigure,
        data_figures,
        document_record,
    )
    from capexcli.importers.report.reading import read_report

#: Where each public name lives. Loaded on first use (PEP 562): `import report` starts
#: reading the PDF in a child process after importing only .limits, and imports the rest
#: while the child reads (issue 29).
_HOMES = {
    "Line": "extract",
    "Report": "extract",
    "read_report": "reading",
    "DataFigures": "figures",
    "ReportFigure": "figures",
    "data_figures": "figures",
    "document_record": "figures",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'capexcli.importers.report' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"capexcli.importers.report.{home}"), name)
    globals()[name] = value
    return value


__all__ = [
    "DataFigures",
    "Line",
    "Report",
    "ReportFigure",
    "data_figures",
    "document_record",
    "read_report",
]
