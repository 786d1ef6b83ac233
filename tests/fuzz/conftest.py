"""Summary of the schemathesis fuzz run, printed at the end of the pytest session."""

from __future__ import annotations

import sys
from collections import Counter
from typing import Any

ZERO_REQUIRED = (
    "server errors",
    "schema violations",
    "undocumented statuses",
    "content-type violations",
)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Operations fuzzed, examples run, statuses seen and failures, per backend."""
    module = sys.modules.get("tests.fuzz.test_schemathesis")
    stats = getattr(module, "STATS", None)
    if module is None or not stats:
        return
    terminalreporter.section("schemathesis fuzz")
    terminalreporter.write_line(f"seed: {module.seed_description()}")
    for backend in sorted({b for b, _ in stats}):
        ops = {label: s for (b, label), s in stats.items() if b == backend}
        examples = sum(s.examples for s in ops.values())
        statuses: Counter[int] = Counter()
        failures: Counter[str] = Counter()
        for s in ops.values():
            statuses.update(s.statuses)
            failures.update(s.failures)
        figures = ", ".join(f"{kind}: {failures.get(kind, 0)}" for kind in ZERO_REQUIRED)
        others = {k: v for k, v in failures.items() if k not in ZERO_REQUIRED}
        terminalreporter.write_line(
            f"[{backend}] operations fuzzed: {len(ops)}, examples run: {examples}, {figures}"
            + (f", other failures: {dict(others)}" if others else "")
        )
        terminalreporter.write_line(f"[{backend}] statuses: {dict(sorted(statuses.items()))}")
        for label, s in ops.items():
            detail = " ".join(f"{k}:{v}" for k, v in sorted(s.statuses.items()))
            terminalreporter.write_line(f"  {label:<55} {s.examples:>4} examples  {detail}")
            for kind, sample in s.samples.items():
                terminalreporter.write_line(f"    {kind}: {sample}")
