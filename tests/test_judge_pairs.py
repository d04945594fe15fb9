"""Judge pairs: balanced by decision, rejected verdicts the item makes tempting, chosen and rejected differing
only in their DECISION and RULE lines, and no rationale that names how an item was built."""

import random
from collections import Counter

import pytest

from tenacious.bench import judge_pairs, rubric
from tenacious.bench.load import load_judge_items


@pytest.fixture(scope="module")
def train_items():
    return load_judge_items("train")


def _decision(completion: str) -> str:
    return completion.split("\n")[0].removeprefix("DECISION: ")


def _first(items, decision, n):
    return [i for i in items if i["gold_decision"] == decision][:n]


def test_rarer_decisions_are_repeated_to_within_one_and_a_half_times(train_items):
    # 6 PASS, 2 BLOCK, 1 ESCALATE: each rarer decision is cycled up to ceil(6 / 1.5) = 4 pairs
    items = _first(train_items, "PASS", 6) + _first(train_items, "BLOCK", 2) + _first(train_items, "ESCALATE", 1)
    pairs = judge_pairs.make_judge_pairs(items, random.Random(0))
    assert Counter(_decision(p["chosen"]) for p in pairs) == {"PASS": 6, "BLOCK": 4, "ESCALATE": 4}
    block = [i["item_id"] for i in items if i["gold_decision"] == "BLOCK"]
    assert [p["pair_id"] for p in pairs if p["source_id"] in block] == [
        f"judge-{block[0]}", f"judge-{block[0]}~2", f"judge-{block[1]}", f"judge-{block[1]}~2"]
    assert len({p["pair_id"] for p in pairs}) == len(pairs)


def test_the_train_split_is_balanced(train_items):
    counts = Counter(_decision(p["chosen"]) for p in judge_pairs.make_judge_pairs(train_items, random.Random(1)))
    assert set(counts) == set(rubric.DECISIONS)
    assert max(counts.values()) <= judge_pairs.MAX_IMBALANCE * min(counts.values())


def test_chosen_and_rejected_differ_only_in_decision_and_rule(train_items):
    for pair in judge_pairs.make_judge_pairs(train_items, random.Random(2)):
        chosen, rejected = pair["chosen"].split("\n"), pair["rejected"].split("\n")
        assert chosen[2:] == rejected[2:] == [f"RATIONALE: {judge_pairs.RATIONALE}"]
        assert chosen[0] != rejected[0] and chosen[0].startswith("DECISION: ")
        assert chosen[1].startswith("RULE: ") and rejected[1].startswith("RULE: ")


def test_no_rationale_names_the_construction_or_the_verdict():
    words = judge_pairs.RATIONALE.lower()
    for banned in ("twin", "honest", "violation", "probe", "construct", "gold", "near miss",
                   *(d.lower() for d in rubric.DECISIONS)):
        assert banned not in words


def test_rejected_verdicts_are_confusable_and_wrong(train_items):
    pairs = judge_pairs.make_judge_pairs(train_items, random.Random(3))
    by_id = {i["item_id"]: i for i in train_items}
    for pair in pairs:
        item = by_id[pair["source_id"]]
        decision, rule = _decision(pair["rejected"]), int(pair["rejected"].split("\n")[1].removeprefix("RULE: "))
        assert decision != item["gold_decision"]
        assert rule in judge_pairs.confusable(item)[decision] and rubric.rule(rule).decision == decision
    # the untrained judge's mistake (PASS on everything) is offered against every non-PASS item
    assert all("PASS" in judge_pairs.confusable(i) for i in train_items if i["gold_decision"] != "PASS")
    # both directions of severity occur
    assert {p["kind"] for p in pairs} == {"judge_over_caution", "judge_under_caution"}
    # a repeated item's copies go through its confusable decisions before any comes back
    seen: dict[str, list[str]] = {}
    for pair in pairs:
        seen.setdefault(pair["source_id"], []).append(_decision(pair["rejected"]))
    assert any(len(v) > 1 for v in seen.values())
    for source, decisions in seen.items():
        n = min(len(decisions), len(judge_pairs.confusable(by_id[source])))
        assert len(set(decisions[:n])) == n, (source, decisions)


def test_pairs_are_deterministic(train_items):
    make = judge_pairs.make_judge_pairs
    assert make(train_items[:40], random.Random(4)) == make(train_items[:40], random.Random(4))
