"""The cpu judge's learning curve: dev accuracy against pairs seen, up to 2 epochs, beside its baselines.

Trains the profile's judge (ORPO, its own hyper-parameters, no step cap: `--epochs` passes over the
train pairs) and, at each evaluation point, scores the same dev items (a stratified subset, each case
whole: tenacious.subsets) by label likelihood, as the ablation does. Dev, never the sealed held-out
items: the curve is what a schedule is chosen on, and a schedule chosen on held-out items reuses the
test set (curves measured that way before carry `"split": "heldout"`, and the stats stage skips them).
Beside it, on the same items: always-PASS, the bag-of-words judge and the published 7-rule engine
(rules_v1), with exact McNemar p-values of the judge against the first two.
A checkpoint is saved at every point and the JSON is rewritten after each one, so an interrupted run
resumes where it stopped (re-run the same command). Writes
benchmarks/results/judge_learning_curve_<profile>.json (+ .png/.pdf), which the stats stage reads.

    .venv/bin/python benchmarks/judge_learning_curve.py [--profile cpu] [--epochs 2] [--items 80] [--set beta=1.0]

`--set` trains a diagnostic variant (its own JSON, e.g. judge_learning_curve_cpu_beta1.0.json), which the
stats stage does not read; so does `--decision-only`, which trains on each pair's DECISION and RULE lines alone
(no rationale: what label scoring reads, without the rationale a pair can be told apart by).
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import time
from pathlib import Path

from tenacious import paths
from tenacious.io import read_json, write_json

SPLIT = "dev"  # the items the curve is measured on (never the sealed held-out split)
# Evaluation points in epochs: dense early, where a short CPU schedule lives, then every quarter epoch.
POINTS: tuple[float, ...] = (0.0, 1 / 16, 1 / 8, 1 / 4, 3 / 8, 1 / 2, 3 / 4, 1.0, 1.25, 1.5, 1.75, 2.0)


def eval_steps(steps_per_epoch: int, epochs: float) -> list[int]:
    """Optimiser steps at which the curve is measured (0 = the untrained adapter), sorted, distinct."""
    return sorted({round(f * steps_per_epoch) for f in (*POINTS, float(epochs)) if f <= epochs})


def baselines(items: list[dict], seed: int) -> dict[str, list[str]]:
    """Predictions of the cheap judges on `items` (the registry's producers, same items as the curve)."""
    from tenacious.ablate import judge_bag_of_words, judge_constant, judge_rule_based
    from tenacious.bench.load import load_judge_items

    rows = {"always_pass": judge_constant(items, "always_pass", seed, "PASS"),
            "bow": judge_bag_of_words(load_judge_items("train"), items, seed),
            "rules_v1": judge_rule_based(items, "rules_v1", seed, "v1")}
    return {name: [r["predicted"] for r in rs] for name, rs in rows.items()}


def summarise(gold: list[str], predicted: list[str], others: dict[str, list[str]]) -> dict:
    """Accuracy with its Wilson interval, the prediction mix, and exact McNemar against each baseline."""
    from collections import Counter

    from tenacious.stats import accuracy, mcnemar_exact

    acc = accuracy(gold, predicted)
    right = [g == p for g, p in zip(gold, predicted, strict=True)]
    tests = {}
    for name, preds in others.items():
        m = mcnemar_exact(right, [g == p for g, p in zip(gold, preds, strict=True)])
        tests[name] = {"judge_only_right": m.b, "baseline_only_right": m.c, "p_value": m.p_value}
    return {"accuracy": acc.point, "ci95": [acc.low, acc.high], "predicted": dict(sorted(Counter(predicted).items())),
            "mcnemar": tests}


def plot(result: dict, path: Path) -> None:
    """The curve as the paper draws it (tenacious.plots.learning_curve), next to the JSON."""
    from tenacious.figures import footer
    from tenacious.plots import learning_curve

    learning_curve(result["points"], {k: v["accuracy"] for k, v in result["baselines"].items()},
                   path.with_suffix(""), f"Judge learning curve, {result['profile']} profile",
                   f"epochs over the {result['train_pairs']} train pairs",
                   f"accuracy on {result['items']} {result['split']} items", footer(result["provenance"]))


def decision_only(pair: dict) -> dict:
    """The pair with its completions cut to `DECISION: …` and `RULE: …` (tenacious.bench.prompts' first two lines)."""
    return {**pair, **{side: "\n".join(pair[side].split("\n")[:2]) for side in ("chosen", "rejected")}}


def run(profile_name: str, epochs: float, n_items: int, out: Path, overrides: dict | None = None,
        decision_only_pairs: bool = False) -> dict:
    from transformers import TrainerCallback

    from tenacious.ablate import judge_by_likelihood
    from tenacious.backbones import load_backbone
    from tenacious.bench.load import load_judge_items, load_pairs
    from tenacious.bench.seal import verify_seal
    from tenacious.profiles import load_profile
    from tenacious.provenance import stamp
    from tenacious.subsets import judge_subset
    from tenacious.train import build_trainer, last_checkpoint

    profile = load_profile(profile_name)
    cfg = dict(profile.train["judge"])
    unknown = sorted(set(overrides or {}) - set(cfg))
    if unknown:
        raise SystemExit(f"--set: {unknown[0]!r} is not a judge training setting of profile {profile.name}")
    cfg.update(overrides or {})  # a diagnostic variant: its own output file and run folder (see main)
    seed = cfg["seeds"][0]
    verify_seal(paths.DATA_DIR)
    items = judge_subset(load_judge_items(SPLIT), n_items)
    gold = [i["gold_decision"] for i in items]
    n_pairs = len(load_pairs("judge", "train"))
    per_epoch = math.ceil(n_pairs / (cfg["per_device_batch"] * cfg["grad_accum"]))
    steps = eval_steps(per_epoch, epochs)
    base_preds = baselines(items, seed)
    result = read_json(out) if out.is_file() else {}
    same_items = result.get("split") == SPLIT and result.get("item_ids") == [i["item_id"] for i in items]
    done = {p["step"]: p for p in result.get("points", []) if same_items}
    backbone = load_backbone(profile.backbones["judge"], device=profile.device, seed=seed,
                             max_seq_length=cfg["max_length"], dtype=cfg["precision"])
    result = {"profile": profile.name, "split": SPLIT, "backbone": backbone.name, "seed": seed, "epochs": epochs,
              "train_pairs": n_pairs, "steps_per_epoch": per_epoch, "eval_steps": steps, "items": len(items),
              "item_ids": [i["item_id"] for i in items], "hyperparameters": {k: v for k, v in cfg.items()
                                                                             if k != "seeds"},
              "prompt_format": profile.prompt_format, "overrides": dict(sorted((overrides or {}).items())),
              "completions": "decision+rule" if decision_only_pairs else "decision+rule+rationale",
              "baselines": {name: summarise(gold, preds, {}) for name, preds in base_preds.items()},
              "points": sorted(done.values(), key=lambda p: p["step"]),
              "provenance": stamp(profile.name, backbone.name, [seed])}

    def measure(model, step: int, train_loss: float | None, wall: float) -> None:
        if step in done:
            return
        start = time.perf_counter()
        model.eval()
        scored = judge_by_likelihood(dataclasses.replace(backbone, model=model), items, "orpo", seed,
                                     adapter_on=True, prompt_format=profile.prompt_format)
        model.train()
        point = {"step": step, "epoch": round(step / per_epoch, 4), "pairs_seen": step * cfg["per_device_batch"],
                 "train_loss": train_loss, "train_seconds": round(wall, 1),
                 "eval_seconds": round(time.perf_counter() - start, 1),
                 **summarise(gold, [r["predicted"] for r in scored], base_preds)}
        done[step] = point
        result["points"] = [done[s] for s in sorted(done)]
        result["complete"] = steps[-1] in done
        write_json(out, result)
        plot(result, out)
        print(f"step {step:4d} ({point['epoch']:.2f} ep): accuracy {point['accuracy']:.3f} "
              f"{point['predicted']}", flush=True)

    class Curve(TrainerCallback):
        def on_train_begin(self, args, state, control, model=None, **kwargs):
            if state.global_step in steps:  # resumed from a checkpoint whose point was not measured
                measure(model, state.global_step, None, 0.0)

        def on_step_end(self, args, state, control, **kwargs):
            if state.global_step in steps:
                control.should_save = True  # the checkpoint this point resumes from

        def on_save(self, args, state, control, model=None, **kwargs):
            losses = [r["loss"] for r in state.log_history if "loss" in r]
            walls = [r["wall_seconds"] for r in state.log_history if "wall_seconds" in r]
            measure(model, state.global_step, losses[-1] if losses else None, walls[-1] if walls else 0.0)

    cfg.update(max_steps=steps[-1], num_epochs=math.ceil(epochs), eval_steps=10 ** 6, save_steps=10 ** 6)
    run_dir = paths.runs_dir(profile.name) / f"judge_curve{_suffix(overrides, decision_only_pairs)}" / f"seed{seed}"
    trainer = build_trainer(profile, "judge", seed, backbone, run_dir, cfg, callbacks=(Curve(),),
                            rewrite_pair=decision_only if decision_only_pairs else None)
    resume = last_checkpoint(run_dir)
    if resume is None:
        measure(trainer.model, 0, None, 0.0)
    trainer.train(resume_from_checkpoint=str(resume) if resume else None)
    return result


def _suffix(overrides: dict | None, decision_only_pairs: bool = False) -> str:
    """File-name suffix of a diagnostic variant: `_beta1.0`; empty for the profile's own settings."""
    return ("_decisiononly" if decision_only_pairs else "") + "".join(
        f"_{k}{v}" for k, v in sorted((overrides or {}).items()))


def _setting(text: str) -> tuple[str, object]:
    import yaml

    key, sep, value = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(f"expected key=value, got {text!r}")
    parsed = yaml.safe_load(value)
    if isinstance(parsed, str):  # YAML 1.1 reads 2e-4 (no dot) as text; a setting that looks numeric is a number
        try:
            parsed = float(parsed)
        except ValueError:
            pass
    return key, parsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profile", default="cpu")
    parser.add_argument("--epochs", type=float, default=2.0, help="passes over the train pairs (a fraction is allowed)")
    parser.add_argument("--items", type=int, default=80, help="dev items, a stratified subset (0 = all)")
    parser.add_argument("--set", type=_setting, action="append", default=[], metavar="KEY=VALUE",
                        help="a diagnostic variant of the profile's judge settings, e.g. beta=1.0")
    parser.add_argument("--decision-only", action="store_true",
                        help="diagnostic: train on each pair's DECISION and RULE lines, without the rationale")
    parser.add_argument("--out", type=Path, default=None, help="default: paths.judge_curve_path(profile)")
    args = parser.parse_args()
    overrides = dict(args.set)
    default = paths.judge_curve_path(args.profile)
    out = args.out or default.with_name(default.stem + _suffix(overrides, args.decision_only) + default.suffix)
    result = run(args.profile, args.epochs, args.items, out, overrides, args.decision_only)
    last = result["points"][-1]
    print(f"{len(result['points'])} points; last at {last['epoch']:.2f} epochs: accuracy {last['accuracy']:.3f}; "
          + ", ".join(f"{k} {v['accuracy']:.3f}" for k, v in sorted(result["baselines"].items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
