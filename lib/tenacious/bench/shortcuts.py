"""Shortcut baselines for the critic track (issue 9, point 6): what a model gets without reading the task.

A trained critic has learned something only if it beats these:
* pick-the-shorter-email: on every preference pair, prefer the shorter of the two emails (also a ranker of the
  critic's fixed pools, `shorter_email_scores`);
* template filler: fill the 12 GOOD style-guide templates for a held-out task and keep the best one by
  the scorer (an upper bound for any system that only fills our own templates).
The coordinator wires the result into the data reports.
"""

from __future__ import annotations

from statistics import mean

from tenacious.bench import style_guide
from tenacious.bench.load import SPLITS
from tenacious.bench.scorer import score

HELDOUT_SPLIT = SPLITS[-1]  # "heldout": held-out tasks have no pairs, so the ceiling is measured there


def shorter_email_scores(emails: list[str]) -> list[float]:
    """The shortcut as a ranker (higher = preferred): minus each email's length in characters."""
    return [-float(len(e)) for e in emails]


def shorter_email_accuracy(pairs: list[dict]) -> dict:
    """Share of pairs whose chosen email is the strictly shorter one (ties count half)."""
    if not pairs:
        return {"n": 0, "accuracy": None}
    scored = [shorter_email_scores([p["chosen"], p["rejected"]]) for p in pairs]
    wins = sum(1.0 if chosen > rejected else 0.5 if chosen == rejected else 0.0 for chosen, rejected in scored)
    return {"n": len(pairs), "accuracy": round(wins / len(pairs), 4)}


def template_filler_ceiling(tasks: list[dict]) -> dict:
    """Best GOOD template per task, scored: mean overall, share exactly 1.0, and the lowest best score."""
    if not tasks:
        return {"n": 0, "mean": None, "share_at_1": None, "min": None}
    best = [max(score(task, email)["overall"] for _, email in style_guide.good_drafts(task))
            for task in sorted(tasks, key=lambda t: t["task_id"])]
    return {"n": len(best), "mean": round(mean(best), 4), "share_at_1": round(sum(b == 1.0 for b in best) / len(best), 4),
            "min": round(min(best), 4)}


def critic_shortcuts(tasks_by_split: dict, pairs_by_split: dict) -> dict:
    """Pick-the-shorter pair accuracy per split (and pooled) and the template-filler ceiling on held-out tasks."""
    shorter = {split: shorter_email_accuracy(pairs) for split, pairs in sorted(pairs_by_split.items())}
    shorter["all"] = shorter_email_accuracy([p for split in sorted(pairs_by_split) for p in pairs_by_split[split]])
    return {"shorter_email": shorter,
            "template_filler": template_filler_ceiling(tasks_by_split.get(HELDOUT_SPLIT, []))}
