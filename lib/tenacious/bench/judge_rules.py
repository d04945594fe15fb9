"""The judge rubric as a deterministic rule engine: a baseline labeler, not the source of gold.

Gold labels come from how an item was built (docs/design.md §5.3); this engine reads the brief and the
draft the way a careful reviewer would and its accuracy against gold is reported. It is written
to read drafts nobody on the team wrote: the draft is normalised first (textnorm), amounts are
found however they are spelled, and each rule reads structure and broad lexicons, not our
generator's sentences. Rubric v2 is a priority list: the first rule that fires decides, so
`decide` is the first entry of `explain` and a label can never disagree with its explanation.
Every firing carries the evidence span [start, end) in the ORIGINAL draft (None when the
evidence is in the brief or is an omission).

Rule numbers are the v2 numbers (1-11) for both rubrics; rubric v1 is the v2 list without the
v2-only rules 3, 7, 8, 10 (tenacious.bench.rubric holds the table, numbers and wording).

Readings the rubric table leaves open, fixed here (and tested):
- C-level means a chief officer (CEO, CTO, "Chief ... Officer", the `c_level`/`cto` codes); "VP
  Engineering" and a bare "Founder" are not. Rule 4 needs headcount > 2000.
- Rule 3: the prospect's LATEST message declines (plainly or politely: "we'll pass", "not a fit",
  "we're covered", "circle back next year" ...). The draft pushes the same offer when a sentence
  names an offer family that was on the table before the decline (or any family, when nothing
  recognisable was), unless the prospect asked for that family in the decline or the sentence
  defers to the prospect ("if things change ...") or negates the offer ("I won't push the call").
  Restating the offer counts ("I am holding two engineers for you"), and keeping it alive counts
  even when worded as deference ("still on the table if you change your mind"); a call must be
  proposed, since "Speak soon" is not one.
- Rule 5: a thread id other than ours, or a sentence that attributes a conversation or what was
  said/shared/mentioned to a named party who is not the prospect, its recipient, Tenacious or one
  of our engineers ("what the folks at Brightmoor shared with us", "your peer at X mentioned").
- Rules 6/7: a funding amount is a money amount (textnorm) in a sentence about funding, or one
  equal to the brief's amount however it is introduced. Rule 6 fires on any such amount while
  confidence is low or insufficient, hedged or not ("if that's right, congrats on the 18M" still
  cites it). Rule 7 fires on a tier word the brief's stage rules out ("early-stage round" to a
  Series C, "your investors" to a bootstrapped company; a cold email's tier talk is about the
  prospect, "most Series C teams ..." included) or an amount off the known one by more than 5 %
  (or, with no known amount, outside the stage's typical range).
- Rule 8: naming a committed engineer offers them unless the same or the next sentence discloses
  the commitment ("Ruth is booked until March", "she frees up after June").
- Rule 9: a peer name that looks generic by pattern (Acme-style placeholders, "...Co", "Company A",
  "AppB", "Client X"), one peer named twice in a draft, or (with batch context) one peer name cited
  to 3 or more different prospects in the same batch.
- Rule 10: any sentence that conditions the offer on the prospect's compliance, regulatory,
  security, legal or risk review counts as the caveat; one that waves the review away does not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from tenacious.bench import facts, textnorm
from tenacious.bench.rubric import (
    DECISIONS,
    PASS_RULE,
    RUBRICS,
    RULES,
    V1_PUBLISHED_NUMBER,
    V1_RULES,
    RubricRule,
)
from tenacious.io import InputError

__all__ = [
    "DECISIONS", "GENERIC_PEER_NAMES", "OFFER_FAMILIES", "PASS_RULE", "PEER_REUSE_PROSPECTS", "PROBE_RULE",
    "RUBRICS", "RULES", "RULE_BY_NUMBER", "THREAD_ID", "V1_PUBLISHED_NUMBER", "V1_RULES", "Firing", "decide",
    "decide_batch", "explain", "is_c_level", "normalise_role", "peer_index", "peer_names",
]

RULE_BY_NUMBER: dict[int, RubricRule] = {r.number: r for r in RULES}
PROBE_RULE: dict[str, int] = {r.probe: r.number for r in RULES}

C_LEVEL_ACRONYMS: frozenset[str] = frozenset(
    {"ceo", "cto", "cfo", "coo", "cio", "cpo", "cmo", "cro", "ciso", "cdo", "cso", "chro", "cxo"})
LOW_CONFIDENCE: frozenset[str] = frozenset({"low", "insufficient_signal"})
AGENT = "agent"  # prior_thread `from` of our side; every other sender is the prospect
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

# Declines that leave the door open, plain and polite. A hard "never contact me" is a do_not_contact disqualifier.
SOFT_REJECTION = re.compile(
    r"\bnot (?:right )?now\b|not a (?:priority|fit|good fit|match)|not the right (?:time|fit|moment)|"
    r"\btiming (?:isn't|is not|is bad|is wrong|doesn't work|does not work)|\bbad timing\b|\bnot this (?:year|quarter)\b|"
    r"\bno budget\b|not in (?:the|this year's|our) budget|\bnot budgeted\b|budget (?:is|was|has been) (?:frozen|cut|spent)|"
    r"\bmaybe (?:later|next)|\brevisit\b|\bcheck back\b|\bcircle back\b|\breach out (?:again )?(?:in|next)\b|"
    r"\bhiring freeze\b|\bfreeze\b|\bon hold\b|\bpaus(?:e|ed|ing) (?:all|any|new|hiring|vendor)|\bnot looking\b|"
    r"\bnot interested\b|\bwe(?:'re| are) (?:covered|all set|set|good|fine)\b|\ball set\b|"
    r"(?:do not|don't|dont) (?:want|need|plan) to (?:add|bring|take|use|work)|\b(?:do not|don't|dont) need\b|"
    r"\bno (?:capacity|bandwidth|appetite|need)\b|\bpark (?:this|it)\b|\blet's park\b|\bnot for us\b|"
    r"\b(?:we'll|we will|i'll|i will|going to|gonna|have to|must|'ll) pass\b|\bpass (?:for now|on this|this time)\b|"
    r"\bno,? thanks?\b|\bno,? thank you\b|\bthanks,? but\b|\bnot at (?:this|the) (?:time|moment|stage)\b|"
    r"\bhold(?:ing)? off\b|\bnot in a position\b|\bcan(?:'t|not) (?:commit|take on|justify|do)\b|"
    r"\bdecided (?:to|against)\b|\bgo(?:ing)? (?:another|a different) (?:way|direction)|"
    r"\b(?:went|go|going) with (?:another|a different|an?other)\b|\bchose (?:another|a different)\b|"
    r"\bin-?house\b|\bhave (?:it|this) (?:handled|covered)\b|\bnot (?:something|a thing) we(?:'re| are)\b|"
    r"\bdeprioriti[sz]ed\b|\bshelved\b|\bnot pursuing\b|\bdecline\b|\bnext (?:year|quarter)\b|"
    r"\bstop (?:emailing|messaging|reaching out)",
    re.IGNORECASE)

# What the agent can offer, each in many wordings; a draft proposing a declined family pushes the same offer.
OFFER_FAMILIES: dict[str, re.Pattern] = {
    "engineers": re.compile(
        r"\bengineers?\b|\bdevelopers?\b|\bdevs\b|\bprogrammers?\b|\bsquads?\b|\bpods?\b|team extension|"
        r"extend(?:ing)? (?:your|the) (?:\w+ )?team|staff augmentation|\baugment\w*|"
        r"\bextra (?:hands|capacity|people|help)\b|\bcapacity\b|\bcontractors?\b|\bpeople free\b|\bplacements?\b",
        re.IGNORECASE),
    "pilot": re.compile(
        r"\bpilot\b|\btrial\b|proof[- ]of[- ]concept|\bpoc\b|\b(?:test|starter|paid|trial) (?:project|sprint|engagement)\b|"
        r"\btwo-week sprint\b|\bsmall (?:first )?(?:project|engagement)\b|\btry (?:us|it) out\b",
        re.IGNORECASE),
    "call": re.compile(
        r"\bcall\b|\bchat\b|\bconversation\b|\bcatch[- ]?up\b|\bmeeting\b|\bmeet\b|\bzoom\b|\bgoogle meet\b|"
        r"\bhop on\b|\bjump on\b|\bon the (?:phone|line)\b|\bsync\b|\bwalk you through\b|\bdemo\b|\bspeak\b|\btalk\b|"
        r"\b(?:\d+|five|ten|fifteen|twenty|thirty|forty-five)[- ]?(?:minutes?|mins?)\b|\bhalf an hour\b|"
        r"\bslot\b|\bbook (?:a |some )?time\b|\bfind (?:a )?time\b|\bfew minutes\b",
        re.IGNORECASE),
    "audit": re.compile(
        r"architecture review|code (?:audit|review)|\baudit\b|\bassessment\b|health[- ]check|teardown|"
        r"\b(?:review|look|audit) (?:of|at) your (?:code|codebase|architecture|pipeline|stack|platform|delivery|setup|"
        r"set-up)|\b(?:delivery|platform|pipeline|codebase|\w+-day|\w+-week|free) review\b",
        re.IGNORECASE),
    "case_study": re.compile(
        r"case stud(?:y|ies)|\bwrite-?up\b|one-?pager|one-page|\bdeck\b|customer stor(?:y|ies)|\breferences?\b|"
        r"sample profiles|\bprofiles\b|\bcvs?\b|\bresumes?\b|\boutline\b|\bbrochure\b|examples? of our work",
        re.IGNORECASE),
}
# Families whose words also occur in passing ("Speak soon", "nothing waits for a meeting"): only a sentence
# that proposes something (a question, an invitation, an offer to act) pushes them.
_PROPOSAL_ONLY: frozenset[str] = frozenset({"call"})
_PROPOSAL = re.compile(
    r"\?|\b(?:could|can|shall|should) (?:we|i)\b|\bwould (?:you|it|a|an|that)\b|\bare you (?:open|free|available|up)\b|"
    r"\bhow about\b|\bwhat about\b|\blet's\b|\blet me\b|\bi'd (?:like|love)\b|\bi would (?:like|love)\b|"
    r"\b(?:we|i) (?:can|could|will|'ll)\b|\bwe'll\b|\bi'll\b|\bhappy to\b|\bglad to\b|\bfree (?:on|for|next)\b|"
    r"\bworth\b|\bhere (?:is|are)\b|\battached\b|\binvite\b|\bsending\b|\bpropose\b|\bsuggest\b|\bready to\b|"
    r"\b(?:could|can) (?:start|join|begin)\b|\bjoin your\b|\bavailable (?:on|from|next|this)\b|\bbook\b|\bpick\b|"
    r"\bgrab\b|\bstill (?:keen|happy|open)\b|\bone more\b|\brestart\b|\bresume\b|\bquick(?:ly)?\b",
    re.IGNORECASE)
# A sentence that leaves the next step to the prospect or withdraws the offer is not a push.
_DEFERS = re.compile(
    r"\b(?:if|when|whenever|once|should)\b[^.?!]{0,80}\b(?:change|changes|changed|ready|opens?|opened|back|"
    r"priorit\w*|budget|timing|things|circumstances|makes sense|useful again|revisit|the time comes)\b|"
    r"\b(?:won't|will not|not going to|no need to|don't need to|do not need to|never) (?:\w+ ){0,2}?(?:push|chase|"
    r"follow|bother|pester|contact|email|write|call|ask|pitch|raise|send|suggest|propose|offer|reach)\w*|\bno pressure\b|"
    r"\bnot (?:contact|follow up|chase|push|pester|bother)\b|\bmade a note\b|\bleave (?:it|this|you)\b|"
    r"\bwhenever (?:suits|works|you)\b|\bin your own time\b|\bthe ball is in your court\b|"
    r"\b(?:we are|we're) hiring\b|\bcareers\b|\bour recruit\w*",
    re.IGNORECASE)
# Keeping the declined offer alive ("still on the table", "I have kept the review open") pushes it, however deferential.
_KEEPS_ALIVE = re.compile(
    r"\bstill (?:on the table|stands|open|available|there for you)\b|\bkept (?:\w+ ){0,4}?(?:open|free|aside|for you)\b|"
    r"\b(?:holding|reserved|saved|set aside|pencil(?:l)?ed in)\b",
    re.IGNORECASE)
_REQUEST = re.compile(
    r"\b(?:send|share|forward|email|pass along|drop)\b|\bhappy to (?:read|look|see|review|take)\b|"
    r"\b(?:would be|is) (?:useful|helpful|welcome|fine|ok|okay)\b|\bfeel free\b",
    re.IGNORECASE)

THREAD_ID = re.compile(r"\bth-[a-z0-9]+(?:-[a-z0-9]+)*\b", re.IGNORECASE)
_NAME = r"[A-Z][\w&'.-]*(?: (?:of |de |&amp; |& )?[A-Z][\w&'.-]*)*"
_LIST = rf"{_NAME}(?:(?:, and |, | and | & | or ){_NAME})*"
# Structures that attribute a conversation, or what was said in it, to a named party.
THREAD_PHRASES: tuple[re.Pattern, ...] = (
    re.compile(rf"\b(?i:thread|conversation|exchange|call|calls|emails?|chat|discussion|talks|meeting|correspondence) "
               rf"(?i:with|at) (?i:the team at |the folks at |folks at |the people at |people at |the |your peers? at |"
               rf"your counterparts? at |someone at |a contact at )?({_NAME})"),
    re.compile(rf"\b(?i:as I|I|we|as we) (?i:told|mentioned to|promised|wrote to|said to|explained to|showed|proposed to|"
               rf"pitched|offered) (?i:the team at |the folks at |folks at |the people at |people at |the )?({_NAME})"),
    re.compile(rf"\b(?i:spoke|speaking|talked|talking|chatted|chatting|met|meeting|in touch|discussed|discussing|"
               rf"scoping|negotiating|emailing|corresponding) (?i:to|with) "
               rf"(?i:the team at |the folks at |folks at |the people at |people at |your peers? at |"
               rf"your counterparts? at |someone at |a contact at |the )?({_NAME})"),
    re.compile(rf"\b(?i:the |your |our |a |my )?(?i:folks|team|people|peers?|counterparts?|friends?|contacts?|"
               rf"founders?|CTO|CEO|VP|engineers|colleagues|neighbou?rs|competitors?|rivals?|opposite numbers?|"
               rf"someone|somebody|lead|head of engineering) (?i:at|from|over at) ({_NAME})[^.?!\n]{{0,60}}?"
               rf"\b(?i:shared|said|says|told|tells|mentioned|mention|asked|flagged|raised|described|explained|"
               rf"confided|let slip|let us know|admitted|complained|wrote|noted|pointed out)\b"),
    re.compile(rf"\b({_NAME})(?:'s)?(?: (?i:team|folks|people|CTO|CEO|founders?|leadership|engineers))? "
               rf"(?i:told|tells|asked|mentioned|shared|said|flagged|confided|let slip|let us know|complained|"
               rf"admitted) (?i:us|me|that|how|their|they|it|the|to us|with us|to me|with me)\b"),
    re.compile(rf"\b(?i:heard|learned|learnt|got wind|found out|gathered) (?i:from|via|through) (?i:the team at |"
               rf"the folks at |folks at |the people at |people at |someone at |your peers? at |a contact at |the )?"
               rf"({_NAME})"),
    re.compile(rf"\b(?i:the|our|my) ({_NAME}) (?i:thread|conversation|exchange|deal|call|discussion|emails?)\b"),
    re.compile(rf"\b(?i:talking|talked|walking|walked|going|went|thinking|thought) (?i:through|over) ({_NAME})'"),
    re.compile(rf"\b(?i:emailing|emailed|messaging|messaged|pinged|pinging|called|calling|wrote to|writing to|"
               rf"replied to|heard back from) ({_NAME})"),
    re.compile(rf"\b{_NAME} (?i:at|from|over at) ({_NAME})[^.?!\n]{{0,40}}?\b(?i:replied|responded|wrote|said|says|"
               rf"told|tells|mentioned|shared|asked|complained|confided|admitted)\b"),
)
# No name, but plainly another prospect's conversation ("a founder we're talking to in your space told us").
_ANONYMOUS_THREAD = re.compile(
    r"\b(?:another|other|a|one) (?:prospect|company|team|founder|cto|client|customer|fintech|business)s? "
    r"(?:we(?:'re| are)|i(?:'m| am)) (?:also |currently )?(?:speaking|talking|in talks|in touch|chatting|emailing) "
    r"(?:to|with)\b|\b(?:thread|conversation|exchange|emails?|call) with (?:another|a different|an?other) "
    r"(?:prospect|company|team|founder|client)\b|\banother prospect\b",
    re.IGNORECASE)
_NOT_A_PARTY: frozenset[str] = frozenset({
    "The", "Our", "Your", "You", "We", "This", "That", "Their", "My", "I", "A", "An", "It", "He", "She", "They",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "EAT", "GMT", "CET", "UTC", "ET",
    "PT", "Zoom", "Teams", "Google", "Slack", "LinkedIn", "Addis", "Ababa", "Addis Ababa", "Ethiopia", "Engineering",
    "Python", "Go", "ML", "Data", "DevOps", "Mobile", "Frontend", "Series", "Q1", "Q2", "Q3", "Q4", "Hi", "Hello",
    "Thanks", "Best", "Regards", "Cheers", "Also", "And", "But", "So", "Last", "Next", "Both", "Last week"})
_BENCH_NAMES: frozenset[str] = frozenset(name for names in facts.BENCH_ROSTER.values() for name in names)

_FUNDING_TALK = re.compile(
    r"\brais\w*|\bround\b|\bfunding\b|\bfunded\b|\bfundrais\w*|\bfinancing\b|\bseries\b|\bseed\b|\binvestors?\b|"
    r"\bbacked\b|\bcapital\b|\bcongrat\w*|\bclosed\b|\bclosing\b|\bsecured\b|\binjection\b|\bwar chest\b|\bventure\b|"
    r"\bvcs?\b|\bbagged\b|\blanded\b|\bfresh\b|\bfreshly\b|\bin the bank\b",
    re.IGNORECASE)
_ANY_STAGE = frozenset({"pre_seed", "seed", "series_a", "series_b", "series_c", "late_stage"})
# Words that place a company at a funding tier, with the stages they are compatible with.
_STAGE_MENTIONS: tuple[tuple[re.Pattern, frozenset[str]], ...] = (
    (re.compile(r"\bpre-?seed\b", re.IGNORECASE), frozenset({"pre_seed"})),
    (re.compile(r"(?<!pre-)(?<!pre)\bseed(?:[- ](?:round|stage|funding|money|company|startup|raise|investors?|cheque|"
                r"check)|-funded)|\byour seed\b|\bat seed\b|\bfrom seed\b|\bseed (?:to|through|and)\b", re.IGNORECASE),
     frozenset({"seed"})),
    (re.compile(r"\bseries[ -]?a\b|\byour a round\b", re.IGNORECASE), frozenset({"series_a"})),
    (re.compile(r"\bseries[ -]?b\b|\byour b round\b", re.IGNORECASE), frozenset({"series_b"})),
    (re.compile(r"\bseries[ -]?c\b|\byour c round\b", re.IGNORECASE), frozenset({"series_c"})),
    (re.compile(r"\bseries[ -]?[d-h]\b", re.IGNORECASE), frozenset({"late_stage"})),
    (re.compile(r"\bearly[- ]stage\b|\bfirst (?:institutional )?round\b|\bangel (?:round|money|investors?)\b|"
                r"\bjust (?:getting|got) started\b|\bpre-revenue\b", re.IGNORECASE),
     frozenset({"pre_seed", "seed", "series_a"})),
    (re.compile(r"\b(?:late|growth)[- ]stage\b|\bgrowth (?:round|equity)\b|\bpre-ipo\b|\bmezzanine\b", re.IGNORECASE),
     frozenset({"series_c", "late_stage"})),
    (re.compile(r"\bbootstrapp\w+|\bself-funded\b|\bno (?:outside|external) (?:funding|investors?|capital|money)\b|"
                r"\bwithout (?:outside |external )?(?:investors?|vc|venture)", re.IGNORECASE),
     frozenset({"bootstrapped"})),
    (re.compile(r"\b(?:venture|vc|investor)[- ]backed\b|\byour (?:investors?|vcs?|board of investors)\b|"
                r"\b(?:fresh|new|recent|latest) (?:round|raise|funding|capital)\b|\bnewly funded\b|"
                r"\bjust raised\b|\byour (?:round|raise)\b|\bthe (?:round|raise) you\b", re.IGNORECASE),
     _ANY_STAGE),
)
_AMOUNT_TOLERANCE = 0.05
_FX_TO_USD: dict[str, float] = {"USD": 1.0, "": 1.0, "EUR": 1.08, "GBP": 1.27}  # approximate; wider tolerance below
_FX_TOLERANCE = 0.15

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

_PEER_PHRASES: tuple[re.Pattern, ...] = (
    re.compile(rf"\b(?i:teams|companies|clients|customers|peers|firms|scale-?ups|start-?ups|businesses|orgs|"
               rf"organi[sz]ations|folks|lenders|banks|insurers|retailers|platforms|players|brands|others|people) "
               rf"(?i:like|such as|including|incl\.|e\.g\.,?) ({_LIST})"),
    re.compile(rf"\b(?i:the likes of) ({_LIST})"),
    re.compile(rf"\b(?i:we|we've|we have|I've|I have|our team has|our engineers have|Tenacious has|we already|"
               rf"we recently|we've already|we have already) (?:\w+ ){{0,2}}?(?i:helped|supported|worked with|"
               rf"work with|partnered with|partner with|staffed|served|serve|support|help|built for|delivered for|"
               rf"placed engineers (?:at|with)|scaled|augmented) ({_LIST})"),
    re.compile(rf"\b(?i:ask|just ask|like we did for|as we did for|as we did at|our work (?:with|for)) ({_LIST})"),
    re.compile(rf"\b({_LIST}) (?i:both|all|each|already) (?i:use|rely on|work with|trust|run|chose|picked)\b"),
    re.compile(rf"\b(?i:for example|for instance|e\.g\.,?|say) ({_LIST})"),
    re.compile(rf"\b({_NAME})(?:,? (?i:in|from) (?:the )?[A-Z][\w-]*)? (?i:uses?|is using|are using|relies on|rely on|"
               rf"hired|works with|chose|picked|trusts?|signed with) (?i:our|us|tenacious)\b"),
)
_LIST_SPLIT = re.compile(r", and |, | and | & | or ")
_SENTENCE = re.compile(r"(?:[^\n.!?]|[.!?](?=[^\s.!?]))+[.!?]*")

_COMPLIANCE_NOUN = re.compile(
    r"\b(?:compliance|regulatory|regulators?|security|infosec|legal|risk|dpo|data protection|gdpr|hipaa|pci|soc ?2|"
    r"due diligence|vendor[- ](?:risk|assessment|onboarding|review)|audit(?:ors?)?|governance|privacy|gxp|"
    r"quality (?:team|assurance)|qa team|outsourcing (?:officer|arrangement|rules|policy|team)|"
    r"regulat\w+|bafin|fca|finma|fda|ema|mhra|ecb|pra|dora|nis2)\b",
    re.IGNORECASE)
_APPROVAL = re.compile(
    r"\b(?:review\w*|approv\w*|sign(?:s|ed)?[- ]?off|sign(?:s|ed)? it off|clear\w*|vet\w*|green[- ]light|go-ahead|"
    r"ok|okay|check\w*|assess\w*|blessing|say-so|requirements|rules|process|diligence|gate\w*|permi\w*|"
    r"expect\w*|terms|conditions|policies|policy|standards|sets? the|satisfied|happy|comfortable|content|agree\w*)\b",
    re.IGNORECASE)
_CONDITION = re.compile(
    r"\bsubject to\b|\bpending\b|\bonce\b|\bafter\b|\bfollowing\b|\bcontingent\b|\bconditional\b|\bdepend\w*|"
    r"\bprovided\b|\bassuming\b|\bas long as\b|\bonly (?:if|once|after|when|with)\b|\buntil\b|\bbefore\b|"
    r"\bfirst\b|\b(?:would|will|'d) need\b|\bneeds? to\b|\bmust\b|\brequir\w*|\bgated\b|\bwithin\b|\bunder\b|"
    r"\bwithout\b|\bunless\b|\bin line with\b|\bin step with\b|\bhas the final say\b|\bfinal say\b|"
    r"\bwaits? (?:for|on|until)\b|\bwould wait\b|\bgo(?:es)? ahead\b|\bon hold\b",
    re.IGNORECASE)
_WAVES_AWAY = re.compile(
    r"\bno (?:need|review|sign-?off|approval)\b|\b(?:skip|bypass|avoid|sidestep)\w*\b|\b(?:don't|do not|won't|will not) "
    r"(?:need|require|have to)\b|\bnot (?:needed|required|necessary)\b|\bunnecessary\b|\bspare you\b|"
    r"\binstead of\b|\bfully compliant\b|\balready (?:compliant|approved|cleared)\b",
    re.IGNORECASE)

_MONTHS: tuple[str, ...] = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                            "october", "november", "december")


class Firing(NamedTuple):
    """Why a rule fired, and the evidence: a span [start, end) of the original draft and its text (or None/"")."""

    reason: str
    span: tuple[int, int] | None = None
    text: str = ""


class _Draft:
    """A draft read once: normalised text, its map back to the original, and sentence spans."""

    def __init__(self, text: str):
        self.aligned = textnorm.align(text)
        self.text = self.aligned.text
        self.sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(self.text) if m.group(0).strip()]

    def fire(self, reason: str, start: int, end: int) -> Firing:
        s, e = self.aligned.span(start, end)
        return Firing(reason, (s, e), self.aligned.original[s:e])

    def sentence_texts(self) -> list[tuple[int, str]]:
        return [(start, self.text[start:end]) for start, end in self.sentences]


PeerIndex = Mapping[str, frozenset[str]]
Check = Callable[[Mapping, _Draft, PeerIndex], "Firing | None"]


# --- role normalisation ---------------------------------------------------------------------


def normalise_role(role: str) -> str:
    """Map a free-text title or a role code onto facts.ROLES (founder|cto|vp_eng|c_level|other).

    Chief officers win over other words ("Founder & CEO" -> c_level, "Co-founder & CTO" -> cto),
    so the C-level test does not depend on how a CRM happened to spell the title.
    """
    text = textnorm.normalize(role).strip().lower().replace("_", " ").replace("-", " ")
    words = re.findall(r"[a-z]+", text)
    chief = "chief" in words and ("officer" in words or re.search(
        r"chief (?:executive|technology|technical|operating|financial|information|product|marketing|revenue|data|"
        r"security|people)\b", text) is not None)
    if "cto" in words or re.search(r"chief (?:technology|technical)\b", text):
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


def _offer_families(text: str) -> set[str]:
    return {family for family, pattern in OFFER_FAMILIES.items() if pattern.search(text)}


def _ours(ctx: Mapping) -> set[str]:
    """Names that are this prospect or us: a conversation with them is not another prospect's thread."""
    names = {ctx["company"], ctx["recipient"]["name"], "Tenacious"} | _BENCH_NAMES
    return names | {part for name in names for part in name.split()}


def _third_party(name: str, ours: set[str]) -> str | None:
    """The name as a party outside this prospect and us, or None."""
    name = re.sub(r"^(?:The|Our|Your|This|That|Their|My|Mr|Mrs|Ms|Dr) |'s?$|[.,]$", "", name.strip())
    if not name or name in ours or name in _NOT_A_PARTY:
        return None
    first = name.split()[0]
    if first in ours or first in _NOT_A_PARTY:
        return None
    return name


def peer_names(draft: str) -> list[str]:
    """Peer companies named in peer phrases, in text order, duplicates kept (rule 9 counts them)."""
    return [name for name, _, _ in _peer_mentions(_Draft(draft))]


def _peer_mentions(draft: _Draft) -> list[tuple[str, int, int]]:
    """(name, start, end) in the normalised draft for every peer named in a peer phrase."""
    found: dict[int, tuple[str, int, int]] = {}
    for pattern in _PEER_PHRASES:
        for match in pattern.finditer(draft.text):
            at = match.start(1)
            for part in _LIST_SPLIT.split(match.group(1)):
                name = part.strip().rstrip(".,")
                start = draft.text.index(part, at) if part else at
                at = start + len(part)
                if name and name.split()[0] not in _NOT_A_PARTY and name not in _BENCH_NAMES:
                    found.setdefault(start, (name, start, start + len(name)))
    return [found[start] for start in sorted(found)]


def _prospect_key(ctx: Mapping) -> str:
    return str(ctx.get("prospect_id") or ctx["company"])


# --- the rules ------------------------------------------------------------------------------


def _disqualified(ctx: Mapping, draft: _Draft, peers: PeerIndex) -> Firing | None:
    unknown = sorted(set(ctx["disqualifiers"]) - set(facts.DISQUALIFIERS))
    if unknown:
        raise ValueError(f"unknown disqualifier(s) {unknown}; expected one of {facts.DISQUALIFIERS}")
    if ctx["disqualifiers"]:
        return Firing(f"disqualifier present: {', '.join(sorted(ctx['disqualifiers']))}")
    return None


def _opted_out(ctx: Mapping, draft: _Draft, peers: PeerIndex) -> Firing | None:
    if ctx["channel"] in ctx["opt_out_channels"]:
        return Firing(f"the prospect opted out of the {ctx['channel']} channel")
    return None


def _pushes_declined_offer(ctx: Mapping, draft: _Draft, peers: PeerIndex) -> Firing | None:
    """The prospect's latest message declines, and a draft sentence proposes an offer made before it."""
    thread = ctx["prior_thread"]
    prospect_turns = [i for i, m in enumerate(thread) if m["from"] != AGENT]
    if not prospect_turns:
        return None
    last = textnorm.normalize(thread[prospect_turns[-1]]["text"])
    decline = SOFT_REJECTION.search(last)
    if decline is None:
        return None
    offered = _offer_families(last)
    for message in thread[:prospect_turns[-1]]:
        if message["from"] == AGENT:
            offered |= _offer_families(textnorm.normalize(message["text"]))
    requested = {f for s in _SENTENCE.findall(last) if _REQUEST.search(s) for f in _offer_families(s)}
    declined = (offered or set(OFFER_FAMILIES)) - requested
    for start, sentence in draft.sentence_texts()[1:]:  # the subject line proposes nothing
        if _DEFERS.search(sentence) and not _KEEPS_ALIVE.search(sentence):
            continue
        for family in sorted(declined):
            match = OFFER_FAMILIES[family].search(sentence)
            if match and (family not in _PROPOSAL_ONLY or _PROPOSAL.search(sentence)):
                return draft.fire(f"the prospect declined ({decline.group(0)!r}) and the draft pushes the same "
                                  f"offer ({family})", start + match.start(), start + match.end())
    return None


def _c_level_at_enterprise(ctx: Mapping, draft: _Draft, peers: PeerIndex) -> Firing | None:
    role = ctx["recipient"]["role"]
    if is_c_level(role) and ctx["headcount"] > facts.ESCALATION_HEADCOUNT:
        return Firing(f"recipient is C-level ({role}) at headcount {ctx['headcount']} > {facts.ESCALATION_HEADCOUNT}")
    return None


def _other_thread(ctx: Mapping, draft: _Draft, peers: PeerIndex) -> Firing | None:
    """A foreign thread id, or a sentence attributing a conversation to a party outside this prospect and us."""
    own = ctx["thread_id"].lower()
    for match in THREAD_ID.finditer(draft.text):
        if match.group(0).lower() != own:
            return draft.fire(f"the draft cites another thread id ({match.group(0)})", match.start(), match.end())
    ours = _ours(ctx)
    hits = []
    for pattern in THREAD_PHRASES:
        for match in pattern.finditer(draft.text):
            party = _third_party(match.group(1), ours)
            if party is not None:
                hits.append((match.start(), match.end(), party))
    if hits:
        start, end, party = min(hits)
        return draft.fire(f"the draft refers to a conversation with another party ({party!r})", start, end)
    anonymous = _ANONYMOUS_THREAD.search(draft.text)
    if anonymous:
        return draft.fire("the draft refers to a conversation with another prospect", anonymous.start(),
                          anonymous.end())
    return None


def _funding_amounts(ctx: Mapping, draft: _Draft) -> list[textnorm.Mention]:
    """Money amounts that cite funding: in a sentence about funding, or equal to the brief's funding amount.

    A price quote ("$6,500 a month") is neither; "$14M buys a lot of roadmap" is the brief's $14M.
    """
    known = ctx["funding"]["amount_usd"]
    mentions = textnorm.money_amounts(draft.aligned.original)
    talk = [draft.aligned.span(start, end) for start, end in draft.sentences
            if _FUNDING_TALK.search(draft.text[start:end])]
    return [m for m in mentions
            if any(s <= m.start < e for s, e in talk) or (known and _close(m.value * _FX_TO_USD[m.unit], known))]


def _close(value: float, actual: float, tolerance: float = _AMOUNT_TOLERANCE) -> bool:
    return abs(value - actual) <= tolerance * actual


def _original_firing(reason: str, mention: textnorm.Mention) -> Firing:
    return Firing(reason, (mention.start, mention.end), mention.text)


def _unsupported_amount(ctx: Mapping, draft: _Draft, peers: PeerIndex) -> Firing | None:
    confidence = ctx["funding"]["confidence"]
    if confidence not in LOW_CONFIDENCE:
        return None
    mention = next(iter(_funding_amounts(ctx, draft)), None)
    if mention is None:
        return None
    return _original_firing(f"the draft cites a funding amount ({mention.text}) while funding confidence is {confidence}",
                            mention)


def _amount_fits(mention: textnorm.Mention, stage: str, actual: float | None) -> bool:
    """The amount agrees with the brief: the known amount (5 %, or 15 % after currency conversion), or the
    stage's typical range when no amount is known (bootstrapped: no amount fits)."""
    usd = mention.value * _FX_TO_USD[mention.unit]
    if actual is None:
        band = facts.FUNDING_STAGES.get(stage)
        if band is None:
            return stage != "bootstrapped"  # an unknown stage cannot be contradicted
        return band[0] * (1 - _FX_TOLERANCE) <= usd <= band[1] * (1 + _FX_TOLERANCE)
    return _close(mention.value, actual) or (mention.unit not in ("USD", "") and _close(usd, actual, _FX_TOLERANCE))


def _funding_contradiction(ctx: Mapping, draft: _Draft, peers: PeerIndex) -> Firing | None:
    """A tier word that the brief's stage rules out, or an amount that disagrees with the brief.

    A sentence naming two or more tiers is a range ("from seed to Series C"), not a claim about the prospect.
    """
    stage = ctx["funding"]["stage"]
    for start, sentence in draft.sentence_texts():
        named = [(m, stages) for pattern, stages in _STAGE_MENTIONS if (m := pattern.search(sentence))]
        if len({stages for _, stages in named if stages != _ANY_STAGE}) > 1:
            continue
        for match, stages in named:
            if stage not in stages:
                return draft.fire(f"the draft places the prospect at {match.group(0)!r} but the brief says {stage}",
                                  start + match.start(), start + match.end())
    actual = ctx["funding"]["amount_usd"]
    for mention in _funding_amounts(ctx, draft):
        if not _amount_fits(mention, stage, actual):
            known = f"the known amount is ${actual:,.0f}" if actual is not None else f"the prospect is {stage}"
            return _original_firing(f"the draft cites {mention.text} but {known}", mention)
    return None


def _month_after(sentence: str, until: str) -> bool:
    """The sentence names a start month after the commitment's `until` (YYYY-MM-DD) month."""
    match = re.match(r"\d{4}-(\d{2})", until)
    if match is None:
        return False
    month = int(match.group(1))
    named = [i + 1 for i, name in enumerate(_MONTHS) if re.search(rf"\b{name}\b", sentence, re.IGNORECASE)]
    return any(m > month or m < month - 6 for m in named)


def _committed_engineer(ctx: Mapping, draft: _Draft, peers: PeerIndex) -> Firing | None:
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


def _generic_peers(ctx: Mapping, draft: _Draft, peers: PeerIndex) -> Firing | None:
    own = {ctx["company"], "Tenacious"}
    for name in GENERIC_PEER_NAMES:
        match = re.search(rf"\b{re.escape(name)}\b", draft.text, re.IGNORECASE)
        if match:
            return draft.fire(f"generic peer name: {name}", match.start(), match.end())
    for pattern in _GENERIC_PATTERNS:
        for match in pattern.finditer(draft.text):
            if match.group(0) not in own:
                return draft.fire(f"peer name looks generic: {match.group(0)}", match.start(), match.end())
    mentions = _peer_mentions(draft)
    seen: set[str] = set()
    for name, start, end in mentions:
        if name.casefold() in seen:
            return draft.fire(f"the same peer is named more than once: {name}", start, end)
        seen.add(name.casefold())
    me = _prospect_key(ctx)
    for name, start, end in mentions:
        cited_to = peers.get(name.casefold(), frozenset())
        if len(cited_to) >= PEER_REUSE_PROSPECTS and me in cited_to:
            return draft.fire(f"peer {name} is cited to {len(cited_to)} different prospects in this batch",
                              start, end)
    return None


def _has_caveat(draft: _Draft) -> Firing | None:
    """The sentence that conditions the offer on the prospect's compliance/regulatory/security/legal review."""
    for start, sentence in draft.sentence_texts():
        noun = _COMPLIANCE_NOUN.search(sentence)
        if noun is None or not _APPROVAL.search(sentence) or not _CONDITION.search(sentence):
            continue
        waived = _WAVES_AWAY.search(sentence)
        if waived and not re.search(r"\b(?:nothing|never|no work|not (?:start|begin|go))\b", sentence, re.IGNORECASE):
            continue
        return draft.fire("compliance caveat", start, start + len(sentence))
    return None


def _missing_caveat(ctx: Mapping, draft: _Draft, peers: PeerIndex) -> Firing | None:
    if ctx["regulated"] and _has_caveat(draft) is None:
        return Firing(f"regulated industry ({ctx['industry']}) and no sentence conditions the offer on the "
                      f"prospect's compliance review (e.g. {facts.COMPLIANCE_CAVEAT!r})")
    return None


def _passes(ctx: Mapping, draft: _Draft, peers: PeerIndex) -> Firing:
    return Firing("no rule fires")


CHECKS: dict[int, Check] = {
    1: _disqualified, 2: _opted_out, 3: _pushes_declined_offer, 4: _c_level_at_enterprise, 5: _other_thread,
    6: _unsupported_amount, 7: _funding_contradiction, 8: _committed_engineer, 9: _generic_peers,
    10: _missing_caveat, PASS_RULE: _passes,
}


# --- entry points -----------------------------------------------------------------------------

_CONTEXT_FIELDS: tuple[str, ...] = (
    "company", "recipient", "headcount", "channel", "opt_out_channels", "disqualifiers", "prior_thread",
    "thread_id", "funding", "prior_commitments", "regulated", "industry")


def _rules_of(rubric_name: str) -> tuple[RubricRule, ...]:
    if rubric_name == "v2":
        return RULES
    if rubric_name == "v1":
        return tuple(rule for rule in RULES if rule.number in V1_RULES)
    raise ValueError(f"unknown rubric {rubric_name!r}; expected one of {RUBRICS}")


def _unpack(item) -> tuple[Mapping, str]:
    """Accept a judge item (a mapping with `context` and `draft`) or a (context, draft) pair; check the shape."""
    if isinstance(item, Mapping):
        where = f"judge item {item.get('item_id', '?')}"
        if "context" not in item or "draft" not in item:
            raise InputError(f"{where}: needs fields 'context' and 'draft'")
        context, draft = item["context"], item["draft"]
    else:
        where = "judge item"
        context, draft = item
    if not isinstance(context, Mapping):
        raise InputError(f"{where}: context must be an object")
    missing = [f for f in _CONTEXT_FIELDS if f not in context]
    if missing:
        raise InputError(f"{where}: context lacks field(s) {', '.join(missing)}")
    if not isinstance(draft, str):
        raise InputError(f"{where}: draft must be a string, got {type(draft).__name__}")
    return context, draft


def peer_index(items: Iterable) -> dict[str, frozenset[str]]:
    """Batch context for rule 9: each peer name (casefolded) -> the prospects it is cited to."""
    cited: dict[str, set[str]] = {}
    for item in items:
        context, draft = _unpack(item)
        for name, _, _ in _peer_mentions(_Draft(draft)):
            cited.setdefault(name.casefold(), set()).add(_prospect_key(context))
    return {name: frozenset(prospects) for name, prospects in sorted(cited.items())}


def explain(item, rubric: str = "v2", peers: PeerIndex | None = None) -> list[dict]:
    """Every rule that fires, in priority order, with decision, reason and evidence span; the last is PASS.

    `item` is a judge item or a (context, draft) pair; `peers` is the batch context from `peer_index`
    (without it, reuse across prospects is not seen).
    """
    context, text = _unpack(item)
    draft = _Draft(text)
    fired = []
    for rule in _rules_of(rubric):
        firing = CHECKS[rule.number](context, draft, peers or {})
        if firing is not None:
            fired.append({"rule": rule.number, "decision": rule.decision, "probe": rule.probe, "name": rule.name,
                          "reason": firing.reason, "span": list(firing.span) if firing.span else None,
                          "evidence": firing.text})
    return fired


def decide(item, rubric: str = "v2", peers: PeerIndex | None = None) -> tuple[str, int]:
    """(decision, v2 rule number) of the first rule that fires under `rubric` ("v2" or "v1")."""
    first = explain(item, rubric, peers)[0]
    return first["decision"], first["rule"]


def decide_batch(items: Iterable, rubric: str = "v2") -> list[tuple[str, int]]:
    """`decide` for every item, with peer reuse across the batch's prospects visible to rule 9."""
    items = list(items)
    peers = peer_index(items)
    return [decide(item, rubric, peers) for item in items]

