"""Small, seeded statistics for the paper's tables: every estimate comes with its interval.

In the spirit of rliable: a point estimate alone hides how few held-out items stand behind it,
so each function returns the point together with its interval (or counts) as a frozen record.
The method follows the sample size, because the paper's samples are small (4 critic tasks on the
cpu profile): paired deltas get an exact sign-flip test and its inverted interval below 20 items and
a BCa bootstrap above; nothing at all where n <= 2; Holm's adjustment within each family of tests;
Wilson intervals on every proportion. Randomised procedures take an explicit seed or
`numpy.random.Generator`, so the same inputs and seed always give the same numbers. Undefined
quantities (precision with no predictions, kappa with no possible disagreement, a spread over one
seed, an interval at n <= 2) are reported as None, never forced to 0 or 1.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import numpy as np
from scipy import stats as _scipy_stats


@dataclasses.dataclass(frozen=True)
class _Record:
    """Base for result records: `as_dict()` gives plain JSON-ready values for tables and numbers.json."""

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True)
class Interval(_Record):
    """A point estimate with its two-sided (1 - alpha) interval over `n` observations."""

    point: float
    low: float
    high: float
    n: int


@dataclasses.dataclass(frozen=True)
class MeanInterval(_Record):
    """A mean with its (1 - alpha) interval and how it was computed; no interval (None) where n <= 2."""

    point: float
    low: float | None
    high: float | None
    n: int
    method: str


@dataclasses.dataclass(frozen=True)
class PairedDelta(_Record):
    """Paired comparison of condition a against condition b on the same items (delta = a - b).

    The test is the sign-flip (paired permutation) test of the mean delta, two-sided: exact over all 2^n
    sign vectors below `EXACT_BELOW` items, Monte Carlo above; the interval inverts the exact test below
    `EXACT_BELOW` and is the BCa bootstrap above. Below `MIN_N` items neither is reported (None).
    """

    mean_delta: float
    ci_low: float | None
    ci_high: float | None
    p_two_sided: float | None
    wins: int  # items where a > b
    losses: int  # items where a < b
    ties: int  # items where a == b
    n: int
    method: str
    samples: int | None  # bootstrap resamples and random sign vectors; None when exact
    alpha: float


@dataclasses.dataclass(frozen=True)
class McNemar(_Record):
    """Exact McNemar test between two classifiers judged on the same items.

    `b` counts items only classifier a got right, `c` items only classifier b got right
    (the discordant cells of the textbook 2x2 table); the concordant cells carry no evidence.
    """

    b: int
    c: int
    both_correct: int
    both_wrong: int
    n: int
    p_value: float


@dataclasses.dataclass(frozen=True)
class SeedSpread(_Record):
    """Spread of one metric across training seeds; `sd` is the sample SD (ddof=1), None for one seed."""

    mean: float
    sd: float | None
    min: float
    max: float
    n: int


def _rng(seed: int | np.random.Generator) -> np.random.Generator:
    """Accept a seed or a caller-owned Generator, so callers can share one stream across calls."""
    return seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)


def _as_finite_1d(values: Sequence[float], name: str) -> np.ndarray:
    arr = np.asarray(values, dtype=float)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name}: expected a non-empty 1-D sequence, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name}: contains NaN or infinite values")
    return arr


def _check_alpha(alpha: float) -> None:
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must lie in (0, 1), got {alpha}")


# Below this many items the sign-flip test enumerates all 2^n sign vectors (2^19 sums: a few MB) and its
# inversion gives the interval; from it on, a seeded Monte Carlo test and the BCa bootstrap.
EXACT_BELOW = 20
# With n <= 2 items no test or interval is reported: the smallest attainable two-sided p is 2 / 2^n >= 0.5.
MIN_N = 3
METHOD_NONE = "none (n <= 2)"
METHOD_EXACT = "exact sign-flip test, interval by test inversion"
METHOD_BCA = "Monte Carlo sign-flip test, BCa bootstrap interval"
METHOD_T = "Student t interval"
METHOD_MEAN_BCA = "BCa bootstrap interval"


def _bootstrap_means(values: np.ndarray, samples: int, rng: np.random.Generator) -> np.ndarray:
    """Means of `samples` resamples (items drawn with replacement), in one vectorised draw."""
    if samples < 1:
        raise ValueError(f"samples must be >= 1, got {samples}")
    idx = rng.integers(0, values.size, size=(samples, values.size))
    return values[idx].mean(axis=1)


def _bca_bounds(values: np.ndarray, means: np.ndarray, alpha: float) -> tuple[float, float]:
    """Efron's bias-corrected and accelerated percentile bounds of the mean (Efron & Tibshirani 1993, 14.3).

    z0 from the share of resampled means below the observed one (ties count half, as scipy does), the
    acceleration from the jackknife; with no jackknife spread (all values equal) the acceleration is 0.
    """
    theta = values.mean()
    share = (np.count_nonzero(means < theta) + np.count_nonzero(means <= theta)) / (2 * means.size)
    share = min(max(share, 0.5 / means.size), 1 - 0.5 / means.size)  # keep z0 finite
    z0 = float(_scipy_stats.norm.ppf(share))
    jack = (values.sum() - values) / (values.size - 1)
    d = jack.mean() - jack
    denom = 6.0 * float(np.sum(d ** 2)) ** 1.5
    accel = float(np.sum(d ** 3)) / denom if denom > 0 else 0.0
    bounds = []
    for q in (alpha / 2, 1 - alpha / 2):
        z = z0 + float(_scipy_stats.norm.ppf(q))
        bounds.append(float(_scipy_stats.norm.cdf(z0 + z / (1 - accel * z))))
    low, high = np.quantile(means, bounds)
    return float(low), float(high)


def bca_interval(values: Sequence[float], samples: int = 10_000, seed: int | np.random.Generator = 0,
                 alpha: float = 0.05) -> Interval:
    """Mean with its BCa bootstrap interval over items (resamples drawn as scipy.stats.bootstrap draws them)."""
    _check_alpha(alpha)
    arr = _as_finite_1d(values, "values")
    if arr.size < 2:
        raise ValueError("bca_interval needs at least two values (the jackknife leaves one out)")
    low, high = _bca_bounds(arr, _bootstrap_means(arr, samples, _rng(seed)), alpha)
    return Interval(point=float(arr.mean()), low=low, high=high, n=int(arr.size))


def t_interval(values: Sequence[float], alpha: float = 0.05) -> Interval:
    """Mean with its Student t interval (for a handful of items, where a bootstrap has few distinct resamples)."""
    _check_alpha(alpha)
    arr = _as_finite_1d(values, "values")
    if arr.size < 2:
        raise ValueError("t_interval needs at least two values")
    half = float(_scipy_stats.t.ppf(1 - alpha / 2, arr.size - 1)) * float(arr.std(ddof=1)) / math.sqrt(arr.size)
    return Interval(point=float(arr.mean()), low=float(arr.mean()) - half, high=float(arr.mean()) + half,
                    n=int(arr.size))


def mean_interval(values: Sequence[float], samples: int = 10_000, seed: int | np.random.Generator = 0,
                  alpha: float = 0.05) -> MeanInterval:
    """Mean of per-item values (a score, seconds per item) with the interval its sample size supports.

    None for n <= 2, Student t below EXACT_BELOW items, BCa bootstrap from there on.
    """
    arr = _as_finite_1d(values, "values")
    if arr.size < MIN_N:
        return MeanInterval(point=float(arr.mean()), low=None, high=None, n=int(arr.size), method=METHOD_NONE)
    if arr.size < EXACT_BELOW:
        ci, method = t_interval(arr, alpha), METHOD_T
    else:
        ci, method = bca_interval(arr, samples, seed, alpha), METHOD_MEAN_BCA
    return MeanInterval(point=ci.point, low=ci.low, high=ci.high, n=ci.n, method=method)


def _tolerance(delta: np.ndarray) -> float:
    """Float slack when comparing permuted sums with the observed one (sums of the same terms in another order)."""
    return 1e-9 * max(1.0, float(np.abs(delta).sum()))


def _subset_sums(delta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sum and size of every subset of the items (2^n of each, the empty set first), built by doubling."""
    sums, sizes = np.zeros(1), np.zeros(1, dtype=np.int64)
    for x in delta:
        sums, sizes = np.concatenate([sums, sums + x]), np.concatenate([sizes, sizes + 1])
    return sums, sizes


def _check_exact(arr: np.ndarray) -> None:
    if arr.size >= EXACT_BELOW:
        raise ValueError(f"exact enumeration is for n < {EXACT_BELOW}; got n = {arr.size}")


def sign_flip_p(delta: Sequence[float]) -> float:
    """Exact two-sided sign-flip p of the mean delta: the share of the 2^n sign vectors whose |sum| is at
    least the observed |sum| (the observed vector counts). Under H0 each item's delta is symmetric about 0;
    flipping the items of a set F turns the sum T into T - 2 sum(F)."""
    arr = _as_finite_1d(delta, "delta")
    _check_exact(arr)
    observed = float(arr.sum())
    flipped = observed - 2 * _subset_sums(arr)[0]
    return float(np.count_nonzero(np.abs(flipped) >= abs(observed) - _tolerance(arr)) / flipped.size)


def sign_flip_interval(delta: Sequence[float], alpha: float = 0.05) -> tuple[float | None, float | None]:
    """The shifts mu the exact two-sided sign-flip test of (delta - mu) does not reject at alpha.

    Shifting by mu, the sign vector flipping the item set F has |sum| >= observed on one side exactly when
    mean(delta over F) <= mu (Hartigan 1969), so the interval runs from the k-th smallest to the k-th
    largest of the 2^n - 1 subset means, k = floor(alpha / 2 * 2^n). Where k = 0 (n <= 5 at alpha 0.05)
    no shift can be rejected and the interval is unbounded: (None, None).
    """
    _check_alpha(alpha)
    arr = _as_finite_1d(delta, "delta")
    _check_exact(arr)
    k = math.floor(alpha / 2 * 2 ** arr.size)
    if k == 0:
        return None, None
    sums, sizes = _subset_sums(arr)
    means = np.sort(sums[1:] / sizes[1:])  # index 0 is the empty set
    return float(means[k - 1]), float(means[means.size - k])


def _monte_carlo_sign_flip_p(delta: np.ndarray, samples: int, rng: np.random.Generator) -> float:
    """(1 + #{random sign vectors with |sum| >= observed}) / (samples + 1): never exactly 0."""
    signs = rng.choice(np.array([-1.0, 1.0]), size=(samples, delta.size))
    extreme = np.count_nonzero(np.abs(signs @ delta) >= abs(float(delta.sum())) - _tolerance(delta))
    return float((1 + extreme) / (samples + 1))


def paired_delta(a: Sequence[float], b: Sequence[float], samples: int = 10_000,
                 seed: int | np.random.Generator = 0, alpha: float = 0.05) -> PairedDelta:
    """Mean paired difference a - b over the same items, with the test and interval its n supports.

    n <= 2: no p and no interval. 3 <= n < EXACT_BELOW: the exact sign-flip test and its inversion
    (at n = 4 the smallest two-sided p is 2/16 = 0.125, and no 95 % interval is bounded). n >= EXACT_BELOW:
    a Monte Carlo sign-flip test and the BCa bootstrap interval, both from one seeded stream. Pairing by
    item keeps item difficulty out of the comparison; ties are exact float equality (the deterministic
    scorer gives identical outputs identical scores).
    """
    _check_alpha(alpha)
    arr_a = _as_finite_1d(a, "a")
    arr_b = _as_finite_1d(b, "b")
    if arr_a.size != arr_b.size:
        raise ValueError(f"paired samples differ in length: {arr_a.size} vs {arr_b.size}")
    delta = arr_a - arr_b
    counts = {"wins": int(np.count_nonzero(delta > 0)), "losses": int(np.count_nonzero(delta < 0)),
              "ties": int(np.count_nonzero(delta == 0)), "n": int(delta.size)}
    if delta.size < MIN_N:
        low = high = p = used = None
        method = METHOD_NONE
    elif delta.size < EXACT_BELOW:
        (low, high), p, used, method = sign_flip_interval(delta, alpha), sign_flip_p(delta), None, METHOD_EXACT
    else:
        rng = _rng(seed)
        low, high = _bca_bounds(delta, _bootstrap_means(delta, samples, rng), alpha)
        p, used, method = _monte_carlo_sign_flip_p(delta, samples, rng), samples, METHOD_BCA
    return PairedDelta(mean_delta=float(delta.mean()), ci_low=low, ci_high=high, p_two_sided=p, **counts,
                       method=method, samples=used, alpha=alpha)


def holm(p_values: Mapping[Hashable, float | None]) -> dict[Hashable, float | None]:
    """Holm's step-down adjustment over one family of tests; undefined p-values (None) stay None and do
    not count towards the family size. The adjusted p of the i-th smallest of m is
    max over j <= i of min(1, (m - j + 1) p_(j)), so the order of the raw p-values is kept."""
    defined = sorted((p, str(key), key) for key, p in p_values.items() if p is not None)
    out: dict[Hashable, float | None] = dict.fromkeys(p_values)
    running = 0.0
    for i, (p, _, key) in enumerate(defined):
        running = max(running, min(1.0, (len(defined) - i) * p))
        out[key] = running
    return out


def wilson_interval(successes: int, n: int, alpha: float = 0.05) -> Interval:
    """Wilson score interval for a proportion: unlike the Wald interval it stays inside [0, 1]
    and keeps its coverage at the small n and extreme accuracies of per-probe tables."""
    _check_alpha(alpha)
    if n <= 0:
        raise ValueError(f"n must be positive, got {n}")
    if not 0 <= successes <= n:
        raise ValueError(f"successes must lie in [0, n], got {successes} of {n}")
    z = float(_scipy_stats.norm.ppf(1 - alpha / 2))
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    # At 0 or n successes the bound is exactly 0 or 1; set it so float rounding cannot leave 0.9999999999999999.
    low = 0.0 if successes == 0 else centre - half
    high = 1.0 if successes == n else centre + half
    return Interval(point=p, low=low, high=high, n=n)


def accuracy(gold: Sequence[Hashable], pred: Sequence[Hashable], alpha: float = 0.05) -> Interval:
    """Exact-match accuracy of predicted labels with its Wilson interval."""
    if len(gold) != len(pred):
        raise ValueError(f"gold and pred differ in length: {len(gold)} vs {len(pred)}")
    correct = sum(g == p for g, p in zip(gold, pred))
    return wilson_interval(correct, len(gold), alpha)


def mcnemar_from_counts(b: int, c: int, both_correct: int = 0, both_wrong: int = 0) -> McNemar:
    """Exact McNemar from the 2x2 cells: under H0 the b + c discordant items split Binomial(b + c, 1/2).

    With no discordant items there is no evidence either way, so p = 1.
    """
    if min(b, c, both_correct, both_wrong) < 0:
        raise ValueError("2x2 cell counts must be non-negative")
    discordant = b + c
    p_value = 1.0 if discordant == 0 else float(_scipy_stats.binomtest(b, discordant, 0.5).pvalue)
    return McNemar(
        b=b, c=c, both_correct=both_correct, both_wrong=both_wrong, n=discordant + both_correct + both_wrong,
        p_value=p_value,
    )


def mcnemar_exact(correct_a: Sequence[bool], correct_b: Sequence[bool]) -> McNemar:
    """Exact two-sided McNemar test between two classifiers from their per-item correctness."""
    if len(correct_a) != len(correct_b):
        raise ValueError(f"paired samples differ in length: {len(correct_a)} vs {len(correct_b)}")
    pairs = [(bool(x), bool(y)) for x, y in zip(correct_a, correct_b)]
    return mcnemar_from_counts(
        b=pairs.count((True, False)),
        c=pairs.count((False, True)),
        both_correct=pairs.count((True, True)),
        both_wrong=pairs.count((False, False)),
    )


def _label_index(labels: Sequence[Hashable], name: str, values: Sequence[Hashable]) -> list[int]:
    """Map values to label positions; an unknown label is an error rather than a silently dropped item."""
    if len(set(labels)) != len(labels):
        raise ValueError(f"labels contain duplicates: {list(labels)}")
    position = {label: i for i, label in enumerate(labels)}
    unknown = sorted({str(v) for v in values if v not in position})
    if unknown:
        raise ValueError(f"{name} contains labels outside {list(labels)}: {unknown}")
    return [position[v] for v in values]


def confusion_matrix(
    gold: Sequence[Hashable], pred: Sequence[Hashable], labels: Sequence[Hashable]
) -> list[list[int]]:
    """Counts with rows = gold label and columns = predicted label, both in `labels` order."""
    if len(gold) != len(pred):
        raise ValueError(f"gold and pred differ in length: {len(gold)} vs {len(pred)}")
    gold_idx = _label_index(labels, "gold", gold)
    pred_idx = _label_index(labels, "pred", pred)
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold_idx, pred_idx):
        matrix[g][p] += 1
    return matrix


def per_class_prf(
    gold: Sequence[Hashable], pred: Sequence[Hashable], labels: Sequence[Hashable]
) -> dict[Hashable, dict[str, float | int | None]]:
    """Precision, recall, F1, support (gold count) and predicted count for each label.

    Precision is None when the label was never predicted and recall None when it never occurs in
    gold; F1 is None when either is, so no table shows a number built on an undefined component.
    """
    matrix = confusion_matrix(gold, pred, labels)
    out: dict[Hashable, dict[str, float | int | None]] = {}
    for i, label in enumerate(labels):
        tp = matrix[i][i]
        support = sum(matrix[i])
        predicted = sum(row[i] for row in matrix)
        precision = tp / predicted if predicted else None
        recall = tp / support if support else None
        if precision is None or recall is None:
            f1 = None
        else:
            f1 = 0.0 if tp == 0 else 2 * precision * recall / (precision + recall)
        out[label] = {"precision": precision, "recall": recall, "f1": f1, "support": support, "predicted": predicted}
    return out


def per_class_wilson(gold: Sequence[Hashable], pred: Sequence[Hashable], labels: Sequence[Hashable],
                     alpha: float = 0.05) -> dict[Hashable, dict[str, dict | None]]:
    """Wilson intervals of each label's precision (tp of predicted) and recall (tp of gold support);
    None where the label was never predicted (precision) or never occurs in gold (recall)."""
    matrix = confusion_matrix(gold, pred, labels)
    out: dict[Hashable, dict[str, dict | None]] = {}
    for i, label in enumerate(labels):
        tp, support, predicted = matrix[i][i], sum(matrix[i]), sum(row[i] for row in matrix)
        out[label] = {"precision": wilson_interval(tp, predicted, alpha).as_dict() if predicted else None,
                      "recall": wilson_interval(tp, support, alpha).as_dict() if support else None}
    return out


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable], labels: Sequence[Hashable]) -> float | None:
    """Cohen's kappa between two raters over any number of labels.

    Computed from integer counts, so the undefined case is detected exactly: when expected
    agreement is 1 (both raters constant on the same label) kappa is 0/0 and None is returned.
    """
    if len(a) == 0:
        raise ValueError("cohen_kappa needs at least one item")
    matrix = confusion_matrix(a, b, labels)
    n = len(a)
    observed = sum(matrix[i][i] for i in range(len(labels)))
    expected_num = sum(sum(matrix[i]) * sum(row[i] for row in matrix) for i in range(len(labels)))
    if expected_num == n * n:
        return None
    return (n * observed - expected_num) / (n * n - expected_num)


def seed_spread(values_by_seed: Mapping[Any, float] | Sequence[float]) -> SeedSpread:
    """Mean, sample SD, min and max of one metric over seeds (a mapping seed -> value, or a list)."""
    values = list(values_by_seed.values()) if isinstance(values_by_seed, Mapping) else list(values_by_seed)
    arr = _as_finite_1d(values, "values_by_seed")
    return SeedSpread(
        mean=float(arr.mean()),
        sd=float(arr.std(ddof=1)) if arr.size > 1 else None,
        min=float(arr.min()),
        max=float(arr.max()),
        n=int(arr.size),
    )
