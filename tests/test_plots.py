"""Each figure function writes real PNG and PDF files; the Pareto frontier picks the right points."""

from __future__ import annotations

from pathlib import Path

from tenacious import plots

HISTORY = [
    {"step": 1, "loss": 0.9, "rewards/margins": 0.1, "rewards/accuracies": 0.5},
    {"step": 2, "loss": 0.7, "rewards/margins": 0.3, "rewards/accuracies": 0.6},
    {"step": 2, "eval_loss": 0.8, "eval_rewards/margins": 0.2, "eval_rewards/accuracies": 0.55},
    {"step": 4, "loss": 0.5, "rewards/margins": 0.6, "rewards/accuracies": 0.8},
    {"step": 4, "eval_loss": 0.6, "eval_rewards/margins": 0.4, "eval_rewards/accuracies": 0.7},
    {"step": 4, "train_loss": 0.7, "train_runtime": 12.0},
]

POINTS = [
    {"condition": "baseline", "cost": 1.0, "quality": 0.60, "quality_low": 0.55, "quality_high": 0.65},
    {"condition": "promptaug", "cost": 1.0, "quality": 0.64, "quality_low": 0.59, "quality_high": 0.69},
    {"condition": "critic_rs", "cost": 5.0, "quality": 0.70, "quality_low": 0.65, "quality_high": 0.75},
    {"condition": "critic_rs_diverse", "cost": 9.0, "quality": 0.68, "quality_low": None, "quality_high": None},
    {"condition": "oracle", "cost": 12.0, "quality": 0.80, "quality_low": 0.76, "quality_high": 0.84},
]


def _assert_figures(paths: list[Path], stems: list[str]) -> None:
    assert sorted(p.name for p in paths) == sorted(f"{s}.{ext}" for s in stems for ext in ("png", "pdf"))
    for path in paths:
        data = path.read_bytes()
        assert len(data) > 1000
        assert data.startswith(b"\x89PNG" if path.suffix == ".png" else b"%PDF")
    assert not list(paths[0].parent.glob(".*.tmp"))  # atomic writes leave no temporaries


def test_loss_and_reward_curves(tmp_path):
    histories = {"critic": HISTORY, "judge": HISTORY[:2]}  # judge has no eval rows: drawn as "not logged"
    _assert_figures(plots.loss_curves(histories, tmp_path / "loss", footer="profile=smoke"),
                    ["loss_critic", "loss_judge"])
    _assert_figures(plots.reward_curves(histories, tmp_path / "reward", footer="profile=smoke"),
                    ["reward_critic", "reward_judge"])


def test_pareto_frontier_picks_non_dominated_points():
    # promptaug beats baseline at equal cost; critic_rs_diverse costs more than critic_rs for less quality
    assert plots.pareto_frontier(POINTS) == ["promptaug", "critic_rs", "oracle"]
    assert plots.pareto_frontier(POINTS[:1]) == ["baseline"]


def test_pareto_plot(tmp_path):
    _assert_figures(plots.pareto(POINTS, tmp_path / "pareto", footer="run abc123"), ["pareto"])


def test_bars_with_ci_single_and_multiple_series(tmp_path):
    rows = [
        {"label": "ADV", "value": 0.6, "low": 0.5, "high": 0.7, "n": 20},
        {"label": "PRG", "value": 0.8, "low": 0.7, "high": 0.9, "n": 30},
    ]
    _assert_figures(plots.bars_with_ci(rows, tmp_path / "strata", title="Per stratum", ylabel="score"),
                    ["strata"])
    series = {
        "rules": rows,
        "orpo_judge": [{"label": "PRG", "value": 0.9, "low": 0.8, "high": 0.95, "n": 30},
                       {"label": "TRC", "value": None, "low": None, "high": None, "n": 0}],
    }
    _assert_figures(plots.bars_with_ci(series, tmp_path / "probes", title="Per probe", ylabel="accuracy",
                                       footer="profile=smoke"), ["probes"])


def test_confusion_heatmap(tmp_path):
    labels = ["SUPPRESS", "ESCALATE", "BLOCK", "PENALISE", "PASS"]
    matrix = [[3, 0, 1, 0, 0], [0, 2, 0, 0, 1], [0, 0, 4, 0, 0], [1, 0, 0, 2, 0], [0, 0, 0, 1, 5]]
    _assert_figures(plots.confusion_heatmap(matrix, labels, tmp_path / "confusion", title="orpo_judge"),
                    ["confusion"])


def test_figures_are_byte_identical_when_redrawn(tmp_path):
    first = [p.read_bytes() for p in plots.pareto(POINTS, tmp_path / "a", footer="x")]
    second = [p.read_bytes() for p in plots.pareto(POINTS, tmp_path / "b", footer="x")]
    assert first == second


CALIBRATION = {
    "orpo_judge": {"n": 4, "ece": 0.375, "aurc": 0.458,
                   "bins": [{"mean_confidence": 0.3, "accuracy": 0.0, "ci_low": 0.0, "ci_high": 0.79, "n": 1},
                            {"mean_confidence": 0.9, "accuracy": 0.5, "ci_low": 0.09, "ci_high": 0.91, "n": 2}],
                   "risk_coverage": [{"coverage": 0.5, "risk": 0.5}, {"coverage": 1.0, "risk": 0.5}]},
    "zero_shot": {"n": 4, "ece": 0.1, "aurc": 0.2,
                  "bins": [{"mean_confidence": 0.25, "accuracy": 0.25, "ci_low": 0.05, "ci_high": 0.7, "n": 4}],
                  "risk_coverage": [{"coverage": 1.0, "risk": 0.75}]},
}


def test_reliability_and_risk_coverage(tmp_path):
    _assert_figures(plots.reliability_diagram(CALIBRATION, tmp_path / "reliability", "Reliability", "x"),
                    ["reliability"])
    _assert_figures(plots.risk_coverage(CALIBRATION, tmp_path / "risk", "Risk-coverage", "x"), ["risk"])


def test_confusion_grid_draws_every_condition(tmp_path):
    labels = ["BLOCK", "PASS"]
    grid = {"always_pass": [[0, 3], [0, 5]], "rules": [[2, 1], [1, 4]], "bow": [[1, 2], [0, 5]],
            "zero_shot": [[3, 0], [2, 3]]}
    _assert_figures(plots.confusion_grid(grid, labels, tmp_path / "grid", "Baselines"), ["grid"])


def test_paired_dots_and_validation_curves(tmp_path):
    tasks = [{"label": f"T{i}", "values": {"baseline": 0.4 + 0.01 * i, "critic_rs": 0.5 - 0.01 * i}} for i in range(4)]
    _assert_figures(plots.paired_dots(tasks, ["baseline", "critic_rs"], tmp_path / "dots", "Per task", "score"),
                    ["dots"])
    curve = [{"pairs_seen": s, "accuracy": a, "ci_low": a - 0.2, "ci_high": min(1.0, a + 0.2), "n": 16}
             for s, a in ((20, 0.6), (40, 0.8))]
    _assert_figures(plots.validation_curves({"critic": curve, "judge": []}, tmp_path / "val", "Validation"), ["val"])
