"""Time capex against a hello-world Typer app, and at scale; print medians and ratios.

    python benchmarks/bench.py             # every case, 15 runs each after a warm-up
    python benchmarks/bench.py --runs 5 --no-scale

Run it with the Python of the venv capex is installed in, on Linux or macOS (it reads peak
memory with os.wait4). Each case is a fresh process (what a user's shell pays); wall time is
measured around the process, peak RSS comes from the kernel's accounting of that child. The
cases of a table run in turn, round after round, so that a drift in the machine's speed hits
them all alike. capex's modules are compiled to bytecode first, as pip does when it installs
a package. Nothing here asserts: machines are noisy, so the numbers are printed, and the
ratios are what to compare between machines.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: ru_maxrss is in kilobytes on Linux, bytes on macOS.
RSS_UNIT = 1 if sys.platform == "darwin" else 1024

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
    return elapsed, usage.ru_maxrss * RSS_UNIT / 1e6


@dataclass
class Case:
    name: str
    argv: list[str]
    env: dict[str, str] | None = None
    #: Appended to argv, one per run, so that no run can replay another's output.
    varying: list[list[str]] | None = None
    runs: list[tuple[float, float]] = field(default_factory=list)

    def next_argv(self, warm_up: bool = False) -> list[str]:
        if not self.varying:
            return self.argv
        # The warm-up takes the last variant, which the measured runs come to last, if ever.
        index = -1 if warm_up else len(self.runs) % len(self.varying)
        return self.argv + self.varying[index]

    def timing(self) -> Timing:
        times = [t for t, _ in self.runs]
        return Timing(
            self.name,
            statistics.median(times) * 1000,
            min(times) * 1000,
            max(rss for _, rss in self.runs),
        )


def measure(cases: list[Case], runs: int) -> list[Timing]:
    """Run every case once as a warm-up, then ``runs`` rounds of every case in turn.

    Interleaved rather than case after case: on a shared VM the speed of the machine drifts
    over a minute, and a drift would otherwise land on whichever case ran during it, and
    skew the ratios."""
    for case in cases:
        run_once(case.next_argv(warm_up=True), case.env)  # file cache, capex's caches
    for _ in range(runs):
        for case in cases:
            case.runs.append(run_once(case.next_argv(), case.env))
    return [case.timing() for case in cases]


def compile_bytecode() -> str:
    """Compile capex's modules as pip does at install time, and say so.

    An editable install under PYTHONDONTWRITEBYTECODE=1 (as on the development VM) would
    otherwise compile every capex module from source on every run, measuring the set-up
    rather than capex: typer and pydantic, installed by pip, have their bytecode."""
    out = subprocess.run(
        [sys.executable, "-c", "import capexcli, os; print(os.path.dirname(capexcli.__file__))"],
        capture_output=True,
        text=True,
        check=True,
    )
    package = out.stdout.strip()
    compileall.compile_dir(package, quiet=1)
    return f"bytecode: compiled {package} (as pip does when it installs capex)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--scale-runs", type=int, default=5)
    parser.add_argument("--no-scale", action="store_true", help="skip the 5,000/20,000 cases")
    parser.add_argument(
        "--only",
        action="append",
        metavar="TEXT",
        help="only the commands whose name contains TEXT (repeatable; default: all)",
    )
    args = parser.parse_args(argv)
    env_note = f"{platform.node()} · {platform.platform()} · Python {platform.python_version()}"
    print(f"machine: {env_note} · {os.cpu_count()} CPUs")
    # The cases set these themselves; a value left in the user's shell would change them.
    os.environ.pop("CAPEX_DATA", None)
    os.environ.pop("CAPEX_NO_CACHE", None)

    print(compile_bytecode())
    # A cache of its own: the user's stays as it was, and every run starts from empty.
    with tempfile.TemporaryDirectory(prefix="capex-bench-cache-") as cache_dir:
        os.environ["CAPEX_CACHE_DIR"] = cache_dir
        return run_cases(args)


#: The short commands, each as a script would run it.
def _commands() -> list[tuple[str, list[str]]]:
    facts = HERE.parent / "tests" / "fixtures" / "sec" / "CIK0001652044-alphabet.json"
    return [
        ("compare --json", ["compare", "--json"]),
        ("compare (table, piped)", ["compare"]),
        ("company tencent --json", ["company", "tencent", "--json"]),
        ("claims --json", ["claims", "--json"]),
        ("chart --json", ["chart", "--json"]),
        ("sources --json", ["sources", "--json"]),
        ("companies --json", ["companies", "--json"]),
        ("validate --json", ["validate", "--json"]),
        (
            "verify alphabet --facts FILE --json",
            ["verify", "alphabet", "--facts", str(facts), "--json"],
        ),
        ("check --json", ["check", "--json"]),
        ("explain 2024 --json", ["explain", "2024", "--json"]),
    ]


def _row(timing: Timing, base: Timing, target: float) -> None:
    ratio = timing.median_ms / base.median_ms
    flag = "ok" if ratio <= target else "OVER"
    print(
        f"{timing.name:<34}{timing.median_ms:>10.0f}{timing.min_ms:>9.0f}"
        f"{timing.peak_rss_mb:>9.0f}{ratio:>8.2f}{target:>7.2f} {flag}"
    )


def run_cases(args: argparse.Namespace) -> int:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * RSS_UNIT / 1e6
    print(f"this script's own peak RSS: {own:.0f} MB, a floor under every peak below (Linux")
    print("  counts a parent's resident memory at fork into its child's peak)")

    cold = {"CAPEX_NO_CACHE": "1"}
    hello, hello_help, capex_help = measure(
        [
            Case("hello-world Typer app", HELLO),
            Case("hello-world --help", [*HELLO, "--help"]),
            Case("capex --help", [CAPEX, "--help"]),
        ],
        args.runs,
    )
    print(f"\n{'case':<34}{'median ms':>10}{'min ms':>9}{'peak MB':>9}{'ratio':>8}{'target':>8}")
    for base in (hello, hello_help):
        print(f"{base.name:<34}{base.median_ms:>10.0f}{base.min_ms:>9.0f}{base.peak_rss_mb:>9.0f}")
    _row(capex_help, hello_help, 1.20)
    print(
        "\nstart-up per command, as ratios to the hello-world app measured in the same rounds:"
        "\n`cold` with CAPEX_NO_CACHE=1 (target 1.35), `cached` a repeated run (target 1.15)"
    )
    print(f"{'command':<34}{'cold ms':>10}{'ratio':>8}{'':>6}{'cached ms':>11}{'ratio':>8}")
    for name, argv in _commands():
        if args.only and not any(text in name for text in args.only):
            continue
        known = subprocess.run([CAPEX, *argv], capture_output=True, check=False)
        if known.returncode not in (0, 1):  # a command this capex does not have
            print(f"{name:<34}  (skipped: exit {known.returncode})")
            continue
        base, unwarmed, warm = measure(
            [
                Case("hello", HELLO),
                Case(name, [CAPEX, *argv], cold),
                Case(name, [CAPEX, *argv]),
            ],
            args.runs,
        )
        cold_ratio = unwarmed.median_ms / base.median_ms
        warm_ratio = warm.median_ms / base.median_ms
        print(
            f"{name:<34}{unwarmed.median_ms:>10.0f}{cold_ratio:>8.2f} "
            f"{'ok' if cold_ratio <= 1.35 else 'OVER':<5}{warm.median_ms:>11.0f}"
            f"{warm_ratio:>8.2f} {'ok' if warm_ratio <= 1.15 else 'OVER'}"
        )
    if args.no_scale:
        return 0

    print("\nscale: generated datasets, `capex compare --json --data FILE`")
    with tempfile.TemporaryDirectory() as tmp:
        scaled: dict[tuple[int, str], Timing] = {}
        for companies in (5_000, 20_000):
            path = Path(tmp) / f"{companies}.toml"
            # Generated by a child: this process must stay small, because Linux reports as
            # a child's peak RSS at least what its parent held when it forked.
            with path.open("wb") as sink:
                subprocess.run(
                    [sys.executable, str(HERE / "generate.py"), str(companies), "10"],
                    stdout=sink,
                    check=True,
                )
            size = path.stat().st_size / 1e6
            argv = [CAPEX, "compare", "--json", "--data", str(path)]
            # compare with options no earlier run used: no output to replay, so each run loads
            # (from the dataset cache), computes and prints.
            fresh_options = [
                ["--currency", currency, "--years", f"{first}-2024"]
                for first in range(2015, 2024)
                for currency in ("USD", "CNY")
            ]
            label = f"{companies:,} x 10 years ({size:.0f} MB)"
            warm, unwarmed, dataset_only = measure(
                [
                    Case("  output cache hit", argv),
                    Case("  no cache", argv, cold),
                    Case("  dataset cache, new options", argv, varying=fresh_options),
                ],
                args.scale_runs,
            )
            print(label)
            scaled[(companies, "output")] = warm
            scaled[(companies, "dataset")] = dataset_only
            scaled[(companies, "none")] = unwarmed
            for timing in (warm, dataset_only, unwarmed):
                print(
                    f"{timing.name:<34}{timing.median_ms:>10.0f}{timing.min_ms:>9.0f}"
                    f"{timing.peak_rss_mb:>9.0f}"
                )
        # Targets: without any cache, 5,000 companies shaped like the shipped ones load and
        # compare in under 3 s and 250 MB, and 20,000 take about four times as long.
        regimes = {
            "none": ("no cache (first run on a file)", "target < 3.0 s, < 250 MB"),
            "dataset": ("dataset cache hit, new options", "no target"),
            "output": ("output cache hit", "no target"),
        }
        print()
        for kind, (label, target) in regimes.items():
            five, twenty = scaled[(5_000, kind)], scaled[(20_000, kind)]
            print(
                f"{label}: 5,000 in {five.median_ms / 1000:.2f} s, peak "
                f"{five.peak_rss_mb:.0f} MB ({target}); 20,000 / 5,000 = "
                f"{twenty.median_ms / five.median_ms:.2f} (about 4; fastest runs "
                f"{twenty.min_ms / five.min_ms:.2f})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
