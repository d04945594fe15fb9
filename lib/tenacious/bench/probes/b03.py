"""B03, rubric rule 7 (BLOCK): the draft pitches a funding tier that contradicts the brief's stage or amount.

The rule fires on a tier word the brief's stage rules out ("early-stage round" to a Series C, "your
investors" to a bootstrapped company; a cold email's tier talk is about the prospect, "most Series C
teams ..." included; outside owners named at all, "venture money on the cap table", place a company among the
funded unless a negation says the opposite: "without a penny of outside money" is bootstrapped) or a funding amount (reading.funding_amounts) off the known one by more than 5 %
(or, with no known amount, outside the stage's typical range). The twin names the tier the brief holds.
An unknown stage (facts.UNKNOWN_FUNDING_STAGE) contradicts no tier word; a known amount is still checked.
Tiers the prospect is said to have had ("your A and your B") are a claim, not a range, when none is the brief's.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping

from tenacious.bench import facts, textnorm
from tenacious.bench.probes.reading import (
    AMOUNT_TOLERANCE,
    FX_TO_USD,
    ROUND_LETTER,
    DraftText,
    Firing,
    PeerIndex,
    close,
    funding_amounts,
    mention_firing,
)
from tenacious.bench.probes.spec import Probe, Wordings
from tenacious.bench.probes.writing import FUNDED, amount_words, funding, stage_words

VIOLATIONS: Wordings = {
    "train": ("As a {wrong_stage} company, you are past hiring one engineer at a time.",
              "Now that the {wrong_stage} round has closed, the hiring plan must be big.",
              "Congratulations on the {wrong_amount} round.",
              "Your {wrong_stage} raise is a big step.",
              "Companies at the {wrong_stage} stage are exactly who we work with.",
              "With {wrong_amount} in the bank, hiring can speed up.",
              "Most {wrong_stage} teams we meet are short of senior engineers.",
              "The {wrong_amount} raise should fund a bigger team."),
    "heldout": ("Being {wrong_stage}, you probably feel the hiring pressure.",
                "Closing {wrong_amount} is a strong signal.",
                "Plenty of {wrong_stage} startups lean on partners like us.",
                "Fresh off your {wrong_stage} funding, the roadmap must be busy."),
}
# Twins: the funding tier the brief actually holds.
TWINS: Wordings = {
    "train": ("Congratulations on the {amount} {stage} round.",
              "Congratulations on closing the {stage} round.",
              "As a {stage} company, you have probably outgrown ad-hoc hiring.",
              "The {stage} funding should make the roadmap easier to staff.",
              "Teams right after a {stage} often need help scaling delivery.",
              "The {amount} raise gives you room to grow the team.",
              "Your {stage} is a good moment to think about capacity.",
              "Well done on the {amount} round."),
    "heldout": ("Nice work on the {stage}.",
                "With the {amount} behind you, delivery speed matters.",
                "Most {stage} companies we know are hiring hard.",
                "Closing {amount} is a real milestone."),
}


# Other ways a writer names a stage it gets wrong (e.g. "early-stage" to a Series C company).
_WRONG_TIER_WORDS = {"series_b": ("early-stage", "seed"), "series_c": ("early-stage", "Series A"),
                     "seed": ("late-stage", "Series C"), "series_a": ("growth-stage", "Series C")}
_ANY_STAGE = frozenset({"pre_seed", "seed", "series_a", "series_b", "series_c", "late_stage"})
# Words that place a company at a funding tier, with the stages they are compatible with.
_STAGE_MENTIONS: tuple[tuple[re.Pattern, frozenset[str]], ...] = (
    (re.compile(r"\bpre-?seed\b", re.IGNORECASE), frozenset({"pre_seed"})),
    (re.compile(r"(?<!pre-)(?<!pre)\bseed(?:[- ](?:round|stage|funding|money|company|startup|raise|investors?|cheque|"
                r"check|close|closing|extension)|-funded)|\byour seed\b|\bat seed\b|\bfrom seed\b|\bseed (?:to|through|and)\b", re.IGNORECASE),
     frozenset({"seed"})),
    (re.compile(r"\bseries[ -]?a\b|\byour a round\b", re.IGNORECASE), frozenset({"series_a"})),
    (re.compile(r"\bseries[ -]?b\b|\byour b round\b", re.IGNORECASE), frozenset({"series_b"})),
    (re.compile(r"\bseries[ -]?c\b|\byour c round\b", re.IGNORECASE), frozenset({"series_c"})),
    (re.compile(r"\bseries[ -]?[d-h]\b", re.IGNORECASE), frozenset({"late_stage"})),
    (re.compile(r"(?<!this )(?<!that )(?<!such an )\bearly[- ]stage\b|"
                r"\bfirst (?:institutional )?(?:round|money|cheque|check|capital|raise)\b|\bangel (?:round|money|investors?)\b|"
                # v0.3 round 3: a first cheque of any kind, angel money however named ("its first angel cheque")
                r"\bfirst (?:[\w-]+ )?(?:cheques?|raise|funding|investors?|capital)\b|"
                r"\bangels?[- ](?:cheques?|checks?|funding|backers?|backed|capital|raise|investment)\b|"
                r"\bjust (?:getting|got) started\b|\bpre-revenue\b", re.IGNORECASE),
     frozenset({"pre_seed", "seed", "series_a"})),
    (re.compile(r"\b(?:late|growth)[- ]stage\b|\bgrowth (?:round|equity)\b|\bpre-ipo\b|\bmezzanine\b", re.IGNORECASE),
     frozenset({"series_c", "late_stage"})),
    (re.compile(r"\bpost-?ipo\b|\b(?:newly|publicly) (?:public|listed|traded)\b|\b(?:since|after) (?:the|your|its) ipo\b|"
                r"\blisted company\b", re.IGNORECASE), frozenset({"late_stage"})),
    (re.compile(r"\bbootstrapp\w+|\bself-funded\b|\bno (?:outside|external) (?:funding|investors?|capital|money)\b|"
                r"\bwithout (?:outside |external )?(?:investors?|vc|venture)", re.IGNORECASE),
     frozenset({"bootstrapped"})),
    (re.compile(r"\b(?:venture|vc|investor)[- ]backed\b|\byour (?:investors?|vcs?|board of investors)\b|"
                r"\b(?:the|new|now the) (?:vcs|investors|backers)\b|"
                r"\b(?:fresh|new|recent|latest) (?:round|raise|funding|capital)\b|\bnewly funded\b|"
                r"\bjust raised\b|\byour (?:round|raise)\b|\bthe (?:round|raise) you\b|"
                # v0.3 round 2: outside money taken, however said ("after taking money from investors last year")
                r"\b(?:tak(?:ing|en)|took|accept(?:ing|ed)?)\s+(?:\w+\s+){0,2}?(?:money|funding|investment|capital|cheques?)\s+"
                r"from\s+(?:\w+\s+)?(?:investors?|vcs?|backers|a fund|funds)\b|"
                # v0.3 round 3: outside owners named at all ("now that investors are on board", "venture money on
                # the cap table"); _NEGATED reads "without outside money" as the bootstrapped tier instead
                r"\b(?:investors?|backers?|vcs?)\b|\bventure (?:money|capital|funding|backing|cash|investors?)\b|"
                r"\bcap table\b|\b(?:outside|external|institutional) (?:money|capital|investors?|investment|funding)\b|"
                r"\b(?:fresh|new|recent|latest|big) cheque\b|"
                # congratulations on money raised ("congrats on the funding"), no negation between
                r"\bcongrat\w*\b(?:(?!\b(?:without|no|never|not)\b)[^.?!]){0,25}?\b(?:round|raise|funding|financing|"
                r"investment)\b",
                re.IGNORECASE),
     _ANY_STAGE),
)
# A negation just before a mention of outside money ("without a single outside investor", "no investors to keep
# happy") says the opposite: no outside funding.
_NEGATED = re.compile(r"(?:\b(?:no|without|never|not|zero|nor|free of|instead of|rather than)|n't)(?:\s+[\w'-]+){0,5}?\s*$",
                      re.IGNORECASE)
_BOOTSTRAPPED = frozenset({"bootstrapped"})
# A tier said to be the prospect's: "your B", "you have passed the B round", "you're in growth-stage territory".
_POSSESSED = re.compile(r"(?:\byour\s+|\byou(?:'ve|'re| have| are| had)?\s+(?:\w+\s+){0,2}?(?:passed|past|done|closed|"
                        r"raised|completed|finished|through|beyond|in|into|at)\s+(?:the\s+|a\s+)?)(?:\w+\s+)?\S{0,5}$",
                        re.IGNORECASE)
_ABOUT_OTHERS = re.compile(r"\b(?:unlike|rivals?|competitors?|other (?:companies|firms|teams|founders|startups)|"
                           r"most (?:companies|startups|teams|founders)|in (?:this|your|the) (?:space|sector|market|industry))\b",
                           re.IGNORECASE)
# Tiers joined by a range word ("from seed to Series C", "seed or Series A") name a range, not the prospect's tier.
_ONWARD = re.compile(r"(?:well )?(?:into|past|beyond|towards?|approaching)\b", re.IGNORECASE)
_RANGE = re.compile(r"\bfrom\b[^.?!]*\b(?:to|through|into|until)\b|\bbetween\b|\bacross\b|\b(?:or|and)\b|\bboth\b",
                    re.IGNORECASE)
# A hedge before an amount widens what it can mean ("a little over three million" is $3.2M).
_HEDGE = re.compile(r"\b(?:(?:a (?:little|bit)|just|slightly) (?:over|above|more than|under|below|less than|shy of)|"
                    r"over|north of|more than|upwards of|about|around|roughly|approximately|some|nearly|almost|close to|"
                    r"in the region of|ballpark)\s+(?:of\s+)?(?:\$|usd\s+|eur\s+|€|£)?$", re.IGNORECASE)
_HEDGE_TOLERANCE = 0.12
_FX_TOLERANCE = 0.15
_ROUND_OF_LETTER = {"A": frozenset({"series_a"}), "B": frozenset({"series_b"}), "C": frozenset({"series_c"}),
                    "D": frozenset({"late_stage"}), "E": frozenset({"late_stage"})}


def _premise(rng: random.Random, tag: str | None, line: str | None, twin: bool) -> dict:
    return {"funding": funding(rng, ("high", "medium"), FUNDED)}


def _slots(rng: random.Random, ctx: dict, pool: str, carrier: dict) -> dict:
    """A wrong stage (in words) and a wrong amount for the violation."""
    stage, amount = ctx["funding"]["stage"], ctx["funding"]["amount_usd"]
    wrong = rng.choice([s for s in FUNDED if s != stage])
    return {"wrong_stage": rng.choice((stage_words(wrong), *_WRONG_TIER_WORDS.get(stage, ()))),
            "wrong_amount": amount_words(rng, int(amount * rng.choice((0.3, 2.5, 4.0))))}


def _amount_fits(mention: textnorm.Mention, stage: str, actual: float | None, hedged: bool = False) -> bool:
    """The amount agrees with the brief: the known amount (5 %, or 15 % after currency conversion), or the
    stage's typical range when no amount is known (bootstrapped: no amount fits)."""
    usd = mention.value * FX_TO_USD[mention.unit]
    if actual is None:
        band = facts.FUNDING_STAGES.get(stage)
        if band is None:
            return stage != "bootstrapped"  # an unknown stage cannot be contradicted
        low, high = (mention.low, mention.high) if mention.low is not None else (usd, usd)
        return low <= band[1] * (1 + _FX_TOLERANCE) and high >= band[0] * (1 - _FX_TOLERANCE)
    if mention.low is not None:  # a vague amount ("high single-digit millions") fits when its range holds the figure
        return mention.covers(actual, AMOUNT_TOLERANCE)
    if hedged and close(mention.value, actual, _HEDGE_TOLERANCE):
        return True
    return close(mention.value, actual) or (mention.unit not in ("USD", "") and close(usd, actual, _FX_TOLERANCE))


def check(ctx: Mapping, draft: DraftText, peers: PeerIndex) -> Firing | None:
    """A tier word that the brief's stage rules out, or an amount that disagrees with the brief.

    A sentence naming two or more tiers is a range ("from seed to Series C"), not a claim about the prospect.
    """
    stage = ctx["funding"]["stage"]
    sentences = draft.sentence_texts() if stage != facts.UNKNOWN_FUNDING_STAGE else ()
    for start, sentence in sentences:
        named = [(m, _BOOTSTRAPPED if stages == _ANY_STAGE and _NEGATED.search(sentence[:m.start()]) else stages)
                 for pattern, stages in _STAGE_MENTIONS if (m := pattern.search(sentence))]
        # Outside money said of others ("unlike venture-backed rivals", "investors in this space": the marker next to
        # the mention), or beside the prospect's own bootstrapping: no claim that the prospect took it.
        bootstrapping = any(stages == _BOOTSTRAPPED for _, stages in named)
        named = [(m, stages) for m, stages in named if stages != _ANY_STAGE or not (
            bootstrapping or _ABOUT_OTHERS.search(sentence, max(0, m.start() - 40), m.end() + 20))]
        for letter in ROUND_LETTER.finditer(sentence):  # "fresh off its C", "from the A", "well into B territory"
            if letter.group(1) in _ROUND_OF_LETTER:
                named.append((letter, _ROUND_OF_LETTER[letter.group(1)]))
        tiers = sorted((m.start(), m.end(), m.group(0)) for m, stages in named if stages != _ANY_STAGE)
        onward = bool(tiers) and _ONWARD.match(tiers[-1][2]) is not None  # "past the A and well into B": a claim
        # v0.3 round 4: tiers the prospect is said to have had ("after you've done your A and your B", "now that you
        # have passed the B round") are a claim, not a range, when none of them is the brief's
        onward = onward or (any(_POSSESSED.search(sentence[:m.start()] + m.group(0)[:5]) for m, st in named
                                if st != _ANY_STAGE) and all(stage not in st for _, st in named if st != _ANY_STAGE))
        if len({stages for _, stages in named if stages != _ANY_STAGE}) > 1 and not onward and _RANGE.search(
                sentence, max(0, tiers[0][0] - 12), tiers[-1][0]):
            continue
        for match, stages in named:
            if stage not in stages:
                return draft.fire(f"the draft places the prospect at {match.group(0)!r} but the brief says {stage}",
                                  start + match.start(), start + match.end())
    actual = ctx["funding"]["amount_usd"]
    for mention in funding_amounts(ctx, draft):
        hedged = _HEDGE.search(draft.aligned.original[max(0, mention.start - 30):mention.start]) is not None
        if not _amount_fits(mention, stage, actual, hedged):
            known = f"the known amount is ${actual:,.0f}" if actual is not None else f"the prospect is {stage}"
            return mention_firing(f"the draft cites {mention.text} but {known}", mention)
    return None


PROBE = Probe(cases=26, template_cases=8, check=check, violations=VIOLATIONS, twins=TWINS, premise=_premise,
              slots=_slots)
