"""Data diagnostics under figures/<profile>/: what the splits hold and how the scorer separates drafts.

Count bars per split x stratum / probe / decision show at a glance that every split covers every
stratum and class (a held-out set of one class is what made a constant answer look perfect in the
published judge card). The score histogram shows that the scorer separates the style guide's GOOD
and BAD drafts, which is what makes its verdict usable as a preference signal.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # headless; must precede the pyplot import

import matplotlib.pyplot as plt
import numpy as np

from tenacious.bench import load
from tenacious.bench.cards import DECISIONS, PROBES
from tenacious.bench.schema import STRATA
from tenacious.io import atomic_write_bytes
from tenacious.render import PNG_DPI

_BINS = np.linspace(0.0, 1.0, 21)
FIGURE_NAMES: tuple[str, ...] = (
    "data_critic_split_stratum.png",
    "data_judge_split_probe.png",
    "data_judge_split_decision.png",
    "data_critic_scores_good_bad.png",
)


def _save_png(fig: plt.Figure, path: Path, footer: str) -> Path:
    fig.tight_layout()
    fig.text(0.01, 0.0, footer, fontsize=6, color="0.45", ha="left", va="top")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=PNG_DPI, bbox_inches="tight")
    plt.close(fig)
    atomic_write_bytes(path, buf.getvalue())
    return path


def _count_bars(by_split: dict, field: str, labels: tuple[str, ...], path: Path, title: str, footer: str) -> Path:
    """Grouped bars, one group per stratum / probe / decision, one bar per split, counts written on top."""
    width = 0.8 / len(load.SPLITS)
    fig, ax = plt.subplots(figsize=(max(5.0, 0.75 * len(labels) + 2), 3.6))
    for k, split in enumerate(load.SPLITS):
        values = [by_split[split][field].get(label, 0) for label in labels]
        bars = ax.bar(np.arange(len(labels)) - 0.4 + width * (k + 0.5), values, width=width, color=f"C{k}",
                      label=f"{split} (n={by_split[split]['total']})")
        ax.bar_label(bars, fontsize=6, padding=1)
    ax.set_xticks(range(len(labels)), labels, fontsize=8)
    ax.set_ylabel("count")
    ax.set_title(title)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8)
    return _save_png(fig, path, footer)


def _score_histogram(scores: dict[str, list[float]], threshold: float, path: Path, footer: str) -> Path:
    """Scorer overall of the GOOD and of the BAD style-guide drafts, with the verdict threshold."""
    fig, ax = plt.subplots(figsize=(6.0, 3.6))
    for colour, label in (("C2", "GOOD"), ("C3", "BAD")):
        ax.hist(scores[label], bins=_BINS, alpha=0.6, color=colour, label=f"{label} templates (n={len(scores[label])})")
    ax.axvline(threshold, color="0.3", linestyle="--", linewidth=1, label=f"verdict threshold {threshold}")
    ax.set_xlabel("scorer overall")
    ax.set_ylabel("drafts")
    ax.set_title("Scorer overall: style-guide GOOD vs BAD drafts, all tasks")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return _save_png(fig, path, footer)


def write_figures(figures_dir: Path, counts: dict, scores: dict[str, list[float]], threshold: float,
                  seed: int) -> list[Path]:
    """Write the diagnostic PNGs (FIGURE_NAMES) into `figures_dir`; returns their paths."""
    figures_dir = Path(figures_dir)
    footer = f"Tenacious-Bench data, seed {seed}"
    critic, judge = counts["critic"], counts["judge"]
    out = [figures_dir / name for name in FIGURE_NAMES]
    return [
        _count_bars(critic["tasks"], "by_stratum", STRATA, out[0], "Critic tasks per split and stratum", footer),
        _count_bars(judge["items"], "by_probe", PROBES, out[1], "Judge items per split and probe", footer),
        _count_bars(judge["items"], "by_decision", DECISIONS, out[2], "Judge items per split and gold decision",
                    footer),
        _score_histogram(scores, threshold, out[3], footer),
    ]
