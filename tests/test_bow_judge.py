"""The bag-of-words judge: learns surface wording from train, deterministic, clear misuse errors."""

import pytest

from tenacious import ablate
from tenacious.bench.bow_judge import BowJudge
from tenacious.bench.load import load_judge_items
from tenacious.bench.schema import validate_judge_trace


def _item(item_id: str, draft: str, gold: str) -> dict:
    """A hand-written item on top of a real held-out context (only the draft and gold differ)."""
    base = load_judge_items("heldout")[0]
    return {**base, "item_id": item_id, "draft": draft, "gold_decision": gold}


def test_it_learns_a_wording_cue_and_nothing_else():
    train = [_item(f"t{i}", f"Hi, {'our pilot' if i % 2 else 'a short call'} next week? Draft number {i}.",
                   "BLOCK" if i % 2 else "PASS") for i in range(20)]
    judge = BowJudge(seed=0).fit(train)
    probe = [_item("p1", "Hi, would our pilot work?", "BLOCK"), _item("p2", "Hi, a short call soon?", "PASS")]
    assert judge.predict(probe) == ["BLOCK", "PASS"]


def test_same_data_same_predictions():
    train, held = load_judge_items("train"), load_judge_items("heldout")
    assert BowJudge(seed=1).fit(train).predict(held) == BowJudge(seed=1).fit(train).predict(held)


def test_misuse_is_a_clear_error():
    with pytest.raises(RuntimeError, match="before fit"):
        BowJudge().predict([_item("x", "Hi", "PASS")])
    with pytest.raises(ValueError, match="two gold decisions"):
        BowJudge().fit([_item("x", "Hi", "PASS"), _item("y", "Hello", "PASS")])


def test_ablation_rows_are_valid_traces():
    train, held = load_judge_items("train"), load_judge_items("heldout")[:10]
    rows = ablate.judge_bag_of_words(train, held, seed=3)
    assert [r["item_id"] for r in rows] == [i["item_id"] for i in held]
    for row in rows:
        validate_judge_trace(row)
        assert row["condition"] == "bow" and row["forward_passes"] == 0
