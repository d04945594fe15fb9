"""G03, rubric rule 4 (ESCALATE): a C-level recipient at a company above the escalation headcount.

The violation is the recipient's title at a large company; a twin is a C-level title at a company of at
most 2000 people (tag `small`) or a senior non-C-level title anywhere (tag `large`). C-level means a chief
officer (CEO, CTO, "Chief ... Officer", the `c_level`/`cto` codes, by the role code or the free-text
title); "VP Engineering" and a bare "Founder" are not. The rule needs headcount > 2000.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping

from tenacious.bench import facts
from tenacious.bench.context import make_context
from tenacious.bench.probes.reading import DraftText, Firing, PeerIndex, is_c_level
from tenacious.bench.probes.spec import Probe, Wordings

VIOLATIONS: Wordings = {
    "train": ("Chief Technology Officer", "CEO", "Founder & CEO", "Chief Executive Officer", "Group CTO",
              "Chief Information Officer", "CTO and co-founder", "Chief Operating Officer"),
    "heldout": ("Chief Digital Officer", "President & CEO", "Global CTO", "Chief Product Officer"),
}
# Twins: a C-level title at a company of at most 2000 people, or a senior non-C-level title anywhere.
TWINS: Wordings = {
    "train": ("[small] CEO", "[small] Chief Technology Officer", "[small] Founder & CEO", "[small] COO",
              "[large] VP Engineering", "[large] Head of Platform", "[large] Director of Engineering",
              "[large] Founder"),
    "heldout": ("[small] Chief Executive", "[small] CTO & co-founder", "[large] SVP Engineering",
                "[large] Engineering Manager"),
}


_TITLE_ROLE = (("cto", re.compile(r"\bCTO\b|Chief Technology")),
               ("c_level", re.compile(r"\bC[EOIP]O\b|Chief|President")),
               ("vp_eng", re.compile(r"VP|Vice President")), ("founder", re.compile(r"Founder")))


def title_role(title: str) -> str:
    """The role code of a free-text title (first match wins: a CTO before a founder)."""
    return next((role for role, pattern in _TITLE_ROLE if pattern.search(title)), "other")


def _premise(rng: random.Random, tag: str | None, line: str | None, twin: bool) -> dict:
    """A large company for a violation or a `large` twin, else a small one; the recipient holds the title."""
    size = "large" if not twin else tag
    headcount = rng.randrange(2001, 12001) if size == "large" else rng.randrange(300, 2001)
    overrides = {"segment": rng.choice(("segment_2", "abstain")), "headcount": headcount}
    overrides["recipient"] = {"name": make_context(rng)["recipient"]["name"], "role": title_role(line), "title": line}
    return overrides


def _title(ctx: dict) -> str:
    return ctx["recipient"].get("title") or facts.ROLE_LABELS[ctx["recipient"]["role"]]


def check(ctx: Mapping, draft: DraftText, peers: PeerIndex) -> Firing | None:
    role = ctx["recipient"]["role"]
    title = ctx["recipient"].get("title") or ""
    if (is_c_level(role) or is_c_level(title)) and ctx["headcount"] > facts.ESCALATION_HEADCOUNT:
        return Firing(f"recipient is C-level ({role}) at headcount {ctx['headcount']} > {facts.ESCALATION_HEADCOUNT}")
    return None


PROBE = Probe(cases=40, template_cases=12, check=check, violations=VIOLATIONS, twins=TWINS, premise=_premise,
              evidence_field="recipient", evidence_text=_title, keeps_c_level_enterprise=True)
