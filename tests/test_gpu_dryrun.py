"""The GPU dry run's code path stays exercised on CPU: reduced random-weight models of the paper architectures."""

import importlib.util
import json

import pytest

from tenacious import paths

_spec = importlib.util.spec_from_file_location("gpu_dryrun", paths.REPO_ROOT / "scripts" / "gpu_dryrun.py")
gpu_dryrun = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gpu_dryrun)


def test_architecture_configs_are_the_paper_backbones():
    qwen3 = json.loads((gpu_dryrun.CONFIGS / "qwen3-1.7b.json").read_text())
    qwen25 = json.loads((gpu_dryrun.CONFIGS / "qwen2.5-1.5b-instruct.json").read_text())
    assert (qwen3["model_type"], qwen3["num_hidden_layers"], qwen3["hidden_size"], qwen3["num_key_value_heads"]) == (
        "qwen3", 28, 2048, 8)
    assert (qwen25["model_type"], qwen25["num_hidden_layers"], qwen25["hidden_size"], qwen25["intermediate_size"]) == (
        "qwen2", 28, 1536, 8960)


def test_reduced_dry_run_trains_both_tracks_and_runs_their_inference(tmp_path):
    out = tmp_path / "gpu_dryrun_cpu.json"
    assert gpu_dryrun.main(["--layers", "2", "--hidden-small", "--out", str(out), "--workdir", str(tmp_path)]) == 0
    report = json.loads(out.read_text())
    assert report["reduced"] is True and report["projection"] is None  # tiny shapes project nothing
    critic, judge = report["tracks"]["critic"], report["tracks"]["judge"]
    for track in (critic, judge):
        assert track["loader"] == "transformers"  # unsloth only on CUDA
        assert track["train"]["steps"] == 1 and track["train"]["seconds_per_step"] > 0
        assert track["train"]["tokens_per_second"] > 0 and track["peak_memory_gib"] > 0
    assert (critic["train"]["paper_steps"], judge["train"]["paper_steps"]) == (280, 200)
    assert critic["inference"]["tasks"] == 2 and critic["inference"]["generated_tokens"] > 0
    assert judge["inference"]["items"] == 2 and judge["inference"]["labels_scored"] == 5
    # the models were built from the repository's configs, with Qwen3's chat template on the critic
    saved = json.loads((tmp_path / "models" / "qwen3-1.7b" / "config.json").read_text())
    assert (saved["model_type"], saved["num_hidden_layers"]) == ("qwen3", 2)
    assert "enable_thinking" in (tmp_path / "models" / "qwen3-1.7b" / "chat_template.jinja").read_text()


def test_full_size_without_cuda_stops_with_one_line(capsys, monkeypatch):
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert gpu_dryrun.main([]) == 2
    assert "no CUDA device" in capsys.readouterr().err


@pytest.mark.parametrize("track", ["critic", "judge"])
def test_cards_training_minutes_are_the_projection_reference(track):
    assert gpu_dryrun.CARD_TRAIN_MINUTES[track] == {"critic": 35.9, "judge": 17.0}[track]
