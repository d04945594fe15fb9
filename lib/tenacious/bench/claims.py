"""Sentence-level readings of what an email claims or pushes: pressure, over-promises, regulated claims, condescension,
pitching.

The scorer (v0.3) charges each as a hard violation. They read structure and broad lexicons built from the
issue's families and the style guide (SG-04, SG-07, SG-11, SG-12), not any writer's sentences:

- pressure: fake urgency or scarcity aimed at the reader ("only two slots left", "this rate expires
  Friday", "before another client takes them");
- over-promise: a guarantee or outcome nobody can give ("we'll have the backlog cleared by March", "zero
  ramp-up", "fully productive from day one"), negated ones ("we can't guarantee") excepted; since round 3 also by
  composition (a word of certainty, an outcome of the work and a time bound in one clause, no hedge or condition);
- regulated claim: our certification or compliance status, or taking over the reader's audit ("a
  HIPAA-certified team", "we handle your PCI audit"); the brief never supports one (facts.py lists no
  certification of ours), and a negated one ("we are not certified") is none;
- condescension (round 3, beside the marker list in facts): the reader told what is plain to them, presumed not
  to know, offered a lesson people like them are presumed to need;
- pitch signals: what makes a message to an unclear-fit prospect a pitch (an offer of our people, a
  figure of engineers or price, a start date, a benefit question "would two Go engineers help?"); since round 4 also
  one engineer, our people's profiles and our people said to be free, which `people_offered` also reads after a no.

Round 4 (all seventeen voices read) made scope structural: a negation ends at a colon, a semicolon or a contrast
("no pressure, but ..."), and condescension includes a lesson about people in the reader's role.

Each function returns (start, end, text) spans in the text it was given.
"""

from __future__ import annotations

import re

_F = re.IGNORECASE
_DAYS = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|tonight|midnight|eod|eow|cob|"
         r"close of (?:play|business))")
# A negation governs what follows it in its clause: a colon or semicolon ends it ("do not worry: we take care of ..."),
# and so does a contrast ("no pressure, but happy to hold two", "not outsourcing, just one engineer").
_NEGATED = re.compile(r"\b(?:not|never|no|n't|cannot|can't|won't|wouldn't|don't|doesn't|isn't|aren't|without|"
                      r"nor|rather than|instead of|avoid|refuse)\b(?:(?!\bbut\b|,\s*(?:just|only|simply)\b)[^.?!:;]){0,40}$", _F)

_NEGATION_INSIDE = re.compile(r"\b(?:not|never|no longer)\b|n't\b", _F)

PRESSURE: tuple[re.Pattern, ...] = tuple(re.compile(p, _F) for p in (
    (r"\bonly (?:\w+ ){0,3}(?:slots?|spots?|places?|engineers?|seats?|openings?|spaces?|people|devs|developers|"
    r"teams?|pods?|squads?)\b[^.?!]{0,30}\b(?:left|remaining|available|open|free)\b"),
    (r"\b(?:slots?|spots?|places?|availability|capacity|seats?|bench|calendar)\b[^.?!]{0,20}\b(?:filling up|fill up|"
    r"going fast|running out|run out|won't last|will not last|disappear|gone by|snapped up)"),
    r"\b(?:expires?|expiring|ends|valid|good|holds?|stands?|available)\s+(?:only\s+)?(?:on |this |by |until |till |"
    r"through |before )?(?:the )?(?:" + _DAYS + r"|end of (?:the |this )?(?:week|month|day|quarter))\b(?! at)",
    r"\b(?:last|final) (?:chance|call|opportunity)\b",
    r"\b(?:act|move|decide|sign|commit|confirm)\s+(?:now|fast|quick|quickly|today|soon)\b",
    (r"\bbefore (?:it'?s|they'?re|they are|it is) (?:gone|taken|booked|snapped up)|\bbefore (?:someone|somebody) else\b|"
    r"\bbefore (?:another|other) (?:client|company|team|firm|customer)s?\b"),
    r"\b(?:don'?t|do not) (?:miss (?:out|this|the)|wait too long|sleep on)",
    (r"\bfirst[- ]come|\bwhile (?:stocks|supplies|slots|spots|they) last|\blimited[- ]time|\btime[- ]sensitive|"
    r"\bnow or never\b|\bclock is ticking\b"),
    (r"\b(?:price|rate|pricing|discount|offer|deal)s?\b[^.?!]{0,20}\b(?:goes|will go|is going|go) up\b|"
    r"\b(?:rates?|prices?) (?:rise|increase|go up|jump)\b"),
    r"\b(?:can|could) only (?:hold|keep|reserve|guarantee)\b[^.?!]{0,40}\b(?:until|till|for|through|if)\b",
    (r"\b(?:other|several|two|three|a few) (?:clients|companies|teams|prospects|firms|customers) (?:are|have been|were) "
    r"(?:asking|looking|lining up|interested|circling|eyeing|keen)"),
    r"\b(?:in (?:high|huge) demand|high demand|get snapped up|going quickly|book(?:ed)? out|booking up)\b",
    r"\block(?:ing|ed)?\s+(?:\w+\s+){0,2}?in\b(?! your| the team| our)",
    (r"\bsign(?:s|ed)?\s+(?:\w+\s+){0,2}?before\b|\b(?:it|that|this|they)\s+(?:moves?|goes|go|will go)\s+up\b|"
    r"\b(?:price|rate|pricing|floor|fee|band)s?\b[^.?!]{0,20}\b(?:moves?|goes|will go|is going|go|creeps?|jumps?|"
    r"rises?|will rise) up\b|\brepric\w*\b|\bbefore (?:it changes|the (?:increase|change|repricing))\b|"
    # "before then" only of terms ("lock the rate in before then"), not of a date in general ("nothing is reserved
    # before then")
    r"\b(?:price|rate|pricing|band|fee|discount|offer|deal|terms)s?\b[^.?!]{0,60}\bbefore then\b|"
    r"\bbefore then\b[^.?!]{0,60}\b(?:price|rate|pricing|band|fee|discount|offer|deal|terms)s?\b|"
    # a change of our prices announced with its date ("the band is being revised at the end of January")
    r"\b(?:price|rate|pricing|band|fee)s?\b[^.?!]{0,30}\b(?:is|are) (?:being |to be )?(?:revised|raised|increased|"
    r"updated|changed|changing|going to change)\b[^.?!]{0,30}\b(?:on|at|by|from|in|after)\b"),
    r"\b(?:hurry|right now or|miss the window|window (?:is )?closing|closes? (?:on|this|by) " + _DAYS + r")\b",
    # v0.3: a hold on people or terms with a deadline, a competing claim on them, an answer wanted by a date
    (r"\b(?:hold|keep|reserve|save|offer)\w*\b[^.?!]{0,50}?\b(?:only )?(?:until|till|through|before|by)\s+"
     r"(?:this |next |the )?(?:" + _DAYS + r"|end of|week'?s end|\d{1,2}(?:st|nd|rd|th)?\b)"),
    (r"\b(?:held|valid|available|offered|open|good)\s+(?:[\w'-]+\s+){0,4}?only\b[^.?!]{0,50}?\b(?:before|until|till|by|through)\b|"
     # round 4: terms that change once a date passes ("..., after which it is revised")
     r"\bafter which (?:it|they|the (?:price|rate|band|fee|terms?|offer)s?) (?:is|are|will be|gets?|get) (?:revised|raised|"
     r"increased|repriced|changed|withdrawn|updated)\b|"
     r"\bonly (?:for|to) (?:teams|clients|companies|those) (?:who |that )?(?:start|sign|book|confirm)\w*\b"),
    (r"\b(?:placed|going|go|assigned|allocated|given|moved|released|offered|taken|booked)\s+(?:\w+\s+){0,2}?"
     r"(?:elsewhere|to (?:another|other|a different) (?:client|team|company|customer)s?|by (?:another|someone else))"),
    r"\b(?:already|now) (?:spoken for|taken|gone|claimed|reserved|half[- ]full|booked)\b",
    (r"\b(?:know|hear|answer|decision|decide|reply|word|confirm\w*|a yes)\b[^.?!]{0,20}?\bby (?:this |next |the )?"
     r"(?:" + _DAYS + r"|end of)"),
    # v0.3 round 2: one other party's claim on the same people, terms tied to a start window, a full calendar after it
    (r"\b(?:another|one other|a different|a second) (?:client|company|team|prospect|firm|customer|party) (?:is|was|has been)"
     r" (?:also )?(?:asking|looking|lining up|interested|circling|eyeing|keen|considering)"),
    (r"\b(?:can|could|will)\s+(?:\w+\s+){0,2}?(?:offer|hold|give|keep|extend)\b[^.?!]{0,40}?\bonly\s+(?:for|until|till|"
     r"through|before|in|if|with)\b"),
    (r"\b(?:our|the) (?:calendar|bench|schedule|diary|capacity|availability)\s+(?:is|will be|'s|gets?)\s+(?:\w+\s+)?"
     r"(?:full|booked|taken|gone|closed)\b"),
    # v0.3 round 3: our people or calendar running out by a date, demand from every other team for the same people
    (r"\b(?:bench|capacity|availability|engineers|slots?|spots?|places?|calendar|diary|people)\b[^.?!]{0,30}?\b(?:tends? to|"
     r"usually|often|always|normally|typically|will|is likely to|are likely to)\s+(?:be\s+|gets?\s+|go(?:es)?\s+|runs?\s+)?(?:empty|gone|"
     r"taken|full|booked(?: up| out)?|snapped up|spoken for|claimed|dry)\b[^.?!]{0,20}?\b(?:by|before|come)\b"),
    (r"\b(?:every|each|all the|half the|most)\s+(?:[\w-]+\s+){0,3}?(?:teams?|companies|firms|clients|start-?ups|ctos)\b"
     r"[^.?!]{0,40}?\b(?:comes? knocking|come calling|competing for|compete for|after the same|queu(?:e|ing|eing) up|lining up)\b"),
    # the last of our people, a calendar nearly gone, another party already after the same people, terms that only
    # hold for a start window, advice to move now
    r"\b(?:down to|left with|only have|just have|have just)\s+(?:our\s+)?(?:last|final|one|two|a couple|a pair|a handful)\b",
    (r"\b(?:nearly|almost|mostly|practically|virtually|largely)\s+(?:all\s+)?(?:taken|gone|booked(?: up| out)?|full|"
     r"spoken for|filled|snapped up)\b(?! care| into| on board| up with| over)"),
    (r"\b(?:will|'ll|would|'d)\s+be\s+(?:gone|taken|booked(?: up| out)?|spoken for|snapped up|placed)\s+(?:by|before|after|"
     r"within|in)\b"),
    (r"\b(?:another|one other|other|others|a different|a second)\s*(?:clients?|compan(?:y|ies)|teams?|prospects?|firms?|"
     r"customers?)?\s+(?:has|have|had|is|are|were)\s+(?:already\s+|also\s+)?(?:asked|asking|enquired|enquiring|inquired|"
     r"inquiring|requested|looking|interested|considering|weighing|eyeing|discussing|interviewing)\b[^.?!]{0,30}?"
     r"\b(?:same|these|those|them|both)\b"),
    (r"\b(?:availability|capacity|bench|slots?|places?|calendar|diary)\b[^.?!]{0,20}\b(?:shrinking|dwindling|filling(?: up| fast)?|"
     r"running (?:low|out)|thinning|disappearing|vanishing)\b"),
    (r"\b(?:gone|taken|booked|snapped up|placed|elsewhere|unavailable)\s+(?:\w+\s+){0,2}?if (?:we|you) (?:wait|delay|leave it|"
     r"hold off)\b|\b(?:hesitate|wait|delay)\w* and (?:you'?ll|you will|you'?d|you might) (?:lose|miss)\b"),
    (r"\b(?:rates?|prices?|pricing|terms|offer|discount|deal)\b[^.?!]{0,20}?\bonly\s+(?:hold|apply|applies|stand|last|"
     r"run|work)s?\b"),
    (r"\b(?:i'?d|i would|you'?ll want to|you should|best to|you'?d want to)\s+(?:\w+\s+)?(?:move|act|grab|book|lock|snap|jump|"
     r"secure|decide|commit)\w*\b[^.?!]{0,30}?\b(?:this week|now|today|soon|quickly|fast|while (?:you|they|we) can|"
     r"before)\b"),
    r"\bwhile (?:you|they|we) (?:still )?can\b|\bsooner (?:is|would be) better\b|\bsooner rather than later\b",
    (r"\b(?:only|just)\s+(?:one|two|three|a couple|a handful|a few|\d)\s+(?:of (?:our|the)\s+)?(?:[\w-]+\s+){0,2}?"
     r"(?:engineers?|devs?|developers?|people|slots?|places?|spots?)\s+(?:still\s+)?(?:remains?|unallocated|unclaimed|"
     r"unbooked)\b"),
    r"\b(?:for|valid|good|available)\s+(?:this|the)\s+(?:week|month|day|quarter)\s+only\b",
    (r"\b(?:wait|delay|hold off|leave it|hesitate)\w*\b[^.?!]{0,40}?\b(?:miss(?:es)? out|lose out|regret|end up waiting|"
     r"get left|lose (?:them|the slot|the engineers))\b"),
    (r"\b(?:suggest|recommend|advise|urge)\w*\s+(?:\w+\s+)?(?:booking|moving|acting|deciding|locking|securing|committing|"
     r"signing|reserving)\s+(?:\w+\s+)?(?:now|soon|quickly|this week|today|early)\b"),
    r"\b(?:queue|line|waiting list|list) of (?:other )?(?:companies|clients|teams|firms|prospects|customers)\b",
))
# Scarcity in a negated form: "the engineers won't be free for long", "after Friday I can't promise anything".
_NOT_FOR_LONG = re.compile(r"\b(?:after|beyond|past) (?:that|then|this week|the \w+|" + _DAYS + r")\b[^.?!]{0,30}?\b(?:can'?t|cannot|"
                           r"won'?t|no longer|not) (?:promise|hold|guarantee|keep|offer)\b|\bsay the word (?:this week|today|now|"
                           r"by \w+)\b|\b(?:won'?t|will not|wouldn'?t|would not)\s+(?:be|stay|remain)\s+(?:free|available|open|"
                           r"on the bench|unbooked)\s+(?:for\s+)?(?:long|much longer|forever)\b", _F)
# After this window the next one is far off ("after that the next opening is not until April"), this week is the one:
# negated by nature, so read apart from the negation exception (round 4).
_FAR_OFF = re.compile(
    r"\bnext (?:opening|slot|window|availability|start|chance|free (?:slot|window))\s+(?:is|will be|would be|isn'?t|won'?t be)"
    r"\s+(?:not\s+)?(?:until\s+|till\s+|in\s+)?(?:(?:early|mid|late)[- ])?(?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december|spring|summer|autumn|winter|q[1-4]|next (?:month|quarter|year)|"
    r"\w+ months)\b|\bthis (?:week|month) is (?:really |truly |honestly )?the (?:week|month|time|moment)\b", _F)
# Advice not to wait: negated by nature, so read apart from the negation exception ("I'd not wait too long").
PRESSURE_ADVICE: tuple[re.Pattern, ...] = (re.compile(
    r"\b(?:i'?d not|i would not|i wouldn'?t|you wouldn'?t want to|you won'?t want to|don'?t|do not|best not|better not|"
    r"no point in|it (?:doesn'?t|won'?t|wouldn'?t) pay to)\s+(?:hang(?:ing)? about|hang(?:ing)? around|wait(?:ing)?|"
    r"delay(?:ing)?|leav(?:e|ing) it|sit(?:ting)? on (?:it|this)|dawdl(?:e|ing)|drag(?:ging)? (?:your|the) feet|"
    r"put(?:ting)? (?:it|this) off)\b(?!\s+(?:for|on|until|till) (?:me|us|my|our))", _F),)

# What a delivery promise names as finished, and the deadline it names (a month, a season or holiday, the end of a
# term or of the pilot); the over-promise readings below combine them with a modal of certainty.
_DONE = (r"(?:live|done|cleared|finished|shipped|delivered|migrated|rewritten|rebuilt|replaced|fixed|resolved|sorted|"
         r"stable|completed?|wrapped up|in production|running (?:reliably|smoothly|cleanly|properly)|behind you|"
         r"off your plate|paid down|closed out|burn(?:ed|t) down|halved|under control)")
_WHEN = (r"(?:(?:early|mid|late|the \d{1,2}(?:st|nd|rd|th)?(?: of)?|\d{1,2}(?:st|nd|rd|th)?)[- ])?(?:january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|"
         r"autumn|fall|winter|easter|christmas|xmas|the new year|new year|year[- ]end|half[- ]term|the holidays|"
         r"q[1-4]|" + _DAYS + r"|(?:next|this) (?:week|month|quarter|year)|"
         r"(?:the\s+)?end\s+of\s+(?:the\s+|this\s+|next\s+)?(?:[\w-]+\s+){0,2}?(?:days?|weeks?|months?|sprints?|quarters?|year|"
         r"pilot|trial|engagement|january|february|march|april|may|june|july|august|september|october|november|"
         r"december|q[1-4])|(?:[\w-]+\s+)?(?:days?|weeks?|fortnights?|months?|sprints?|quarters?))")
_DEADLINE = (r"\b(?:by|before|within|inside|in under|in less than|no later than|in time for|ahead of)\s+(?:the\s+)?"
             + _WHEN + r"\b")

OVER_PROMISE: tuple[re.Pattern, ...] = tuple(re.compile(p, _F) for p in (
    r"\bguarantee(?:d|s)?\b|\bpromise (?:you|that)\b|\bwe promise\b|\b100 ?% (?:sure|certain|guaranteed|on time)",
    r"\b(?:we|i|tenacious|our (?:team|engineers|people|developers|squad))\s*(?:'ll|will|can|could|would)\s+"
    r"(?:\w+\s+){0,3}?(?:clear|finish|deliver|ship|complete|close out|wipe out|eliminate|fix|solve|double|triple|"
    r"halve|burn down|knock out|get through)\b[^.?!]{0,60}?\b(?:by|within|before|in under)\s+(?:the\s+)?"
    r"(?:end of\s+)?(?:\w+\s+)?(?:days?|weeks?|months?|sprints?|q[1-4]|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|" + _DAYS + r")\b",
    r"\b(?:zero|no) (?:ramp[- ]?up|onboarding time|learning curve|risk|downtime|delays?|surprises|bugs)\b",
    (r"\b(?:fully |100 ?% |completely )?(?:productive|up to speed|ramped(?: up)?|shipping|contributing) (?:from|on|by|in) "
    r"(?:day one|the first day|day 1|week one|the first week|their first (?:day|week))\b"),
    r"\b(?:never|won'?t ever|will never) (?:miss|slip|fail|let you down|be late)",
    (r"\bas many (?:engineers|developers|people|devs) as you (?:need|want|like)\b|\b(?:any|whatever) (?:number|size) "
    r"(?:of (?:engineers|developers|people)|team)\b|\bunlimited (?:capacity|engineers|scale)\b"),
    (r"\b(?:start|join|onboard|ready|staffed|in place|up and running)\b[^.?!]{0,20}\b(?:within|in) (?:24|48|72|"
    r"twenty-four|forty-eight) hours\b"),
    (r"\b(?:the )?(?:whole|entire|full|complete) (?:backlog|roadmap|migration|project|rebuild|rewrite)\b[^.?!]{0,50}"
    r"\b(?:done|cleared|finished|shipped|delivered|complete|completed|wrapped)\b"),
    (r"\b(?:double|triple|2x|3x|10x|two times|three times) (?:your |the )?(?:velocity|output|throughput|speed|"
    r"delivery|shipping)\b|\b(?:cut|halve) (?:your )?(?:delivery time|time to market|timelines?) in half\b"),
    r"\bwhatever (?:it takes|you need)\b|\bwe never say no\b",
    (r"\bwill be (?:in production|live|done|shipped|finished|delivered|complete|ready|stable|fixed)\b[^.?!]{0,20}"
    r"\b(?:by|before|within)\b"),
    r"\b(?:that(?:'s| part'?s| part is| is)|it'?s) on us\b|\byou have my word\b",
    # v0.3: an outcome of the reader's work promised by a date, whoever the grammatical subject is
    (r"\b(?:we|i)\b[^.?!]{0,40}?\b(?:expect|plan|aim|intend|promise|commit)\w*\s+to\s+(?:have|get|see)\b[^.?!]{0,50}?"
     r"\b(?:cleared|done|finished|shipped|delivered|completed|wrapped up|fixed|migrated|live)\b[^.?!]{0,20}?"
     r"\b(?:by|before|within)\b"),
    # v0.3 round 2: the reader's outcome stated as done by a date ("we'll have it fully live by end of February",
    # "with two of them the storefront is live before Easter")
    (r"\b(?:we|i|our (?:[\w-]+\s+){0,3}?(?:engineers|team|people|developers|devs|squad|pod))\b[^.?!]{0,25}?"
     r"(?:'ll|\bwill|\bcan|\bwould)?\s+(?:have|get)\s+(?:[\w-]+\s+){0,4}?(?:fully\s+|completely\s+)?(?:live|done|cleared|"
     r"finished|shipped|delivered|migrated|rewritten|rebuilt|replaced|built|in production|running)\b[^.?!]{0,15}?"
     r"\b(?:by|before|within)\b"),
    r"\b(?:this|that) (?:i|we) (?:can )?promise\b|\b(?:i|we) can promise (?:you )?(?:that|this|it)\b",
    (r"\b(?:is|are|goes|go|will be|will go)\s+(?:fully\s+)?(?:live|in production|done|shipped|finished|delivered|"
     r"migrated)\s+(?:\w+\s+){0,2}?(?:by|before|within)\s+(?:the\s+)?(?:end of\s+)?[\w-]+"),
    # v0.3 round 3: the reader's outcome stated as certain by a deadline, whoever does it and in either order ("a
    # senior engineer would have the pipelines rebuilt by March", "by the end of the pilot it would be behind you")
    r"(?:\bwill|\bwould|'ll|'d|\bshall|\bgoing to)\b(?:,[^,.?!]{1,40},)?\s+(?:\w+\s+){0,2}?(?:have|get|see|be)\b[^.?!;]{0,60}?"
    r"\b" + _DONE + r"\b[^.?!;]{0,40}?" + _DEADLINE,
    _DEADLINE + r"[^.?!;]{0,80}?(?:\bwill|\bwould|'ll|'d|\bshall)\b(?:,[^,.?!]{1,40},)?\s+(?:\w+\s+){0,2}?"
    r"(?:be|have been)\s+(?:\w+\s+){0,2}?" + _DONE + r"\b",
    # working hours we cannot give: the whole of the reader's day, no time-zone gap at all (the overlap is a window)
    (r"\b(?:full|complete|total|100 ?%|all-day|round-the-clock)\s+(?:\w+\s+)?overlap\b|\b(?:without|with no|zero|no)\s+"
     r"(?:any\s+)?time[- ]?zones?\s+(?:friction|issues?|problems?|lag|pain|headaches?|gap)\b|\b(?:adapt|adjust|shift)\w*\s+"
     r"(?:completely|fully|entirely)\s+to\s+your\s+(?:schedule|hours|time ?zone|working day|day)\b"),
    # the date itself declared safe, on-time delivery committed to
    (r"\b(?:deadline|date|launch|go-live|release|delivery|timeline|timelines)\b[^.?!]{0,20}\b(?:is|are|'s|will be)\s+(?:a\s+)?"
     r"(?:certainty|certain|guaranteed|safe|locked in|in the bag|a given|assured)\b|\b(?:on[- ]time delivery|delivery on time|"
     r"on time|the deadline|your deadline|the date)\b[^.?!]{0,40}\b(?:commit to|promise|guarantee|assure)\b"),
    # a team of any size promised
    (r"\b(?:any|whatever)\s+(?:size|number|headcount)\s+(?:of\s+)?(?:team|engineers|developers|people|squad)\b|"
     r"\bas (?:many|large|big)\s+(?:a team\s+|engineers\s+|people\s+)?as you (?:need|want|like)\b|"
     r"\bwe can staff (?:it|anything|whatever|any)\b"),
    # a personal assurance staked on the outcome
    (r"\b(?:stake|bet|wager|put|risk)\s+(?:my|our)\s+(?:reputation|name|house|job|career|life|money|shirt)\b|"
     r"\byou can (?:count|rely|bank) on (?:it|that|this)\b|\bmark my words\b"),
))

_STANDARD = (r"hipaa|hitrust|nhs|dspt|dss|cyber essentials|tisax|nist|soc ?[12]|soc-?[12]|pci(?:[- ]dss)?|iso[- ]?27001|iso[- ]?13485|iso[- ]?9001|gdpr|gxp|"
             r"gmp|fedramp|sox|dora|nis ?2|psd2|fca|bafin|finma|basel|ccpa|21 cfr|cfr part 11|hitech|mifid|"
             r"eba|ema|fda|mhra|solvency ii|solvency 2|ifrs ?17|lloyd'?s(?:[- ]market)?|ferpa|glba|nydfs|hitrust")
_OUR_SIDE = r"(?:we|we're|we are|we've|our|ours|tenacious|us|i|the team|the engineers|our people|every engineer|" \
            r"each engineer|all (?:our|of our) engineers|they|both(?: of them)?|all of them|each of them|he|she)"
REGULATED_CLAIM: tuple[re.Pattern, ...] = tuple(re.compile(p, _F) for p in (
    r"\b(?:" + _STANDARD + r")[- ](?:certified|certification|accredited|compliant|approved|audited|cleared|trained|"
    r"ready|attested|validated|registered)\b",
    r"\b(?:certified|accredited|audited|attested|approved|cleared|validated|registered|licensed) (?:for|under|against|"
    r"by|to) (?:the )?(?:" + _STANDARD + r")\b",
    r"\b" + _OUR_SIDE + r"\b[^.?!]{0,40}\b(?:certified|accredited|pre-?approved|pre-?cleared|pre-?vetted|"
    r"(?:already )?vetted for|approved for|cleared for|"
    r"fully compliant|compliance[- ]ready|regulator[- ]approved|audit[- ]ready)\b",
    r"\b" + _OUR_SIDE + r"\b[^.?!]{0,30}\b(?:handles?|takes? care of|covers?|manages?|owns?|runs?|do|sort out|deal with|"
    r"take over|take off your plate|take)\s+(?:all\s+(?:of\s+)?)?(?:the\s+|your\s+)?(?:(?!subject\b|to\b)[\w']+\s+){0,5}?(?:audits?|"
    r"compliance|certifications?|regulatory (?:work|filings?|paperwork|approvals?|side|reporting)|paperwork|filings?|"
    r"(?:" + _STANDARD + r") (?:reporting|work|filings?|returns?|documentation|validation|submissions?|evidence|controls|"
    r"paperwork|side|requirements|obligations))\b",
    (r"\b(?:no|zero|without any) (?:compliance|regulatory|audit) (?:risk|issues?|headaches?|burden|work|exposure|"
    r"concerns?)\b"),
    r"\b(?:already|fully|100 ?%) (?:" + _STANDARD + r")[- ]?(?:compliant|certified|approved|ready)\b",
    r"\b(?:compliant|certified|approved) (?:with|under|for) (?:" + _STANDARD + r")\b",
    r"\b(?:" + _STANDARD + r")\b(?:[- ](?:side|part|piece|bit|requirements?|stuff|work|angle))?\s+(?:is|are|'s)\s+"
    r"(?:already\s+|all\s+|fully\s+)?(?:covered|handled|taken care of|sorted|done|solved|a non-issue|not an issue)\b",
    r"\b(?:rubber[- ]stamp\w*|a formality|box[- ]tick\w*|tick[- ]box|a non-event|just paperwork)\b",
    r"\b(?:have|has|'ve)\s+(?:all\s+)?(?:been through|passed|cleared|survived)\s+(?:\w+\s+){0,2}?(?:" + _STANDARD
    + r")\s+(?:audits?|reviews?|checks?|inspections?|assessments?)\b",
    # v0.3: holding a vetting or clearance, working to the auditors' standard, the regulated side "taken care of"
    (r"\b" + _OUR_SIDE + r"\b[^.?!]{0,40}\b(?:hold|holds|have|has|carry|carries|possess\w*|come with)\s+(?:the\s+|all\s+|"
     r"full\s+|every\s+)?(?:[\w-]+\s+){0,6}?(?:vetting|clearances?|certifications?|accreditations?|attestations?|"
     r"licen[cs]es?|sign-?offs?|approvals?|status)\b"),
    (r"\b(?:works?|working|operates?|built|trained|set up)\s+to\s+(?:the\s+)?(?:standards?|level|bar|requirements?)\b"
     r"[^.?!]{0,50}\b(?:auditors?|regulators?|" + _STANDARD + r")\b"),
    (r"\btake\b[^.?!]{0,40}?\b(?:" + _STANDARD + r"|audits?|compliance|evidence|certification)\b[^.?!]{0,30}?"
     r"\boff (?:your|their) (?:plate|hands)\b|\b(?:our|the) (?:setup|set-up|process(?:es)?|platform|environment|stack) "
     r"(?:already )?(?:satisfies|meets|complies with|covers|passes)\b"),
    (r"\b(?:that|this|the (?:compliance|regulatory|audit|security)) (?:side|part|piece|bit)(?: of (?:things|it))? "
     r"(?:is|are|'s) (?:\w+ )?(?:covered|handled|taken care of|sorted|done|solved)\b"),
    (r"\b(?:your\s+)?(?:auditors?|regulators?|compliance (?:team|people|officers?)|risk team)\s+(?:won'?t|will not|"
    r"don'?t|do not|never|shouldn'?t)\s+(?:need|have|want)\s+to\b|\b(?:auditors?|regulators?)\s+(?:won'?t|will not)\s+be\s+"
    r"starting from scratch\b"),
    # v0.3 round 3: a credential held to a standard or rule set ("trained on HIPAA", "vetted to PCI DSS Level 1
    # standard"), not to the reader's own requirements; the regulated side of the work declared covered by us
    (r"\b(?:certified|accredited|vetted|cleared|trained|approved|audited|assured|screened|qualified)\s+(?:on|in|to|for|"
     r"under|against|with|by)\s+(?:the\s+)?(?!your\b|their\b|its\b)(?:[\w-]+\s+){0,4}?(?:" + _STANDARD + r"|standards?|"
     r"regulations?|requirements?|level \d)\b"),
    (r"\b(?:compliance|regulatory|audit|governance|assurance|security|data[- ]protection|privacy|certification|clearance|"
     r"vetting)\s+(?:side|part|piece|bit|angle|aspect|element|burden|work|question|obligations?)(?:\s+of\s+(?:things|it|"
     r"this))?\s+(?:is|are|'s|would be|will be|should be|can be)\s+(?:\w+\s+){0,2}?(?:covered|handled|taken care of|"
     r"sorted|solved|dealt with|managed|looked after)\b(?!\s+(?:by|with|through|on|at|from)\s+(?:you|your|their|the client))"),
    # a check or clearance passed, being cleared for regulated work, compliance declared a non-issue, every rule met
    (r"\b" + _OUR_SIDE + r"\b[^.?!]{0,30}?\b(?:passed|cleared|completed|obtained|got|hold|holds|have|has)\s+(?:all\s+|every\s+|"
     r"the\s+|an?\s+)?(?!your\b|their\b)(?:[\w-]+\s+){0,3}?(?:background|security|criminal|regulatory|compliance|"
     r"" + _STANDARD + r"|(?-i:[A-Z]{2,6}))\s+(?:checks?|clearances?|vetting|screening|sign-?offs?|approvals?|smartcards?|"
     r"badges?)\b"),
    (r"\b" + _OUR_SIDE + r"\b[^.?!]{0,30}?\b(?:passed|completed|hold|holds|have|has|carry|carries)\s+(?:an?\s+|the\s+)?"
     r"(?-i:[A-Z][\w-]+)(?:\s+[\w-]+)?\s+(?:training|certification|accreditation|exams?|clearance|vetting|screening)\b"),
    (r"\b(?:cleared|approved|certified|authori[sz]ed|licensed|accredited)\s+(?:to|for)\s+(?:work (?:on|with|in)|handle|"
     r"process|access|store|touch|work)\s+(?:\w+\s+){0,2}?(?:regulated|sensitive|clinical|patient|payments?|card|"
     r"financial|classified|government|personal|health)\b"),
    (r"\b(?:our side|we|we're|we are|with us|with our (?:team|engineers|people))\b[^.?!]{0,30}?\b(?:meet|meets|satisfy|"
     r"satisfies|comply with|complies with|fulfil\w*|exceed\w*)\s+(?:every|all|each|any|the)\s+(?:of the\s+)?(?:"
     + _STANDARD + r"|regulatory|compliance|security)\s+(?:requirements?|rules?|standards?|regulations?|obligations?|"
     r"controls?)\b"),
    (r"\b" + _OUR_SIDE + r"\b[^.?!]{0,30}\b(?:handles?|takes? care of|covers?|manages?|owns?|sort out|deal with|take over)\s+"
     r"(?:the\s+|your\s+|all\s+(?:the\s+)?)?(?:[\w-]+\s+){0,2}?(?:regulatory|compliance|audit|certification)[\w-]*\s+"
     r"(?:sign-?offs?|approvals?|side|work|burden|questions?|checks?|evidence)\b"),
))
_READY_BY_DESIGN = re.compile(r"\b(?:audit|compliance|regulatory|regulator)[- ]read(?:y|iness)\b|\bcompliant by (?:design|default)\b",
                              _F)
# Compliance declared a non-issue: negated by nature ("compliance won't be an issue with our team").
COMPLIANCE_NON_ISSUE: tuple[re.Pattern, ...] = (re.compile(
    r"\b(?:compliance|regulation|regulatory (?:approval|sign-?off|review)|the regulator|audits?|certification|"
    r"(?:" + _STANDARD + r"))\s+(?:won'?t|will not|shouldn'?t|should not|isn'?t going to|is not going to|need not|"
    r"needn'?t)\s+be\s+(?:an?\s+)?(?:issue|problem|concern|blocker|hurdle|worry|obstacle)\b", _F),)
# A credential written as a hyphenated label on an acronym or a vetting body ("DSPT-assured", "security-cleared"):
# whatever the standard, it claims a status the brief never gives us.
_LABELLED_CREDENTIAL = re.compile(
    r"(?<![\w-])(?:[A-Z][A-Z0-9]{1,6}(?:[- ][A-Z0-9]{1,6})?|(?i:security|government|police|background|fully|pre|"
    r"regulator|industry))-(?i:certified|assured|cleared|"
    r"compliant|accredited|approved|vetted|audited|attested|trained|registered)\b")

# Condescension by structure (v0.3 round 3), beside the marker list in facts: telling the reader what has become
# plain to them, calling their situation basic arithmetic, offering to explain something because people like them are
# presumed not to know it.
# Round 4: a lesson about people in the reader's role, whatever the register: they fail to see what happens in their
# own team ("new VPs mistake activity for progress", "leads rarely notice until ..."), need months before they
# understand it, are the last to find out, or are told what "nobody tells" them.
_ROLES = (r"(?:ctos?|vps?|founders?|(?:tech |team |engineering )?leads|leaders|managers|heads of [\w-]+|executives|execs|"
          r"people in (?:your|her|his|their) (?:seat|position|role|shoes))")
CONDESCENSION: tuple[re.Pattern, ...] = tuple(re.compile(p, _F) for p in (
    (r"\b(?:new |first-time |incoming |most |many )?" + _ROLES + r"\s+(?:(?:rarely|never|seldom|often|usually|typically|"
     r"always|tend to|don'?t|do not|fail to|can'?t|cannot)\s+){1,2}(?:notice|see|spot|realise|realize|understand|grasp|"
     r"know|find out|mistake|misread|underestimate|overlook)\b|\b(?:new |first-time |incoming )" + _ROLES
     + r"\s+(?:mistake|misread|underestimate|overlook|confuse)\b"),
    (r"\b(?:new|first-time|incoming)\s+(?:cto|vp|founder|lead|leader|manager|head of [\w-]+|director|executive)s?\b"
     r"[^.?!;]{0,40}?\b(?:months?|years?|weeks|quarters?|half a year|a while)\b[^.?!;]{0,25}?\bbefore (?:she|he|they|you|one)\s+"
     r"(?:really\s+|fully\s+|finally\s+)?(?:understands?|knows?|sees?|grasps?|gets? (?:it|the)|finds? out)\b"),
    (r"\byou(?:'ll| will|'d| would|'re| are)?\s+(?:\w+\s+)?(?:be\s+)?the last (?:person |one |people )?(?:\w+\s+){0,4}?to "
     r"(?:know|find out|notice|hear|see|learn)\b|\b(?:nobody|no one|no-one)\s+tells\s+(?:you|new|first-time|incoming)\b"),
    (r"\b(?:has|have|will have|must have|should have|'s|is|will|must)\s+(?:\w+\s+)?(?:become|been|be|grown)\s+(?:\w+\s+)?"
     r"(?:clear|obvious|apparent|evident|plain)\s+to\s+you\b"),
    r"\b(?:simple|basic|elementary|plain|schoolbook|grade-school)\s+(?:arithmetic|maths?|logic|economics|common sense)\b",
    # the reader presumed not to know, people in their seat presumed to miss it, the message simplified for them
    (r"\byou (?:may|might|probably|possibly|likely)(?: well)? (?:not|n't) (?:be aware|know|realise|realize|have (?:heard|"
     r"noticed|considered|thought about)|understand|appreciate)\b(?!\s+(?:us|me|tenacious|of us|who we|our|about us|"
     r"yet|whether))"),
    (r"\b(?:most|many|a lot of|plenty of)\s+(?:new\s+|first-time\s+)?(?:ctos?|founders?|leaders?|managers?|vps?|"
     r"engineering leads?|people (?:in|at) your (?:position|seat|stage|level|role))\b[^.?!]{0,30}?\b(?:don'?t|do not|never|"
     r"fail to|rarely|seldom)\s+(?:realise|realize|understand|see|grasp|appreciate|notice|know|get)\b"),
    (r"\b(?:keep (?:this|it) (?:simple|basic)|so (?:it'?s|it is|that it'?s) easy to (?:follow|understand|grasp)|"
     r"in (?:plain|simple) terms|to put it (?:simply|plainly|bluntly))\b"),
    (r"\b(?:it'?s|it is|this is|that'?s|that is)\s+not\s+(?:complicated|hard|difficult|complex|rocket science)\b|"
     r"\bin case (?:it|this|that) (?:isn'?t|wasn'?t|is not|was not) (?:obvious|clear)\b"),
    (r"\b(?:any|every)\s+(?:first-year|junior|competent|good|half-decent|decent|experienced|seasoned|sensible|smart|"
     r"serious|savvy|reasonable)\s+(?:[\w-]+\s+){0,2}?(?:knows|can tell you|understands|will tell you|would have|would)\b"),
    r"\b(?:allow me to|let me|i'?ll|i will|i can)\s+explain what (?:[\w-]+\s+){1,3}(?:means?|is|are)\b",
    (r"\byou (?:probably|likely|may|might|possibly|clearly|obviously)\s+(?:haven'?t|have not|didn'?t|did not|don'?t|do not)\s+"
     r"(?:yet\s+|fully\s+)?(?:thought (?:about|through)|considered|realised|realized|noticed|appreciated?|understood|"
     r"understand|grasp(?:ed)?|know)\b(?!\s+(?:us|me|tenacious|about us|who we))"),
    r"\b(?:i'?m|i am) not sure (?:you|your team) (?:fully |really )?(?:appreciate|understand|realise|realize|grasp|see)\b",
    (r"\b(?:let me|allow me to|i'?ll|i will)\s+(?:spell (?:it|this|that) out|break (?:it|this) down for you|"
     r"put (?:it|this) simply|make (?:it|this) simple)\b|^\s*put simply\b|[.;:]\s*put simply\b"),
    (r"\beven (?:for )?(?:a|an) (?:[\w-]+ )?(?:team|company|firm|startup|start-up|shop|business) (?:like|the size of) yours\b"),
    (r"\b(?:i'?m sure|no doubt|surely|i bet|of course)\s+you(?:'ve| have)?\s+(?:already\s+)?(?:figured|worked|noticed|"
     r"realised|realized|learned|learnt|discovered|seen|found)\b|\byou(?:'ve| have)\s+(?:\w+\s+){0,2}?(?:figured|worked|found|"
     r"learned|learnt|realised|realized|discovered)\s+(?:\w+\s+)?(?:out\s+)?by now\b"),
    r"\b(?:walk|take|talk|run) you through the basics\b|\b(?:explain|teach you) the basics\b",
    (r"\b(?:harder|trickier|more complex|more complicated|slower|costlier|more expensive)\s+than\s+(?:most|many)?\s*"
     r"(?:[\w-]+\s+){0,2}?(?:founders|ctos|people|teams|leaders|managers|companies|firms)\s+(?:assume|think|expect|imagine|"
     r"reali[sz]e|believe|suspect)\b"),
    (r"\b(?:a|an|the)\s+(?:[\w-]+\s+)?(?:team|company|firm|shop|org\w*)\s+(?:of\s+)?(?:your|that|this)\s+size\b"
     r"(?:\s+[\w']+){0,3}?\s+(?:can'?t|cannot|won'?t|couldn'?t|will struggle|isn'?t able|aren'?t able)\b"),
    (r"\b(?:new|novel|unfamiliar|foreign|strange|alien)\s+(?:idea|concept|thing|territory|approach)\s+(?:for|to)\s+(?:a |an )?"
     r"(?:[\w-]+\s+)?(?:company|team|firm|business|startup|shop|people|companies|teams|firms)\s+like (?:yours|you)\b"),
    (r"\beven (?:a|an|the) (?:[\w-]+\s+)?(?:founder|cto|manager|person|child|intern|junior|beginner|layman|outsider)\s+"
     r"(?:can|could|would)\s+(?:see|tell|understand|spot|grasp)\b"),
    (r"\byou(?:'ve| have|'re| are)?\s+(?:clearly|obviously|evidently|plainly)\s+(?:been\s+)?(?:struggl|fail|behind|fall|drown|"
     r"lost|overwhelm|stretch|out of)\w*"),
    (r"\b(?:i doubt|i'?m not (?:sure|convinced)) (?:that )?(?:your|you)\b[^.?!]{0,30}\b(?:has|have|can|could|is|are)\b"
     r"[^.?!]{0,20}\b(?:experience|skills?|capacity|ability|depth|know-how|expertise|able)\b"),
    (r"\bas (?:a )?(?:newcomer|new starter|someone new|new)(?: to [\w ]{1,20})?,\s+you (?:may|might|probably|will|won'?t)\b"),
    (r"\b(?:explain|walk you through|talk you through|take you through|run you through|spell out|break down|teach you)\b"
     r"[^.?!]{0,80}?\b(?:you|your (?:team|industry|sector|side|people)|most|many|typical|traditional)\b[^.?!]{0,40}?"
     r"\b(?:are|is|'re|may be|might be|probably are|will be)?\s*(?:not\s+|less\s+)?(?:used to|familiar with|accustomed to|"
     r"comfortable with|aware of)\b"),
))


# What turns a message to an unclear-fit prospect into a pitch.
_OFFER_NOUN = r"(?:engineers?|developers?|devs|team extension|squads?|pods?|capacity|extra hands|hands|bench|" \
              r"contractors?|specialists?|people|team|folks)"
_PRICE_PITCH = (r"(?:[$€£]\s?\d|\b\d[\d,.]*\s?(?:k|usd|eur|gbp)\b)[^.?!]{0,30}\b(?:a|per|each|every) (?:month|engineer|head)|"
                r"\bper (?:engineer[- ])?month\b|\bmonthly rate\b|\bday rate\b")
PITCH_STRONG: tuple[re.Pattern, ...] = tuple(re.compile(p, _F) for p in (
    (r"\b(?:\d+|two|three|four|five|six|a couple of|a pair of|a few|several)\s+(?:of (?:our|my)\s+)?(?:\w+\s+){0,2}?"
    r"(?:engineers?|engs?|developers?|devs|folks|people|ppl)\b"),
    # round 4: a single engineer of ours ("one of our DevOps engineers", "a single data engineer"), our people's
    # profiles sent ("I'll send two frontend profiles")
    r"\b(?:one of (?:our|my)|a single)\s+(?:[\w-]+\s+){0,2}?(?:engineers?|engs?|developers?|devs?)\b",
    (r"\b(?:send|share|forward|attach|pass on)\w*\s+(?:you\s+|over\s+)?(?:\w+\s+){0,2}?(?:[\w-]+\s+)?(?:profiles?|cvs?|"
     r"r[eé]sum[eé]s?|bios?)\b(?![^.!?]*\?)"),  # said, not asked leave for ("would it help if I shared profiles?")
    _PRICE_PITCH,
    # round 4: our people said to be free or available ("a couple of them are free next month")
    (r"\b(?:(?:our|tenacious'?s?)\s+(?:[\w-]+\s+){0,2}?(?:engineers?|developers?|devs|people|folks)|(?:a couple|two|three|"
     r"some|one|a few|several|both|all|each) of them)\b[^.?!]{0,30}?\b(?:are|is|will be|would be|become)\s+(?:\w+\s+)?"
     r"(?:free|available|on the bench|unassigned)\b"),
    (r"\b(?:could|can|would|will|ready to)\s+(?:\w+\s+){0,2}?(?:start|begin|join|onboard|kick off|pick (?:it |this |that )?up|"
    r"take (?:it|this|that) on|jump in|hop in)\b[^.?!]{0,30}"
    r"\b(?:monday|tuesday|wednesday|thursday|friday|next week|this week|this month|next month|tomorrow|"
    r"immediately|right away|straight away|in (?:a|one|two) weeks?|within (?:a|the|one|two) (?:fortnight|weeks?|month))\b"),
    # v0.3: our people offered with their availability, or described as joining the reader's project for a term
    (r"\b(?:we|tenacious|i)\s+(?:have|has|'ve got|can offer|can put)\b[^.?!]{0,60}?\b(?:engineers?|developers?|devs)\b"
     r"[^.?!]{0,60}?\b(?:could|can|would|ready to|free to|available to)\s+(?:\w+\s+){0,2}?(?:join|start|begin|pick|"
     r"help|take|work|jump|hop)\w*"),
    (r"\bour (?:engineers|developers|people|team|devs)\b[^.?!]{0,60}?\b(?:are|were|would be|will be)?\s*(?:joining|join|"
     r"embedded|embed|working (?:with|alongside))\b[^.?!]{0,40}?\b(?:months?|weeks?|sprints?|quarters?)\b"),
    # v0.3 round 3: a question with our people doing the work ("could our Addis team take some of it on?"), a benefit
    # question that names our people as the help ("would your team benefit from our engineers?")
    (r"\b(?:could|can|would|shall|might)\s+(?:our|tenacious'?s?|we)\b[^.?!]{0,30}?\b(?:take|help|handle|pick up|join|cover|"
     r"carry|build|support|absorb|staff|plug)\b"),
    (r"\b(?:would|could|might)\b[^.?!]{0,40}\b(?:benefit from|use|need|want|welcome|like)\b[^.?!]{0,40}\b(?:our|tenacious'?s?)\s+"
     r"(?:[\w-]+\s+){0,2}?(?:engineers?|developers?|people|team|bench|capacity)\b"),
))
PITCH_WEAK: tuple[re.Pattern, ...] = tuple(re.compile(p, _F) for p in (
    r"\b(?:we|tenacious|our team|i)\s+(?:\w+\s+){0,2}?(?:place|provide|offer|supply|staff|embed|plug|spin up|help|"
    r"helps|scale|grow|strengthen|support|speed up|unblock|line up|lend|loan|send|"
    r"assign|deploy|extend|augment|bring|add|put)\b[^.?!]{0,50}\b" + _OFFER_NOUN + r"\b",
    r"\b(?:would|could|wouldn't|might)\s+(?:\w+\s+){0,4}?(?:having|adding|bringing in|an extra|a few|some extra|"
    r"extra|more|a dedicated|a small)\s+(?:\w+\s+){0,3}?" + _OFFER_NOUN + r"\b",
    (r"\bwhat if (?:you|your team) (?:had|could|added|brought)\b|\bimagine (?:if|having|your)\b|"
    r"\bhow much (?:faster|sooner|more)\b"),
    r"\bour (?:engineers|developers|team|people|bench|squads?|pods?)\b[^.?!]{0,40}\b(?:could|can|would|will)\b",
    # v0.3 round 3: a benefit question with us as the actor ("would it help if we took the backlog on?")
    r"\b(?:would|could|might) it help (?:you |your team )?if\b[^.?!]{0,40}\b(?:we|our|us|tenacious)\b",
))


def _spans(patterns: tuple[re.Pattern, ...], text: str, negatable: bool) -> list[tuple[int, int, str]]:
    out = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            if negatable and (_NEGATED.search(text[max(0, match.start() - 40):match.start()])
                              or _NEGATION_INSIDE.search(match.group(0))):
                continue  # "we can't guarantee", "we are not certified for HIPAA"
            out.append((match.start(), match.end(), match.group(0)))
    return sorted(out)


def pressure(text: str) -> list[tuple[int, int, str]]:
    """Fake urgency or scarcity aimed at the reader."""
    return sorted(_spans(PRESSURE, text, negatable=True) + _spans(PRESSURE_ADVICE + (_NOT_FOR_LONG, _FAR_OFF), text, negatable=False))


def over_promises(text: str) -> list[tuple[int, int, str]]:
    """Guarantees and outcomes nobody can give; negated ones excepted, and so is the end of our own term ("the pilot
    would be finished by March")."""
    spans = [span for span in _spans(OVER_PROMISE, text, negatable=True)
             if not _OUR_TERM.search(text[max(0, span[0] - 40):span[0]]) and not _OURS_DELIVERED.search(_clause(text, span))]
    return sorted(spans + _spans(NO_FAILURE, text, negatable=False) + _promised_outcomes(text))


# A promise that nothing will go wrong is negated by nature ("the release will not slip").
NO_FAILURE: tuple[re.Pattern, ...] = (re.compile(
    r"\b(?:will|would|shall|'ll)\s*(?:not|n't|never)\s+(?:ever\s+)?(?:slip|miss (?:a|the|your|any)|fail|be late|overrun|"
    r"let you down|drop the ball|disappoint)\b|\bwon'?t (?:ever\s+)?(?:slip|miss (?:a|the|your|any)|fail|be late|overrun|"
    r"let you down|drop the ball)\b|\brest assured\b|\bi can assure you\b|\bconsider (?:it|the \w+) done\b|"
    # round 4: the outcome backed by a remedy if it fails ("live by week six, on us if not", "free if it slips")
    r"\b(?:on us|on the house|free|no charge|for free|we pay|money back|full refund|you pay nothing)\s+(?:if|should)\s+"
    r"(?:not|it (?:doesn'?t|does not|isn'?t|is not|fails|slips)|we (?:miss|fail|don'?t)|(?:the \w+ )?(?:isn'?t|doesn'?t))\b", _F),)

# The composition an outcome promise has in any wording: in one clause a word of certainty, an outcome of the work
# and a time bound, the certainty first ("give us six weeks and the migration will be done", "by Easter you'd have a
# working app"), with no hedge or condition and no negation; our own deliverables (a summary, the profiles) and terms
# excepted. A dash or a bracket ends the clause ("I'd put forward Liya - she finished her last project in May").
_CERTAIN = re.compile(r"\b(?:will|would|shall|going to|certain|certainly|definitely|assured?|guarantee\w*|no question|"
                      r"no doubt|without fail|consider|trust me|safe bet|make sure|expect|absolutely)\b|'ll\b|'d\b", _F)
_OUTCOME = re.compile(r"\b(?:" + _DONE + r"|done|empty|gone|landed|a (?:fully )?working|fully working|"
                      r"finish(?:ed|es)?|clear(?:ed|s)? (?:the|your|it|that|this|out|every|all)|released|launched|"
                      r"in (?:the )?(?:stores?|app stores?|prod|users' hands)|out the door|over the line|wrapped|be up(?= by| before| in time)|"
                      r"double[sd]?|on time|ship(?:ped|s)? (?:the|your|it)|"
                      r"deliver(?:ed|s)? (?:the|your|it)|complete[sd]? (?:the|your|it)|halve[sd]?|"
                      r"hit (?:your|the) (?:[\w-]+ ){0,2}(?:date|deadline|launch|milestone|target)|"
                      # round 4: a result declared fit for use ("a model validated and ready for your clinicians")
                      r"validated|production[- ]ready|ready (?:for|to) (?:[\w-]+ ){0,3}?(?:use|go live|ship|launch)|"
                      r"back (?:up )?to (?:[\w-]+ ){0,2}?(?:levels?|normal|speed|full (?:speed|strength)|where (?:it|you) (?:was|were)))\b",
                      _F)
_ON_TIME = re.compile(r"\bhit (?:your|the) (?:[\w-]+ ){0,2}(?:date|deadline|launch|milestone|target)\b", _F)
_TIME_BOUND = re.compile(_DEADLINE + r"|\b(?:this|next) (?:week|month|quarter|sprint)\b|\b(?:by|before) the \d{1,2}(?:st|nd|rd|th)\b|"
                         r"\b(?:by|before|for) (?:black friday|cyber monday|launch day|go-live|the launch|kick-off)\b|\b(?:in|within|inside)\s+(?:the\s+)?(?:a|an|one|two|three|four|five|six|eight|ten|\d+)[\s-]+"
                         r"(?:days?|weeks?|wks?|months?|mths?|mos|fortnights?|sprints?)\b|\bwithin a fortnight\b|\bgive us (?:\w+\s+){1,2}?"
                         r"(?:days?|weeks?|months?|sprints?)\b|\b(?:from|on|by) day (?:one|1)\b|\bby the end of (?:it|that)\b", _F)
_UNSURE = re.compile(r"\b(?:could|might|may|aim\w*|hop(?:e|es|ed|ing)|try\w*|target\w*|ideally|realistic\w*|"
                     r"possibl\w*|perhaps|likely|estimate\w*|depend\w*|if|unless|assuming|provided|should|"
                     r"plan\w*|roughly|typically|usually|often)\b", _F)
_OURS_DELIVERED = re.compile(r"\b(?:summary|summaries|profiles?|cvs?|proposal|note|deck|write-?up|quote|outline|details|"
                             r"one-pager|page|sample|case study|contract|invoice|agenda|slides|recording|walkthrough|"
                             r"intro(?:duction)?|reply|answer)\b", _F)
_TERM_ENDS = re.compile(r"\b(?:pilot|trial|engagement|contract|commitment|notice period|call|current project|"
                        r"assignment)\s+(?:itself\s+)?(?:would|will|'ll|is|ends?|finish\w*|runs?|wraps?)\b", _F)
_CLAUSE = re.compile(r"(?:[^.?!;\n\u2014\u2013(]|(?<=\w)[\u2013-](?=\w))+")
_NOT_BEFORE = re.compile(r"\b(?:no|cannot|can't|neither|nor|without)\b", _F)
# A finite verb right after its subject, no modal between: what someone did, not what we promise ("who finished").
_REPORTED = re.compile(r"\b(?:who|which|she|he|they|it)\s+(?:had\s+|has\s+|have\s+|just\s+|already\s+)*$", _F)


def _clause(text: str, span: tuple[int, int, str]) -> str:
    """The clause (between . ? ! ; or a line break) around a span."""
    start = max(text.rfind(mark, 0, span[0]) for mark in ".?!;\n") + 1
    ends = [at for at in (text.find(mark, span[1]) for mark in ".?!;\n") if at >= 0]
    return text[start:min(ends) if ends else len(text)]


def _promised_outcomes(text: str) -> list[tuple[int, int, str]]:
    out = []
    for clause in _CLAUSE.finditer(text):
        said = clause.group(0)
        outcome = _OUTCOME.search(said)
        certain = _CERTAIN.search(said)
        if not outcome or not certain or certain.start() > outcome.start() or _UNSURE.search(said):
            continue
        if not (_TIME_BOUND.search(said) or _ON_TIME.search(said)):
            continue
        before = said[:outcome.start()]
        if _NEGATION_INSIDE.search(before) or _NOT_BEFORE.search(before) or _REPORTED.search(before):
            continue
        if _OURS_DELIVERED.search(said) or _TERM_ENDS.search(said):
            continue
        lead = len(said) - len(said.lstrip())
        out.append((clause.start() + lead, clause.end(), said.strip()))
    return out


# The subject is a term of ours (a pilot, a commitment), whose end is a date, not an outcome promised.
_OUR_TERM = re.compile(r"\b(?:pilot|trial|engagement|contract|commitment|notice period|current project|assignment|"
                       r"call|review)(?:\s+(?:itself|period|phase))?\s*$", _F)


def condescension(text: str) -> list[tuple[int, int, str]]:
    """Talking down by structure: the reader told what is plain to them, or offered a lesson people like them need."""
    return _spans(CONDESCENSION, text, negatable=False)


def regulated_claims(text: str) -> list[tuple[int, int, str]]:
    """Our certification or compliance status, or taking over the reader's audit; negated ones excepted."""
    spans = (_spans(REGULATED_CLAIM, text, negatable=True) + _spans((_LABELLED_CREDENTIAL,), text, negatable=True)
             + _spans(COMPLIANCE_NON_ISSUE + (_READY_BY_DESIGN,), text, negatable=False))
    return sorted(span for span in spans if not _theirs(text, span))


# The status is the reader's own ("your HIPAA-compliant environment", "inside your ISO-certified setup").
_THEIRS = re.compile(r"\b(?:your|their|its)\s+(?:own\s+)?(?:[\w-]+[\s-]+)?$", _F)


_CREDENTIAL_END = re.compile(r"(?:certified|compliant|accredited|approved|audited|cleared|assured|vetted|attested|"
                             r"trained|registered|validated|ready)$", _F)


def _theirs(text: str, span: tuple[int, int, str]) -> bool:
    """The span, or the credential word that ends it, is governed by the reader's possessive."""
    end = _CREDENTIAL_END.search(span[2])
    return any(_THEIRS.search(text[max(0, at - 30):at]) for at in (span[0], span[1] - len(end.group(0)) if end else None)
               if at is not None)


def people_offered(text: str) -> list[tuple[int, int, str]]:
    """Our people offered (a figure of engineers, one included, their profiles, their start or availability), not
    negated; a price alone is no offer of people."""
    return _spans(tuple(p for p in PITCH_STRONG if p.pattern != _PRICE_PITCH) + (_ONE_ENGINEER,), text, negatable=True)


# After a no, even one engineer named is our offer again ("two weeks, one engineer, pay only if happy"); to a prospect
# we only hold back with, "one engineer is free" may answer the brief's own offer, so the pitch check leaves it.
_ONE_ENGINEER = re.compile(r"\bone\s+(?!of\b)(?:[\w-]+\s+){0,2}?(?:engineers?|engs?|developers?|devs?)\b", _F)


def pitch_signals(text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """(strong, weak) pitch signals: a figure of engineers, a price or a start date; an offer or benefit line."""
    return _spans(PITCH_STRONG, text, negatable=True), _spans(PITCH_WEAK, text, negatable=True)


# An instruction that tells the writer to hold back and ask first.
HOLD_BACK = re.compile(
    r"\b(?:don'?t|do not|no|without|avoid|not to|never|rather than|instead of)\s+(?:\w+\s+){0,2}?(?:pitch\w*|sell\w*|"
    r"push\w*|offer\w*|propos\w*|mention\w* (?:our|the|any) (?:offer|bench|rates?|prices?|engineers?))|"
    r"\bhold (?:back|off)\b|\bask (?:first|before)\b|\bonly ask\b|\bjust ask\b|"
    r"\bexploratory\b|\bno hard sell\b|"
    r"\bqualif(?:y|ying) (?:question|first)\b|\bnot (?:a |the )?(?:pitch|sales)\b",
    _F)


def told_to_hold_back(instruction: str) -> bool:
    """The task's instruction says to ask first instead of pitching."""
    return HOLD_BACK.search(instruction) is not None
