"""Reporting end: numbers.json, tables, figures, model cards, paper and the Colab guard.

A synthetic but schema-valid tree (sealed held-out files, histories, run configs, traces) stands
in for a pipeline run; every check recomputes what it verifies directly from those files.
"""

from __future__ import annotations

import fnmatch
import inspect
import json
import os
import random
import statistics
import subprocess
import sys

import nbformat
import pytest
from huggingface_hub import ModelCard

from tenacious import colab, experiment, paths
from tenacious.bench import facts, style_guide
from tenacious.bench.seal import SEALED_FILES, data_hash, write_manifest
from tenacious.figures import FIGURES, make_figures
from tenacious.io import read_json, sha256_file, write_json, write_jsonl
from tenacious.paper import write_model_cards, write_paper
from tenacious.profiles import load_profile
from tenacious.report import (
    ReportError,
    Sources,
    critic_recommendation,
    judge_recommendation,
    load_numbers,
    write_report,
)
from tenacious.stages import plan_stages
from tenacious.tables import TABLES

STRATA = {"ADV": 3, "PRG": 5, "SYN": 3, "TRC": 3}
# probe -> (gold decision, gold rule), items per probe
PROBES = {"A07": ("SUPPRESS", 1, 4), "G03": ("ESCALATE", 4, 3), "B04": ("BLOCK", 6, 4),
          "E02": ("PENALISE", 9, 3), "PASS": ("PASS", 11, 6)}
DIMS = ("grounding", "tone", "icp_fit", "ai_maturity", "scheduling")


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
                     "eval_rewards/accuracies": 0.5 + 0.1 * step, "wall_seconds": 1.0 * step + 0.5})
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
            tasks.append({"task_id": f"{stratum}-{k:03d}", "template_id": f"tpl-{stratum}", "stratum": stratum,
                          "context": _context(len(tasks)), "instruction": "Propose a 30-minute intro call.",
                          "goal": "intro_call", "needs_slot": True, "offer": None,
                          "style_guide_excerpts": [style_guide.RULE_IDS[0]], "must_include": [], "must_not": [],
                          "notes": ""})
    for probe, (decision, rule, count) in PROBES.items():
        for k in range(count):
            items.append({"item_id": f"J-{probe}-{k}", "case_id": f"C-{probe}-{k}", "template_id": f"tpl-{probe}",
                          "probe_id": probe, "authoring_mode": "programmatic", "context": _context(100 + len(items)),
                          "draft": "Subject: Hello\n\nA short note.",
                          "draft_kind": "good" if probe == "PASS" else "bad", "stratum": "PRG",
                          "kind": "clean" if probe == "PASS" else "violation", "gold_decision": decision,
                          "gold_rule": rule, "evidence": None, "wording": None, "voice": "plain",
                          "reason": "constructed for the report tests"})
    write_jsonl(data / "critic" / "heldout_tasks.jsonl", tasks)
    write_jsonl(data / "judge" / "heldout_items.jsonl", items)
    for rel in SEALED_FILES:  # any other sealed file (held-out pairs) is not read by the report
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
                "hyperparameters": {"beta": 2.0, "learning_rate": 5e-6, "lora_r": 16},
                "train_pairs": 40, "eval_pairs": 8, "global_step": 3, "train_seconds": 3.6,
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
            for condition in experiment.names("critic"):
                overall = round(min(1.0, max(0.0, means.get(condition, base))), 4)
                k = 4 if condition.startswith("critic_rs") else 1
                critic_rows.append({
                    "item_id": task["task_id"], "condition": condition, "seed": seed,
                    "outputs": ["Subject: Hi\n\nBody."] * k, "candidate_scores": [0.1] * k if k > 1 else [],
                    "selected_index": 0, "score": {"overall": overall, "dimensions": dict.fromkeys(DIMS, overall)},
                    "forward_passes": k + 1 if k > 1 else 1, "generated_tokens": 20 * k,
                    "wall_seconds": 0.1 * k})
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
                judge_rows.append({"item_id": item["item_id"], "condition": condition, "seed": seed,
                                   "predicted": predicted.get(condition, "PASS"), "label_logprobs": None, "gold": gold,
                                   "forward_passes": 1 if condition in ("zero_shot", "orpo_judge") else 0,
                                   "generated_tokens": 0, "wall_seconds": 0.01, "rationale": None})
    write_jsonl(paths.traces_path("smoke", "critic", tmp_path), critic_rows)
    write_jsonl(paths.traces_path("smoke", "judge", tmp_path), judge_rows)
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
    assert numbers["critic"]["training"]["validation_pair_accuracy"] == pytest.approx(0.8)


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


def _write_curve(src, data_hash_: str, accuracies=(0.4, 0.45, 0.9)) -> dict:
    """A judge learning curve as benchmarks/judge_learning_curve.py writes it (3 points, 20 items)."""
    n = 20
    points = []
    for k, acc in enumerate(accuracies):
        right = round(acc * n)
        points.append({"step": 10 * k, "epoch": 0.5 * k, "accuracy": right / n, "ci95": [max(0, acc - 0.2),
                       min(1, acc + 0.2)], "predicted": {"PASS": n}, "mcnemar": {
                           "always_pass": {"judge_only_right": right, "baseline_only_right": 8,
                                           "p_value": 0.001 if acc > 0.8 else 0.5},
                           "bow": {"judge_only_right": right, "baseline_only_right": 9, "p_value": 0.5}}})
    curve = {"profile": "smoke", "epochs": 2, "train_pairs": 40, "items": n, "complete": False, "points": points,
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
