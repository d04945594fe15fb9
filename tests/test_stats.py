"""Known-value checks for tenacious.stats: the paper's intervals and tests must match textbook numbers."""

from __future__ import annotations

import time

import numpy as np
import pytest

from tenacious import stats


def test_wilson_known_value():
    ci = stats.wilson_interval(52, 61)
    assert ci.point == pytest.approx(52 / 61)
    assert (round(ci.low, 3), round(ci.high, 3)) == (0.743, 0.920)
    assert ci.n == 61


def test_wilson_stays_in_unit_interval_at_extremes():
    assert stats.wilson_interval(0, 10).low == 0.0
    assert stats.wilson_interval(10, 10).high == 1.0
    assert 0.0 < stats.wilson_interval(10, 10).low < 1.0
    with pytest.raises(ValueError):
        stats.wilson_interval(1, 0)


def test_accuracy_counts_exact_matches():
    acc = stats.accuracy(["A", "B", "A", "C"], ["A", "B", "C", "C"])
    assert acc.point == 0.75
    assert acc.as_dict() == stats.wilson_interval(3, 4).as_dict()


def test_mcnemar_textbook_table():
    result = stats.mcnemar_from_counts(b=1, c=9)
    assert round(result.p_value, 4) == 0.0215  # 2 * (1 + 10) / 2**10


def test_mcnemar_from_correctness_vectors():
    # 5 both right, 1 only a right, 9 only b right, 2 both wrong
    a = [True] * 5 + [True] * 1 + [False] * 9 + [False] * 2
    b = [True] * 5 + [False] * 1 + [True] * 9 + [False] * 2
    result = stats.mcnemar_exact(a, b)
    assert (result.b, result.c, result.both_correct, result.both_wrong, result.n) == (1, 9, 5, 2, 17)
    assert round(result.p_value, 4) == 0.0215


def test_mcnemar_without_discordance_is_one():
    assert stats.mcnemar_exact([True, False, True], [True, False, True]).p_value == 1.0
    assert stats.mcnemar_from_counts(0, 0, both_correct=4).p_value == 1.0


def test_bootstrap_is_deterministic_per_seed():
    rng = np.random.default_rng(7)
    a, b = rng.random(52), rng.random(52)
    first = stats.paired_bootstrap(a, b, seed=3)
    assert first == stats.paired_bootstrap(a, b, seed=3)
    other = stats.paired_bootstrap(a, b, seed=4)
    assert (other.ci_low, other.ci_high) != (first.ci_low, first.ci_high)
    assert other.mean_delta == first.mean_delta  # the point estimate does not depend on the seed


def test_bootstrap_ci_covers_known_shift_and_excludes_zero():
    rng = np.random.default_rng(11)
    b = rng.normal(0.5, 0.1, size=200)
    a = b + 0.2 + rng.normal(0.0, 0.05, size=200)
    result = stats.paired_bootstrap(a, b, seed=0)
    assert result.ci_low < 0.2 < result.ci_high
    assert result.ci_low > 0
    assert result.p_one_sided == pytest.approx(1 / 10_001)  # no resample <= 0: only the +1 correction


def test_bootstrap_win_loss_tie_counts():
    result = stats.paired_bootstrap([1.0, 0.5, 0.2, 0.7, 0.7], [0.0, 0.5, 0.4, 0.1, 0.7], samples=100)
    assert (result.wins, result.losses, result.ties, result.n) == (2, 1, 2, 5)
    assert result.mean_delta == pytest.approx((1.0 - 0.2 + 0.6) / 5)
    assert result.samples == 100


def test_bootstrap_p_value_near_one_when_a_is_worse():
    result = stats.paired_bootstrap([0.0] * 20, [1.0] * 20, samples=500)
    assert result.p_one_sided == 1.0
    assert result.ci_high == -1.0


def test_bootstrap_rejects_unpaired_input():
    with pytest.raises(ValueError, match="length"):
        stats.paired_bootstrap([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="NaN"):
        stats.paired_bootstrap([1.0, float("nan")], [1.0, 2.0])


def test_bootstrap_is_fast():
    rng = np.random.default_rng(0)
    start = time.perf_counter()
    stats.paired_bootstrap(rng.random(52), rng.random(52), samples=10_000)
    assert time.perf_counter() - start < 1.0


def test_bootstrap_mean_ci_brackets_the_mean():
    values = np.random.default_rng(5).normal(0.6, 0.1, size=100)
    ci = stats.bootstrap_mean(values, seed=1)
    assert ci.low < ci.point < ci.high
    assert ci.point == pytest.approx(values.mean())


def test_confusion_matrix_rows_are_gold():
    matrix = stats.confusion_matrix(["A", "A", "B", "C"], ["A", "B", "B", "A"], labels=["A", "B", "C"])
    assert matrix == [[1, 1, 0], [0, 1, 0], [1, 0, 0]]
    with pytest.raises(ValueError, match="outside"):
        stats.confusion_matrix(["A"], ["Z"], labels=["A", "B"])


def test_per_class_prf_small_example():
    gold = ["A", "A", "A", "B", "B", "C"]
    pred = ["A", "A", "B", "B", "A", "B"]
    prf = stats.per_class_prf(gold, pred, labels=["A", "B", "C", "D"])
    assert prf["A"]["precision"] == pytest.approx(2 / 3)
    assert prf["A"]["recall"] == pytest.approx(2 / 3)
    assert prf["A"]["f1"] == pytest.approx(2 / 3)
    assert prf["B"]["precision"] == pytest.approx(1 / 3)
    assert prf["B"]["recall"] == pytest.approx(1 / 2)
    assert prf["B"]["f1"] == pytest.approx(0.4)
    # C occurs but is never predicted: precision undefined, recall 0
    assert prf["C"] == {"precision": None, "recall": 0.0, "f1": None, "support": 1, "predicted": 0}
    # D neither occurs nor is predicted: nothing is defined
    assert prf["D"] == {"precision": None, "recall": None, "f1": None, "support": 0, "predicted": 0}


def test_kappa_perfect_agreement_is_one():
    labels = ["PASS", "BLOCK", "SUPPRESS"]
    ratings = ["PASS", "BLOCK", "SUPPRESS", "PASS"]
    assert stats.cohen_kappa(ratings, ratings, labels) == 1.0


def test_kappa_textbook_value():
    # 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15 -> p_o = 0.7, p_e = 0.5, kappa = 0.4
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert stats.cohen_kappa(a, b, ["yes", "no"]) == pytest.approx(0.4)


def test_kappa_undefined_when_both_raters_constant_and_equal():
    assert stats.cohen_kappa(["PASS"] * 5, ["PASS"] * 5, ["PASS", "BLOCK"]) is None


def test_seed_spread():
    spread = stats.seed_spread({0: 0.70, 1: 0.74, 2: 0.72})
    assert spread.mean == pytest.approx(0.72)
    assert spread.sd == pytest.approx(0.02)
    assert (spread.min, spread.max, spread.n) == (0.70, 0.74, 3)
    single = stats.seed_spread([0.5])
    assert single.sd is None and single.n == 1
