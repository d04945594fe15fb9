"""One source for each fact: every probe's data sits in its one module, and the strata in schema only.

Adding a probe is its rubric row plus one module under lib/tenacious/bench/probes/ (docs/design.md §9).
These tests fail when a probe has no module, a module serves no probe, or a probe's data (wordings,
counts, branches on its id) creeps back into the generator, the wording corpus or the rule engine.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tenacious.bench import cards, diagnostics, judge_cases, judge_rules, probes, rubric, schema, wording
from tenacious.bench.probes.spec import Probe

BENCH = Path(rubric.__file__).resolve().parent
PROBE_DIR = BENCH / "probes"
SUPPORT_MODULES = {"__init__", "spec", "reading", "writing"}  # shared by the probe modules, about no probe
IDS = (*rubric.PROBES, rubric.PASS_PROBE)
# Modules that read the registries and must not name a probe themselves.
CONSUMERS = ("judge_cases.py", "wording.py", "judge_rules.py", "hand_slice.py")
_PROBE_ID = re.compile(rf"\b(?:{'|'.join(rubric.PROBES)})\b")


def test_every_rubric_probe_has_exactly_one_module_and_no_module_is_spare():
    modules = {p.stem for p in PROBE_DIR.glob("*.py")} - SUPPORT_MODULES
    assert modules == {probes.module_name(p) for p in IDS}
    assert sorted(probes.SPECS) == sorted(IDS) and list(probes.SPECS) == sorted(IDS)


@pytest.mark.parametrize("probe", IDS)
def test_each_module_provides_counts_wordings_and_check(probe):
    spec = probes.SPECS[probe]
    assert isinstance(spec, Probe) and callable(spec.check)
    assert probes.CHECKS[rubric.probe_rule(probe).number] is spec.check
    assert 0 < spec.template_cases < spec.cases
    if probe == rubric.PASS_PROBE:
        assert spec.violations is None and spec.twins is None and spec.near_misses
        return
    for bank in (spec.violations, spec.twins):
        assert set(bank) == set(wording.POOLS)
        for pool, minimum in wording.POOL_MINIMUM.items():
            assert len(set(bank[pool])) >= minimum, (probe, pool)
        assert not set(bank["train"]) & set(bank["heldout"]), probe
    if probe in rubric.CONTEXT_PROBES:
        assert spec.evidence_field in schema.JUDGE_ITEM["properties"]["evidence"]["oneOf"][2]["properties"][
            "field"]["enum"]


def test_registries_cover_the_rubric_and_name_only_known_probes():
    assert sorted(probes.CHECKS) == [r.number for r in rubric.RULES]
    assert judge_rules.CHECKS is probes.CHECKS
    named = {*probes.SECONDARY_PROBES, probes.TRACE_DECLINE_PROBE, *probes.TRACE_CYCLE,
             *probes.SPECS[rubric.PASS_PROBE].near_misses}
    assert named <= set(IDS)


@pytest.mark.parametrize("name", CONSUMERS)
def test_consumers_name_no_probe(name):
    """A probe id in the generator, the wording corpus, the engine or the hand slice is a fact outside its module."""
    source = (BENCH / name).read_text(encoding="utf-8")
    found = sorted({m.group(0) for m in _PROBE_ID.finditer(source)})
    assert not found, f"{name} names probe(s) {found}: move what is particular to them into bench/probes/"


def _assigned_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, ast.AnnAssign) else []
        names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def test_per_probe_tables_are_defined_only_in_the_probes_package():
    tables = {"VIOLATIONS", "TWINS", "CASE_COUNTS", "SYN_COUNTS", "TEMPLATE_COUNTS"}
    outside = {name: _assigned_names(BENCH / name) & tables for name in CONSUMERS}
    assert not any(outside.values()), outside


def test_strata_have_one_definition():
    assert cards.STRATA is schema.STRATA and diagnostics.STRATA is schema.STRATA
    assert judge_cases.STRATUM is schema.STRATUM and schema.HAND_STRATUM in schema.STRATA
    assert set(schema.STRATUM) == set(schema.AUTHORING_MODES) and set(schema.STRATUM.values()) <= set(schema.STRATA)
    defining = [p.name for p in sorted(BENCH.rglob("*.py"))
                if _assigned_names(p) & {"STRATA", "STRATUM", "HAND_STRATUM", "AUTHORING_MODES"}]
    assert defining == ["schema.py"]
