"""Write a valid synthetic dataset shaped like the shipped one: N companies x Y years, both
regions and currencies, with documents, a capex basis, lines as printed, notes and versions.

    python benchmarks/generate.py 5000 10 > /tmp/big.toml

Fiscal-year ends vary (December, June, March, late September) so the alignment code does
real work; amounts are deterministic (a seeded generator) so runs are comparable.
"""

from __future__ import annotations

import random
import sys
from datetime import date

ENDS = [(12, 31), (6, 30), (3, 31), (9, 30)]
STATUSES = ["confirmed", "aggregator", "derived", "unconfirmed"]


def generate(companies: int, years: int, first_year: int = 2015, seed: int = 7) -> str:
    """The dataset, shaped like the shipped one: each company with a capex basis, a document
    per fiscal year (SEC accession or HKEX stock code, date, URL), figures as sub-tables that
    cite their document with the line as printed, notes, and a restated figure now and then
    with its earlier version."""
    rng = random.Random(seed)
    out = ["schema_version = 1", ""]
    for year in range(first_year - 1, first_year + years + 1):
        out += [
            "[[fx]]",
            f"year = {year}",
            f"cny_per_usd = {6.3 + rng.random():.4f}",
            'status = "confirmed"',
            'source = "Board of Governors of the Federal Reserve System, G.5A (synthetic)"',
            "",
        ]
    for index in range(companies):
        out += _company(rng, index, years, first_year)
    return "\n".join(out)


def _company(rng: random.Random, index: int, years: int, first_year: int) -> list[str]:
    region = "US" if index % 2 == 0 else "CN"
    currency = "USD" if region == "US" else "CNY"
    month, day = ENDS[index % len(ENDS)]
    out = [
        "[[companies]]",
        f'id = "co-{index}"',
        f'name = "Company {index} Holdings"',
        f'name_zh = "公司{index}控股"',
        f'aliases = ["T{index}", "{index}.HK", "公司{index}"]',
        f'region = "{region}"',
        f'currency = "{currency}"',
        f'fiscal_year_end = "{month:02d}-{day:02d}"',
        f'note = "Buybacks are the repurchase line of the statement of cash flows; dividends '
        f"paid to the company's own shareholders only (company {index}).\"",
        "",
        "[companies.capex_basis]",
        'id = "purchases-ppe"',
        'label = "Purchases of property and equipment"',
        'lines = ["Purchases of property and equipment"]',
        'note = "The cash-flow line alone; intangible assets and land use rights are separate '
        'lines, not included."',
        "",
    ]
    cik = 1_000_000 + index
    # As in the shipped data, about one document per two fiscal years: a filing shows the
    # year before too, so a year cites its own filing or the next one.
    filings = [
        fy for fy in range(first_year, first_year + years) if _has_filing(fy, first_year, years)
    ]
    for fy in filings:
        # Filed some two months after the period ends: before the next fiscal year's filing.
        filed = date(fy + 1, 3, 1) if month == 12 else date(fy, month + 2, 1)
        out += ["[[companies.documents]]", f'id = "AR FY{fy}"']
        if region == "US":
            accession = f"{cik:010d}-{(fy + 1) % 100:02d}-{rng.randint(1, 99999):06d}"
            out += [
                f'title = "Company {index} Holdings Form 10-K for the fiscal year {fy}"',
                'form = "10-K"',
                f"date = {filed.isoformat()}",
                f'accession = "{accession}"',
            ]
        else:
            out += [
                f'title = "Company {index} Holdings Annual Report {fy}"',
                'form = "annual report"',
                f"date = {filed.isoformat()}",
                f'stock_code = "{index % 10000:05d}"',
                f'url = "https://www1.hkexnews.hk/listedco/listconews/sehk/{fy + 1}/0401/'
                f'{index:08d}.pdf"',
            ]
        out.append("")
    base = rng.randint(1_000, 50_000)
    for offset in range(years):
        fy = first_year + offset
        capex = int(base * (1.1**offset))
        status = rng.choice(STATUSES)
        cites = (
            f'document = "AR FY{_filing(fy, first_year, years)}"'
            if status == "confirmed"
            else (f'source = "synthetic data site, company {index} cash-flow statement {fy}"')
        )
        out += [
            "[[companies.years]]",
            f"fiscal_year = {fy}",
            f"period_end = {date(fy, month, day).isoformat()}",
            f'status = "{status}"',
            cites,
            *([] if rng.random() < 0.3 else [f'note = "Same values in the FY{fy + 1} report."']),
            "operating_cash_flow = { value = "
            f'{capex * rng.randint(2, 5)}, line = "Net cash provided by operating activities" }}',
            f"buybacks = {{ value = {rng.randint(0, capex)}, "
            'line = "Repurchases of common stock" }',
            f'dividends = {{ value = {rng.randint(0, capex // 2)}, line = "Dividends paid" }}',
            "",
            "[companies.years.capex]",
            f"value = {capex}",
            'line = "Purchases of property and equipment"',
            f'note = "the cash-flow line, gross; {rng.randint(1, 999)} of proceeds on a separate '
            'line"',
        ]
        # A later filing restated one figure in five: the earlier value is kept as a version.
        later = _filing(fy, first_year, years) + 2
        if status == "confirmed" and later < first_year + years and rng.random() < 0.2:
            out.insert(len(out) - 2, f'document = "AR FY{later}"')
            out += [
                "versions = [",
                f"    {{ value = {capex + rng.randint(1, 500)}, "
                f'document = "AR FY{_filing(fy, first_year, years)}", '
                'line = "Purchases of property and equipment", note = "as first filed" },',
                "]",
            ]
        out.append("")
    return out


def _has_filing(fy: int, first_year: int, years: int) -> bool:
    return (fy - first_year) % 2 == 1 or fy == first_year + years - 1


def _filing(fy: int, first_year: int, years: int) -> int:
    """The fiscal year of the filing a year's figures cite."""
    return fy if _has_filing(fy, first_year, years) else fy + 1


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write("usage: python benchmarks/generate.py COMPANIES YEARS > data.toml\n")
        return 2
    sys.stdout.write(generate(int(argv[0]), int(argv[1])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
