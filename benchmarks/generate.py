"""Write a valid synthetic dataset: N companies x Y years, both regions and currencies.

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
    rng = random.Random(seed)
    out = ["schema_version = 1", ""]
    for year in range(first_year - 1, first_year + years + 1):
        out += [
            "[[fx]]",
            f"year = {year}",
            f"cny_per_usd = {6.3 + rng.random():.4f}",
            'status = "confirmed"',
            'source = "synthetic"',
            "",
        ]
    for index in range(companies):
        region = "US" if index % 2 == 0 else "CN"
        currency = "USD" if region == "US" else "CNY"
        month, day = ENDS[index % len(ENDS)]
        out += [
            "[[companies]]",
            f'id = "co-{index}"',
            f'name = "Company {index}"',
            f'name_zh = "公司{index}"',
            f'aliases = ["T{index}"]',
            f'region = "{region}"',
            f'currency = "{currency}"',
            f'fiscal_year_end = "{month:02d}-{day:02d}"',
            "",
        ]
        base = rng.randint(1_000, 50_000)
        for offset in range(years):
            fy = first_year + offset
            capex = int(base * (1.1**offset))
            out += [
                "[[companies.years]]",
                f"fiscal_year = {fy}",
                f"period_end = {date(fy, month, day).isoformat()}",
                f'status = "{rng.choice(STATUSES)}"',
                f'source = "synthetic annual report {fy}"',
                *([] if rng.random() < 0.3 else ['note = "derived: 1 + 1 = 2"']),
                f"capex = {{ value = {capex} }}",
                f"operating_cash_flow = {{ value = {capex * rng.randint(2, 5)} }}",
                f"buybacks = {{ value = {rng.randint(0, capex)} }}",
                f"dividends = {{ value = {rng.randint(0, capex // 2)} }}",
                "",
            ]
    return "\n".join(out)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write("usage: python benchmarks/generate.py COMPANIES YEARS > data.toml\n")
        return 2
    sys.stdout.write(generate(int(argv[0]), int(argv[1])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
