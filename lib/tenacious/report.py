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

from tenacious import paths, stats
from tenacious.ablate import CRITIC_CONDITIONS, JUDGE_CONDITIONS
from tenacious.bench.load import critic_tasks_path, judge_items_path, load_critic_tasks, load_judge_items
from tenacious.bench.schema import validate_critic_trace, validate_judge_trace
from tenacious.io import read_json, read_jsonl, sha256_file, write_json
from tenacious.plots import pareto_frontier
from tenacious.prompts import JUDGE_LABELS
from tenacious.provenance import stamp
from tenacious.train import TRACKS, history_rows

ALPHA = 0.05
# Paired critic comparisons, named as on the published critic card (plus D, which tests its hypothesis).
DELTAS: dict[str, tuple[str, str]] = {
    "A": ("critic_rs", "baseline"),
    "B": ("critic_rs", "promptaug"),
    "D": ("critic_rs_diverse", "baseline"),
}
JUDGE_CANDIDATE = "orpo_judge"
# The competitors of the trained judge. Gold labels come from construction (what each item's author
# put in), so the rubric-v2 engine `rules` is a baseline like the others, and `bow` (a bag-of-words
# classifier fitted on train) measures what surface wording alone gets right.
JUDGE_BASELINES: tuple[str, ...] = ("always_pass", "rules_v1", "rules", "bow", "zero_shot")
DIMENSIONS: tuple[str, ...] = ("grounding", "tone", "icp_fit", "ai_maturity", "scheduling")


class ReportError(ValueError):
    """Inputs that cannot give honest numbers (missing conditions, seeds or items); names the file."""


@dataclasses.dataclass(frozen=True)
class Sources:
    """Where a report reads its inputs and writes its outputs, and the statistics settings.

    `for_profile` gives the pipeline's locations; tests build one over a temporary tree. The data
    tree is always `paths.DATA_DIR`, the one the provenance stamp hashes.
    """

    profile: str
    seeds: Mapping[str, Sequence[int]]  # track -> seeds; the first is the primary (card) seed
    bootstrap_samples: int
    bootstrap_seed: int
    runs_dir: Path
    out_dir: Path

    @classmethod
    def for_profile(cls, profile) -> Sources:
        """From a profile name or a loaded profile."""
        from tenacious.profiles import load_profile

        p = load_profile(profile) if isinstance(profile, str) else profile
        return cls(profile=p.name, seeds={t: tuple(p.train[t].seeds) for t in TRACKS},
                   bootstrap_samples=p.stats.bootstrap_samples, bootstrap_seed=p.stats.seed,
                   runs_dir=paths.runs_dir(p.name), out_dir=paths.paper_dir(p.name))

    def traces_path(self, track: str) -> Path:
        return self.runs_dir / "ablate" / f"{track}.jsonl"

    def run_dir(self, track: str, seed: int) -> Path:
        return self.runs_dir / track / f"seed{seed}"

    def primary_seed(self, track: str) -> int:
        return self.seeds[track][0]

    @property
    def numbers_path(self) -> Path:
        return self.out_dir / "numbers.json"

    @property
    def tables_dir(self) -> Path:
        return self.out_dir / "tables"

    @property
    def figures_dir(self) -> Path:
        return self.out_dir / "figures"

    @property
    def cards_dir(self) -> Path:
        return self.out_dir / "model_cards"

    @property
    def paper_path(self) -> Path:
        return self.out_dir / "paper.md"


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
    path = src.run_dir(track, seed) / "run_config.json"
    if not path.is_file():
        raise ReportError(f"{path}: not found; run the train stage for {track} seed {seed}")
    return read_json(path)


def _training(src: Sources, track: str, configs: Mapping[int, dict]) -> dict:
    """Validation reward metrics, final losses, history and hyper-parameters of each seed's run."""
    per_seed: dict[str, dict] = {}
    for seed, config in configs.items():
        history_path = src.run_dir(track, seed) / "history.json"
        if not history_path.is_file():
            raise ReportError(f"{history_path}: not found; run the train stage for {track} seed {seed}")
        rows = history_rows(read_json(history_path))

        def last(key: str, rows=rows) -> float | None:
            return next((r[key] for r in reversed(rows) if r.get(key) is not None), None)

        per_seed[str(seed)] = {
            "from": [file_ref(history_path), file_ref(src.run_dir(track, seed) / "run_config.json")],
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

def critic_recommendation(lift: Mapping[str, Any], over_promptaug: Mapping[str, Any]) -> dict:
    """Deploy the critic only if its 95 % CIs show it beats both cheap alternatives.

    Rejection sampling costs k + 1 forward passes per email; the base model (Δ A) and the prompt-only
    fix (Δ B) cost one. So the lift must be demonstrated against both: a CI that touches zero is no
    demonstrated lift, whatever the point estimate says.
    """
    a_ci = f"[{lift['ci_low']:+.3f}, {lift['ci_high']:+.3f}]"
    b_ci = f"[{over_promptaug['ci_low']:+.3f}, {over_promptaug['ci_high']:+.3f}]"
    if lift["ci_high"] < 0:
        decision, reason = "NO-DEPLOY", f"critic_rs is worse than the baseline: Δ A 95 % CI {a_ci} lies below zero."
    elif lift["ci_low"] <= 0:
        decision, reason = "NO-DEPLOY", f"no demonstrated lift: Δ A 95 % CI {a_ci} includes zero."
    elif over_promptaug["ci_low"] <= 0:
        decision, reason = "NO-DEPLOY", (f"lift over the baseline (Δ A CI {a_ci}) but not over the one-pass "
                                         f"prompt fix (Δ B CI {b_ci} includes zero): prefer promptaug.")
    else:
        decision, reason = "DEPLOY", f"Δ A CI {a_ci} and Δ B CI {b_ci} both lie above zero."
    return {"decision": decision, "reason": reason,
            "rule": "DEPLOY iff the 95 % CIs of Δ A (vs baseline) and Δ B (vs promptaug) both lie above zero"}


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
    grid, items = _trace_grid(path, read_jsonl(path, validate_critic_trace), CRITIC_CONDITIONS, seeds)
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

    conditions = {c: _critic_condition(rows(c), src) for c in CRITIC_CONDITIONS}
    deltas = {name: {"a": a, "b": b, **_paired(src, overall(a), overall(b))} for name, (a, b) in DELTAS.items()}

    a, b = DELTAS["A"]
    strata = []  # lists keep their order through numbers.json (its keys are sorted)
    for stratum in sorted({tasks[i]["stratum"] for i in items}):
        ids = [i for i in items if tasks[i]["stratum"] == stratum]
        strata.append({
            "stratum": stratum, "n": len(ids),
            "conditions": {c: stats.bootstrap_mean(overall(c, ids=ids), src.bootstrap_samples, src.bootstrap_seed,
                                                   ALPHA).as_dict() for c in CRITIC_CONDITIONS},
            "delta_A": _paired(src, overall(a, ids=ids), overall(b, ids=ids)),
        })

    base = conditions["baseline"]
    pareto_points = []
    for c in CRITIC_CONDITIONS:
        lift = _paired(src, overall(c), overall("baseline"))
        pareto_points.append({
            "condition": c, "mean_forward_passes": conditions[c]["mean_forward_passes"],
            "cost_ratio": _ratio(conditions[c]["mean_forward_passes"], base["mean_forward_passes"]),
            "wall_ratio": _ratio(conditions[c]["wall_seconds_per_task"], base["wall_seconds_per_task"]),
            "mean": conditions[c]["mean"], "lift": lift["mean_delta"],
            "lift_ci_low": lift["ci_low"], "lift_ci_high": lift["ci_high"],
        })
    frontier = pareto_frontier([{"condition": p["condition"], "cost": p["mean_forward_passes"], "quality": p["mean"]}
                                for p in pareto_points])
    for point in pareto_points:
        point["on_frontier"] = point["condition"] in frontier

    per_seed = {str(s): {"means": {c: _mean(overall(c, s)) for c in CRITIC_CONDITIONS},
                         "deltas": {n: _mean(np.subtract(overall(a, s), overall(b, s)))
                                    for n, (a, b) in DELTAS.items()}} for s in seeds}
    across = {"means": {c: stats.seed_spread({s: v["means"][c] for s, v in per_seed.items()}).as_dict()
                        for c in CRITIC_CONDITIONS},
              "deltas": {n: stats.seed_spread({s: v["deltas"][n] for s, v in per_seed.items()}).as_dict()
                         for n in DELTAS}}
    all_rows = [r for cell in grid.values() for r in cell.values()]
    return {
        "heldout": {"from": sources, "primary_seed": primary, "n_items": len(items), "conditions": conditions,
                    "deltas": deltas, "strata": strata, "pareto": pareto_points, "pareto_frontier": frontier},
        "seeds": {"from": sources, "per_seed": per_seed, "across_seeds": across},
        "recommendation": {"from": sources, **critic_recommendation(deltas["A"], deltas["B"])},
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
    versus = f"{JUDGE_CANDIDATE} {acc:.3f} vs {baseline_name} {base_acc:.3f}"
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


def _role(condition: str) -> str:
    return "candidate" if condition == JUDGE_CANDIDATE else "baseline"


def judge_numbers(src: Sources) -> dict:
    """Accuracy with Wilson CIs, per-probe, confusion, per-class, McNemar and the deploy call."""
    path = src.traces_path("judge")
    seeds = src.seeds["judge"]
    grid, items = _trace_grid(path, read_jsonl(path, validate_judge_trace), JUDGE_CONDITIONS, seeds)
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

    preds = {c: predicted(c) for c in JUDGE_CONDITIONS}
    conditions = {}
    for c in JUDGE_CONDITIONS:
        cell = [grid[(c, primary)][i] for i in items]
        conditions[c] = {**_accuracy(gold, preds[c]), "role": _role(c),
                         "mean_forward_passes": _mean([r["forward_passes"] for r in cell]),
                         "wall_seconds_per_item": _mean([r["wall_seconds"] for r in cell])}

    probes = sorted({heldout[i]["probe_id"] for i in items}, key=lambda p: (p == "PASS", p))
    per_probe = []  # a list, so the PASS controls stay last through numbers.json
    for probe in probes:
        idx = [k for k, i in enumerate(items) if heldout[i]["probe_id"] == probe]
        per_probe.append({"probe": probe, "n": len(idx), "conditions": {
            c: _accuracy([gold[k] for k in idx], [preds[c][k] for k in idx]) for c in JUDGE_CONDITIONS}})

    correct = {c: [g == p for g, p in zip(gold, preds[c])] for c in JUDGE_CONDITIONS}
    mcnemar = {c: {"role": _role(c), **stats.mcnemar_exact(correct[JUDGE_CANDIDATE], correct[c]).as_dict()}
               for c in JUDGE_CONDITIONS if c != JUDGE_CANDIDATE}
    best = max(JUDGE_BASELINES, key=lambda c: (conditions[c]["accuracy"], -JUDGE_BASELINES.index(c)))

    per_seed = {str(s): {c: stats.accuracy(gold, predicted(c, s), ALPHA).point for c in JUDGE_CONDITIONS}
                for s in seeds}
    all_rows = [r for cell in grid.values() for r in cell.values()]
    return {
        "heldout": {
            "from": sources, "primary_seed": primary, "n_items": len(items), "labels": list(JUDGE_LABELS),
            "gold_counts": {label: gold.count(label) for label in JUDGE_LABELS},
            "conditions": conditions, "per_probe": per_probe,
            "confusion": {c: stats.confusion_matrix(gold, preds[c], JUDGE_LABELS) for c in JUDGE_CONDITIONS},
            "per_class": {c: stats.per_class_prf(gold, preds[c], JUDGE_LABELS) for c in JUDGE_CONDITIONS},
            "mcnemar_vs_candidate": mcnemar, "best_baseline": best,
        },
        "seeds": {"from": sources, "per_seed": per_seed,
                  "across_seeds": {c: stats.seed_spread({s: v[c] for s, v in per_seed.items()}).as_dict()
                                   for c in JUDGE_CONDITIONS}},
        "recommendation": {"from": sources, **judge_recommendation(conditions[JUDGE_CANDIDATE], best,
                                                                   conditions[best], mcnemar[best])},
        "ablation_seconds": float(sum(r["wall_seconds"] for r in all_rows)),
    }


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
                raise ReportError(f"{src.run_dir(track, seed) / 'run_config.json'}: trained on data "
                                  f"{config['provenance']['data_hash'][:12]}, but the data tree is now "
                                  f"{provenance['data_hash'][:12]}; re-run the train stage")
        training = _training(src, track, configs)
        numbers = _TRACK_NUMBERS[track](src)
        numbers["compute"] = {
            "from": [file_ref(src.run_dir(track, s) / "run_config.json") for s in configs]
            + [file_ref(src.traces_path(track))],
            "train_seconds": float(sum(c.get("train_seconds") or 0.0 for c in configs.values())),
            "ablation_seconds": numbers.pop("ablation_seconds"),
            "device": training["device"],
        }
        out[track] = {"provenance": provenance, "training": training, **numbers}
    return out


def write_report(src: Sources) -> dict:
    """Compute the numbers, write numbers.json and every table; returns the numbers."""
    from tenacious.tables import write_tables

    write_json(src.numbers_path, build_report(src))
    numbers = load_numbers(src)  # render what the file holds, exactly as cards and the paper will
    write_tables(numbers, src.tables_dir)
    return numbers


def load_numbers(src: Sources) -> dict:
    """numbers.json as written by the stats stage (what figures, cards and the paper render)."""
    if not src.numbers_path.is_file():
        raise ReportError(f"{src.numbers_path}: not found; run the stats stage first")
    return read_json(src.numbers_path)
