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


def test_sign_flip_four_positive_deltas_by_hand():
    # all 4 positive: only ++++ and ---- reach |sum| >= observed, 2 of 2^4 sign vectors
    assert stats.sign_flip_p([0.1, 0.2, 0.3, 0.4]) == 0.125
    assert stats.sign_flip_p([1.0, 1.0, 1.0, 1.0]) == 0.125
    # 3, 2, 1, -1 (sum 5): |sum| >= 5 for signs ++++ (5), +++- (7), ++-- (5) and their three mirrors
    assert stats.sign_flip_p([3.0, 2.0, 1.0, -1.0]) == 6 / 16
    assert stats.sign_flip_p([0.0, 0.0, 0.0]) == 1.0


def test_sign_flip_matches_scipy_permutation_test():
    scipy_stats = pytest.importorskip("scipy.stats")
    rng = np.random.default_rng(2)
    for delta in ([0.3, -0.1, 0.5, 0.2, 0.05, 0.4, -0.2, 0.6], list(rng.normal(0.2, 1, 12))):
        exact = scipy_stats.permutation_test((np.array(delta),), np.mean, permutation_type="samples",
                                             n_resamples=np.inf, vectorized=True)
        assert stats.sign_flip_p(delta) == pytest.approx(exact.pvalue, rel=1e-12)


def test_sign_flip_interval_by_hand_and_by_inversion():
    # n = 6: k = floor(0.025 * 64) = 1, so the interval is the smallest and largest subset mean
    assert stats.sign_flip_interval([1, 2, 3, 4, 5, 6]) == (1.0, 6.0)
    # n = 7: k = 3; the three smallest subset means of 1..7 are 1 {1}, 1.5 {1,2}, 2 {2}: symmetric above
    assert stats.sign_flip_interval([1, 2, 3, 4, 5, 6, 7]) == (2.0, 6.0)
    # n <= 5: the smallest two-sided p is 2/2^n > 0.05, so no shift is rejected: unbounded
    assert stats.sign_flip_interval([0.1, 0.2, 0.3, 0.4, 0.5]) == (None, None)
    delta = np.array([0.3, -0.1, 0.5, 0.2, 0.05, 0.4, -0.2, 0.6])
    low, high = stats.sign_flip_interval(delta)
    kept = [mu for mu in np.linspace(-1, 1, 2001) if stats.sign_flip_p(delta - mu) > 0.05]
    assert low <= min(kept) < low + 0.001 and high - 0.001 < max(kept) <= high


def test_bca_matches_scipy_on_the_same_resamples():
    scipy_stats = pytest.importorskip("scipy.stats")
    values = np.random.default_rng(3).exponential(1.0, 30)
    ours = stats.bca_interval(values, samples=4000, seed=7)
    theirs = scipy_stats.bootstrap((values,), np.mean, n_resamples=4000, method="BCa", batch=None,
                                   vectorized=True, rng=np.random.default_rng(7)).confidence_interval
    assert (ours.low, ours.high) == (pytest.approx(theirs.low, rel=1e-9), pytest.approx(theirs.high, rel=1e-9))
    assert ours.point == pytest.approx(values.mean())


def test_paired_delta_method_follows_n():
    few = stats.paired_delta([1.0, 0.5], [0.0, 0.5])
    assert (few.p_two_sided, few.ci_low, few.ci_high, few.method) == (None, None, None, stats.METHOD_NONE)
    assert (few.wins, few.losses, few.ties, few.n) == (1, 0, 1, 2)
    four = stats.paired_delta([0.2, 0.3, 0.4, 0.5], [0.1, 0.1, 0.1, 0.1])
    assert four.p_two_sided == 0.125 and (four.ci_low, four.ci_high) == (None, None)
    assert four.method == stats.METHOD_EXACT and four.samples is None
    assert four.mean_delta == pytest.approx(0.25)
    rng = np.random.default_rng(11)
    b = rng.normal(0.5, 0.1, size=200)
    a = b + 0.2 + rng.normal(0.0, 0.05, size=200)
    many = stats.paired_delta(a, b, samples=2000, seed=0)
    assert many.method == stats.METHOD_BCA and many.samples == 2000
    assert 0 < many.ci_low < 0.2 < many.ci_high
    assert many.p_two_sided == pytest.approx(1 / 2001)  # no random sign vector reaches it: only the +1


def test_paired_delta_is_deterministic_per_seed():
    rng = np.random.default_rng(7)
    a, b = rng.random(52), rng.random(52)
    first = stats.paired_delta(a, b, seed=3)
    assert first == stats.paired_delta(a, b, seed=3)
    other = stats.paired_delta(a, b, seed=4)
    assert (other.ci_low, other.ci_high) != (first.ci_low, first.ci_high)
    assert other.mean_delta == first.mean_delta  # the point estimate does not depend on the seed


def test_paired_delta_rejects_unpaired_input():
    with pytest.raises(ValueError, match="length"):
        stats.paired_delta([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="NaN"):
        stats.paired_delta([1.0, float("nan")], [1.0, 2.0])


def test_paired_delta_is_fast_at_both_ends():
    rng = np.random.default_rng(0)
    start = time.perf_counter()
    stats.paired_delta(rng.random(19), rng.random(19))  # 2^19 sign vectors
    stats.paired_delta(rng.random(52), rng.random(52), samples=10_000)
    assert time.perf_counter() - start < 2.0


def test_mean_interval_follows_n():
    assert stats.mean_interval([0.4]).as_dict() == {"point": 0.4, "low": None, "high": None, "n": 1,
                                                    "method": stats.METHOD_NONE}
    # t interval by hand: mean 2, sd 1, n 3, t(0.975, 2) = 4.302652729911275
    small = stats.mean_interval([1.0, 2.0, 3.0])
    assert small.method == stats.METHOD_T
    half = 4.302652729911275 / 3 ** 0.5
    assert (small.low, small.high) == (pytest.approx(2 - half), pytest.approx(2 + half))
    values = np.random.default_rng(5).normal(0.6, 0.1, size=100)
    large = stats.mean_interval(values, samples=2000, seed=1)
    assert large.method == stats.METHOD_MEAN_BCA and large.low < large.point < large.high
    assert (large.low, large.high) == (stats.bca_interval(values, 2000, 1).low, stats.bca_interval(values, 2000, 1).high)


def test_holm_by_hand_and_against_statsmodels():
    raw = {"a": 0.01, "b": 0.04, "c": 0.03, "d": 0.005, "none": None}
    # sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 -> 0.02, 0.03, 0.06, max(0.06, 0.04)
    assert stats.holm(raw) == {"a": 0.03, "b": 0.06, "c": 0.06, "d": 0.02, "none": None}
    assert stats.holm({"x": 0.6, "y": 0.7}) == {"x": 1.0, "y": 1.0}
    multitest = pytest.importorskip("statsmodels.stats.multitest")
    p = [0.01, 0.04, 0.03, 0.005, 0.2]
    expected = multitest.multipletests(p, method="holm")[1]
    assert list(stats.holm(dict(enumerate(p))).values()) == pytest.approx(list(expected))


def test_per_class_wilson_intervals():
    gold = ["A", "A", "A", "B", "B", "C"]
    pred = ["A", "A", "B", "B", "A", "B"]
    ci = stats.per_class_wilson(gold, pred, labels=["A", "B", "C", "D"])
    assert ci["A"]["precision"] == stats.wilson_interval(2, 3).as_dict()
    assert ci["B"]["recall"] == stats.wilson_interval(1, 2).as_dict()
    assert ci["C"] == {"precision": None, "recall": stats.wilson_interval(0, 1).as_dict()}
    assert ci["D"] == {"precision": None, "recall": None}


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
