"""Ablation mechanics on the tiny model: batched paths agree with direct computation; seal first."""

import random
import shutil

import pytest
import torch

from tenacious import ablate, experiment, paths
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
    # one scoring of the selected email per row; the oracle scores each of its candidates (and selects one of them)
    scored = sum(len(r["outputs"]) if r["condition"] == experiment.CRITIC_ORACLE else 1 for r in first)
    assert len(calls) == scored and len(list(parts_dir.glob("*.jsonl"))) == n_conditions
    calls.clear()
    assert ablate.run_critic(profile, tasks, 11, backbone=tiny_with_adapter) == first and calls == []

    # A scorer fix (an edit to bench/scorer.py, in a copy of the package the code hash reads) re-scores.
    copy = tmp_path / "pkg"
    shutil.copytree(provenance.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(provenance, "PACKAGE_DIR", copy)
    with (copy / "bench" / "scorer.py").open("a") as fh:
        fh.write("\n# a scorer fix\n")
    ablate.run_critic(profile, tasks, 11, backbone=tiny_with_adapter)
    assert len(calls) == scored
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


# --- controls over critic_rs's own candidates, and rankers of fixed pools ------------------------------------------

def _pool_source(tasks: list[dict], pools: list[dict]) -> list[dict]:
    """critic_rs-like rows whose candidates are real emails the rubric tells apart (a pool's three emails)."""
    return [{"item_id": t["task_id"], "outputs": p["emails"]} for t, p in zip(tasks, pools, strict=True)]


def test_controls_rerank_critic_rs_candidates_and_the_oracle_is_their_ceiling(tiny_with_adapter):
    from tenacious.bench.schema import validate_critic_trace

    tasks = load_critic_tasks("heldout")[:3]
    rs = ablate.critic_rejection_sampling(tiny_with_adapter, tasks, "critic_rs", 0, [1.0] * 4, ["neutral"] * 4, 2.0,
                                          12, 8)
    controls = {r: ablate.critic_rerank(tiny_with_adapter, tasks, rs, f"x_{r}", 0, r, 2.0)
                for r in ("random", "base", "scorer")}
    for rows in controls.values():
        for row, source in zip(rows, rs, strict=True):
            validate_critic_trace(row)
            assert row["outputs"] == source["outputs"] and row["generated_tokens"] == 0
    for task, oracle, *others in zip(tasks, controls["scorer"], rs, controls["random"], controls["base"], strict=True):
        assert oracle["candidate_scores"] == [ablate.score(task, o)["overall"] for o in oracle["outputs"]]
        assert all(oracle["score"]["overall"] >= r["score"]["overall"] for r in others)
    # the base ranker is the critic's own score with the adapter off: not the critic's scores, and one pass
    assert [r["candidate_scores"] for r in controls["base"]] != [r["candidate_scores"] for r in rs]
    assert {r["forward_passes"] for r in controls["base"]} == {1}
    assert {r["forward_passes"] for r in controls["random"] + controls["scorer"]} == {0}


def test_the_oracle_picks_the_rubric_best_of_emails_it_tells_apart(tiny_with_adapter):
    from tenacious.bench.load import load_critic_heldout_pairs
    from tenacious.bench.pools import fixed_pools

    pools = fixed_pools(load_critic_heldout_pairs()[:4])
    tasks = [p["task"] for p in pools]
    rows = ablate.critic_rerank(tiny_with_adapter, tasks, _pool_source(tasks, pools), "oracle_of_k", 0, "scorer", 2.0)
    for row, pool in zip(rows, pools, strict=True):
        assert row["candidate_scores"] == pool["reference_scores"]
        assert row["selected_index"] == pool["reference_scores"].index(max(pool["reference_scores"]))


def test_random_of_k_is_seeded_per_task_and_seed():
    tasks = load_critic_tasks("heldout")[:12]
    source = [{"item_id": t["task_id"], "outputs": [f"Subject: Hi\n\nDraft {i}." for i in range(4)]} for t in tasks]

    def picks(seed: int) -> list[int]:
        return [r["selected_index"] for r in ablate.critic_rerank(None, tasks, source, "random_of_k", seed, "random", 2.0)]

    first = picks(11)
    assert first == picks(11), "the same seed picks the same candidates"
    assert first == [random.Random(f"random_of_k:11:{t['task_id']}").randrange(4) for t in tasks]
    assert len(set(first)) > 1 and first != picks(12), "a seeded draw per task, not a fixed index"


def test_pool_rankers_with_known_log_probs_give_the_hand_computed_top1(tiny_with_adapter, monkeypatch):
    """The critic ranks by mean log-prob per token: the email with the best mean wins even with the worst sum."""
    from tenacious.bench.pools import pairwise_outcomes, prefers_strong, top1_correct
    from tenacious.bench.schema import SchemaError, validate_critic_ranking_trace

    pool = {"pool_id": "CHP-900", "task": load_critic_tasks("heldout")[0], "roles": ["flawed", "bad", "strong"],
            "emails": ["Subject: A\n\nflawed", "Subject: B\n\nbad", "Subject: C\n\nstrong, and the longest one"],
            "reference_scores": [0.5, 0.1, 0.9]}
    # per-token log-probs: sums -1.0, -0.8, -3.0 (the bad email's is best); means -0.5, -0.8, -0.3 -> strong wins
    known = [[-0.5, -0.5], [-0.8], [-0.3] * 10]
    monkeypatch.setattr(ablate, "continuation_logprobs", lambda model, prompt, conts: known)
    critic = experiment.RANKERS[0]
    (row,) = ablate.rank_pools(tiny_with_adapter, [pool], critic, 11, beta=2.0)
    validate_critic_ranking_trace(row)
    assert row["scores"] == pytest.approx([-1.0, -1.6, -0.6])  # beta x mean
    assert top1_correct(row["scores"], row["reference_scores"]) and prefers_strong(row["roles"], row["scores"])
    assert pairwise_outcomes(row["scores"], row["reference_scores"]) == [True, True, True]
    # the shortcut prefers the shortest email: the bad one here, so its top-1 is wrong and it ranks strong last
    (short,) = ablate.rank_pools(None, [pool], experiment.RANKERS[-1], 11, beta=2.0)
    assert short["forward_passes"] == 0 and short["scores"].index(max(short["scores"])) == 1
    assert not top1_correct(short["scores"], short["reference_scores"])
    assert pairwise_outcomes(short["scores"], short["reference_scores"]) == [False, False, False]  # length inverts it
    with pytest.raises(SchemaError, match="'scores': 2 entries for 3 emails"):
        validate_critic_ranking_trace({**row, "scores": row["scores"][:2]})


def test_run_critic_ranking_writes_one_part_per_ranker_and_reuses_them(tiny_with_adapter, parts_dir):
    from tenacious.bench.load import load_critic_heldout_pairs
    from tenacious.bench.pools import fixed_pools

    pools = fixed_pools(load_critic_heldout_pairs()[:2])
    rows = ablate.run_critic_ranking(load_profile("smoke"), pools, 11, backbone=tiny_with_adapter)
    assert [(r["ranker"], r["item_id"]) for r in rows] == [(n, p["pool_id"]) for n in experiment.ranker_names()
                                                           for p in pools]
    assert sorted(p.name.split("_seed")[0] for p in parts_dir.glob("*.jsonl")) == sorted(
        f"critic_ranking-{n}" for n in experiment.ranker_names())
    assert ablate.run_critic_ranking(load_profile("smoke"), pools, 11, backbone=None) == rows, "reused, no model"
