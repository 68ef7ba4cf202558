"""Figures from Hong Kong annual reports and results announcements (PDF), with their pages.

Stages, no printing: :mod:`.text` opens a PDF and gives its pages' text; :mod:`.statement`
finds the consolidated statement of cash flows and reads its header (years, unit, currency);
:mod:`.lines` splits its lines into labels and amounts; :mod:`.measures` says which rows are
the lines capex reads; :mod:`.headline` finds a results release's headline capex;
:mod:`.document` describes the document for its citation; :mod:`.extract` puts these together
into a :class:`Report`; :mod:`.figures` turns it into records of the data file, :mod:`.stub`
into TOML to paste and :mod:`.result` into JSON. Merging reuses capexcli.importers.sec.merge.
"""

from __future__ import annotations

from capexcli.importers.report.extract import Line, Report, read_report
from capexcli.importers.report.figures import (
    DataFigures,
    ReportFigure,
    data_figures,
    document_record,
)

__all__ = [
    "DataFigures",
    "Line",
    "Report",
    "ReportFigure",
    "data_figures",
    "document_record",
    "read_report",
]
