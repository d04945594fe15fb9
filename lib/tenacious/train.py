"""Preference training: SimPO for the critic (TRL CPO, loss_type="simpo") and ORPO for the judge.

`train(profile, track, seed)` verifies the data seal, renders every pair's prompt with the prompt
builder inference uses (in the profile's `prompt_format`), trains a LoRA adapter with the profile's hyper-parameters, and writes under
`runs/<profile>/<track>/seed<N>/`: `adapter/` (PEFT format), `trainer_state.json`, `history.json`
(the trainer's log history, each row with wall seconds) and `run_config.json` (resolved
hyper-parameters + provenance). Re-running an interrupted run resumes from its last checkpoint.
"""

from __future__ import annotations

import math
import random
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tenacious import paths
from tenacious.backbones import Backbone, attach_lora, load_backbone, resolve_device
from tenacious.bench.load import TRACKS, load_critic_tasks, load_judge_items
from tenacious.bench.prompts import render_prompt, trained_messages
from tenacious.io import write_json
from tenacious.pair_forward import shared_prompt_forward
from tenacious.provenance import device_info, library_versions, stamp


class TrainError(ValueError):
    """A training request that cannot run (unknown track, missing data)."""


def check_track(track: str) -> str:
    if track not in TRACKS:
        raise TrainError(f"unknown track {track!r}; choose 'critic' (SimPO) or 'judge' (ORPO)")
    return track


def pair_messages(pairs: list[dict], track: str, prompt_format: str, split: str) -> list[list[dict]]:
    """Each pair's prompt messages in `prompt_format`.

    `full` is what the pairs store; any other format is re-rendered from the pair's source task/item with
    `trained_messages`, the renderer inference uses, so data/ holds one format and training follows the profile.
    """
    if prompt_format == "full":
        return [p["prompt_messages"] for p in pairs]
    records = load_critic_tasks(split) if track == "critic" else load_judge_items(split)
    by_id = {r["task_id" if track == "critic" else "item_id"]: r for r in records}
    missing = sorted({p["source_id"] for p in pairs} - set(by_id))
    if missing:
        raise TrainError(f"{track} {split} pair source {missing[0]!r} is not in the {split} split; rebuild data/")
    return [trained_messages(track, by_id[p["source_id"]], prompt_format) for p in pairs]


def pairs_dataset(pairs: list[dict], tokenizer: Any, messages: list[list[dict]] | None = None):
    """TRL's prompt/chosen/rejected columns, prompts rendered by the shared prompt builder
    (from `messages` where given, else the pairs' stored messages)."""
    from datasets import Dataset

    messages = messages if messages is not None else [p["prompt_messages"] for p in pairs]
    rows = [{"prompt": render_prompt(tokenizer, m), "chosen": p["chosen"], "rejected": p["rejected"]}
            for p, m in zip(pairs, messages, strict=True)]
    return Dataset.from_list(rows)


def eval_sample(pairs: list[dict], n: int, seed: int) -> list[dict]:
    """A seeded sample of `n` dev pairs in file order (0 = all): a sample, not the first n of a sorted file."""
    if not n or n >= len(pairs):
        return pairs
    return [pairs[i] for i in sorted(random.Random(seed).sample(range(len(pairs)), n))]


def _optim(name: str, device: str) -> str:
    """8-bit AdamW needs bitsandbytes on CUDA; elsewhere the card's optimiser falls back to AdamW."""
    if name == "adamw_8bit":
        return "adamw_bnb_8bit" if device == "cuda" else "adamw_torch"
    return name


def half_precision(precision: str, backbone: Backbone) -> str:
    """The trainer's half precision matched to the loaded weights on the unsloth path.

    unsloth loads fp16 on a T4 (the cards' GPU) and bf16 where the GPU supports it, and its trainers
    refuse fp16 training of bf16 weights; the profile's `fp16` therefore means "the GPU's half precision".
    """
    if backbone.loader == "unsloth" and precision in ("fp16", "bf16"):
        return {"bfloat16": "bf16", "float16": "fp16"}.get(backbone.dtype, precision)
    return precision


def trainer_config(track: str, cfg: dict, out_dir: Path, seed: int, device: str,
                   gradient_checkpointing: bool = True) -> Any:
    """The TRL config for one track, every value from the profile.

    `gradient_checkpointing` (TRL's default) recomputes activations to save memory: on for unsloth's path,
    off elsewhere, where a LoRA on these backbones fits and the shared-prompt forward needs the KV cache.
    """
    common = dict(gradient_checkpointing=gradient_checkpointing,
        output_dir=str(out_dir), seed=seed, data_seed=seed, learning_rate=cfg["learning_rate"],
        # transformers 5: a warmup_steps value below 1 is a ratio of the total steps
        lr_scheduler_type=cfg["lr_scheduler"], warmup_steps=cfg["warmup_ratio"],
        num_train_epochs=cfg["num_epochs"], max_steps=cfg["max_steps"],
        per_device_train_batch_size=cfg["per_device_batch"], per_device_eval_batch_size=cfg["per_device_batch"],
        gradient_accumulation_steps=cfg["grad_accum"], max_length=cfg["max_length"], beta=cfg["beta"],
        logging_steps=cfg["logging_steps"], eval_strategy="steps", eval_steps=cfg["eval_steps"],
        save_strategy="steps", save_steps=cfg["save_steps"], save_total_limit=2, report_to=[],
        optim=_optim(cfg["optim"], device), bf16=cfg["precision"] == "bf16", fp16=cfg["precision"] == "fp16",
        use_cpu=device == "cpu", dataloader_num_workers=0, remove_unused_columns=False,
        disable_tqdm=False, logging_first_step=True,
    )
    if track == "critic":
        from trl.experimental.cpo import CPOConfig

        # SimPO = CPO with loss_type="simpo" and no NLL term; gamma is the absolute target margin.
        return CPOConfig(loss_type="simpo", cpo_alpha=0.0, simpo_gamma=cfg["simpo_gamma"], **common)
    from trl.experimental.orpo import ORPOConfig

    return ORPOConfig(**common)


def completion_nll(chosen_logits: Any, chosen_labels: Any) -> Any:
    """Mean NLL of the chosen completion tokens only.

    `chosen_logits` are TRL's shifted logits (position t predicts token t+1); `chosen_labels` are the
    tokenized labels, -100 on every prompt and padding token, so the mask keeps completion tokens alone.
    """
    import torch.nn.functional as F

    width = chosen_logits.shape[1] + 1
    labels = F.pad(chosen_labels, (0, max(0, width - chosen_labels.shape[1])), value=-100)[:, 1:width]
    return F.cross_entropy(chosen_logits.reshape(-1, chosen_logits.shape[-1]), labels.reshape(-1).to(
        chosen_logits.device), ignore_index=-100)


def _trainer_class(track: str, shared_prompt: bool):
    """TRL's trainer for the track, with ORPO's NLL on the completion only and, where `shared_prompt`,
    one prompt pass per pair (`pair_forward`); any batch it cannot take goes through TRL's own forward."""
    if track == "critic":
        from trl.experimental.cpo import CPOTrainer as Base
    else:
        from trl.experimental.orpo import ORPOTrainer as Base

    class PairTrainer(Base):
        """TRL 1.15 computes ORPO's NLL over prompt + completion; with a long fixed prompt that mostly
        teaches the model to recite the prompt, so the judge's SFT signal is moved onto the answer (every
        profile). The critic's SimPO has no NLL term (cpo_alpha 0)."""

        def concatenated_forward(self, model, batch):
            import torch

            simpo_like = track == "judge" or (self.cpo_alpha == 0 and self.loss_type in ("simpo", "ipo"))
            if shared_prompt and simpo_like and not self.aux_loss_enabled:
                out = shared_prompt_forward(model, batch, average=True)
                if out is not None:
                    nll = out.chosen_nll if track == "judge" else torch.tensor(0.0, device=out.chosen_logps.device)
                    return out.chosen_logps, out.rejected_logps, out.chosen_logits, out.rejected_logits, nll
            out = super().concatenated_forward(model, batch)
            if track == "judge":
                return (*out[:4], completion_nll(out[2], batch["chosen_labels"]), *out[5:])
            return out

    PairTrainer.__name__ = PairTrainer.__qualname__ = f"Pair{Base.__name__}"
    return PairTrainer


def _wall_clock_callback():
    """Stamp each log-history row with seconds since training began (continuing across resumes)."""
    from transformers import TrainerCallback

    class WallClock(TrainerCallback):
        def __init__(self):  # an evaluate() before train() logs too
            self.offset, self.start = 0.0, time.perf_counter()

        def on_train_begin(self, args, state, control, **kwargs):
            done = [r["wall_seconds"] for r in state.log_history if "wall_seconds" in r]
            self.offset = done[-1] if done else 0.0
            self.start = time.perf_counter()

        def on_log(self, args, state, control, logs=None, **kwargs):
            if state.log_history:
                state.log_history[-1]["wall_seconds"] = round(self.offset + time.perf_counter() - self.start, 3)

    return WallClock()


def _stop_after(steps: int):
    """Interrupt training after `steps` optimiser steps (used to test resuming)."""
    from transformers import TrainerCallback

    class StopAfter(TrainerCallback):
        def on_step_end(self, args, state, control, **kwargs):
            if state.global_step >= steps:
                control.should_save = True
                control.should_training_stop = True

    return StopAfter()


def planned_steps(cfg: dict, n_pairs: int, world_size: int = 1) -> int:
    """Optimiser steps a schedule runs, as the HF Trainer counts them: max_steps when set, else epochs x
    ceil(micro-batches per epoch / grad_accum) (projections and tests use it; the trainer decides)."""
    if cfg["max_steps"] > 0:
        return cfg["max_steps"]
    micro = math.ceil(n_pairs / (cfg["per_device_batch"] * world_size))
    return cfg["num_epochs"] * math.ceil(micro / cfg["grad_accum"])


def last_checkpoint(out_dir: Path) -> Path | None:
    ckpts = sorted(out_dir.glob("checkpoint-*"), key=lambda p: int(p.name.split("-")[1]))
    return ckpts[-1] if ckpts else None


def run_config(profile, track: str, seed: int, backbone: Backbone, n_train: int, n_eval: int) -> dict:
    cfg = dict(profile.train[track])
    cfg.pop("seeds")
    cfg["prompt_format"] = profile.prompt_format  # shown with the hyper-parameters in the cards' tables
    if track == "judge":
        cfg["orpo_nll"] = "completion only"  # CompletionOnlyORPOTrainer
    return {"track": track, "seed": seed, "method": cfg["method"], "hyperparameters": cfg,
            "prompt_format": profile.prompt_format,
            "train_pairs": n_train, "eval_pairs": n_eval, "backbone": backbone.describe(),
            "provenance": stamp(profile.name, backbone.name, [seed]),
            "libraries": library_versions(), "device": device_info()}


def build_trainer(profile, track: str, seed: int, backbone: Backbone, out_dir: Path, cfg: dict | None = None,
                  callbacks: tuple = (), max_train_pairs: int = 0, rewrite_pair: Callable[[dict], dict] | None = None):
    """A TRL trainer for one track on the sealed train/dev pairs; `cfg` overrides the profile's.

    `max_train_pairs` keeps only the first pairs (0 = all): dry runs that take a few steps skip tokenizing the rest.
    `rewrite_pair` maps each train/dev pair first (a diagnostic variant, e.g. the learning curve's --decision-only).
    """
    from tenacious.bench.load import load_pairs

    cfg = dict(cfg or profile.train[track])
    cfg["precision"] = half_precision(cfg["precision"], backbone)
    train_pairs, dev_pairs = load_pairs(track, "train"), load_pairs(track, "dev")
    if rewrite_pair is not None:
        train_pairs, dev_pairs = [rewrite_pair(p) for p in train_pairs], [rewrite_pair(p) for p in dev_pairs]
    if not train_pairs or not dev_pairs:
        raise TrainError(f"no {track} training or dev pairs under {paths.DATA_DIR}; run the data stage first")
    train_pairs = train_pairs[:max_train_pairs] if max_train_pairs else train_pairs
    dev_pairs = eval_sample(dev_pairs, cfg["max_eval_pairs"], seed)
    fmt = profile.prompt_format
    device = resolve_device(profile.device)
    model = attach_lora(backbone, cfg["lora_r"], cfg["lora_alpha"], cfg["lora_dropout"], seed=seed)
    # unsloth's fast forwards are not meant to continue a cache in training: TRL's forward there
    shared = backbone.loader != "unsloth"
    return _trainer_class(track, shared)(
        model=model, args=trainer_config(track, cfg, out_dir, seed, device, gradient_checkpointing=not shared),
        train_dataset=pairs_dataset(train_pairs, backbone.tokenizer, pair_messages(train_pairs, track, fmt, "train")),
        eval_dataset=pairs_dataset(dev_pairs, backbone.tokenizer, pair_messages(dev_pairs, track, fmt, "dev")),
        processing_class=backbone.tokenizer, callbacks=[_wall_clock_callback(), *callbacks])


def train(profile, track: str, seed: int, *, stop_after_steps: int | None = None,
          backbone: Backbone | None = None, run_dir: Path | None = None) -> dict:
    """Train one adapter; returns the run config (with the final metrics) that was written.

    Under `accelerate launch` every process trains its shard and only the main process writes the
    adapter and the run files (one adapter, whatever the number of processes).
    """
    from tenacious.bench.seal import verify_seal

    check_track(track)
    device = resolve_device(profile.device)  # a GPU-only profile stops here, before anything is read
    verify_seal(paths.DATA_DIR)  # refuse to train on tampered data, before any model is loaded
    cfg = profile.train[track]
    backbone = backbone or load_backbone(profile.backbones[track], device=device,
                                         seed=seed, max_seq_length=cfg["max_length"], dtype=cfg["precision"])
    run_dir = run_dir or paths.train_run_dir(profile.name, track, seed)
    ckpt_dir = run_dir / "checkpoints"
    extra = (_stop_after(stop_after_steps),) if stop_after_steps else ()
    trainer = build_trainer(profile, track, seed, backbone, ckpt_dir, callbacks=extra)
    resume = last_checkpoint(ckpt_dir)
    if resume is not None:
        print(f"resuming {track} seed {seed} from {resume}")
    trainer.train(resume_from_checkpoint=str(resume) if resume else None)
    if stop_after_steps and trainer.state.global_step < trainer.state.max_steps:
        return {"interrupted_at_step": trainer.state.global_step}
    if not trainer.is_world_process_zero():
        return {"global_step": trainer.state.global_step, "written_by": "main process"}

    config = run_config(profile, track, seed, backbone, len(trainer.train_dataset), len(trainer.eval_dataset))
    config["global_step"] = trainer.state.global_step
    config["world_size"] = trainer.args.world_size  # processes that trained it (accelerate launch)
    config["train_seconds"] = next((r["wall_seconds"] for r in reversed(trainer.state.log_history)
                                    if "wall_seconds" in r), None)
    tmp_adapter = run_dir / "adapter.tmp"
    shutil.rmtree(tmp_adapter, ignore_errors=True)
    trainer.model.save_pretrained(str(tmp_adapter))
    shutil.rmtree(run_dir / "adapter", ignore_errors=True)
    tmp_adapter.rename(run_dir / "adapter")
    trainer.state.save_to_json(str(run_dir / "trainer_state.json"))
    write_json(run_dir / "history.json", {"track": track, "seed": seed, "provenance": config["provenance"],
                                          "log_history": trainer.state.log_history})
    write_json(run_dir / "run_config.json", config)
    return config


def history_rows(history: dict) -> list[dict]:
    """One row per logged step, train and eval metrics side by side (for tables and notebooks)."""
    by_step: dict[int, dict] = {}
    keys = {"loss": "train_loss", "eval_loss": "val_loss", "eval_rewards/margins": "val_reward_margin",
            "eval_rewards/accuracies": "val_reward_accuracy", "rewards/margins": "train_reward_margin",
            "learning_rate": "learning_rate", "wall_seconds": "wall_seconds"}
    for rec in history["log_history"]:
        if "step" not in rec or "train_runtime" in rec:
            continue
        row = by_step.setdefault(int(rec["step"]), {"step": int(rec["step"])})
        row.update({new: rec[old] for old, new in keys.items() if old in rec})
    return [by_step[s] for s in sorted(by_step)]


def main(argv: list[str] | None = None) -> int:
    """One training run from the command line; `accelerate launch -m tenacious.train ...` scales it out."""
    import argparse
    import sys

    from tenacious.backbones import BackboneError
    from tenacious.bench.seal import SealError
    from tenacious.profiles import ProfileError, load_profile

    parser = argparse.ArgumentParser(prog="python -m tenacious.train", description=main.__doc__)
    parser.add_argument("--profile", default="auto", help="smoke | cpu | paper | auto")
    parser.add_argument("--track", required=True, choices=TRACKS)
    parser.add_argument("--seed", type=int, default=None, help="default: the profile's first seed for the track")
    parser.add_argument("--run-dir", type=Path, default=None, help="default: runs/<profile>/<track>/seed<N>")
    args = parser.parse_args(argv)
    try:
        profile = load_profile(args.profile)
        seed = profile.train[args.track].seeds[0] if args.seed is None else args.seed
        config = train(profile, args.track, seed, run_dir=args.run_dir)
    except (ProfileError, TrainError, BackboneError, SealError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if "train_seconds" in config:
        print(f"{args.track} seed {seed}: {config['global_step']} steps in {config['train_seconds']:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
