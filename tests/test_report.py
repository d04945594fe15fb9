"""Reporting end: numbers.json, tables, figures, model cards, paper and the Colab guard.

A synthetic but schema-valid tree (sealed held-out files, histories, run configs, traces) stands
in for a pipeline run; every check recomputes what it verifies directly from those files.
"""

from __future__ import annotations

import fnmatch
import inspect
import json
import math
import os
import random
import statistics
import subprocess
import sys

import nbformat
import pytest
from huggingface_hub import ModelCard

from tenacious import colab, experiment, paths, stats
from tenacious.bench import facts, style_guide
from tenacious.bench.load import critic_tasks_path, judge_items_path, pairs_path
from tenacious.bench.rubric import DECISIONS
from tenacious.bench.schema import HAND_STRATUM
from tenacious.bench.seal import SEALED_FILES, data_hash, write_manifest
from tenacious.figures import FIGURES, make_figures
from tenacious.io import read_json, read_jsonl, sha256_file, write_json, write_jsonl
from tenacious.paper import write_model_cards, write_paper
from tenacious.profiles import load_profile
from tenacious.report import (
    ReportError,
    Sources,
    calibration,
    critic_recommendation,
    judge_recommendation,
    load_numbers,
    softmax_labels,
    write_report,
)
from tenacious.stages import plan_stages
from tenacious.tables import TABLES

STRATA = {"ADV": 3, "PRG": 5, "SYN": 3, "TRC": 3}
# probe -> (gold decision, gold rule), items per probe
PROBES = {"A07": ("SUPPRESS", 1, 4), "G03": ("ESCALATE", 4, 3), "B04": ("BLOCK", 6, 4),
          "E02": ("PENALISE", 9, 3), "PASS": ("PASS", 11, 6)}
DIMS = ("grounding", "tone", "icp_fit", "ai_maturity", "scheduling")
SPLIT_SIZES = {"train": 7, "dev": 2}  # critic tasks; judge items are twice as many, pairs three times
# critic_rs's k = 4 candidates per task score its selected one plus these offsets; it selects index 0,
# base_ranked_of_k index 1, the oracle the best (index 2)
OFFSETS = (0.0, -0.1, 0.05, -0.2)
# Five sealed hand pairs as pools: the rubric's scores of (strong, flawed, bad), and each ranker's order of the roles
# (first = highest score). The last pair is one the rubric reads the other way round from its author.
POOL_REFERENCE = [(0.9, 0.5, 0.1)] * 4 + [(0.5, 0.9, 0.1)]
RANKER_ORDERS = {"critic": [("strong", "flawed", "bad")] * 4 + [("flawed", "strong", "bad")],
                 "base": [("flawed", "strong", "bad")] * 3 + [("strong", "flawed", "bad")] * 2,
                 "shorter_email": [("bad", "flawed", "strong")] * 5}
POOL_ORDERS = [("bad", "strong", "flawed"), ("strong", "flawed", "bad"), ("flawed", "bad", "strong"),
               ("strong", "bad", "flawed"), ("bad", "flawed", "strong")]  # how each pool lists its emails


def _task(task_id: str, stratum: str, i: int) -> dict:
    return {"task_id": task_id, "template_id": f"tpl-{stratum}", "stratum": stratum, "context": _context(i),
            "instruction": "Propose a 30-minute intro call.", "goal": "intro_call", "needs_slot": True, "offer": None,
            "style_guide_excerpts": [style_guide.RULE_IDS[0]], "must_include": [], "must_not": [], "notes": ""}


def _hand_pairs() -> list[dict]:
    return [{"pair_id": f"CHP-{k:03d}", "template_id": f"hand-{k}", "stratum": "HND", "task": _task(
                f"HND-CHP-{k:03d}", "HND", 200 + k), "chosen": f"Subject: Hi\n\nA strong email {k}.",
             "rejected": f"Subject: Hi\n\nA flawed email {k}, longer than the strong one.", "reason": "constructed",
             "dimension": "tone", "voice_chosen": "plain", "voice_rejected": "plain"} for k in range(5)]


def _ranking_rows(pairs: list[dict], seeds) -> list[dict]:
    rows = []
    for seed in seeds:
        for ranker, orders in RANKER_ORDERS.items():
            for pair, reference, listed, order in zip(pairs, POOL_REFERENCE, POOL_ORDERS, orders, strict=True):
                emails = {"strong": pair["chosen"], "flawed": pair["rejected"], "bad": pair["rejected"] + " Cheers!!"}
                rows.append({"item_id": pair["pair_id"], "ranker": ranker, "seed": seed, "roles": list(listed),
                             "emails": [emails[r] for r in listed], "scores": [-float(order.index(r)) for r in listed],
                             "reference_scores": [reference[("strong", "flawed", "bad").index(r)] for r in listed],
                             "forward_passes": 0 if ranker == "shorter_email" else 1, "generated_tokens": 0,
                             "wall_seconds": 0.01})
    return rows


def _context(i: int) -> dict:
    return {"prospect_id": f"P{i:03d}", "company": "Examplo", "domain": "examplo.test", "industry": "edtech",
            "regulated": False, "headcount": 80, "hq_timezone": "Europe/Berlin",
            "recipient": {"name": "Ada Lovelace", "role": "cto"}, "segment": "segment_1", "segment_confidence": 0.8,
            "ai_maturity": {"score": 1, "confidence": "high"}, "signals": [],
            "funding": {"stage": "seed", "amount_usd": None, "confidence": "low"}, "disqualifiers": [],
            "opt_out_channels": [], "channel": facts.CHANNELS[0], "thread_id": f"T{i:03d}", "prior_thread": [],
            "prior_commitments": [], "bench": {}}


def _history(scale: float) -> dict:
    rows = []
    for step in (1, 2, 3):
        rows.append({"step": step, "loss": 1.0 - 0.1 * step, "learning_rate": 1e-5, "rewards/margins": 0.1 * step,
                     "rewards/accuracies": 0.5, "wall_seconds": 1.0 * step})
        rows.append({"step": step, "eval_loss": 1.1 - 0.1 * step, "eval_rewards/margins": scale * step,
                     "eval_rewards/accuracies": 0.5 + 0.1 * step, "eval_pairs_correct": 4 + step, "eval_pairs": 10,
                     "wall_seconds": 1.0 * step + 0.5})
    rows.append({"step": 3, "train_runtime": 3.6, "train_loss": 0.9, "wall_seconds": 3.6})
    return {"log_history": rows}


def build_tree(tmp_path, monkeypatch, *, critic_lift=0.15, judge_errors=1, seeds=None) -> Sources:
    """A complete run of both tracks on a small sealed held-out set, written under tmp_path."""
    rng = random.Random(7)
    seeds = seeds or {"critic": (11,), "judge": (3407,)}
    data = tmp_path / "data"
    tasks, items = [], []
    for stratum, count in STRATA.items():
        for k in range(count):
            tasks.append(_task(f"{stratum}-{k:03d}", stratum, len(tasks)))
    for probe, (decision, rule, count) in PROBES.items():
        for k in range(count):
            items.append({"item_id": f"J-{probe}-{k}", "case_id": f"C-{probe}-{k}", "template_id": f"tpl-{probe}",
                          "probe_id": probe, "authoring_mode": "hand_authored" if probe == "B04" else "programmatic",
                          "context": _context(100 + len(items)),
                          "draft": "Subject: Hello\n\nA short note.",
                          "draft_kind": "good" if probe == "PASS" else "bad",
                          "stratum": HAND_STRATUM if probe == "B04" else "PRG",
                          "kind": "clean" if probe == "PASS" else "violation", "gold_decision": decision,
                          "gold_rule": rule, "evidence": None, "wording": None, "voice": "plain",
                          "reason": "constructed for the report tests"})
    write_jsonl(data / "critic" / "heldout_tasks.jsonl", tasks)
    write_jsonl(data / "judge" / "heldout_items.jsonl", items)
    pairs = _hand_pairs()
    write_jsonl(data / "critic" / "heldout_pairs.jsonl", pairs)
    for split, count in SPLIT_SIZES.items():  # counted, not read, by the report: ids are enough
        write_jsonl(critic_tasks_path(split, data), [{"task_id": f"{split}-{k}"} for k in range(count)])
        write_jsonl(judge_items_path(split, data), [{"item_id": f"{split}-{k}"} for k in range(2 * count)])
        for track in ("critic", "judge"):
            write_jsonl(pairs_path(track, split, data), [{"pair_id": f"{split}-{k}"} for k in range(3 * count)])
    for rel in SEALED_FILES:  # any other sealed file is not read by the report
        if not (data / rel).exists():
            write_jsonl(data / rel, [])
    write_manifest(data)
    monkeypatch.setattr(paths, "DATA_DIR", data)

    for track in ("critic", "judge"):
        for seed in seeds[track]:
            run_dir = paths.train_run_dir("smoke", track, seed, tmp_path)
            write_json(run_dir / "history.json", {"track": track, "seed": seed, **_history(0.2 + seed % 5 / 10)})
            write_json(run_dir / "run_config.json", {
                "track": track, "seed": seed, "method": "simpo" if track == "critic" else "orpo",
                "hyperparameters": {"beta": 2.0, "learning_rate": 5e-6, "lora_r": 16, "per_device_batch": 2,
                                    "grad_accum": 2},
                "prompt_format": "compact", "world_size": 1, "libraries": {"torch": "2.0", "trl": "1.15"},
                "backbone_source": {"source": "random initialisation (seeded)", "file": None, "sha256": None},
                "train_pairs": 40, "eval_pairs": 10, "global_step": 3, "train_seconds": 3.6,
                "backbone": {"name": "tiny", "device": "cpu", "dtype": "fp32", "loader": "tiny"},
                "device": {"python": "3.11", "machine": "x86_64", "cpu_threads": 2, "cuda": False},
                "provenance": {"profile": "smoke", "backbone": "tiny", "seeds": [seed], "commit": "abc",
                               "data_hash": data_hash(data)}})

    critic_rows = []
    for seed in seeds["critic"]:
        for task in tasks:
            base = rng.uniform(0.3, 0.6)
            means = {"baseline": base, "promptaug": base + rng.uniform(-0.05, 0.05),
                     "critic_rs": base + critic_lift + rng.uniform(-0.05, 0.05),
                     "critic_rs_diverse": base + critic_lift / 2 + rng.uniform(-0.05, 0.05)}
            pool = [round(min(1.0, max(0.0, means["critic_rs"] + o)), 4) for o in OFFSETS]
            selected = {"critic_rs": 0, "random_of_k": 3, "base_ranked_of_k": 1, "oracle_of_k": 2}
            for condition in experiment.names("critic"):
                c = experiment.condition(condition)
                of = c.settings.get("of", condition)
                k = 4 if of.startswith("critic_rs") else 1
                pick = selected.get(condition, 0)
                overall = pool[pick] if of == "critic_rs" else round(min(1.0, max(0.0, means.get(condition, base))), 4)
                critic_rows.append({
                    "item_id": task["task_id"], "condition": condition, "seed": seed,
                    "outputs": [f"Subject: Hi\n\nBody {i}." for i in range(k)],
                    "candidate_scores": pool if condition == experiment.CRITIC_ORACLE else [0.1] * k if k > 1 else [],
                    "selected_index": pick, "score": {"overall": overall, "dimensions": dict.fromkeys(DIMS, overall)},
                    "forward_passes": 0 if c.role == "control" else k + 1 if k > 1 else 1,
                    "generated_tokens": 0 if c.role == "control" else 20 * k, "wall_seconds": 0.1 * k})
    judge_rows = []
    for seed in seeds["judge"]:
        for n, item in enumerate(items):
            gold = item["gold_decision"]
            wrong = "PASS" if gold != "PASS" else "BLOCK"
            predicted = {"always_pass": "PASS", "rules": gold if n % 3 != 1 else wrong, "rules_v1": gold if n % 3 else wrong,
                         "bow": gold if n % 2 else "PASS",
                         "zero_shot": rng.choice(["PASS", "BLOCK", gold]),
                         "orpo_judge": wrong if n < judge_errors else gold}
            for condition in experiment.names("judge"):  # a condition added to the registry guesses PASS
                guess = predicted.get(condition, "PASS")
                scored = condition in ("zero_shot", "orpo_judge")  # label likelihoods: the guess most likely
                logprobs = {label: -0.2 - 0.1 * (n % 4) if label == guess else -3.0 for label in DECISIONS}
                judge_rows.append({"item_id": item["item_id"], "condition": condition, "seed": seed,
                                   "predicted": guess, "label_logprobs": logprobs if scored else None, "gold": gold,
                                   "forward_passes": 1 if condition in ("zero_shot", "orpo_judge") else 0,
                                   "generated_tokens": 0, "wall_seconds": 0.01, "rationale": None})
    write_jsonl(paths.traces_path("smoke", "critic", tmp_path), critic_rows)
    write_jsonl(paths.traces_path("smoke", "judge", tmp_path), judge_rows)
    write_jsonl(paths.ranking_traces_path("smoke", tmp_path), _ranking_rows(pairs, seeds["critic"]))
    return Sources(profile="smoke", seeds=seeds, bootstrap_samples=300, bootstrap_seed=0, root=tmp_path)


@pytest.fixture()
def tree(tmp_path, monkeypatch):
    src = build_tree(tmp_path, monkeypatch)
    return src, write_report(src)


def _traces(src, track):
    return [json.loads(line) for line in src.traces_path(track).read_text().splitlines()]


def test_numbers_match_the_traces(tree):
    src, numbers = tree
    assert load_numbers(src) == json.loads(json.dumps(numbers))
    critic_rows = _traces(src, "critic")
    for condition in experiment.names("critic"):
        scores = [r["score"]["overall"] for r in critic_rows if r["condition"] == condition]
        got = numbers["critic"]["heldout"]["conditions"][condition]
        assert got["mean"] == pytest.approx(statistics.mean(scores))
        assert got["sd"] == pytest.approx(statistics.stdev(scores))
        assert got["ci_low"] <= got["mean"] <= got["ci_high"]
    by_item = {(r["condition"], r["item_id"]): r["score"]["overall"] for r in critic_rows}
    ids = sorted({r["item_id"] for r in critic_rows})
    delta_a = numbers["critic"]["heldout"]["deltas"]["A"]
    assert delta_a["mean_delta"] == pytest.approx(
        statistics.mean(by_item[("critic_rs", i)] - by_item[("baseline", i)] for i in ids))
    assert delta_a["wins"] + delta_a["losses"] + delta_a["ties"] == len(ids)
    assert [(s["stratum"], s["n"]) for s in numbers["critic"]["heldout"]["strata"]] == list(STRATA.items())
    assert [p["probe"] for p in numbers["judge"]["heldout"]["per_probe"]][-1] == "PASS"
    pareto = {p["condition"]: p for p in numbers["critic"]["heldout"]["pareto"]}
    assert pareto["critic_rs"]["cost_ratio"] == pytest.approx(5.0)

    judge_rows = _traces(src, "judge")
    judge_names = experiment.names("judge")
    for condition in judge_names:
        rows = [r for r in judge_rows if r["condition"] == condition]
        got = numbers["judge"]["heldout"]["conditions"][condition]
        assert got["accuracy"] == pytest.approx(sum(r["predicted"] == r["gold"] for r in rows) / len(rows))
        assert got["ci_low"] <= got["accuracy"] <= got["ci_high"]
    conditions = numbers["judge"]["heldout"]["conditions"]
    assert {c: conditions[c]["role"] for c in judge_names if c != "orpo_judge"} == dict.fromkeys(
        [c for c in judge_names if c != "orpo_judge"], "baseline")
    best = max((c for c in judge_names if c != "orpo_judge"), key=lambda c: conditions[c]["accuracy"])
    assert conditions[numbers["judge"]["heldout"]["best_baseline"]]["accuracy"] == conditions[best]["accuracy"]
    matrix = numbers["judge"]["heldout"]["confusion"]["orpo_judge"]
    assert sum(map(sum, matrix)) == len(judge_rows) // len(judge_names)
    # training headline = the last validation row of the history
    assert numbers["critic"]["training"]["validation_pair_accuracy"] == pytest.approx(0.7)  # k/n, not the batch mean
    assert numbers["critic"]["training"]["validation_batch_mean_accuracy"] == pytest.approx(0.8)


def test_every_number_names_its_files_and_provenance(tree):
    src, numbers = tree
    for track in ("critic", "judge"):
        assert set(numbers[track]["provenance"]) == {"profile", "backbone", "seeds", "commit", "data_hash"}
        assert numbers[track]["provenance"]["data_hash"] == data_hash(paths.DATA_DIR)
        for block in ("training", "heldout", "seeds", "recommendation", "compute"):
            refs = numbers[track][block]["from"]
            assert refs, f"{track}.{block} names no source file"
        traces_ref = numbers[track]["heldout"]["from"][0]
        assert traces_ref == {"file": src.traces_path(track).as_posix(), "sha256": sha256_file(src.traces_path(track))}
    assert numbers["statistics"]["bootstrap_samples"] == 300


def test_report_is_deterministic(tree):
    src, _ = tree
    first = src.numbers_path.read_bytes()
    tables = {n: (src.tables_dir / f"{n}.md").read_bytes() for n in TABLES}
    write_report(src)
    assert src.numbers_path.read_bytes() == first
    assert all((src.tables_dir / f"{n}.md").read_bytes() == b for n, b in tables.items())


def test_every_table_figure_card_and_paper_is_written(tree):
    src, numbers = tree
    for name in TABLES:
        text = (src.tables_dir / f"{name}.md").read_text()
        assert text.count("|") > 4 and "sha256" in text, name
    make_figures(src)
    for stem in FIGURES:
        for ext, magic in (("png", b"\x89PNG"), ("pdf", b"%PDF")):
            assert (src.paper_figures_dir / f"{stem}.{ext}").read_bytes().startswith(magic), stem
    write_model_cards(src)
    paper = write_paper(src).read_text()
    for stem in FIGURES:
        assert f"](figures/{stem}.png)" in paper
    lift = numbers["critic"]["heldout"]["deltas"]["A"]
    assert f"{lift['mean_delta']:+.3f}" in paper and f"{lift['ci_low']:+.3f}" in paper
    assert f"{numbers['judge']['heldout']['conditions']['orpo_judge']['accuracy']:.3f}" in paper
    assert "$" not in paper, "every template placeholder is filled"
    # what the pipeline runner expects the stats and figures stages to write
    written = [p.relative_to(src.root).as_posix() for p in paths.paper_dir("smoke", src.root).rglob("*")
               if p.is_file()]
    for run in plan_stages(load_profile("smoke")):
        if run.stage in ("stats", "figures"):
            for pattern in run.outputs:
                assert fnmatch.filter(written, pattern), pattern


def test_sources_for_profile_are_the_pipeline_folders():
    src = Sources.for_profile("smoke")
    profile = load_profile("smoke")
    assert src.traces_path("critic") == paths.ablate_dir("smoke") / "critic.jsonl"
    assert src.run_dir("judge", 3407) == paths.train_run_dir("smoke", "judge", 3407)
    assert src.numbers_path == paths.paper_dir("smoke") / "numbers.json"
    assert src.seeds == {"critic": tuple(profile.train.critic.seeds), "judge": tuple(profile.train.judge.seeds)}
    assert (src.bootstrap_samples, src.bootstrap_seed) == (profile.stats.bootstrap_samples, profile.stats.seed)


def test_model_cards_parse_and_report_numbers_json(tree):
    src, numbers = tree
    write_model_cards(src)
    expected = {
        "critic": {"mean_rubric_score": numbers["critic"]["heldout"]["conditions"]["critic_rs"]["mean"],
                   "lift_vs_baseline": numbers["critic"]["heldout"]["deltas"]["A"]["mean_delta"],
                   "lift_vs_baseline_ci_low": numbers["critic"]["heldout"]["deltas"]["A"]["ci_low"],
                   "lift_vs_baseline_ci_high": numbers["critic"]["heldout"]["deltas"]["A"]["ci_high"]},
        "judge": {"accuracy": numbers["judge"]["heldout"]["conditions"]["orpo_judge"]["accuracy"],
                  "accuracy_ci_low": numbers["judge"]["heldout"]["conditions"]["orpo_judge"]["ci_low"],
                  "accuracy_ci_high": numbers["judge"]["heldout"]["conditions"]["orpo_judge"]["ci_high"]},
    }
    for track in ("critic", "judge"):
        card = ModelCard.load(src.cards_dir / track / "README.md")
        assert card.data.library_name == "peft" and card.data.pipeline_tag == "text-generation"
        assert card.data.base_model == "tiny" and card.data.license == "apache-2.0" and card.data.datasets
        results = {(r.dataset_split, r.metric_type): r.metric_value for r in card.data.eval_results}
        training = numbers[track]["training"]
        assert results == {**{("heldout", k): v for k, v in expected[track].items()},
                           ("dev", "pair_accuracy"): training["validation_pair_accuracy"],
                           ("dev", "reward_margin"): training["validation_reward_margin"]}
        assert "**Profile** `smoke`" in card.text and "**seeds** [" in card.text
        assert f"**{numbers[track]['recommendation']['decision']}**" in card.text


def _delta(low, high):
    return {"mean_delta": (low + high) / 2, "ci_low": low, "ci_high": high}


def test_critic_recommendation_follows_the_ci():
    assert critic_recommendation(_delta(0.02, 0.1), _delta(0.01, 0.05))["decision"] == "DEPLOY"
    assert critic_recommendation(_delta(-0.02, 0.1), _delta(0.01, 0.05))["decision"] == "NO-DEPLOY"
    assert critic_recommendation(_delta(-0.2, -0.1), _delta(0.01, 0.05))["decision"] == "NO-DEPLOY"
    assert "promptaug" in critic_recommendation(_delta(0.02, 0.1), _delta(-0.01, 0.05))["reason"]


def test_judge_recommendation_needs_a_significant_gain():
    better = {"accuracy": 0.9}
    assert judge_recommendation(better, "rules_v1", {"accuracy": 0.6}, {"p_value": 0.01})["decision"] == "DEPLOY"
    assert judge_recommendation(better, "rules_v1", {"accuracy": 0.8}, {"p_value": 0.2})["decision"] == "NO-DEPLOY"
    assert judge_recommendation(better, "rules_v1", {"accuracy": 0.95}, {"p_value": 0.01})["decision"] == "NO-DEPLOY"


@pytest.mark.parametrize(("lift", "errors", "critic", "judge"),
                         [(0.15, 1, "DEPLOY", "DEPLOY"), (-0.1, 12, "NO-DEPLOY", "NO-DEPLOY")])
def test_recommendations_flip_with_the_data(tmp_path, monkeypatch, lift, errors, critic, judge):
    src = build_tree(tmp_path, monkeypatch, critic_lift=lift, judge_errors=errors)
    numbers = write_report(src)
    assert numbers["critic"]["recommendation"]["decision"] == critic
    assert numbers["judge"]["recommendation"]["decision"] == judge
    a = numbers["critic"]["heldout"]["deltas"]["A"]
    assert (a["ci_low"] > 0) == (critic == "DEPLOY")


def test_several_seeds_report_their_spread(tmp_path, monkeypatch):
    src = build_tree(tmp_path, monkeypatch, seeds={"critic": (11, 12), "judge": (3407,)})
    numbers = write_report(src)
    spread = numbers["critic"]["seeds"]["across_seeds"]["deltas"]["A"]
    per_seed = numbers["critic"]["seeds"]["per_seed"]
    assert spread["n"] == 2 and spread["sd"] is not None
    assert spread["mean"] == pytest.approx(statistics.mean(v["deltas"]["A"] for v in per_seed.values()))
    assert numbers["critic"]["heldout"]["primary_seed"] == 11
    assert numbers["judge"]["seeds"]["across_seeds"]["orpo_judge"]["sd"] is None
    assert "| 12 |" in (src.tables_dir / "critic_seeds.md").read_text()


def test_incomplete_traces_are_refused(tmp_path, monkeypatch):
    src = build_tree(tmp_path, monkeypatch)
    rows = [r for r in _traces(src, "critic") if r["condition"] != "promptaug"]
    write_jsonl(src.traces_path("critic"), rows)
    with pytest.raises(ReportError, match="promptaug"):
        write_report(src)


def test_stale_training_data_is_refused(tmp_path, monkeypatch):
    src = build_tree(tmp_path, monkeypatch)
    config_path = src.run_dir("judge", 3407) / "run_config.json"
    config = read_json(config_path)
    config["provenance"]["data_hash"] = "0" * 64
    write_json(config_path, config)
    with pytest.raises(ReportError, match="re-run the train stage"):
        write_report(src)


def test_colab_notebook_refuses_politely_outside_colab(capsys, tmp_path):
    assert colab.check_colab({"COLAB_RELEASE_TAG": "release-colab_20260101"}) is True
    assert colab.check_colab({"HOME": "/root"}) is False
    assert "meant for Google Colab" in capsys.readouterr().out
    # The notebook runs before the package is cloned, so its guard cell carries the same source.
    nb = nbformat.read(paths.NOTEBOOKS_DIR / "colab.ipynb", as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert inspect.getsource(colab.check_colab) in next(s for s in code if "def check_colab" in s)
    assert 'REPO_URL = "https://github.com/tenacious-bench/tenacious-artifact"' in code[0]
    # Every code cell, run in order outside Colab: a message, no clone, no install, no error.
    script = tmp_path / "colab_cells.py"
    script.write_text("\n\n".join(code) + "\n\nprint('IN_COLAB =', IN_COLAB)\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("COLAB_")}
    done = subprocess.run([sys.executable, str(script)], check=False, cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "meant for Google Colab" in done.stdout and "IN_COLAB = False" in done.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["colab_cells.py"]


def test_paper_template_fills_every_placeholder_or_says_which(tree, tmp_path):
    from tenacious.paper import render_paper

    _, numbers = tree
    paper = render_paper(numbers)
    for name in experiment.names("critic") + experiment.names("judge"):
        assert f"`{name}`" in paper, name
    bad = tmp_path / "paper.md"
    bad.write_text("# $profile\n\n$no_such_field\n")
    with pytest.raises(ValueError, match=r"placeholder \$no_such_field"):
        render_paper(numbers, bad)


def _write_curve(src, data_hash_: str, accuracies=(0.4, 0.45, 0.9), split="dev") -> dict:
    """A judge learning curve as benchmarks/judge_learning_curve.py writes it (3 points, 20 dev items)."""
    n = 20
    points = []
    for k, acc in enumerate(accuracies):
        right = round(acc * n)
        points.append({"step": 10 * k, "epoch": 0.5 * k, "accuracy": right / n, "ci95": [max(0, acc - 0.2),
                       min(1, acc + 0.2)], "predicted": {"PASS": n}, "mcnemar": {
                           "always_pass": {"judge_only_right": right, "baseline_only_right": 8,
                                           "p_value": 0.001 if acc > 0.8 else 0.5},
                           "bow": {"judge_only_right": right, "baseline_only_right": 9, "p_value": 0.5}}})
    curve = {"profile": "smoke", "split": split, "epochs": 2, "train_pairs": 40, "items": n, "complete": False,
             "points": points,
             "baselines": {"always_pass": {"accuracy": 0.4}, "bow": {"accuracy": 0.45}, "rules_v1": {"accuracy": 0.6}},
             "provenance": {"data_hash": data_hash_}}
    write_json(paths.judge_curve_path("smoke", src.root), curve)
    config_path = src.run_dir("judge", 3407) / "run_config.json"
    config = read_json(config_path)
    config["hyperparameters"].update(per_device_batch=2, grad_accum=1)
    write_json(config_path, config)
    return curve


def test_a_measured_learning_curve_reaches_numbers_figure_card_and_paper(tmp_path, monkeypatch):
    src = build_tree(tmp_path, monkeypatch)
    _write_curve(src, data_hash(paths.DATA_DIR))
    numbers = write_report(src)
    curve = numbers["judge"]["learning_curve"]
    assert curve["default_schedule_epochs"] == 3 * 2 / 40  # global_step 3 x 2 pairs of 40
    assert curve["first_win_over_always_pass"] == 1.0 and curve["best"]["accuracy"] == 0.9
    assert curve["from"][0]["file"].endswith("judge_learning_curve_smoke.json")
    assert any(p.name == "judge_learning_curve.png" for p in make_figures(src))
    paper = write_paper(src).read_text()
    assert "](figures/judge_learning_curve.png)" in paper
    assert "first beats always-PASS with exact McNemar p < 0.05 after 1.00 epochs" in paper
    write_model_cards(src)
    card = (src.cards_dir / "judge" / "README.md").read_text()
    assert "stopped there" in card and "default schedule stops after 0.150 epochs" in card


def test_a_curve_that_never_wins_says_how_far_it_is(tmp_path, monkeypatch):
    src = build_tree(tmp_path, monkeypatch)
    _write_curve(src, data_hash(paths.DATA_DIR), accuracies=(0.4, 0.45, 0.35))
    write_report(src)
    paper = write_paper(src).read_text()
    assert ("at no measured point does the judge beat always-PASS with exact McNemar p < 0.05 (best 0.450 after "
            "0.50 epochs, against always-PASS 0.400, bag-of-words 0.450, rules_v1 0.600)") in paper


def test_a_curve_from_other_data_is_refused(tmp_path, monkeypatch):
    src = build_tree(tmp_path, monkeypatch)
    _write_curve(src, "0" * 64)
    with pytest.raises(ReportError, match="judge_learning_curve.py --profile smoke"):
        write_report(src)


def test_rankings_match_the_hand_counts(tree):
    """RANKER_ORDERS and POOL_REFERENCE above, counted by hand."""
    _, numbers = tree
    rk = numbers["critic"]["ranking"]
    counts = {r: {e: (m["correct"], m["n"]) for e, m in rk["rankers"][r].items()} for r in rk["rankers"]}
    assert counts == {"critic": {"hand_pairs": (4, 5), "top1": (5, 5), "pairwise": (15, 15)},
                      "base": {"hand_pairs": (2, 5), "top1": (1, 5), "pairwise": (11, 15)},
                      "shorter_email": {"hand_pairs": (0, 5), "top1": (0, 5), "pairwise": (1, 15)}}
    critic_hand = rk["rankers"]["critic"]["hand_pairs"]
    wilson = stats.wilson_interval(4, 5)
    assert (critic_hand["ci_low"], critic_hand["ci_high"]) == pytest.approx((wilson.low, wilson.high))
    assert (rk["scorer_hand_pairs"]["correct"], rk["chance"]["top1"]) == (4, pytest.approx(1 / 3))
    # critic vs base on the hand pairs: only the critic right on pairs 0-2, only base on pair 4, both on pair 3
    test = rk["mcnemar"]["hand_pairs:base"]
    assert (test["b"], test["c"], test["both_correct"], test["both_wrong"]) == (3, 1, 1, 0)
    assert test["p_value"] == pytest.approx(0.625)
    assert test["p_holm"] >= test["p_value"] and len(rk["mcnemar"]) == 4
    assert rk["from"][1]["file"].endswith("critic/heldout_pairs.jsonl")


def test_controls_score_the_same_candidates_with_the_oracle_on_top(tree):
    src, numbers = tree
    h, ctl = numbers["critic"]["heldout"], numbers["critic"]["controls"]
    means = {c: h["conditions"][c]["mean"] for c in experiment.names("critic")}
    assert means["oracle_of_k"] == max(means[c] for c in ("critic_rs", "random_of_k", "base_ranked_of_k",
                                                         "oracle_of_k"))
    assert [t["range"] for t in ctl["per_task"]] == pytest.approx([0.25] * len(ctl["per_task"]))  # OFFSETS' span
    assert ctl["pool_mean"]["point"] == pytest.approx(means["critic_rs"] + sum(OFFSETS) / len(OFFSETS), abs=1e-4)
    assert ctl["no_spread"]["correct"] == 0 and ctl["no_spread"]["n"] == len(ctl["per_task"])
    assert {p["condition"] for p in h["pareto"]} == {c.name for c in experiment.conditions("critic")
                                                     if c.role != "control"}
    assert "`oracle_of_k`" in (src.tables_dir / "critic_controls.md").read_text()
    assert {"R", "M"} <= set(h["deltas"])


def test_a_control_over_other_candidates_is_refused(tmp_path, monkeypatch):
    src = build_tree(tmp_path, monkeypatch)
    rows = _traces(src, "critic")
    for r in rows:
        if r["condition"] == "random_of_k" and r["item_id"] == "PRG-001":
            r["outputs"] = [o + " (regenerated)" for o in r["outputs"]]
    write_jsonl(src.traces_path("critic"), rows)
    with pytest.raises(ReportError, match=r"random_of_k \(seed 11\) does not re-rank critic_rs's candidates on "
                                          r"\['PRG-001'\]"):
        write_report(src)


def test_rankings_of_other_emails_than_the_sealed_pairs_are_refused(tmp_path, monkeypatch):
    src = build_tree(tmp_path, monkeypatch)
    path = src.ranking_traces_path
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    rows[0]["emails"][rows[0]["roles"].index("strong")] += " P.S."
    write_jsonl(path, rows)
    with pytest.raises(ReportError, match="pool CHP-000 .* holds other emails than the sealed pair"):
        write_report(src)
    write_jsonl(path, [r for r in rows if r["ranker"] != "base"])
    with pytest.raises(ReportError, match="no traces for base"):
        write_report(src)


def test_a_curve_measured_on_held_out_items_is_not_read(tmp_path, monkeypatch):
    src = build_tree(tmp_path, monkeypatch)
    _write_curve(src, data_hash(paths.DATA_DIR), split="heldout")
    numbers = write_report(src)
    assert "learning_curve" not in numbers["judge"]
    assert numbers["reproducibility"]["learning_curve"].startswith("heldout items (not read")
    assert not any(p.name == "judge_learning_curve.png" for p in make_figures(src))
    assert "judge_learning_curve" not in write_paper(src).read_text()


def test_critic_deltas_use_the_exact_sign_flip_test_and_holm(tree):
    src, numbers = tree
    deltas = numbers["critic"]["heldout"]["deltas"]
    by_item = {(r["condition"], r["item_id"]): r["score"]["overall"] for r in _traces(src, "critic")}
    ids = sorted({i for _, i in by_item})
    for d in deltas.values():
        diff = [by_item[(d["a"], i)] - by_item[(d["b"], i)] for i in ids]
        assert d["method"] == stats.METHOD_EXACT and d["n"] == len(ids) == 14  # < 20 tasks: exact
        assert d["p_two_sided"] == stats.sign_flip_p(diff)
        assert (d["ci_low"], d["ci_high"]) == stats.sign_flip_interval(diff)
    assert {n: d["p_holm"] for n, d in deltas.items()} == stats.holm({n: d["p_two_sided"] for n, d in deltas.items()})
    # 3 tasks per stratum but ADV, SYN, TRC: no bounded exact interval (2^3 sign vectors); t interval for the means
    for s in numbers["critic"]["heldout"]["strata"]:
        assert s["delta_A"]["ci_low"] is None and s["delta_A"]["p_two_sided"] is not None
        assert all(m["method"] == stats.METHOD_T for m in s["conditions"].values())


def test_four_tasks_give_no_interval_and_no_deploy(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "STRATA", {"ADV": 1, "PRG": 1, "SYN": 1, "TRC": 1})
    src = build_tree(tmp_path, monkeypatch, critic_lift=0.3)
    numbers = write_report(src)
    a = numbers["critic"]["heldout"]["deltas"]["A"]
    assert (a["n"], a["wins"], a["p_two_sided"], a["ci_low"], a["ci_high"]) == (4, 4, 0.125, None, None)
    rec = numbers["critic"]["recommendation"]
    assert rec["decision"] == "NO-DEPLOY" and "too few to bound" in rec["reason"]
    assert all(s["conditions"]["baseline"]["low"] is None for s in numbers["critic"]["heldout"]["strata"])  # n = 1
    assert "| A | critic_rs − baseline |" in (src.tables_dir / "critic_deltas.md").read_text()
    write_paper(src)  # renders with unbounded intervals
    write_model_cards(src)
    assert "too few for any bounded 95 % interval" in (src.cards_dir / "critic" / "README.md").read_text()


def test_validation_accuracy_is_k_of_n_with_its_wilson_interval(tree):
    _, numbers = tree
    v = numbers["judge"]["training"]["validation"]
    wilson = stats.wilson_interval(7, 10)
    assert (v["step"], v["correct"], v["n"], v["ci_low"], v["ci_high"]) == (3, 7, 10, wilson.low, wilson.high)
    curve = numbers["critic"]["training"]["validation_curve"]
    assert [(p["step"], p["correct"], p["pairs_seen"]) for p in curve] == [(1, 5, 4), (2, 6, 8), (3, 7, 12)]
    assert numbers["critic"]["training"]["pairs_seen"] == 3 * 2 * 2 and numbers["critic"]["training"]["epochs"] == 0.3


def test_judge_numbers_say_what_each_condition_predicted_read_and_cost(tree):
    src, numbers = tree
    h = numbers["judge"]["heldout"]
    rows = _traces(src, "judge")
    for name, c in h["conditions"].items():
        predicted = [r["predicted"] for r in rows if r["condition"] == name]
        assert c["predicted_counts"] == {label: predicted.count(label) for label in DECISIONS}
    assert h["conditions"]["always_pass"]["predicted_counts"]["PASS"] == 20
    assert {n: c["prompt_format"] for n, c in h["conditions"].items()} == {
        "always_pass": None, "rules_v1": None, "rules": None, "bow": None, "zero_shot": "full",
        "orpo_judge": "compact"}
    assert h["conditions"]["bow"]["wall_seconds_ci_method"] == stats.METHOD_MEAN_BCA  # 20 items: BCa
    gold = [r["gold"] for r in rows if r["condition"] == "rules"]
    pred = [r["predicted"] for r in rows if r["condition"] == "rules"]
    assert h["per_class"]["rules"]["BLOCK"]["recall_low"] == stats.per_class_wilson(gold, pred, DECISIONS)["BLOCK"][
        "recall"]["low"]
    assert h["per_class"]["always_pass"]["BLOCK"]["precision_low"] is None  # never predicted
    raw = {n: m["p_value"] for n, m in h["mcnemar_vs_candidate"].items()}
    assert {n: m["p_holm"] for n, m in h["mcnemar_vs_candidate"].items()} == stats.holm(raw)
    text = (src.tables_dir / "judge_summary.md").read_text()
    assert "| always_pass | baseline | 6/20 |" in text and "PASS 20" in text
    paper = write_paper(src).read_text()
    assert "`orpo_judge` reads the `compact` prompt; `zero_shot` reads the `full` prompt" in paper


def test_rule_engines_are_reported_with_and_without_the_hand_slice(tree):
    src, numbers = tree
    h = numbers["judge"]["heldout"]
    hand = {i["item_id"] for i in read_jsonl(paths.DATA_DIR / "judge" / "heldout_items.jsonl")
            if i["stratum"] == HAND_STRATUM}
    rows = [r for r in _traces(src, "judge") if r["condition"] == "rules"]
    rest = [r["predicted"] == r["gold"] for r in rows if r["item_id"] not in hand]
    assert h["without_hand_slice"]["n"] == len(rest) == 16
    assert h["without_hand_slice"]["conditions"]["rules"]["correct"] == sum(rest)
    assert [(s["stratum"], s["n"]) for s in h["per_stratum"]] == [(HAND_STRATUM, 4), ("PRG", 16)]
    paper = write_paper(src).read_text()
    r = h["without_hand_slice"]["conditions"]["rules"]
    assert f"`rules` {h['conditions']['rules']['accuracy']:.3f}" in paper
    assert f"{r['accuracy']:.3f} ({r['correct']}/16) without the hand slice" in paper
    assert "revised after reading their misses on the hand-written slice" in paper


def test_calibration_by_hand():
    cal = calibration([0.9, 0.9, 0.6, 0.3], [True, False, True, False])
    assert [(b["low"], b["n"], b["accuracy"]) for b in cal["bins"]] == [(0.3, 1, 0.0), (0.6, 1, 1.0), (0.9, 2, 0.5)]
    assert cal["ece"] == pytest.approx(0.25 * 0.3 + 0.25 * 0.4 + 0.5 * 0.4)
    assert [(p["coverage"], p["risk"]) for p in cal["risk_coverage"]] == [(0.5, 0.5), (0.75, pytest.approx(1 / 3)),
                                                                         (1.0, 0.5)]
    assert cal["aurc"] == pytest.approx(0.5 * 0.5 + 0.25 / 3 + 0.25 * 0.5)
    probs = softmax_labels({"PASS": -1.0, "BLOCK": -1.0 - math.log(3)})
    assert probs == {"PASS": pytest.approx(0.75), "BLOCK": pytest.approx(0.25)}


def test_judge_calibration_comes_from_the_label_likelihoods(tree):
    src, numbers = tree
    cal = numbers["judge"]["heldout"]["calibration"]
    assert sorted(cal) == ["orpo_judge", "zero_shot"]  # the conditions whose traces carry label log-likelihoods
    rows = [r for r in _traces(src, "judge") if r["condition"] == "orpo_judge"]
    confidence = [softmax_labels(r["label_logprobs"])[r["predicted"]] for r in rows]
    assert cal["orpo_judge"] == calibration(confidence, [r["predicted"] == r["gold"] for r in rows])


def test_scope_and_reproducibility_come_from_the_pipeline_records(tmp_path, monkeypatch):
    src = build_tree(tmp_path, monkeypatch)
    write_json(paths.receipts_dir("smoke", tmp_path) / "01_data.json", {"seconds": 12.5})
    numbers = write_report(src)
    critic = numbers["critic"]["scope"]
    assert critic["records"] == {"train": 7, "dev": 2, "heldout": 14} and critic["pairs"] == {"train": 21, "dev": 6}
    assert (critic["heldout_evaluated"], critic["heldout_available"], critic["strata_missing"]) == (14, 14, [])
    assert numbers["judge"]["scope"]["records"] == {"train": 14, "dev": 4, "heldout": 20}
    r = numbers["reproducibility"]
    assert r["sealed_heldout_verified"] is True and r["data_seed"] == load_profile("smoke").data.seed
    assert r["stage_receipts"][0] == {"run": "01_data", "stage": "data", "seconds": 12.5}
    assert [x["stage"] for x in r["stage_receipts"]] == ["data", "train", "train", "ablate"]
    assert r["tracks"]["critic"]["weights"]["source"] == "random initialisation (seeded)"
    table = (src.tables_dir / "reproducibility.md").read_text()
    assert "01_data 12.5 s" in table and "03_ablate no receipt" in table and "torch 2.0" in table
    assert "| critic | 7 / 2 / 14 tasks | 14 of 14 tasks |" in (src.tables_dir / "scope.md").read_text()
    paper = write_paper(src).read_text()
    assert "## Reproducibility" in paper and "01_data 12.5 s" in paper
    assert "The adapter saw 12 train pairs (3 optimiser steps × 4 pairs, 0.300 epochs)" in paper
    assert "The evaluation covers 14 of 14 tasks of the sealed held-out split" in paper
