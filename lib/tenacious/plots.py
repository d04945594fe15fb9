"""Paper figures from plain data: training curves, cost-quality Pareto, bars with CIs, confusion.

Every function takes already-computed numbers (no model or file access), writes the figure as
both PNG (for the notebooks) and PDF (for the paper) atomically, closes it so long runs do not
accumulate figures, and returns the written paths. A small provenance footer on each figure says
which run and profile produced it, so a figure lifted out of context still says where it came from.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # headless and deterministic; must precede the pyplot import

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

from tenacious.io import atomic_write_bytes
from tenacious.render import PNG_DPI

_NOT_LOGGED = "not logged"


def _save(fig: plt.Figure, out_stem: Path | str, footer: str) -> list[Path]:
    """Write `<stem>.png` and `<stem>.pdf` atomically and close the figure.

    The PDF carries no creation date, so re-rendering the same data gives byte-identical files.
    """
    out_stem = Path(out_stem)
    fig.tight_layout()
    if footer:  # hung just below the laid-out figure; the tight bounding box takes it in
        fig.text(0.01, 0.0, footer, fontsize=6, color="0.45", ha="left", va="top")
    paths = []
    try:
        for fmt, kwargs in (("png", {"dpi": PNG_DPI}), ("pdf", {"metadata": {"CreationDate": None}})):
            buf = io.BytesIO()
            fig.savefig(buf, format=fmt, bbox_inches="tight", **kwargs)
            path = out_stem.with_name(f"{out_stem.name}.{fmt}")
            atomic_write_bytes(path, buf.getvalue())
            paths.append(path)
    finally:
        plt.close(fig)
    return paths


def _series(history: Sequence[Mapping[str, Any]], key: str) -> tuple[list[float], list[float]]:
    """(steps, values) of the log-history entries that carry `key` (train and eval rows are separate)."""
    points = sorted(
        (float(row["step"]), float(row[key]))
        for row in history
        if key in row and "step" in row and row[key] is not None and np.isfinite(row[key])
    )
    return [p[0] for p in points], [p[1] for p in points]


def _plot_pairs(ax: plt.Axes, history: Sequence[Mapping[str, Any]], keys: Sequence[tuple[str, str]],
                ylabel: str) -> None:
    """Draw each (key, legend label) present in the history; say so on the axes when none was logged."""
    drawn = False
    for key, label in keys:
        steps, values = _series(history, key)
        if steps:
            ax.plot(steps, values, marker="o" if len(steps) < 20 else None, markersize=3, label=label)
            drawn = True
    if drawn:
        ax.legend(fontsize=8)
    else:
        ax.text(0.5, 0.5, _NOT_LOGGED, transform=ax.transAxes, ha="center", va="center", color="0.5")
    ax.set_xlabel("step")
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)


def loss_curves(histories: Mapping[str, Sequence[Mapping[str, Any]]], out_stem: Path | str,
                footer: str = "") -> list[Path]:
    """Train and validation loss vs step, one figure per track, written to `<stem>_<track>.{png,pdf}`.

    `histories` maps a track name to the Trainer's `state.log_history` list.
    """
    out_stem = Path(out_stem)
    paths: list[Path] = []
    for track in sorted(histories):
        fig, ax = plt.subplots(figsize=(5.5, 3.5))
        _plot_pairs(ax, histories[track], [("loss", "train loss"), ("eval_loss", "validation loss")], "loss")
        ax.set_title(f"{track}: loss")
        paths += _save(fig, out_stem.with_name(f"{out_stem.name}_{track}"), footer)
    return paths


def reward_curves(histories: Mapping[str, Sequence[Mapping[str, Any]]], out_stem: Path | str,
                  footer: str = "") -> list[Path]:
    """Reward margin and reward accuracy (train and validation) vs step, one figure per track."""
    out_stem = Path(out_stem)
    paths: list[Path] = []
    for track in sorted(histories):
        history = histories[track]
        fig, (ax_margin, ax_acc) = plt.subplots(1, 2, figsize=(9, 3.5))
        _plot_pairs(ax_margin, history, [("rewards/margins", "train"), ("eval_rewards/margins", "validation")],
                    "reward margin (chosen - rejected)")
        _plot_pairs(ax_acc, history, [("rewards/accuracies", "train"), ("eval_rewards/accuracies", "validation")],
                    "reward accuracy")
        ax_margin.set_title(f"{track}: reward margin")
        ax_acc.set_title(f"{track}: reward accuracy")
        paths += _save(fig, out_stem.with_name(f"{out_stem.name}_{track}"), footer)
    return paths


def pareto_frontier(points: Sequence[Mapping[str, Any]]) -> list[str]:
    """Conditions no other condition beats on both axes (cost no higher, quality strictly higher).

    Scanning by increasing cost (higher quality first at equal cost), a point joins the frontier only
    if its quality exceeds every cheaper point's; returned in increasing cost order.
    """
    ordered = sorted(points, key=lambda p: (p["cost"], -p["quality"], p["condition"]))
    frontier: list[str] = []
    best = -np.inf
    for point in ordered:
        if point["quality"] > best:
            frontier.append(point["condition"])
            best = point["quality"]
    return frontier


def _yerr(points: Sequence[Mapping[str, Any]], value_key: str) -> np.ndarray:
    """Asymmetric error-bar lengths from low/high bounds; a missing bound draws no bar."""
    low = [p[value_key] - p["low"] if p.get("low") is not None else 0.0 for p in points]
    high = [p["high"] - p[value_key] if p.get("high") is not None else 0.0 for p in points]
    return np.array([low, high])


def pareto(points: Sequence[Mapping[str, Any]], out_stem: Path | str, footer: str = "", *,
           title: str = "Cost vs quality", xlabel: str = "cost", ylabel: str = "quality",
           log_cost: bool = False) -> list[Path]:
    """Cost vs quality per condition with CI bars and the Pareto frontier as a step line.

    Each point is {condition, cost, quality, quality_low, quality_high}; the bounds may be None.
    """
    if not points:
        raise ValueError("pareto: no points to plot")
    fig, ax = plt.subplots(figsize=(5.5, 4))
    bounds = [{"quality": p["quality"], "low": p.get("quality_low"), "high": p.get("quality_high")} for p in points]
    ax.errorbar([p["cost"] for p in points], [p["quality"] for p in points], yerr=_yerr(bounds, "quality"),
                fmt="o", capsize=3, color="C0", zorder=3)
    for p in points:
        ax.annotate(p["condition"], (p["cost"], p["quality"]), textcoords="offset points", xytext=(5, 5), fontsize=8)
    by_condition = {p["condition"]: p for p in points}
    front = [by_condition[c] for c in pareto_frontier(points)]
    ax.step([p["cost"] for p in front], [p["quality"] for p in front], where="post", color="C1",
            linestyle="--", label="Pareto frontier", zorder=2)
    # ring the frontier points: the step's vertical segments can hide behind CI bars
    ax.scatter([p["cost"] for p in front], [p["quality"] for p in front], s=140, facecolors="none",
               edgecolors="C1", linewidths=1.5, zorder=4)
    if log_cost:
        ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return _save(fig, out_stem, footer)


def bars_with_ci(groups: Sequence[Mapping[str, Any]] | Mapping[str, Sequence[Mapping[str, Any]]],
                 out_stem: Path | str, title: str, ylabel: str, footer: str = "",
                 chance: Sequence[float] | None = None) -> list[Path]:
    """Bars with CI whiskers per group (stratum, probe); several conditions side by side.

    `groups` is either one list of {label, value, low, high, n} or a mapping condition -> such a
    list. Groups keep their first-seen order; a group missing from a condition, or with value None,
    draws no bar rather than a misleading zero. Tick labels show n (joined by "/" if conditions differ).
    `chance` (one value per group, in that order) draws each group's chance level as a dotted line.
    """
    series = {"": list(groups)} if not isinstance(groups, Mapping) else {k: list(v) for k, v in groups.items()}
    labels: list[str] = []
    for rows in series.values():
        labels += [r["label"] for r in rows if r["label"] not in labels]
    if not labels:
        raise ValueError("bars_with_ci: no groups to plot")
    width = 0.8 / len(series)
    fig, ax = plt.subplots(figsize=(min(14.0, max(5.0, 0.3 * len(labels) * len(series) + 2)), 3.8))
    n_by_label: dict[str, list[int]] = {label: [] for label in labels}
    for k, (condition, rows) in enumerate(series.items()):
        present = [r for r in rows if r.get("value") is not None]
        for r in present:
            if r.get("n") is not None and r["n"] not in n_by_label[r["label"]]:
                n_by_label[r["label"]].append(r["n"])
        x = [labels.index(r["label"]) - 0.4 + width * (k + 0.5) for r in present]
        ax.bar(x, [r["value"] for r in present], width=width, yerr=_yerr(present, "value"), capsize=2,
               label=condition or None, color=f"C{k % 10}")
    for i, level in enumerate(chance or ()):
        ax.hlines(level, i - 0.45, i + 0.45, colors="grey", linestyles="dotted",
                  label="chance" if i == 0 else None)
    if chance:  # an accuracy: room above 1 for the legend, in one row
        ax.set_ylim(0, 1.3)
    ticks = [f"{label}\nn={'/'.join(map(str, n_by_label[label]))}" if n_by_label[label] else label
             for label in labels]
    ax.set_xticks(range(len(labels)), ticks, fontsize=8)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(axis="y", alpha=0.3)
    if any(series):  # named conditions get a legend; a single unnamed series needs none
        ax.legend(fontsize=8, **({"loc": "upper center", "ncol": len(series) + 1} if chance else {}))
    return _save(fig, out_stem, footer)


def confusion_heatmap(matrix: Sequence[Sequence[int]], labels: Sequence[str], out_stem: Path | str,
                      title: str, footer: str = "") -> list[Path]:
    """Confusion matrix (rows gold, columns predicted) as a heat map with every count written in."""
    counts = np.asarray(matrix, dtype=int)
    if counts.shape != (len(labels), len(labels)):
        raise ValueError(f"matrix shape {counts.shape} does not match {len(labels)} labels")
    fig, ax = plt.subplots(figsize=(1.0 * len(labels) + 2, 0.9 * len(labels) + 1.5))
    image = ax.imshow(counts, cmap="Blues", vmin=0)
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    threshold = counts.max() / 2
    for i in range(len(labels)):
        for j in range(len(labels)):
            ax.text(j, i, str(counts[i, j]), ha="center", va="center", fontsize=9,
                    color="white" if counts[i, j] > threshold else "black")
    ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title(title)
    return _save(fig, out_stem, footer)


def learning_curve(points: Sequence[Mapping[str, Any]], baselines: Mapping[str, float], out_stem: Path | str,
                   title: str, xlabel: str, ylabel: str, footer: str = "", *,
                   schedule: float | None = None) -> list[Path]:
    """Accuracy (with its 95 % band) against epochs, each baseline a dashed line; `schedule` marks where
    the default run stops training."""
    fig, ax = plt.subplots(figsize=(7.5, 4))
    x = [p["epoch"] for p in points]
    ax.plot(x, [p["accuracy"] for p in points], marker="o", color="C0", label="trained judge")
    ax.fill_between(x, [p["ci95"][0] for p in points], [p["ci95"][1] for p in points], color="C0", alpha=0.15,
                    label="95 % Wilson interval")
    for i, (name, value) in enumerate(sorted(baselines.items())):
        ax.axhline(value, color=f"C{i + 1}", linestyle="--", linewidth=1, label=f"{name} {value:.3f}")
    if schedule is not None:
        ax.axvline(schedule, color="0.4", linestyle=":", linewidth=1, label=f"default schedule ({schedule:.2f} ep)")
    ax.set_ylim(0, 1)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return _save(fig, out_stem, footer)


def confusion_grid(matrices: Mapping[str, Sequence[Sequence[int]]], labels: Sequence[str], out_stem: Path | str,
                   title: str, footer: str = "") -> list[Path]:
    """One confusion heat map (rows gold, columns predicted) per condition, side by side on one colour scale."""
    if not matrices:
        raise ValueError("confusion_grid: no matrices to plot")
    counts = {name: np.asarray(m, dtype=int) for name, m in matrices.items()}
    for name, m in counts.items():
        if m.shape != (len(labels), len(labels)):
            raise ValueError(f"{name}: matrix shape {m.shape} does not match {len(labels)} labels")
    top = max(int(m.max()) for m in counts.values()) or 1
    cols = min(3, len(counts))
    rows = -(-len(counts) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(3.6 * cols, 3.4 * rows + 0.4), squeeze=False)
    for ax, (name, m) in zip(axes.flat, counts.items()):
        ax.imshow(m, cmap="Blues", vmin=0, vmax=top)
        for i in range(len(labels)):
            for j in range(len(labels)):
                ax.text(j, i, str(m[i, j]), ha="center", va="center", fontsize=8,
                        color="white" if m[i, j] > top / 2 else "black")
        ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right", fontsize=7)
        ax.set_yticks(range(len(labels)), labels, fontsize=7)
        ax.set_title(name, fontsize=9)
        ax.set_xlabel("predicted", fontsize=8)
        ax.set_ylabel("gold", fontsize=8)
    for ax in list(axes.flat)[len(counts):]:
        ax.axis("off")
    fig.suptitle(title, fontsize=10)
    return _save(fig, out_stem, footer)


def reliability_diagram(calibration: Mapping[str, Mapping[str, Any]], out_stem: Path | str, title: str,
                        footer: str = "") -> list[Path]:
    """Accuracy (95 % Wilson bars) against mean confidence per occupied bin, one series per condition; the
    diagonal is perfect calibration. Each condition's legend entry carries its ECE and item count."""
    if not calibration:
        raise ValueError("reliability_diagram: no condition to plot")
    fig, ax = plt.subplots(figsize=(5.5, 4.5))
    ax.plot([0, 1], [0, 1], color="0.6", linestyle="--", linewidth=1, label="perfect calibration")
    for k, (name, cal) in enumerate(calibration.items()):
        bins = cal["bins"]
        x, y = [b["mean_confidence"] for b in bins], [b["accuracy"] for b in bins]
        err = _yerr([{"accuracy": b["accuracy"], "low": b["ci_low"], "high": b["ci_high"]} for b in bins], "accuracy")
        ax.errorbar(x, y, yerr=err, fmt="o-", capsize=3, color=f"C{k}", markersize=4,
                    label=f"{name} (ECE {cal['ece']:.3f}, n = {cal['n']})")
        for xi, yi, b in zip(x, y, bins):  # items per bin, each condition on its own side of the point
            ax.annotate(str(b["n"]), (xi, yi), textcoords="offset points", xytext=(6, 4) if k % 2 == 0 else (-6, -10),
                        ha="left" if k % 2 == 0 else "right", fontsize=7, color=f"C{k}")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("confidence (softmax over the five label likelihoods)")
    ax.set_ylabel("accuracy (95 % Wilson interval)")
    ax.set_title(title)
    ax.legend(fontsize=7, loc="upper left")
    ax.grid(alpha=0.3)
    return _save(fig, out_stem, footer)


def risk_coverage(calibration: Mapping[str, Mapping[str, Any]], out_stem: Path | str, title: str,
                  footer: str = "") -> list[Path]:
    """Error rate among the items answered against the share answered, most confident first (a step per
    distinct confidence); the legend carries each condition's area under the curve (AURC)."""
    if not calibration:
        raise ValueError("risk_coverage: no condition to plot")
    fig, ax = plt.subplots(figsize=(5.5, 4))
    for k, (name, cal) in enumerate(calibration.items()):
        curve = cal["risk_coverage"]
        ax.step([0.0] + [p["coverage"] for p in curve], [curve[0]["risk"]] + [p["risk"] for p in curve],
                where="pre", color=f"C{k}", label=f"{name} (AURC {cal['aurc']:.3f})")
        if len(curve) <= 40:  # a dot per distinct confidence, where they can still be told apart
            ax.plot([p["coverage"] for p in curve], [p["risk"] for p in curve], "o", color=f"C{k}", markersize=3)
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("coverage (share of items answered, most confident first)")
    ax.set_ylabel("risk (error rate among them)")
    ax.set_title(title)
    ax.legend(fontsize=7)
    ax.grid(alpha=0.3)
    return _save(fig, out_stem, footer)


def paired_dots(tasks: Sequence[Mapping[str, Any]], conditions: Sequence[str], out_stem: Path | str, title: str,
                ylabel: str, footer: str = "") -> list[Path]:
    """One dot per task and condition, each task's dots joined across conditions (the pairing every delta
    uses), with the condition's mean as a bar; `tasks` are {label, values: {condition: value}}."""
    if not tasks or not conditions:
        raise ValueError("paired_dots: nothing to plot")
    fig, ax = plt.subplots(figsize=(max(5.0, 1.1 * len(conditions) + 1.5), 4))
    x = np.arange(len(conditions))
    offsets = np.linspace(-0.15, 0.15, len(tasks)) if len(tasks) > 1 else np.zeros(1)
    for t, offset in zip(tasks, offsets):
        y = [t["values"][c] for c in conditions]
        ax.plot(x + offset, y, color="0.75", linewidth=0.8, zorder=1)
        ax.scatter(x + offset, y, s=14, color="C0", zorder=2)
    means = [float(np.mean([t["values"][c] for t in tasks])) for c in conditions]
    ax.hlines(means, x - 0.3, x + 0.3, colors="C1", linewidth=2, label="mean", zorder=3)
    ax.set_xticks(x, conditions, rotation=20, ha="right", fontsize=8)
    ax.set_ylabel(ylabel)
    ax.set_title(f"{title} (n = {len(tasks)} tasks)")
    ax.legend(fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    return _save(fig, out_stem, footer)


def validation_curves(curves: Mapping[str, Sequence[Mapping[str, Any]]], out_stem: Path | str, title: str,
                      footer: str = "") -> list[Path]:
    """Validation pair accuracy (k of n dev pairs, 95 % Wilson band) against train pairs seen, one panel per
    track: the learning curve measured on dev during training, never on held-out items."""
    if not curves:
        raise ValueError("validation_curves: no track to plot")
    fig, axes = plt.subplots(1, len(curves), figsize=(4.8 * len(curves), 3.6), squeeze=False)
    for ax, (track, points) in zip(axes.flat, curves.items()):
        if points:
            x = [p["pairs_seen"] for p in points]
            ax.plot(x, [p["accuracy"] for p in points], marker="o", color="C0", label="dev pair accuracy")
            ax.fill_between(x, [p["ci_low"] for p in points], [p["ci_high"] for p in points], color="C0", alpha=0.15,
                            label="95 % Wilson interval")
            ax.legend(fontsize=7, loc="lower right")
            ax.set_title(f"{track} ({points[-1]['n']} dev pairs)", fontsize=9)
        else:
            ax.text(0.5, 0.5, _NOT_LOGGED, transform=ax.transAxes, ha="center", va="center", color="0.5")
            ax.set_title(track, fontsize=9)
        ax.axhline(0.5, color="0.6", linestyle=":", linewidth=1)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylim(0, 1.02)
        ax.set_xlabel("train pairs seen")
        ax.set_ylabel("pairs ranked chosen > rejected")
        ax.grid(alpha=0.3)
    fig.suptitle(title, fontsize=10)
    return _save(fig, out_stem, footer)
