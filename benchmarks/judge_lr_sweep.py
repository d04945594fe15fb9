"""Learning rate x steps sweep of the profile's judge, measured on dev: what sets the cpu judge schedule.

For each learning rate, a fresh LoRA adapter is trained with the profile's other judge settings (or `--set`
overrides) and, at each step count of `--steps`, a fixed seeded sample of dev items is scored by label
likelihood, as the ablation scores the held-out items. Beside it, on the same items: always-PASS and the
bag-of-words judge, with exact McNemar p-values of the judge against both, and the judge's recall per decision.
Training seconds per optimiser step are recorded apart from the scoring time. The JSON is rewritten after each
point (a learning rate already complete in it is not re-run). Writes
benchmarks/results/judge_lr_sweep_<profile>.json and .png.

    nice -n 10 .venv/bin/python benchmarks/judge_lr_sweep.py [--profile cpu] [--data DIR] [--items 80] \\
        [--lrs 2e-4,5e-4,1e-3] [--steps 15,30,45] [--set lora_layers=8]
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections import Counter
from pathlib import Path

from tenacious import paths
from tenacious.io import read_json, write_json

RESULT_DIR = paths.BENCHMARKS_DIR / "results"


def recall_by_decision(gold: list[str], predicted: list[str]) -> dict[str, float]:
    """Share of each gold decision's items the judge got right (decisions in gold order of first sight, sorted)."""
    from tenacious.stats import per_class_prf

    return {label: row["recall"] for label, row in sorted(per_class_prf(gold, predicted, sorted(set(gold))).items())}


def summarise(gold: list[str], predicted: list[str], baselines: dict[str, list[str]]) -> dict:
    """Accuracy with its Wilson interval, the prediction mix, recall per decision, exact McNemar per baseline."""
    from tenacious.stats import accuracy, mcnemar_exact

    acc = accuracy(gold, predicted)
    right = [g == p for g, p in zip(gold, predicted, strict=True)]
    tests = {}
    for name, preds in sorted(baselines.items()):
        m = mcnemar_exact(right, [g == p for g, p in zip(gold, preds, strict=True)])
        tests[name] = {"judge_only_right": m.b, "baseline_only_right": m.c, "p_value": m.p_value}
    return {"accuracy": acc.point, "ci95": [acc.low, acc.high], "predicted": dict(sorted(Counter(predicted).items())),
            "recall": recall_by_decision(gold, predicted), "mcnemar": tests}


def plot(result: dict, path: Path) -> None:
    """Dev accuracy against optimiser steps, one line per learning rate, baselines dashed."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from tenacious.figures import footer
    from tenacious.render import PNG_DPI

    fig, ax = plt.subplots(figsize=(7.5, 4))
    for i, (lr, run) in enumerate(sorted(result["runs"].items(), key=lambda kv: float(kv[0]))):
        points = [result["untrained"], *run["points"]]
        ax.plot([p["step"] for p in points], [p["accuracy"] for p in points], marker="o", color=f"C{i}",
                label=f"lr {lr}")
    for j, (name, base) in enumerate(sorted(result["baselines"].items())):
        ax.axhline(base["accuracy"], color=f"C{j + 5}", linestyle="--", linewidth=1,
                   label=f"{name} {base['accuracy']:.3f}")
    ax.set_ylim(0, 1)
    ax.set_xlabel(f"optimiser steps ({result['hyperparameters']['per_device_batch']} pairs each)")
    ax.set_ylabel(f"accuracy on {result['items']} dev items")
    ax.set_title(f"Judge learning-rate sweep, {result['profile']} profile")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.text(0.01, 0.01, footer(result["provenance"]), fontsize=6, color="0.4")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    fig.savefig(path, dpi=PNG_DPI)
    plt.close(fig)


def run(profile_name: str, data_dir: Path, n_items: int, lrs: list[float], steps: list[int], overrides: dict,
        out: Path) -> dict:
    import tempfile

    import torch

    from tenacious.ablate import judge_bag_of_words, judge_by_likelihood
    from tenacious.backbones import attach_lora, load_backbone
    from tenacious.bench.load import load_judge_items, load_pairs
    from tenacious.profiles import load_profile
    from tenacious.provenance import stamp
    from tenacious.train import build_trainer, eval_sample

    torch.set_num_threads(2)
    profile = load_profile(profile_name)
    cfg = dict(profile.train["judge"])
    unknown = sorted(set(overrides) - set(cfg))
    if unknown:
        raise SystemExit(f"--set: {unknown[0]!r} is not a judge training setting of profile {profile.name}")
    cfg.update(overrides, max_steps=max(steps), eval_steps=10 ** 6, save_steps=10 ** 6, logging_steps=10 ** 6)
    seed = cfg["seeds"][0]
    items = eval_sample(load_judge_items("dev", data_dir), n_items, seed)
    gold = [i["gold_decision"] for i in items]
    base_preds = {"always_pass": ["PASS"] * len(items),
                  "bow": [r["predicted"] for r in judge_bag_of_words(load_judge_items("train", data_dir), items, seed)]}
    train_pairs = load_pairs("judge", "train", data_dir)
    settings = {k: v for k, v in sorted(cfg.items()) if k not in ("seeds", "learning_rate", "max_steps")}
    previous = read_json(out) if out.is_file() else {}
    same = previous.get("hyperparameters") == settings and previous.get("item_ids") == [i["item_id"] for i in items]
    result = {"profile": profile.name, "seed": seed, "items": len(items), "item_ids": [i["item_id"] for i in items],
              "gold": dict(sorted(Counter(gold).items())), "train_pairs": len(train_pairs),
              "train_pair_decisions": dict(sorted(Counter(p["chosen"].split("\n")[0][10:] for p in train_pairs)
                                                  .items())),
              "hyperparameters": settings, "prompt_format": profile.prompt_format, "steps": steps,
              "baselines": {name: summarise(gold, preds, {}) for name, preds in base_preds.items()},
              "runs": previous.get("runs", {}) if same else {}, "untrained": previous.get("untrained") if same else None}

    def score(backbone, model) -> list[str]:
        model.eval()
        rows = judge_by_likelihood(dataclasses.replace(backbone, model=model), items, "orpo", seed,
                                   adapter_on=True, prompt_format=profile.prompt_format)
        model.train()
        return [r["predicted"] for r in rows]

    def save() -> None:
        write_json(out, result)
        plot(result, out.with_suffix(".png"))

    backbone = None
    for lr in lrs:
        key = f"{lr:g}"
        if result["runs"].get(key, {}).get("complete"):
            continue
        backbone = load_backbone(profile.backbones["judge"], device=profile.device, seed=seed,
                                 max_seq_length=cfg["max_length"], dtype=cfg["precision"])
        result["provenance"] = stamp(profile.name, backbone.name, [seed])
        if result["untrained"] is None:
            model = attach_lora(backbone, cfg["lora_r"], cfg["lora_alpha"], cfg["lora_dropout"], seed=seed,
                                layers=cfg["lora_layers"])
            result["untrained"] = {"step": 0, **summarise(gold, score(backbone, model), base_preds)}
            backbone = load_backbone(profile.backbones["judge"], device=profile.device, seed=seed,
                                     max_seq_length=cfg["max_length"], dtype=cfg["precision"])
        record = result["runs"][key] = {"learning_rate": lr, "points": [], "complete": False}
        measure = _measurer(record, steps, cfg["per_device_batch"], lambda model, bb=backbone: summarise(
            gold, score(bb, model), base_preds), save, key)
        with tempfile.TemporaryDirectory() as tmp:
            trainer = build_trainer(profile, "judge", seed, backbone, Path(tmp), {**cfg, "learning_rate": lr},
                                    callbacks=(measure,), data_dir=data_dir)
            measure.since = time.perf_counter()
            trainer.train()
    save()
    return result


def _measurer(record: dict, steps: list[int], batch: int, evaluate, save, key: str):
    """A trainer callback that scores the adapter at each of `steps` and appends the point to `record`,
    timing training apart from scoring."""
    from transformers import TrainerCallback

    class Measure(TrainerCallback):
        def __init__(self):
            self.train_seconds, self.since = 0.0, time.perf_counter()

        def on_step_end(self, args, state, control, model=None, **kwargs):
            if state.global_step not in steps:
                return
            self.train_seconds += time.perf_counter() - self.since
            start = time.perf_counter()
            point = {"step": state.global_step, "pairs_seen": state.global_step * batch,
                     "train_seconds": round(self.train_seconds, 1),
                     "seconds_per_step": round(self.train_seconds / state.global_step, 2), **evaluate(model)}
            point["eval_seconds"] = round(time.perf_counter() - start, 1)
            record["points"].append(point)
            record["complete"] = state.global_step == max(steps)
            save()
            print(f"lr {key} step {state.global_step}: accuracy {point['accuracy']:.3f} {point['predicted']} "
                  f"({point['seconds_per_step']} s/step)", flush=True)
            self.since = time.perf_counter()

    return Measure()


def _number_list(kind):
    return lambda text: [kind(float(x)) for x in text.split(",")]


def _setting(text: str) -> tuple[str, object]:
    import yaml

    key, sep, value = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(f"expected key=value, got {text!r}")
    return key, yaml.safe_load(value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profile", default="cpu")
    parser.add_argument("--data", type=Path, default=paths.DATA_DIR, help="a built data folder (default data/)")
    parser.add_argument("--items", type=int, default=80, help="seeded sample of dev items (0 = all)")
    parser.add_argument("--lrs", type=_number_list(float), default=[2e-4, 5e-4, 1e-3])
    parser.add_argument("--steps", type=_number_list(int), default=[15, 30, 45], help="measured step counts")
    parser.add_argument("--set", type=_setting, action="append", default=[], metavar="KEY=VALUE",
                        help="judge settings other than the profile's, e.g. lora_layers=8")
    parser.add_argument("--out", type=Path, default=None, help="default: results/judge_lr_sweep_<profile>.json")
    args = parser.parse_args()
    out = args.out or RESULT_DIR / f"judge_lr_sweep_{args.profile}.json"
    result = run(args.profile, args.data, args.items, args.lrs, sorted(set(args.steps)), dict(args.set), out)
    for lr, r in sorted(result["runs"].items(), key=lambda kv: float(kv[0])):
        print(f"lr {lr}: " + ", ".join(f"{p['step']} steps {p['accuracy']:.3f}" for p in r["points"]))
    print(", ".join(f"{k} {v['accuracy']:.3f}" for k, v in sorted(result["baselines"].items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
