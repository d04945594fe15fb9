"""E03, rubric rule 2 (SUPPRESS): the prospect opted out of the channel this draft uses.

The violation is the prospect's line in the prior thread, tagged with the channel it closes; its twin
closes another channel than the draft's (email).
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from tenacious.bench.probes.reading import DraftText, Firing, PeerIndex
from tenacious.bench.probes.spec import Probe, Wordings

VIOLATIONS: Wordings = {
    "train": ("[email] Please stop emailing me; LinkedIn is fine.",
              "[email] No more emails please, my inbox cannot take it.",
              "[email] Take this address off your mailing list.",
              "[email] I do not read vendor email, so please stop sending it.",
              "[linkedin] Please do not message me on LinkedIn about this.",
              "[linkedin] I keep LinkedIn for friends; no sales messages there.",
              "[phone] Don't call my mobile again, please.",
              "[phone] No phone calls, I will not pick up."),
    "heldout": ("[email] Kindly stop the emails.",
                "[linkedin] LinkedIn messages from vendors get ignored, so don't bother.",
                "[phone] Please remove my number from your dialler.",
                "[email] I opted out of email already, please respect that."),
}
TWINS: Wordings = {
    "train": ("[phone] Email works best for me, please don't call.",
              "[phone] Write to me rather than phoning.",
              "[linkedin] Please use my email instead of LinkedIn.",
              "[linkedin] I rarely check LinkedIn, email me.",
              "[phone] Email is fine; I don't take cold calls.",
              "[phone] Feel free to email, just no phone calls.",
              "[linkedin] Please keep this to email.",
              "[linkedin] Reach me by email, not LinkedIn DMs."),
    "heldout": ("[phone] Email me anytime; my phone is for family.",
                "[linkedin] Email is the right place for this, thanks.",
                "[phone] A short email is better than a call for me.",
                "[linkedin] My inbox is open, LinkedIn is not."),
}


def _premise(rng: random.Random, tag: str | None, line: str | None, twin: bool) -> dict:
    if twin:  # the prospect opted out of another channel than the one this draft uses
        return {"channel": "email", "opt_out_channels": [tag]}
    return {"channel": tag, "opt_out_channels": [tag]}


def check(ctx: Mapping, draft: DraftText, peers: PeerIndex) -> Firing | None:
    if ctx["channel"] in ctx["opt_out_channels"]:
        return Firing(f"the prospect opted out of the {ctx['channel']} channel")
    return None


PROBE = Probe(cases=20, template_cases=8, check=check, violations=VIOLATIONS, twins=TWINS, premise=_premise,
              evidence_field="opt_out_channels", quoted_in_thread=True)
