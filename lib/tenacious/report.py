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
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tenacious import experiment, paths, stats
from tenacious.bench.load import TRACKS, critic_tasks_path, judge_items_path, load_critic_tasks, load_judge_items
from tenacious.bench.rubric import DECISIONS, PASS_PROBE
from tenacious.bench.schema import validate_critic_trace, validate_judge_trace
from tenacious.bench.scorer import DIMENSIONS
from tenacious.io import read_json, read_jsonl, sha256_file, write_json
from tenacious.plots import pareto_frontier
from tenacious.provenance import stamp
from tenacious.stages import read_history
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

def _trace_grid(path: Path, rows: list[dict], conditions: Sequence[str],
                seeds: Sequence[int]) -> tuple[dict[tuple[str, int], dict[str, dict]], list[str]]:
    """Index trace rows by (condition, seed) -> item_id -> row, insisting on a complete, paired grid.

    Paired statistics need every condition and seed scored on the same items; a gap would silently
    compare different item sets, so it is an error naming what is missing.
    """
    grid: dict[tuple[str, int], dict[str, dict]] = {}
    for row in rows:
        cell = grid.setdefault((row["condition"], row["seed"]), {})
        if row["item_id"] in cell:
            raise ReportError(f"{path}: duplicate trace for item {row['item_id']} "
                              f"({row['condition']}, seed {row['seed']})")
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
        raise ReportError(f"{path}: unknown condition(s) {unknown}")
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


def _training(src: Sources, track: str, configs: Mapping[int, dict]) -> dict:
    """Validation reward metrics, final losses, history and hyper-parameters of each seed's run."""
    per_seed: dict[str, dict] = {}
    for seed, config in configs.items():
        history_path = src.run_dir(track, seed) / paths.HISTORY_FILE
        rows = history_rows(src.history(track, seed))

        def last(key: str, rows=rows) -> float | None:
            return next((r[key] for r in reversed(rows) if r.get(key) is not None), None)

        per_seed[str(seed)] = {
            "from": [file_ref(history_path), file_ref(src.run_dir(track, seed) / paths.RUN_CONFIG_FILE)],
            "validation_pair_accuracy": last("val_reward_accuracy"),
            "validation_reward_margin": last("val_reward_margin"),
            "final_train_loss": last("train_loss"),
            "final_val_loss": last("val_loss"),
            "global_step": config.get("global_step"),
            "train_seconds": config.get("train_seconds"),
            "train_pairs": config.get("train_pairs"),
            "eval_pairs": config.get("eval_pairs"),
            "backbone": config["backbone"],
            "device": config.get("device"),
            "hyperparameters": config["hyperparameters"],
            "history": rows,
        }
    primary = per_seed[str(src.primary_seed(track))]
    spread = {key: _spread({s: r[key] for s, r in per_seed.items()})
              for key in ("validation_pair_accuracy", "validation_reward_margin", "final_train_loss",
                          "final_val_loss")}
    return {**primary, "primary_seed": src.primary_seed(track),
            "per_seed": {s: {k: v for k, v in r.items() if k not in ("history", "hyperparameters")}
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
    a_ci = f"[{lift['ci_low']:+.3f}, {lift['ci_high']:+.3f}]"
    b_ci = f"[{over_prompt['ci_low']:+.3f}, {over_prompt['ci_high']:+.3f}]"
    if lift["ci_high"] < 0:
        decision, reason = "NO-DEPLOY", f"{la.a} is worse than {la.b}: {a_name} 95 % CI {a_ci} lies below zero."
    elif lift["ci_low"] <= 0:
        decision, reason = "NO-DEPLOY", f"no demonstrated lift: {a_name} 95 % CI {a_ci} includes zero."
    elif over_prompt["ci_low"] <= 0:
        decision, reason = "NO-DEPLOY", (f"lift over {la.b} ({a_name} CI {a_ci}) but not over the one-pass "
                                         f"{lb.b} ({b_name} CI {b_ci} includes zero): prefer {lb.b}.")
    else:
        decision, reason = "DEPLOY", f"{a_name} CI {a_ci} and {b_name} CI {b_ci} both lie above zero."
    return {"decision": decision, "reason": reason,
            "rule": f"DEPLOY iff the 95 % CIs of {a_name} (vs {la.b}) and {b_name} (vs {lb.b}) both lie above zero"}


def _critic_condition(rows: list[dict], src: Sources) -> dict:
    overall = [r["score"]["overall"] for r in rows]
    ci = stats.bootstrap_mean(overall, src.bootstrap_samples, src.bootstrap_seed, ALPHA)
    return {
        "n": len(rows), "mean": ci.point, "sd": _sd(overall), "ci_low": ci.low, "ci_high": ci.high,
        "dimensions": {d: _mean([r["score"]["dimensions"][d] for r in rows]) for d in DIMENSIONS},
        "mean_forward_passes": _mean([r["forward_passes"] for r in rows]),
        "mean_generated_tokens": _mean([r["generated_tokens"] for r in rows]),
        "wall_seconds_per_task": _mean([r["wall_seconds"] for r in rows]),
        "wall_seconds_total": float(sum(r["wall_seconds"] for r in rows)),
    }


def _ratio(value: float, reference: float) -> float | None:
    """Cost relative to the baseline; undefined (None) when the baseline cost nothing measurable."""
    return value / reference if reference > 0 else None


def _paired(src: Sources, a: Sequence[float], b: Sequence[float]) -> dict:
    return stats.paired_bootstrap(a, b, src.bootstrap_samples, src.bootstrap_seed, ALPHA).as_dict()


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
    deltas = {n: {"a": d.a, "b": d.b, **_paired(src, overall(d.a), overall(d.b))} for n, d in deltas_.items()}

    reference = experiment.CRITIC_REFERENCE
    lift = deltas_[experiment.CRITIC_LIFT]
    strata = []  # lists keep their order through numbers.json (its keys are sorted)
    for stratum in sorted({tasks[i]["stratum"] for i in items}):
        ids = [i for i in items if tasks[i]["stratum"] == stratum]
        strata.append({
            "stratum": stratum, "n": len(ids),
            "conditions": {c: stats.bootstrap_mean(overall(c, ids=ids), src.bootstrap_samples, src.bootstrap_seed,
                                                   ALPHA).as_dict() for c in names},
            "delta_A": _paired(src, overall(lift.a, ids=ids), overall(lift.b, ids=ids)),
        })

    base = conditions[reference]
    pareto_points = []
    for c in names:
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
    return {
        "heldout": {"from": sources, "primary_seed": primary, "n_items": len(items), "conditions": conditions,
                    "deltas": deltas, "strata": strata, "pareto": pareto_points, "pareto_frontier": frontier},
        "seeds": {"from": sources, "per_seed": per_seed, "across_seeds": across},
        "recommendation": {"from": sources, **critic_recommendation(deltas[experiment.CRITIC_LIFT],
                                                                    deltas[experiment.CRITIC_OVER_PROMPT])},
        "ablation_seconds": float(sum(r["wall_seconds"] for r in all_rows)),
    }


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


def judge_numbers(src: Sources) -> dict:
    """Accuracy with Wilson CIs, per-probe, confusion, per-class, McNemar and the deploy call."""
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
    conditions = {}
    for c in names:
        cell = [grid[(c, primary)][i] for i in items]
        conditions[c] = {**_accuracy(gold, preds[c]), "role": experiment.condition(c).role,
                         "mean_forward_passes": _mean([r["forward_passes"] for r in cell]),
                         "wall_seconds_per_item": _mean([r["wall_seconds"] for r in cell])}

    probes = sorted({heldout[i]["probe_id"] for i in items}, key=lambda p: (p == PASS_PROBE, p))
    per_probe = []  # a list, so the PASS controls stay last through numbers.json
    for probe in probes:
        idx = [k for k, i in enumerate(items) if heldout[i]["probe_id"] == probe]
        per_probe.append({"probe": probe, "n": len(idx), "conditions": {
            c: _accuracy([gold[k] for k in idx], [preds[c][k] for k in idx]) for c in names}})

    correct = {c: [g == p for g, p in zip(gold, preds[c])] for c in names}
    mcnemar = {other: {"role": experiment.condition(other).role,
                       **stats.mcnemar_exact(correct[cand], correct[other]).as_dict()}
               for cand, other in experiment.mcnemar_pairs()}
    baselines = experiment.judge_baselines()
    best = max(baselines, key=lambda c: (conditions[c]["accuracy"], -baselines.index(c)))

    per_seed = {str(s): {c: stats.accuracy(gold, predicted(c, s), ALPHA).point for c in names}
                for s in seeds}
    all_rows = [r for cell in grid.values() for r in cell.values()]
    return {
        "heldout": {
            "from": sources, "primary_seed": primary, "n_items": len(items), "labels": list(DECISIONS),
            "gold_counts": {label: gold.count(label) for label in DECISIONS},
            "conditions": conditions, "per_probe": per_probe,
            "confusion": {c: stats.confusion_matrix(gold, preds[c], DECISIONS) for c in names},
            "per_class": {c: stats.per_class_prf(gold, preds[c], DECISIONS) for c in names},
            "mcnemar_vs_candidate": mcnemar, "best_baseline": best,
        },
        "seeds": {"from": sources, "per_seed": per_seed,
                  "across_seeds": {c: stats.seed_spread({s: v[c] for s, v in per_seed.items()}).as_dict()
                                   for c in names}},
        "recommendation": {"from": sources, **judge_recommendation(conditions[candidate], best,
                                                                   conditions[best], mcnemar[best])},
        "ablation_seconds": float(sum(r["wall_seconds"] for r in all_rows)),
    }


def judge_curve_numbers(src: Sources, training: Mapping[str, Any], data_hash: str) -> dict | None:
    """The profile's judge learning curve (benchmarks/judge_learning_curve.py), None where none was measured.

    Read, not recomputed: the curve costs hours on CPU. It must come from the current data tree; its
    points are set beside the default schedule (how many epochs the pipeline's judge trained).
    """
    path = paths.judge_curve_path(src.profile, src.root)
    if not path.is_file():
        return None
    curve = read_json(path)
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
    return {"from": [file_ref(path)], "items": curve["items"], "train_pairs": curve["train_pairs"],
            "planned_epochs": curve["epochs"], "measured_epochs": points[-1]["epoch"] if points else 0.0,
            "complete": bool(curve.get("complete")), "points": points, "baselines": baselines,
            "best": max(points, key=lambda p: (p["accuracy"], -p["epoch"])) if points else None,
            "first_win_over_always_pass": wins[0]["epoch"] if wins else None,
            "default_schedule_epochs": round((training["global_step"] or 0) * pairs_per_step
                                             / curve["train_pairs"], 4)}


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
        out[track] = {"provenance": provenance, "training": training, **numbers}
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
