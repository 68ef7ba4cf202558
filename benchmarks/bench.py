"""Time capex against a hello-world Typer app, and at scale; print medians and ratios.

    python benchmarks/bench.py             # every case, 15 runs each after a warm-up
    python benchmarks/bench.py --runs 5 --no-scale

Run it with the Python of the venv capex is installed in. Each case is a fresh process (what
a user's shell pays); wall time is measured around the process, peak RSS comes from the
kernel's accounting of that child (os.wait4). Nothing here asserts: machines are noisy, so
the numbers are printed, and the ratios are what to compare between machines.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

BIN = Path(sys.executable).parent
CAPEX = str(BIN / "capex")
HELLO = [sys.executable, str(HERE / "hello.py")]


@dataclass
class Timing:
    name: str
    median_ms: float
    min_ms: float
    peak_rss_mb: float


def run_once(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one run of ``argv``, output discarded."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        process = subprocess.Popen(
            argv, stdout=sink, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}
        )
        _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}): {error}")
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    return elapsed, usage.ru_maxrss * scale / 1e6


def measure(name: str, argv: list[str], runs: int, env: dict[str, str] | None = None) -> Timing:
    run_once(argv, env)  # warm-up: file cache, .pyc files, capex's output cache
    results = [run_once(argv, env) for _ in range(runs)]
    times = [t for t, _ in results]
    return Timing(
        name,
        statistics.median(times) * 1000,
        min(times) * 1000,
        max(rss for _, rss in results),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--scale-runs", type=int, default=5)
    parser.add_argument("--no-scale", action="store_true", help="skip the 5,000/20,000 cases")
    args = parser.parse_args(argv)
    env_note = f"{platform.node()} · {platform.platform()} · Python {platform.python_version()}"
    print(f"machine: {env_note} · {os.cpu_count()} CPUs")
    os.environ.pop("CAPEX_DATA", None)

    hello = measure("hello-world Typer app", HELLO, args.runs)
    hello_help = measure("hello-world --help", [*HELLO, "--help"], args.runs)
    cold = {"CAPEX_NO_CACHE": "1"}
    json_argv = [CAPEX, "compare", "--json"]
    cases = [
        (measure("capex compare --json", json_argv, args.runs), hello, 1.15),
        (measure("  the same, CAPEX_NO_CACHE=1", json_argv, args.runs, cold), hello, 1.15),
        (measure("capex compare (table)", [CAPEX, "compare"], args.runs), hello, 1.30),
        (measure("capex --help", [CAPEX, "--help"], args.runs), hello_help, 1.20),
    ]
    print(f"\n{'case':<34}{'median ms':>10}{'min ms':>9}{'peak MB':>9}{'ratio':>8}{'target':>8}")
    for base in (hello, hello_help):
        print(f"{base.name:<34}{base.median_ms:>10.0f}{base.min_ms:>9.0f}{base.peak_rss_mb:>9.0f}")
    for timing, base, target in cases:
        ratio = timing.median_ms / base.median_ms
        flag = "ok" if ratio <= target else "OVER"
        print(
            f"{timing.name:<34}{timing.median_ms:>10.0f}{timing.min_ms:>9.0f}"
            f"{timing.peak_rss_mb:>9.0f}{ratio:>8.2f}{target:>7.2f} {flag}"
        )
    if args.no_scale:
        return 0

    print("\nscale: generated datasets, `capex compare --json --data FILE`")
    with tempfile.TemporaryDirectory() as tmp:
        scaled: dict[tuple[int, bool], Timing] = {}
        for companies in (5_000, 20_000):
            path = Path(tmp) / f"{companies}.toml"
            path.write_text(generate(companies, 10), encoding="utf-8")
            size = path.stat().st_size / 1e6
            for warm in (True, False):
                label = "cached" if warm else "no cache"
                timing = measure(
                    f"{companies:,} x 10 years ({size:.0f} MB), {label}",
                    [CAPEX, "compare", "--json", "--data", str(path)],
                    args.scale_runs,
                    None if warm else cold,
                )
                scaled[(companies, warm)] = timing
                print(
                    f"{timing.name:<34}{timing.median_ms:>10.0f}{timing.min_ms:>9.0f}"
                    f"{timing.peak_rss_mb:>9.0f}"
                )
        for warm in (True, False):
            five, twenty = scaled[(5_000, warm)], scaled[(20_000, warm)]
            print(
                f"\n{'cached' if warm else 'no cache'}: 5,000 in {five.median_ms / 1000:.2f} s "
                f"(target < 1.0 s), peak {five.peak_rss_mb:.0f} MB (target < 250 MB); "
                f"20,000 / 5,000 = {twenty.median_ms / five.median_ms:.2f} (target <= 4.5)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
