"""E02, rubric rule 9 (PENALISE): peer company names in the draft are generic or reused.

The rule fires on a peer name that looks generic by pattern (Acme-style placeholders, "...Co", "Company
A", "AppB", "Client X"), one peer named twice in a draft, or (with batch context) one peer name cited to
`PEER_REUSE_PROSPECTS` or more different prospects in the same batch; the twin names real-sounding,
distinct peers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from tenacious.bench.probes.reading import DraftText, Firing, PeerIndex, peer_mentions, prospect_key
from tenacious.bench.probes.spec import Probe, Wordings

VIOLATIONS: Wordings = {
    "train": ("Teams like {generic1} and {generic2} already work this way.",
              "We helped {generic1} clear a six-month hiring backlog in one quarter.",
              "Companies such as {generic1} and {generic2} use us for exactly this.",
              "Clients like {generic1} and {generic2} trust our engineers.",
              "We have supported {generic1} and {generic2} through similar growth.",
              "Firms including {generic1} and {generic2} rely on our bench.",
              "Teams like {peer1}, {peer2} and {peer1} already work this way.",
              "We worked with {peer1}, and {peer1} renewed twice."),
    "heldout": ("Ask anyone at {generic1} or {generic2} how it went.",
                "Our customers, {generic1} and {generic2} among them, say the same.",
                "We partnered with {generic1} last year with great results.",
                "Scale-ups like {peer1}, {peer2} and again {peer1} use us."),
}
# Twins: real-sounding, distinct peer names.
TWINS: Wordings = {
    "train": ("Teams like {peer1} and {peer2} already work this way.",
              "We helped {peer1} clear a hiring backlog in one quarter.",
              "Companies such as {peer1} and {peer2} use us for this.",
              "Clients like {peer1} and {peer2} trust our engineers.",
              "We have supported {peer1} through similar growth.",
              "Firms including {peer1}, {peer2} and {peer3} rely on our bench.",
              "We worked with {peer1}, and they renewed twice.",
              "Scale-ups like {peer1} use the same set-up."),
    "heldout": ("Ask anyone at {peer1} how it went.",
                "Our customers, {peer1} and {peer2} among them, say the same.",
                "We partnered with {peer1} last year.",
                "Scale-ups like {peer1} and {peer2} use us."),
}


PEER_REUSE_PROSPECTS = 3  # a peer name cited to this many different prospects in one batch is a stock name

# Placeholder company names a writer reaches for when it has no real peer to cite.
GENERIC_PEER_NAMES: tuple[str, ...] = (
    "Acme", "Acme Corp", "Globex", "Initech", "Contoso", "Umbrella Corp", "Hooli", "Example Corp",
    "Example Inc", "Company A", "Company B", "Company X", "XYZ Corp", "ABC Corp", "BigCo", "TechCorp",
    "FinCo", "HealthCo", "Foo Inc", "Widgets Inc", "Fabrikam", "Northwind Traders", "Wayne Enterprises",
    "Stark Industries", "Cyberdyne", "Vandelay Industries", "Dunder Mifflin", "Pied Piper", "Massive Dynamic",
)
# Generic by shape: "Company A", "Client X", "AppB", "FinCo", "XYZ Inc", "Startup 2".
_GENERIC_PATTERNS: tuple[re.Pattern, ...] = (
    re.compile(r"\b(?:Company|Client|Customer|Firm|Startup|Vendor|Partner|Brand|Org|Business|Bank|Fintech|Prospect|"
               r"Enterprise|Retailer|Insurer|Lender|Scale-?up)[ -](?:[A-Z]|\d{1,2})\b(?![\w'-])"),
    re.compile(r"\b(?:App|Product|Service|Platform|Startup|Company|Client|Corp|Tech|Project|Brand|Team|Org)[A-Z0-9]\b"),
    re.compile(r"\b[A-Z][a-z]+(?:Co|Corp)\b"),
    re.compile(r"\b(?i:abc|xyz|xxx|foo|bar|sample|dummy|placeholder|generic|test|demo)[ -]?"
               r"(?i:corp|inc|co|ltd|llc|company|labs|tech|bank|group|gmbh)\b"),
)


def check(ctx: Mapping, draft: DraftText, peers: PeerIndex) -> Firing | None:
    own = {ctx["company"], "Tenacious"}
    for name in GENERIC_PEER_NAMES:
        match = re.search(rf"\b{re.escape(name)}\b", draft.text, re.IGNORECASE)
        if match:
            return draft.fire(f"generic peer name: {name}", match.start(), match.end())
    for pattern in _GENERIC_PATTERNS:
        for match in pattern.finditer(draft.text):
            if match.group(0) not in own:
                return draft.fire(f"peer name looks generic: {match.group(0)}", match.start(), match.end())
    mentions = peer_mentions(draft)
    seen: set[str] = set()
    for name, start, end in mentions:
        if name.casefold() in seen:
            return draft.fire(f"the same peer is named more than once: {name}", start, end)
        seen.add(name.casefold())
    me = prospect_key(ctx)
    for name, start, end in mentions:
        cited_to = peers.get(name.casefold(), frozenset())
        if len(cited_to) >= PEER_REUSE_PROSPECTS and me in cited_to:
            return draft.fire(f"peer {name} is cited to {len(cited_to)} different prospects in this batch",
                              start, end)
    return None


PROBE = Probe(cases=36, template_cases=12, check=check, violations=VIOLATIONS, twins=TWINS, names_other_prospects=True)
