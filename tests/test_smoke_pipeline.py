"""End to end: every stage notebook through papermill on the smoke profile, in a temporary copy of the repository.

The copy holds what git would (tracked and untracked-but-not-ignored files); its own `lib/` is put first on
PYTHONPATH, so the pipeline and every notebook kernel import and write inside the copy. The working tree is
left as it was: `git status` is compared before and after.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tenacious import experiment, paths, stages
from tenacious.bench.load import load_critic_heldout_pairs, load_critic_tasks, load_judge_items
from tenacious.bench.seal import data_hash
from tenacious.io import read_json, read_jsonl
from tenacious.profiles import load_profile
from tenacious.subsets import critic_subset, judge_subset


def _git_status() -> str:
    return subprocess.run(["git", "status", "--porcelain"], cwd=paths.REPO_ROOT, capture_output=True, text=True,
                          check=True).stdout


def _copy_repository(dest: Path) -> Path:
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=paths.REPO_ROOT, capture_output=True, text=True, check=True).stdout
    for rel in sorted(filter(None, listed.split("\0"))):
        src = paths.REPO_ROOT / rel
        if src.is_file():  # a tracked file deleted in the working tree is skipped
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


def _pipeline(copy: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(copy / "lib"), "TENACIOUS_CACHE": str(paths.CACHE_DIR),
           "PYTHONUNBUFFERED": "1"}
    return subprocess.run([sys.executable, "-m", "tenacious.pipeline", "--profile", "smoke", *args], cwd=copy,
                          env=env, capture_output=True, text=True, timeout=1800, check=False)


@pytest.fixture(scope="module")
def smoke_pipeline(tmp_path_factory):
    profile = load_profile("smoke")
    status_before = _git_status()
    copy = _copy_repository(tmp_path_factory.mktemp("repo"))
    committed_data = data_hash(copy / "data")
    first = _pipeline(copy, "--force")
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    second = _pipeline(copy)
    return profile, copy, first.stdout, second, status_before, committed_data


def test_the_working_tree_is_untouched(smoke_pipeline):
    status_before = smoke_pipeline[4]
    assert _git_status() == status_before


def test_every_stage_ran_and_left_a_clean_executed_notebook(smoke_pipeline):
    profile, copy, log, *_ = smoke_pipeline
    plan = stages.plan_stages(profile)
    assert log.count(": done in ") == len(plan), log
    executed = paths.executed_dir("smoke", copy)
    for run in plan:
        notebook = executed / f"{run.run_id}.ipynb"
        assert notebook.is_file() and notebook.with_suffix(".html").is_file()
        text = notebook.read_text()
        assert str(copy) not in text and '"name": "stderr"' not in text, run.run_id
        assert not stages.missing_outputs(run, copy), run.run_id


def test_data_stage_rewrites_the_committed_tree_identically(smoke_pipeline):
    _, copy, *_, committed_data = smoke_pipeline
    assert data_hash(copy / "data") == committed_data, "data/ is stale: rebuild it and commit"


def test_traces_cover_every_condition_for_every_item(smoke_pipeline):
    profile, copy, *_ = smoke_pipeline
    data = copy / "data"
    critic = read_jsonl(paths.traces_path("smoke", "critic", copy))
    judge = read_jsonl(paths.traces_path("smoke", "judge", copy))
    tasks = critic_subset(load_critic_tasks("heldout", data), profile.ablate.max_critic_tasks)
    items = judge_subset(load_judge_items("heldout", data), profile.ablate.max_judge_items)
    task_ids, item_ids = {t["task_id"] for t in tasks}, {i["item_id"] for i in items}
    for condition in experiment.names("critic"):
        assert {r["item_id"] for r in critic if r["condition"] == condition} == task_ids
    for condition in experiment.names("judge"):
        assert {r["item_id"] for r in judge if r["condition"] == condition} == item_ids
    k = profile.ablate.k
    rs = {c.name for c in experiment.conditions("critic") if c.producer == "rejection_sampling"}
    assert all(len(r["outputs"]) == k for r in critic if r["condition"] in rs)
    # every ranker scores the same fixed pools: max_ranking_pools of the sealed hand pairs, every flaw dimension
    ranking = read_jsonl(paths.ranking_traces_path("smoke", copy))
    pools = {r: {row["item_id"] for row in ranking if row["ranker"] == r} for r in experiment.ranker_names()}
    pairs = {p["pair_id"]: p["dimension"] for p in load_critic_heldout_pairs(data)}
    first = pools[experiment.RANKING_CANDIDATE]
    assert all(ids == first for ids in pools.values()) and len(first) == profile.ablate.max_ranking_pools
    assert {pairs[i] for i in first} == set(pairs.values())


def test_second_run_skips_every_stage(smoke_pipeline):
    profile, _, _, second, *_ = smoke_pipeline
    assert second.returncode == 0, second.stderr[-3000:]
    assert second.stdout.count("up to date, skipped") == len(stages.plan_stages(profile)), second.stdout


def test_every_promised_table_figure_card_and_paper_exists(smoke_pipeline):
    from huggingface_hub import ModelCard

    from tenacious.figures import FIGURES
    from tenacious.tables import TABLES

    _, copy, *_ = smoke_pipeline
    assert paths.numbers_path("smoke", copy).is_file() and paths.paper_path("smoke", copy).is_file()
    assert all((paths.tables_dir("smoke", copy) / f"{name}.md").is_file() for name in TABLES)
    figures = paths.paper_figures_dir("smoke", copy)
    assert all((figures / f"{stem}.{ext}").stat().st_size > 0 for stem in FIGURES for ext in ("png", "pdf"))
    for track in ("critic", "judge"):
        card = ModelCard.load(paths.cards_dir("smoke", copy) / track / "README.md")
        assert card.data.library_name == "peft" and card.data.eval_results


def test_numbers_recomputed_from_the_real_traces_match(smoke_pipeline):
    _, copy, *_ = smoke_pipeline
    numbers = read_json(paths.numbers_path("smoke", copy))
    judge = read_jsonl(paths.traces_path("smoke", "judge", copy))
    for condition in experiment.names("judge"):
        rows = [r for r in judge if r["condition"] == condition]
        accuracy = sum(r["predicted"] == r["gold"] for r in rows) / len(rows)
        assert abs(numbers["judge"]["heldout"]["conditions"][condition]["accuracy"] - accuracy) < 1e-12


def test_an_edit_outside_training_and_ablation_code_retrains_and_rescores_nothing(smoke_pipeline):
    """The pipeline re-runs the train and ablate notebooks after any code change; the stages themselves find their
    finished runs and parts under the same identity and reuse them (last here: it re-executes two stages)."""
    profile, copy, *_ = smoke_pipeline
    parts = paths.ablate_parts_dir("smoke", copy)
    before = {p.name: p.stat().st_mtime_ns for p in parts.glob("*.jsonl")}
    configs = {t: read_json(paths.train_run_dir("smoke", t, profile.train[t].seeds[0], copy) / paths.RUN_CONFIG_FILE)
               for t in ("critic", "judge")}
    with (copy / "lib" / "tenacious" / "paper.py").open("a") as fh:
        fh.write("\n# an edit to the paper's code only\n")
    third = _pipeline(copy, "--stages", "train,ablate")
    assert third.returncode == 0, third.stdout[-3000:] + third.stderr[-3000:]
    assert third.stdout.count(": done in ") == 3, third.stdout  # two training runs and the ablation ran again
    for track, config in configs.items():
        run = stages.stage_run(profile, "train", track=track, seed=profile.train[track].seeds[0])
        executed = (paths.executed_dir("smoke", copy) / f"{run.run_id}.ipynb").read_text()
        assert "already trained under this identity" in executed, track
        run_dir = paths.train_run_dir("smoke", track, profile.train[track].seeds[0], copy)
        assert read_json(run_dir / paths.RUN_CONFIG_FILE) == config
    assert {p.name: p.stat().st_mtime_ns for p in parts.glob("*.jsonl")} == before
