"""The judge rubric as a deterministic rule engine: it labels every judge item and is a baseline.

Rubric v2 (DESIGN §5.3) is a priority list: the first rule that fires decides, so a draft that
breaks several rules gets the decision of the most important one. Each rule reads the
structured prospect context and, where the rule is about what the draft *says*, the draft text.
A rule is a small function returning the reason it fired (or None), so `explain` can show every
rule that fired and `decide` is simply the first of them: the label and its explanation can
never disagree.

Rule numbers are always the v2 numbers (1-11), for both rubrics. Rubric v1 is the published
7-rule rubric; it is the v2 list without the four v2-only rules (3, 7, 8, 10), so under v1 those
probes fall through to PASS. The published v1 numbering maps to ours as V1_PUBLISHED_NUMBER:

    v1 rule:  1  2  3  4  5  6  7(PASS)
    v2 rule:  1  2  4  5  6  9  11

Interpretations the rubric table leaves open, fixed here (and tested):
- C-level means a chief officer (CEO, CTO, CFO, COO, CIO, CPO, "Chief ... Officer", the
  `c_level` and `cto` role codes). "VP Engineering" is not C-level, and neither is a bare
  "Founder" title (a "Founder & CEO" is, through the CEO part). Rule 4 needs headcount > 2000.
- A soft rejection is a decline ("not right now", "no budget", "hiring freeze" ...) in the
  prospect's latest message of the prior thread; a prospect who declined and then came back is
  not rejecting any more. The offer is what the agent proposed up to that decline (the offer
  families below); the draft pushes the same offer when it proposes one of them again.
- Referencing another prospect's thread means citing a thread id other than the context's own,
  or a conversation phrase ("my thread with X", "as I told X") naming a party that is not the
  prospect's company, its recipient, Tenacious or one of our bench engineers.
- A funding amount is a money figure in a sentence that talks about funding. Rule 6 fires when
  such a figure appears while funding confidence is low or insufficient; rule 7 when the draft
  names a stage other than the context's, or a figure that is not the context's amount.
- An engineer in `prior_commitments` is committed through `until`; contexts carry no calendar
  dates and a cold email proposes a start now, so naming that engineer is offering them, unless
  the same sentence says they are unavailable.
- Peers are names in "teams like X, Y and Z" / "we helped X" phrases. Generic stand-in names
  (GENERIC_PEER_NAMES, anywhere in the draft) or one peer named twice fire rule 9.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from typing import NamedTuple

from tenacious.bench import facts

DECISIONS: tuple[str, ...] = ("SUPPRESS", "ESCALATE", "BLOCK", "PENALISE", "PASS")
RUBRICS: tuple[str, ...] = ("v2", "v1")
PASS_RULE = 11
V1_RULES: tuple[int, ...] = (1, 2, 4, 5, 6, 9, PASS_RULE)
V1_PUBLISHED_NUMBER: dict[int, int] = {1: 1, 2: 2, 4: 3, 5: 4, 6: 5, 9: 6, PASS_RULE: 7}

C_LEVEL_ACRONYMS: frozenset[str] = frozenset(
    {"ceo", "cto", "cfo", "coo", "cio", "cpo", "cmo", "cro", "ciso", "cdo", "cso", "chro", "cxo"})
LOW_CONFIDENCE: frozenset[str] = frozenset({"low", "insufficient_signal"})
AGENT = "agent"  # prior_thread `from` of our side; every other sender is the prospect

# Placeholder company names a writer reaches for when it has no real peer to cite.
GENERIC_PEER_NAMES: tuple[str, ...] = (
    "Acme", "Acme Corp", "Globex", "Initech", "Contoso", "Umbrella Corp", "Hooli", "Example Corp",
    "Example Inc", "Company A", "Company B", "Company X", "XYZ Corp", "ABC Corp", "BigCo", "TechCorp",
    "FinCo", "HealthCo", "Foo Inc", "Widgets Inc",
)

# Declines that leave the door open. A hard "never contact me" is a do_not_contact disqualifier.
SOFT_REJECTION = re.compile(
    r"not right now|not a priority|not the right time|timing (?:isn't|is not|is bad|is wrong)|not this year|"
    r"no budget|not in (?:the|this year's) budget|next quarter|maybe later|revisit|check back|hiring freeze|"
    r"on hold|pause[d]? (?:all|any|new)|not looking|not interested|we(?:'re| are) (?:covered|all set|set)|"
    r"(?:do not|don't) want to add|no capacity|let's park|park this|not for us",
    re.IGNORECASE)

# What the agent can offer; a draft repeating a declined family pushes the same offer.
OFFER_FAMILIES: dict[str, re.Pattern] = {
    "engineers": re.compile(
        r"team extension|extend(?:ing)? (?:your|the) (?:engineering |product |data )?team|"
        r"\b(?:extra|additional|dedicated|embedded) (?:\w+ )?engineers?\b|staff augmentation|"
        r"\b(?:an?|one|two|three|four|five|\d) (?:senior |mid-level |lead )?"
        r"(?:python|go|data|ml|frontend|devops|mobile|backend) engineers?\b",
        re.IGNORECASE),
    "pilot": re.compile(r"\bpilot\b|trial sprint|\btwo-week trial\b", re.IGNORECASE),
    "call": re.compile(
        r"\b(?:\d+|fifteen|twenty|thirty)[- ]minute (?:call|chat|slot)|"
        r"\b(?:intro|introductory|discovery|quick|short) call\b|\bbook (?:a )?(?:call|slot)\b|\bfind (?:a )?time\b",
        re.IGNORECASE),
    "audit": re.compile(r"architecture review|code audit|delivery assessment|free assessment", re.IGNORECASE),
    "case_study": re.compile(r"\bcase stud(?:y|ies)\b", re.IGNORECASE),
}

THREAD_ID = re.compile(r"\bth-[a-z0-9]+(?:-[a-z0-9]+)*\b")
_NAME = r"[A-Z][\w&'-]*(?: [A-Z][\w&'-]*)*"
THREAD_PHRASES: tuple[re.Pattern, ...] = (
    re.compile(rf"\b(?i:thread|conversation|exchange|call|emails?|chat) with (?:the team at |the )?({_NAME})"),
    re.compile(rf"\b(?i:as I|I) (?:told|mentioned to|promised|wrote to) ({_NAME})"),
    re.compile(rf"\b(?i:spoke|speaking|talked|talking) (?:to|with) ({_NAME})"),
    re.compile(rf"\b({_NAME})(?:'s)? team (?:told|asked|mentioned|shared)"),
)

_MONEY = re.compile(r"\$\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(k|m|mn|million|bn|b|billion)?\b", re.IGNORECASE)
_MONEY_SCALE = {"k": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9}
_FUNDING_WORDS = re.compile(r"rais|round|funding|funded|series|seed|investor|backed|capital", re.IGNORECASE)
_STAGE_MENTIONS: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"\bpre-?seed\b", re.IGNORECASE), "pre_seed"),
    (re.compile(r"\bseed(?:[- ](?:round|stage|funding|money|company|startup)|-funded)|\byour seed\b", re.IGNORECASE), "seed"),
    (re.compile(r"\bseries[ -]?a\b", re.IGNORECASE), "series_a"),
    (re.compile(r"\bseries[ -]?b\b", re.IGNORECASE), "series_b"),
    (re.compile(r"\bseries[ -]?c\b", re.IGNORECASE), "series_c"),
    (re.compile(r"\bseries[ -]?[d-h]\b", re.IGNORECASE), "late_stage"),
    (re.compile(r"\bbootstrapped\b|\bself-funded\b", re.IGNORECASE), "bootstrapped"),
)
_AMOUNT_TOLERANCE = 0.05
_NOT_A_PARTY: frozenset[str] = frozenset({"The", "Our", "Your", "You", "We", "This", "That", "Their", "My"})
# Our own engineers may be named in a draft; a "call with Hanna" is not another prospect's thread.
_BENCH_NAMES: frozenset[str] = frozenset(name for names in facts.BENCH_ROSTER.values() for name in names)

_UNAVAILABLE = re.compile(
    r"\b(?:booked|committed|unavailable|not available|tied up|busy|on another|with another client)\b",
    re.IGNORECASE)
_PEER_LISTS: tuple[re.Pattern, ...] = (
    re.compile(rf"\b(?i:teams|companies|clients|customers|peers|firms|scale-ups|startups) "
               rf"(?:like|such as|including) ({_NAME}(?:(?:, and |, | and ){_NAME})*)"),
    re.compile(rf"\b(?i:we|we've|we have) (?:helped|supported|worked with|partnered with|staffed) "
               rf"({_NAME}(?:(?:, and |, | and ){_NAME})*)"),
)
_LIST_SPLIT = re.compile(r", and |, | and ")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


class Rule(NamedTuple):
    """One rubric row: its number, decision, probe, short name and the check that fires it."""

    number: int
    decision: str
    probe: str
    name: str
    check: Callable[[Mapping, str], str | None]


# --- role normalisation ---------------------------------------------------------------------


def normalise_role(role: str) -> str:
    """Map a free-text title or a role code onto facts.ROLES (founder|cto|vp_eng|c_level|other).

    Chief officers win over other words ("Founder & CEO" -> c_level, "Co-founder & CTO" -> cto),
    so the C-level test does not depend on how a CRM happened to spell the title.
    """
    text = role.strip().lower().replace("_", " ").replace("-", " ")
    words = re.findall(r"[a-z]+", text)
    chief = "chief" in words and "officer" in words
    if "cto" in words or re.search(r"chief (?:technology|technical) officer", text):
        return "cto"
    if chief or C_LEVEL_ACRONYMS.intersection(words) or text in ("c level", "c suite"):
        return "c_level"
    if ("vp" in words or "vice president" in text) and any(w.startswith("eng") for w in words):
        return "vp_eng"
    if "founder" in words or "cofounder" in words:
        return "founder"
    return "other"


def is_c_level(role: str) -> bool:
    """True for chief officers; the CTO is one (rule 4 escalates CTOs of large companies too)."""
    return normalise_role(role) in ("cto", "c_level")


# --- text helpers ---------------------------------------------------------------------------


def _sentences(draft: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(draft) if s.strip()]


def _funding_amounts(draft: str) -> list[float]:
    """Money figures (USD) in sentences that talk about funding; price quotes elsewhere do not count."""
    out = []
    for sentence in _sentences(draft):
        if not _FUNDING_WORDS.search(sentence):
            continue
        for number, unit in _MONEY.findall(sentence):
            out.append(float(number.replace(",", "")) * _MONEY_SCALE.get(unit.lower(), 1.0))
    return out


def _stages_named(draft: str) -> list[str]:
    return [stage for pattern, stage in _STAGE_MENTIONS if pattern.search(draft)]


def _offer_families(text: str) -> set[str]:
    return {family for family, pattern in OFFER_FAMILIES.items() if pattern.search(text)}


def _mentions(name: str, text: str) -> bool:
    return re.search(rf"\b{re.escape(name)}\b", text) is not None


def peer_names(draft: str) -> list[str]:
    """Peer companies named in peer phrases, in order, duplicates kept (rule 9 counts them)."""
    out = []
    for pattern in _PEER_LISTS:
        for match in pattern.finditer(draft):
            out.extend(name.strip() for name in _LIST_SPLIT.split(match.group(1)) if name.strip())
    return out


# --- the rules ------------------------------------------------------------------------------


def _disqualified(ctx: Mapping, draft: str) -> str | None:
    unknown = sorted(set(ctx["disqualifiers"]) - set(facts.DISQUALIFIERS))
    if unknown:
        raise ValueError(f"unknown disqualifier(s) {unknown}; expected one of {facts.DISQUALIFIERS}")
    if ctx["disqualifiers"]:
        return f"disqualifier present: {', '.join(sorted(ctx['disqualifiers']))}"
    return None


def _opted_out(ctx: Mapping, draft: str) -> str | None:
    if ctx["channel"] in ctx["opt_out_channels"]:
        return f"the prospect opted out of the {ctx['channel']} channel"
    return None


def _pushes_declined_offer(ctx: Mapping, draft: str) -> str | None:
    """The prospect's latest message declines, and the draft proposes an offer made before it."""
    thread = ctx["prior_thread"]
    prospect_turns = [i for i, m in enumerate(thread) if m["from"] != AGENT]
    if not prospect_turns:
        return None
    last = thread[prospect_turns[-1]]
    decline = SOFT_REJECTION.search(last["text"])
    if decline is None:
        return None
    offered = _offer_families(last["text"])
    for message in thread[:prospect_turns[-1]]:
        if message["from"] == AGENT:
            offered |= _offer_families(message["text"])
    pushed = sorted(offered & _offer_families(draft))
    if pushed:
        return f"the prospect declined ({decline.group(0)!r}) and the draft pushes the same offer ({', '.join(pushed)})"
    return None


def _c_level_at_enterprise(ctx: Mapping, draft: str) -> str | None:
    role = ctx["recipient"]["role"]
    if is_c_level(role) and ctx["headcount"] > facts.ESCALATION_HEADCOUNT:
        return f"recipient is C-level ({role}) at headcount {ctx['headcount']} > {facts.ESCALATION_HEADCOUNT}"
    return None


def _other_thread(ctx: Mapping, draft: str) -> str | None:
    """A foreign thread id, or a conversation phrase naming someone outside this prospect and us."""
    foreign_ids = sorted(set(THREAD_ID.findall(draft)) - {ctx["thread_id"]})
    if foreign_ids:
        return f"the draft cites another thread id ({', '.join(foreign_ids)})"
    ours = {ctx["company"], ctx["recipient"]["name"], "Tenacious"} | _BENCH_NAMES
    ours |= {name.split()[0] for name in ours}
    for pattern in THREAD_PHRASES:
        for match in pattern.finditer(draft):
            party = re.sub(r"^(?:The|Our|Your|This|That) |'s$", "", match.group(1))
            if party not in ours and party.split()[0] not in ours | _NOT_A_PARTY:
                return f"the draft refers to a conversation with another party ({party!r})"
    return None


def _unsupported_amount(ctx: Mapping, draft: str) -> str | None:
    confidence = ctx["funding"]["confidence"]
    amounts = _funding_amounts(draft)
    if amounts and confidence in LOW_CONFIDENCE:
        return f"the draft cites a funding amount while funding confidence is {confidence}"
    return None


def _funding_contradiction(ctx: Mapping, draft: str) -> str | None:
    stage = ctx["funding"]["stage"]
    wrong_stages = [s for s in _stages_named(draft) if s != stage]
    if wrong_stages:
        return f"the draft names stage {wrong_stages[0]} but the prospect is {stage}"
    actual = ctx["funding"]["amount_usd"]
    for amount in _funding_amounts(draft):
        if actual is None:
            return f"the draft cites ${amount:,.0f} but the prospect ({stage}) has no known funding amount"
        if abs(amount - actual) > _AMOUNT_TOLERANCE * actual:
            return f"the draft cites ${amount:,.0f} but the known amount is ${actual:,.0f}"
    return None


def _committed_engineer(ctx: Mapping, draft: str) -> str | None:
    for commitment in ctx["prior_commitments"]:
        names = (commitment["engineer"], commitment["engineer"].split()[0])
        for sentence in _sentences(draft):
            if any(_mentions(name, sentence) for name in names) and not _UNAVAILABLE.search(sentence):
                return f"the draft offers {commitment['engineer']}, committed elsewhere until {commitment['until']}"
    return None


def _generic_peers(ctx: Mapping, draft: str) -> str | None:
    generic = [name for name in GENERIC_PEER_NAMES if _mentions(name, draft)]
    if generic:
        return f"generic peer name(s): {', '.join(generic)}"
    named = peer_names(draft)
    counts = Counter(name.casefold() for name in named)
    repeated = sorted({name for name in named if counts[name.casefold()] > 1})
    if repeated:
        return f"the same peer is named more than once: {', '.join(repeated)}"
    return None


def _missing_caveat(ctx: Mapping, draft: str) -> str | None:
    if ctx["regulated"] and facts.COMPLIANCE_CAVEAT not in " ".join(draft.lower().split()):
        return f"regulated industry ({ctx['industry']}) and the draft omits {facts.COMPLIANCE_CAVEAT!r}"
    return None


RULES: tuple[Rule, ...] = (
    Rule(1, "SUPPRESS", "A07", "disqualifier", _disqualified),
    Rule(2, "SUPPRESS", "E03", "opted_out_channel", _opted_out),
    Rule(3, "SUPPRESS", "D05", "pushes_declined_offer", _pushes_declined_offer),
    Rule(4, "ESCALATE", "G03", "c_level_enterprise", _c_level_at_enterprise),
    Rule(5, "BLOCK", "E01", "other_prospect_thread", _other_thread),
    Rule(6, "BLOCK", "B04", "unsupported_funding_amount", _unsupported_amount),
    Rule(7, "BLOCK", "B03", "funding_tier_contradiction", _funding_contradiction),
    Rule(8, "BLOCK", "C02", "committed_engineer", _committed_engineer),
    Rule(9, "PENALISE", "E02", "generic_or_reused_peers", _generic_peers),
    Rule(10, "PENALISE", "C04", "missing_compliance_caveat", _missing_caveat),
    Rule(PASS_RULE, "PASS", "PASS", "pass", lambda ctx, draft: "no rule fires"),
)
RULE_BY_NUMBER: dict[int, Rule] = {rule.number: rule for rule in RULES}
PROBE_RULE: dict[str, int] = {rule.probe: rule.number for rule in RULES}


def _rules_of(rubric: str) -> tuple[Rule, ...]:
    if rubric == "v2":
        return RULES
    if rubric == "v1":
        return tuple(rule for rule in RULES if rule.number in V1_RULES)
    raise ValueError(f"unknown rubric {rubric!r}; expected one of {RUBRICS}")


def _unpack(item) -> tuple[Mapping, str]:
    """Accept a judge item (a mapping with `context` and `draft`) or a (context, draft) pair."""
    if isinstance(item, Mapping):
        return item["context"], item["draft"]
    context, draft = item
    return context, draft


def explain(item, rubric: str = "v2") -> list[dict]:
    """Every rule that fires, in priority order, each with its decision and reason.

    The last entry is always the PASS rule, which fires for every draft; the first entry is the
    decision. `item` is a judge item or a (context, draft) pair.
    """
    context, draft = _unpack(item)
    fired = []
    for rule in _rules_of(rubric):
        reason = rule.check(context, draft)
        if reason is not None:
            fired.append({"rule": rule.number, "decision": rule.decision, "probe": rule.probe,
                          "name": rule.name, "reason": reason})
    return fired


def decide(item, rubric: str = "v2") -> tuple[str, int]:
    """(decision, v2 rule number) of the first rule that fires under `rubric` ("v2" or "v1")."""
    first = explain(item, rubric)[0]
    return first["decision"], first["rule"]
