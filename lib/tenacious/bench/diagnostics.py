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

from tenacious import plots
from tenacious.bench import load
from tenacious.bench.cards import DECISIONS, PROBES, STRATA
from tenacious.io import atomic_write_bytes

_BINS = np.linspace(0.0, 1.0, 21)


def _count_bars(by_split: dict, field: str, labels: tuple[str, ...], out_stem: Path, title: str, footer: str):
    groups = {split: [{"label": label, "value": by_split[split][field].get(label, 0)} for label in labels]
              for split in load.SPLITS}
    return plots.bars_with_ci(groups, out_stem, title=title, ylabel="count", footer=footer)


def _score_histogram(scores: dict[str, list[float]], threshold: float, out_path: Path, footer: str) -> Path:
    fig, ax = plt.subplots(figsize=(6.0, 3.6))
    for colour, label in (("C2", "GOOD"), ("C3", "BAD")):
        ax.hist(scores[label], bins=_BINS, alpha=0.6, color=colour, label=f"{label} templates (n={len(scores[label])})")
    ax.axvline(threshold, color="0.3", linestyle="--", linewidth=1, label=f"verdict threshold {threshold}")
    ax.set_xlabel("scorer overall")
    ax.set_ylabel("drafts")
    ax.set_title("Scorer overall: style-guide GOOD vs BAD drafts, all tasks")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.text(0.01, 0.0, footer, fontsize=6, color="0.45", ha="left", va="top")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=plots.PNG_DPI, bbox_inches="tight")
    plt.close(fig)
    atomic_write_bytes(out_path, buf.getvalue())
    return out_path


def write_figures(figures_dir: Path, counts: dict, scores: dict[str, list[float]], threshold: float,
                  seed: int) -> list[Path]:
    """Write the diagnostic figures; returns the PNG paths (count bars also get a PDF)."""
    figures_dir = Path(figures_dir)
    footer = f"Tenacious-Bench data, seed {seed}"
    critic, judge = counts["critic"], counts["judge"]
    written = [
        *_count_bars(critic["tasks"], "by_stratum", STRATA, figures_dir / "data_critic_split_stratum",
                     "Critic tasks per split and stratum", footer),
        *_count_bars(judge["items"], "by_probe", PROBES, figures_dir / "data_judge_split_probe",
                     "Judge items per split and probe", footer),
        *_count_bars(judge["items"], "by_decision", DECISIONS, figures_dir / "data_judge_split_decision",
                     "Judge items per split and gold decision", footer),
        _score_histogram(scores, threshold, figures_dir / "data_critic_scores_good_bad.png", footer),
    ]
    return [p for p in written if p.suffix == ".png"]
