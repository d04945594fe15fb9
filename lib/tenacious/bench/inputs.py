"""The minimal input schema for drafts a user brings: what is required, what defaults, and how it is read.

A benchmark record carries a 20-field prospect context; a user's CRM rarely does. A draft to judge
needs only what some rule cannot do without, everything else has a stated default that fires no
rule, and the layer below completes the record so every consumer (rules, scorer, prompt) sees
the full shape. Benchmark records are valid inputs as they are (nothing is overwritten).

Judge record (`tenacious judge`): `draft` (string, may be empty: a suppressed send has no text) and
`context` with the required `company`, `headcount`, `recipient.role` and `funding.stage`.
Score record (`tenacious score`): `email`, `instruction` and a context that also requires
`hq_timezone` and `segment` (the scheduling and ICP-fit dimensions have no neutral value).

Defaults, all written into DRAFT_INPUT as JSON Schema `default`s (the one definition):
channel "email"; disqualifiers, opt_out_channels, signals, prior_thread, prior_commitments [];
recipient.name "the recipient"; funding.amount_usd null; funding.confidence "insufficient_signal"
(an amount nobody vouched for counts as unverified); industry "unspecified"; domain "unspecified";
hq_timezone "Europe/London"; segment "abstain", segment_confidence 0; ai_maturity score 0 at
"insufficient_signal"; thread_id "th-none". Derived defaults: prospect_id is the record id,
regulated is whether industry is one of facts.REGULATED_INDUSTRIES, bench is the roster minus
prior_commitments. A free-text role ("Founder & CEO") becomes a role code, the text kept as recipient.title.

Unknown fields are kept and ignored: top-level ones stay on the record, unknown context fields move
to `context_extra` (the completed context has exactly the benchmark's fields). Every error is one
line, `file:line: field: message`, raised as io.InputError.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

from jsonschema import Draft202012Validator

from tenacious.bench import facts, judge_rules, rubric, style_guide
from tenacious.bench.context import CONTEXT_FIELDS, bench_from_commitments
from tenacious.io import InputError, parse_jsonl

_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_TEXT = {"type": "string", "minLength": 1}
_CONF = {"enum": list(facts.CONFIDENCE_LEVELS)}


def _list(items: dict) -> dict:
    return {"type": "array", "items": items, "default": []}


MINIMAL_CONTEXT: dict = {
    "type": "object",
    "required": ["company", "headcount", "recipient", "funding"],
    "properties": {
        "prospect_id": {**_TEXT, "description": "default: the record id"},
        "company": _TEXT,
        "domain": {**_TEXT, "default": "unspecified"},
        "industry": {**_TEXT, "default": "unspecified"},
        "regulated": {"type": "boolean", "description": "default: industry is a regulated industry"},
        "headcount": {"type": "integer", "minimum": 1},
        "hq_timezone": {"enum": sorted(facts.TIMEZONES), "default": "Europe/London"},
        "recipient": {"type": "object", "required": ["role"], "properties": {
            "name": {**_TEXT, "default": "the recipient"},
            "role": {**_TEXT, "description": f"a role code {list(facts.ROLES)} or a job title"},
            "title": {**_TEXT, "description": "default: the role as written, when it is a job title"},
        }},
        "segment": {"enum": list(facts.SEGMENT_IDS), "default": "abstain"},
        "segment_confidence": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.0},
        "ai_maturity": {"type": "object", "required": ["score", "confidence"],
                        "default": {"score": 0, "confidence": "insufficient_signal"},
                        "properties": {"score": {"type": "integer", "minimum": 0, "maximum": 3}, "confidence": _CONF}},
        "signals": _list({"type": "object", "required": ["kind", "text", "value", "confidence"], "properties": {
            "kind": {"enum": list(facts.SIGNAL_KINDS)}, "text": _TEXT,
            "value": {"type": ["string", "number", "null"]}, "confidence": _CONF}}),
        "funding": {"type": "object", "required": ["stage"], "properties": {
            "stage": {"enum": sorted(facts.FUNDING_STAGES)},
            "amount_usd": {"type": ["integer", "null"], "minimum": 0, "default": None},
            "confidence": {**_CONF, "default": "insufficient_signal"},
        }},
        "disqualifiers": _list({"enum": list(facts.DISQUALIFIERS)}),
        "opt_out_channels": _list({"enum": list(facts.CHANNELS)}),
        "channel": {"enum": list(facts.CHANNELS), "default": "email"},
        "thread_id": {**_TEXT, "default": "th-none"},
        "prior_thread": _list({"type": "object", "required": ["from", "text"],
                               "properties": {"from": _TEXT, "text": _TEXT}}),
        "prior_commitments": _list({"type": "object", "required": ["engineer", "stack", "until"], "properties": {
            "engineer": _TEXT, "stack": {"enum": list(facts.BENCH_STACKS)},
            "until": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}}}),
        "bench": {"type": "object", "propertyNames": {"enum": list(facts.BENCH_STACKS)},
                  "additionalProperties": {"type": "integer", "minimum": 0},
                  "description": "default: the roster minus prior_commitments"},
    },
}
SCORE_CONTEXT: dict = {**MINIMAL_CONTEXT, "required": [*MINIMAL_CONTEXT["required"], "hq_timezone", "segment"]}
GOLD: dict = {
    "gold_decision": {"enum": list(rubric.DECISIONS), "description": "needed by --eval only"},
    "gold_rule": {"type": "integer", "minimum": 1, "maximum": rubric.PASS_RULE},
    "probe_id": {**_TEXT, "description": "groups the per-probe accuracy of --eval"},
}
GOLD_FIELDS: tuple[str, ...] = tuple(GOLD)

DRAFT_INPUT: dict = {
    "$schema": _DRAFT,
    "title": "DraftInput",
    "description": "One record of `tenacious judge` (JudgeDraft) or `tenacious score` (ScoreDraft); "
                   "unknown fields are kept and ignored.",
    "$defs": {
        "MinimalContext": MINIMAL_CONTEXT,
        "ScoreContext": SCORE_CONTEXT,
        "JudgeDraft": {"type": "object", "required": ["context", "draft"], "properties": {
            "item_id": {**_TEXT, "description": "default: line-<line number>"},
            "context": {"$ref": "#/$defs/MinimalContext"},
            "draft": {"type": "string", "description": "the message to send; empty = nothing is sent"},
            **GOLD,
        }},
        "ScoreDraft": {"type": "object", "required": ["context", "instruction", "email"], "properties": {
            "task_id": {**_TEXT, "description": "default: line-<line number>"},
            "context": {"$ref": "#/$defs/ScoreContext"},
            "instruction": _TEXT,
            "email": {"type": "string", "description": "'Subject: ...' first line, then the body"},
            "goal": {**_TEXT, "default": "intro_call", "description": "a critic-task goal, e.g. check_back"},
            "needs_slot": {"type": "boolean", "default": False},
            "offer": {"default": None, "oneOf": [{"type": "null"}, {
                "type": "object", "required": ["stack", "count"],
                "properties": {"stack": {"enum": list(facts.BENCH_STACKS)},
                               "count": {"type": "integer", "minimum": 1}}}]},
            "style_guide_excerpts": {"type": "array", "items": {"enum": list(style_guide.RULE_IDS)},
                                     "default": list(style_guide.RULE_IDS)},
            "must_include": _list(_TEXT),
            "must_not": _list(_TEXT),
        }},
    },
    "anyOf": [{"$ref": "#/$defs/JudgeDraft"}, {"$ref": "#/$defs/ScoreDraft"}],
}
KINDS: tuple[str, ...] = ("JudgeDraft", "ScoreDraft")
_VALIDATORS = {kind: Draft202012Validator({"$ref": f"#/$defs/{kind}", "$defs": DRAFT_INPUT["$defs"]})
               for kind in KINDS}


# --- reading -----------------------------------------------------------------------------------


def read_records(source: str) -> tuple[str, list[tuple[int, dict]]]:
    """(display name, [(line, record)]) from a JSONL file, a file holding one JSON object, or '-' (stdin)."""
    name = "<stdin>" if source == "-" else source
    try:
        raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise InputError(f"{name}:{line}: not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8") \
            from None
    try:
        whole = json.loads(text)
    except json.JSONDecodeError:
        whole = None
    if isinstance(whole, dict):
        return name, [(1, whole)]
    records = parse_jsonl(text, name)
    if not records:
        raise InputError(f"{name}: no records (expected JSONL or one JSON object)")
    return name, records


# --- validation and completion -------------------------------------------------------------------


def _field(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "<record>"


def check(kind: str, record: dict, where: str) -> None:
    """Raise InputError `where: field: message` for the first schema violation of a `kind` record."""
    errors = sorted(_VALIDATORS[kind].iter_errors(record), key=lambda e: ([str(p) for p in e.absolute_path], e.message))
    if not errors:
        return
    err = errors[0]
    path = list(err.absolute_path)
    if err.validator == "required":
        path.append(next(k for k in err.validator_value if k not in err.instance))
        message = "missing required field"
    else:
        message = " ".join(err.message.split())[:200]
    raise InputError(f"{where}: {_field(path)}: {message}")


def _default(schema: dict, field: str):
    return copy.deepcopy(schema["properties"][field]["default"])


def complete_context(context: dict, record_id: str) -> tuple[dict, dict]:
    """(full benchmark context, unknown context fields) from a validated minimal context."""
    props = MINIMAL_CONTEXT["properties"]
    ctx = {k: copy.deepcopy(v) for k, v in context.items() if k in props}
    ctx.setdefault("prospect_id", record_id)
    recipient = ctx["recipient"]
    ctx["recipient"] = {"name": recipient.get("name", _default(props["recipient"], "name")),
                        "role": judge_rules.normalise_role(recipient["role"])}
    if "title" in recipient or recipient["role"] not in facts.ROLES:
        ctx["recipient"]["title"] = recipient.get("title", recipient["role"])
    funding = ctx["funding"]
    ctx["funding"] = {"stage": funding["stage"], **{k: funding.get(k, _default(props["funding"], k))
                                                    for k in ("amount_usd", "confidence")}}
    for field in CONTEXT_FIELDS:
        if field not in ctx and "default" in props[field]:
            ctx[field] = _default(MINIMAL_CONTEXT, field)
    ctx.setdefault("regulated", ctx["industry"] in facts.REGULATED_INDUSTRIES)
    ctx.setdefault("bench", bench_from_commitments(ctx["prior_commitments"]))
    extra = {k: v for k, v in sorted(context.items()) if k not in props}
    return {field: ctx[field] for field in CONTEXT_FIELDS}, extra


def _complete(kind: str, id_field: str, record: dict, name: str, line: int) -> dict:
    where = f"{name}:{line}"
    check(kind, record, where)
    out = copy.deepcopy(record)
    out.setdefault(id_field, f"line-{line}")
    out["context"], extra = complete_context(record["context"], out[id_field])
    if extra:
        out["context_extra"] = extra
    return out


def complete_judge_record(record: dict, name: str, line: int) -> dict:
    """A judge item (item_id, full context, draft, any gold fields) from one minimal judge record."""
    return _complete("JudgeDraft", "item_id", record, name, line)


def complete_score_record(record: dict, name: str, line: int) -> tuple[dict, str]:
    """(critic task, email) from one minimal score record; task fields not given take their defaults."""
    task = _complete("ScoreDraft", "task_id", record, name, line)
    email = task.pop("email")
    props = DRAFT_INPUT["$defs"]["ScoreDraft"]
    for field, spec in props["properties"].items():
        if field not in task and "default" in spec:
            task[field] = _default(props, field)
    return task, email
