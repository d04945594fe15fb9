"""The paper's numbers, computed from the ablation traces and the training histories.

`build_report` reads only files the pipeline wrote (traces, histories, run configs and the sealed
held-out files) and returns one JSON-ready dict. Every block of numbers names the files, with their
SHA-256, it was computed from, and each track carries its provenance stamp (profile, backbone,
seeds, commit, data hash), so any number in the tables, figures, model cards or paper can be traced
back to its inputs. `write_report` writes that dict as `numbers.json` and renders the tables from
the same dict (`tenacious.tables`), so no table can disagree with numbers.json.

Unit of analysis: the held-out item. The detailed numbers use each track's primary seed (the first
seed the profile lists, the published card's seed); every headline metric is also reported per seed
with its spread, so the variance due to the seed is shown rather than averaged away.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tenacious import experiment, paths, stats
from tenacious.bench import schema
from tenacious.bench.load import (
    PAIR_SPLITS,
    SPLITS,
    TRACKS,
    critic_heldout_pairs_path,
    critic_tasks_path,
    judge_items_path,
    load_critic_heldout_pairs,
    load_critic_tasks,
    load_judge_items,
    pairs_path,
)
from tenacious.bench.pools import pairwise_outcomes, prefers_strong, top1_correct
from tenacious.bench.rubric import DECISIONS, PASS_PROBE
from tenacious.bench.schema import validate_critic_ranking_trace, validate_critic_trace, validate_judge_trace
from tenacious.bench.scorer import DIMENSIONS
from tenacious.bench.seal import verify_seal
from tenacious.io import read_json, read_jsonl, sha256_file, write_json
from tenacious.plots import pareto_frontier
from tenacious.provenance import stamp
from tenacious.stages import STAGE_ORDER, plan_stages, read_history
from tenacious.tables import write_tables
from tenacious.train import history_rows

ALPHA = 0.05


class ReportError(ValueError):
    """Inputs that cannot give honest numbers (missing conditions, seeds or items); names the file."""


@dataclasses.dataclass(frozen=True)
class Sources:
    """One profile's report: its seeds and statistics settings, and the tree it reads and writes.

    `for_profile` gives the pipeline's tree (the repository); tests pass a temporary `root`. Every
    location is a `tenacious.paths` function of (profile, root). The data tree is always
    `paths.DATA_DIR`, the one the provenance stamp hashes.
    """

    profile: str
    seeds: Mapping[str, Sequence[int]]  # track -> seeds; the first is the primary (card) seed
    bootstrap_samples: int
    bootstrap_seed: int
    root: Path | None = None  # None = the repository

    @classmethod
    def for_profile(cls, profile) -> Sources:
        """From a profile name or a loaded profile."""
        from tenacious.profiles import load_profile

        p = load_profile(profile) if isinstance(profile, str) else profile
        return cls(profile=p.name, seeds={t: tuple(p.train[t].seeds) for t in TRACKS},
                   bootstrap_samples=p.stats.bootstrap_samples, bootstrap_seed=p.stats.seed)

    def traces_path(self, track: str) -> Path:
        return paths.traces_path(self.profile, track, self.root)

    @property
    def ranking_traces_path(self) -> Path:
        return paths.ranking_traces_path(self.profile, self.root)

    def run_dir(self, track: str, seed: int) -> Path:
        return paths.train_run_dir(self.profile, track, seed, self.root)

    def primary_seed(self, track: str) -> int:
        return self.seeds[track][0]

    def history(self, track: str, seed: int) -> dict:
        return read_history(self.run_dir(track, seed))

    @property
    def numbers_path(self) -> Path:
        return paths.numbers_path(self.profile, self.root)

    @property
    def tables_dir(self) -> Path:
        return paths.tables_dir(self.profile, self.root)

    @property
    def paper_figures_dir(self) -> Path:
        return paths.paper_figures_dir(self.profile, self.root)

    @property
    def cards_dir(self) -> Path:
        return paths.cards_dir(self.profile, self.root)

    @property
    def paper_path(self) -> Path:
        return paths.paper_path(self.profile, self.root)


def file_ref(path: Path) -> dict[str, str]:
    """A file a number was computed from: repository-relative path (when inside it) and SHA-256."""
    path = Path(path)
    try:
        shown = path.resolve().relative_to(paths.REPO_ROOT).as_posix()
    except ValueError:
        shown = path.as_posix()
    return {"file": shown, "sha256": sha256_file(path)}


def _mean(values: Sequence[float]) -> float:
    return float(np.mean(values))


def _sd(values: Sequence[float]) -> float | None:
    """Sample SD; undefined (None) for a single value rather than a misleading 0."""
    return float(np.std(values, ddof=1)) if len(values) > 1 else None


# ----------------------------------------------------------------------------------------- inputs

def _trace_grid(path: Path, rows: list[dict], conditions: Sequence[str], seeds: Sequence[int],
                field: str = "condition") -> tuple[dict[tuple[str, int], dict[str, dict]], list[str]]:
    """Index trace rows by (condition, seed) -> item_id -> row, insisting on a complete, paired grid.

    Paired statistics need every condition and seed scored on the same items; a gap would silently
    compare different item sets, so it is an error naming what is missing. `field` names the rows' condition
    field (`ranker` for the critic's ranking traces).
    """
    grid: dict[tuple[str, int], dict[str, dict]] = {}
    for row in rows:
        cell = grid.setdefault((row[field], row["seed"]), {})
        if row["item_id"] in cell:
            raise ReportError(f"{path}: duplicate trace for item {row['item_id']} "
                              f"({row[field]}, seed {row['seed']})")
        cell[row["item_id"]] = row
    found_seeds = sorted({seed for _, seed in grid})
    if found_seeds != sorted(seeds):
        raise ReportError(f"{path}: traces hold seeds {found_seeds} but the profile lists {sorted(seeds)}; "
                          "re-run the ablate stage")
    missing = [f"{c} (seed {s})" for c in conditions for s in seeds if (c, s) not in grid]
    if missing:
        raise ReportError(f"{path}: no traces for {', '.join(missing)}")
    unknown = sorted({c for c, _ in grid} - set(conditions))
    if unknown:
        raise ReportError(f"{path}: unknown {field}(s) {unknown}")
    items = sorted(grid[(conditions[0], seeds[0])])
    for key, cell in sorted(grid.items()):
        if sorted(cell) != items:
            raise ReportError(f"{path}: {key[0]} (seed {key[1]}) covers different items than "
                              f"{conditions[0]} (seed {seeds[0]})")
    return grid, items


def _run_config(src: Sources, track: str, seed: int) -> dict:
    path = src.run_dir(track, seed) / paths.RUN_CONFIG_FILE
    if not path.is_file():
        raise ReportError(f"{path}: not found; run the train stage for {track} seed {seed}")
    return read_json(path)


def validation_curve(rows: Sequence[Mapping[str, Any]], pairs_per_step: int, train_pairs: int) -> list[dict]:
    """Each validation of training as k of n dev pairs ranked chosen over rejected, with its Wilson interval,
    at the pairs seen so far; rows without per-pair outcomes (TRL logs only a batch average) are left out."""
    out = []
    for r in rows:
        if r.get("val_pairs") and r.get("val_pairs_correct") is not None:
            ci = stats.wilson_interval(int(r["val_pairs_correct"]), int(r["val_pairs"]), ALPHA)
            seen = r["step"] * pairs_per_step
            out.append({"step": r["step"], "pairs_seen": seen, "epochs": seen / train_pairs if train_pairs else None,
                        "correct": int(r["val_pairs_correct"]), "n": ci.n, "accuracy": ci.point,
                        "ci_low": ci.low, "ci_high": ci.high})
    return out


def _training(src: Sources, track: str, configs: Mapping[int, dict]) -> dict:
    """Validation metrics, final losses, pairs seen, history and hyper-parameters of each seed's run.

    Validation pair accuracy is k/n from per-pair outcomes (tenacious.train logs them), with its Wilson
    interval; TRL's own `eval_rewards/accuracies` is a mean of batch means, kept for reference only.
    """
    per_seed: dict[str, dict] = {}
    for seed, config in configs.items():
        history_path = src.run_dir(track, seed) / paths.HISTORY_FILE
        rows = history_rows(src.history(track, seed))

        def last(key: str, rows=rows) -> float | None:
            return next((r[key] for r in reversed(rows) if r.get(key) is not None), None)

        hp = config["hyperparameters"]
        pairs_per_step = hp.get("per_device_batch", 1) * hp.get("grad_accum", 1) * config.get("world_size", 1)
        curve = validation_curve(rows, pairs_per_step, config.get("train_pairs") or 0)
        seen = (config.get("global_step") or 0) * pairs_per_step
        per_seed[str(seed)] = {
            "from": [file_ref(history_path), file_ref(src.run_dir(track, seed) / paths.RUN_CONFIG_FILE)],
            "validation_pair_accuracy": curve[-1]["accuracy"] if curve else None,
            "validation": curve[-1] if curve else None,
            "validation_curve": curve,
            "validation_batch_mean_accuracy": last("val_reward_accuracy"),
            "validation_reward_margin": last("val_reward_margin"),
            "final_train_loss": last("train_loss"),
            "final_val_loss": last("val_loss"),
            "global_step": config.get("global_step"),
            "pairs_per_step": pairs_per_step,
            "pairs_seen": seen,
            "epochs": seen / config["train_pairs"] if config.get("train_pairs") else None,
            "train_seconds": config.get("train_seconds"),
            "train_pairs": config.get("train_pairs"),
            "eval_pairs": config.get("eval_pairs"),
            "backbone": config["backbone"],
            "backbone_source": config.get("backbone_source"),
            "libraries": config.get("libraries"),
            "device": config.get("device"),
            "hyperparameters": config["hyperparameters"],
            "history": rows,
        }
    primary = per_seed[str(src.primary_seed(track))]
    spread = {key: _spread({s: r[key] for s, r in per_seed.items()})
              for key in ("validation_pair_accuracy", "validation_reward_margin", "final_train_loss",
                          "final_val_loss")}
    return {**primary, "primary_seed": src.primary_seed(track),
            "per_seed": {s: {k: v for k, v in r.items() if k not in ("history", "hyperparameters", "validation_curve")}
                         for s, r in per_seed.items()},
            "across_seeds": spread}


def _spread(values_by_seed: Mapping[str, float | None]) -> dict | None:
    """Spread of a metric over seeds; None when any seed did not log it."""
    if any(v is None for v in values_by_seed.values()):
        return None
    return stats.seed_spread(values_by_seed).as_dict()


# ----------------------------------------------------------------------------------------- critic

def critic_recommendation(lift: Mapping[str, Any], over_prompt: Mapping[str, Any]) -> dict:
    """Deploy the critic only if its 95 % CIs show it beats both cheap alternatives.

    Rejection sampling costs k + 1 forward passes per email; the base model and the prompt-only fix
    cost one. So the lift must be demonstrated against both (the registry's two deploy comparisons):
    a CI that touches zero is no demonstrated lift, whatever the point estimate says.
    """
    d = experiment.deltas()
    la, lb = d[experiment.CRITIC_LIFT], d[experiment.CRITIC_OVER_PROMPT]
    a_name, b_name = f"Δ {la.name}", f"Δ {lb.name}"
    rule = f"DEPLOY iff the 95 % CIs of {a_name} (vs {la.b}) and {b_name} (vs {lb.b}) both lie above zero"
    if lift["ci_low"] is None:  # n <= 5: the exact sign-flip test cannot bound a 95 % interval
        p = "—" if lift["p_two_sided"] is None else f"{lift['p_two_sided']:.3g}"
        return {"decision": "NO-DEPLOY", "rule": rule,
                "reason": f"no demonstrated lift: {lift['n']} tasks are too few to bound a 95 % interval of "
                          f"{a_name} (exact sign-flip p = {p})."}
    a_ci = f"[{lift['ci_low']:+.3f}, {lift['ci_high']:+.3f}]"
    b_ci = (f"[{over_prompt['ci_low']:+.3f}, {over_prompt['ci_high']:+.3f}]" if over_prompt["ci_low"] is not None
            else "unbounded")
    if lift["ci_high"] < 0:
        decision, reason = "NO-DEPLOY", f"{la.a} is worse than {la.b}: {a_name} 95 % CI {a_ci} lies below zero."
    elif lift["ci_low"] <= 0:
        decision, reason = "NO-DEPLOY", f"no demonstrated lift: {a_name} 95 % CI {a_ci} includes zero."
    elif over_prompt["ci_low"] is None or over_prompt["ci_low"] <= 0:
        decision, reason = "NO-DEPLOY", (f"lift over {la.b} ({a_name} CI {a_ci}) but not over the one-pass "
                                         f"{lb.b} ({b_name} CI {b_ci} includes zero): prefer {lb.b}.")
    else:
        decision, reason = "DEPLOY", f"{a_name} CI {a_ci} and {b_name} CI {b_ci} both lie above zero."
    return {"decision": decision, "reason": reason, "rule": rule}


def _mean_ci(src: Sources, values: Sequence[float]) -> dict:
    """A mean over items with the interval its n supports (tenacious.stats.mean_interval)."""
    return stats.mean_interval(values, src.bootstrap_samples, src.bootstrap_seed, ALPHA).as_dict()


def _critic_condition(rows: list[dict], src: Sources) -> dict:
    overall = [r["score"]["overall"] for r in rows]
    ci, cost = _mean_ci(src, overall), _mean_ci(src, [r["wall_seconds"] for r in rows])
    return {
        "n": len(rows), "mean": ci["point"], "sd": _sd(overall), "ci_low": ci["low"], "ci_high": ci["high"],
        "ci_method": ci["method"],
        "dimensions": {d: _mean([r["score"]["dimensions"][d] for r in rows]) for d in DIMENSIONS},
        "mean_forward_passes": _mean([r["forward_passes"] for r in rows]),
        "mean_generated_tokens": _mean([r["generated_tokens"] for r in rows]),
        "wall_seconds_per_task": _mean([r["wall_seconds"] for r in rows]),
        "wall_seconds_ci_low": cost["low"], "wall_seconds_ci_high": cost["high"],
        "wall_seconds_total": float(sum(r["wall_seconds"] for r in rows)),
    }


def _ratio(value: float, reference: float) -> float | None:
    """Cost relative to the baseline; undefined (None) when the baseline cost nothing measurable."""
    return value / reference if reference > 0 else None


def _paired(src: Sources, a: Sequence[float], b: Sequence[float]) -> dict:
    return stats.paired_delta(a, b, src.bootstrap_samples, src.bootstrap_seed, ALPHA).as_dict()


def _with_holm(tests: dict[str, dict], key: str) -> dict[str, dict]:
    """The family's tests with Holm-adjusted p (`p_holm`) beside each raw p (`key`)."""
    adjusted = stats.holm({name: t[key] for name, t in tests.items()})
    return {name: {**t, "p_holm": adjusted[name]} for name, t in tests.items()}


def critic_numbers(src: Sources) -> dict:
    """Held-out conditions, paired deltas, strata, cost-Pareto and the deploy call for the critic."""
    path = src.traces_path("critic")
    seeds = src.seeds["critic"]
    names = experiment.names("critic")
    deltas_ = experiment.deltas()
    grid, items = _trace_grid(path, read_jsonl(path, validate_critic_trace), names, seeds)
    tasks = {t["task_id"]: t for t in load_critic_tasks("heldout", paths.DATA_DIR)}
    unknown = [i for i in items if i not in tasks]
    if unknown:
        raise ReportError(f"{path}: items not in the held-out tasks: {unknown[:5]}")
    sources = [file_ref(path), file_ref(critic_tasks_path("heldout", paths.DATA_DIR))]
    primary = src.primary_seed("critic")

    def rows(condition: str, seed: int = primary, ids: Sequence[str] = items) -> list[dict]:
        return [grid[(condition, seed)][i] for i in ids]

    def overall(condition: str, seed: int = primary, ids: Sequence[str] = items) -> list[float]:
        return [r["score"]["overall"] for r in rows(condition, seed, ids)]

    conditions = {c: _critic_condition(rows(c), src) for c in names}
    deltas = _with_holm({n: {"a": d.a, "b": d.b, **_paired(src, overall(d.a), overall(d.b))}
                         for n, d in deltas_.items()}, "p_two_sided")

    reference = experiment.CRITIC_REFERENCE
    lift = deltas_[experiment.CRITIC_LIFT]
    strata = []  # lists keep their order through numbers.json (its keys are sorted)
    for stratum in sorted({tasks[i]["stratum"] for i in items}):
        ids = [i for i in items if tasks[i]["stratum"] == stratum]
        strata.append({
            "stratum": stratum, "n": len(ids),
            "conditions": {c: _mean_ci(src, overall(c, ids=ids)) for c in names},
            "delta_A": _paired(src, overall(lift.a, ids=ids), overall(lift.b, ids=ids)),
        })

    base = conditions[reference]
    pareto_points = []
    for c in (c for c in names if experiment.condition(c).role != "control"):  # a control is no method to deploy
        gain = _paired(src, overall(c), overall(reference))
        pareto_points.append({
            "condition": c, "mean_forward_passes": conditions[c]["mean_forward_passes"],
            "cost_ratio": _ratio(conditions[c]["mean_forward_passes"], base["mean_forward_passes"]),
            "wall_ratio": _ratio(conditions[c]["wall_seconds_per_task"], base["wall_seconds_per_task"]),
            "mean": conditions[c]["mean"], "lift": gain["mean_delta"],
            "lift_ci_low": gain["ci_low"], "lift_ci_high": gain["ci_high"],
        })
    frontier = pareto_frontier([{"condition": p["condition"], "cost": p["mean_forward_passes"], "quality": p["mean"]}
                                for p in pareto_points])
    for point in pareto_points:
        point["on_frontier"] = point["condition"] in frontier

    per_seed = {str(s): {"means": {c: _mean(overall(c, s)) for c in names},
                         "deltas": {n: _mean(np.subtract(overall(d.a, s), overall(d.b, s)))
                                    for n, d in deltas_.items()}} for s in seeds}
    across = {"means": {c: stats.seed_spread({s: v["means"][c] for s, v in per_seed.items()}).as_dict()
                        for c in names},
              "deltas": {n: stats.seed_spread({s: v["deltas"][n] for s, v in per_seed.items()}).as_dict()
                         for n in deltas_}}
    all_rows = [r for cell in grid.values() for r in cell.values()]
    ranking, ranking_seconds = critic_ranking_numbers(src)
    return {
        "heldout": {"from": sources, "primary_seed": primary, "n_items": len(items), "conditions": conditions,
                    "deltas": deltas, "strata": strata, "pareto": pareto_points, "pareto_frontier": frontier,
                    "per_task": [{"task_id": i, "stratum": tasks[i]["stratum"],  # the pairing every delta uses
                                  "scores": {c: grid[(c, primary)][i]["score"]["overall"] for c in names}}
                                 for i in items]},
        "controls": {"from": sources, **critic_control_numbers(src, path, grid, items, tasks)},
        "ranking": ranking,
        "seeds": {"from": sources, "per_seed": per_seed, "across_seeds": across},
        "recommendation": {"from": sources, **critic_recommendation(deltas[experiment.CRITIC_LIFT],
                                                                    deltas[experiment.CRITIC_OVER_PROMPT])},
        "ablation_seconds": float(sum(r["wall_seconds"] for r in all_rows)) + ranking_seconds,
    }


# ------------------------------------------------------------------------- critic: controls and rankings

def _proportion(outcomes: Sequence[bool]) -> dict:
    """k of n with its Wilson interval; all None where there is nothing to count."""
    k, n = int(sum(outcomes)), len(outcomes)
    if n == 0:
        return {"correct": 0, "n": 0, "accuracy": None, "ci_low": None, "ci_high": None}
    ci = stats.wilson_interval(k, n, ALPHA)
    return {"correct": k, "n": n, "accuracy": ci.point, "ci_low": ci.low, "ci_high": ci.high}


def critic_control_numbers(src: Sources, path: Path, grid: Mapping[tuple[str, int], Mapping[str, dict]],
                           items: Sequence[str], tasks: Mapping[str, dict]) -> dict:
    """What a different choice among critic_rs's own candidates scores, and how much the candidates differ.

    Every control must hold its source's candidates, task by task and seed by seed (else it compared other
    emails: an error naming the file). The spread is the oracle's candidate_scores (the rubric's score of each
    candidate): per task max − min and SD; the pool's mean is what a random pick scores in expectation.
    """
    controls = [c for c in experiment.conditions("critic") if c.role == "control"]
    for c in controls:
        for (name, seed), cell in sorted(grid.items()):
            if name != c.name:
                continue
            source = grid[(c.settings["of"], seed)]
            differ = [i for i in items if cell[i]["outputs"] != source[i]["outputs"]]
            if differ:
                raise ReportError(f"{path}: {c.name} (seed {seed}) does not re-rank {c.settings['of']}'s candidates "
                                  f"on {differ[:5]}; re-run the ablate stage")
    oracle = experiment.condition(experiment.CRITIC_ORACLE)
    primary = src.primary_seed("critic")
    per_task = []
    for i in items:
        row = grid[(oracle.name, primary)][i]
        scores = row["candidate_scores"]
        if len(scores) != len(row["outputs"]) or row["score"]["overall"] != max(scores):
            raise ReportError(f"{path}: {oracle.name} (seed {primary}) task {i}: candidate_scores are not the rubric "
                              "scores of its candidates with the best one selected; re-run the ablate stage")
        per_task.append({"task": i, "stratum": tasks[i]["stratum"], "k": len(scores), "max": max(scores),
                         "min": min(scores), "range": max(scores) - min(scores), "sd": _sd(scores),
                         "pool_mean": _mean(scores),
                         "selected": grid[(oracle.settings["of"], primary)][i]["score"]["overall"]})
    ranges = [t["range"] for t in per_task]
    sds = [t["sd"] for t in per_task if t["sd"] is not None]
    return {"of": oracle.settings["of"], "primary_seed": primary, "controls": [c.name for c in controls],
            "oracle": oracle.name, "per_task": per_task,
            "range": _mean_ci(src, ranges), "mean_sd": _mean(sds) if sds else None,
            "pool_mean": _mean_ci(src, [t["pool_mean"] for t in per_task]),
            "no_spread": _proportion([r == 0 for r in ranges])}


def critic_ranking_numbers(src: Sources) -> tuple[dict, float]:
    """The rankers on the sealed hand pairs and the fixed pools built from them; and the seconds they took.

    Hand pairs: a ranker is right when it scores the author's better email strictly higher (a tie is no
    preference). Pools: top-1 is right when the ranker's first choice is one the rubric scores highest;
    pairwise, every two emails the rubric tells apart, ordered the same way. Wilson intervals throughout (the
    pairwise ones count pairs that share a pool as independent); exact McNemar of the critic against every
    other ranker on the same pairs and pools, Holm-adjusted across those tests.
    """
    path = src.ranking_traces_path
    seeds = src.seeds["critic"]
    grid, items = _trace_grid(path, read_jsonl(path, validate_critic_ranking_trace), experiment.ranker_names(),
                              seeds, field="ranker")
    pairs = {p["pair_id"]: p for p in load_critic_heldout_pairs(paths.DATA_DIR)}
    for (ranker, seed), cell in sorted(grid.items()):
        for i in items:
            row = cell[i]
            if i not in pairs:
                raise ReportError(f"{path}: pool {i} is not a sealed held-out pair")
            strong, flawed = row["emails"][row["roles"].index("strong")], row["emails"][row["roles"].index("flawed")]
            if (strong, flawed) != (pairs[i]["chosen"], pairs[i]["rejected"]):
                raise ReportError(f"{path}: pool {i} ({ranker}, seed {seed}) holds other emails than the sealed pair; "
                                  "re-run the ablate stage")
    primary = src.primary_seed("critic")
    names = experiment.ranker_names()

    def outcomes(ranker: str, seed: int = primary) -> dict[str, list[bool]]:
        rows = [grid[(ranker, seed)][i] for i in items]
        return {"hand_pairs": [prefers_strong(r["roles"], r["scores"]) for r in rows],
                "top1": [top1_correct(r["scores"], r["reference_scores"]) for r in rows],
                "pairwise": [o for r in rows for o in pairwise_outcomes(r["scores"], r["reference_scores"])]}

    measured = {r: outcomes(r) for r in names}
    reference = [grid[(names[0], primary)][i] for i in items]
    evaluations = ("hand_pairs", "top1", "pairwise")
    tests = {f"{e}:{other}": {"evaluation": e, "ranker": cand, "other": other,
                              **stats.mcnemar_exact(measured[cand][e], measured[other][e]).as_dict()}
             for e in ("hand_pairs", "top1") for cand, other in experiment.ranking_pairs()}
    per_seed = {str(s): {r: {e: _proportion(o)["accuracy"] for e, o in outcomes(r, s).items()} for r in names}
                for s in seeds}
    numbers = {
        "from": [file_ref(path), file_ref(critic_heldout_pairs_path(paths.DATA_DIR))], "primary_seed": primary,
        "n_pools": len(items), "n_sealed_pairs": len(pairs),
        "emails_per_pool": _mean([len(r["emails"]) for r in reference]),
        "rankers": {r: {e: _proportion(measured[r][e]) for e in evaluations} for r in names},
        # the rubric, which orders the pools, read against the hand authors on the same pairs
        "scorer_hand_pairs": _proportion([prefers_strong(r["roles"], r["reference_scores"]) for r in reference]),
        "chance": {"hand_pairs": 0.5, "pairwise": 0.5,
                   "top1": _mean([r["reference_scores"].count(max(r["reference_scores"])) / len(r["emails"])
                                  for r in reference])},
        "mcnemar": _with_holm(tests, "p_value"),
        "seeds": {"per_seed": per_seed, "across_seeds": {
            r: {e: stats.seed_spread({s: v[r][e] for s, v in per_seed.items()}).as_dict() for e in evaluations}
            for r in names}},
        "mean_forward_passes": {r: _mean([grid[(r, primary)][i]["forward_passes"] for i in items]) for r in names},
        "wall_seconds_per_pool": {r: _mean([grid[(r, primary)][i]["wall_seconds"] for i in items]) for r in names},
    }
    seconds = float(sum(r["wall_seconds"] for cell in grid.values() for r in cell.values()))
    return numbers, seconds


# ------------------------------------------------------------------------------------------ judge

def judge_recommendation(candidate: Mapping[str, Any], baseline_name: str, baseline: Mapping[str, Any],
                         mcnemar: Mapping[str, Any]) -> dict:
    """Deploy the judge only if it is more accurate than the best honest baseline, significantly.

    The comparison is paired (same items), so the exact McNemar test decides significance; an
    accuracy gain on a handful of discordant items is no evidence.
    """
    acc, base_acc, p = candidate["accuracy"], baseline["accuracy"], mcnemar["p_value"]
    versus = f"{experiment.judge_candidate()} {acc:.3f} vs {baseline_name} {base_acc:.3f}"
    if acc <= base_acc:
        decision, reason = "NO-DEPLOY", f"not more accurate than the best honest baseline ({versus})."
    elif p >= ALPHA:
        decision, reason = "NO-DEPLOY", f"more accurate ({versus}) but exact McNemar p = {p:.3g} ≥ {ALPHA}."
    else:
        decision, reason = "DEPLOY", f"more accurate ({versus}) with exact McNemar p = {p:.3g} < {ALPHA}."
    return {"decision": decision, "reason": reason, "baseline": baseline_name,
            "rule": f"DEPLOY iff more accurate than the best honest baseline and exact McNemar p < {ALPHA}"}


def _accuracy(gold: Sequence[str], pred: Sequence[str]) -> dict:
    ci = stats.accuracy(gold, pred, ALPHA)
    return {"accuracy": ci.point, "ci_low": ci.low, "ci_high": ci.high, "n": ci.n,
            "correct": sum(g == p for g, p in zip(gold, pred))}


def softmax_labels(logprobs: Mapping[str, float]) -> dict[str, float]:
    """The five label log-likelihoods as probabilities (softmax): the judge's confidence in each decision."""
    top = max(logprobs.values())
    weights = {label: float(np.exp(lp - top)) for label, lp in logprobs.items()}
    total = sum(weights.values())
    return {label: w / total for label, w in weights.items()}


RELIABILITY_BINS = 10  # equal-width confidence bins over [0, 1]; only the occupied ones are reported


def calibration(confidence: Sequence[float], correct: Sequence[bool]) -> dict:
    """Reliability bins (accuracy with its Wilson interval against mean confidence), expected calibration
    error, and the risk-coverage curve: answering only the items at or above each confidence, the error
    rate among them (sorted by confidence, ties kept together) and its area (AURC, lower is better)."""
    conf, right = np.asarray(confidence, dtype=float), np.asarray(correct, dtype=bool)
    bins = []
    which = np.minimum((conf * RELIABILITY_BINS).astype(int), RELIABILITY_BINS - 1)
    for b in range(RELIABILITY_BINS):
        mask = which == b
        if mask.any():
            ci = stats.wilson_interval(int(right[mask].sum()), int(mask.sum()), ALPHA)
            bins.append({"low": b / RELIABILITY_BINS, "high": (b + 1) / RELIABILITY_BINS, "n": ci.n,
                         "mean_confidence": float(conf[mask].mean()), "accuracy": ci.point,
                         "ci_low": ci.low, "ci_high": ci.high})
    ece = sum(x["n"] / conf.size * abs(x["accuracy"] - x["mean_confidence"]) for x in bins)
    curve, previous = [], 0.0
    aurc = 0.0
    for threshold in sorted(set(conf.tolist()), reverse=True):
        kept = conf >= threshold
        coverage, risk = float(kept.mean()), float(1 - right[kept].mean())
        aurc += risk * (coverage - previous)
        previous = coverage
        curve.append({"threshold": threshold, "coverage": coverage, "risk": risk, "n": int(kept.sum())})
    return {"n": int(conf.size), "bins": bins, "ece": float(ece), "risk_coverage": curve, "aurc": float(aurc)}


def _per_class(gold: Sequence[str], pred: Sequence[str]) -> dict:
    """Precision, recall and F1 per decision; precision and recall with their Wilson intervals (None where
    undefined: a decision never predicted, or absent from gold)."""
    intervals = stats.per_class_wilson(gold, pred, DECISIONS, ALPHA)
    return {label: {**row, **{f"{metric}_{end}": (intervals[label][metric] or {}).get(end)
                              for metric in ("precision", "recall") for end in ("low", "high")}}
            for label, row in stats.per_class_prf(gold, pred, DECISIONS).items()}


def judge_numbers(src: Sources) -> dict:
    """Accuracy with Wilson CIs, per-probe, per-stratum, confusion, per-class, McNemar, calibration, the deploy call."""
    path = src.traces_path("judge")
    seeds = src.seeds["judge"]
    names = experiment.names("judge")
    candidate = experiment.judge_candidate()
    grid, items = _trace_grid(path, read_jsonl(path, validate_judge_trace), names, seeds)
    heldout = {i["item_id"]: i for i in load_judge_items("heldout", paths.DATA_DIR)}
    for (condition, seed), cell in sorted(grid.items()):
        wrong = [i for i in items if i not in heldout or cell[i]["gold"] != heldout[i]["gold_decision"]]
        if wrong:
            raise ReportError(f"{path}: {condition} (seed {seed}) gold labels disagree with the held-out items "
                              f"(or unknown items): {wrong[:5]}")
    sources = [file_ref(path), file_ref(judge_items_path("heldout", paths.DATA_DIR))]
    primary = src.primary_seed("judge")
    gold = [heldout[i]["gold_decision"] for i in items]

    def predicted(condition: str, seed: int = primary) -> list[str]:
        return [grid[(condition, seed)][i]["predicted"] for i in items]

    preds = {c: predicted(c) for c in names}
    trained_format = _run_config(src, "judge", primary)["prompt_format"]
    conditions = {}
    for c in names:
        cell = [grid[(c, primary)][i] for i in items]
        cost = _mean_ci(src, [r["wall_seconds"] for r in cell])
        conditions[c] = {**_accuracy(gold, preds[c]), "role": experiment.condition(c).role,
                         "predicted_counts": {label: preds[c].count(label) for label in DECISIONS},
                         "prompt_format": experiment.prompt_format(c, trained_format),
                         "mean_forward_passes": _mean([r["forward_passes"] for r in cell]),
                         "wall_seconds_per_item": cost["point"], "wall_seconds_ci_low": cost["low"],
                         "wall_seconds_ci_high": cost["high"], "wall_seconds_ci_method": cost["method"]}

    probes = sorted({heldout[i]["probe_id"] for i in items}, key=lambda p: (p == PASS_PROBE, p))
    per_probe = []  # a list, so the PASS controls stay last through numbers.json
    for probe in probes:
        idx = [k for k, i in enumerate(items) if heldout[i]["probe_id"] == probe]
        per_probe.append({"probe": probe, "n": len(idx), "conditions": {
            c: _accuracy([gold[k] for k in idx], [preds[c][k] for k in idx]) for c in names}})

    per_stratum = []  # the hand slice (HND) beside the rest: the rule engines were revised on its misses
    for stratum in sorted({heldout[i]["stratum"] for i in items}):
        idx = [k for k, i in enumerate(items) if heldout[i]["stratum"] == stratum]
        per_stratum.append({"stratum": stratum, "n": len(idx), "conditions": {
            c: _accuracy([gold[k] for k in idx], [preds[c][k] for k in idx]) for c in names}})
    rest = [k for k, i in enumerate(items) if heldout[i]["stratum"] != schema.HAND_STRATUM]
    without_hand = {"stratum": schema.HAND_STRATUM, "n": len(rest), "conditions": {
        c: _accuracy([gold[k] for k in rest], [preds[c][k] for k in rest]) for c in names} if rest else {}}

    correct = {c: [g == p for g, p in zip(gold, preds[c])] for c in names}
    mcnemar = _with_holm({other: {"role": experiment.condition(other).role,
                                  **stats.mcnemar_exact(correct[cand], correct[other]).as_dict()}
                          for cand, other in experiment.mcnemar_pairs()}, "p_value")
    scored = [c for c in names if all(grid[(c, primary)][i]["label_logprobs"] for i in items)]
    confidence = {c: [softmax_labels(grid[(c, primary)][i]["label_logprobs"])[preds[c][k]]
                      for k, i in enumerate(items)] for c in scored}

    baselines = experiment.judge_baselines()
    best = max(baselines, key=lambda c: (conditions[c]["accuracy"], -baselines.index(c)))

    per_seed = {str(s): {c: stats.accuracy(gold, predicted(c, s), ALPHA).point for c in names}
                for s in seeds}
    all_rows = [r for cell in grid.values() for r in cell.values()]
    return {
        "heldout": {
            "from": sources, "primary_seed": primary, "n_items": len(items), "labels": list(DECISIONS),
            "gold_counts": {label: gold.count(label) for label in DECISIONS},
            "conditions": conditions, "per_probe": per_probe, "per_stratum": per_stratum,
            "without_hand_slice": without_hand,
            "confusion": {c: stats.confusion_matrix(gold, preds[c], DECISIONS) for c in names},
            "per_class": {c: _per_class(gold, preds[c]) for c in names}, "mcnemar_vs_candidate": mcnemar, "best_baseline": best,
            "calibration": {c: calibration(confidence[c], correct[c]) for c in scored},
        },
        "seeds": {"from": sources, "per_seed": per_seed,
                  "across_seeds": {c: stats.seed_spread({s: v[c] for s, v in per_seed.items()}).as_dict()
                                   for c in names}},
        "recommendation": {"from": sources, **judge_recommendation(conditions[candidate], best,
                                                                   conditions[best], mcnemar[best])},
        "ablation_seconds": float(sum(r["wall_seconds"] for r in all_rows)),
    }


def _curve_file(src: Sources) -> dict | None:
    path = paths.judge_curve_path(src.profile, src.root)
    return read_json(path) if path.is_file() else None


def judge_curve_numbers(src: Sources, training: Mapping[str, Any], data_hash: str) -> dict | None:
    """The profile's judge learning curve (benchmarks/judge_learning_curve.py), None where none was measured
    on dev items.

    Read, not recomputed: the curve costs hours on CPU. Only a curve measured on dev items is read: one
    measured on the sealed held-out items (older runs of the script, marked `"split": "heldout"`) chose a
    schedule on the test set, so it is left out of the paper. It must come from the current data tree; its
    points are set beside the default schedule (how many epochs the pipeline's judge trained).
    """
    curve = _curve_file(src)
    if curve is None or curve.get("split") != "dev":
        return None
    path = paths.judge_curve_path(src.profile, src.root)
    if curve["provenance"]["data_hash"] != data_hash:
        raise ReportError(f"{path}: measured on data {curve['provenance']['data_hash'][:12]}, but the data tree is "
                          f"now {data_hash[:12]}; re-run benchmarks/judge_learning_curve.py --profile {src.profile}")
    points = [{"epoch": p["epoch"], "step": p["step"], "accuracy": p["accuracy"], "ci95": p["ci95"],
               "predicted": p["predicted"], "p_vs": {b: t["p_value"] for b, t in p["mcnemar"].items()}}
              for p in curve["points"]]
    baselines = {name: b["accuracy"] for name, b in curve["baselines"].items()}
    wins = [p for p in points if p["accuracy"] > baselines["always_pass"] and p["p_vs"]["always_pass"] < ALPHA]
    hp = training["hyperparameters"]
    pairs_per_step = hp["per_device_batch"] * hp["grad_accum"]
    return {"from": [file_ref(path)], "split": curve["split"], "items": curve["items"],
            "train_pairs": curve["train_pairs"],
            "planned_epochs": curve["epochs"], "measured_epochs": points[-1]["epoch"] if points else 0.0,
            "complete": bool(curve.get("complete")), "points": points, "baselines": baselines,
            "best": max(points, key=lambda p: (p["accuracy"], -p["epoch"])) if points else None,
            "first_win_over_always_pass": wins[0]["epoch"] if wins else None,
            "default_schedule_epochs": round((training["global_step"] or 0) * pairs_per_step
                                             / curve["train_pairs"], 4)}


# ------------------------------------------------------------------------ scope and reproducibility

def _count(path: Path) -> int:
    if not path.is_file():
        raise ReportError(f"{path}: not found; run the data stage")
    return len(read_jsonl(path))


def scope_numbers(src: Sources, track: str) -> dict:
    """What was evaluated out of what there is: split sizes (records and pairs), the held-out subset per
    stratum, and the strata of the held-out split the subset misses (none, with tenacious.subsets)."""
    records = critic_tasks_path if track == "critic" else judge_items_path
    heldout = (load_critic_tasks if track == "critic" else load_judge_items)("heldout", paths.DATA_DIR)
    key = "task_id" if track == "critic" else "item_id"
    evaluated = {r["item_id"] for r in read_jsonl(src.traces_path(track))}
    available = Counter(r["stratum"] for r in heldout)
    chosen = Counter(r["stratum"] for r in heldout if r[key] in evaluated)
    return {"from": [file_ref(records(s, paths.DATA_DIR)) for s in SPLITS] + [file_ref(src.traces_path(track))],
            "records": {s: _count(records(s, paths.DATA_DIR)) for s in SPLITS},
            "pairs": {s: _count(pairs_path(track, s, paths.DATA_DIR)) for s in PAIR_SPLITS},
            "heldout_available": len(heldout), "heldout_evaluated": len(evaluated),
            "strata": [{"stratum": s, "available": available[s], "evaluated": chosen[s]} for s in sorted(available)],
            "strata_missing": [s for s in sorted(available) if not chosen[s]]}


def curve_status(src: Sources) -> str:
    """Whether the judge learning curve was measured, and on which split (only a dev curve is read)."""
    curve = _curve_file(src)
    if curve is None:
        return "not measured"
    split = curve.get("split", "heldout")
    return "dev items (read)" if split == "dev" else f"{split} items (not read: a schedule chosen on the test set)"


def reproducibility_numbers(src: Sources, numbers: Mapping[str, Any]) -> dict:
    """The checklist the paper prints, from the pipeline's own records: seeds, commit, data hash and seal,
    backbones with their weights' hash, libraries, hardware, the stage receipts' wall times (the stages
    before stats), and the optional measurement (the learning curve)."""
    from tenacious.profiles import load_profile

    profile = load_profile(src.profile)
    verify_seal(paths.DATA_DIR)  # raises on a broken seal; the numbers above were read through it too
    before = STAGE_ORDER[:STAGE_ORDER.index("stats")]
    receipts = []
    for run in plan_stages(profile):
        if run.stage in before:
            path = paths.receipts_dir(src.profile, src.root) / f"{run.run_id}.json"
            receipts.append({"run": run.run_id, "stage": run.stage,
                             "seconds": read_json(path).get("seconds") if path.is_file() else None})
    tracks = {}
    for track in TRACKS:
        t, prov = numbers[track]["training"], numbers[track]["provenance"]
        tracks[track] = {"backbone": t["backbone"], "weights": t["backbone_source"], "seeds": prov["seeds"],
                         "libraries": t["libraries"], "device": t["device"], "commit": prov["commit"],
                         "data_hash": prov["data_hash"]}
    return {"from": [file_ref(p) for p in sorted(paths.receipts_dir(src.profile, src.root).glob("*.json"))],
            "profile": src.profile, "data_seed": profile.data.seed, "bootstrap_seed": src.bootstrap_seed,
            "bootstrap_samples": src.bootstrap_samples, "sealed_heldout_verified": True, "tracks": tracks,
            "stage_receipts": receipts, "learning_curve": curve_status(src)}


# ----------------------------------------------------------------------------------------- report

_TRACK_NUMBERS: dict[str, Callable[[Sources], dict]] = {"critic": critic_numbers, "judge": judge_numbers}


def build_report(src: Sources) -> dict:
    """Every number of the paper for both tracks, each block with its source files and provenance."""
    out: dict[str, Any] = {"profile": src.profile,
                           "statistics": {"alpha": ALPHA, "bootstrap_samples": src.bootstrap_samples,
                                          "bootstrap_seed": src.bootstrap_seed, "unit": "held-out item"}}
    for track in TRACKS:
        configs = {seed: _run_config(src, track, seed) for seed in src.seeds[track]}
        provenance = stamp(src.profile, configs[src.primary_seed(track)]["backbone"]["name"], list(src.seeds[track]))
        for seed, config in configs.items():
            if config["provenance"]["data_hash"] != provenance["data_hash"]:
                raise ReportError(f"{src.run_dir(track, seed) / paths.RUN_CONFIG_FILE}: trained on data "
                                  f"{config['provenance']['data_hash'][:12]}, but the data tree is now "
                                  f"{provenance['data_hash'][:12]}; re-run the train stage")
        training = _training(src, track, configs)
        numbers = _TRACK_NUMBERS[track](src)
        numbers["compute"] = {
            "from": [file_ref(src.run_dir(track, s) / paths.RUN_CONFIG_FILE) for s in configs]
            + [file_ref(src.traces_path(track))],
            "train_seconds": float(sum(c.get("train_seconds") or 0.0 for c in configs.values())),
            "ablation_seconds": numbers.pop("ablation_seconds"),
            "device": training["device"],
        }
        if track == "judge":
            curve = judge_curve_numbers(src, training, provenance["data_hash"])
            if curve is not None:
                numbers["learning_curve"] = curve
        out[track] = {"provenance": provenance, "training": training, "scope": scope_numbers(src, track), **numbers}
    out["reproducibility"] = reproducibility_numbers(src, out)
    return out


def write_report(src: Sources) -> dict:
    """Compute the numbers, write numbers.json and every table; returns the numbers."""
    write_json(src.numbers_path, build_report(src))
    numbers = load_numbers(src)  # render what the file holds, exactly as cards and the paper will
    write_tables(numbers, src.tables_dir)
    return numbers


def load_numbers(src: Sources) -> dict:
    """numbers.json as written by the stats stage (what figures, cards and the paper render)."""
    if not src.numbers_path.is_file():
        raise ReportError(f"{src.numbers_path}: not found; run the stats stage first")
    return read_json(src.numbers_path)
