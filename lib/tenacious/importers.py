"""Importers for the formats users already hold, into the project's own judge records.

`judge-card`: the published judge card's flat context, one agent draft per record:
    {company, headcount, disqualifiers, opt_out_channels, recipient_role, funding_stage,
     funding_amount_usd, funding_confidence, thread_id, available_signals?, draft, gold_decision?}
becomes a judge input record (item_id, full context, draft; gold fields when given), ready for
`tenacious judge`. The flat keys map onto the nested context (recipient_role -> recipient.role,
funding_* -> funding.*); every other field follows bench/inputs.py (its defaults, its errors).

`pairs`: preference pairs {pair_id, probe_id, context (flat, as above), chosen: {action, output,
rationale}, rejected: {...}} with action in send | suppress | escalate. Each pair becomes two
judge items (`<pair_id>-chosen`, draft_kind good; `<pair_id>-rejected`, draft_kind bad), golds by:
- a chosen suppress/escalate makes both items SUPPRESS/ESCALATE (any draft in that context shares it);
- chosen and rejected both send: the chosen draft is PASS, the rejected draft takes the decision of
  its probe's rubric rule;
- a rejected suppress/escalate whose chosen is send is PASS (the context allows sending).
A missing or null output is the empty draft (a suppressed send has no text).

Mapping losses (fields the project cannot hold), counted per import under these names:
- `rationale`: the rationale of each side; a judge item has no rationale field (dropped).
- `rejected_action`: a rejected suppress/escalate under a chosen send keeps its text with gold
  PASS; that the agent wanted to hold back is not stored.
- `gold_rule_assumed`: the gold decision is not the probe rule's decision, so no rule is given;
  gold_rule is the first rubric rule with that decision.
- `authoring_mode_assumed`: the source does not say who wrote the draft; set to trace_derived
  (an agent's output), stratum TRC.
- `signal_kind_unknown`: an available_signals key outside facts.SIGNAL_KINDS (dropped).
- `signal_confidence_assumed`: an available_signals entry without a confidence; set to low,
  so the scorer expects it hedged.
- `recipient_name_missing`: the flat format has no recipient name; the default applies.
- `evidence_missing`: a pair says which action is right, not where the draft goes wrong; a
  non-PASS item's evidence span is null.
- `context_field_dropped`: a context field the benchmark context has no place for (a judge item
  holds exactly the benchmark's context; judge-card records keep it under context_extra instead).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from tenacious.bench import facts, inputs, rubric
from tenacious.bench.judge_cases import STRATUM
from tenacious.bench.schema import validate_judge_item
from tenacious.io import InputError

ACTIONS: dict[str, str | None] = {"send": None, "suppress": "SUPPRESS", "escalate": "ESCALATE"}
_FLAT: dict[str, tuple[str, str]] = {
    "recipient_role": ("recipient", "role"),
    "recipient_name": ("recipient", "name"),
    "funding_stage": ("funding", "stage"),
    "funding_amount_usd": ("funding", "amount_usd"),
    "funding_confidence": ("funding", "confidence"),
}
ASSUMED_SIGNAL_CONFIDENCE = "low"
IMPORTED_AUTHORING_MODE = "trace_derived"
IMPORTED_VOICE = "imported"


def nest_context(flat: dict, losses: Counter) -> dict:
    """The nested minimal context of a flat judge-card context (nested keys pass through)."""
    ctx = {k: v for k, v in flat.items() if k not in _FLAT and k != "available_signals"}
    for key, (outer, inner) in _FLAT.items():
        if key in flat:
            ctx.setdefault(outer, {})[inner] = flat[key]
    if "name" not in ctx.get("recipient", {}):
        losses["recipient_name_missing"] += 1
    signals = flat.get("available_signals")
    if isinstance(signals, dict):
        ctx["signals"] = list(ctx.get("signals", []))
        for kind, entry in sorted(signals.items()):
            if kind not in facts.SIGNAL_KINDS:
                losses["signal_kind_unknown"] += 1
                continue
            entry = entry if isinstance(entry, dict) else {"value": entry}
            if "confidence" not in entry:
                losses["signal_confidence_assumed"] += 1
            value = entry.get("value")
            ctx["signals"].append({"kind": kind, "text": str(entry.get("text", value)), "value": value,
                                   "confidence": entry.get("confidence", ASSUMED_SIGNAL_CONFIDENCE)})
    elif signals is not None:
        ctx["available_signals"] = signals  # not a dict: left for bench/inputs.py to keep as an unknown field
    return ctx


def import_judge_card(name: str, records: list[tuple[int, dict]]) -> tuple[list[dict], Counter]:
    """Judge input records from flat judge-card records."""
    losses: Counter = Counter()
    out = []
    for line, record in records:
        draft_fields = {k: v for k, v in record.items() if k in ("item_id", "draft", *inputs.GOLD_FIELDS)}
        flat = {k: v for k, v in record.items() if k not in draft_fields}
        out.append(inputs.complete_judge_record({**draft_fields, "context": nest_context(flat, losses)}, name, line))
    return out, losses


def _gold(decision: str, probe: str, losses: Counter) -> tuple[str, int]:
    """(decision, rule): the probe's rule when it decides this, else the first rule that does."""
    if decision == "PASS":
        return decision, rubric.PASS_RULE
    if rubric.probe_rule(probe).decision == decision:
        return decision, rubric.probe_rule(probe).number
    losses["gold_rule_assumed"] += 1
    return decision, rubric.rules_deciding(decision)[0]


def _side(record: dict, side: str, where: str) -> tuple[str, str]:
    """(action, output) of one side of a pair, with a line-and-field error when malformed."""
    entry = record.get(side)
    if not isinstance(entry, dict):
        raise InputError(f"{where}: {side}: {'missing required field' if entry is None else 'expected an object'}")
    action = entry.get("action")
    if action not in ACTIONS:
        raise InputError(f"{where}: {side}.action: {action!r} is not one of {list(ACTIONS)}")
    output = entry.get("output")
    if output is not None and not isinstance(output, str):
        raise InputError(f"{where}: {side}.output: expected a string or null, got {type(output).__name__}")
    return action, output or ""


def _item_kind(decision: str, golds: tuple[str, str]) -> str:
    """violation (a rule decides), twin (a PASS beside a violation), clean (a PASS beside a PASS)."""
    if decision != "PASS":
        return "violation"
    return "twin" if set(golds) != {"PASS"} else "clean"


def pair_golds(chosen: str, rejected: str, probe: str) -> tuple[str, str]:
    """Gold decisions (chosen draft, rejected draft) from the two actions and the probe (see module doc)."""
    if ACTIONS[chosen] is not None:
        return ACTIONS[chosen], ACTIONS[chosen]
    if rejected == "send":
        return "PASS", rubric.probe_rule(probe).decision
    return "PASS", "PASS"


def import_pairs(name: str, records: list[tuple[int, dict]]) -> tuple[list[dict], Counter]:
    """Two judge items per preference pair, each validated as a benchmark judge item."""
    losses: Counter = Counter()
    out = []
    probes = (*rubric.PROBES, rubric.PASS_PROBE)
    for line, record in records:
        where = f"{name}:{line}"
        for field in ("pair_id", "probe_id", "context"):
            if field not in record:
                raise InputError(f"{where}: {field}: missing required field")
        if record["probe_id"] not in probes:
            raise InputError(f"{where}: probe_id: {record['probe_id']!r} is not one of {list(probes)}")
        if not isinstance(record["context"], dict):
            raise InputError(f"{where}: context: expected an object")
        (chosen, chosen_text), (rejected, rejected_text) = _side(record, "chosen", where), _side(record, "rejected",
                                                                                                   where)
        golds = pair_golds(chosen, rejected, record["probe_id"])
        if chosen == "send" and rejected != "send":
            losses["rejected_action"] += 1
        context = nest_context(record["context"], losses)
        for kind, text, gold, side in (("good", chosen_text, golds[0], "chosen"),
                                       ("bad", rejected_text, golds[1], "rejected")):
            losses["rationale"] += int("rationale" in record[side])
            decision, rule = _gold(gold, record["probe_id"], losses)
            item = inputs.complete_judge_record(
                {"item_id": f"{record['pair_id']}-{side}", "context": context, "draft": text}, name, line)
            losses["context_field_dropped"] += len(item.pop("context_extra", {}))
            losses["authoring_mode_assumed"] += 1
            losses["evidence_missing"] += int(decision != "PASS")
            item.update(case_id=str(record["pair_id"]), template_id=f"imported-{record['probe_id']}",
                        probe_id=record["probe_id"], authoring_mode=IMPORTED_AUTHORING_MODE,
                        stratum=STRATUM[IMPORTED_AUTHORING_MODE], draft_kind=kind,
                        kind=_item_kind(decision, golds), gold_decision=decision, gold_rule=rule, evidence=None,
                        wording=None, voice=IMPORTED_VOICE,
                        reason=f"imported pair: chosen {chosen}, rejected {rejected}; this is the {side} draft")
            try:
                validate_judge_item(item)
            except ValueError as exc:
                raise InputError(f"{where}: {exc}") from None
            out.append(item)
    return out, losses


FORMATS: dict[str, Callable[[str, list[tuple[int, dict]]], tuple[list[dict], Counter]]] = {
    "judge-card": import_judge_card,
    "pairs": import_pairs,
}
