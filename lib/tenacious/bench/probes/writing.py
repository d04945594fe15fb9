"""Generator helpers more than one probe module uses: funding premises and how people write stages and amounts."""

from __future__ import annotations

import random

from tenacious.bench import facts
from tenacious.bench.context import money

FUNDED: tuple[str, ...] = ("seed", "series_a", "series_b", "series_c")
_STAGE_WORDS = {"seed": "seed", "series_a": "Series A", "series_b": "Series B", "series_c": "Series C"}


def stage_words(stage: str) -> str:
    return _STAGE_WORDS.get(stage, stage.replace("_", " "))


def amount_words(rng: random.Random, amount: int) -> str:
    """A funding figure the way people write it: with or without "$", spelled scale, digit groups."""
    millions = f"{amount / 1e6:g}"
    return rng.choice((money(amount), f"{millions} million dollars", f"USD {millions}m", f"${amount:,}",
                       f"{millions} million"))


def funding(rng: random.Random, confidences: tuple[str, ...], stages: tuple[str, ...]) -> dict:
    """A funding brief at one of `stages`, its amount inside the stage's band, at one of `confidences`."""
    stage = rng.choice(stages)
    band = facts.FUNDING_STAGES[stage]
    amount = rng.randrange(band[0] // 500_000, band[1] // 500_000 + 1) * 500_000
    return {"stage": stage, "amount_usd": amount, "confidence": rng.choice(confidences)}
