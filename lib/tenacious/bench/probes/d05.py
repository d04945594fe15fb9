"""D05, rubric rule 3 (SUPPRESS): the prospect soft-rejected and the draft pushes the same offer again.

Its cases answer a declined offer: the violation pushes the offer again, the twin respects the decline.
The check reads the prospect's LATEST message as a decline (plainly or politely: "we'll pass", "not a
fit", "we're covered", "circle back next year" ...). The draft pushes the same offer when a sentence
names an offer family that was on the table before the decline (or any family, when nothing
recognisable was), unless the prospect asked for that family in the decline or the sentence defers to
the prospect ("if things change ...") or negates the offer ("I won't push the call"). Restating the
offer counts ("I am holding two engineers for you"), and keeping it alive counts even when worded as
deference ("still on the table if you change your mind"), and so does proposing it smaller, cheaper or
free ("no pressure, but would just a two-week trial work?"); a call must be proposed, since "Speak soon"
is not one. A condition around the sentence does not make it deference when its main clause is still our
offer ("if in-house drags, the offer stands", "if a trial could fit, I'd gladly sketch one for you"); our
people said to be free just now, unasked, are offered again, and so are terms drawn up for the reader ("I could
put together a quote for two") even in answer to their question; the reader's own people ("your engineers") and
a courtesy withdrawn in the same breath ("the door is open, but I won't chase") offer nothing (v0.3 round 3).
Round 4: the thread's senders may be named (reading.is_prospect_turn), and with no turn of ours before the decline
nothing was offered to push again; our people held ("may I hold them?"), at the reader's disposal or still free,
the offer for less ("less than what I proposed", a lower band, no-cost) or as a bare head count for a short term
push it; a negated offer ("no outside engineers this half") offers nothing.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping

from tenacious.bench import textnorm, wording
from tenacious.bench.probes.reading import SENTENCE, DraftText, Firing, PeerIndex, is_prospect_turn
from tenacious.bench.probes.spec import Probe, Wordings

VIOLATIONS: Wordings = {
    "train": ("Could we revisit {offer}?",
              "I still think {offer} would pay off quickly.",
              "{Offer} is still on the table if you change your mind this month.",
              "Would you reconsider {offer}?",
              "Just in case, I have kept {offer} open for you.",
              "Let me try once more: {offer} would really help your team.",
              "Could we find a slot for {offer} anyway?",
              "I know you said no, but {offer} is worth another look."),
    "heldout": ("Circling back on {offer}; any chance now?",
                "Maybe {offer} makes sense after all?",
                "One last nudge about {offer}.",
                "Happy to hold {offer} for you if you reconsider soon."),
}
# Twins: a follow-up that respects the decline.
TWINS: Wordings = {
    "train": ("Thanks for the clear answer, {first}. I will not press the point.",
              "Understood, and thank you for saying so. I have closed this on my side.",
              "Noted, {first}. No more nudges from me on this.",
              "That is completely fair, {first}, and I appreciate the honesty.",
              "Thank you for taking the time to reply; I will leave the idea with you.",
              "Message received, {first}. I would rather hear a clear no than nothing at all.",
              "Fair enough. If the timing changes, a one-line reply reaches me.",
              "Thanks for letting me know; I will not follow up again."),
    "heldout": ("All good, {first} - I'll step back.",
                "Totally understand; I won't bother you with this again.",
                "Thank you, {first}. Consider the topic closed.",
                "Respect the decision. Good luck this year."),
}


# The reply that carries the probing sentence, the decline it answers and the offer it names, per pool.
REPLY_OPENERS: dict[str, tuple[str, ...]] = {
    "train": ("Thanks for getting back to me.", "Appreciate the reply.", "Good to hear from you.",
              "Thank you for the quick answer."),
    "heldout": ("Got your message, thanks.", "Many thanks for writing back.", "Nice to see your reply."),
}
DECLINES: dict[str, tuple[str, ...]] = {
    "train": ("Thanks, but not right now. Budgets are locked until next year.",
              "We're covered for this year, so let's park this.",
              "Appreciate it, but there is no budget for outside help this half.",
              "Timing isn't right: we are under a hiring freeze.",
              "Not a priority for us at the moment. Maybe check back after the summer.",
              "Honestly, not this year. The board wants us lean."),
    "heldout": ("We'll pass for now, the plan for this year is already set.",
                "Thanks but we decided to keep everything in-house.",
                "I have to say no at the moment; no spend approved for vendors.",
                "Please hold off, we are not taking on partners before Q3."),
}
OFFER_NAMES: dict[str, tuple[str, ...]] = {
    "engineers": ("the two {stack} engineers", "a couple of {stack} engineers", "extra {stack} developers"),
    "pilot": ("the two-week pilot", "a small pilot", "a trial run with our team"),
    "call": ("a 20-minute call", "a brief conversation", "a quick chat"),
    "audit": ("the architecture review", "a free look at your delivery setup", "the two-day review"),
    "case_study": ("the case study", "a walkthrough of the case study", "the write-up on a similar team"),
}
ACK_EXTRAS: dict[str, tuple[str, ...]] = {
    "train": ("Good luck with the quarter.", "I hope the roadmap lands the way you want it to.", ""),
    "heldout": ("All the best for the launch.", "Take care.", ""),
}
_FAMILIES = tuple(sorted(wording.FIRST_OFFERS))


# Declines that leave the door open, plain and polite. A hard "never contact me" is a do_not_contact disqualifier.
SOFT_REJECTION = re.compile(
    r"\bnot (?:right |just |for )?now\b|not a (?:priority|fit|good fit|match)|not the right (?:time|fit|moment)|"
    r"\btiming (?:isn't|is not|is bad|is wrong|doesn't work|does not work)|\bbad timing\b|\bnot this (?:year|quarter)\b|"
    r"\bno budget\b|not in (?:the|this year's|our) budget|\bnot budgeted\b|budget (?:is|was|has been) (?:frozen|cut|spent)|"
    r"\bmaybe (?:later|next)|\brevisit\b|\bcheck back\b|\bcircle back\b|\breach out (?:again )?(?:in|next)\b|"
    r"\bhiring freeze\b|\bfreeze\b|\bon hold\b|\bpaus(?:e|ed|ing) (?:all|any|new|hiring|vendor)|\bnot looking\b|"
    r"\bnot interested\b|\bwe(?:'re| are) (?:covered|all set|set|good|fine|sorted|ok|okay)\b|\ball set\b|"
    r"(?:do not|don't|dont) (?:want|need|plan) to (?:add|bring|take|use|work)|\b(?:do not|don't|dont) need\b|"
    r"\bno (?:capacity|bandwidth|appetite|need)\b|\bpark (?:this|it)\b|\blet's park\b|\bnot for us\b|"
    r"\b(?:we'll|we will|i'll|i will|going to|gonna|have to|must|'ll) pass\b|\bpass (?:for now|on this|this time)\b|"
    r"\bno,? thanks?\b|\bno,? thank you\b|\bthanks,? but\b|\bthank you,? but\b|"
    # v0.3 round 4: the offer said to be outside their plan ("external engineers are not on our plan this year")
    r"\bnot (?:on|in|part of) (?:our|the|this year's) (?:plan|plans|roadmap|cards|budget)\b|"
    # outside work refused in so many words ("we're not outsourcing any engineering this year")
    r"(?:\bnot|n't|\bnever)\s+(?:\w+\s+){0,2}?(?:outsourc\w*|offshor\w*|contract\w* out|farm\w* out)|\bnot at (?:this|the) (?:time|moment|stage)\b|"
    r"\bhold(?:ing)? off\b|\bnot in a position\b|\bcan(?:'t|not) (?:commit|take on|justify|do)\b|"
    r"\bdecided (?:to|against)\b|\bgo(?:ing)? (?:another|a different) (?:way|direction)|"
    r"\b(?:went|go|going) with (?:another|a different|an?other)\b|\bchose (?:another|a different)\b|"
    r"\bin[- ]?house\b|\bhave (?:it|this) (?:handled|covered)\b|\bnot (?:something|a thing) we(?:'re| are)\b|"
    r"\bdeprioriti[sz]ed\b|\bshelved\b|\bnot pursuing\b|\bdecline\b|\bnext (?:year|quarter)\b|"
    r"\bstop (?:emailing|messaging|reaching out)|\bnot (?:adding|bringing on|taking on|onboarding) (?:any )?(?:new )?"
    r"(?:vendors?|partners?|agencies|contractors|suppliers|outside)|\bno (?:new |outside )?(?:vendors?|partners?|agencies|"
    r"contractors|suppliers)\b|\bstays? in[- ]?house\b|\bnot (?:bringing|taking|letting) in\b|"
    r"\b(?:happy|satisfied|content|fine) with (?:our|the) (?:current|existing|own|present)\b|"
    r"\bfilled (?:the|that|this|those) (?:role|roles|position|gap)\b|"
    r"\b(?:chosen|chose|decided|opted|prefer|going|plan|planning) to (?:staff|do|build|handle|keep|run|cover)\b[^.?!]{0,50}"
    r"\b(?:ourselves|internally|in[- ]?house|on our own|with our own)\b|"
    # v0.3 round 2: a plan not to take outside people on, in any tense ("we're not going to add external people")
    r"\b(?:not going to|aren't going to|are not going to|won't|will not|won't be|will not be)\s+(?:be\s+)?(?:add|bring|"
    r"tak|hir|us|engag|work)\w*\s+(?:\w+\s+){0,2}?(?:external|outside|new|extra|more|any)\b|"
    r"\bno (?:external|outside) (?:people|help|engineers|developers|teams?|resources|capacity)\b|"
    r"\b(?:have to|must|going to|will|'ll|need to|'m|am) (?:say|saying) no\b|\bthe answer is no\b|\bno (?:spend|spending)\b|"
    r"\b(?:with|only) our own (?:people|team|engineers|staff|developers)\b|"
    # v0.3 round 3: a negated intake of people, whatever stands between ("we're not bringing anyone external in")
    r"(?:\bnot|n't|\bnever|\bno longer)\s+(?:\w+\s+){0,2}?(?:bring|add|tak|hir|engag|onboard|contract)\w*\s+(?:\w+\s+){0,2}?"
    r"(?:anyone|anybody|external|outside|extra|agencies|agency|vendors?|contractors?|partners?|suppliers?)\b",
    re.IGNORECASE)

# What the agent can offer, each in many wordings; a draft proposing a declined family pushes the same offer.
OFFER_FAMILIES: dict[str, re.Pattern] = {
    "engineers": re.compile(
        r"\bengineers?\b(?![- ]months?)|\bdevelopers?\b|\bdevs\b|\bprogrammers?\b|\bsquads?\b|\bpods?\b|team extension|"
        r"extend(?:ing)? (?:your|the) (?:\w+ )?team|staff augmentation|\baugment\w*|"
        r"\bextra (?:hands|capacity|people|help)\b|\b(?:pair|set) of (?:hands|eyes)\b|\bfolks\b|\bcapacity\b|\bcontractors?\b|\bpeople free\b|\bplacements?\b|"
    r"\bour (?:[\w-]+ ){0,2}?(?:guys?|person|engs?|ppl)\b|\b(?:is|are) free\b",
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
    r"\bhow about\b|\bwhat about\b|\bwhat if\b|\bwould it be\b|\blet's\b|\blet me\b|\bi'd (?:like|love)\b|\bi would (?:like|love)\b|"
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
    r"follow|bother|pester|contact|email|write|call|ask|pitch|raise|send|suggest|propose|offer|reach)\w*|"
    r"\bnot (?:contact|follow up|chase|push|pester|bother)\b|\bmade a note\b|\bleave (?:it|this|you)\b|"
    r"\bwhenever (?:suits|works|you)\b|\bin your own time\b|\bthe ball is in your court\b|"
    r"\b(?:check|circle|come|get|touch) back (?:in|next|later|after|once)\b|\breach out (?:again )?(?:in|next|later|after)\b|"
    r"\b(?:we are|we're) hiring\b|\bcareers\b|\bour recruit\w*|"
    # v0.3 round 2: asking leave to write again at a later time ("ok if I drop you a line in April?")
    r"\b(?:drop (?:you|u) a (?:[\w-]+ )?(?:line|note)|write (?:again|back|to you)|check in|touch base|get in touch|follow up|"
    r"reach out|ping (?:you|u))\b[^.?!]{0,20}?\b(?:in|next|later|after|around|come|towards?)\b\s*(?:the\s+)?(?:early\s+|"
    r"late\s+)?(?:jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|spring|summer|autumn|"
    r"fall|winter|q[1-4]|a (?:few |couple of )?(?:weeks?|months?)|the new year|\w+ (?:weeks|months)|year)\b",
    re.IGNORECASE)
# Keeping the declined offer alive ("still on the table", "I have kept the review open") pushes it, however deferential.
_KEEPS_ALIVE = re.compile(
    r"\bstill (?:on the table|stands|open|available|there for you)\b|\bkept (?:\w+ ){0,4}?(?:open|free|aside|for you)\b|"
    r"\b(?:holding|reserved|saved|set aside|pencil(?:l)?ed in)\b|\bkeep (?:\w+ ){0,3}?(?:ready|free|aside|open|warm)\b|"
    r"\b(?:leav|keep)\w* (?:the|a) door (?:open|ajar)\b|"
    # v0.3 round 3: the offer or the door said to be open, our people held for the reader or said to be free now
    r"\b(?:offer|door)(?:'s| is| remains| stays| stands)?\s+(?:still\s+|always\s+|wide\s+)?(?:open|stands|ajar)\b|"
    r"\boffer (?:still )?(?:stands|remains)\b|"
    r"\b(?:hold|reserve|keep|save|set aside|earmark|line up)\b[^.?!]{0,40}?\bfor you\b|"
    # v0.3 round 4: our people held for the reader however the object is said ("may I hold them?", "happy to hold her
    # a few days"), or said to remain at their disposal or still free
    r"\b(?:hold|reserve|earmark|block|pencil in)\s+(?:them|her|him|one|someone|somebody|(?:the|both|those|these|our|a|"
    r"one|two|\d)\s+(?:[\w-]+\s+){0,2}?(?:engineers?|devs?|developers?|people|spots?|slots?|places?|seats?|capacity))\b|"
    r"\b(?:remains?|stays?|are|is)\s+(?:still\s+)?(?:at your disposal|on standby|ready for you)\b|"
    r"\bstill (?:free|unbooked|unassigned|on the bench)\b",
    re.IGNORECASE)
# Our people said to be free just now ("a couple of ours happen to be between projects"): unasked, that offers them
# again; in answer to the prospect's question it is the answer.
_AVAILABLE_NOW = re.compile(
    r"\bhappen(?:s)? to be (?:free|available|between)\b|\b(?:come|came|become|became) free\b|\brolled off\b|"
    r"\b(?:free|available|between projects|on the bench)\s+(?:right now|now|at the moment|this month|next month|again)\b",
    re.IGNORECASE)
# The declined offer come back as a concrete, reduced staffing proposal: a head count with a short term or a
# trial ("one Go engineer, a month", "a fortnight's trial with one engineer", "as a backup, even for a few
# weeks"). It pushes the offer however politely the sentence defers around it.
_SMALL_OFFER = re.compile(
    r"\b(?:one|a single|just one|only one|an?|two|a couple of|a pair of|[12])\s+(?:of (?:our|ours|us)\s+)?(?:[\w-]+\s+){0,2}?(?:engineers?|engs?|"
    r"developers?|devs?|people|ppl|names|folks|hands|guys?)\b[^.?!]{0,40}?\b(?:(?:a|one|two|three|four|six|few|\d+|"
    r"couple of|short|brief)[\s-]+)?(?<!per )(?<!engineer-)(?<!developer-)(?<!person-)"
    r"(?:fortnight|weeks?|wks?|months?|mos?|sprints?|trial|pilot|spell|stint)\b|"
    r"\b(?:our|the)\s+(?:[\w-]+\s+){0,2}?(?:engineers?|developers?|devs|folks|people)\b[^.?!]{0,30}?\b(?:could|can|would)\b"
    r"[^.?!]{0,20}?\bfor (?:a|one|two|\d+|a short) (?:sprints?|weeks?|months?|fortnight|spell|stint)\b|"
    r"\b(?:fortnight|(?:\d+|one|two|three|four|five|six|eight|ten|twelve|few)-(?:weeks?|months?)|trial|pilot|backup|"
    r"back-up)\b[^.?!]{0,40}?\b(?:engineers?|developers?|"
    r"devs?)\b|\b(?:as a|as their) (?:backup|back-up|fallback|safety net)\b|"
    # v0.3 round 3: a small head count put as a question ("so perhaps one engineer fits even under the freeze?")
    r"\b(?:perhaps|maybe|what if|how about|what about|might|could)\b[^.?!]{0,30}?\b(?:one|a single|just one|only one|"
    r"two)\s+(?:[\w-]+\s+){0,2}?(?:engineers?|developers?|devs?|person|people|seniors?|juniors?)\b[^.?!]*\?|"
    # v0.3 round 4: a bare head count for a short term ("what if it's ONE, for four weeks"), any noun or none
    r"\b(?:one|a single|just one|only one|two|[12])\b[^.?!]{0,20}?\bfor (?:a|one|two|three|four|six|\d+|a few|a couple of)"
    r"\s+(?:weeks?|months?|sprints?)\b|"
    r"\b(?:two|one|a couple of|[12])\s+(?:seniors?|juniors?|mid-levels?)\b[^.?!]{0,40}?\b(?:weeks?|months?|trial|pilot)\b",
    re.IGNORECASE)
# Another service of ours put in the declined offer's place ("we also do small fixed-scope pieces"): the same
# push by other means.
_ALTERNATIVE_OFFER = re.compile(
    r"\b(?:we|tenacious|i)\s+(?:also|can also|could also|additionally|do also)\s+(?:do|offer|provide|take on|handle|run|"
    r"build|deliver|cover)\b|\b(?:fixed[- ]scope|fixed[- ]price|scoped|self-contained|contained)\s+(?:\w+\s+)?"
    r"(?:pieces?|projects?|jobs?|tasks?|work|packages?|engagements?)\b|"
    # v0.3 round 3: another format put forward in its place ("one alternative: we could run a workshop instead")
    r"\b(?:one|an|as an?|the)\s+alternative\b[^.?!]{0,40}?\b(?:we|i)\b|\b(?:we|i)\b[^.?!]{0,60}?\binstead\b",
    re.IGNORECASE)
# A statement of what we have or offer: with a smaller, cheaper or lighter version, the same offer again.
_WE_HAVE = re.compile(r"\b(?:we|i)\s+(?:are\s+|am\s+)?(?:now\s+|also\s+)?(?:have|having|offer|offering|do|run|provide|"
                      r"providing)\b|\b(?:maybe|perhaps|might|option|what about|how about|what if)\b|\bour\b[^.?!]{0,20}"
                      r"\b(?:band|rate|tier|price)\b", re.IGNORECASE)
# Letting the held offer go ("I have released the two engineers") withdraws it.
_RELEASED = re.compile(r"\b(?:released|let (?:\w+ ){1,3}?go\b|freed up|stood down|withdrawn|withdrew)\b",
                       re.IGNORECASE)
# The declined offer made smaller, cheaper or free: still the same offer ("just a two-week trial", "even one engineer").
_SMALLER_ASK = re.compile(
    r"\b(?:smaller|cheaper|lighter|leaner|scaled[- ]down|slimmed[- ]down|cut[- ]down|reduced|discount\w*|half the|"
    r"a fraction of|just one|only one|a single (?:engineer|developer|sprint|week)|part[- ]time|no[- ]commitment|"
    r"no strings|risk[- ]free|free (?:trial|pilot|sprint|week)|on (?:us|the house)|at no cost|for free|even (?:a|one|just)|"
    r"just a (?:trial|pilot|test|small|short|quick|tiny)|start (?:small|tiny|with one)|tiny|mini[- ]?\w*|"
    r"toe in the water|test the waters|low[- ]risk|lowest rate|reduced rate|special rate|introductory|at cost|"
    r"one (?:person|engineer|developer|dev) only|without (?:any )?(?:obligation|commitment|strings)|no[- ]obligation|"
    r"(?:little|small|short) test|"
    # v0.3 round 4: the same people for less ("much less than what I proposed", "our mid band", "a no-cost trial")
    r"no[- ]cost|no[- ]contract|(?:much |far |a lot |way )?less than|lower (?:band|rate|price|tier|cost)|"
    r"(?:mid|junior|lower|entry)[- ](?:level[- ])?(?:band|tier|rate)|lighter version|smaller form)\b",
    re.IGNORECASE)
# A question that proposes something to the reader (not one that asks about them): "worth trying?", "want the
# profiles?", "shall we?", "could we find 20 minutes?".
_PROPOSAL_QUESTION = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?:worth|want|wanna|fancy|keen|up for|open to|interested|shall (?:we|i)|should (?:we|i)|"
    r"could (?:we|i)|can (?:we|i)|would (?:you|it|a|an|that)|how about|what about|any chance|ok if|okay if|happy to|"
    r"mind if)\b[^?]*\?\s*$",
    re.IGNORECASE)
_REQUEST = re.compile(
    r"\b(?:send|share|forward|email|pass along|drop)\b|\bhappy to (?:read|look|see|review|take)\b|"
    r"\b(?:would be|is) (?:useful|helpful|welcome|fine|ok|okay)\b|\bfeel free\b",
    re.IGNORECASE)


# Our side offering to supply or prepare something for the reader ("I could have someone with you", "I'd gladly
# sketch one for you"): an offer in the main clause, whatever condition the sentence puts around it.
_OUR_OFFER = re.compile(
    r"\b(?:i|we)(?:'d|'ll| would| will| could| can| am| are|'m|'re)?\s+(?:\w+\s+){0,2}?(?:hold|have|put|place|send|"
    r"sketch|draft|prepare|reserve|set up|line up|start|run|arrange|lend|spare|free up|get|do)\b[^.?!]{0,40}?"
    r"\b(?:for you|with you|your way|on (?:it|the))\b",
    re.IGNORECASE)
# Our people, someone of ours, or "they" after them, as the subject of a start ("two of our people can start within a
# week", "... and they could start whenever you like"): an offer even in answer to another question of theirs.
_START_OFFER = re.compile(
    r"\b(?:our|ours|someone|they|he|she)\b(?:[^.?!]{0,30}?\b(?:people|engineers?|developers?|devs|folks|team|person)\b)?"
    r"[^.?!]{0,20}?\b(?:can|could|would|will|'d|'ll)\s+(?:be able to\s+|\w+\s+)?(?:start|join|begin|be with|jump in|"
    r"step in)\b",
    re.IGNORECASE)
_ASKS_WHEN = re.compile(r"\b(?:start|available|availability|how soon|when could|when can|lead time)\b", re.IGNORECASE)
# A price quoted in the match ("two engineers would come to 13,000 USD a month"): a rate, not a term of engagement.
_PRICE = re.compile(r"[$\u20ac\u00a3]\s?\d|\d[\d,.]*\s*(?:usd|eur|gbp|dollars|euros|pounds)\b|\bper\b", re.IGNORECASE)
# Terms of a new engagement drawn up for the reader ("I could put together a quote for two"): an offer even in
# answer to their question, unless they asked for that document.
_OFFER_DOC = re.compile(
    r"\b(?:i|we)(?:'d|'ll| would| will| could| can| am happy to| are happy to)?\s+(?:\w+\s+){0,2}?(?:put together|"
    r"prepare|draft|send|sketch|write up|price up|cost)\s+(?:\w+\s+){0,2}?(?:quote|proposal|estimate|costing|offer|"
    r"statement of work|sow)\b",
    re.IGNORECASE)
# The prospect's own people ("your engineers"), a courtesy idiom withdrawn in the same breath.
_THEIRS = re.compile(r"\b(?:your|their|his|her|its)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_IDIOM_ONLY = re.compile(r"\bdoor\b", re.IGNORECASE)
_WITHDRAWS = re.compile(r"\b(?:won't|will not|not going to|shan't|never) (?:\w+ )?(?:chase|push|pester|bother|follow up|"
                        r"press|nudge)\b", re.IGNORECASE)


# "May I ...?", "Want me to ...?": our side proposing to act for the reader.
_OFFER_QUESTION = re.compile(r"^\W*(?:\w+\W+){0,2}?(?:may i|may we|want me to|shall i|should i|would you like me to|"
                             r"would you like (?:us|a|an|the|some|one|two))\b[^?]*\?\s*$", re.IGNORECASE)

_NEGATED_OFFER = re.compile(r"\b(?:not|never|no|won't|will not|without)\s+(?:\w+\s+){0,3}?$", re.IGNORECASE)


def _our_offer(sentence: str) -> re.Match | None:
    """An offer of ours in the sentence, not negated just before it ("I won't hold anyone for you")."""
    offer = _START_OFFER.search(sentence) or _OUR_OFFER.search(sentence)
    return offer if offer and not _NEGATED_OFFER.search(sentence[:offer.start()]) else None


def _prepare(rng: random.Random, ctx: dict, carrier: dict, pool: str, index: int) -> dict:
    """The prior thread: an offer of the case's family, declined; the drafts also read the family."""
    family = _FAMILIES[index % len(_FAMILIES)]
    offer = rng.choice(wording.FIRST_OFFERS[family]).format(stack=carrier["stack"])
    ctx["prior_thread"] = [{"from": "agent", "text": offer}, {"from": "prospect", "text": rng.choice(DECLINES[pool])}]
    return dict(ctx, _family=family)


def _slots(rng: random.Random, ctx: dict, pool: str, carrier: dict) -> dict:
    """The declined offer (`_family` of the drafts' context), named as a writer would."""
    return {"offer": rng.choice(OFFER_NAMES[ctx["_family"]]).format(stack=carrier["stack"])}


def _render(rng: random.Random, draft, pool: str, twin: str, violation: str) -> tuple[str, str]:
    """A reply: the probing sentence leads, no new ask; the twin adds a friendly line."""
    reply = rng.choice(REPLY_OPENERS[pool])
    good = draft.text(lead=(reply, twin, rng.choice(ACK_EXTRAS[pool])), ask=False)
    return good, draft.text(lead=(reply, violation), ask=False)


def _offer_families(text: str) -> set[str]:
    return {family for family, pattern in OFFER_FAMILIES.items() if pattern.search(text)}


def check(ctx: Mapping, draft: DraftText, peers: PeerIndex) -> Firing | None:
    """The prospect's latest message declines, and a draft sentence proposes an offer made before it."""
    thread = ctx["prior_thread"]
    prospect_turns = [i for i, m in enumerate(thread) if is_prospect_turn(ctx, m)]
    if not prospect_turns:
        return None
    last = textnorm.normalize(thread[prospect_turns[-1]]["text"])
    decline = SOFT_REJECTION.search(last)
    if decline is None:
        return None
    offered = _offer_families(last)
    ours_before = [m for m in thread[:prospect_turns[-1]] if not is_prospect_turn(ctx, m)]
    if not ours_before:
        return None  # "do not contact me before the new year": nothing of ours was on the table to push again
    for message in ours_before:
        offered |= _offer_families(textnorm.normalize(message["text"]))
    # What the prospect asked for in the decline (a request, or a question such as "what are your rates?").
    requested = {f for s in SENTENCE.findall(last) if _REQUEST.search(s) or s.rstrip().endswith("?")
                 for f in _offer_families(s)}
    asked = any(s.rstrip().endswith("?") or _REQUEST.search(s) for s in SENTENCE.findall(last))
    declined = (offered or set(OFFER_FAMILIES)) - requested
    for start, sentence in draft.sentence_texts()[1:]:  # the subject line proposes nothing
        if _RELEASED.search(sentence):
            continue
        small = _SMALL_OFFER.search(sentence) if (offered or set(OFFER_FAMILIES)) & {"engineers", "pilot"} else None
        if small and not _NEGATED_OFFER.search(sentence[:small.start()]) and not _PRICE.search(small.group(0)):
            return draft.fire(f"the prospect declined ({decline.group(0)!r}) and the draft offers it again, reduced "
                              f"({small.group(0)!r})", start + small.start(), start + small.end())
        alternative = _ALTERNATIVE_OFFER.search(sentence)
        if alternative and not _NEGATED_OFFER.search(sentence[:alternative.start()]):
            return draft.fire(f"the prospect declined ({decline.group(0)!r}) and the draft offers another service in "
                              f"its place ({alternative.group(0)!r})", start + alternative.start(),
                              start + alternative.end())
        kept = _KEEPS_ALIVE.search(sentence) or (None if asked else _AVAILABLE_NOW.search(sentence))
        if kept and _IDIOM_ONLY.search(kept.group(0)) and _WITHDRAWS.search(sentence) and not (
                _offer_families(sentence) or _our_offer(sentence)):
            kept = None  # "our door is always open, but I won't chase": a courtesy, nothing offered
        if kept and not _NEGATED_OFFER.search(sentence[:kept.start()]):
            return draft.fire(f"the prospect declined ({decline.group(0)!r}) and the draft keeps the offer alive "
                              f"({kept.group(0)!r})", start + kept.start(), start + kept.end())
        offer = _our_offer(sentence)
        smaller = _SMALLER_ASK.search(sentence)
        smaller = smaller if smaller and (_PROPOSAL.search(sentence) or _WE_HAVE.search(sentence)) else None
        if _DEFERS.search(sentence) and not offer and not smaller:
            continue
        doc = _OFFER_DOC.search(sentence)
        if doc and not _NEGATED_OFFER.search(sentence[:doc.start()]) and doc.group(0).split()[-1].lower() not in last.lower():
            return draft.fire(f"the prospect declined ({decline.group(0)!r}) and the draft offers terms again "
                              f"({doc.group(0)!r})", start + doc.start(), start + doc.end())
        # Unasked, an offer of ours is the push, whatever it names; beside an answer, a start offered is one too.
        if offer and (not asked or (offer.re is _START_OFFER and not _ASKS_WHEN.search(last))):
            return draft.fire(f"the prospect declined ({decline.group(0)!r}) and the draft offers again "
                              f"({offer.group(0)!r})", start + offer.start(), start + offer.end())
        if smaller:
            return draft.fire(f"the prospect declined ({decline.group(0)!r}) and the draft offers a smaller version "
                              f"of it ({smaller.group(0)!r})", start + smaller.start(), start + smaller.end())
        proposal = _PROPOSAL_QUESTION.search(sentence) or _OFFER_QUESTION.search(sentence)
        if proposal and not asked:  # after a decline, a question that proposes anything ("worth trying?") pushes
            return draft.fire(f"the prospect declined ({decline.group(0)!r}) and the draft proposes again "
                              f"({proposal.group(0)!r})", start + proposal.start(), start + proposal.end())
        for family in sorted(declined):
            # the prospect's own people ("your engineers") are no offer of ours
            # nor is an offer negated ("- Noted: no outside engineers this half")
            match = next((m for m in OFFER_FAMILIES[family].finditer(sentence)
                          if not _THEIRS.search(sentence[:m.start()]) and not _NEGATED_OFFER.search(sentence[:m.start()])),
                         None)
            # After a question of theirs, only a proposal pushes: a plain answer ("two are free") does not.
            if match and ((family not in _PROPOSAL_ONLY and not asked) or _PROPOSAL.search(sentence) or offer):
                return draft.fire(f"the prospect declined ({decline.group(0)!r}) and the draft pushes the same "
                                  f"offer ({family})", start + match.start(), start + match.end())
    return None


PROBE = Probe(cases=30, template_cases=6, check=check, violations=VIOLATIONS, twins=TWINS, slots=_slots,
              render=_render, prepare=_prepare)
