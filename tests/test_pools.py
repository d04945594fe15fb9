"""The critic's fixed pools: built from the sealed hand pairs alone, deterministic, ordered by the rubric as claimed."""

import pytest

from tenacious.bench import mutator, pools
from tenacious.bench.load import load_critic_heldout_pairs
from tenacious.bench.scorer import score


@pytest.fixture(scope="module")
def pairs():
    return load_critic_heldout_pairs()


def test_each_pool_holds_its_pair_and_a_bad_email_below_both(pairs):
    built = pools.fixed_pools(pairs)
    assert [p["pool_id"] for p in built] == sorted(p["pair_id"] for p in pairs)
    by_id = {p["pair_id"]: p for p in pairs}
    for pool in built:
        pair, roles = by_id[pool["pool_id"]], pool["roles"]
        assert sorted(roles) == sorted(pools.POOL_ROLES)
        email = dict(zip(roles, pool["emails"], strict=True))
        assert (email["strong"], email["flawed"]) == (pair["chosen"], pair["rejected"])
        assert pool["task"] == pair["task"] and pool["bad_kind"] in mutator.KINDS
        assert pool["reference_scores"] == [score(pair["task"], e)["overall"] for e in pool["emails"]]
        ref = dict(zip(roles, pool["reference_scores"], strict=True))
        assert ref["bad"] < min(ref["strong"], ref["flawed"])
    assert len({tuple(p["roles"]) for p in built}) > 1, "the listing order is shuffled, strong is not always first"


def test_a_pool_depends_on_its_pair_only(pairs):
    subset = pools.fixed_pools(pairs[3:5])
    assert subset == [pools.fixed_pool(p) for p in sorted(pairs[3:5], key=lambda p: p["pair_id"])]
    assert subset == [p for p in pools.fixed_pools(pairs) if p["pool_id"] in {q["pair_id"] for q in pairs[3:5]}]


def test_a_pair_no_mutation_can_worsen_is_refused(pairs, monkeypatch):
    monkeypatch.setattr(pools.mutator, "mutate", lambda kind, task, email, rng: None)
    with pytest.raises(pools.PoolError, match=r"no mutator kind scores below"):
        pools.fixed_pool(pairs[0])


def test_outcomes_on_hand_made_scores():
    reference = [0.5, 0.1, 0.9]
    assert pools.top1_correct([1.0, 0.0, 2.0], reference) and not pools.top1_correct([3.0, 0.0, 2.0], reference)
    assert pools.top1_correct([2.0, 0.0, 2.0], [0.9, 0.1, 0.9]), "ties to the earlier email, one of the rubric's best"
    assert pools.pairwise_outcomes([3.0, 0.0, 2.0], reference) == [True, False, True]
    assert pools.pairwise_outcomes([1.0, 1.0, 2.0], reference) == [False, True, True], "a tie is no preference"
    assert pools.pairwise_outcomes([1.0, 0.0], [0.5, 0.5]) == [], "the rubric cannot tell them apart"
    assert pools.prefers_strong(["bad", "flawed", "strong"], [9.0, 1.0, 2.0])
    assert not pools.prefers_strong(["bad", "flawed", "strong"], [9.0, 2.0, 2.0])
