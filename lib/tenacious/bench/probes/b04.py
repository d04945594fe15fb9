"""B04, rubric rule 6 (BLOCK): the draft cites a funding amount the brief holds only at low confidence.

A funding amount is a money amount in a sentence about funding, or one equal to the brief's amount
however it is introduced (reading.funding_amounts). The rule fires on any such amount while confidence
is low or insufficient, hedged or not ("if that's right, congrats on the 18M" still cites it); the twin
talks about funding without a figure.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from tenacious.bench.probes.reading import DraftText, Firing, PeerIndex, funding_amounts, mention_firing
from tenacious.bench.probes.spec import Probe, Wordings
from tenacious.bench.probes.writing import FUNDED, funding

VIOLATIONS: Wordings = {
    "train": ("Congratulations on the {amount} round.",
              "With {amount} freshly raised, hiring must be top of the list.",
              "Your {amount} raise should make the hiring plan easier.",
              "Now that {amount} of new funding is in, the roadmap can grow.",
              "A {amount} round is a big vote of confidence from investors.",
              "I read that investors put {amount} into the company.",
              "The {amount} you just raised will go further with our team.",
              "Teams that raise {amount} usually hire fast."),
    "heldout": ("Big news on the {amount} funding, well done.",
                "Having closed {amount}, you will want to move quickly.",
                "Raising {amount} in this market is impressive.",
                "The new {amount} from your investors changes the picture."),
}
# Twins: the funding topic without a figure, hedged.
TWINS: Wordings = {
    "train": ("If the reports of a new round are right, is hiring part of the plan?",
              "I may be wrong, but it sounds as if new funding is coming in.",
              "Rumour has it you are raising; if so, congratulations.",
              "If investment is on the way, extra hands may help.",
              "I saw hints of a raise, though nothing confirmed.",
              "Whatever the funding picture, the hiring plan looks ambitious.",
              "Is new capital changing how fast you want to hire?",
              "If the fundraise goes ahead, capacity will matter."),
    "heldout": ("Unconfirmed, but I hear investors are interested.",
                "Should a round close soon, we could help you scale.",
                "Not sure about the funding news, so I will not guess.",
                "Funding or not, the backlog still needs people."),
}


LOW_CONFIDENCE: frozenset[str] = frozenset({"low", "insufficient_signal"})


def _premise(rng: random.Random, tag: str | None, line: str | None, twin: bool) -> dict:
    return {"segment": "segment_1", "funding": funding(rng, ("low", "insufficient_signal"), FUNDED[:3])}


def check(ctx: Mapping, draft: DraftText, peers: PeerIndex) -> Firing | None:
    confidence = ctx["funding"]["confidence"]
    if confidence not in LOW_CONFIDENCE:
        return None
    mention = next(iter(funding_amounts(ctx, draft)), None)
    if mention is None:
        return None
    return mention_firing(f"the draft cites a funding amount ({mention.text}) while funding confidence is {confidence}",
                            mention)


PROBE = Probe(cases=26, template_cases=8, check=check, violations=VIOLATIONS, twins=TWINS, premise=_premise)
