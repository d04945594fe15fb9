"""Small, seeded statistics for the paper's tables: every estimate comes with its interval.

In the spirit of rliable: a point estimate alone hides how few held-out items stand behind it,
so each function returns the point together with its interval (or counts) as a frozen record.
Randomised procedures take an explicit seed or `numpy.random.Generator`, so the same inputs and
seed always give the same numbers. Undefined quantities (precision with no predictions, kappa
with no possible disagreement, a spread over one seed) are reported as None, never forced to 0 or 1.
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
class PairedBootstrap(_Record):
    """Paired comparison of condition a against condition b on the same items (delta = a - b)."""

    mean_delta: float
    ci_low: float
    ci_high: float
    p_one_sided: float  # H1: mean delta > 0; (1 + #{bootstrap delta <= 0}) / (samples + 1)
    wins: int  # items where a > b
    losses: int  # items where a < b
    ties: int  # items where a == b
    n: int
    samples: int
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


def _bootstrap_means(values: np.ndarray, samples: int, rng: np.random.Generator) -> np.ndarray:
    """Means of `samples` resamples (items drawn with replacement), in one vectorised draw."""
    if samples < 1:
        raise ValueError(f"samples must be >= 1, got {samples}")
    idx = rng.integers(0, values.size, size=(samples, values.size))
    return values[idx].mean(axis=1)


def bootstrap_mean(
    values: Sequence[float], samples: int = 10_000, seed: int | np.random.Generator = 0, alpha: float = 0.05
) -> Interval:
    """Mean of per-item scores with a percentile bootstrap CI over items (one condition's quality)."""
    _check_alpha(alpha)
    arr = _as_finite_1d(values, "values")
    means = _bootstrap_means(arr, samples, _rng(seed))
    low, high = np.quantile(means, [alpha / 2, 1 - alpha / 2])
    return Interval(point=float(arr.mean()), low=float(low), high=float(high), n=int(arr.size))


def paired_bootstrap(
    a: Sequence[float],
    b: Sequence[float],
    samples: int = 10_000,
    seed: int | np.random.Generator = 0,
    alpha: float = 0.05,
) -> PairedBootstrap:
    """Paired bootstrap over items of the mean difference a - b.

    Resampling item indices (not the two conditions separately) keeps each item's pairing, so
    item difficulty cancels. The CI is the percentile interval of the resampled mean deltas. The
    one-sided p-value for "a beats b" is (1 + #{resampled delta <= 0}) / (samples + 1): the +1 in
    numerator and denominator counts the observed sample as one of the resamples, so p is never
    reported as exactly 0 from a finite number of draws. Ties are exact float equality, which is
    what identical outputs scored by the deterministic scorer produce.
    """
    _check_alpha(alpha)
    arr_a = _as_finite_1d(a, "a")
    arr_b = _as_finite_1d(b, "b")
    if arr_a.size != arr_b.size:
        raise ValueError(f"paired samples differ in length: {arr_a.size} vs {arr_b.size}")
    delta = arr_a - arr_b
    boot = _bootstrap_means(delta, samples, _rng(seed))
    low, high = np.quantile(boot, [alpha / 2, 1 - alpha / 2])
    return PairedBootstrap(
        mean_delta=float(delta.mean()),
        ci_low=float(low),
        ci_high=float(high),
        p_one_sided=float((1 + np.count_nonzero(boot <= 0)) / (samples + 1)),
        wins=int(np.count_nonzero(delta > 0)),
        losses=int(np.count_nonzero(delta < 0)),
        ties=int(np.count_nonzero(delta == 0)),
        n=int(delta.size),
        samples=samples,
        alpha=alpha,
    )


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
