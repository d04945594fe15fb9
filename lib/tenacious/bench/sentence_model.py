"""Sentence classes by similarity to hand-written prototypes (MiniLM), beside the regex readings of bench.claims.

Four families of the scorer's hard checks are sentence classes a regex reads only by its wording: pressure,
condescension, regulated claims and pitching when told to hold back (style guide SG-04, SG-12, SG-07). This
module embeds each sentence of an email with the offline all-MiniLM-L6-v2 model (as bench.contamination loads
it, cached under .cache/) and calls a sentence a member of a family when its cosine to one of the family's
prototypes reaches `THRESHOLD`. The prototypes were written for this module from the style guide's rules,
none taken from a writer's file.

It is measured, not wired into the scorer: benchmarks/sentence_model.py prints the scorer's regex readings
beside regex-or-model on the independent slice (recall on bad emails of each family, false alarms on good
ones, seconds per email), so whether the model earns its cost is a number, not a guess.
"""

from __future__ import annotations

import re

import numpy as np

from tenacious.bench import contamination

THRESHOLD = 0.62
PROTOTYPES: dict[str, tuple[str, ...]] = {
    "pressure": (
        "We can only hold these engineers for you until the end of the week.",
        "After Friday this offer is gone and the team goes to another client.",
        "Places are limited, so please decide quickly before they are taken.",
        "The discounted rate is only valid if you sign before the deadline.",
        "Other companies are interested, so I need your answer soon.",
    ),
    "condescension": (
        "You probably have not realised how far behind your team has fallen.",
        "Leaders in your position usually miss the warning signs until it is too late.",
        "Let me explain something your engineers clearly do not understand.",
        "I suspect you found the codebase in a much worse state than you expected.",
        "Don't expect too much from new hires in their first months.",
    ),
    "regulated_claim": (
        "Our engineers are fully certified and compliant with the regulation you work under.",
        "We already hold the clearances your regulator requires, so compliance is covered.",
        "We will handle your audit evidence so your compliance team does not need to.",
        "Our setup meets the security standard your auditors expect.",
    ),
    "pitch": (
        "We have two engineers free who could join your team next week.",
        "Would adding a couple of our developers help you ship the project faster?",
        "Our engineers can take this work on for a few months at a monthly rate.",
        "This is exactly the kind of project where our team joins and delivers.",
    ),
}
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def sentences(text: str) -> list[str]:
    """The email's sentences of four words or more (greetings and sign-offs are too short to carry a class)."""
    return [s.strip() for s in _SENTENCE.findall(text) if len(s.split()) >= 4]


def _prototype_matrix() -> tuple[list[str], np.ndarray]:
    families = [family for family, protos in sorted(PROTOTYPES.items()) for _ in protos]
    texts = [proto for _, protos in sorted(PROTOTYPES.items()) for proto in protos]
    return families, contamination.embed(texts)


def classify(emails: list[str]) -> list[dict[str, float]]:
    """Per email, each family's highest sentence cosine to its prototypes (one embedding pass for all)."""
    families, protos = _prototype_matrix()
    split = [sentences(email) for email in emails]
    flat = [s for group in split for s in group]
    vectors = contamination.embed(flat) if flat else np.zeros((0, protos.shape[1]))
    sims = vectors @ protos.T
    out, at = [], 0
    for group in split:
        best = {family: 0.0 for family in PROTOTYPES}
        for row in sims[at:at + len(group)]:
            for k, family in enumerate(families):
                best[family] = max(best[family], float(row[k]))
        at += len(group)
        out.append({family: round(value, 4) for family, value in sorted(best.items())})
    return out


def flagged(similarities: dict[str, float], threshold: float = THRESHOLD) -> set[str]:
    """The families whose similarity reaches the threshold."""
    return {family for family, value in similarities.items() if value >= threshold}
