"""ORPO preference pairs for the judge: the gold verdict vs a confusable wrong one, balanced by decision.

Three choices let a small judge learn the decision rather than something easier (issue 18):
- chosen and rejected differ only in their DECISION and RULE lines; both carry the same construction-neutral
  RATIONALE, so the odds ratio cannot be won on the rationale's wording;
- the rejected decision is one the item makes tempting: a rule whose premise is visible in it, or PASS (what
  an untrained judge answers everywhere), in both directions of severity;
- items of rarer decisions are repeated (each repeat with another confusable wrong answer) until no decision
  has more than `MAX_IMBALANCE` times the pairs of another, so the prior alone cannot win the pairs.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict

from tenacious.bench import facts, judge_rules, rubric, schema
from tenacious.bench.prompts import JUDGE_LABELS, format_judge_completion, judge_messages

MAX_IMBALANCE = 1.5  # the most pairs one gold decision may have per pair of another
# One rationale for every completion: names neither the item's construction nor the verdict.
RATIONALE = "The first rule whose premise the brief and draft meet decides."


def _tempting_rules(item: dict) -> list[int]:
    """Rules whose premise is visible in the item although they may not decide it (confusable verdicts)."""
    ctx, draft = item["context"], item["draft"]
    tempting = []
    if any(t["from"] != "agent" for t in ctx["prior_thread"]):
        tempting.append(3)
    if judge_rules.is_c_level(ctx["recipient"]["role"]) or ctx["headcount"] > facts.ESCALATION_HEADCOUNT:
        tempting.append(4)
    if judge_rules.THREAD_ID.search(draft):
        tempting.append(5)
    if "$" in draft or "round" in draft or "million" in draft:
        tempting += [6, 7]
    if ctx["prior_commitments"]:
        tempting.append(8)
    if judge_rules.peer_names(draft):
        tempting.append(9)
    if ctx["regulated"]:
        tempting.append(10)
    return tempting


def confusable(item: dict) -> dict[str, list[int]]:
    """Wrong decision -> the rules that could be cited for it: tempting rules, plus PASS for a non-PASS gold;
    every other decision (with all its rules) when the item tempts none."""
    gold = item["gold_decision"]
    out: dict[str, list[int]] = defaultdict(list)
    for number in _tempting_rules(item):
        if rubric.rule(number).decision != gold:
            out[rubric.rule(number).decision].append(number)
    if gold != "PASS":
        out["PASS"] = list(rubric.rules_deciding("PASS"))
    if not out:
        out = {d: list(rubric.rules_deciding(d)) for d in JUDGE_LABELS if d != gold}
    return {d: sorted(set(rules)) for d, rules in sorted(out.items())}


def balanced_copies(items: list[dict]) -> list[tuple[dict, int]]:
    """(item, copy number) for every pair to make: each decision's items cycled until it has at least
    ceil(largest count / MAX_IMBALANCE) pairs; file order, copies after their item."""
    by_decision: dict[str, list[dict]] = defaultdict(list)
    for item in items:
        by_decision[item["gold_decision"]].append(item)
    floor = math.ceil(max((len(v) for v in by_decision.values()), default=0) / MAX_IMBALANCE)
    copies: dict[str, int] = defaultdict(int)
    for group in by_decision.values():
        for k in range(max(len(group), floor)):
            copies[group[k % len(group)]["item_id"]] += 1
    return [(item, c) for item in items for c in range(copies[item["item_id"]])]


def _wrong_answer(rng: random.Random, item: dict, copy: int, order: list[str]) -> tuple[str, int]:
    """(decision, rule) of copy `copy`'s wrong verdict: the confusable decisions in a seeded order, cycled."""
    options = confusable(item)
    decision = order[copy % len(order)]
    return decision, rng.choice(options[decision])


def make_judge_pairs(items: list[dict], rng: random.Random) -> list[dict]:
    """Class-balanced ORPO pairs: one per item and copy (`balanced_copies`), rejected from `confusable`."""
    pairs, orders = [], {}
    for item, copy in balanced_copies(items):
        if item["item_id"] not in orders:
            orders[item["item_id"]] = rng.sample(sorted(confusable(item)), len(confusable(item)))
        decision, number = _wrong_answer(rng, item, copy, orders[item["item_id"]])
        gold = item["gold_decision"]
        kind = "judge_over_caution" if rubric.SEVERITY[decision] > rubric.SEVERITY[gold] else "judge_under_caution"
        pair = {
            "pair_id": f"judge-{item['item_id']}" + (f"~{copy + 1}" if copy else ""), "track": "judge",
            "source_id": item["item_id"], "kind": kind, "prompt_messages": judge_messages(item),
            "chosen": format_judge_completion(gold, item["gold_rule"], RATIONALE),
            "rejected": format_judge_completion(decision, number, RATIONALE),
            "margin": None, "template_id": item["template_id"],
        }
        schema.validate_preference_pair(pair)
        pairs.append(pair)
    return pairs
