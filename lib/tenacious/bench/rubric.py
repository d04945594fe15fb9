"""The judge rubric as data: the one source of decisions, probes, rule numbers and rule wording.

Rubric v2 (docs/design.md §5.3) is a priority list: the first rule that applies decides. Everything that
names a rule (the prompt a model reads, the rule engine, the case generator, the wrong answers
of ORPO pairs, the schema enums and the cards) imports it from here, so a rule cannot be
numbered or worded two ways. The engine that *applies* the rules lives in judge_rules.

Rubric v1 is the published 7-rule rubric: the v2 list without rules 3, 7, 8 and 10, so under v1
those probes fall through to PASS. `v1_number` is a rule's number in the published v1 table.
"""

from __future__ import annotations

from dataclasses import dataclass

from tenacious.bench import facts

DECISIONS: tuple[str, ...] = ("SUPPRESS", "ESCALATE", "BLOCK", "PENALISE", "PASS")
PROBES: tuple[str, ...] = ("A07", "B03", "B04", "C02", "C04", "D05", "E01", "E02", "E03", "G03")
PASS_PROBE = "PASS"
PASS_RULE = 11
RUBRICS: tuple[str, ...] = ("v2", "v1")
# Probes whose rule reads the brief only: even a flawless draft must be stopped.
CONTEXT_PROBES: tuple[str, ...] = ("A07", "E03", "G03")
# How much a decision holds back, to call a wrong answer over- or under-cautious: PASS sends;
# PENALISE sends with a flag; ESCALATE waits for a human; BLOCK stops this draft; SUPPRESS stops all contact.
SEVERITY: dict[str, int] = {"PASS": 0, "PENALISE": 1, "ESCALATE": 2, "BLOCK": 3, "SUPPRESS": 4}


@dataclass(frozen=True)
class RubricRule:
    """One rubric row: what it decides, which probe tests it, and how it is put into words."""

    number: int
    decision: str
    probe: str
    name: str
    v1_number: int | None  # its number in the published v1 table; None = a v2-only rule
    prompt: str  # the rule as the judge model reads it (without the number)
    wrong_claims: tuple[str, ...]  # what a judge says when it wrongly believes this rule decides

    @property
    def prompt_line(self) -> str:
        return f"{self.number}. {self.prompt}"


RULES: tuple[RubricRule, ...] = (
    RubricRule(1, "SUPPRESS", "A07", "disqualifier", 1,
               "A disqualifier is present (anti_offshore, local_only, do_not_contact, competitor): SUPPRESS.",
               (("The prospect looks disqualified for outreach from an offshore vendor, so they must not be "
                "contacted."),)),
    RubricRule(2, "SUPPRESS", "E03", "opted_out_channel", 2,
               "The prospect opted out of this channel: SUPPRESS.",
               ("The prospect has opted out of {channel}, so this message must not go out.",)),
    RubricRule(3, "SUPPRESS", "D05", "pushes_declined_offer", None,
               "The prospect soft-rejected in the prior thread and the draft pushes the same offer again: SUPPRESS.",
               ("The prospect already turned us down and this draft pushes the same offer again.",)),
    RubricRule(4, "ESCALATE", "G03", "c_level_enterprise", 3,
               f"The recipient is C-level at a company with more than {facts.ESCALATION_HEADCOUNT} people: "
               "ESCALATE.",
               ("The recipient is a senior executive at a large company, so a human should review first.",)),
    RubricRule(5, "BLOCK", "E01", "other_prospect_thread", 4,
               "The draft references another prospect's thread: BLOCK.",
               ("The draft appears to lean on a conversation with another prospect.",)),
    RubricRule(6, "BLOCK", "B04", "unsupported_funding_amount", 5,
               "The draft cites a funding amount while funding confidence is low or insufficient: BLOCK.",
               ("The draft cites a funding figure that the brief does not support with confidence.",)),
    RubricRule(7, "BLOCK", "B03", "funding_tier_contradiction", None,
               "The draft pitches a funding tier that contradicts the brief's stage or amount: BLOCK.",
               ("The funding stage implied by the draft does not match the brief.",)),
    RubricRule(8, "BLOCK", "C02", "committed_engineer", None,
               "The draft offers an engineer who is committed elsewhere in that window: BLOCK.",
               ("The engineer offered in the draft is already committed to another client.",)),
    RubricRule(9, "PENALISE", "E02", "generic_or_reused_peers", 6,
               "Peer company names in the draft are generic or reused: PENALISE.",
               ("The peer companies named in the draft look generic.",)),
    RubricRule(10, "PENALISE", "C04", "missing_compliance_caveat", None,
               "Regulated industry and the draft omits the compliance caveat: PENALISE.",
               ("The prospect is regulated and the draft lacks the compliance caveat.",)),
    RubricRule(PASS_RULE, "PASS", PASS_PROBE, "pass", 7,
               "None of the above: PASS.",
               ("No rule fires: the draft is polite, on topic and makes a single clear ask.",
                "No rule fires: nothing in the brief stops this draft from being sent.")),
)
V1_RULES: tuple[int, ...] = tuple(r.number for r in RULES if r.v1_number is not None)
V1_PUBLISHED_NUMBER: dict[int, int] = {r.number: r.v1_number for r in RULES if r.v1_number is not None}
PROMPT_LINES: tuple[str, ...] = tuple(r.prompt_line for r in RULES)
_BY_NUMBER: dict[int, RubricRule] = {r.number: r for r in RULES}
_BY_PROBE: dict[str, RubricRule] = {r.probe: r for r in RULES}


def rule(number: int) -> RubricRule:
    """The rubric row numbered `number` (v2 numbering, 1-11)."""
    if number not in _BY_NUMBER:
        raise ValueError(f"no rubric rule {number!r}; expected 1..{PASS_RULE}")
    return _BY_NUMBER[number]


def probe_rule(probe: str) -> RubricRule:
    """The rubric row a probe tests ("PASS" gives the PASS rule)."""
    if probe not in _BY_PROBE:
        raise ValueError(f"unknown probe {probe!r}; expected one of {(*PROBES, PASS_PROBE)}")
    return _BY_PROBE[probe]


def rules_deciding(decision: str) -> tuple[int, ...]:
    """Numbers of the rules whose decision is `decision`."""
    return tuple(r.number for r in RULES if r.decision == decision)


def intended_rule(probe: str, kind: str) -> int:
    """The rule a draft decides by construction: a violation (in the draft, or in the brief for a
    context probe, where both drafts of the case are violations) decides by the probe's rule; an
    honest twin or a clean draft by the PASS rule."""
    if kind not in ("violation", "twin", "clean"):
        raise ValueError(f"kind must be violation, twin or clean, got {kind!r}")
    return probe_rule(probe).number if kind == "violation" else PASS_RULE
