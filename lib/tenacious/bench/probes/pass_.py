"""PASS, rubric rule 11: no rule applies.

A PASS case pairs a clean draft with a near miss: another probe's honest twin plus two style flaws the
gate does not police. It has no wordings of its own.
"""

from __future__ import annotations

from collections.abc import Mapping

from tenacious.bench.probes.reading import DraftText, Firing, PeerIndex
from tenacious.bench.probes.spec import Probe


def check(ctx: Mapping, draft: DraftText, peers: PeerIndex) -> Firing:
    return Firing("no rule fires")


PROBE = Probe(cases=35, template_cases=10, check=check, near_misses=("E01", "E02", "B04"))
