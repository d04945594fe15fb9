"""How what a reader sees is rendered, the same in every layer: Markdown tables and the figures' resolution.

A base module (it imports nothing from the package), so the benchmark (`tenacious.bench`: dataset cards,
data diagnostics) and the paper's tables, figures and cards render alike without bench importing upward.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

PNG_DPI = 150  # every PNG figure: the paper's (tenacious.plots) and the data diagnostics (tenacious.bench)


def _fmt(value, digits: int) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return f"{value:.{digits}g}" if abs(value) < 1e-3 and value != 0 else f"{value:.{digits}f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_fmt(v, digits) for v in value)
    return str(value).replace("|", "\\|").replace("\n", " ")


def markdown_table(rows: Sequence[dict], columns: Sequence[str] | None = None, digits: int = 3) -> str:
    """A GitHub-flavoured table; columns default to the union of keys in first-seen order."""
    if not rows:
        return "_(no rows)_\n"
    if columns is None:
        columns = list(dict.fromkeys(k for row in rows for k in row))
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(_fmt(row.get(c), digits) for c in columns) + " |" for row in rows]
    return "\n".join(lines) + "\n"
