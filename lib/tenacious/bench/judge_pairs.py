"""ORPO preference pairs for the judge: the gold verdict with its reason vs a plausible wrong verdict.

The chosen answer cites what the gold was built from (the evidence span or context field); the
rejected answer is a wrong decision with the wrong-answer claim of its rule (bench.rubric), leaning
to over-caution where the item shows a tempting premise.
"""

from __future__ import annotations

import random

from tenacious.bench import facts, judge_rules, rubric, schema
from tenacious.bench.prompts import JUDGE_LABELS, format_judge_completion, judge_messages


def _tempting_rules(item: dict) -> list[int]:
    """Rules whose premise is visible in the item although they do not decide it (over-caution bait)."""
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


def rationale(item: dict) -> str:
    """The gold verdict's reason: the rule and the evidence the item was built on."""
    rule = rubric.rule(item["gold_rule"])
    evidence = item["evidence"]
    if rule.number == rubric.PASS_RULE:
        return f"No rule applies: {item['reason']}."
    where = (f"the brief's {evidence['field']} says {evidence['text']!r}" if "field" in evidence
             else f"the draft says {evidence['text']!r}")
    return f"Rule {rule.number} applies ({rule.name.replace('_', ' ')}): {where}."


def _wrong_answer(rng: random.Random, item: dict) -> tuple[str, int, str, str]:
    """(decision, rule, rationale, kind) of a plausible wrong verdict for `item`."""
    gold = item["gold_decision"]
    over = [d for d in JUDGE_LABELS if rubric.SEVERITY[d] > rubric.SEVERITY[gold]]
    under = [d for d in JUDGE_LABELS if rubric.SEVERITY[d] < rubric.SEVERITY[gold]]
    cautious = bool(over) and (not under or rng.random() < 0.5)
    if cautious:
        tempting = [r for r in _tempting_rules(item) if rubric.rule(r).decision in over]
        number = rng.choice(tempting or [r for d in over for r in rubric.rules_deciding(d)])
    else:
        decision = "PASS" if rng.random() < 0.6 else rng.choice(under)
        number = rng.choice(rubric.rules_deciding(decision))
    wrong = rubric.rule(number)
    claim = rng.choice(wrong.wrong_claims).format(channel=item["context"]["channel"])
    kind = "judge_over_caution" if rubric.SEVERITY[wrong.decision] > rubric.SEVERITY[gold] else "judge_under_caution"
    return wrong.decision, number, claim, kind


def make_judge_pairs(items: list[dict], rng: random.Random) -> list[dict]:
    """One ORPO pair per item; PASS items can only be judged over-cautiously, SUPPRESS ones only under."""
    pairs = []
    for item in items:
        decision, number, claim, kind = _wrong_answer(rng, item)
        pair = {
            "pair_id": f"judge-{item['item_id']}", "track": "judge", "source_id": item["item_id"], "kind": kind,
            "prompt_messages": judge_messages(item),
            "chosen": format_judge_completion(item["gold_decision"], item["gold_rule"], rationale(item)),
            "rejected": format_judge_completion(decision, number, claim),
            "margin": None, "template_id": item["template_id"],
        }
        schema.validate_preference_pair(pair)
        pairs.append(pair)
    return pairs
