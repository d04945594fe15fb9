"""Importers for the formats users already hold, into the project's own judge records.

`judge-card`: the published judge card's flat context, one agent draft per record:
    {company, headcount, disqualifiers, opt_out_channels, recipient_role, funding_stage?,
     funding_amount_usd?, funding_confidence?, thread_id?, available_signals?, draft, gold_decision?}
or the same flat context under `context` ({context: {...flat}, draft}: the card's widget context pasted
as it is), becomes a judge input record (item_id, full context, draft; gold fields when given), ready
for `tenacious judge`. The flat keys map onto the nested context (recipient_role -> recipient.role,
funding_* -> funding.*); every other field follows bench/inputs.py (its defaults, its errors).
`company`, `headcount` and `recipient_role` are required; a missing funding_stage is the unknown stage
(facts.UNKNOWN_FUNDING_STAGE: no funding claim contradicts it). Errors name the field as the record
writes it (`recipient_role`, `context.funding_confidence`), one line, `file:line: field: message`.

`widget`: the card's widget text, {text: "Context:\n{...flat}\n\nAgent output:\n<draft>"} (other
fields such as item_id or gold_decision kept), read as the judge-card record it spells out.

`pairs`: preference pairs {pair_id, probe_id, context (flat, as above), chosen: {action, output,
rationale}, rejected: {...}} with action in send | suppress | escalate. Each pair becomes two
judge items (`<pair_id>-chosen`, draft_kind good; `<pair_id>-rejected`, draft_kind bad), golds by:
- a chosen suppress/escalate makes both items SUPPRESS/ESCALATE (any draft in that context shares it);
- chosen and rejected both send: the chosen draft is PASS, the rejected draft takes the decision of
  its probe's rubric rule;
- a rejected suppress/escalate whose chosen is send is PASS (the context allows sending).
A missing or null output is the empty draft (a suppressed send has no text).

Mapping losses (fields the project cannot hold), counted per judge item under these names:
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
- `funding_stage_unknown`: no funding_stage; the stage is unknown, so rule 7 (a funding tier that
  contradicts the stage) cannot fire on it.
- `evidence_missing`: a pair says which action is right, not where the draft goes wrong; a
  non-PASS item's evidence span is null.
- `context_field_dropped`: a context field the benchmark context has no place for (a judge item
  holds exactly the benchmark's context; judge-card records keep it under context_extra instead).

`tenacious judge` and `tenacious score` read every format directly: `judge_items` and `score_items`
detect each record's format (`record_format`) and map it with the functions `tenacious import` uses.
"""

from __future__ import annotations

import dataclasses
import json
import re
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
# How a flat record names each nested field, for its error messages (a missing recipient is a missing role).
_FLAT_NAME: dict[str, str] = {"recipient": "recipient_role", "signals": "available_signals",
                              **{f"{outer}.{inner}": key for key, (outer, inner) in _FLAT.items()}}
ASSUMED_SIGNAL_CONFIDENCE = "low"
IMPORTED_AUTHORING_MODE = "trace_derived"
IMPORTED_VOICE = "imported"
NESTED = "nested"  # the project's own input schema (bench/inputs.py): read as it is
_WIDGET = re.compile(r"\AContext:\s*(\{.*?\})\s*Agent output:[ \t]*\n?(.*)\Z", re.DOTALL)


def is_flat_context(context: dict) -> bool:
    """A published (flat) context: recipient_role / funding_* / available_signals keys, no nested
    recipient or funding object."""
    return bool({*_FLAT, "available_signals"} & context.keys()) and not {"recipient", "funding"} & context.keys()


def nest_context(flat: dict, losses: Counter) -> dict:
    """The nested minimal context of a flat judge-card context (nested keys pass through)."""
    ctx = {k: v for k, v in flat.items() if k not in _FLAT and k != "available_signals"}
    for key, (outer, inner) in _FLAT.items():
        if key in flat:
            ctx.setdefault(outer, {})[inner] = flat[key]
    if "name" not in ctx.get("recipient", {}):
        losses["recipient_name_missing"] += 1
    funding = ctx.setdefault("funding", {})
    if isinstance(funding, dict) and "stage" not in funding:
        funding["stage"] = facts.UNKNOWN_FUNDING_STAGE
        losses["funding_stage_unknown"] += 1
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


def _flat_name(field: str, prefix: str) -> str:
    """A nested input field as a flat record names it: `context.recipient.role` -> `recipient_role`."""
    nested = field.removeprefix("context.")
    if nested == field:
        return field  # a record field (draft, gold_decision, ...), named the same in both formats
    return prefix + _FLAT_NAME.get(nested, _FLAT_NAME.get(nested.split("[")[0], nested))


def _complete_flat(kind: str, record: dict, name: str, line: int, losses: Counter) -> dict:
    """The nested record of `kind` (inputs.KINDS) from a record whose context is flat (at the top level or
    under `context`), completed by bench/inputs.py; its errors name the fields as the flat record does."""
    where = f"{name}:{line}"
    if isinstance(record.get("context"), dict):
        top, flat, prefix = {k: v for k, v in record.items() if k != "context"}, record["context"], "context."
    else:
        own = set(inputs.DRAFT_INPUT["$defs"][kind]["properties"]) - {"context"}
        top = {k: v for k, v in record.items() if k in own}
        flat, prefix = {k: v for k, v in record.items() if k not in own}, ""
    nested = {**top, "context": nest_context(flat, losses)}
    complete = inputs.complete_judge_record if kind == "JudgeDraft" else inputs.complete_score_record
    try:
        return complete(nested, name, line)
    except InputError as exc:
        field, _, message = str(exc).removeprefix(f"{where}: ").partition(": ")
        raise InputError(f"{where}: {_flat_name(field, prefix)}: {message}") from None


def import_judge_card(name: str, records: list[tuple[int, dict]]) -> tuple[list[dict], Counter]:
    """Judge input records from flat judge-card records."""
    losses: Counter = Counter()
    return [_complete_flat("JudgeDraft", record, name, line, losses) for line, record in records], losses


def widget_record(record: dict, where: str) -> dict:
    """The judge-card record a widget text spells out (`Context:` + a JSON object, then `Agent output:`)."""
    text = record.get("text")
    match = _WIDGET.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise InputError(f"{where}: text: not a judge-card widget text (expected 'Context:' and a JSON object, "
                         "then 'Agent output:' and the draft)")
    try:
        context = json.loads(match.group(1))
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: text: the context is not valid JSON ({exc.msg})") from None
    return {**{k: v for k, v in record.items() if k != "text"}, "context": context, "draft": match.group(2).strip()}


def import_widget(name: str, records: list[tuple[int, dict]]) -> tuple[list[dict], Counter]:
    """Judge input records from the judge card's widget texts."""
    return import_judge_card(name, [(line, widget_record(record, f"{name}:{line}")) for line, record in records])


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
        for kind, text, gold, side in (("good", chosen_text, golds[0], "chosen"),
                                       ("bad", rejected_text, golds[1], "rejected")):
            losses["rationale"] += int("rationale" in record[side])
            decision, rule = _gold(gold, record["probe_id"], losses)
            item = _complete_flat("JudgeDraft", {"item_id": f"{record['pair_id']}-{side}",
                                                 "context": record["context"], "draft": text}, name, line, losses)
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
    "widget": import_widget,
}


# --- reading any format ----------------------------------------------------------------------------


def record_format(record: dict) -> str:
    """The format of one judge or score record: `pairs`, `widget`, `judge-card` (a flat context, at the top
    level or under `context`) or NESTED (the project's schema, also the fallback that names what is missing)."""
    if {"pair_id", "chosen", "rejected"} & record.keys():
        return "pairs"
    if "text" in record and not {"draft", "context", "email"} & record.keys():
        return "widget"
    context = record.get("context")
    if isinstance(context, dict):
        return "judge-card" if is_flat_context(context) else NESTED
    return "judge-card" if "context" not in record and ("company" in record or is_flat_context(record)) else NESTED


@dataclasses.dataclass
class Mapped:
    """What reading a file mapped: records per published format and each format's mapping losses."""

    records: Counter = dataclasses.field(default_factory=Counter)
    losses: dict[str, Counter] = dataclasses.field(default_factory=dict)

    def add(self, fmt: str, losses: Counter) -> None:
        if fmt != NESTED:
            self.records[fmt] += 1
            self.losses.setdefault(fmt, Counter()).update(losses)

    def summary(self, total: int) -> str | None:
        """One line for stderr, or None when every record was in the project's own schema."""
        if not self.records:
            return None
        parts = []
        for fmt, n in sorted(self.records.items()):
            lost = ", ".join(f"{key} {count}" for key, count in sorted(self.losses[fmt].items()) if count)
            parts.append(f"{fmt} {n} (lost: {lost or 'nothing'})")
        return f"mapped {sum(self.records.values())} of {total} records from published formats: {'; '.join(parts)}"


def judge_items(name: str, records: list[tuple[int, dict]]) -> tuple[list[tuple[int, dict]], Mapped]:
    """[(line, judge item)] from records in any format, detected per record (a pair gives two items)."""
    mapped, out = Mapped(), []
    for line, record in records:
        fmt = record_format(record)
        if fmt == NESTED:
            items, losses = [inputs.complete_judge_record(record, name, line)], Counter()
        else:
            items, losses = FORMATS[fmt](name, [(line, record)])
        mapped.add(fmt, losses)
        out += [(line, item) for item in items]
    return out, mapped


def score_items(name: str, records: list[tuple[int, dict]]) -> tuple[list[tuple[dict, str]], Mapped]:
    """[(critic task, email)] from score records whose context is nested or flat, detected per record."""
    mapped, out = Mapped(), []
    for line, record in records:
        fmt = record_format(record)
        if fmt not in (NESTED, "judge-card"):
            raise InputError(f"{name}:{line}: a {fmt} record holds drafts to judge, not an email to score "
                             "(use `tenacious judge`)")
        losses: Counter = Counter()
        if fmt == NESTED:
            out.append(inputs.complete_score_record(record, name, line))
        else:
            out.append(_complete_flat("ScoreDraft", record, name, line, losses))
        mapped.add(fmt, losses)
    return out, mapped
