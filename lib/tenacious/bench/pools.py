"""Fixed candidate pools for the critic (issue 18): re-ranking emails no generator wrote, from held-out material only.

A critic_rs pool is whatever the base model happens to sample; a fixed pool isolates the critic's judgement. Each
pool is built from one sealed hand-written held-out pair (data/critic/heldout_pairs.jsonl) and its task:
* `strong`: the pair's chosen email (hand-written);
* `flawed`: the pair's rejected email (hand-written, plausible, with the one flaw its author named);
* `bad`: the flawed email with one more corruption by the mutator (`tenacious.bench.mutator`), the first kind, in
  the mutator's order starting from a kind drawn for the pair, that applies and that the rubric scores below
  both hand-written emails.
Everything is seeded by the pair id (`random.Random("pool:<pair_id>")`: the starting kind, the mutator's choices
and the order the emails are listed in), so a pool is the same in every run and does not depend on which other
pools a profile evaluates. The reference order is the rubric scorer's (`reference_scores`); the hand author's
order of strong and flawed is kept in `roles`.
"""

from __future__ import annotations

import random

from tenacious.bench import mutator
from tenacious.bench.scorer import score

POOL_ROLES: tuple[str, ...] = ("strong", "flawed", "bad")


class PoolError(ValueError):
    """A held-out pair for which no mutator kind makes an email the rubric scores below both of its emails."""


def _bad_version(task: dict, flawed: str, floor: float, rng: random.Random) -> tuple[str, str]:
    """(email, mutator kind): the flawed email corrupted once more, scored strictly below `floor`."""
    start = rng.randrange(len(mutator.KINDS))
    for kind in mutator.KINDS[start:] + mutator.KINDS[:start]:
        result = mutator.mutate(kind, task, flawed, rng)
        if result is not None and score(task, result[0])["overall"] < floor:
            return result[0], kind
    raise PoolError(f"pair for task {task['task_id']}: no mutator kind scores below {floor:.3f}")


def fixed_pool(pair: dict) -> dict:
    """The pool of one sealed held-out pair: its task, three emails in a seeded order, their roles and rubric scores."""
    task, rng = pair["task"], random.Random(f"pool:{pair['pair_id']}")
    strong, flawed = pair["chosen"], pair["rejected"]
    floor = min(score(task, strong)["overall"], score(task, flawed)["overall"])
    bad, kind = _bad_version(task, flawed, floor, rng)
    members = list(zip(POOL_ROLES, (strong, flawed, bad), strict=True))
    rng.shuffle(members)
    return {"pool_id": pair["pair_id"], "task": task, "roles": [r for r, _ in members],
            "emails": [e for _, e in members], "reference_scores": [score(task, e)["overall"] for _, e in members],
            "bad_kind": kind}


def fixed_pools(pairs: list[dict]) -> list[dict]:
    """One pool per held-out pair, in pair-id order."""
    return [fixed_pool(p) for p in sorted(pairs, key=lambda p: p["pair_id"])]


# --- outcomes of one ranker on one pool (higher score = preferred; a tie is no preference, so never correct) -------

def top1_correct(scores: list[float], reference: list[float]) -> bool:
    """Whether the ranker's first choice (ties to the earlier email) is one the rubric scores highest."""
    pick = max(range(len(scores)), key=lambda i: (scores[i], -i))
    return reference[pick] == max(reference)


def pairwise_outcomes(scores: list[float], reference: list[float]) -> list[bool]:
    """For every two emails the rubric tells apart: whether the ranker orders them the same way, strictly."""
    return [(scores[i] - scores[j]) * (reference[i] - reference[j]) > 0
            for i in range(len(scores)) for j in range(i + 1, len(scores)) if reference[i] != reference[j]]


def prefers_strong(roles: list[str], scores: list[float]) -> bool:
    """Whether the ranker scores the hand author's better email (strong) strictly above the flawed one."""
    return scores[roles.index("strong")] > scores[roles.index("flawed")]
