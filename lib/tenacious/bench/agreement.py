"""Label agreement between independent labelers, as Cohen's kappa with undefined kept undefined.

A gold label is only as trustworthy as the agreement of a second, independent way of arriving at
it. For the judge, the generator's intended decision and the v2 rule engine are each compared
with `second_labeler` (an independent implementation of the rubric). For the critic, the intended
GOOD/BAD label of each filled style-guide template is compared with the scorer's verdict. Kappa is
multi-class; when it is 0/0 (both labelers constant on the same label) it is reported as null
with the reason, never forced to 1 (one of the published cards' flaws).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from tenacious import stats

_DECIMALS = 4
UNDEFINED_REASON = "undefined: expected agreement is 1 (both labelers constant on the same label), kappa is 0/0"


def kappa_entry(a: Sequence[Hashable], b: Sequence[Hashable], labels: Sequence[Hashable]) -> dict:
    """Kappa, observed agreement and the confusion matrix (rows = first labeler) for one comparison."""
    kappa = stats.cohen_kappa(a, b, labels)
    entry = {
        "n": len(a),
        "labels": list(labels),
        "observed_agreement": round(sum(x == y for x, y in zip(a, b)) / len(a), _DECIMALS),
        "kappa": None if kappa is None else round(kappa, _DECIMALS),
        "confusion": stats.confusion_matrix(a, b, labels),
    }
    if kappa is None:
        entry["kappa_undefined"] = UNDEFINED_REASON
    return entry


def by_split(pairs_by_split: dict[str, tuple[list, list]], labels: Sequence[Hashable]) -> dict:
    """One kappa entry per split plus one over all splits pooled."""
    out = {split: kappa_entry(a, b, labels) for split, (a, b) in sorted(pairs_by_split.items())}
    pooled_a = [x for split in sorted(pairs_by_split) for x in pairs_by_split[split][0]]
    pooled_b = [y for split in sorted(pairs_by_split) for y in pairs_by_split[split][1]]
    out["all"] = kappa_entry(pooled_a, pooled_b, labels)
    return out
