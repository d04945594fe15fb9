"""Evaluation subsets: every stratum present, every case whole, the same subset every time."""

from collections import Counter

import pytest

from tenacious.bench.load import load_critic_tasks, load_judge_items
from tenacious.profiles import load_profile
from tenacious.subsets import critic_subset, judge_subset, stratified_subset


def _items(spec: dict[str, list[tuple[str, int]]]) -> list[dict]:
    """stratum -> [(probe, case size)]: item ids in file order, a case's items adjacent."""
    out = []
    for stratum, cases in spec.items():
        for k, (probe, size) in enumerate(cases):
            for j in range(size):
                out.append({"item_id": f"{stratum}-{k}-{j}", "case_id": f"{stratum}-{k}", "stratum": stratum,
                            "probe_id": probe})
    return out


def test_shares_by_largest_remainder_with_one_case_per_stratum():
    # 10 cases of 2 in BIG, one case of 2 in SMALL: n = 6 -> BIG 5.45 -> 5 (+ remainder), SMALL 0.55 -> 1
    items = _items({"BIG": [("A", 2)] * 5 + [("B", 2)] * 5, "SMALL": [("C", 2)]})
    subset = judge_subset(items, 6)
    assert Counter(i["stratum"] for i in subset) == {"BIG": 6, "SMALL": 2}
    # evenly spaced over BIG's probe-ordered cases: cases 0, 3, 6 (3 of 10 reach its 6 items)
    assert sorted({i["case_id"] for i in subset if i["stratum"] == "BIG"}) == ["BIG-0", "BIG-3", "BIG-6"]
    assert [i["item_id"] for i in subset] == [i["item_id"] for i in items if i in subset]  # file order kept


def test_a_case_is_never_split_and_the_subset_stays_near_n():
    items = _items({"X": [("A", 2), ("B", 1), ("A", 2), ("B", 2), ("A", 1)], "Y": [("A", 2)] * 4})
    for n in range(1, len(items)):
        subset = judge_subset(items, n)
        cases = Counter(i["case_id"] for i in subset)
        assert all(cases[c] == sum(i["case_id"] == c for i in items) for c in cases), n
        assert {i["stratum"] for i in subset} == {"X", "Y"}, n
        assert n <= len(subset) <= n + 2 * 2, n  # n + strata x the largest case


def test_all_records_for_zero_or_a_large_n_and_a_group_in_two_strata_is_refused():
    items = _items({"X": [("A", 2)], "Y": [("A", 1)]})
    assert judge_subset(items, 0) == items and judge_subset(items, 3) == items
    broken = [*items, {**items[0], "item_id": "stray", "stratum": "Y"}]
    with pytest.raises(ValueError, match="spans strata"):
        stratified_subset(broken, 2, stratum=lambda i: i["stratum"], group=lambda i: i["case_id"])


def test_cpu_profile_judge_subset_on_the_real_held_out_items():
    profile = load_profile("cpu")
    items = load_judge_items("heldout")
    subset = judge_subset(items, profile.ablate.max_judge_items)
    assert profile.ablate.max_judge_items >= 80 and len(subset) >= 80
    full = Counter(i["case_id"] for i in items)
    assert all(full[c] == k for c, k in Counter(i["case_id"] for i in subset).items())  # both rows of every case
    assert {i["stratum"] for i in subset} == {i["stratum"] for i in items}
    assert {i["probe_id"] for i in subset} == {i["probe_id"] for i in items}
    assert subset == judge_subset(load_judge_items("heldout"), profile.ablate.max_judge_items)  # deterministic


def test_cpu_profile_critic_subset_has_every_stratum():
    profile = load_profile("cpu")
    tasks = load_critic_tasks("heldout")
    subset = critic_subset(tasks, profile.ablate.max_critic_tasks)
    assert len(subset) == max(profile.ablate.max_critic_tasks, len({t["stratum"] for t in tasks}))
    assert {t["stratum"] for t in subset} == {t["stratum"] for t in tasks}
