"""Label agreement between independent labelers, as Cohen's kappa with undefined kept undefined.

A gold label is only as trustworthy as the agreement of a second, independent way of arriving at
it. For the judge, gold is what each draft was built to be (judge_cases, hand_slice); the v2 rule
engine (a deterministic baseline) and `second_labeler` (an independent keyword reading of the
prompt) are each scored against gold, per split and per probe, and against each other. Below 1.0
is expected: it is where a labeler truly misses a paraphrase. For the critic, the intended
GOOD/BAD label of each filled style-guide template is compared with the scorer's verdict. Kappa is
multi-class; when it is 0/0 (both labelers constant on the same label) it is reported as null
with the reason, never forced to 1 (one of the published cards' flaws).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from tenacious import stats
from tenacious.bench import judge_rules, rubric, second_labeler, style_guide
from tenacious.bench.load import SPLITS
from tenacious.bench.scorer import score

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


# Scorer verdict GOOD at or above this overall. Any draft that fails a dimension is capped at
# scorer.FAIL_CAP (0.6) and a hard violation at scorer.HARD_CAP, so 0.7 sits between the caps and
# a clean draft: the verdict is "no dimension failed and most of the weight earned".
VERDICT_THRESHOLD = 0.7
CRITIC_LABELS = ("GOOD", "BAD")


def template_scores(tasks: Sequence[dict]) -> dict[str, list[float]]:
    """Scorer overall of the 12 GOOD and 12 BAD style-guide drafts filled for every task."""
    return {
        "GOOD": [score(task, email)["overall"] for task in tasks for _, email in style_guide.good_drafts(task)],
        "BAD": [score(task, email)["overall"] for task in tasks for _, email in style_guide.bad_drafts(task)],
    }


def critic_agreement(scores_by_split: dict[str, dict[str, list[float]]]) -> dict:
    """Intended GOOD/BAD of every filled style-guide template vs the scorer verdict, per split."""
    pairs = {}
    for split, scores in scores_by_split.items():
        intended = [label for label in CRITIC_LABELS for _ in scores[label]]
        verdict = ["GOOD" if s >= VERDICT_THRESHOLD else "BAD" for label in CRITIC_LABELS for s in scores[label]]
        pairs[split] = (intended, verdict)
    return {"threshold": VERDICT_THRESHOLD, "intended_vs_scorer": by_split(pairs, CRITIC_LABELS)}


def _per_probe(items: list[dict], labels: list[str]) -> dict:
    """Accuracy against gold per probe (and per authoring stratum), all splits pooled."""
    out: dict = {}
    for key in ("probe_id", "stratum"):
        groups: dict[str, list[bool]] = {}
        for item, label in zip(items, labels):
            groups.setdefault(item[key], []).append(label == item["gold_decision"])
        out[key] = {g: {"n": len(v), "accuracy": round(sum(v) / len(v), _DECIMALS)} for g, v in sorted(groups.items())}
    return out


def judge_agreement(items_by_split: dict[str, list[dict]]) -> dict:
    """Rule engine v2 and the second labeler against gold, and against each other, per split and probe."""
    gold_rules, gold_second, rules_second = {}, {}, {}
    everything, rules_all, second_all = [], [], []
    for split, items in items_by_split.items():
        second = [second_labeler.label(item) for item in items]
        rules = [judge_rules.decide(item, "v2")[0] for item in items]
        gold = [item["gold_decision"] for item in items]
        gold_rules[split], gold_second[split], rules_second[split] = (gold, rules), (gold, second), (rules, second)
        everything += items
        rules_all += rules
        second_all += second
    return {
        "gold": "by construction (the violation or honest twin each draft was written with)",
        "second_labeler": "tenacious.bench.second_labeler.label",
        "gold_vs_rules_v2": by_split(gold_rules, rubric.DECISIONS),
        "gold_vs_second": by_split(gold_second, rubric.DECISIONS),
        "rules_v2_vs_second": by_split(rules_second, rubric.DECISIONS),
        "rules_v2_by": _per_probe(everything, rules_all),
        "second_by": _per_probe(everything, second_all),
    }


_SPLIT_ORDER = (*SPLITS, "all")
COMPARISONS: dict[str, tuple[str, ...]] = {
    "critic": ("intended_vs_scorer",),
    "judge": ("gold_vs_rules_v2", "gold_vs_second", "rules_v2_vs_second"),
}


def summary_rows(report: dict, tracks: Sequence[str] = tuple(COMPARISONS)) -> list[dict]:
    """One flat row per (track, comparison, split) for tables; undefined kappa shows as 'undefined'."""
    return [
        {"track": track, "comparison": name, "split": split, "n": entry["n"],
         "observed agreement": entry["observed_agreement"],
         "kappa": "undefined" if entry["kappa"] is None else entry["kappa"]}
        for track in tracks for name in COMPARISONS[track]
        for split, entry in sorted(report[track][name].items(), key=lambda kv: _SPLIT_ORDER.index(kv[0]))
    ]
