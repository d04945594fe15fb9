"""Builders the v0.3 golden files share: a critic task from a brief's few fields, the kinds the scorer flags, and a
judge item for the rule engine (rounds 3 and 4 read the same Ashcombe Parcel brief)."""

from __future__ import annotations

import random

from tenacious.bench import independent, judge_rules, scorer
from tenacious.bench.context import make_context


def critic_task(context: dict, goal: str, instruction: str, needs_slot: bool = False) -> dict:
    """A critic task as the independent slice builds one from a brief's few fields."""
    row = {"email_id": "T-e1", "reason": "golden", "task": {"instruction": instruction, "goal": goal,
                                                             "needs_slot": needs_slot, "must_include": [],
                                                             "must_not": [], "context": context}}
    return independent.critic_task(row, "golden")


def kinds(task: dict, email: str) -> set[str]:
    return {v["kind"] for v in scorer.score(task, email)["violations"]}


SIGN = "\n\nKind regards,\nHanna Mulugeta\nTenacious"
SIGNALS = [{"kind": "tech_stack", "text": "Job ads mention a move of the parcel-tracking service to Kafka",
            "value": None, "confidence": "high"}]


def judge_item(draft: str, item_id: str = "T-1", **context) -> dict:
    base = dict(company="Ashcombe Parcel", industry="logistics", regulated=False, headcount=90,
                hq_timezone="Europe/London", recipient={"name": "Orla Finnegan", "role": "vp_eng"},
                segment="segment_1", prior_commitments=[], prior_thread=[], opt_out_channels=[], disqualifiers=[],
                funding={"stage": "series_a", "amount_usd": 11_000_000, "confidence": "high"}, signals=SIGNALS)
    base.update(context)
    return {"item_id": item_id, "context": make_context(random.Random(0), **base), "draft": draft}


def rule(draft: str, **context) -> int:
    """The rule that decides a draft to Orla (greeting and sign-off added)."""
    return judge_rules.decide(judge_item("Hi Orla,\n\n" + draft + SIGN, **context))[1]
