"""The hand-authored slice (stratum HND): judge drafts and critic email pairs written one by one.

Generated data can only test the wording its generators know; these rows were written by hand in
varied voices (data/raw/judge_hand*.jsonl, data/raw/critic_hand_pairs.jsonl). Gold is by intent:
each judge row names its probe, its kind (violation, honest twin, clean) and its decision with a
one-line reason, and is checked against the rubric (a violation takes its probe's decision, a twin
or a clean draft PASS), never relabelled. A brief names only the fields its case needs; the rest
take fixed, documented defaults (`context_defaults`), never a random draw, so a hand brief reads
the same in every build. Bad rows fail with file:line and the field.
"""

from __future__ import annotations

from pathlib import Path

from tenacious import io, paths
from tenacious.bench import critic_tasks, facts, probes, rubric, schema
from tenacious.bench.context import CONTEXT_FIELDS, bench_from_commitments, company_domain
from tenacious.bench.prompts import critic_messages

JUDGE_GLOB = "judge_hand*.jsonl"
CRITIC_FILE = "critic_hand_pairs.jsonl"
MODE = "hand_authored"


def context_defaults(context: dict, record_id: str) -> dict:
    """The values a hand brief gets for fields it leaves out: a plain, unremarkable prospect.

    Software, 150 people, Berlin, segment `abstain` at 0.5, AI maturity 1 (medium), bootstrapped with
    no amount, no signals, disqualifiers, opt-outs, thread or commitments, email; the domain follows
    the company name and the bench the commitments (context.company_domain, bench_from_commitments).
    """
    industry = context.get("industry", "software")
    return {
        "prospect_id": f"HND-{record_id}", "domain": company_domain(context.get("company", record_id)),
        "industry": industry, "regulated": industry in facts.REGULATED_INDUSTRIES, "headcount": 150,
        "hq_timezone": "Europe/Berlin", "segment": "abstain", "segment_confidence": 0.5,
        "ai_maturity": {"score": 1, "confidence": "medium"}, "signals": [],
        "funding": {"stage": "bootstrapped", "amount_usd": None, "confidence": "high"},
        "disqualifiers": [], "opt_out_channels": [], "channel": "email", "thread_id": f"th-hnd-{record_id.lower()}",
        "prior_thread": [], "prior_commitments": [],
        "bench": bench_from_commitments(context.get("prior_commitments", [])),
    }


def complete_context(context: dict, record_id: str) -> dict:
    """A full ProspectContext from a hand brief: its fields, the defaults for the rest, in schema order."""
    for field in ("company", "recipient"):
        if field not in context:
            raise ValueError(f"field 'context/{field}': required (a hand brief must name it)")
    full = {**context_defaults(context, record_id), **context}
    full = {key: full[key] for key in CONTEXT_FIELDS}
    try:
        schema.validate_prospect_context(full)
    except schema.SchemaError as exc:
        raise ValueError(f"context: {exc}") from exc
    return full


# --- judge drafts -----------------------------------------------------------------------------------


def judge_item(row: dict) -> dict:
    """One JudgeItem from a validated hand row (its case is its template group)."""
    probe, kind, draft = row["probe_id"], row["kind"], row["draft"]
    ctx = complete_context(row["context"], row["case_id"])
    if isinstance(row["evidence"], str):
        start = draft.find(row["evidence"])
        evidence = {"start": start, "end": start + len(row["evidence"]), "text": row["evidence"]}
    elif kind == "violation" and probe in rubric.CONTEXT_PROBES:
        spec = probes.SPECS[probe]  # the violation is in the brief field the probe names
        evidence = {"field": spec.evidence_field, "text": spec.field_text(ctx)}
    else:
        evidence = None
    item = {"item_id": row["item_id"], "case_id": row["case_id"], "template_id": row["case_id"], "probe_id": probe,
            "authoring_mode": MODE, "stratum": schema.HAND_STRATUM, "context": ctx, "draft": draft,
            "draft_kind": "bad" if kind == "violation" else "good", "kind": kind,
            "gold_decision": row["gold_decision"], "gold_rule": rubric.intended_rule(probe, kind),
            "evidence": evidence, "wording": None, "voice": row["voice"], "reason": row["reason"]}
    schema.validate_judge_item(item)
    return item


def _check_judge_row(row: dict, seen: set[str]) -> None:
    """Schema, then what the schema cannot say: unique id, gold by the rubric, evidence in the draft."""
    schema.validate("judge_hand_row", row)
    if row["item_id"] in seen:
        raise ValueError(f"field 'item_id': duplicate {row['item_id']!r}")
    seen.add(row["item_id"])
    probe, kind = row["probe_id"], row["kind"]
    intended = rubric.rule(rubric.intended_rule(probe, kind)).decision
    if row["gold_decision"] != intended:
        raise ValueError(f"field 'gold_decision': {row['gold_decision']} but a {kind} draft of {probe} "
                         f"is {intended} by the rubric")
    if isinstance(row["evidence"], str) and row["evidence"] not in row["draft"]:
        raise ValueError(f"field 'evidence': {row['evidence'][:60]!r} is not a substring of the draft")
    if row["evidence"] is None and kind == "violation" and probe not in rubric.CONTEXT_PROBES:
        raise ValueError(f"field 'evidence': a {probe} violation is in the draft and must quote it")
    ctx = complete_context(row["context"], row["case_id"])
    spec = probes.SPECS[probe]
    if kind == "violation" and probe in rubric.CONTEXT_PROBES and not spec.field_text(ctx):
        raise ValueError(f"field 'context/{spec.evidence_field}': empty, but the row is a {probe} violation")


def judge_items(raw_dir: Path | None = None) -> list[dict]:
    """Every hand-written judge item of data/raw/judge_hand*.jsonl, files in name order, rows in file order."""
    raw_dir = Path(raw_dir or paths.RAW_DIR)
    seen: set[str] = set()
    rows = [row for path in sorted(raw_dir.glob(JUDGE_GLOB))
            for row in io.read_jsonl(path, validate=lambda r: _check_judge_row(r, seen))]
    return [judge_item(row) for row in rows]


# --- critic pairs -----------------------------------------------------------------------------------


def critic_task(row: dict) -> dict:
    """The full CriticTask of a hand pair: its brief and lists, the style rules the shared policy picks."""
    spec = row["task"]
    ctx = complete_context(spec["context"], row["pair_id"])
    rules, _, _ = critic_tasks.task_policy(ctx, spec["goal"], spec["needs_slot"], None)
    task = {"task_id": f"HND-{row['pair_id']}", "template_id": row["template_id"], "stratum": schema.HAND_STRATUM,
            "context": ctx, "instruction": spec["instruction"], "goal": spec["goal"],
            "needs_slot": spec["needs_slot"], "offer": None, "style_guide_excerpts": rules,
            "must_include": spec["must_include"], "must_not": spec["must_not"], "notes": row["reason"]}
    schema.validate_critic_task(task)
    return task


def _check_critic_row(row: dict, seen: set[str]) -> None:
    schema.validate_critic_hand_row(row)
    if row["pair_id"] in seen:
        raise ValueError(f"field 'pair_id': duplicate {row['pair_id']!r}")
    seen.add(row["pair_id"])
    if row["chosen"].strip() == row["rejected"].strip():
        raise ValueError("field 'rejected': identical to 'chosen'")
    critic_task(row)


def critic_rows(raw_dir: Path | None = None) -> list[dict]:
    """The validated rows of data/raw/critic_hand_pairs.jsonl, in file order."""
    seen: set[str] = set()
    return io.read_jsonl(Path(raw_dir or paths.RAW_DIR) / CRITIC_FILE, validate=lambda r: _check_critic_row(r, seen))


def heldout_pair(row: dict) -> dict:
    """A sealed held-out record: the full task and both emails, for pair-ranking evaluation."""
    record = {"pair_id": row["pair_id"], "template_id": row["template_id"], "stratum": schema.HAND_STRATUM,
              "task": critic_task(row), "chosen": row["chosen"], "rejected": row["rejected"], "reason": row["reason"],
              "dimension": row["dimension"], "voice_chosen": row["voice_chosen"],
              "voice_rejected": row["voice_rejected"]}
    schema.validate_critic_heldout_pair(record)
    return record


def preference_pair(row: dict, margin: float) -> dict:
    """A train/dev SimPO pair in the generated pairs' format; `margin` is the scorer's reading of it."""
    task = critic_task(row)
    pair = {"pair_id": f"{task['task_id']}:{MODE}", "track": "critic", "source_id": task["task_id"], "kind": MODE,
            "prompt_messages": critic_messages(task), "chosen": row["chosen"], "rejected": row["rejected"],
            "margin": round(margin, 4), "template_id": row["template_id"]}
    schema.validate_preference_pair(pair)
    return pair
