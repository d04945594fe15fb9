"""The judge rubric as a deterministic rule engine: a baseline labeler, not the source of gold.

Gold labels come from how an item was built (docs/design.md §5.3); this engine reads the brief and the
draft the way a careful reviewer would and its accuracy against gold is reported. It is written
to read drafts nobody on the team wrote: the draft is normalised first (textnorm), amounts are
found however they are spelled, and each rule reads structure and broad lexicons, not our
generator's sentences. Rubric v2 is a priority list: the first rule that fires decides, so
`decide` is the first entry of `explain` and a label can never disagree with its explanation.
Every firing carries the evidence span [start, end) in the ORIGINAL draft (None when the
evidence is in the brief or is an omission).

Rule numbers are the v2 numbers (1-11) for both rubrics; rubric v1 is the v2 list without the
v2-only rules 3, 7, 8, 10 (tenacious.bench.rubric holds the table, numbers and wording).

Each rule's check, and the readings the rubric table leaves open for it (fixed there and tested), live
in its probe's module (tenacious.bench.probes); the readings several checks share are in
probes.reading. This module applies them in priority order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from tenacious.bench import probes
from tenacious.bench.probes.reading import (
    THREAD_ID,
    BatchIndex,
    Check,
    DraftText,
    Firing,
    PeerIndex,
    ProspectFacts,
    is_c_level,
    normalise_role,
    peer_mentions,
    peer_names,
    prospect_facts,
    prospect_key,
)
from tenacious.bench.rubric import (
    DECISIONS,
    PASS_RULE,
    RUBRICS,
    RULES,
    V1_PUBLISHED_NUMBER,
    V1_RULES,
    RubricRule,
)
from tenacious.io import InputError

__all__ = [
    "CHECKS", "DECISIONS", "PASS_RULE", "PROBE_RULE", "RUBRICS", "RULES", "RULE_BY_NUMBER", "THREAD_ID",
    "V1_PUBLISHED_NUMBER", "V1_RULES", "Firing", "decide", "decide_batch", "explain", "is_c_level",
    "normalise_role", "peer_index", "peer_names",
]

RULE_BY_NUMBER: dict[int, RubricRule] = {r.number: r for r in RULES}
PROBE_RULE: dict[str, int] = {r.probe: r.number for r in RULES}
CHECKS: dict[int, Check] = probes.CHECKS


# --- entry points -----------------------------------------------------------------------------

_CONTEXT_FIELDS: tuple[str, ...] = (
    "company", "recipient", "headcount", "channel", "opt_out_channels", "disqualifiers", "prior_thread",
    "thread_id", "funding", "prior_commitments", "regulated", "industry")


def _rules_of(rubric_name: str) -> tuple[RubricRule, ...]:
    if rubric_name == "v2":
        return RULES
    if rubric_name == "v1":
        return tuple(rule for rule in RULES if rule.number in V1_RULES)
    raise ValueError(f"unknown rubric {rubric_name!r}; expected one of {RUBRICS}")


def _unpack(item) -> tuple[Mapping, str]:
    """Accept a judge item (a mapping with `context` and `draft`) or a (context, draft) pair; check the shape."""
    if isinstance(item, Mapping):
        where = f"judge item {item.get('item_id', '?')}"
        if "context" not in item or "draft" not in item:
            raise InputError(f"{where}: needs fields 'context' and 'draft'")
        context, draft = item["context"], item["draft"]
    else:
        where = "judge item"
        context, draft = item
    if not isinstance(context, Mapping):
        raise InputError(f"{where}: context must be an object")
    missing = [f for f in _CONTEXT_FIELDS if f not in context]
    if missing:
        raise InputError(f"{where}: context lacks field(s) {', '.join(missing)}")
    if not isinstance(draft, str):
        raise InputError(f"{where}: draft must be a string, got {type(draft).__name__}")
    return context, draft


def peer_index(items: Iterable) -> BatchIndex:
    """Batch context: each peer name (casefolded) -> the prospects it is cited to (rule 9), and the batch's
    prospects with their names and facts (rule 5 reads another prospect's names and facts in a draft)."""
    cited: dict[str, set[str]] = {}
    prospects: dict[str, ProspectFacts] = {}
    for item in items:
        context, draft = _unpack(item)
        for name, _, _ in peer_mentions(DraftText(draft)):
            cited.setdefault(name.casefold(), set()).add(prospect_key(context))
        prospects.setdefault(context["company"].casefold(), prospect_facts(context))
    return BatchIndex({name: frozenset(p) for name, p in sorted(cited.items())},
                      tuple(prospects[k] for k in sorted(prospects)))


def explain(item, rubric: str = "v2", peers: PeerIndex | None = None) -> list[dict]:
    """Every rule that fires, in priority order, with decision, reason and evidence span; the last is PASS.

    `item` is a judge item or a (context, draft) pair; `peers` is the batch context from `peer_index`
    (without it, reuse across prospects is not seen).
    """
    context, text = _unpack(item)
    draft = DraftText(text)
    fired = []
    for rule in _rules_of(rubric):
        firing = CHECKS[rule.number](context, draft, {} if peers is None else peers)
        if firing is not None:
            fired.append({"rule": rule.number, "decision": rule.decision, "probe": rule.probe, "name": rule.name,
                          "reason": firing.reason, "span": list(firing.span) if firing.span else None,
                          "evidence": firing.text})
    return fired


def decide(item, rubric: str = "v2", peers: PeerIndex | None = None) -> tuple[str, int]:
    """(decision, v2 rule number) of the first rule that fires under `rubric` ("v2" or "v1")."""
    first = explain(item, rubric, peers)[0]
    return first["decision"], first["rule"]


def decide_batch(items: Iterable, rubric: str = "v2") -> list[tuple[str, int]]:
    """`decide` for every item, with peer reuse across the batch's prospects visible to rule 9."""
    items = list(items)
    peers = peer_index(items)
    return [decide(item, rubric, peers) for item in items]

