"""A read report as TOML to paste: a ``[[companies]]`` stub with its capex basis, the
document and the years, written by the SEC importer's helpers (capexcli.importers.sec.stub), so
that a
pasted figure reads exactly as a merged one. Every text from the PDF is escaped by tomlkit or
:func:`~capexcli.importers.sec.document.printable`."""

from __future__ import annotations

from capexcli.importers.report.cover import issuer_line
from capexcli.importers.report.extract import Report
from capexcli.importers.report.figures import DataFigures, number
from capexcli.importers.report.identity import whose
from capexcli.importers.sec.document import printable
from capexcli.importers.sec.stub import by_year, slug, toml_string, year_toml
from capexcli.importers.sec.toml_edit import document_toml


def render(report: Report, data: DataFigures, company_id: str | None, name: str | None) -> str:
    statement = report.statement
    issuer = name or report.document.issuer or report.path.stem
    issuer_zh = report.document.issuer_zh
    ident = company_id or slug(issuer)
    currency = report.currency or "CNY"
    head = [
        f"# capex import report: {printable(str(report.path))}: {printable(data.document.title)}",
        f"# Whose report: {printable(whose(report.document))}, as its first pages print it.",
    ]
    if statement is not None:
        head.append(
            f"# Statement in {printable(statement.unit.printed)} ({_scale(statement.unit.scale)} "
            f"{currency}), read as {currency} millions; outflows positive, operating cash flow "
            "as printed."
        )
    head.append(f"# {printable(issuer_line(report.document))}")
    head += [f"# warning: {printable(w, 2000)}" for w in report.warnings]
    head += [f"# note: {printable(n, 2000)}" for n in [*report.notes, *data.notes]]
    head += _lines_read(report, currency)
    head += [
        "# Paste into a data file: the [[companies.years]] tables go under the company's",
        "# [[companies]] table (or use --company ID --into PATH to merge them).",
        "",
    ]
    fy_end = None
    ends = sorted(f.period_end for f in data.figures)
    if ends:
        fy_end = f"{ends[-1].month:02d}-{ends[-1].day:02d}"
    body = [
        "[[companies]]",
        f"id = {toml_string(ident)}",
        f"name = {toml_string(issuer)}",
        f"name_zh = {toml_string(issuer_zh)}"
        if issuer_zh
        else f"name_zh = {toml_string(issuer)}  # fill in the Chinese name",
        'region = "CN"  # US or CN: which group it joins',
        f"currency = {toml_string(currency)}"
        + (
            "  # capex's data holds CNY or USD: convert before pasting"
            if currency not in ("CNY", "USD")
            else ""
        ),
    ]
    if fy_end is not None:
        body.append(f"fiscal_year_end = {toml_string(fy_end)}")
    basis = data.basis
    if basis is not None:
        body += [
            "",
            "[companies.capex_basis]",
            f"id = {toml_string(basis.id)}",
            f"label = {toml_string(basis.label)}",
            "lines = [" + ", ".join(toml_string(line) for line in basis.lines) + "]",
        ]
        if basis.note:
            body.append(f"note = {toml_string(basis.note)}")
    body += ["", *document_toml(data.document)]
    years = by_year(data.figures)
    for fiscal_year, figures in years.items():
        body += ["", *year_toml(fiscal_year, figures)]
    stub = "\n".join([*head, *body]) + "\n"
    _check(stub, ident, list(years))
    return stub


def _scale(scale: int) -> str:
    names = {1: "units of", 1000: "thousands of", 1_000_000: "millions of"}
    return names.get(scale, f"{scale:,} x")


def _lines_read(report: Report, currency: str) -> list[str]:
    if not report.lines and not report.headlines:
        return []
    out = [f"# Lines read ({currency} millions):"]
    for line in report.lines:
        values = ", ".join(
            f"FY{fy} {'—' if v is None else number(v)}" for fy, v in line.values.items()
        )
        out.append(
            printable(f"#   {line.measure}: {line.row.label!r} p. {line.row.page}: {values}", 2000)
        )
    for h in report.headlines:
        out.append(
            printable(
                f"#   headline capex FY{h.fiscal_year}: {h.text} p. {h.page}: {number(h.value)} "
                f"{h.currency} million, rounded to {number(h.rounded_to)} million",
                2000,
            )
        )
    return out


def _check(stub: str, ident: str, years: list[int]) -> None:
    """The stub must read back as one company with the years meant: a slip in the escaping
    is a bug to stop on, not TOML to print."""
    import tomli

    try:
        parsed = tomli.loads(stub)
    except tomli.TOMLDecodeError as exc:
        raise RuntimeError(f"the printed stub would not be TOML: {exc}") from None
    companies = parsed.get("companies")
    if (
        list(parsed) != ["companies"]
        or not isinstance(companies, list)
        or len(companies) != 1
        or companies[0].get("id") != ident
        or [y.get("fiscal_year") for y in companies[0].get("years", [])] != years
    ):
        raise RuntimeError("the printed stub would not read back as the company read")
