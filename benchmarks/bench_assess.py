"""Time assessing one intake with the shipped rule set, and loading the rule set.

Run `python -m benchmarks.bench_assess` from the repository root; it prints JSON. The goal
is a median of at most 0.8 ms per assessment (issue 16). It also times what submitting and
re-assessing do: derive the facts, assess, and find the day each time window ends, for the
typical intake (one window) and the worst (eight). `run()` returns the figures to a runner.
"""

import json
import statistics
import time

from intake.assessing import assess_answers
from intake.facts import facts_from_answers
from intake.rules import DEFAULT_RULES_DIR, load_ruleset
from tests.support import factories

# The suites' typical intake (acne scars with post-acne marks in Fitzpatrick IV skin, a cold
# sore history, a retinoid paused, a peel some months ago), derived as the journey derives it.
TYPICAL_INTAKE = facts_from_answers(factories.typical_answers(), factories.SUBMITTED_ON)


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _median_ms(call, rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(samples), 3)


def run(assessments: int = 2000, loads: int = 5) -> dict:
    """Measure and return load and per-assessment times in milliseconds."""
    load_times = []
    for _ in range(loads):
        start = time.perf_counter()
        ruleset = load_ruleset(DEFAULT_RULES_DIR)
        load_times.append((time.perf_counter() - start) * 1000)
    for _ in range(100):
        ruleset.assess(TYPICAL_INTAKE)
    samples = []
    for _ in range(assessments):
        start = time.perf_counter()
        ruleset.assess(TYPICAL_INTAKE)
        samples.append((time.perf_counter() - start) * 1000)
    return {
        "rules_version": ruleset.version,
        "rules": len(ruleset.rules),
        "load_and_compile_ms_median": round(statistics.median(load_times), 1),
        "assess_ms_median": round(statistics.median(samples), 3),
        "assess_ms_p95": round(_percentile(samples, 0.95), 3),
        "assessments": assessments,
        "with_window_ends_ms_median": {
            name: _median_ms(
                lambda answers=answers: assess_answers(ruleset, answers, factories.SUBMITTED_ON),
                max(assessments // 20, 20),
            )
            for name, answers in (
                ("typical", factories.typical_answers()),
                ("worst", factories.worst_answers()),
            )
        },
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
