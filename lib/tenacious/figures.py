"""The paper's figures, drawn from numbers.json and the training histories.

Numbers come from numbers.json (the stats stage's output), never recomputed here, so a figure and
its table always agree; the curves come from the primary seed's history.json, the only input with
per-step values. Every figure carries a provenance footer naming profile, backbone, seeds, commit
and data hash.
"""

from __future__ import annotations

from pathlib import Path

from tenacious import experiment, plots
from tenacious.bench.load import TRACKS
from tenacious.report import Sources, load_numbers

# Stems under figures/; each is written as <stem>.png and <stem>.pdf.
FIGURES: dict[str, str] = {
    "loss_critic": "Critic: train and validation loss vs step",
    "loss_judge": "Judge: train and validation loss vs step",
    "reward_critic": "Critic: reward margin and reward accuracy vs step",
    "reward_judge": "Judge: reward margin and reward accuracy vs step",
    "critic_pareto": "Critic: cost vs quality per condition (Pareto frontier dashed)",
    "critic_strata": "Critic: mean held-out score per stratum with 95 % CIs",
    "critic_per_task": "Critic: each held-out task's score under every condition (grey lines join a task across "
                       "conditions; orange: the mean)",
    "critic_ranking": "Critic: accuracy of each ranker on the sealed hand pairs and the fixed pools, with 95 % "
                      "Wilson CIs (dotted: chance)",
    "judge_per_probe": "Judge: held-out accuracy per probe with 95 % Wilson CIs",
    "judge_confusion": f"Judge: confusion matrix of {experiment.judge_candidate()}",
    "judge_confusion_baselines": "Judge: confusion matrices of the baselines",
    "judge_reliability": "Judge: reliability of the label likelihoods (accuracy against confidence per bin, "
                         "95 % Wilson intervals; numbers: items per bin)",
    "judge_risk_coverage": "Judge: risk against coverage when only the most confident items are answered",
    "validation_curves": "Validation pair accuracy on dev pairs during training, against train pairs seen "
                         "(95 % Wilson band)",
}

# Drawn only where the profile has a measured judge learning curve (numbers.json judge.learning_curve).
CURVE_FIGURE = "judge_learning_curve"
CAPTIONS: dict[str, str] = {**FIGURES, CURVE_FIGURE: "Judge: accuracy on dev items vs epochs of training, beside "
                                                     "the baselines (dotted: where the default schedule stops)"}


def footer(provenance: dict) -> str:
    return (f"Tenacious-Bench · profile {provenance['profile']} · backbone {provenance['backbone']} · "
            f"seeds {provenance['seeds']} · commit {provenance['commit'][:12]} · data {provenance['data_hash'][:12]}")


def make_figures(src: Sources) -> list[Path]:
    """Write every figure in FIGURES, and the learning curve where one was measured (PNG and PDF), under
    src.paper_figures_dir; returns the written paths."""
    numbers = load_numbers(src)
    out = src.paper_figures_dir
    written: list[Path] = []
    for track in TRACKS:
        seed = numbers[track]["training"]["primary_seed"]
        history = {track: src.history(track, seed)["log_history"]}
        note = footer(numbers[track]["provenance"])
        written += plots.loss_curves(history, out / "loss", note)
        written += plots.reward_curves(history, out / "reward", note)

    critic = numbers["critic"]
    note = footer(critic["provenance"])
    conditions = critic["heldout"]["conditions"]
    points = [{"condition": p["condition"], "cost": p["mean_forward_passes"], "quality": p["mean"],
               "quality_low": conditions[p["condition"]]["ci_low"],
               "quality_high": conditions[p["condition"]]["ci_high"]} for p in critic["heldout"]["pareto"]]
    written += plots.pareto(points, out / "critic_pareto", note, title="Critic: cost vs quality (held-out)",
                            xlabel="forward passes per task", ylabel="mean rubric score (95 % CI)")
    strata = {c: [{"label": s["stratum"], "value": s["conditions"][c]["point"], "low": s["conditions"][c]["low"],
                   "high": s["conditions"][c]["high"], "n": s["n"]} for s in critic["heldout"]["strata"]]
              for c in experiment.names("critic")}
    written += plots.bars_with_ci(strata, out / "critic_strata", "Critic: held-out score per stratum",
                                  "mean rubric score", note)
    per_task = [{"label": t["task_id"], "values": t["scores"]} for t in critic["heldout"]["per_task"]]
    written += plots.paired_dots(per_task, experiment.names("critic"), out / "critic_per_task",
                                 "Critic: held-out score per task", "rubric score of the chosen email", note)
    ranking = critic["ranking"]
    evaluations = {"hand_pairs": "hand pairs", "top1": "pool top-1", "pairwise": "pool pairwise"}
    accuracies = {r: [{"label": label, "value": ranking["rankers"][r][e]["accuracy"],
                       "low": ranking["rankers"][r][e]["ci_low"], "high": ranking["rankers"][r][e]["ci_high"],
                       "n": ranking["rankers"][r][e]["n"]} for e, label in evaluations.items()]
                  for r in experiment.ranker_names()}
    written += plots.bars_with_ci(accuracies, out / "critic_ranking", "Critic: ranking fixed emails (held-out)",
                                  "accuracy", note, chance=[ranking["chance"][e] for e in evaluations])

    judge = numbers["judge"]
    note = footer(judge["provenance"])
    probes = {c: [{"label": p["probe"], "value": p["conditions"][c]["accuracy"],
                                  "low": p["conditions"][c]["ci_low"], "high": p["conditions"][c]["ci_high"],
                                  "n": p["n"]} for p in judge["heldout"]["per_probe"]]
              for c in experiment.names("judge")}
    written += plots.bars_with_ci(probes, out / "judge_per_probe", "Judge: held-out accuracy per probe",
                                  "accuracy", note)
    candidate = experiment.judge_candidate()
    written += plots.confusion_heatmap(judge["heldout"]["confusion"][candidate], judge["heldout"]["labels"],
                                       out / "judge_confusion", f"Judge: {candidate} (held-out)", note)
    baselines = {c: judge["heldout"]["confusion"][c] for c in experiment.judge_baselines()}
    written += plots.confusion_grid(baselines, judge["heldout"]["labels"], out / "judge_confusion_baselines",
                                    "Judge: baselines (held-out; rows gold, columns predicted)", note)
    calibration = judge["heldout"]["calibration"]
    written += plots.reliability_diagram(calibration, out / "judge_reliability", "Judge: reliability (held-out)", note)
    written += plots.risk_coverage(calibration, out / "judge_risk_coverage", "Judge: risk-coverage (held-out)", note)
    written += plots.validation_curves({t: numbers[t]["training"]["validation_curve"] for t in TRACKS},
                                       out / "validation_curves", "Validation during training (dev pairs)",
                                       footer(judge["provenance"]))
    curve = judge.get("learning_curve")
    if curve:
        written += plots.learning_curve(
            curve["points"], curve["baselines"], out / CURVE_FIGURE, "Judge: learning curve (dev items)",
            f"epochs over the {curve['train_pairs']} train pairs", f"accuracy on {curve['items']} dev items",
            note, schedule=curve["default_schedule_epochs"])
    return written
