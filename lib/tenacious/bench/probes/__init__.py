"""The probes, one module each, collected into registries keyed by probe id (docs/design.md §9).

Each probe of rubric.PROBES, and PASS, has one module here (`a07`, ..., `pass_`) whose `PROBE` (a
spec.Probe) holds every fact about it that the case generator (judge_cases) and the rule engine
(judge_rules) need: case counts, violation and twin wordings per pool, premise, slots, draft layout
and the rule check. Modules are found from the rubric's ids, so adding a probe is its rubric row plus
its module. The few choices that pair one probe's cases with another probe's wordings are the
constants below.
"""

from __future__ import annotations

import importlib

from tenacious.bench import rubric
from tenacious.bench.probes.reading import Check
from tenacious.bench.probes.spec import Probe, Wordings

IDS: tuple[str, ...] = tuple(sorted((*rubric.PROBES, rubric.PASS_PROBE)))


def module_name(probe: str) -> str:
    """The module of a probe id: its id in lower case ("pass" is a keyword, so PASS lives in `pass_`)."""
    return "pass_" if probe == rubric.PASS_PROBE else probe.lower()


SPECS: dict[str, Probe] = {p: importlib.import_module(f"{__name__}.{module_name(p)}").PROBE for p in IDS}

CASE_COUNTS: dict[str, int] = {p: s.cases for p, s in SPECS.items()}
TEMPLATE_COUNTS: dict[str, int] = {p: s.template_cases for p, s in SPECS.items()}
VIOLATIONS: dict[str, Wordings] = {p: s.violations for p, s in SPECS.items() if s.violations is not None}
TWINS: dict[str, Wordings] = {p: s.twins for p, s in SPECS.items() if s.twins is not None}
CHECKS: dict[int, Check] = {rule.number: SPECS[rule.probe].check for rule in rubric.RULES}

# The compliance caveat every regulated draft carries: C04's honest twins.
CAVEATS: Wordings = SPECS["C04"].twins
# The lower-priority slip the second draft of a context case may carry (else two style flaws).
SECONDARY_PROBES: tuple[str, ...] = ("E01", "E02")
# Trace-derived cases: a thread whose last prospect turn declines an offer feeds TRACE_DECLINE_PROBE;
# every other thread feeds the next probe of TRACE_CYCLE, in sorted thread order.
TRACE_DECLINE_PROBE = "D05"
TRACE_CYCLE: tuple[str, ...] = ("E01", "C02", "C04", "G03", "E02", "PASS", "A07", "E03", "B03", "PASS",
                                "E01", "C02", "PASS", "E02", "C04", "B04", "G03", "E03")
