"""Run every benchmark here and print one JSON object: `python -m benchmarks [--quick]`."""

import argparse
import importlib
import inspect
import json
import os
import pkgutil
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path


def _machine() -> dict:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }


def _benchmark_modules() -> list[str]:
    folder = Path(__file__).parent
    return sorted(
        info.name for info in pkgutil.iter_modules([str(folder)]) if info.name.startswith("bench_")
    )


def _run_one(name: str, quick: bool) -> dict:
    module = importlib.import_module(f"benchmarks.{name}")
    # Every module offers run(); those with a lighter mode also take quick=.
    if "quick" in inspect.signature(module.run).parameters:
        return module.run(quick=quick)
    return module.run()


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks named (or all), printing progress to stderr and JSON to stdout."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="short runs, for CI and smoke tests")
    parser.add_argument("names", nargs="*", help="only these, e.g. pages pdf (default: all)")
    args = parser.parse_args(argv)

    available = _benchmark_modules()
    wanted = [f"bench_{name}" for name in args.names] or available
    unknown = sorted(set(wanted) - set(available))
    if unknown:
        parser.error(f"no such benchmark: {', '.join(unknown)}; have {', '.join(available)}")

    report = {
        "command": " ".join(
            ["python -m benchmarks", *(argv if argv is not None else sys.argv[1:])]
        ),
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": args.quick,
        "machine": _machine(),
    }
    for name in wanted:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        result = _run_one(name, args.quick)
        result.setdefault("seconds", round(time.perf_counter() - started, 2))
        report[name.removeprefix("bench_")] = result
    json.dump(report, sys.stdout, indent=2, sort_keys=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
