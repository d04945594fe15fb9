"""Training on the smoke profile: both tracks end to end, history, adapter reload, resume, bad input."""

import shutil

import pytest
import torch
from trl.experimental.cpo import CPOTrainer
from trl.experimental.orpo import ORPOTrainer

from tenacious import paths
from tenacious.backbones import TINY, load_backbone
from tenacious.bench.prompts import render_prompt, trained_messages
from tenacious.bench.seal import SealError
from tenacious.infer import encode_prompt
from tenacious.io import read_json
from tenacious.pair_forward import shared_prompt_forward, split_batch
from tenacious.profiles import load_profile
from tenacious.train import (
    TrainError,
    build_trainer,
    check_track,
    completion_nll,
    eval_sample,
    planned_steps,
    train,
)

HISTORY_KEYS = {"loss", "learning_rate", "eval_loss", "eval_rewards/margins", "eval_rewards/accuracies", "wall_seconds"}


@pytest.fixture(scope="module")
def smoke_runs(tmp_path_factory):
    """Train both tracks on the smoke profile into a temporary runs folder."""
    mp = pytest.MonkeyPatch()
    runs = tmp_path_factory.mktemp("runs")
    mp.setattr(paths, "runs_dir", lambda profile: runs / profile)
    mp.setattr(paths, "train_run_dir", lambda profile, track, seed: runs / profile / track / f"seed{seed}")
    profile = load_profile("smoke")
    configs = {track: train(profile, track, profile.train[track].seeds[0]) for track in ("critic", "judge")}
    yield profile, configs
    mp.undo()


@pytest.mark.parametrize("track", ["critic", "judge"])
def test_history_has_the_promised_keys_and_finite_numbers(smoke_runs, track):
    profile, configs = smoke_runs
    run_dir = paths.train_run_dir(profile.name, track, profile.train[track].seeds[0])
    history = read_json(run_dir / "history.json")["log_history"]
    seen = set().union(*(r.keys() for r in history))
    assert HISTORY_KEYS <= seen
    values = [v for r in history for k, v in r.items() if k in HISTORY_KEYS]
    assert values and all(torch.isfinite(torch.tensor(float(v))) for v in values)
    config = configs[track]
    assert config["global_step"] == profile.train[track].max_steps
    assert config["provenance"]["profile"] == "smoke" and len(config["provenance"]["data_hash"]) == 64
    assert (run_dir / "trainer_state.json").is_file() and (run_dir / "run_config.json").is_file()


@pytest.mark.parametrize("track", ["critic", "judge"])
def test_adapter_reloads_and_changes_the_output(smoke_runs, track):
    from peft import PeftModel

    profile, _ = smoke_runs
    seed = profile.train[track].seeds[0]
    adapter = paths.train_run_dir(profile.name, track, seed) / "adapter"
    base = load_backbone(TINY, device="cpu", seed=seed)
    ids = torch.tensor([list(range(200, 232))])
    with torch.no_grad():
        before = base.model(ids).logits
        tuned = PeftModel.from_pretrained(base.model, str(adapter))
        after = tuned(ids).logits
    assert not torch.allclose(before, after), "a trained adapter must change the model's output"


def test_training_and_inference_build_identical_prompt_ids(tmp_path):
    from tenacious.bench.load import load_judge_items, load_pairs

    profile = load_profile("smoke")
    assert profile.prompt_format == "compact"
    backbone = load_backbone(TINY, device="cpu", seed=0)
    trainer = build_trainer(profile, "judge", 0, backbone, tmp_path, max_train_pairs=1)
    pair = load_pairs("judge", "train")[0]
    item = next(i for i in load_judge_items("train") if i["item_id"] == pair["source_id"])
    messages = trained_messages("judge", item, profile.prompt_format)  # what ablate's adapter-on judge encodes
    assert trainer.train_dataset[0]["prompt_input_ids"] == encode_prompt(backbone.tokenizer, messages)
    prompt = render_prompt(backbone.tokenizer, messages)
    row = trainer.tokenize_row({"prompt": prompt, "chosen": pair["chosen"], "rejected": pair["rejected"]})
    assert row["prompt_input_ids"] == encode_prompt(backbone.tokenizer, messages)


def test_orpo_nll_covers_the_completion_and_never_a_prompt_token(tmp_path):
    profile = load_profile("smoke")
    backbone = load_backbone(TINY, device="cpu", seed=0)
    trainer = build_trainer(profile, "judge", 0, backbone, tmp_path, max_train_pairs=2)
    batch = next(iter(trainer.get_train_dataloader()))
    labels = batch["chosen_labels"]
    for row, prompt_ids in enumerate(trainer.train_dataset["prompt_input_ids"][:labels.shape[0]]):
        n_prompt, n_full = len(prompt_ids), int(batch["chosen_attention_mask"][row].sum())
        assert (labels[row, :n_prompt] == -100).all(), "a prompt token is in the NLL mask"
        assert (labels[row, n_prompt:n_full] != -100).all(), "a completion token is missing from the NLL mask"
    # The trainer's NLL is the completion-only one, and prompt logits cannot move it.
    with torch.no_grad():
        chosen_logits = ORPOTrainer.concatenated_forward(trainer, trainer.model, batch)[2]  # TRL's full logits
        nll = trainer.concatenated_forward(trainer.model, batch)[4]  # the shared-prompt forward's NLL
        assert torch.allclose(nll, completion_nll(chosen_logits, labels), atol=1e-5)
        noisy = chosen_logits.clone()
        firsts = [len(ids) - 1 for ids in trainer.train_dataset["prompt_input_ids"][:labels.shape[0]]]
        for row, first in enumerate(firsts):  # logits at t predict token t+1: [0, first) predict prompt tokens
            noisy[row, :first] += torch.randn_like(noisy[row, :first]) * 10
        assert torch.allclose(completion_nll(noisy, labels), nll, atol=1e-5)
        noisy[0, firsts[0]] += torch.randn_like(noisy[0, firsts[0]]) * 10  # predicts the first answer token
        assert not torch.allclose(completion_nll(noisy, labels), nll, atol=1e-5)


@pytest.mark.parametrize("track", ["critic", "judge"])
def test_shared_prompt_forward_matches_trls_forward_and_gradients(tmp_path, track):
    """One prompt pass per pair gives TRL's log-probs and the same gradients in the LoRA weights."""
    profile = load_profile("smoke")
    backbone = load_backbone(TINY, device="cpu", seed=0)
    trainer = build_trainer(profile, track, 0, backbone, tmp_path, max_train_pairs=4)
    batch = next(iter(trainer.get_train_dataloader()))
    assert split_batch(batch) is not None, "the collated batch is not prompt + completion rows"
    base = CPOTrainer if track == "critic" else ORPOTrainer

    def grads(forward):
        trainer.model.zero_grad()
        chosen, rejected = forward(trainer, trainer.model, batch)[:2]
        (chosen.sum() - 0.5 * rejected.sum()).backward()
        return chosen.detach(), [p.grad.clone() for p in trainer.model.parameters() if p.requires_grad]

    shared_logps, shared_grads = grads(type(trainer).concatenated_forward)
    trl_logps, trl_grads = grads(base.concatenated_forward)
    assert torch.allclose(shared_logps, trl_logps, atol=1e-5)
    assert all(torch.allclose(a, b, atol=1e-5, rtol=1e-4) for a, b in zip(shared_grads, trl_grads, strict=True))
    assert any(g.abs().sum() > 0 for g in shared_grads)


def test_training_steps_take_the_shared_prompt_forward(tmp_path, monkeypatch):
    """A real training step (not only a direct call) runs one prompt pass per pair: no gradient checkpointing
    drops the cache, no batch falls back to TRL's forward."""
    import tenacious.train as train_module

    results = []

    def spy(model, batch, average=True):
        out = shared_prompt_forward(model, batch, average)
        results.append(out is not None)
        return out

    monkeypatch.setattr(train_module, "shared_prompt_forward", spy)
    profile = load_profile("smoke")
    backbone = load_backbone(TINY, device="cpu", seed=0)
    cfg = dict(profile.train["judge"], max_steps=2, eval_steps=10_000, save_steps=10_000)
    trainer = build_trainer(profile, "judge", 0, backbone, tmp_path, cfg, max_train_pairs=4)
    assert trainer.args.gradient_checkpointing is False
    trainer.train()
    assert results and all(results)


def test_shared_prompt_forward_declines_rows_it_cannot_split():
    ids, mask = torch.tensor([[5, 6, 7, 0]]), torch.tensor([[1, 1, 1, 0]])
    batch = {"chosen_input_ids": ids, "chosen_attention_mask": mask, "chosen_labels": torch.tensor([[-100, 6, 7, -100]]),
             "rejected_input_ids": ids, "rejected_attention_mask": mask,
             "rejected_labels": torch.tensor([[-100, -100, 7, -100]])}
    assert split_batch(batch) is None  # the two prompts differ in length
    batch["rejected_labels"] = batch["chosen_labels"]
    assert split_batch(batch) == [([5], [6, 7], [6, 7])]
    batch["chosen_attention_mask"] = torch.tensor([[0, 1, 1, 1]])  # left padding
    assert split_batch(batch) is None


def test_validation_is_a_seeded_sample_not_the_first_pairs():
    pairs = [{"pair_id": f"p{i:02d}"} for i in range(40)]
    sample = eval_sample(pairs, 8, seed=11)
    assert sample == eval_sample(pairs, 8, seed=11) and len(sample) == 8
    assert sample != pairs[:8] and sample == sorted(sample, key=lambda p: p["pair_id"])
    assert eval_sample(pairs, 8, seed=12) != sample and eval_sample(pairs, 0, seed=11) == pairs


def test_resume_continues_from_the_last_checkpoint(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "train_run_dir", lambda profile, track, seed: tmp_path / track / f"seed{seed}")
    profile = load_profile("smoke")
    first = train(profile, "judge", 5, stop_after_steps=1)
    assert first == {"interrupted_at_step": 1}
    assert (tmp_path / "judge" / "seed5" / "checkpoints" / "checkpoint-1").is_dir()
    done = train(profile, "judge", 5)
    assert done["global_step"] == profile.train.judge.max_steps
    history = read_json(tmp_path / "judge" / "seed5" / "history.json")["log_history"]
    steps = [r["step"] for r in history if "loss" in r]
    assert steps == sorted(set(steps)) and steps[-1] == profile.train.judge.max_steps


def test_unknown_track_is_refused():
    with pytest.raises(TrainError, match="unknown track 'critc'"):
        check_track("critc")


def test_tampered_data_aborts_before_training(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, data)
    target = data / "critic" / "train_pairs.jsonl"
    raw = bytearray(target.read_bytes())
    raw[10] ^= 1
    target.write_bytes(bytes(raw))
    monkeypatch.setattr(paths, "DATA_DIR", data)
    with pytest.raises(SealError, match="train_pairs.jsonl"):
        train(load_profile("smoke"), "critic", 11)


def test_paper_schedules_reproduce_the_cards_step_counts():
    critic, judge = load_profile("paper").train.critic, load_profile("paper").train.judge
    assert planned_steps(critic, 275) == 280 and planned_steps(judge, 375) == 200
    # The cards' own splits: 8 epochs of 275 critic pairs at batch 2 x 4 are exactly the pinned 280 steps;
    # 10 epochs of 169 judge pairs would be 220, so the judge's 200-step cap is what decides.
    assert planned_steps({**critic, "max_steps": -1}, 275) == 280
    assert planned_steps({**judge, "max_steps": -1}, 169) == 220
    assert planned_steps({**critic, "max_steps": -1}, 306) == 312  # the 312 the epoch count alone gave


def test_paper_profile_stops_at_once_without_cuda(monkeypatch):
    from tenacious.backbones import ALLOW_CPU_ENV, BackboneError

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.delenv(ALLOW_CPU_ENV, raising=False)
    monkeypatch.setattr("tenacious.bench.seal.verify_seal", lambda *a: pytest.fail("read data before the check"))
    with pytest.raises(BackboneError, match="needs a CUDA GPU.*TENACIOUS_ALLOW_CPU=1"):
        train(load_profile("paper"), "critic", 11)


def test_half_precision_follows_the_weights_unsloth_loaded():
    from types import SimpleNamespace

    from tenacious.train import half_precision

    assert half_precision("fp16", SimpleNamespace(loader="unsloth", dtype="bfloat16")) == "bf16"  # A100 / H100
    assert half_precision("fp16", SimpleNamespace(loader="unsloth", dtype="float16")) == "fp16"  # T4, the cards
    assert half_precision("fp16", SimpleNamespace(loader="transformers", dtype="float32")) == "fp16"
    assert half_precision("fp32", SimpleNamespace(loader="unsloth", dtype="bfloat16")) == "fp32"
