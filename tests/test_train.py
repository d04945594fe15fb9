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
    history_rows,
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


@pytest.mark.parametrize("track", ["critic", "judge"])
def test_validation_logs_k_of_n_dev_pairs(tmp_path, track):
    """Validation logs how many of the n dev pairs rank chosen over rejected. With 3 pairs in batches of 2 the last
    batch is short, so TRL's mean of batch means is not k/n; its batch-of-1 accuracy is, and k must match it."""
    profile = load_profile("smoke")
    logged = {}
    for batch in (2, 1):
        cfg = dict(profile.train[track], per_device_batch=batch, max_eval_pairs=3)
        trainer = build_trainer(profile, track, 0, load_backbone(TINY, device="cpu", seed=0), tmp_path / str(batch),
                                cfg)
        trainer.evaluate()
        logged[batch] = trainer.state.log_history[-1]
    assert logged[2]["eval_pairs"] == logged[1]["eval_pairs"] == 3
    assert logged[2]["eval_pairs_correct"] == logged[1]["eval_pairs_correct"]
    assert logged[1]["eval_pairs_correct"] == round(3 * logged[1]["eval_rewards/accuracies"])
    rows = history_rows({"log_history": [{"step": 1, **logged[2]}]})
    assert (rows[0]["val_pairs_correct"], rows[0]["val_pairs"]) == (logged[2]["eval_pairs_correct"], 3)


def test_run_config_names_the_weights_it_loaded(smoke_runs):
    _, configs = smoke_runs
    assert configs["critic"]["backbone_source"] == {"source": "random initialisation (seeded)", "file": None,
                                                    "sha256": None}


def _no_trainer(*args, **kwargs):
    raise AssertionError("a run that had finished under the same identity was trained further")


def _logged_learning_rates(run_dir) -> list[float]:
    return [r["learning_rate"] for r in read_json(run_dir / "history.json")["log_history"] if "learning_rate" in r]


def test_resume_continues_from_the_last_checkpoint(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(paths, "train_run_dir", lambda profile, track, seed: tmp_path / track / f"seed{seed}")
    profile = load_profile("smoke")
    run_dir = tmp_path / "judge" / "seed5"
    first = train(profile, "judge", 5, stop_after_steps=1)
    assert first == {"interrupted_at_step": 1}
    assert (run_dir / "checkpoints" / "checkpoint-1").is_dir() and (run_dir / "run_identity.json").is_file()
    assert not (run_dir / "run_config.json").exists()  # an interrupted run has no outputs to be mistaken for a result
    done = train(profile, "judge", 5)
    assert "resuming from checkpoint-1 (same identity" in capsys.readouterr().out
    assert done["global_step"] == done["max_steps"] == profile.train.judge.max_steps
    assert done["identity"] == read_json(run_dir / "run_identity.json")["key"]
    history = read_json(run_dir / "history.json")["log_history"]
    steps = [r["step"] for r in history if "loss" in r]
    assert steps == sorted(set(steps)) and steps[-1] == profile.train.judge.max_steps

    # Trained to the end but stopped before writing its outputs: they are written from the last checkpoint, no step.
    from safetensors.torch import load_file

    (run_dir / "run_config.json").unlink()
    shutil.rmtree(run_dir / "adapter")
    monkeypatch.setattr(ORPOTrainer, "train", _no_trainer)
    again = train(profile, "judge", 5)
    assert "writing the outputs of checkpoint-2" in capsys.readouterr().out
    assert again["global_step"] == profile.train.judge.max_steps
    final, ckpt = load_file(run_dir / "adapter" / "adapter_model.safetensors"), load_file(
        run_dir / "checkpoints" / "checkpoint-2" / "adapter_model.safetensors")
    assert final.keys() == ckpt.keys() and all(torch.equal(final[k], ckpt[k]) for k in final)


def test_a_rerun_never_trains_a_finished_run_further_and_a_changed_setting_retrains(tmp_path, monkeypatch, capsys):
    """The issue's reproduction: the learning rate changed (5e-4 -> 9e-2) after a finished run. Before, the re-run
    resumed the old checkpoint, took one more step on the old schedule (global_step 3 of max_steps 2) and wrote a
    run_config claiming the new rate; a second unchanged re-run went on to step 4."""
    import tenacious.train as train_module

    run_dir = tmp_path / "judge-seed5"
    profile = load_profile("smoke")
    old = train(profile, "judge", 5, run_dir=run_dir)
    capsys.readouterr()
    changed = load_profile("smoke")
    changed.train.judge["learning_rate"] = 9e-2
    new = train(changed, "judge", 5, run_dir=run_dir)
    assert "starting afresh, not resuming: settings changed (learning_rate: 0.0005 -> 0.09)" in capsys.readouterr().out
    max_steps = changed.train.judge.max_steps
    assert new["global_step"] == new["max_steps"] == max_steps and new["identity"] != old["identity"]
    assert new["hyperparameters"]["learning_rate"] == 9e-2
    assert read_json(run_dir / "trainer_state.json")["global_step"] == max_steps
    # one logged rate per step, each on the new schedule (warmup from 0 towards 9e-2, never a step at a 5e-4 rate)
    rates = _logged_learning_rates(run_dir)
    assert len(rates) == max_steps and max(rates) > 1e-2 and not any(0 < r < 1e-2 for r in rates)
    assert sorted(p.name for p in (run_dir / "checkpoints").glob("checkpoint-*")) == ["checkpoint-1", "checkpoint-2"]

    # An unchanged re-run is a no-op: no trainer, no step, the same files.
    before = {f: (run_dir / f).read_bytes() for f in ("run_config.json", "history.json", "trainer_state.json")}
    monkeypatch.setattr(train_module, "build_trainer", _no_trainer)
    again = train(changed, "judge", 5, run_dir=run_dir)
    assert "already trained under this identity (2 steps" in capsys.readouterr().out
    assert again == new and again["global_step"] == max_steps
    assert {f: (run_dir / f).read_bytes() for f in before} == before


def test_force_and_a_folder_without_identity_start_afresh(tmp_path, capsys):
    run_dir = tmp_path / "critic-seed11"
    profile = load_profile("smoke")
    first = train(profile, "critic", 11, run_dir=run_dir)
    capsys.readouterr()
    forced = train(profile, "critic", 11, run_dir=run_dir, force=True)
    assert "starting afresh, not resuming: --force" in capsys.readouterr().out
    assert forced["global_step"] == first["global_step"] and forced["identity"] == first["identity"]
    (run_dir / "run_identity.json").unlink()  # what the pipeline's --force deletes, with the checkpoints
    train(profile, "critic", 11, run_dir=run_dir)
    assert "starting afresh, not resuming: no run identity is recorded" in capsys.readouterr().out


def test_a_checkpoint_cut_short_is_not_resumed(tmp_path):
    from tenacious.train import last_checkpoint

    for step, complete in ((1, True), (2, True), (10, False)):  # checkpoint-10: killed before its trainer state
        (tmp_path / f"checkpoint-{step}").mkdir()
        if complete:
            (tmp_path / f"checkpoint-{step}" / "trainer_state.json").write_text("{}")
    assert last_checkpoint(tmp_path).name == "checkpoint-2"
    assert last_checkpoint(tmp_path / "none") is None


def test_run_identity_covers_settings_code_and_data_but_not_where_files_go(tmp_path, monkeypatch):
    import tenacious.train as train_module
    from tenacious.train import identity_change, run_identity, training_args

    profile = load_profile("smoke")
    backbone = load_backbone(TINY, device="cpu", seed=0)

    def identity(p=profile, out=tmp_path / "a"):
        return run_identity(p, "judge", 3407, backbone, training_args(p, "judge", 3407, backbone, out))

    base = identity()
    assert identity(out=tmp_path / "elsewhere")["key"] == base["key"]
    assert identity_change(base, identity()) is None
    for key, value in (("learning_rate", 1e-3), ("max_steps", 3), ("lora_r", 8), ("max_eval_pairs", 3)):
        changed = load_profile("smoke")
        changed.train.judge[key] = value
        assert f"{key}: " in identity_change(base, identity(changed)), key
    changed = load_profile("smoke")
    changed["prompt_format"] = "full"
    assert "prompt_format: 'compact' -> 'full'" in identity_change(base, identity(changed))
    monkeypatch.setattr(train_module, "code_hash", lambda *modules: "other code")
    assert identity_change(base, identity()) == "the training code changed"
    monkeypatch.undo()
    monkeypatch.setattr(train_module, "training_data_hash", lambda track, fmt: "other data")
    assert identity_change(base, identity()) == "the training data changed"


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
