"""End to end: every stage notebook through papermill on the smoke profile, then what it wrote."""

import pytest

from tenacious import ablate, paths
from tenacious.bench.load import load_critic_tasks, load_judge_items
from tenacious.bench.seal import data_hash
from tenacious.pipeline import plan_stages, run_pipeline
from tenacious.profiles import load_profile


@pytest.fixture(scope="module")
def smoke_pipeline():
    profile = load_profile("smoke")
    before = data_hash(paths.DATA_DIR)
    summary = run_pipeline(plan_stages(profile), profile.name, force=True)
    return profile, summary, before


def test_every_stage_ran_and_left_an_executed_notebook(smoke_pipeline):
    profile, summary, _ = smoke_pipeline
    assert [row["status"] for row in summary] == ["ran"] * len(plan_stages(profile))
    executed = paths.paper_dir("smoke") / "executed"
    for run in plan_stages(profile):
        assert (executed / f"{run.run_id}.ipynb").is_file() and (executed / f"{run.run_id}.html").is_file()


def test_data_stage_rewrites_the_committed_tree_identically(smoke_pipeline):
    _, _, before = smoke_pipeline
    assert data_hash(paths.DATA_DIR) == before


def test_traces_cover_every_condition_for_every_item(smoke_pipeline):
    profile, _, _ = smoke_pipeline
    critic = ablate.load_traces("smoke", "critic")  # validated against the schema on read
    judge = ablate.load_traces("smoke", "judge")
    tasks = ablate.evenly_spaced(load_critic_tasks("heldout"), profile.ablate.max_critic_tasks)
    items = ablate.evenly_spaced(load_judge_items("heldout"), profile.ablate.max_judge_items)
    task_ids, item_ids = {t["task_id"] for t in tasks}, {i["item_id"] for i in items}
    for condition in ablate.CRITIC_CONDITIONS:
        assert {r["item_id"] for r in critic if r["condition"] == condition} == task_ids
    for condition in ablate.JUDGE_CONDITIONS:
        assert {r["item_id"] for r in judge if r["condition"] == condition} == item_ids
    k = profile.ablate.k
    assert all(len(r["outputs"]) == k for r in critic if r["condition"].startswith("critic_rs"))


def test_second_run_skips_every_stage(smoke_pipeline):
    profile, _, _ = smoke_pipeline
    summary = run_pipeline(plan_stages(profile), profile.name, log=lambda *_: None)
    assert {row["status"] for row in summary} == {"skipped"}


def test_every_promised_table_figure_card_and_paper_exists(smoke_pipeline):
    from huggingface_hub import ModelCard

    from tenacious.figures import FIGURES
    from tenacious.tables import TABLES

    out = paths.paper_dir("smoke")
    assert (out / "numbers.json").is_file() and (out / "paper.md").is_file()
    assert all((out / "tables" / f"{name}.md").is_file() for name in TABLES)
    assert all((out / "figures" / f"{stem}.{ext}").stat().st_size > 0 for stem in FIGURES for ext in ("png", "pdf"))
    for track in ("critic", "judge"):
        card = ModelCard.load(out / "model_cards" / track / "README.md")
        assert card.data.library_name == "peft" and card.data.eval_results


def test_numbers_recomputed_from_the_real_traces_match(smoke_pipeline):
    from tenacious.io import read_json

    numbers = read_json(paths.paper_dir("smoke") / "numbers.json")
    judge = ablate.load_traces("smoke", "judge")
    for condition in ablate.JUDGE_CONDITIONS:
        rows = [r for r in judge if r["condition"] == condition]
        accuracy = sum(r["predicted"] == r["gold"] for r in rows) / len(rows)
        assert abs(numbers["judge"]["heldout"]["conditions"][condition]["accuracy"] - accuracy) < 1e-12
