"""Overfit one batch on the smoke profile: a working objective drives the loss down and ranks every chosen
answer above its rejected one on the batch it saw. A broken objective (wrong sign, masked-out completion,
zero learning rate) fails here in under a minute."""

import pytest

from tenacious.backbones import TINY, load_backbone
from tenacious.profiles import load_profile
from tenacious.train import build_trainer

STEPS = 6  # optimiser steps on the same 2 pairs
LR = 5e-3  # 10x the smoke schedule: the randomly initialised tiny backbone must move within 6 steps


@pytest.mark.parametrize("track", ["critic", "judge"])
def test_one_repeated_batch_is_learned(track, tmp_path):
    profile = load_profile("smoke")
    cfg = {**profile.train[track], "max_steps": STEPS, "learning_rate": LR, "warmup_ratio": 1.0, "per_device_batch": 2, "grad_accum": 1,
           "eval_steps": STEPS, "save_steps": STEPS, "logging_steps": 1}
    backbone = load_backbone(TINY, device="cpu", seed=0)
    trainer = build_trainer(profile, track, 0, backbone, tmp_path, cfg=cfg, max_train_pairs=2)
    trainer.eval_dataset = trainer.train_dataset  # score the very batch it trains on
    before = trainer.evaluate()
    trainer.train()
    after = trainer.evaluate()
    losses = [r["loss"] for r in trainer.state.log_history if "loss" in r]
    assert losses[-1] < losses[0] and losses == sorted(losses, reverse=True), losses
    assert after["eval_loss"] < before["eval_loss"]
    assert after["eval_rewards/accuracies"] == 1.0 and after["eval_rewards/margins"] > before["eval_rewards/margins"]
