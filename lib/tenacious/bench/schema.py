"""JSON Schemas for every record the benchmark writes or reads, with validators.

Plain JSON Schema dicts (draft 2020-12) are the single definition: the validators below use them,
and `export_json_schemas` publishes them under data/schema/ so a reader of the dataset can check
records without this package. Validation errors name the offending field path.
"""

from __future__ import annotations

from pathlib import Path

from jsonschema import Draft202012Validator

from tenacious import io
from tenacious.bench import facts, rubric, style_guide
from tenacious.bench.inputs import DRAFT_INPUT
from tenacious.bench.pools import POOL_ROLES
from tenacious.bench.scorer import DIMENSIONS, VIOLATION_FAMILIES

_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_CONF = {"enum": list(facts.CONFIDENCE_LEVELS)}
_STR = {"type": "string", "minLength": 1}
_STR_LIST = {"type": "array", "items": _STR}

PROSPECT_CONTEXT: dict = {
    "$schema": _DRAFT,
    "title": "ProspectContext",
    "type": "object",
    "additionalProperties": False,
    "required": ["prospect_id", "company", "domain", "industry", "regulated", "headcount", "hq_timezone",
                 "recipient", "segment", "segment_confidence", "ai_maturity", "signals", "funding",
                 "disqualifiers", "opt_out_channels", "channel", "thread_id", "prior_thread",
                 "prior_commitments", "bench"],
    "properties": {
        "prospect_id": _STR,
        "company": _STR,
        "domain": _STR,
        "industry": _STR,
        "regulated": {"type": "boolean"},
        "headcount": {"type": "integer", "minimum": 1},
        "hq_timezone": {"enum": sorted(facts.TIMEZONES)},
        "recipient": {
            "type": "object", "additionalProperties": False, "required": ["name", "role"],
            "properties": {"name": _STR, "role": {"enum": list(facts.ROLES)}, "title": _STR},
        },
        "segment": {"enum": list(facts.SEGMENT_IDS)},
        "segment_confidence": {"type": "number", "minimum": 0, "maximum": 1},
        "ai_maturity": {
            "type": "object", "additionalProperties": False, "required": ["score", "confidence"],
            "properties": {"score": {"type": "integer", "minimum": 0, "maximum": 3}, "confidence": _CONF},
        },
        "signals": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["kind", "text", "value", "confidence"],
            "properties": {"kind": {"enum": list(facts.SIGNAL_KINDS)}, "text": _STR,
                           "value": {"type": ["string", "number", "null"]}, "confidence": _CONF},
        }},
        "funding": {
            "type": "object", "additionalProperties": False, "required": ["stage", "amount_usd", "confidence"],
            "properties": {"stage": {"enum": sorted(facts.FUNDING_STAGES)},
                           "amount_usd": {"type": ["integer", "null"], "minimum": 0}, "confidence": _CONF},
        },
        "disqualifiers": {"type": "array", "items": {"enum": list(facts.DISQUALIFIERS)}},
        "opt_out_channels": {"type": "array", "items": {"enum": list(facts.CHANNELS)}},
        "channel": {"enum": list(facts.CHANNELS)},
        "thread_id": _STR,
        "prior_thread": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["from", "text"],
            "properties": {"from": _STR, "text": _STR},
        }},
        "prior_commitments": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["engineer", "stack", "until"],
            "properties": {"engineer": _STR, "stack": {"enum": list(facts.BENCH_STACKS)},
                           "until": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}},
        }},
        "bench": {"type": "object", "propertyNames": {"enum": list(facts.BENCH_STACKS)},
                  "additionalProperties": {"type": "integer", "minimum": 0}},
    },
}

GOALS: tuple[str, ...] = ("intro_call", "case_study", "bench_offer", "price_band", "check_back")
HAND_GOALS: tuple[str, ...] = ("pilot", "reply")  # asks only the hand-authored critic pairs make
# The strata, defined here only: ADV hand-written adversarial, PRG programmatic, SYN template-synthesised,
# TRC derived from logged threads (critic tasks all four, judge items all but ADV), HND the hand-written slice,
# IND the independently written slice (v0.3: writers who never saw the scorer or the rules; held out only).
STRATA: tuple[str, ...] = ("ADV", "PRG", "SYN", "TRC", "HND", "IND")
HAND_STRATUM = "HND"  # hand-authored (critic pairs and judge drafts)
INDEPENDENT_STRATUM = "IND"  # the third wording source (bench/independent.py), sealed in held-out
# How a judge item was authored, and the stratum each mode falls in.
AUTHORING_MODES: tuple[str, ...] = ("trace_derived", "programmatic", "template", "hand_authored", "independent")
STRATUM: dict[str, str] = {"trace_derived": "TRC", "programmatic": "PRG", "template": "SYN",
                           "hand_authored": HAND_STRATUM, "independent": INDEPENDENT_STRATUM}
_OFFER = {"oneOf": [{"type": "null"}, {
    "type": "object", "additionalProperties": False, "required": ["stack", "count"],
    "properties": {"stack": {"enum": list(facts.BENCH_STACKS)}, "count": {"type": "integer", "minimum": 1}},
}]}

CRITIC_TASK: dict = {
    "$schema": _DRAFT,
    "title": "CriticTask",
    "type": "object",
    "additionalProperties": False,
    "required": ["task_id", "template_id", "stratum", "context", "instruction", "goal", "needs_slot", "offer",
                 "style_guide_excerpts", "must_include", "must_not", "notes"],
    "properties": {
        "task_id": {"type": "string", "pattern": rf"^({'|'.join(STRATA)})-[A-Za-z0-9_-]+$"},
        "template_id": _STR,
        "stratum": {"enum": list(STRATA)},
        "context": PROSPECT_CONTEXT,
        "instruction": _STR,
        "goal": {"enum": [*GOALS, *HAND_GOALS]},
        "needs_slot": {"type": "boolean"},
        "offer": _OFFER,
        "style_guide_excerpts": {"type": "array", "minItems": 1, "items": {"enum": list(style_guide.RULE_IDS)}},
        "must_include": _STR_LIST,
        "must_not": _STR_LIST,
        "notes": {"type": "string"},
    },
}

# Where the gold decision comes from: a character span of the draft, or the context field that decides.
_EVIDENCE = {"oneOf": [
    {"type": "null"},
    {"type": "object", "additionalProperties": False, "required": ["start", "end", "text"],
     "properties": {"start": {"type": "integer", "minimum": 0}, "end": {"type": "integer", "minimum": 0},
                    "text": _STR}},
    {"type": "object", "additionalProperties": False, "required": ["field", "text"],
     "properties": {"field": {"enum": ["disqualifiers", "opt_out_channels", "recipient", "prior_thread"]},
                    "text": _STR}},
]}

JUDGE_ITEM: dict = {
    "$schema": _DRAFT,
    "title": "JudgeItem",
    "type": "object",
    "additionalProperties": False,
    "required": ["item_id", "case_id", "template_id", "probe_id", "authoring_mode", "stratum", "context", "draft",
                 "draft_kind", "kind", "gold_decision", "gold_rule", "evidence", "wording", "voice", "reason"],
    "properties": {
        "item_id": _STR,
        "case_id": _STR,
        "template_id": _STR,
        "probe_id": {"enum": [*rubric.PROBES, rubric.PASS_PROBE]},
        "authoring_mode": {"enum": list(AUTHORING_MODES)},
        "stratum": {"enum": [STRATUM[mode] for mode in AUTHORING_MODES]},
        "context": PROSPECT_CONTEXT,
        "draft": {"type": "string"},  # empty: nothing is sent (a suppressed send has no text)
        "draft_kind": {"enum": ["good", "bad"]},
        "kind": {"enum": ["violation", "twin", "clean"]},
        "gold_decision": {"enum": list(rubric.DECISIONS)},
        "gold_rule": {"type": "integer", "minimum": 1, "maximum": rubric.PASS_RULE},
        "evidence": _EVIDENCE,
        "wording": {"type": ["string", "null"]},
        "voice": _STR,
        "reason": _STR,
    },
}

_MESSAGE = {"type": "object", "additionalProperties": False, "required": ["role", "content"],
            "properties": {"role": {"enum": ["system", "user", "assistant"]}, "content": _STR}}

PREFERENCE_PAIR: dict = {
    "$schema": _DRAFT,
    "title": "PreferencePair",
    "type": "object",
    "additionalProperties": False,
    "required": ["pair_id", "track", "source_id", "kind", "prompt_messages", "chosen", "rejected", "margin",
                 "template_id"],
    "properties": {
        "pair_id": _STR,
        "track": {"enum": ["critic", "judge"]},
        "source_id": _STR,
        "kind": {"type": "string", "pattern": r"^(style_anchor|mutator:[a-z_]+|hand_authored|judge_[a-z_]+)$"},
        "prompt_messages": {"type": "array", "minItems": 2, "items": _MESSAGE},
        "chosen": _STR,
        "rejected": _STR,
        "margin": {"type": ["number", "null"]},
        "template_id": _STR,
    },
}

_COST = {
    "forward_passes": {"type": "integer", "minimum": 0},
    "generated_tokens": {"type": "integer", "minimum": 0},
    "wall_seconds": {"type": "number", "minimum": 0},
}
_DIMENSIONS = {"type": "object", "additionalProperties": False, "required": list(DIMENSIONS),
               "properties": {d: {"type": "number", "minimum": 0, "maximum": 1} for d in DIMENSIONS}}

CRITIC_TRACE: dict = {
    "$schema": _DRAFT,
    "title": "CriticAblationTrace",
    "type": "object",
    "additionalProperties": False,
    "required": ["item_id", "condition", "seed", "outputs", "candidate_scores", "selected_index", "score",
                 "forward_passes", "generated_tokens", "wall_seconds"],
    "properties": {
        "item_id": _STR,
        "condition": _STR,
        "seed": {"type": "integer"},
        "outputs": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "candidate_scores": {"type": "array", "items": {"type": "number"}},
        "selected_index": {"type": "integer", "minimum": 0},
        "score": {"type": "object", "additionalProperties": False, "required": ["overall", "dimensions"],
                  "properties": {"overall": {"type": "number", "minimum": 0, "maximum": 1}, "dimensions": _DIMENSIONS}},
        **_COST,
    },
}

# One ranker's scores of one fixed pool (tenacious.bench.pools): its emails in pool order, each email's role (the
# hand author's strong / flawed, the mutator's bad), the ranker's scores (higher = preferred) and the rubric's.
CRITIC_RANKING_TRACE: dict = {
    "$schema": _DRAFT,
    "title": "CriticRankingTrace",
    "type": "object",
    "additionalProperties": False,
    "required": ["item_id", "ranker", "seed", "roles", "emails", "scores", "reference_scores", "forward_passes",
                 "generated_tokens", "wall_seconds"],
    "properties": {
        "item_id": _STR,
        "ranker": _STR,
        "seed": {"type": "integer"},
        "roles": {"type": "array", "minItems": 2, "uniqueItems": True, "items": {"enum": list(POOL_ROLES)}},
        "emails": {"type": "array", "minItems": 2, "items": _STR},
        "scores": {"type": "array", "minItems": 2, "items": {"type": "number"}},
        "reference_scores": {"type": "array", "minItems": 2, "items": {"type": "number", "minimum": 0, "maximum": 1}},
        **_COST,
    },
}

JUDGE_TRACE: dict = {
    "$schema": _DRAFT,
    "title": "JudgeAblationTrace",
    "type": "object",
    "additionalProperties": False,
    "required": ["item_id", "condition", "seed", "predicted", "label_logprobs", "gold", "forward_passes",
                 "generated_tokens", "wall_seconds", "rationale"],
    "properties": {
        "item_id": _STR,
        "condition": _STR,
        "seed": {"type": "integer"},
        "predicted": {"enum": list(rubric.DECISIONS)},
        "label_logprobs": {"oneOf": [{"type": "null"}, {
            "type": "object", "additionalProperties": False,
            "propertyNames": {"enum": list(rubric.DECISIONS)},
            "patternProperties": {".*": {"type": "number"}},
        }]},
        "gold": {"enum": list(rubric.DECISIONS)},
        "rationale": {"type": ["string", "null"]},
        **_COST,
    },
}

# Raw, hand-authored inputs (data/raw/): partial contexts completed by the generators.
ADV_TASK_ROW: dict = {
    "$schema": _DRAFT,
    "title": "AdvTaskRow",
    "type": "object",
    "additionalProperties": False,
    "required": ["task_id", "template_id", "trap", "context", "instruction", "goal", "needs_slot", "offer",
                 "must_include", "must_not"],
    "properties": {
        "task_id": {"type": "string", "pattern": r"^ADV-\d{3}$"},
        "template_id": {"type": "string", "pattern": r"^ADV-[a-z0-9_]+$"},
        "trap": _STR,
        "context": {"type": "object", "propertyNames": {"enum": PROSPECT_CONTEXT["required"]}},
        "instruction": _STR,
        "goal": {"enum": list(GOALS)},
        "needs_slot": {"type": "boolean"},
        "offer": _OFFER,
        "must_include": _STR_LIST,
        "must_not": _STR_LIST,
    },
}

THREAD_ROW: dict = {
    "$schema": _DRAFT,
    "title": "LoggedThread",
    "type": "object",
    "additionalProperties": False,
    "required": ["thread_id", "context", "turns"],
    "properties": {
        "thread_id": {"type": "string", "pattern": r"^th-[a-z0-9-]+$"},
        "context": {"type": "object", "propertyNames": {"enum": PROSPECT_CONTEXT["required"]}},
        "turns": {"type": "array", "minItems": 2, "items": {
            "type": "object", "additionalProperties": False, "required": ["from", "text"],
            "properties": {
                "from": {"enum": ["agent", "prospect"]},
                "text": _STR,
                "intent": {"enum": ["interested", "reschedule", "price_question", "bench_question",
                                    "case_request", "soft_no"]},
                "offer": _OFFER,
                "must_not": _STR_LIST,
            },
        }},
    },
}

_PARTIAL_CONTEXT = {"type": "object", "propertyNames": {"enum": PROSPECT_CONTEXT["required"]}}

JUDGE_HAND_ROW: dict = {
    "$schema": _DRAFT,
    "title": "JudgeHandRow",
    "type": "object",
    "additionalProperties": False,
    "required": ["item_id", "case_id", "probe_id", "kind", "gold_decision", "voice", "evidence", "reason",
                 "context", "draft"],
    "properties": {
        "item_id": _STR,
        "case_id": _STR,
        "probe_id": {"enum": [*rubric.PROBES, rubric.PASS_PROBE]},
        "kind": {"enum": ["violation", "twin", "clean"]},
        "gold_decision": {"enum": list(rubric.DECISIONS)},
        "voice": _STR,
        "evidence": {"oneOf": [{"type": "null"}, _STR]},  # a verbatim substring of the draft
        "reason": _STR,
        "context": _PARTIAL_CONTEXT,
        "draft": _STR,
    },
}

_HAND_TASK = {
    "type": "object", "additionalProperties": False,
    "required": ["instruction", "goal", "needs_slot", "must_include", "must_not", "context"],
    "properties": {"instruction": _STR, "goal": {"enum": [*GOALS, *HAND_GOALS]}, "needs_slot": {"type": "boolean"},
                   "must_include": _STR_LIST, "must_not": _STR_LIST, "context": _PARTIAL_CONTEXT},
}
_HAND_PAIR_FIELDS = {
    "pair_id": {"type": "string", "pattern": r"^CHP-\d{3}$"},
    "template_id": _STR,
    "chosen": _STR,
    "rejected": _STR,
    "reason": _STR,
    "dimension": {"enum": ["signal_grounding", "tone", "icp_fit", "ai_maturity", "scheduling", "cap"]},
    "voice_chosen": _STR,
    "voice_rejected": _STR,
}

CRITIC_HAND_ROW: dict = {
    "$schema": _DRAFT,
    "title": "CriticHandRow",
    "type": "object",
    "additionalProperties": False,
    "required": ["pair_id", "template_id", "task", "chosen", "rejected", "reason", "dimension", "voice_chosen",
                 "voice_rejected"],
    "properties": {**_HAND_PAIR_FIELDS, "task": _HAND_TASK},
}

# A sealed held-out critic pair: a full task and two hand-written emails, the better one known.
CRITIC_HELDOUT_PAIR: dict = {
    "$schema": _DRAFT,
    "title": "CriticHeldoutPair",
    "type": "object",
    "additionalProperties": False,
    "required": ["pair_id", "template_id", "stratum", "task", "chosen", "rejected", "reason", "dimension",
                 "voice_chosen", "voice_rejected"],
    "properties": {**_HAND_PAIR_FIELDS, "stratum": {"const": HAND_STRATUM}, "task": CRITIC_TASK},
}

# The independent slice (data/raw/v3/critic_<voice>.jsonl): one scored email, good or bad by its writer's intent,
# a bad one with exactly one hard violation of a named family (scorer.VIOLATION_FAMILIES).
_INDEPENDENT_EMAIL_FIELDS = {
    "email_id": {"type": "string", "pattern": r"^V3-[A-Z0-9]+-e\d{3}$"},
    "voice": _STR,
    "label": {"enum": ["good", "bad"]},
    "violation": {"oneOf": [{"type": "null"}, {"enum": list(VIOLATION_FAMILIES)}]},
    "evidence": {"oneOf": [{"type": "null"}, _STR]},  # a verbatim substring of the email
    "reason": _STR,
    "email": _STR,
}
CRITIC_INDEPENDENT_ROW: dict = {
    "$schema": _DRAFT,
    "title": "CriticIndependentRow",
    "type": "object",
    "additionalProperties": False,
    "required": list(_INDEPENDENT_EMAIL_FIELDS) + ["task"],
    "properties": {**_INDEPENDENT_EMAIL_FIELDS, "task": _HAND_TASK},
}
# A sealed held-out scored email: the full task, the email and its writer's label (critic/heldout_emails.jsonl).
CRITIC_HELDOUT_EMAIL: dict = {
    "$schema": _DRAFT,
    "title": "CriticHeldoutEmail",
    "type": "object",
    "additionalProperties": False,
    "required": [*_INDEPENDENT_EMAIL_FIELDS, "stratum", "template_id", "task"],
    "properties": {**_INDEPENDENT_EMAIL_FIELDS, "stratum": {"const": INDEPENDENT_STRATUM}, "template_id": _STR,
                   "task": CRITIC_TASK},
}

SCHEMAS: dict[str, dict] = {
    "prospect_context": PROSPECT_CONTEXT,
    "critic_task": CRITIC_TASK,
    "judge_item": JUDGE_ITEM,
    "preference_pair": PREFERENCE_PAIR,
    "critic_trace": CRITIC_TRACE,
    "judge_trace": JUDGE_TRACE,
    "critic_ranking_trace": CRITIC_RANKING_TRACE,
    "adv_task_row": ADV_TASK_ROW,
    "thread_row": THREAD_ROW,
    "judge_hand_row": JUDGE_HAND_ROW,
    "critic_hand_row": CRITIC_HAND_ROW,
    "critic_heldout_pair": CRITIC_HELDOUT_PAIR,
    "critic_independent_row": CRITIC_INDEPENDENT_ROW,
    "critic_heldout_email": CRITIC_HELDOUT_EMAIL,
    "draft_input": DRAFT_INPUT,  # the minimal input of the `tenacious` command (tenacious.bench.inputs)
}
_VALIDATORS = {name: Draft202012Validator(schema) for name, schema in SCHEMAS.items()}


class SchemaError(ValueError):
    """A record does not match its schema; the message names the record kind and the field path."""


def validate(kind: str, record: dict) -> None:
    """Raise SchemaError naming the first invalid field (deepest path first, then sorted) of `record`."""
    errors = sorted(_VALIDATORS[kind].iter_errors(record),
                    key=lambda e: (-len(e.absolute_path), [str(p) for p in e.absolute_path], e.message))
    if errors:
        err = errors[0]
        path = "/".join(str(p) for p in err.absolute_path) or "<record>"
        raise SchemaError(f"{SCHEMAS[kind]['title']}: field '{path}': {err.message}")


def validate_prospect_context(record: dict) -> None:
    validate("prospect_context", record)


def validate_critic_task(record: dict) -> None:
    validate("critic_task", record)


def validate_judge_item(record: dict) -> None:
    """Schema, plus: a draft evidence span must be exactly the text it quotes."""
    validate("judge_item", record)
    evidence = record["evidence"]
    if evidence and "start" in evidence and record["draft"][evidence["start"]:evidence["end"]] != evidence["text"]:
        raise ValueError(f"evidence: draft[{evidence['start']}:{evidence['end']}] is not {evidence['text']!r}")


def validate_preference_pair(record: dict) -> None:
    validate("preference_pair", record)


def validate_critic_trace(record: dict) -> None:
    validate("critic_trace", record)


def validate_judge_trace(record: dict) -> None:
    validate("judge_trace", record)


def validate_critic_ranking_trace(record: dict) -> None:
    """Schema, plus: one role, one ranker score and one rubric score per email."""
    validate("critic_ranking_trace", record)
    n = len(record["emails"])
    for field in ("roles", "scores", "reference_scores"):
        if len(record[field]) != n:
            raise SchemaError(f"{CRITIC_RANKING_TRACE['title']}: field '{field}': {len(record[field])} entries for "
                              f"{n} emails")


def validate_ablation_trace(record: dict) -> None:
    """A trace line of either track: critic traces carry `outputs`, judge traces carry `predicted`."""
    validate("critic_trace" if "outputs" in record else "judge_trace", record)


def validate_adv_task_row(record: dict) -> None:
    validate("adv_task_row", record)


def validate_thread_row(record: dict) -> None:
    validate("thread_row", record)


def validate_critic_hand_row(record: dict) -> None:
    validate("critic_hand_row", record)


def validate_critic_heldout_pair(record: dict) -> None:
    validate("critic_heldout_pair", record)


def validate_critic_heldout_email(record: dict) -> None:
    validate("critic_heldout_email", record)


def export_json_schemas(out_dir: Path) -> list[Path]:
    """Write data/schema/<name>.schema.json for every schema (stable JSON); returns the paths written."""
    out_dir = Path(out_dir)
    paths = []
    for name in sorted(SCHEMAS):
        path = out_dir / f"{name}.schema.json"
        io.write_json(path, SCHEMAS[name])
        paths.append(path)
    return paths
