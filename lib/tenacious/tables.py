"""The paper's Markdown tables, rendered from numbers.json only.

Tables, model cards and the paper all render from the same numbers dict, so a number shown in one
place cannot differ from numbers.json. Each table ends with the files (and SHA-256 prefixes) its
numbers were computed from, so a table copied out of the paper still says where it came from.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from tenacious import experiment
from tenacious.bench.scorer import DIMENSIONS
from tenacious.io import atomic_write_text
from tenacious.render import markdown_table

# name -> title; the file is tables/<name>.md. Order is the reading order of the paper.
TABLES: dict[str, str] = {
    "critic_headline": "Critic: headline",
    "critic_hyperparameters": "Critic: hyper-parameters",
    "critic_training_history": "Critic: training history",
    "critic_heldout": "Critic: held-out conditions",
    "critic_deltas": "Critic: paired deltas",
    "critic_strata": "Critic: per-stratum breakdown",
    "critic_pareto": "Critic: cost-Pareto",
    "critic_seeds": "Critic: spread across seeds",
    "judge_headline": "Judge: headline",
    "judge_hyperparameters": "Judge: hyper-parameters",
    "judge_training_history": "Judge: training history",
    "judge_summary": "Judge: held-out accuracy per condition",
    "judge_per_probe": "Judge: per-probe accuracy",
    "judge_confusion": f"Judge: confusion matrix ({experiment.judge_candidate()})",
    "judge_per_class": "Judge: per-class precision and recall",
    "judge_mcnemar": f"Judge: exact McNemar, {experiment.judge_candidate()} against each other condition",
    "judge_seeds": "Judge: spread across seeds",
}


def num(value: float | None, digits: int = 3, signed: bool = False) -> str:
    """A number as printed everywhere in the paper; None (undefined) prints as an em dash."""
    if value is None:
        return "—"
    return f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"


def ci(low: float | None, high: float | None, digits: int = 3, signed: bool = False) -> str:
    return "—" if low is None or high is None else f"[{num(low, digits, signed)}, {num(high, digits, signed)}]"


def mean_sd(mean: float, sd: float | None) -> str:
    return f"{num(mean)} ± {num(sd)}"


def _wlt(delta: Mapping) -> str:
    return f"{delta['wins']}/{delta['losses']}/{delta['ties']}"


def sources_line(refs: Sequence[Mapping[str, str]], provenance: Mapping) -> str:
    files = "; ".join(f"`{r['file']}` (sha256 `{r['sha256'][:12]}`)" for r in refs)
    return (f"_Computed from {files}. Profile `{provenance['profile']}`, backbone `{provenance['backbone']}`, "
            f"seeds {provenance['seeds']}, commit `{provenance['commit']}`, data `{provenance['data_hash'][:12]}`._\n")


def _table(caption: str, rows: list[dict], columns: Sequence[str] | None, refs, provenance) -> str:
    return f"{caption}\n\n{markdown_table(rows, columns)}\n{sources_line(refs, provenance)}"


# ------------------------------------------------------------------------------------- both tracks

def _training_table(track: dict) -> tuple[str, list[dict]]:
    rows = [{"step": r["step"], "train loss": r.get("train_loss"), "val loss": r.get("val_loss"),
             "val reward margin": r.get("val_reward_margin"), "val reward accuracy": r.get("val_reward_accuracy"),
             "learning rate": r.get("learning_rate"), "wall s": r.get("wall_seconds")}
            for r in track["training"]["history"]]
    return f"Logged steps of seed {track['training']['primary_seed']} (validation = dev pairs).", rows


def _hyperparameter_rows(track: dict) -> list[dict]:
    t = track["training"]
    rows = [{"setting": "backbone", "value": t["backbone"]["name"]},
            {"setting": "loader / dtype / device", "value": f"{t['backbone']['loader']} / {t['backbone']['dtype']} / "
                                                            f"{t['backbone']['device']}"}]
    rows += [{"setting": k, "value": v} for k, v in sorted(t["hyperparameters"].items())]
    rows += [{"setting": "seeds", "value": track["provenance"]["seeds"]},
             {"setting": "train pairs / validation pairs", "value": f"{t['train_pairs']} / {t['eval_pairs']}"},
             {"setting": "optimiser steps (primary seed)", "value": t["global_step"]},
             {"setting": "train seconds (primary seed)", "value": num(t["train_seconds"], 1)}]
    return rows


def _seed_rows(per_seed: Mapping[str, Mapping[str, float]], spread: Mapping[str, Mapping], keys: Sequence[str],
               training: Mapping) -> list[dict]:
    rows = [{"seed": s, **{k: num(per_seed[s][k]) for k in keys},
             "val pair accuracy": num(training["per_seed"][s]["validation_pair_accuracy"])}
            for s in sorted(per_seed, key=int)]
    rows.append({"seed": "mean ± SD", **{k: mean_sd(spread[k]["mean"], spread[k]["sd"]) for k in keys},
                 "val pair accuracy": (mean_sd(training["across_seeds"]["validation_pair_accuracy"]["mean"],
                                               training["across_seeds"]["validation_pair_accuracy"]["sd"])
                                       if training["across_seeds"]["validation_pair_accuracy"] else "—")})
    return rows


# ------------------------------------------------------------------------------------------ critic

def _critic_headline_rows(critic: dict) -> list[dict]:
    """Training's validation numbers next to the held-out lift and the deploy call derived from it."""
    t, h = critic["training"], critic["heldout"]
    lift = experiment.deltas()[experiment.CRITIC_LIFT]
    a = h["deltas"][lift.name]
    cand, ref = h["conditions"][lift.a], h["conditions"][lift.b]
    rec = critic["recommendation"]
    return [
        {"metric": "validation pair accuracy (last eval)", "value": num(t["validation_pair_accuracy"]), "95% CI": "—",
         "note": f"{t['eval_pairs']} dev pairs, step {t['global_step']}"},
        {"metric": "validation reward margin (last eval)", "value": num(t["validation_reward_margin"]), "95% CI": "—",
         "note": "chosen − rejected SimPO reward"},
        {"metric": f"held-out mean score, {lift.a}", "value": num(cand["mean"]),
         "95% CI": ci(cand["ci_low"], cand["ci_high"]), "note": f"n = {h['n_items']} tasks"},
        {"metric": f"held-out mean score, {lift.b}", "value": num(ref["mean"]),
         "95% CI": ci(ref["ci_low"], ref["ci_high"]), "note": experiment.condition(lift.b).summary},
        {"metric": f"held-out lift Δ {lift.name} ({lift.a} − {lift.b})", "value": num(a["mean_delta"], signed=True),
         "95% CI": ci(a["ci_low"], a["ci_high"], signed=True),
         "note": f"paired bootstrap, one-sided p = {num(a['p_one_sided'], 4)}, W/L/T {_wlt(a)}"},
        {"metric": "deploy recommendation", "value": rec["decision"], "95% CI": "—", "note": rec["reason"]},
    ]


def critic_tables(numbers: dict) -> dict[str, str]:
    c = numbers["critic"]
    h, prov = c["heldout"], c["provenance"]
    train_refs, held_refs = c["training"]["from"], h["from"]
    out = {"critic_headline": _table(
        "Validation numbers are the last evaluation logged during training; held-out numbers are measured on "
        "the sealed tasks.", _critic_headline_rows(c), None, train_refs + held_refs, prov)}
    out["critic_hyperparameters"] = _table("Resolved hyper-parameters of the run (from run_config.json).",
                                           _hyperparameter_rows(c), None, train_refs, prov)
    caption, rows = _training_table(c)
    out["critic_training_history"] = _table(caption, rows, None, train_refs, prov)

    rows = []
    for name in experiment.names("critic"):
        r = h["conditions"][name]
        rows.append({"condition": name, "n": r["n"], "mean ± SD": mean_sd(r["mean"], r["sd"]),
                     "95% CI": ci(r["ci_low"], r["ci_high"]), **{d: num(r["dimensions"][d]) for d in DIMENSIONS},
                     "forward passes / task": num(r["mean_forward_passes"], 2),
                     "tokens / task": num(r["mean_generated_tokens"], 1),
                     "wall s / task": num(r["wall_seconds_per_task"], 3)})
    out["critic_heldout"] = _table(
        f"Rubric score (0–1) of the selected email per held-out task, seed {h['primary_seed']}; CI = percentile "
        f"bootstrap over tasks (B = {numbers['statistics']['bootstrap_samples']}).", rows, None, held_refs, prov)

    rows = [{"Δ": name, "comparison": f"{d['a']} − {d['b']}", "mean Δ": num(d["mean_delta"], signed=True),
             "95% CI": ci(d["ci_low"], d["ci_high"], signed=True), "p (one-sided)": num(d["p_one_sided"], 4),
             "W/L/T": _wlt(d), "n": d["n"]} for name, d in ((n, h["deltas"][n]) for n in experiment.deltas())]
    out["critic_deltas"] = _table(
        f"Paired bootstrap over held-out tasks (B = {numbers['statistics']['bootstrap_samples']}, seed "
        f"{numbers['statistics']['bootstrap_seed']}); p for H1: Δ > 0.", rows, None, held_refs, prov)

    rows = []
    for s in h["strata"]:
        row = {"stratum": s["stratum"], "n": s["n"]}
        for name in experiment.names("critic"):
            m = s["conditions"][name]
            row[name] = f"{num(m['point'])} {ci(m['low'], m['high'])}"
        d = s["delta_A"]
        row[f"Δ {experiment.CRITIC_LIFT}"] = (f"{num(d['mean_delta'], signed=True)} "
                                              f"{ci(d['ci_low'], d['ci_high'], signed=True)}")
        rows.append(row)
    out["critic_strata"] = _table("Mean score [95 % bootstrap CI] per stratum; small strata have wide intervals.",
                                  rows, None, held_refs, prov)

    rows = [{"condition": p["condition"], "forward passes / task": num(p["mean_forward_passes"], 2),
             "cost × baseline": num(p["cost_ratio"], 2), "wall × baseline": num(p["wall_ratio"], 2),
             "mean score": num(p["mean"]), "lift vs baseline": num(p["lift"], signed=True),
             "lift 95% CI": ci(p["lift_ci_low"], p["lift_ci_high"], signed=True),
             "on Pareto frontier": p["on_frontier"]}
            for p in h["pareto"]]
    out["critic_pareto"] = _table("Cost = forward passes per task (k generations + 1 scoring pass for rejection "
                                  "sampling); frontier = no other condition is cheaper and better.",
                                  rows, None, held_refs, prov)

    s = c["seeds"]
    keys = [*experiment.names("critic"), *(f"Δ {n}" for n in experiment.deltas())]
    per_seed = {seed: {**v["means"], **{f"Δ {n}": d for n, d in v["deltas"].items()}}
                for seed, v in s["per_seed"].items()}
    spread = {**s["across_seeds"]["means"], **{f"Δ {n}": d for n, d in s["across_seeds"]["deltas"].items()}}
    out["critic_seeds"] = _table("Held-out mean score per condition and paired deltas for each seed; SD is "
                                 "undefined (—) with one seed.", _seed_rows(per_seed, spread, keys, c["training"]),
                                 None, held_refs + train_refs, prov)
    return out


# ------------------------------------------------------------------------------------------- judge

def _judge_headline_rows(judge: dict) -> list[dict]:
    """The judge's accuracy beside the best baseline, the rule engine and the deploy call."""
    t, h, rec = judge["training"], judge["heldout"], judge["recommendation"]
    name = experiment.judge_candidate()
    cand, best = h["conditions"][name], h["conditions"][h["best_baseline"]]
    test = h["mcnemar_vs_candidate"][h["best_baseline"]]
    others = [{"metric": f"baseline {c}", "value": num(h["conditions"][c]["accuracy"]),
               "95% CI": ci(h["conditions"][c]["ci_low"], h["conditions"][c]["ci_high"]),
               "note": experiment.condition(c).summary}
              for c in experiment.judge_baselines() if c != h["best_baseline"]]
    return [
        {"metric": "validation pair accuracy (last eval)", "value": num(t["validation_pair_accuracy"]), "95% CI": "—",
         "note": f"{t['eval_pairs']} dev pairs, step {t['global_step']}"},
        {"metric": "validation reward margin (last eval)", "value": num(t["validation_reward_margin"]), "95% CI": "—",
         "note": "chosen − rejected ORPO reward"},
        {"metric": f"held-out accuracy, {name}", "value": num(cand["accuracy"]),
         "95% CI": ci(cand["ci_low"], cand["ci_high"]), "note": f"{cand['correct']}/{cand['n']}, Wilson interval"},
        {"metric": f"best honest baseline ({h['best_baseline']})", "value": num(best["accuracy"]),
         "95% CI": ci(best["ci_low"], best["ci_high"]),
         "note": f"exact McNemar p = {num(test['p_value'], 4)} ({test['b']} vs {test['c']} discordant)"},
        *others,
        {"metric": "deploy recommendation", "value": rec["decision"], "95% CI": "—", "note": rec["reason"]},
    ]


def judge_tables(numbers: dict) -> dict[str, str]:
    j = numbers["judge"]
    h, prov = j["heldout"], j["provenance"]
    train_refs, held_refs = j["training"]["from"], h["from"]
    names, candidate = experiment.names("judge"), experiment.judge_candidate()
    out = {"judge_headline": _table(
        "Validation numbers are the last evaluation logged during training; held-out accuracy on the sealed items.",
        _judge_headline_rows(j), None, train_refs + held_refs, prov)}
    out["judge_hyperparameters"] = _table("Resolved hyper-parameters of the run (from run_config.json).",
                                          _hyperparameter_rows(j), None, train_refs, prov)
    caption, rows = _training_table(j)
    out["judge_training_history"] = _table(caption, rows, None, train_refs, prov)

    rows = [{"condition": name, "role": r["role"], "correct / n": f"{r['correct']}/{r['n']}",
             "accuracy": num(r["accuracy"]), "95% Wilson CI": ci(r["ci_low"], r["ci_high"]),
             "forward passes / item": num(r["mean_forward_passes"], 2),
             "wall s / item": num(r["wall_seconds_per_item"], 4)}
            for name, r in ((c, h["conditions"][c]) for c in names)]
    out["judge_summary"] = _table(
        f"Held-out items, seed {h['primary_seed']}. Gold decisions come from construction (the violation each "
        "item's author put in, or none), so every rule engine is a baseline like the others; the conditions are "
        "described in the paper's methods.", rows, None, held_refs, prov)

    rows = [{"probe": p["probe"], "n": p["n"],
             **{name: f"{num(p['conditions'][name]['accuracy'], 2)} ({p['conditions'][name]['correct']}/{p['n']})"
                for name in names}} for p in h["per_probe"]]
    out["judge_per_probe"] = _table("Accuracy (correct/n) per probe; PASS = good drafts that must go out.",
                                    rows, None, held_refs, prov)

    labels = h["labels"]
    rows = [{"gold \\ predicted": gold, **dict(zip(labels, counts))}
            for gold, counts in zip(labels, h["confusion"][candidate])]
    out["judge_confusion"] = _table(f"Counts, rows = gold decision, columns = {candidate}'s prediction.",
                                    rows, ["gold \\ predicted", *labels], held_refs, prov)

    rows = [{"condition": name, "label": label, "precision": num(m["precision"]), "recall": num(m["recall"]),
             "F1": num(m["f1"]), "support": m["support"], "predicted": m["predicted"]}
            for name in names for label, m in ((lb, h["per_class"][name][lb]) for lb in labels)]
    out["judge_per_class"] = _table("Per gold class; precision is undefined (—) for a label never predicted, "
                                    "recall for a label absent from gold.", rows, None, held_refs, prov)

    rows = [{"other condition": name, "role": m["role"], f"only {candidate} right": m["b"],
             "only other right": m["c"], "both right": m["both_correct"], "both wrong": m["both_wrong"],
             "exact p (two-sided)": num(m["p_value"], 4)}
            for name, m in ((other, h["mcnemar_vs_candidate"][other]) for _, other in experiment.mcnemar_pairs())]
    out["judge_mcnemar"] = _table("Exact McNemar test on the same held-out items; only discordant items carry "
                                  "evidence.", rows, None, held_refs, prov)

    s = j["seeds"]
    out["judge_seeds"] = _table("Held-out accuracy per condition for each seed; SD is undefined (—) with one seed.",
                                _seed_rows(s["per_seed"], s["across_seeds"], list(names), j["training"]),
                                None, held_refs + train_refs, prov)
    return out


_RENDERERS: tuple[Callable[[dict], dict[str, str]], ...] = (critic_tables, judge_tables)


def render_tables(numbers: dict) -> dict[str, str]:
    """Every table as Markdown, keyed by its name in TABLES (in that order)."""
    rendered = {name: md for render in _RENDERERS for name, md in render(numbers).items()}
    return {name: rendered[name] for name in TABLES}


def write_tables(numbers: dict, out_dir: Path) -> list[Path]:
    """Write tables/<name>.md for every table; returns the paths in TABLES order."""
    written = []
    for name, md in render_tables(numbers).items():
        path = Path(out_dir) / f"{name}.md"
        atomic_write_text(path, md)
        written.append(path)
    return written
