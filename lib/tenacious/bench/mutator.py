"""Deterministic corruptions of a good email along one scorer dimension (mutator-augmented pairs).

Each kind damages exactly one thing a reviewer would object to and names the dimension it targets,
so a pair built from it teaches one lesson; `critic_pairs` keeps a pair only when the scorer agrees
that the targeted dimension dropped. Choices between phrasings come from the rng passed in.
"""

from __future__ import annotations

import random
import re

from tenacious.bench import facts
from tenacious.bench.style_guide import PITCHES

KINDS: tuple[str, ...] = ("must_not", "off_segment", "pricing_tcv", "banned_phrase", "wrong_timezone",
                          "stacked_asks")
TARGETS: dict[str, str] = {
    "must_not": "grounding",
    "off_segment": "icp_fit",
    "pricing_tcv": "grounding",
    "banned_phrase": "tone",
    "wrong_timezone": "scheduling",
    "stacked_asks": "tone",
}
# Amounts are never multiples of $500k, so they cannot coincide with a brief's funding amount.
_TCV_SENTENCES = (
    "Across three phases (discovery, build, scale) the engagement would total about {amount}.",
    "A two-phase programme would come to roughly {amount} in total contract value.",
    "Phase one and phase two together would be about {amount} over the year.",
)
_TCV_AMOUNTS = ("$1.25M", "$2.35M", "$870k", "$1.65M", "$3.1M")
_CLICHES = (  # each holds two of facts.BANNED_PHRASES
    "Our world-class engineers are true top talent.",
    "Just checking in, as this is a real win-win.",
    "We deliver best-in-class, cutting-edge work.",
    "Our rockstar engineers hit the ground running.",
    "It is a no-brainer that will move the needle.",
    "Touching base because our elite engineers can supercharge your roadmap.",
)
_EXTRA_ASKS = (
    "Could you also share your current hiring plan? And could you introduce me to whoever owns vendor decisions?",
    "Could you send me your org chart? Can we also get your CFO on the call?",
    "Could you forward this to your head of platform? Let me know your budget for next year too.",
)


def _insert(email: str, sentence: str) -> str:
    """Add a paragraph just before the ask and sign-off (the last two paragraphs)."""
    paragraphs = email.split("\n\n")
    at = max(2, len(paragraphs) - 2)
    return "\n\n".join(paragraphs[:at] + [sentence] + paragraphs[at:])


def _wrong_zone_label(zone: str, rng: random.Random) -> str:
    wrong = [z for z in sorted(facts.TIMEZONES) if z not in (zone, facts.DELIVERY_TZ)]
    return facts.TZ_LABELS[rng.choice(wrong)][0]


def mutate(kind: str, task: dict, email: str, rng: random.Random) -> tuple[str, str] | None:
    """Corrupt `email` for `task` in one way; returns (corrupted email, target dimension), or None
    when the kind does not apply (e.g. the task has no must_not items)."""
    context = task["context"]
    if kind == "must_not":
        if not task["must_not"]:
            return None
        corrupted = _insert(email, f"One more thing: {rng.choice(task['must_not'])}.")
    elif kind == "off_segment":
        others = [seg for seg in facts.PITCH_SEGMENTS if seg != context["segment"]]
        corrupted = _insert(email, rng.choice(PITCHES[rng.choice(others)]))
    elif kind == "pricing_tcv":
        corrupted = _insert(email, rng.choice(_TCV_SENTENCES).format(amount=rng.choice(_TCV_AMOUNTS)))
    elif kind == "banned_phrase":
        corrupted = _insert(email, rng.choice(_CLICHES))
    elif kind == "wrong_timezone":
        zone = context["hq_timezone"]
        wrong = _wrong_zone_label(zone, rng)
        own = next((label for label in facts.TZ_LABELS[zone] if re.search(rf"\b{re.escape(label)}\b", email)), None)
        if zone != facts.DELIVERY_TZ and own:
            corrupted = re.sub(rf"\b{re.escape(own)}\b", wrong, email)
        else:
            corrupted = _insert(email, f"Our team is online from 09:00 to 17:00 {wrong}.")
    elif kind == "stacked_asks":
        corrupted = _insert(email, rng.choice(_EXTRA_ASKS))
    else:
        raise ValueError(f"unknown mutation kind {kind!r}; expected one of {KINDS}")
    return corrupted, TARGETS[kind]
