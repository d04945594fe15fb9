"""Preference training: SimPO for the critic (TRL CPO, loss_type="simpo") and ORPO for the judge.

`train(profile, track, seed)` verifies the data seal, renders every pair's prompt with the prompt
builder inference uses (in the profile's `prompt_format`), trains a LoRA adapter with the profile's hyper-parameters, and writes under
`runs/<profile>/<track>/seed<N>/`: `adapter/` (PEFT format), `trainer_state.json`, `history.json`
(the trainer's log history, each row with wall seconds) and `run_config.json` (resolved
hyper-parameters + provenance).

A run has an identity (`run_identity.json`, written before its first step): the hash of its resolved
config (the profile's track settings, the trainer's own arguments, the loaded backbone, the prompt format,
the seed), of the code that trains (`tenacious.train` and every package module it imports) and of the
data it reads (the track's train/dev pairs, and the records they are re-rendered from). A re-run of the
same identity that finished does nothing; one that was interrupted resumes from its last checkpoint.
A different identity (or none recorded) starts afresh: the old checkpoints and outputs are deleted and
one printed line says what changed. A checkpoint is never resumed under other settings, code or data.
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
from tenacious.backbones import Backbone, attach_lora, load_backbone, resolve_device, weights_source
from tenacious.bench.load import (
    PAIR_SPLITS,
    TRACKS,
    critic_tasks_path,
    judge_items_path,
    load_critic_tasks,
    load_judge_items,
    pairs_path,
)
from tenacious.bench.prompts import render_prompt, trained_messages
from tenacious.io import read_json, sha256_file, sha256_text, stable_json, write_json
from tenacious.pair_forward import shared_prompt_forward
from tenacious.provenance import code_hash, device_info, library_versions, stamp

TRAINING_CODE = ("tenacious.train",)  # with every package module it imports: the code a run's identity hashes
# Trainer arguments that say where files go or which process this is, not what is trained.
NOT_IDENTITY = frozenset({"output_dir", "logging_dir", "run_name", "local_rank", "hub_token", "resume_from_checkpoint"})


class TrainError(ValueError):
    """A training request that cannot run (unknown track, missing data)."""


def check_track(track: str) -> str:
    if track not in TRACKS:
        raise TrainError(f"unknown track {track!r}; choose 'critic' (SimPO) or 'judge' (ORPO)")
    return track


def pair_messages(pairs: list[dict], track: str, prompt_format: str, split: str,
                  data_dir: Path = paths.DATA_DIR) -> list[list[dict]]:
    """Each pair's prompt messages in `prompt_format`.

    `full` is what the pairs store; any other format is re-rendered from the pair's source task/item with
    `trained_messages`, the renderer inference uses, so data/ holds one format and training follows the profile.
    """
    if prompt_format == "full":
        return [p["prompt_messages"] for p in pairs]
    records = load_critic_tasks(split, data_dir) if track == "critic" else load_judge_items(split, data_dir)
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
        profile). The critic's SimPO has no NLL term (cpo_alpha 0). Validation also logs k of n: how many
        dev pairs the model ranks chosen over rejected (`eval_pairs_correct`, `eval_pairs`), since TRL's
        `eval_rewards/accuracies` is a mean of batch means, which is not k/n when the last batch is short."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._val_outcomes: list[bool] = []

        def concatenated_forward(self, model, batch):
            out = self._pair_forward(model, batch)
            if not model.training:  # chosen over rejected, as TRL's reward accuracy (rewards = beta * logps, beta > 0)
                self._val_outcomes += self.accelerator.gather_for_metrics(out[0] > out[1]).tolist()
            return out

        def log(self, logs, start_time=None):
            if "eval_loss" in logs and self._val_outcomes:
                logs.update(eval_pairs_correct=sum(self._val_outcomes), eval_pairs=len(self._val_outcomes))
                self._val_outcomes = []
            return super().log(logs, start_time)

        def _pair_forward(self, model, batch):
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
    """The latest complete checkpoint (one with its trainer state; a save cut short has none), else None."""
    ckpts = sorted((p for p in out_dir.glob("checkpoint-*") if (p / paths.TRAINER_STATE_FILE).is_file()),
                   key=lambda p: int(p.name.split("-")[1]))
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
            "backbone_source": weights_source(backbone), "provenance": stamp(profile.name, backbone.name, [seed]),
            "libraries": library_versions(), "device": device_info()}


def resolved_config(profile, track: str, backbone: Backbone, cfg: dict | None = None) -> dict:
    """The track's settings as training applies them (the profile's, or `cfg`): precision matched to the weights."""
    cfg = dict(cfg or profile.train[track])
    cfg["precision"] = half_precision(cfg["precision"], backbone)
    return cfg


def training_args(profile, track: str, seed: int, backbone: Backbone, out_dir: Path, cfg: dict | None = None) -> Any:
    """The TRL config a run trains with: the resolved settings on the profile's device, gradient checkpointing
    on unsloth's path only (elsewhere the shared-prompt forward needs the KV cache)."""
    shared = backbone.loader != "unsloth"
    return trainer_config(track, resolved_config(profile, track, backbone, cfg), out_dir, seed,
                          resolve_device(profile.device), gradient_checkpointing=not shared)


def build_trainer(profile, track: str, seed: int, backbone: Backbone, out_dir: Path, cfg: dict | None = None,
                  callbacks: tuple = (), max_train_pairs: int = 0, rewrite_pair: Callable[[dict], dict] | None = None,
                  args: Any = None, data_dir: Path = paths.DATA_DIR):
    """A TRL trainer for one track on the sealed train/dev pairs (of `data_dir`); `cfg` overrides the profile's.

    `max_train_pairs` keeps only the first pairs (0 = all): dry runs that take a few steps skip tokenizing the rest.
    `rewrite_pair` maps each train/dev pair first (a diagnostic variant, e.g. the learning curve's --decision-only).
    `args` is the TRL config to train with (default: `training_args` of these settings).
    """
    from tenacious.bench.load import load_pairs

    cfg = resolved_config(profile, track, backbone, cfg)
    train_pairs, dev_pairs = load_pairs(track, "train", data_dir), load_pairs(track, "dev", data_dir)
    if rewrite_pair is not None:
        train_pairs, dev_pairs = [rewrite_pair(p) for p in train_pairs], [rewrite_pair(p) for p in dev_pairs]
    if not train_pairs or not dev_pairs:
        raise TrainError(f"no {track} training or dev pairs under {data_dir}; run the data stage first")
    train_pairs = train_pairs[:max_train_pairs] if max_train_pairs else train_pairs
    dev_pairs = eval_sample(dev_pairs, cfg["max_eval_pairs"], seed)
    fmt = profile.prompt_format
    model = attach_lora(backbone, cfg["lora_r"], cfg["lora_alpha"], cfg["lora_dropout"], seed=seed,
                        layers=cfg["lora_layers"])
    # unsloth's fast forwards are not meant to continue a cache in training: TRL's forward there
    shared = backbone.loader != "unsloth"
    return _trainer_class(track, shared)(
        model=model, args=args if args is not None else training_args(profile, track, seed, backbone, out_dir, cfg),
        train_dataset=pairs_dataset(train_pairs, backbone.tokenizer, pair_messages(train_pairs, track, fmt, "train",
                                                                                   data_dir)),
        eval_dataset=pairs_dataset(dev_pairs, backbone.tokenizer, pair_messages(dev_pairs, track, fmt, "dev", data_dir)),
        processing_class=backbone.tokenizer, callbacks=[_wall_clock_callback(), *callbacks])


def training_data_hash(track: str, prompt_format: str) -> str:
    """Hash of the files a run of `track` reads: its train/dev pairs and, for a re-rendered prompt format,
    the train/dev tasks or items the prompts are rendered from (`pair_messages`)."""
    files = [pairs_path(track, split) for split in PAIR_SPLITS]
    if prompt_format != "full":
        records = critic_tasks_path if track == "critic" else judge_items_path
        files += [records(split) for split in PAIR_SPLITS]
    return sha256_text("".join(f"{f.parent.name}/{f.name} {sha256_file(f)}\n" for f in files))


def run_identity(profile, track: str, seed: int, backbone: Backbone, args: Any) -> dict:
    """What a run's result depends on, and its hash (`key`): the resolved config, the code, the data."""
    settings = {k: v for k, v in resolved_config(profile, track, backbone).items() if k != "seeds"}
    trainer = {k: v for k, v in sorted(args.to_dict().items()) if k not in NOT_IDENTITY}
    config = {"track": track, "seed": seed, "backbone": backbone.describe(), "prompt_format": profile.prompt_format,
              "settings": settings, "trainer": {"world_size": args.world_size, **trainer}}
    identity = {"config": config, "code_hash": code_hash(*TRAINING_CODE),
                "data_hash": training_data_hash(track, profile.prompt_format)}
    return {"key": sha256_text(stable_json(identity, indent=None)), **identity}


def _differences(old: dict, new: dict) -> list[str]:
    """`key: old -> new` for every leaf that differs between two identity configs, each change said once
    (a profile setting and the trainer argument it becomes are one change)."""
    out: list[str] = []
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if isinstance(a, dict) and isinstance(b, dict):
            out += [d for d in _differences(a, b) if d not in out]
        elif a != b and (line := f"{key}: {a!r} -> {b!r}") not in out:
            out.append(line)
    return out


def identity_change(old: dict | None, new: dict) -> str | None:
    """Why a run folder's recorded identity is not `new`, in a few words; None when it is."""
    if old is None:
        return "no run identity is recorded"
    if old.get("key") == new["key"]:
        return None
    why = []
    if old.get("config") != new["config"]:
        diffs = _differences(old.get("config") or {}, new["config"])
        why.append("settings changed (" + "; ".join(diffs[:3]) + ("; ..." if len(diffs) > 3 else "") + ")")
    if old.get("code_hash") != new["code_hash"]:
        why.append("the training code changed")
    if old.get("data_hash") != new["data_hash"]:
        why.append("the training data changed")
    return ", ".join(why) or "the identity changed"


def _read_or_none(path: Path) -> dict | None:
    try:
        return read_json(path) if path.is_file() else None
    except ValueError:  # a half-written or hand-edited file is no identity
        return None


def _finished(run_dir: Path, identity: dict) -> dict | None:
    """The run config of a run that finished under `identity` (recorded in the folder and in the run config)
    with every output in place, else None."""
    recorded = _read_or_none(run_dir / paths.IDENTITY_FILE) or {}
    config = _read_or_none(run_dir / paths.RUN_CONFIG_FILE)
    if (config is None or recorded.get("key") != identity["key"] or config.get("identity") != identity["key"]
            or not all((run_dir / f).is_file() for f in paths.TRAIN_RUN_FILES)):
        return None
    return config if config.get("global_step", 0) >= config.get("max_steps", math.inf) else None


def _checkpoint_step(ckpt: Path) -> tuple[int, int]:
    """(global step, max steps) a checkpoint was saved at."""
    state = read_json(ckpt / paths.TRAINER_STATE_FILE)
    return state["global_step"], state["max_steps"]


def clear_run(run_dir: Path) -> None:
    """Delete a run's identity, checkpoints and outputs: what `--force` and a changed identity start from."""
    for name in (paths.CHECKPOINTS_DIR, "adapter", "adapter.tmp"):
        shutil.rmtree(run_dir / name, ignore_errors=True)
    for name in (paths.IDENTITY_FILE, paths.TRAINER_STATE_FILE, paths.HISTORY_FILE, paths.RUN_CONFIG_FILE):
        (run_dir / name).unlink(missing_ok=True)


def train(profile, track: str, seed: int, *, stop_after_steps: int | None = None,
          backbone: Backbone | None = None, run_dir: Path | None = None, force: bool = False) -> dict:
    """Train one adapter; returns the run config (with the final metrics) that was written.

    A finished run of the same identity is returned as it is (no step is taken); an interrupted one resumes;
    any other run folder is cleared first (`force` clears it whatever its identity). Under `accelerate launch`
    every process trains its shard and only the main process writes the adapter, the run files and the identity
    (one adapter, whatever the number of processes).
    """
    from tenacious.bench.seal import verify_seal

    check_track(track)
    device = resolve_device(profile.device)  # a GPU-only profile stops here, before anything is read
    verify_seal(paths.DATA_DIR)  # refuse to train on tampered data, before any model is loaded
    cfg = profile.train[track]
    backbone = backbone or load_backbone(profile.backbones[track], device=device,
                                         seed=seed, max_seq_length=cfg["max_length"], dtype=cfg["precision"])
    run_dir = run_dir or paths.train_run_dir(profile.name, track, seed)
    ckpt_dir = run_dir / paths.CHECKPOINTS_DIR
    args = training_args(profile, track, seed, backbone, ckpt_dir)
    identity = run_identity(profile, track, seed, backbone, args)
    is_main = args.process_index == 0
    with args.main_process_first(local=False, desc="run identity"):  # the others see what the main process left
        done = None if force else _finished(run_dir, identity)
        if done is not None:
            if is_main:
                print(f"{track} seed {seed}: already trained under this identity ({done['global_step']} steps, "
                      f"identity {identity['key'][:12]}); nothing to do (--force retrains)")
            return done
        why = "--force" if force else identity_change(_read_or_none(run_dir / paths.IDENTITY_FILE), identity)
        if why is not None and is_main:
            if run_dir.is_dir() and any(run_dir.iterdir()):
                print(f"{track} seed {seed}: starting afresh, not resuming: {why}")
            clear_run(run_dir)
            write_json(run_dir / paths.IDENTITY_FILE, identity)
    extra = (_stop_after(stop_after_steps),) if stop_after_steps else ()
    trainer = build_trainer(profile, track, seed, backbone, ckpt_dir, callbacks=extra, args=args)
    resume = last_checkpoint(ckpt_dir)
    step, end = _checkpoint_step(resume) if resume is not None else (0, 1)
    if resume is not None and step >= end:  # trained to the end, stopped before the outputs: write them, no step
        print(f"{track} seed {seed}: writing the outputs of {resume.name} (trained to step {step} of {end})")
        trainer._load_from_checkpoint(str(resume))
        trainer.state = type(trainer.state).load_from_json(str(resume / paths.TRAINER_STATE_FILE))
    else:
        if resume is not None:
            print(f"{track} seed {seed}: resuming from {resume.name} (same identity {identity['key'][:12]})")
        trainer.train(resume_from_checkpoint=str(resume) if resume else None)
    if stop_after_steps and trainer.state.global_step < trainer.state.max_steps:
        return {"interrupted_at_step": trainer.state.global_step}
    if not trainer.is_world_process_zero():
        return {"global_step": trainer.state.global_step, "written_by": "main process"}

    config = run_config(profile, track, seed, backbone, len(trainer.train_dataset), len(trainer.eval_dataset))
    config["identity"] = identity["key"]  # the run_identity.json this run was trained under, start to end
    config["global_step"] = trainer.state.global_step
    config["max_steps"] = trainer.state.max_steps
    config["world_size"] = trainer.args.world_size  # processes that trained it (accelerate launch)
    config["train_seconds"] = next((r["wall_seconds"] for r in reversed(trainer.state.log_history)
                                    if "wall_seconds" in r), None)
    tmp_adapter = run_dir / "adapter.tmp"
    shutil.rmtree(tmp_adapter, ignore_errors=True)
    trainer.model.save_pretrained(str(tmp_adapter))
    shutil.rmtree(run_dir / "adapter", ignore_errors=True)
    tmp_adapter.rename(run_dir / "adapter")
    trainer.state.save_to_json(str(run_dir / paths.TRAINER_STATE_FILE))
    write_json(run_dir / paths.HISTORY_FILE, {"track": track, "seed": seed, "provenance": config["provenance"],
                                              "log_history": trainer.state.log_history})
    write_json(run_dir / paths.RUN_CONFIG_FILE, config)  # last: its presence says the run finished
    return config


def history_rows(history: dict) -> list[dict]:
    """One row per logged step, train and eval metrics side by side (for tables and notebooks)."""
    by_step: dict[int, dict] = {}
    keys = {"loss": "train_loss", "eval_loss": "val_loss", "eval_rewards/margins": "val_reward_margin",
            "eval_rewards/accuracies": "val_reward_accuracy", "eval_pairs_correct": "val_pairs_correct",
            "eval_pairs": "val_pairs", "rewards/margins": "train_reward_margin",
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
    parser.add_argument("--force", action="store_true", help="delete the run's checkpoints and outputs, train afresh")
    args = parser.parse_args(argv)
    try:
        profile = load_profile(args.profile)
        seed = profile.train[args.track].seeds[0] if args.seed is None else args.seed
        config = train(profile, args.track, seed, run_dir=args.run_dir, force=args.force)
    except (ProfileError, TrainError, BackboneError, SealError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if "train_seconds" in config:
        print(f"{args.track} seed {seed}: {config['global_step']} steps in {config['train_seconds']:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
