"""The experiment registry: a condition added as one entry flows through ablation, numbers and tables."""

import dataclasses

import pytest
from test_report import build_tree

from tenacious import ablate, experiment
from tenacious.bench.load import load_judge_items
from tenacious.report import write_report

DUMMY = experiment.Condition("always_block", "judge", "baseline", "constant", "none",
                             "blocks every draft (a test condition)", {"decision": "BLOCK"})


@pytest.fixture()
def with_dummy(monkeypatch):
    monkeypatch.setattr(experiment, "CONDITIONS", (*experiment.CONDITIONS, DUMMY))
    return DUMMY


def test_registry_is_consistent():
    names = [c.name for c in experiment.CONDITIONS]
    assert len(names) == len(set(names)), "condition names are unique across tracks"
    critic = set(experiment.names("critic"))
    for d in experiment.DELTAS:
        assert {d.a, d.b} <= critic, d
    assert experiment.judge_candidate() == "orpo_judge"
    assert experiment.CRITIC_CANDIDATE in critic and experiment.CRITIC_REFERENCE in critic
    assert [other for _, other in experiment.mcnemar_pairs()] == list(experiment.judge_baselines())


def test_controls_rerank_an_earlier_sampling_condition_and_rankers_are_unique():
    names = list(experiment.names("critic"))
    controls = [c for c in experiment.conditions("critic") if c.role == "control"]
    assert {c.settings["ranker"] for c in controls} == {"random", "base", "scorer"}
    for c in controls:
        source = experiment.condition(c.settings["of"])
        assert source.producer == "rejection_sampling" and names.index(source.name) < names.index(c.name), c
    oracle = experiment.condition(experiment.CRITIC_ORACLE)
    assert oracle.role == "control" and oracle.settings["ranker"] == "scorer"
    rankers = experiment.ranker_names()
    assert len(rankers) == len(set(rankers)) and experiment.RANKING_CANDIDATE in rankers
    assert [other for _, other in experiment.ranking_pairs()] == [r for r in rankers if r != "critic"]


def test_bad_role_or_track_is_refused():
    with pytest.raises(ValueError, match="role"):
        dataclasses.replace(DUMMY, role="ceiling")
    with pytest.raises(ValueError, match="track"):
        dataclasses.replace(DUMMY, track="critics")


def test_a_dummy_condition_flows_to_the_tables(tmp_path, monkeypatch, with_dummy):
    src = build_tree(tmp_path, monkeypatch)  # the fixture writes a trace line for every registered condition
    numbers = write_report(src)
    held = numbers["judge"]["heldout"]
    assert held["conditions"]["always_block"]["role"] == "baseline"
    assert "always_block" in held["mcnemar_vs_candidate"] and "always_block" in held["confusion"]
    summary = (src.tables_dir / "judge_summary.md").read_text()
    assert "| always_block | baseline |" in summary
    assert "always_block" in (src.tables_dir / "judge_mcnemar.md").read_text()
    assert "blocks every draft" in (src.tables_dir / "judge_headline.md").read_text()


def test_run_judge_dispatches_by_producer(tmp_path, monkeypatch, with_dummy):
    """Only registry entries run, each through its producer: no model is loaded for these."""
    from tenacious import paths
    from tenacious.profiles import load_profile

    build_tree(tmp_path, monkeypatch)  # a sealed held-out set under tmp_path/data
    monkeypatch.setattr(paths, "REPO_ROOT", tmp_path)  # part files go to a temporary runs/ folder
    monkeypatch.setattr(experiment, "CONDITIONS", tuple(
        c for c in experiment.CONDITIONS if c.producer in ("constant", "rules")))
    items = load_judge_items("heldout", paths.DATA_DIR)[:4]
    rows = ablate.run_judge(load_profile("smoke"), items, seed=0, backbone=None)
    assert sorted({r["condition"] for r in rows}) == ["always_block", "always_pass", "rules", "rules_v1"]
    assert {r["predicted"] for r in rows if r["condition"] == "always_block"} == {"BLOCK"}
    assert (tmp_path / "runs" / "smoke" / "ablate" / "parts").is_dir()


def test_a_condition_without_a_producer_is_refused_before_running(monkeypatch, tmp_path):
    from tenacious import paths
    from tenacious.profiles import load_profile

    build_tree(tmp_path, monkeypatch)
    monkeypatch.setattr(paths, "REPO_ROOT", tmp_path)
    ghost = dataclasses.replace(DUMMY, name="ghost", producer="crystal_ball")
    monkeypatch.setattr(experiment, "CONDITIONS", (*experiment.CONDITIONS, ghost))
    with pytest.raises(ValueError, match=r"ghost \(crystal_ball\)'\] name no producer"):
        ablate.run_judge(load_profile("smoke"), load_judge_items("heldout", paths.DATA_DIR)[:2], seed=0)
    assert not (tmp_path / "runs" / "smoke" / "ablate" / "parts").exists(), "nothing ran"
