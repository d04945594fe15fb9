"""What one probe module provides: the `Probe` record the registry (probes/__init__) collects.

A probe's facts (its case counts, wordings, premise, slots, draft layout and rule check) sit in
its own module as one `Probe`, so adding a probe is its rubric row plus one module (docs/design.md §9).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from tenacious.bench.probes.reading import Check

Wordings = dict[str, tuple[str, ...]]  # pool ("train" | "heldout") -> wordings, disjoint across pools
Premise = Callable[[random.Random, "str | None", "str | None", bool], dict]
Slots = Callable[[random.Random, dict, str, dict], dict]
Render = Callable[[random.Random, object, str, str, str], "tuple[str, str]"]
Prepare = Callable[[random.Random, dict, dict, str, int], dict]


def no_premise(rng: random.Random, tag: str | None, line: str | None, twin: bool) -> dict:
    """A probe whose violation is in the draft needs nothing special in the brief."""
    return {}


@dataclass(frozen=True)
class Probe:
    """Everything the case generator and the rule engine know about one probe."""

    cases: int  # generated cases in all
    template_cases: int  # of which template-mode (writer voices); trace-derived and programmatic fill the rest
    check: Check  # the rule engine's reading of the probe's rubric rule
    violations: Wordings | None = None  # sentences (or context lines) that break the rule; None for PASS
    twins: Wordings | None = None  # look-alikes that break nothing (gold PASS)
    # make_context overrides for a case: (rng, wording tag, wording text, twin?) -> overrides.
    premise: Premise = no_premise
    # Extra wording slots: (rng, drafts' context, pool, the carrier draft's slots) -> slots.
    slots: Slots | None = None
    # (rng, carrier draft, pool, twin sentence, violation sentence) -> (good, bad) texts; None: the
    # sentence joins the body.
    render: Render | None = None
    # (rng, context, carrier draft's slots, pool, case index) -> the context the drafts read; may set the thread.
    prepare: Prepare | None = None
    evidence_field: str | None = None  # context probes: the brief field that carries the violation
    evidence_text: Callable[[dict], str] | None = None  # that field as text, when not a list to join
    quoted_in_thread: bool = False  # context probes: the prospect wrote the violation in the prior thread
    names_other_prospects: bool = False  # wordings name other prospects and peers (other_*, peer*, generic*)
    keeps_c_level_enterprise: bool = False  # its cases may keep a C-level recipient at a large company
    near_misses: tuple[str, ...] = ()  # PASS: probes whose honest twins make the near-miss drafts, cycled

    def field_text(self, ctx: dict) -> str:
        """The brief's evidence for a context probe's violation, as the item's evidence text."""
        if self.evidence_text is not None:
            return self.evidence_text(ctx)
        return ", ".join(ctx[self.evidence_field])
