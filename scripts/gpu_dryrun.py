"""Offline dry run of the `paper` profile's GPU code path on random-weight models (no hub, no download).

Builds models with the real Qwen3-1.7B (critic) and Qwen2.5-1.5B-Instruct (judge) architectures from the
configs in scripts/configs/, saves them locally (the judge's folder ends in `bnb-4bit`, so it is loaded in
4 bit like the card's backbone) and runs the profile's own functions on them: `load_backbone` (unsloth from
the local folder on CUDA), LoRA, a few optimiser steps of each trainer on the real pairs, the adapter saved
and reloaded, generate + rank for two critic tasks, label scoring for two judge items. It prints and writes
(benchmarks/results/gpu_dryrun_<device>.json) peak memory, seconds per step, tokens/s, and on full-size
models the projected wall time of the paper profile against the cards (critic 35.9 min of training, judge
~17 min). Random weights make the *numbers* meaningless and the *costs* real.

    python scripts/gpu_dryrun.py                              # on a CUDA machine: the real shapes
    python scripts/gpu_dryrun.py --layers 2 --hidden-small    # reduced, runs on CPU in the test suite
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = ROOT / "scripts" / "configs"
ARCHITECTURES = {"critic": "qwen3-1.7b.json", "judge": "qwen2.5-1.5b-instruct.json"}
QWEN3_TEMPLATE = CONFIGS / "qwen3_chat_template.jinja"
# The cards' training wall times on a T4 (the numbers the projection is compared with).
CARD_TRAIN_MINUTES = {"critic": 35.9, "judge": 17.0}
# --hidden-small: the tiny backbone's width (tenacious.backbones.TINY_SHAPE) on the real architecture.
SMALL = {"hidden_size": 64, "intermediate_size": 128, "num_attention_heads": 4, "num_key_value_heads": 2,
         "head_dim": 16}


def build_model(track: str, folder: Path, layers: int | None, small: bool, seed: int) -> Path:
    """A random-weight model of the track's paper architecture, saved with a tokenizer into `folder`."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM

    from tenacious.backbones import TINY, load_tokenizer

    tokenizer = load_tokenizer(TINY)  # the SmolLM2 BPE: any tokenizer will do for costs, no hub needed
    if track == "critic":
        tokenizer.chat_template = QWEN3_TEMPLATE.read_text()  # Qwen3's template, with its thinking switch
    spec = json.loads((CONFIGS / ARCHITECTURES[track]).read_text())
    spec.update(bos_token_id=tokenizer.convert_tokens_to_ids("<|im_start|>"), eos_token_id=tokenizer.eos_token_id,
                pad_token_id=tokenizer.pad_token_id)
    if layers:
        spec.update(num_hidden_layers=layers, max_window_layers=min(layers, spec.get("max_window_layers", layers)))
    if small:
        spec.update(SMALL, vocab_size=len(tokenizer))
    config = AutoConfig.for_model(**spec)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = AutoModelForCausalLM.from_config(config, dtype=torch.bfloat16 if not small else torch.float32)
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def _peak_memory_gib(device: str) -> float:
    import torch

    if device == "cuda":
        return torch.cuda.max_memory_allocated() / 2**30
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # Linux reports KiB


def _token_count(dataset, tokenizer) -> int:
    """Tokens one pass over the rows feeds the model: prompt + chosen and prompt + rejected."""
    n = 0
    for row in dataset:
        prompt = len(tokenizer(row["prompt"], add_special_tokens=False)["input_ids"])
        n += 2 * prompt + sum(len(tokenizer(row[k], add_special_tokens=False)["input_ids"]) for k in ("chosen",
                                                                                                      "rejected"))
    return n


def dry_run_track(profile, track: str, folder: Path, work: Path, steps: int, reduced: bool, seed: int) -> dict:
    """Train `steps` optimiser steps, save and reload the adapter, then run the track's inference path."""
    import torch
    from peft import PeftModel

    from tenacious import ablate
    from tenacious.backbones import load_backbone
    from tenacious.bench.load import load_critic_tasks, load_judge_items, load_pairs
    from tenacious.train import build_trainer, planned_steps

    device = profile.device
    cfg = dict(profile.train[track])
    cfg.update(max_steps=steps, logging_steps=1, eval_steps=steps, save_steps=10**6, max_eval_pairs=2)
    if reduced:  # one pair per step, truncated, no evaluation pass: the path, not the schedule
        cfg.update(per_device_batch=1, grad_accum=1, max_length=384, eval_steps=10**6)
    if device == "cpu":
        cfg["precision"] = "fp32"  # CPU trains fp32 weights (see backbones.load_backbone)

    if device == "cuda":
        torch.cuda.reset_peak_memory_stats()
    backbone = load_backbone(str(folder), device=device, seed=seed, max_seq_length=cfg["max_length"],
                             dtype=cfg["precision"])
    pairs_per_step = cfg["per_device_batch"] * cfg["grad_accum"]
    # Reduced mode tokenizes only the pairs it trains on; full size tokenizes them all, as the paper run does.
    trainer = build_trainer(profile, track, seed, backbone, work / f"{track}-checkpoints", cfg=cfg,
                            max_train_pairs=steps * pairs_per_step if reduced else 0)
    start = time.perf_counter()
    trainer.train()
    train_seconds = time.perf_counter() - start
    walls = [r["wall_seconds"] for r in trainer.state.log_history if "wall_seconds" in r and "loss" in r]
    # The first step carries compilation and warm-up; later steps are the steady rate when there are any.
    per_step = (walls[-1] - walls[0]) / (len(walls) - 1) if len(walls) > 1 else train_seconds / steps
    rows = trainer.train_dataset.select(range(min(len(trainer.train_dataset), steps * pairs_per_step)))
    tokens_per_step = _token_count(rows, backbone.tokenizer) / steps
    adapter = work / f"{track}-adapter"
    trainer.model.save_pretrained(str(adapter))
    train_peak = _peak_memory_gib(device)
    n_train = len(load_pairs(track, "train"))
    del trainer, backbone
    if device == "cuda":
        torch.cuda.empty_cache()

    # Inference as the ablate stage does it: the base backbone reloaded, the saved adapter attached.
    served = load_backbone(str(folder), device=device, seed=seed)
    served.model = PeftModel.from_pretrained(served.model, str(adapter))
    served.model.eval()
    a = profile.ablate
    max_new = 8 if reduced else a.max_new_tokens
    start = time.perf_counter()
    if track == "critic":
        tasks = load_critic_tasks("dev")[:2]
        rows = ablate.critic_rejection_sampling(served, tasks, "critic_rs", seed, [a.temperature] * a.k,
                                                ["neutral"] * a.k, cfg["beta"], max_new, a.batch_size)
        generated = sum(r["generated_tokens"] for r in rows)
        infer = {"tasks": len(rows), "candidates_per_task": a.k, "generated_tokens": generated,
                 "seconds_per_task": round((time.perf_counter() - start) / len(rows), 3)}
    else:
        items = load_judge_items("dev")[:2]
        rows = ablate.judge_by_likelihood(served, items, "orpo_judge", seed, adapter_on=True)
        rows += ablate.judge_by_likelihood(served, items, "zero_shot", seed, adapter_on=False)
        generated = 0
        infer = {"items": len(items), "labels_scored": len(rows[0]["label_logprobs"]),
                 "seconds_per_item": round((time.perf_counter() - start) / len(rows), 3)}
    infer_seconds = time.perf_counter() - start
    infer["generated_tokens_per_second"] = round(generated / infer_seconds, 1) if generated else None
    return {"train": {"steps": steps, "seconds": round(train_seconds, 3), "seconds_per_step": round(per_step, 3),
                      "tokens_per_second": round(tokens_per_step / per_step, 1) if per_step > 0 else None,
                      "pairs_per_step": pairs_per_step, "precision": cfg["precision"],
                      "paper_steps": planned_steps(profile.train[track], n_train), "train_pairs": n_train},
            "inference": infer, "loader": served.loader, "peak_memory_gib": round(max(train_peak,
                                                                                        _peak_memory_gib(device)), 3)}


def projection(profile, results: dict) -> dict:
    """Full paper-profile wall time from the measured rates, next to the cards' training times."""
    from tenacious.bench.load import load_critic_tasks, load_judge_items

    out = {}
    for track, r in results.items():
        minutes = r["train"]["seconds_per_step"] * r["train"]["paper_steps"] / 60
        out[f"{track}_train_minutes"] = round(minutes, 1)
        out[f"{track}_card_train_minutes"] = CARD_TRAIN_MINUTES[track]
    # Four critic conditions per held-out task (two rejection-sampling ones, measured here; the two greedy ones
    # cost less each, so 4x is an upper bound) and two label-likelihood judge conditions per held-out item.
    heldout_tasks, heldout_items = len(load_critic_tasks("heldout")), len(load_judge_items("heldout"))
    critic_ablate = 4 * results["critic"]["inference"]["seconds_per_task"] * heldout_tasks / 60
    judge_ablate = 2 * results["judge"]["inference"]["seconds_per_item"] * heldout_items / 60
    out["ablate_minutes"] = round(critic_ablate + judge_ablate, 1)
    out["total_minutes"] = round(out["critic_train_minutes"] + out["judge_train_minutes"] + out["ablate_minutes"], 1)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layers", type=int, default=None, help="override the number of decoder layers")
    parser.add_argument("--hidden-small", action="store_true", help="tiny width and vocabulary (CPU test mode)")
    parser.add_argument("--steps", type=int, default=None, help="optimiser steps per trainer (default 3, reduced 1)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=None, help="JSON result (default benchmarks/results/...)")
    parser.add_argument("--workdir", type=Path, default=None, help="where models and adapters go (default: temp)")
    args = parser.parse_args(argv)

    import torch

    from tenacious.profiles import load_profile

    device = "cuda" if torch.cuda.is_available() else "cpu"
    reduced = args.hidden_small or bool(args.layers)
    if device == "cpu" and not reduced:
        print("gpu_dryrun: error: no CUDA device; full-size models on CPU would take hours. Use --layers 2 "
              "--hidden-small for the reduced CPU path.", file=sys.stderr)
        return 2
    steps = args.steps or (1 if reduced else 3)
    profile = load_profile("paper")
    profile["device"] = device  # the paper profile's own settings, on whatever this machine has
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="gpu_dryrun_"))
    results = {}
    try:
        for track in ("critic", "judge"):
            name = ("qwen3-1.7b" if track == "critic" else "qwen2.5-1.5b-instruct-bnb-4bit")
            folder = build_model(track, work / "models" / name, args.layers, args.hidden_small, args.seed)
            results[track] = dry_run_track(profile, track, folder, work, steps, reduced, args.seed)
            print(f"{track}: {json.dumps(results[track], sort_keys=True)}", flush=True)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)

    from tenacious.provenance import device_info, library_versions

    report = {"device": device_info(), "libraries": library_versions(), "reduced": reduced,
              "shape": {"layers": args.layers, "hidden_small": args.hidden_small}, "tracks": results,
              "projection": None if reduced else projection(profile, results)}
    out = args.out or ROOT / "benchmarks" / "results" / f"gpu_dryrun_{device}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n")
    if report["projection"]:
        p = report["projection"]
        print(f"projected paper profile: critic training {p['critic_train_minutes']} min "
              f"(card {p['critic_card_train_minutes']}), judge training {p['judge_train_minutes']} min "
              f"(card {p['judge_card_train_minutes']}), ablations {p['ablate_minutes']} min, "
              f"total {p['total_minutes']} min")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
