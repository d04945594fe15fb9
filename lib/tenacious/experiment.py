"""The experiment as data: every held-out condition, every comparison and every ranker of fixed emails, defined
once.

Ablation runs the conditions listed here (dispatching on `producer`), the stats stage computes the
comparisons listed here, and tables, figures, cards and the paper loop over the same lists. So adding
a condition is one `Condition` entry (plus, for a new kind of producer, its function in `ablate`).
This module is the ground floor of the reporting code: it imports only the rubric (for names).

The functions read the module-level tuples when called (not at import), so a test can add a
condition with monkeypatch and see it flow through every stage downstream.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tenacious.bench.rubric import PASS_RULE, rule

TRACK_NAMES: tuple[str, ...] = ("critic", "judge")
# A likelihood condition's `prompt` setting that means the profile's prompt_format (what the adapter was trained on).
TRAINED_PROMPT = "trained"
# candidate: a trained method under test; baseline: what it must beat; control: another choice among a
# candidate's own samples (no decoding of its own), which says what the candidate's ranking adds.
ROLES: tuple[str, ...] = ("candidate", "baseline", "control")


@dataclass(frozen=True)
class Condition:
    """One held-out condition: who produces its traces, what it costs, and its role in the comparisons."""

    name: str
    track: str  # critic | judge
    role: str  # candidate | baseline | control (see ROLES)
    producer: str  # key of the function in tenacious.ablate that writes its traces
    cost: str  # forward passes per item, in words (the measured number is in the traces)
    summary: str  # one line for the paper's methods table
    settings: dict[str, Any] = field(default_factory=dict)  # passed to the producer

    def __post_init__(self):
        if self.track not in TRACK_NAMES:
            raise ValueError(f"condition {self.name}: track must be one of {TRACK_NAMES}, got {self.track!r}")
        if self.role not in ROLES:
            raise ValueError(f"condition {self.name}: role must be one of {ROLES}, got {self.role!r}")


@dataclass(frozen=True)
class Delta:
    """A paired critic comparison `a − b` over the same held-out tasks (paired bootstrap)."""

    name: str
    a: str
    b: str
    question: str


CONDITIONS: tuple[Condition, ...] = (
    Condition("baseline", "critic", "baseline", "greedy", "1 greedy generation",
              "base model (adapter off), neutral system prompt, greedy, k = 1", {"prompts": ("neutral",)}),
    Condition("critic_rs", "critic", "candidate", "rejection_sampling", "k generations + 1 scoring pass",
              "k samples at one temperature from the base model, ranked by the SimPO critic",
              {"temperatures": "fixed", "prompts": ("neutral",)}),
    Condition("promptaug", "critic", "baseline", "greedy", "1 greedy generation",
              "base model with the condensed style guide in the system prompt, greedy, k = 1",
              {"prompts": ("promptaug",)}),
    Condition("critic_rs_diverse", "critic", "candidate", "rejection_sampling", "k generations + 1 scoring pass",
              "k samples across a temperature sweep, alternating neutral and style-guide prompts, ranked by the critic",
              {"temperatures": "sweep", "prompts": ("neutral", "promptaug")}),
    # Controls: another choice among the k candidates critic_rs sampled for the task (its own outputs, re-ranked;
    # nothing is decoded again), so the only difference from critic_rs is who chooses.
    Condition("random_of_k", "critic", "control", "rerank", "none (critic_rs's k candidates)",
              "one of critic_rs's k candidates drawn at random (seeded per task and seed)",
              {"of": "critic_rs", "ranker": "random"}),
    Condition("base_ranked_of_k", "critic", "control", "rerank", "1 scoring pass (over critic_rs's k candidates)",
              "critic_rs's k candidates ranked by the untrained backbone (adapter off): the critic's prompt and "
              "length-normalised log-likelihood without the training",
              {"of": "critic_rs", "ranker": "base"}),
    Condition("oracle_of_k", "critic", "control", "rerank", "none (the rubric scores critic_rs's k candidates)",
              "the rubric scorer's best of critic_rs's k candidates: the ceiling of any ranker of that pool",
              {"of": "critic_rs", "ranker": "scorer"}),
    Condition("always_pass", "judge", "baseline", "constant", "none",
              "sends every draft (the published card's \"no judge\")", {"decision": rule(PASS_RULE).decision}),
    Condition("rules_v1", "judge", "baseline", "rules", "none (rule engine)",
              "the published 7-rule rubric applied by the rule engine", {"rubric": "v1"}),
    Condition("rules", "judge", "baseline", "rules", "none (rule engine)",
              "the rubric-v2 rule engine (gold comes from construction, so this is a baseline)", {"rubric": "v2"}),
    Condition("bow", "judge", "baseline", "bag_of_words", "none (linear model)",
              "TF-IDF + logistic regression fitted on train: what surface wording alone gets right"),
    Condition("zero_shot", "judge", "baseline", "likelihood", "1 prompt pass scoring the five labels",
              "the base model (adapter off) classifying by label likelihood, reading the full rubric prompt",
              {"adapter": False, "prompt": "full"}),
    Condition("orpo_judge", "judge", "candidate", "likelihood", "1 prompt pass scoring the five labels",
              "the ORPO-trained adapter classifying by label likelihood, reading the prompt format it was trained on",
              {"adapter": True, "prompt": TRAINED_PROMPT}),
)

# Paired critic comparisons, named as on the published critic card (plus D, which tests its hypothesis).
DELTAS: tuple[Delta, ...] = (
    Delta("A", "critic_rs", "baseline", "does the critic lift the base model?"),
    Delta("B", "critic_rs", "promptaug", "does it beat the one-pass prompt fix?"),
    Delta("D", "critic_rs_diverse", "baseline", "does a more diverse pool help?"),
    Delta("R", "critic_rs", "random_of_k", "does the critic choose better than chance among its own candidates?"),
    Delta("M", "critic_rs", "base_ranked_of_k", "does training add to the base model's own likelihood ranking?"),
)
# The critic's deploy call is about this condition; cost ratios and per-stratum lifts are against the reference.
CRITIC_CANDIDATE = "critic_rs"
CRITIC_REFERENCE = "baseline"
# The deploy rule's two comparisons: the lift over the reference and over the cheap alternative.
CRITIC_LIFT, CRITIC_OVER_PROMPT = "A", "B"
# The control whose candidate_scores are the rubric's scores of the pool: the within-task spread is read off it.
CRITIC_ORACLE = "oracle_of_k"


@dataclass(frozen=True)
class Ranker:
    """One way of ordering fixed emails for a task (the sealed hand pairs and the fixed pools; higher = better)."""

    name: str
    producer: str  # likelihood (the backbone's length-normalised log-likelihood) | shorter_email (no model)
    summary: str
    settings: dict[str, Any] = field(default_factory=dict)


# Who ranks the fixed emails: the trained critic, the same backbone without its adapter, and a shortcut that reads
# no task. The critic's prompt and score for all the model rankers, so the adapter is the only difference.
RANKERS: tuple[Ranker, ...] = (
    Ranker("critic", "likelihood", "the trained critic: adapter on, SimPO reward (length-normalised log-likelihood)",
           {"adapter": True}),
    Ranker("base", "likelihood", "the untrained backbone: adapter off, the same prompt and score", {"adapter": False}),
    Ranker("shorter_email", "shorter_email", "prefers the shorter email (tenacious.bench.shortcuts): reads no task"),
)
RANKING_CANDIDATE = "critic"  # compared with every other ranker by exact McNemar on the same pairs and pools


def conditions(track: str) -> tuple[Condition, ...]:
    """The track's conditions in run and reading order."""
    found = tuple(c for c in CONDITIONS if c.track == track)
    if not found:
        raise ValueError(f"no conditions for track {track!r}; expected one of {TRACK_NAMES}")
    return found


def names(track: str) -> tuple[str, ...]:
    return tuple(c.name for c in conditions(track))


def condition(name: str) -> Condition:
    for c in CONDITIONS:
        if c.name == name:
            return c
    raise ValueError(f"unknown condition {name!r}; expected one of {[c.name for c in CONDITIONS]}")


def deltas() -> dict[str, Delta]:
    return {d.name: d for d in DELTAS}


def judge_candidate() -> str:
    """The one trained judge every other judge condition is compared with (McNemar)."""
    found = [c.name for c in conditions("judge") if c.role == "candidate"]
    if len(found) != 1:
        raise ValueError(f"the judge track needs exactly one candidate condition, found {found}")
    return found[0]


def judge_baselines() -> tuple[str, ...]:
    """The judge's competitors, in registry order (ties for the best baseline go to the earlier one)."""
    return tuple(c.name for c in conditions("judge") if c.role == "baseline")


def ranker_names() -> tuple[str, ...]:
    return tuple(r.name for r in RANKERS)


def ranking_pairs() -> tuple[tuple[str, str], ...]:
    """(candidate ranker, other) for every other ranker, tested on the same hand pairs and pools."""
    return tuple((RANKING_CANDIDATE, r) for r in ranker_names() if r != RANKING_CANDIDATE)


def prompt_format(name: str, trained: str) -> str | None:
    """The prompt format a condition's model reads: its `prompt` setting, `trained` (the profile's prompt_format)
    where that is TRAINED_PROMPT; None for a condition that reads no prompt (rules, constants, bag of words)."""
    prompt = condition(name).settings.get("prompt")
    return trained if prompt == TRAINED_PROMPT else prompt


def mcnemar_pairs() -> tuple[tuple[str, str], ...]:
    """(candidate, other) for every other judge condition, tested on the same items."""
    cand = judge_candidate()
    return tuple((cand, c) for c in names("judge") if c != cand)
