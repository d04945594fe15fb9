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
                 out_stem: Path | str, title: str, ylabel: str, footer: str = "") -> list[Path]:
    """Bars with CI whiskers per group (stratum, probe); several conditions side by side.

    `groups` is either one list of {label, value, low, high, n} or a mapping condition -> such a
    list. Groups keep their first-seen order; a group missing from a condition, or with value None,
    draws no bar rather than a misleading zero. Tick labels show n (joined by "/" if conditions differ).
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
    ticks = [f"{label}\nn={'/'.join(map(str, n_by_label[label]))}" if n_by_label[label] else label
             for label in labels]
    ax.set_xticks(range(len(labels)), ticks, fontsize=8)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(axis="y", alpha=0.3)
    if any(series):  # named conditions get a legend; a single unnamed series needs none
        ax.legend(fontsize=8)
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
