"""C02, rubric rule 8 (BLOCK): the draft offers an engineer who is committed elsewhere in that window.

Naming a committed engineer offers them unless the same or the next sentence discloses the commitment
("Ruth is booked until March", "she frees up after June"); the twin discloses it or offers a free engineer.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping

from tenacious.bench import facts
from tenacious.bench.probes.reading import DraftText, Firing, PeerIndex
from tenacious.bench.probes.spec import Probe, Wordings

VIOLATIONS: Wordings = {
    "train": ("{engineer} ({stack}) could join your team next week.",
              "I have pencilled in {engineer_first} for your {stack} work from Monday.",
              "{engineer_first}, one of our senior {stack} engineers, is ready to start.",
              "We could put {engineer} on your {stack} backlog straight away.",
              "{engineer_first} would be a great fit and can begin this month.",
              "I would suggest {engineer} to lead the {stack} work for you.",
              "Our {stack} engineer {engineer_first} is free to join your sprints.",
              "You could meet {engineer}, who would start on your project next week."),
    "heldout": ("{engineer_first} could take your {stack} tickets from day one.",
                "Let me line up {engineer} for you; start date is flexible.",
                "Best candidate for you is {engineer_first}, a very strong {stack} engineer.",
                "{engineer} is my pick for your team and can be there soon."),
}
# Twins: a disclosed commitment, or a free engineer offered instead.
TWINS: Wordings = {
    "train": ("{engineer_first} is booked until {until}, but {free} could start on your {stack} work.",
              "{engineer} is committed elsewhere, so {free} would lead your work.",
              "{free} ({stack}) could join your team next week.",
              "{engineer_first} is tied up with another client; {free} is free now.",
              "Since {engineer_first} is unavailable until {until}, I would propose {free}.",
              "{free}, one of our {stack} engineers, could start this month.",
              "{engineer} is on another engagement, so {free} is my suggestion.",
              "I would put {free} on your {stack} backlog."),
    "heldout": ("{engineer_first} is busy until {until}; {free} is the one I would send.",
                "{free} can take your {stack} tickets from day one.",
                "Heads-up: {engineer} is not available, but {free} is.",
                "My pick is {free}, free from next week."),
}


_DISCLOSED = re.compile(
    r"\b(?:booked|committed|unavailable|not available|isn't available|is not available|isn't free|not free|tied up|"
    r"busy|engaged elsewhere|allocated|occupied|on assignment|on another|with another (?:client|team|customer)|"
    r"elsewhere|rolls? off|frees? up|free (?:from|after|again)|available (?:from|after|again|in|once)|"
    r"back on the bench|not before|no earlier than|once (?:she|he|they) (?:finish|wrap|complete)\w*|"
    r"(?:until|till|through) (?:early |mid-?|late |the end of )?(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december|next (?:month|quarter|year))|"
    r"after (?:january|february|march|april|may|june|july|august|september|october|november|december|her|his|their)|"
    r"from (?:january|february|march|april|june|july|august|september|october|november|december))\b",
    re.IGNORECASE)
_PRONOUN_START = re.compile(r"\s*(?:she|he|they|her|his|their)\b", re.IGNORECASE)
_MONTHS: tuple[str, ...] = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                            "october", "november", "december")


def _premise(rng: random.Random, tag: str | None, line: str | None, twin: bool) -> dict:
    """One engineer committed elsewhere, in a stack that still has someone free."""
    stack = rng.choice([s for s in facts.BENCH_STACKS if len(facts.BENCH_ROSTER[s]) >= 2])
    engineer = rng.choice(facts.BENCH_ROSTER[stack])
    until = f"2026-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    return {"prior_commitments": [{"engineer": engineer, "stack": stack, "until": until}]}


def _slots(rng: random.Random, ctx: dict, pool: str, carrier: dict) -> dict:
    """The committed engineer, the window, and a free engineer of the same stack."""
    commitment = ctx["prior_commitments"][0]
    free = [e for e in facts.BENCH_ROSTER[commitment["stack"]] if e != commitment["engineer"]]
    return dict(engineer=commitment["engineer"], engineer_first=commitment["engineer"].split()[0],
                stack=facts.STACK_LABELS[commitment["stack"]], until=commitment["until"], free=rng.choice(free))


def _month_after(sentence: str, until: str) -> bool:
    """The sentence names a start month after the commitment's `until` (YYYY-MM-DD) month."""
    match = re.match(r"\d{4}-(\d{2})", until)
    if match is None:
        return False
    month = int(match.group(1))
    named = [i + 1 for i, name in enumerate(_MONTHS) if re.search(rf"\b{name}\b", sentence, re.IGNORECASE)]
    return any(m > month or m < month - 6 for m in named)


def check(ctx: Mapping, draft: DraftText, peers: PeerIndex) -> Firing | None:
    sentences = draft.sentence_texts()
    for commitment in ctx["prior_commitments"]:
        full = commitment["engineer"]
        pattern = re.compile(rf"\b(?:{re.escape(full)}|{re.escape(full.split()[0])})\b", re.IGNORECASE)
        for k, (start, sentence) in enumerate(sentences):
            match = pattern.search(sentence)
            if match is None:
                continue
            nearby = sentence
            if k + 1 < len(sentences) and _PRONOUN_START.match(sentences[k + 1][1]):
                nearby += " " + sentences[k + 1][1]
            if _DISCLOSED.search(nearby) or _month_after(nearby, str(commitment["until"])):
                continue
            return draft.fire(f"the draft offers {full}, committed elsewhere until {commitment['until']}",
                              start + match.start(), start + match.end())
    return None


PROBE = Probe(cases=26, template_cases=8, check=check, violations=VIOLATIONS, twins=TWINS, premise=_premise,
              slots=_slots)
