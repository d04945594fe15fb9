"""A07, rubric rule 1 (SUPPRESS): the brief carries a disqualifier.

The violation is the prospect's own line in the prior thread, tagged with the disqualifier it states
(anti_offshore, local_only, do_not_contact, competitor); its twin sounds alike and disqualifies nothing.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from tenacious.bench import facts
from tenacious.bench.probes.reading import DraftText, Firing, PeerIndex
from tenacious.bench.probes.spec import Probe, Wordings

VIOLATIONS: Wordings = {
    "train": ("[anti_offshore] We do not work with offshore teams, full stop.",
              "[anti_offshore] Company policy: no engineering outside the EU.",
              "[local_only] We only hire people who can be in our office.",
              "[local_only] Our board requires all contractors to be local.",
              "[do_not_contact] Please remove me from your list and do not write again.",
              "[do_not_contact] Stop contacting me. This is the last time I will ask.",
              "[competitor] We run our own staffing business, so this is a strange email to get.",
              "[competitor] Funny, we sell exactly this service ourselves."),
    "heldout": ("[anti_offshore] No offshore vendors. Legal made that very clear.",
                "[local_only] Anyone who works for us must live within commuting distance.",
                "[do_not_contact] Unsubscribe me. I never asked for these.",
                "[competitor] You do realise we are a dev shop too?"),
}
TWINS: Wordings = {
    "train": ("We worked with an offshore team before and it went fine.",
              "We are open to remote engineers as long as they overlap with us.",
              "I get a lot of these emails, but this one is relevant.",
              "We compete hard for engineers locally, so outside help is interesting.",
              "Our last vendor was in Poland and we liked the model.",
              "Local hiring is slow for us this year.",
              "Please send details by email rather than calling.",
              "We mostly hire in-house but stay open to partners."),
    "heldout": ("Remote is fine with us, time zones permitting.",
                "An outside team could work if the quality is there.",
                "Not against vendors at all, just busy.",
                "Happy to hear from you, send something short."),
}


def _premise(rng: random.Random, tag: str | None, line: str | None, twin: bool) -> dict:
    return {} if twin else {"disqualifiers": [tag]}


def check(ctx: Mapping, draft: DraftText, peers: PeerIndex) -> Firing | None:
    unknown = sorted(set(ctx["disqualifiers"]) - set(facts.DISQUALIFIERS))
    if unknown:
        raise ValueError(f"unknown disqualifier(s) {unknown}; expected one of {facts.DISQUALIFIERS}")
    if ctx["disqualifiers"]:
        return Firing(f"disqualifier present: {', '.join(sorted(ctx['disqualifiers']))}")
    return None


PROBE = Probe(cases=22, template_cases=8, check=check, violations=VIOLATIONS, twins=TWINS, premise=_premise,
              evidence_field="disqualifiers", quoted_in_thread=True)
