"""SimPO preference pairs for the critic track (train/dev only; docs/design.md §5.2).

Two sources, both judged by the deterministic scorer so every kept pair has a measured margin:
(a) style-guide anchored: per task, the best-scoring GOOD draft against the worst-scoring BAD one;
(b) mutator-augmented: a strong GOOD draft against a copy corrupted along one dimension, kept only
    when the scorer confirms that the targeted dimension dropped.
Pairs carry the exact prompt messages training will use (tenacious.bench.prompts.critic_messages).
"""

from __future__ import annotations

import random

from tenacious.bench import mutator, style_guide
from tenacious.bench.prompts import critic_messages
from tenacious.bench.scorer import score

MIN_MARGIN = 0.30
STRONG_CHOSEN_MIN = 0.90  # a mutated draft is only informative if the original was clearly good


class PairShortageError(ValueError):
    """Not enough eligible pairs in the given tasks for the requested counts."""


def _ranked(task: dict, drafts: list[tuple[str, str]], rng: random.Random, best: bool) -> tuple[str, float]:
    """(email, overall) of the best (or worst) draft; ties broken by the rng so chosen drafts vary."""
    scored = [(score(task, email)["overall"], email) for _, email in drafts]
    target = max(s for s, _ in scored) if best else min(s for s, _ in scored)
    return rng.choice([email for s, email in scored if s == target]), target


def _pair(task: dict, kind: str, chosen: str, rejected: str, margin: float) -> dict:
    return {
        "pair_id": f"{task['task_id']}:{kind}",
        "track": "critic",
        "source_id": task["task_id"],
        "kind": kind,
        "prompt_messages": critic_messages(task),
        "chosen": chosen,
        "rejected": rejected,
        "margin": round(margin, 4),
        "template_id": task["template_id"],
    }


def candidate_pairs(task: dict, rng: random.Random) -> tuple[dict | None, list[dict]]:
    """All pairs one task can give: the style-anchored pair (or None) and its kept mutator pairs."""
    chosen, chosen_score = _ranked(task, style_guide.good_drafts(task), rng, best=True)
    rejected, rejected_score = _ranked(task, style_guide.bad_drafts(task), rng, best=False)
    style = None
    if chosen_score - rejected_score >= MIN_MARGIN:
        style = _pair(task, "style_anchor", chosen, rejected, chosen_score - rejected_score)
    mutants = []
    if chosen_score >= STRONG_CHOSEN_MIN:
        base = score(task, chosen)
        for kind in mutator.KINDS:
            result = mutator.mutate(kind, task, chosen, rng)
            if result is None:
                continue
            corrupted, target = result
            after = score(task, corrupted)
            margin = base["overall"] - after["overall"]
            if margin >= MIN_MARGIN and after["dimensions"][target] < base["dimensions"][target]:
                mutants.append(_pair(task, f"mutator:{kind}", chosen, corrupted, margin))
    return style, mutants


def make_critic_pairs(tasks: list[dict], rng: random.Random, n_style: int, n_mutator: int) -> list[dict]:
    """Exactly `n_style` style-anchored and `n_mutator` mutator pairs from `tasks`, sorted by pair_id.

    Style pairs: at most one per task, a seeded sample of the eligible tasks. Mutator pairs: drawn
    round-robin over the six corruption kinds (seeded order within each kind) so no single kind
    dominates. Raises PairShortageError when the tasks cannot supply the counts.
    """
    styles, by_kind = [], {kind: [] for kind in mutator.KINDS}
    for task in sorted(tasks, key=lambda t: t["task_id"]):
        style, mutants = candidate_pairs(task, rng)
        if style is not None:
            styles.append(style)
        for pair in mutants:
            by_kind[pair["kind"].split(":", 1)[1]].append(pair)
    available = sum(len(v) for v in by_kind.values())
    if len(styles) < n_style or available < n_mutator:
        raise PairShortageError(f"asked for {n_style} style + {n_mutator} mutator pairs; tasks give "
                                f"{len(styles)} style + {available} mutator pairs")
    chosen = rng.sample(styles, n_style)
    queues = {kind: rng.sample(pairs, len(pairs)) for kind, pairs in by_kind.items()}
    picked: list[dict] = []
    while len(picked) < n_mutator:
        for kind in mutator.KINDS:
            if queues[kind] and len(picked) < n_mutator:
                picked.append(queues[kind].pop())
    return sorted(chosen + picked, key=lambda p: p["pair_id"])
