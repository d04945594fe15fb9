"""Ablation mechanics on the tiny model: batched paths agree with direct computation; seal first."""

import shutil

import pytest
import torch

from tenacious import ablate, paths
from tenacious.backbones import TINY, attach_lora, load_backbone
from tenacious.bench.load import load_critic_tasks, load_judge_items
from tenacious.bench.prompts import JUDGE_LABELS, judge_messages
from tenacious.bench.seal import SealError
from tenacious.infer import (
    classify_by_likelihood,
    encode_completion,
    encode_prompt,
    judge_label_scorer,
    judge_label_texts,
    parse_decision,
)
from tenacious.profiles import load_profile


@pytest.fixture(scope="module")
def tiny_with_adapter():
    backbone = load_backbone(TINY, device="cpu", seed=0)
    backbone.model = attach_lora(backbone, 16, 32, 0.0, seed=0)
    # a non-zero adapter, so "adapter on" and "adapter off" differ
    with torch.no_grad():
        for name, p in backbone.model.named_parameters():
            if "lora_B" in name:
                p.normal_(0, 0.05, generator=torch.Generator().manual_seed(1))
    backbone.model.eval()
    return backbone


def test_rs_with_k1_t0_reproduces_baseline(tiny_with_adapter):
    tasks = load_critic_tasks("heldout")[:3]
    base = ablate.critic_greedy(tiny_with_adapter, tasks, "baseline", 0, "neutral", 16, 8)
    rs = ablate.critic_rejection_sampling(tiny_with_adapter, tasks, "critic_rs", 0, [0.0], ["neutral"], 2.0, 16, 8)
    assert [r["outputs"] for r in rs] == [r["outputs"] for r in base]
    assert all(r["selected_index"] == 0 and len(r["candidate_scores"]) == 1 for r in rs)


def test_classify_picks_the_highest_summed_logprob():
    known = {"SUPPRESS": -4.0, "ESCALATE": -9.5, "BLOCK": -1.25, "PENALISE": -3.0, "PASS": -1.5}
    label, scores = classify_by_likelihood(lambda labels: [known[x] for x in labels])
    assert label == "BLOCK" and scores == known


def test_classify_breaks_ties_towards_the_earlier_label():
    label, _ = classify_by_likelihood(lambda labels: [-1.0] * len(labels))
    assert label == JUDGE_LABELS[0]


def test_label_likelihood_matches_direct_per_label_forward(tiny_with_adapter):
    model, tok = tiny_with_adapter.model, tiny_with_adapter.tokenizer
    item = load_judge_items("heldout")[0]
    prompt = encode_prompt(tok, judge_messages(item))
    batched = judge_label_scorer(model, tok, prompt)(JUDGE_LABELS)
    for text, got in zip(judge_label_texts(), batched, strict=True):
        cont = encode_completion(tok, text, add_eos=False)
        with torch.no_grad():
            logits = model(torch.tensor([prompt + cont])).logits[0].float()
        logp = torch.log_softmax(logits[len(prompt) - 1:-1], dim=-1)
        direct = sum(logp[i, t].item() for i, t in enumerate(cont))
        assert abs(direct - got) < 1e-4


def test_parse_decision():
    assert parse_decision("DECISION: block\nRULE: 6") == "BLOCK"
    assert parse_decision("I think it is fine") is None


def test_tampered_heldout_aborts_before_any_model_is_loaded(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, data)
    target = data / "judge" / "heldout_items.jsonl"
    raw = bytearray(target.read_bytes())
    raw[-3] ^= 1
    target.write_bytes(bytes(raw))
    monkeypatch.setattr(paths, "DATA_DIR", data)

    def no_model(*args, **kwargs):
        raise AssertionError("a model was loaded before the seal was verified")

    monkeypatch.setattr(ablate, "load_backbone", no_model)
    with pytest.raises(SealError, match="heldout_items.jsonl"):
        ablate.run_ablation(load_profile("smoke"))


@pytest.fixture()
def parts_dir(tmp_path, monkeypatch):
    """Ablation parts (and the adapter a fingerprint hashes) in a temporary runs folder."""
    monkeypatch.setattr(paths, "ablate_parts_dir", lambda profile: tmp_path / "parts")
    monkeypatch.setattr(paths, "train_run_dir", lambda profile, track, seed: tmp_path / track / f"seed{seed}")
    return tmp_path / "parts"


def _counting_scorer(monkeypatch) -> list:
    """Record every call of the scorer the critic conditions score their selected email with."""
    calls, real = [], ablate.score

    def counted(task, email):
        calls.append(task["task_id"])
        return real(task, email)

    monkeypatch.setattr(ablate, "score", counted)
    return calls


def test_critic_parts_are_reused_unchanged_and_rescored_after_a_scorer_change(tiny_with_adapter, parts_dir,
                                                                              monkeypatch, tmp_path):
    from tenacious import provenance

    profile, tasks = load_profile("smoke"), load_critic_tasks("heldout")[:2]
    calls = _counting_scorer(monkeypatch)
    first = ablate.run_critic(profile, tasks, 11, backbone=tiny_with_adapter)
    n_conditions = len({r["condition"] for r in first})
    assert len(calls) == n_conditions * len(tasks) and len(list(parts_dir.glob("*.jsonl"))) == n_conditions
    calls.clear()
    assert ablate.run_critic(profile, tasks, 11, backbone=tiny_with_adapter) == first and calls == []

    # A scorer fix (an edit to bench/scorer.py, in a copy of the package the code hash reads) re-scores.
    copy = tmp_path / "pkg"
    shutil.copytree(provenance.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(provenance, "PACKAGE_DIR", copy)
    with (copy / "bench" / "scorer.py").open("a") as fh:
        fh.write("\n# a scorer fix\n")
    ablate.run_critic(profile, tasks, 11, backbone=tiny_with_adapter)
    assert len(calls) == n_conditions * len(tasks)
    assert len(list(parts_dir.glob("*.jsonl"))) == n_conditions  # the stale parts are replaced, not kept beside


def test_judge_parts_follow_the_condition_settings_and_the_items(parts_dir, monkeypatch):
    from tenacious import experiment

    rules = [c for c in experiment.CONDITIONS if c.producer in ("constant", "rules")]
    monkeypatch.setattr(experiment, "CONDITIONS", tuple(rules))
    produced = []
    real = ablate.judge_rule_based

    def counted(items, condition, seed, rubric):
        produced.append(condition)
        return real(items, condition, seed, rubric)

    monkeypatch.setattr(ablate, "judge_rule_based", counted)
    profile, items = load_profile("smoke"), load_judge_items("heldout")[:5]
    ablate.run_judge(profile, items, 3407)
    assert produced == ["rules_v1", "rules"]
    produced.clear()
    ablate.run_judge(profile, items, 3407)
    assert produced == []
    # the registry entry's settings are part of the key: rules_v1 now applies rubric v2
    changed = [experiment.Condition(**{**c.__dict__, "settings": {"rubric": "v2"}}) if c.name == "rules_v1" else c
               for c in rules]
    monkeypatch.setattr(experiment, "CONDITIONS", tuple(changed))
    ablate.run_judge(profile, items, 3407)
    assert produced == ["rules_v1"]
    produced.clear()
    # the content of the items read, not only their ids
    ablate.run_judge(profile, [dict(items[0], draft=items[0]["draft"] + " P.S."), *items[1:]], 3407)
    assert produced == ["rules_v1", "rules"]


def test_a_part_key_covers_the_other_files_a_producer_reads(tmp_path):
    from tenacious import experiment

    profile, c = load_profile("smoke"), experiment.condition("bow")
    train = tmp_path / "train_items.jsonl"
    train.write_text("a\n")
    key = ablate._fingerprint(profile, "judge", 1, c, [{"item_id": "x"}], (train,), code="c")
    assert ablate._fingerprint(profile, "judge", 1, c, [{"item_id": "x"}], (train,), code="c") == key
    train.write_text("b\n")
    assert ablate._fingerprint(profile, "judge", 1, c, [{"item_id": "x"}], (train,), code="c") != key
    assert ablate._fingerprint(profile, "judge", 1, c, [{"item_id": "x"}], (train,), code="d") != key
