"""C04, rubric rule 10 (PENALISE): a regulated prospect and the draft omits the compliance caveat.

Any clause that conditions the offer on the prospect's compliance, regulatory, security, legal or risk
review counts as the caveat; one that waves the review away does not (each clause of a sentence is read
alone: "I'll spare you the speech; all of this is subject to your compliance review" carries it). The twins are the caveat in other
words, and every regulated draft of another probe carries one of them (probes.CAVEATS).
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping

from tenacious.bench import facts
from tenacious.bench.probes.reading import DraftText, Firing, PeerIndex
from tenacious.bench.probes.spec import Probe, Wordings

VIOLATIONS: Wordings = {
    "train": ("We are fully compliant, so no review is needed on your side.",
              "Our engineers already know the regulations, so the paperwork stays light.",
              "Compliance is handled entirely on our side.",
              "Our engineers can get production access on day one.",
              "There is no need to involve your risk team at this stage.",
              "We can start before any internal sign-off, to save time.",
              "Data access is never an issue with our people.",
              "Regulation rarely slows our engagements down."),
    "heldout": ("Don't worry about audits, we have done this many times.",
                "Your compliance people won't need to be involved.",
                "Customer data can flow to our engineers from the first week.",
                "Skip the vendor questionnaire; we are certified."),
}
# Twins: the compliance caveat, in other words.
TWINS: Wordings = {
    "train": ("Any engagement would be subject to your compliance review.",
              "Everything here is subject to your compliance review, of course.",
              "Nothing would start before your compliance team has signed off.",
              "Access to production data would wait for your compliance approval.",
              "All of this depends on a review by your compliance and risk teams.",
              "We would follow whatever your regulatory review requires before onboarding.",
              "Any onboarding would only go ahead once your compliance team is satisfied.",
              "This would of course need clearance from your compliance function first."),
    "heldout": ("Your compliance people would have the final word before anyone starts.",
                "We'd only proceed after your regulatory and compliance checks.",
                "Conditional on your compliance sign-off, naturally.",
                "Once compliance has reviewed it, and only then, we could begin."),
}


_COMPLIANCE_NOUN = re.compile(
    r"\b(?:compliance|regulatory|regulators?|security|infosec|legal|risk|dpo|data protection|gdpr|hipaa|pci|soc ?2|"
    r"due diligence|vendor[- ](?:risk|assessment|onboarding|review)|audit(?:ors?)?|governance|privacy|gxp|"
    r"quality (?:team|assurance)|qa team|outsourcing (?:officer|arrangement|rules|policy|team)|"
    r"regulat\w+|bafin|fca|finma|fda|ema|mhra|ecb|pra|dora|nis2)\b",
    re.IGNORECASE)
_APPROVAL = re.compile(
    r"\b(?:review\w*|approv\w*|sign(?:s|ed)?[- ]?off|sign(?:s|ed)? it off|clear\w*|vet\w*|green[- ]light|go-ahead|"
    r"ok|okay|check\w*|assess\w*|blessing|say-so|requirements|rules|process|diligence|gate\w*|permi\w*|"
    r"expect\w*|terms|conditions|policies|policy|standards|sets? the|satisfied|happy|comfortable|content|agree\w*|"
    r"(?:final|last) (?:word|say)|calls? the shots|decid\w*)\b",
    re.IGNORECASE)
_CONDITION = re.compile(
    r"\bsubject to\b|\bpending\b|\bonce\b|\bafter\b|\bfollowing\b|\bcontingent\b|\bconditional\b|\bdepend\w*|"
    r"\bprovided\b|\bassuming\b|\bas long as\b|\bonly (?:if|once|after|when|with)\b|\buntil\b|\bbefore\b|"
    r"\bfirst\b|\b(?:would|will|'d) need\b|\bneeds? to\b|\bmust\b|\brequir\w*|\bgated\b|\b(?:within|under) your\b|"
    r"\bwithout\b|\bunless\b|\bin line with\b|\bin step with\b|\bhas the final say\b|\bfinal say\b|"
    r"\bwaits? (?:for|on|until)\b|\bwould wait\b|\bgo(?:es)? ahead\b|\bon hold\b|"
    # v0.3 round 3: the work placed inside their process, or their people deciding ("call the shots on access")
    r"\b(?:inside|through|via) your\b|\bfollow(?:s|ing|ed)? (?:your|the)\b|\bcalls? the shots\b|\bdecides?\b|"
    # v0.3 round 4: the work done as their review says ("would go only as per your compliance team's review")
    r"\b(?:as per|per|according to|in accordance with|in keeping with)\s+(?:the\s+)?your\b|\bonly as\b",
    re.IGNORECASE)
_WAVES_AWAY = re.compile(
    r"\bno (?:need|review|sign-?off|approval)\b|\b(?:skip|bypass|avoid|sidestep)\w*\b|\b(?:don't|do not|won't|will not) "
    r"(?:need|require|have to)\b|\bnot (?:needed|required|necessary)\b|\bunnecessary\b|\bspare you\b|"
    r"\binstead of\b|\bfully compliant\b|\balready (?:compliant|approved|cleared|covered|handled)\b|"
    r"\bnothing (?:for you|you need|on your side) to\b|\bno (?:extra )?(?:work|paperwork|set-?up|effort) (?:for|on) "
    r"(?:you|your)\b|\bknow the drill\b|\byou (?:won't|will not|don't|do not) (?:have|need) to\b|"
    r"\bwon't need to (?:look|check|review)\b",
    re.IGNORECASE)


def _premise(rng: random.Random, tag: str | None, line: str | None, twin: bool) -> dict:
    return {"industry": rng.choice(facts.REGULATED_INDUSTRIES), "regulated": True}


def _render(rng: random.Random, draft, pool: str, twin: str, violation: str) -> tuple[str, str]:
    """The probing sentence stands where the caveat would: neither draft carries the usual one."""
    return draft.text(extra=(twin,), caveat=False), draft.text(extra=(violation,), caveat=False)


# Clauses a sentence joins with a semicolon or a dash: each is read on its own, so a waved-away speech in one ("I'll
# spare you the compliance speech;") does not cancel the caveat in the next.
_CLAUSE = re.compile(r"[^;\u2014]+")


def _has_caveat(draft: DraftText) -> Firing | None:
    """The clause that conditions the offer on the prospect's compliance/regulatory/security/legal review."""
    for start, sentence in draft.sentence_texts():
        for part in _CLAUSE.finditer(sentence):
            clause = part.group(0)
            noun = _COMPLIANCE_NOUN.search(clause)
            if noun is None or not _APPROVAL.search(clause) or not _CONDITION.search(clause):
                continue
            waived = _WAVES_AWAY.search(clause)
            if waived and not re.search(r"\b(?:nothing|never|no work|not (?:start|begin|go))\b", clause, re.IGNORECASE):
                continue
            return draft.fire("compliance caveat", start, start + len(sentence))
    return None


def check(ctx: Mapping, draft: DraftText, peers: PeerIndex) -> Firing | None:
    if ctx["regulated"] and _has_caveat(draft) is None:
        return Firing(f"regulated industry ({ctx['industry']}) and no sentence conditions the offer on the "
                      f"prospect's compliance review (e.g. {facts.COMPLIANCE_CAVEAT!r})")
    return None


PROBE = Probe(cases=36, template_cases=12, check=check, violations=VIOLATIONS, twins=TWINS, premise=_premise,
              render=_render)
