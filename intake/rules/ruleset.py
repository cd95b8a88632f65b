"""Load a rule set once, stamp its version, assess facts with it and run its examples."""

import functools
import hashlib
from pathlib import Path

from .assessment import assess_facts, flag_severity
from .rule_files import ConcernRules, Example, Rule, read_files
from .schema import validate_facts

DEFAULT_RULES_DIR = Path(__file__).resolve().parents[2] / "rules"


class RuleSetError(Exception):
    """A rule set that cannot be loaded; ``problems`` names each file, line and rule at fault."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class RuleSet:
    """Compiled rules, concern ratings, sources and example cases of one rules directory."""

    def __init__(
        self,
        declared_version: str,
        content_hash: str,
        rules: list[Rule],
        concerns: dict[str, ConcernRules],
        sources: dict[str, str],
        examples: list[Example],
    ):
        self.declared_version = declared_version
        self.content_hash = content_hash
        self.version = f"{declared_version}+{content_hash}"
        self.rules = rules
        self.concerns = concerns
        self.sources = sources
        self.examples = examples

    def assess(self, facts: dict) -> dict:
        """Validate facts and return the assessment; raises ``FactsError`` on invalid facts."""
        return assess_facts(validate_facts(facts), self.rules, self.concerns, self.version)

    def flag_severity(self, facts: dict, flag: str, concern: str | None) -> str | None:
        """Return the severity one flag is raised at, or None, without validating the facts.

        For facts that differ from validated ones only in their counts (the same answers
        as of another day): checking only the rules of one flag is what makes finding the
        end of a window cheap.
        """
        return flag_severity(facts, self.rules, flag, concern)

    def run_examples(self) -> list[str]:
        """Assess every example case and describe each one that does not give what it expects."""
        failures = []
        for example in self.examples:
            result = self.assess(example.facts)
            flags = {flag["id"] for flag in result["flags"]}
            ratings = {name: entry["rating"] for name, entry in result["per_concern"].items()}
            wrong = []
            if result["overall"] != example.overall:
                wrong.append(f"overall {result['overall']!r}, expected {example.overall!r}")
            if flags - example.flags:
                wrong.append(f"unexpected flags {sorted(flags - example.flags)}")
            if example.flags - flags:
                wrong.append(f"missing flags {sorted(example.flags - flags)}")
            for concern, rating in example.ratings.items():
                if ratings.get(concern) != rating:
                    wrong.append(f"{concern} rated {ratings.get(concern)!r}, expected {rating!r}")
            if wrong:
                failures.append(f"{example.where}: example {example.name!r}: {'; '.join(wrong)}")
        return failures


def content_hash(contents: list[tuple[Path, bytes]]) -> str:
    """Hash the rule files' contents in file-name order; any edit gives a new hash."""
    digest = hashlib.sha256()
    for path, raw in sorted(contents, key=lambda item: item[0].name):
        digest.update(path.name.encode() + b"\0" + raw + b"\0")
    return digest.hexdigest()[:10]


def load_ruleset(directory: Path) -> RuleSet:
    """Read, check and compile the rule files of a directory; raise ``RuleSetError`` if wrong."""
    directory = Path(directory)
    if not directory.is_dir():
        raise RuleSetError([f"{directory}: not a directory"])
    contents, parsed = read_files(directory)
    if parsed.problems:
        raise RuleSetError(parsed.problems)
    return RuleSet(
        parsed.version,
        content_hash(contents),
        parsed.rules,
        parsed.concerns,
        parsed.sources,
        parsed.examples,
    )


@functools.cache
def _cached(directory: Path) -> RuleSet:
    return load_ruleset(directory)


def get_ruleset(directory: Path | None = None) -> RuleSet:
    """Return the rule set of a directory (default: the shipped one), compiled once per process."""
    return _cached(Path(directory or DEFAULT_RULES_DIR).resolve())
