"""Vendor facts about Tenacious, in one place.

Every generator, the scorer, the mutator, the judge rules and the prompts read their facts from
here, so a fact changed here changes the whole benchmark consistently. All names are fictional
and all phrases are written by this project.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

# --- Who we sell to -------------------------------------------------------------------------

# The four ICP segments plus `abstain`. The fingerprint is the set of phrases that mark a pitch
# as aimed at that segment; the scorer's ICP-fit dimension looks for the task's own fingerprint
# and penalises another segment's. Phrases are lower-case and matched as substrings of the
# lower-cased email, so each is chosen to be specific to one segment.
SEGMENTS: dict[str, dict] = {
    "segment_1": {
        "name": "Freshly funded, scaling fast",
        "description": "Seed to Series B companies that just raised and must grow engineering faster "
        "than they can hire locally.",
        "fingerprint": ("scale the team", "hiring ramp", "growth plan", "ship the roadmap sooner",
                        "runway"),
    },
    "segment_2": {
        "name": "Cost pressure and restructuring",
        "description": "Mid-market companies cutting burn or restructuring that still have to keep "
        "delivery moving with a smaller in-house team.",
        "fingerprint": ("cost per engineer", "lower burn", "leaner team", "keep delivery moving",
                        "budget pressure"),
    },
    "segment_3": {
        "name": "New engineering leadership",
        "description": "A new CTO or VP Engineering in their first months, re-planning the roadmap and "
        "the team shape.",
        "fingerprint": ("first quarter in the role", "new mandate", "team shape", "early wins",
                        "leadership transition"),
    },
    "segment_4": {
        "name": "Specialist capability gap",
        "description": "AI-ready companies (maturity 2+) missing a specialist skill such as ML "
        "engineering, data platform or MLOps.",
        "fingerprint": ("capability gap", "specialist engineers", "specialist skills", "data platform",
                        "skills your team lacks"),
    },
    "abstain": {
        "name": "Unclear fit",
        "description": "Signals too weak or mixed to pick a segment: ask an exploratory question "
        "instead of pitching.",
        "fingerprint": (),
    },
}
SEGMENT_IDS: tuple[str, ...] = ("segment_1", "segment_2", "segment_3", "segment_4", "abstain")
PITCH_SEGMENTS: tuple[str, ...] = SEGMENT_IDS[:4]

# AI maturity 0-3 as judged from public signals. The gate: no AI/ML capability pitch below 2.
AI_MATURITY: dict[int, str] = {
    0: "no visible AI or data work",
    1: "exploring: talks about AI, no team or product use yet",
    2: "building: a small AI/ML team or AI features in production",
    3: "AI-native: AI is core to the product and the hiring plan",
}
AI_PITCH_MIN_MATURITY = 2
# Phrases that make a sentence an AI/ML capability pitch (regex fragments, case-insensitive,
# matched on word boundaries by the scorer). A question about AI is not a pitch.
AI_PITCH_TERMS: tuple[str, ...] = (
    r"ai", r"a\.i\.", r"artificial intelligence", r"ml", r"machine learning", r"mlops", r"llms?", r"genai",
    r"generative ai", r"ai agents?", r"fine-tun\w*", r"model training", r"rag", r"computer vision", r"ai-powered",
    r"deep learning", r"gpt\w*", r"chatgpt", r"chatbots?", r"copilots?", r"nlp", r"neural \w+",
    r"predictive models?", r"data science", r"recommendation (engine|model)s?", r"forecasting models?",
)
# What turns a sentence about AI into a pitch: we offer it, or we suggest the reader adopt it. A question
# about the reader's own plans ("Is AI on your roadmap?") carries neither and is not a pitch.
AI_OFFER_MARKERS: tuple[str, ...] = (
    r"we", r"our", r"us", r"tenacious", r"i can", r"i could", r"let me",
)
AI_SUGGESTION_MARKERS: tuple[str, ...] = (
    r"you (should|could|need to|must|might want to|ought to)", r"(have you|ever) (considered|thought about)",
    r"(want|like|keen|interested|open) (to|in) (add|build|adopt|explor|try|bring|start|roll)\w*",
    r"time to (add|adopt|build|start)", r"could do for", r"add(ing)? (ai|ml|machine learning|an? \w+ model)",
    r"bring(ing)? (ai|ml|machine learning)", r"adopt(ing)? (ai|ml|machine learning)",
)

CONFIDENCE_LEVELS: tuple[str, ...] = ("high", "medium", "low", "insufficient_signal")

# --- Where we work ----------------------------------------------------------------------------

# Prospect HQ zones (IANA names). Offsets are never hard-coded: every conversion goes through
# zoneinfo on the slot's date, because a Berlin or New York slot moves by an hour against EAT
# between winter and summer (EAT itself has no daylight saving time).
TIMEZONES: tuple[str, ...] = (
    "Africa/Addis_Ababa", "America/Los_Angeles", "America/New_York", "Europe/Berlin", "Europe/London",
)
DELIVERY_TZ = "Africa/Addis_Ababa"  # EAT, UTC+3: where the Tenacious engineers sit
# A slot named by weekday only ("Tuesday at 10:00 CET") is read in the week that starts on this
# Monday (winter, standard time everywhere). Slots that name a date are read on that date; a date
# without a year is read in REFERENCE_WEEK's year.
REFERENCE_WEEK = date(2026, 1, 12)
# The weeks our own style-guide drafts schedule into: one winter and one summer week, so chosen drafts
# show the daylight-saving arithmetic both ways.
SLOT_WEEKS: tuple[date, ...] = (date(2026, 1, 12), date(2026, 7, 13))
# Names an email may use for each zone (abbreviations matched case-sensitively, names not). The
# first label is the zone's standard-time abbreviation; `zone_label` gives the one right for a date.
TZ_LABELS: dict[str, tuple[str, ...]] = {
    "Europe/Berlin": ("CET", "CEST", "Berlin time", "Central European time", "German time", "Frankfurt time"),
    "Europe/London": ("GMT", "BST", "London time", "UK time", "British time"),
    "America/New_York": ("ET", "EST", "EDT", "New York time", "Eastern time", "NYC time"),
    "America/Los_Angeles": ("PT", "PST", "PDT", "Pacific time", "Los Angeles time", "LA time", "SF time"),
    "Africa/Addis_Ababa": ("EAT", "Addis time", "Addis Ababa time", "East Africa time"),
}
# Region and city words that name a zone only right after a clock time ("09:00 Eastern", "17:00 Addis"): alone
# they are places ("Eastern Europe"), so the scheduling check reads them as zones only in a slot.
CLOCK_ZONE_WORDS: dict[str, tuple[str, ...]] = {
    "Europe/Berlin": ("Berlin", "Central European", "German", "Frankfurt", "Munich", "Hamburg"),
    "Europe/London": ("London", "UK", "British", "Manchester"),
    "America/New_York": ("Eastern", "New York", "NYC", "Boston"),
    "America/Los_Angeles": ("Pacific", "Los Angeles", "San Francisco", "Seattle"),
    "Africa/Addis_Ababa": ("Addis", "Addis Ababa", "East Africa", "Ethiopian", "Ethiopia"),
}
# Abbreviations that pin a fixed UTC offset. "CET" on a July date is a daylight-saving mistake: the
# time is read at the fixed offset and the label is reported as wrong for that date.
FIXED_LABEL_OFFSETS: dict[str, float] = {
    "CET": 1, "CEST": 2, "GMT": 0, "BST": 1, "EST": -5, "EDT": -4, "PST": -8, "PDT": -7, "EAT": 3,
}
# Zone names an email may use that are none of the five (always wrong for a prospect).
OTHER_TZ_LABELS: tuple[str, ...] = ("UTC", "CST", "CDT", "MST", "MDT", "IST", "JST", "AEST", "SGT", "MSK",
                                    "WAT", "CAT", "HKT", "Central time", "Mountain time", "Tokyo time")

# EAT working hours (local) and the prospect-side meeting band (local) inside which cold-outreach
# calls are proposed. Their intersection on a given date is the overlap window.
EAT_WORKING_HOURS: tuple[int, int] = (8, 18)
PROSPECT_MEETING_HOURS: tuple[int, int] = (9, 14)


def utc_offset(zone: str, day: date, hour: float = 12.0) -> float:
    """Hours east of UTC in `zone` at local `hour` on `day` (zoneinfo: real daylight-saving rules)."""
    local = datetime.combine(day, time(int(hour) % 24, round((hour % 1) * 60) % 60), ZoneInfo(zone))
    return local.utcoffset().total_seconds() / 3600


def zone_label(zone: str, day: date) -> str:
    """The abbreviation right for `zone` on `day` (CET in January, CEST in July; EAT all year)."""
    return datetime.combine(day, time(12), ZoneInfo(zone)).tzname()


def overlap_window(zone: str, day: date) -> tuple[int, int] | None:
    """Prospect-local [start, end) hours on `day` where both sides are available; None when empty."""
    shift = utc_offset(DELIVERY_TZ, day) - utc_offset(zone, day)  # EAT hour = local hour + shift
    start = max(PROSPECT_MEETING_HOURS[0], EAT_WORKING_HOURS[0] - shift)
    end = min(PROSPECT_MEETING_HOURS[1], EAT_WORKING_HOURS[1] - shift)
    return (int(start), int(end)) if end > start else None


# Overlap windows on REFERENCE_WEEK (winter): 5 h with Berlin/London (and Addis), 1 h with New York
# (2 h in summer), none with Los Angeles all year (offer an async option instead of a live slot).
OVERLAP_WINDOWS: dict[str, tuple[int, int] | None] = {zone: overlap_window(zone, REFERENCE_WEEK)
                                                      for zone in TIMEZONES}


def local_to_eat(zone: str, hour: int, day: date = REFERENCE_WEEK) -> int:
    """The EAT hour (0-23) that matches `hour` in `zone` on `day`."""
    return int(hour + utc_offset(DELIVERY_TZ, day) - utc_offset(zone, day, hour)) % 24


# --- What we sell -----------------------------------------------------------------------------

# The synthetic bench: fictional engineers per stack. A context's `bench` is this roster minus
# the engineers committed elsewhere (prior_commitments).
BENCH_ROSTER: dict[str, tuple[str, ...]] = {
    "python": ("Hanna Bekele", "Yonas Tadesse", "Selam Girma", "Dawit Haile", "Liya Mengistu",
               "Samuel Abate"),
    "go": ("Meron Wolde", "Kaleb Fikru", "Ruth Asfaw"),
    "data": ("Eden Tsegaye", "Nahom Desta", "Saron Alemu", "Biniam Kebede"),
    "ml": ("Tigist Worku", "Abel Negash", "Marta Yilma"),
    "frontend": ("Feven Hailu", "Robel Ayele", "Bethel Tefera", "Natnael Berhe", "Lidya Assefa"),
    "devops": ("Henok Gebre", "Mahlet Demissie", "Yared Lulseged"),
    "mobile": ("Sara Kidane", "Elias Mulugeta"),
}
BENCH_STACKS: tuple[str, ...] = tuple(sorted(BENCH_ROSTER))
# How each stack is written in an email ("two go engineers" and "two Go engineers" both parse).
STACK_LABELS: dict[str, str] = {
    "python": "Python", "go": "Go", "data": "data", "ml": "ML", "frontend": "frontend",
    "devops": "DevOps", "mobile": "mobile",
}
# Other ways an email names each stack when offering engineers ("five Golang engineers").
STACK_ALIASES: dict[str, tuple[str, ...]] = {
    "python": ("Python", "Django", "backend Python"),
    "go": ("Go", "Golang", "Go-lang"),
    "data": ("data", "data platform", "analytics"),
    "ml": ("ML", "machine learning", "AI", "MLOps"),
    "frontend": ("frontend", "front-end", "front end", "React", "web"),
    "devops": ("DevOps", "SRE", "platform", "infrastructure", "cloud"),
    "mobile": ("mobile", "iOS", "Android"),
}

# Public price bands, USD per engineer-month. Quoting a band is allowed; inventing a contract
# total is not (hard cap in the scorer).
PRICE_BANDS_USD_PER_MONTH: dict[str, tuple[int, int]] = {
    "mid": (4800, 6500),
    "senior": (6500, 9000),
    "lead": (9000, 11500),
}

# --- How we write -----------------------------------------------------------------------------

WORD_LIMIT = 120          # body words, cold email
SUBJECT_MAX_CHARS = 59    # subject must be shorter than 60 characters
MAX_ASKS = 1              # one ask per message

# Our own list of sales clichés; any one in a draft costs tone. Matched on normalised, lower-cased
# text with a hyphen and a space treated alike ("world class" = "world-class").
BANNED_PHRASES: tuple[str, ...] = (
    "world-class", "top talent", "circling back", "circle back", "synergy", "synergies", "game-changer",
    "game-changing", "cutting-edge", "bleeding-edge", "best-in-class", "best of breed", "rockstar", "ninja",
    "just checking in", "touching base", "touch base", "low-hanging fruit", "move the needle",
    "paradigm shift", "revolutionize", "revolutionise", "unlock your potential", "hit the ground running",
    "think outside the box", "win-win", "supercharge", "next-level", "take it to the next level",
    "deep dive", "as per my last email", "per my last email", "hope this email finds you well",
    "hope this finds you well", "no-brainer", "guaranteed results", "seamless integration", "rock-solid",
    "elite engineers", "a-players", "crush your roadmap", "skyrocket", "10x your", "industry-leading",
    "state-of-the-art", "one-stop shop", "turnkey solution", "disrupt the market", "unicorn team",
    "dream team", "value-add", "leverage our", "world class", "thought leader", "don't miss out",
)

# Phrases and patterns that talk down to, or insult, the reader (regex fragments, case-insensitive).
CONDESCENSION_MARKERS: tuple[str, ...] = (
    r"as you (probably|surely|must) know", r"obviously", r"you may not reali[sz]e", r"you (probably )?don'?t reali[sz]e",
    r"falling behind", r"behind the curve", r"let me explain", r"(it'?s )?not rocket science", r"surely you",
    r"you should have", r"a basic mistake", r"even your team", r"any (competent|serious|decent) (team|cto|company)",
    r"wake up", r"let'?s be honest", r"let me be (blunt|frank)", r"no offen[cs]e", r"frankly,? your",
    r"you clearly", r"you don'?t (seem to )?understand", r"left behind", r"you need us", r"simply put",
    r"in case you (didn'?t|did not) know", r"newsflash", r"i'?m sure even you",
    r"(that|it)'?s (just|simple|basic|only) (arithmetic|math|maths|logic|common sense)",
    (r"(a team (of )?your size|your (small |little )?(team|people|engineers|developers|staff))[^.?!]{0,30}"
    r"(can'?t|cannot|won'?t be able to|isn'?t able to|aren'?t able to|couldn'?t|will struggle to) (really |possibly |"
    r"realistically |honestly )?(carry|handle|manage|cope|keep up|deliver|ship|do (it|this|that))"),
    r"as (i'?m|i am) sure you'?re aware", r"as everyone knows", r"as any \w+ knows", r"you (surely|must) (know|have noticed)",
    r"not a knock on you", r"(don'?t|do not) take (this|it) the wrong way", r"with (all due )?respect",
    r"i'?m not saying you", r"(tend to|usually|always|typically|often|inevitably|invariably) (\w+ ){0,3}(the )?wrong",
    r"you'?ve (probably|surely|no doubt) (noticed|realised|realized|seen|figured)", r"a team (of )?that size",
    r"(isn'?t|aren'?t|is not|are not|wasn'?t) (really |just )?(built|equipped|big enough|able) to (carry|handle|cope)",
    # v0.3: telling the reader what people in their seat fail to see, presuming they found a mess, coaching them
    (r"(you|ctos?|founders?|leaders?|managers?|vps?|people|teams)( \w+){0,2} (usually |often |rarely |seldom |never |"
     r"typically )?(do not|don'?t|fail to|won'?t|rarely|seldom|never) (notice|see|spot|reali[sz]e|grasp|appreciate|"
     r"understand)\w*[^.?!]{0,60}(until|before) (it'?s|it is) too late"),
    r"until (it'?s|it is) too late", r"(so )?i thought you should know",
    (r"(you(?:'ll| will| would| may| might)? )?(doubtless|no doubt|surely) (have |already )?(discovered|found|realised|"
    r"realized|noticed|learned|learnt) (by now )?that"),
    r"(more|worse) than you bargained for", r"left to (its|their|your) own devices", r"out of (your|their) depth",
    r"in over (your|their) heads?", r"(do )?go easy on (your|the) expectations", r"(lower|manage|temper) your expectations",
    r"as you(?:'ll| will)? (know|have seen|have learned|have learnt) from (having|your own)",
    (r"(new|junior|fresh) (leads?|hires?|engineers?|people) (rarely|seldom|never|don'?t|do not) (contribute|deliver|"
    r"add|achieve)"),
    # v0.3 round 2: telling the reader what they are presumed to know already, defining their own field's terms
    r"(you|u) (probably|surely|must|no doubt|certainly|likely) (already )?know (this|that|it)\b",
    r"(you|u)('ve| have) (probably|surely|no doubt) (already )?heard (this|it|that)",
    (r"(for context|to be clear|just so (you know|we're clear)|to clarify|by way of background|for the record)\s*[:,-]\s*"
     r"[^.?!]{0,60}\b(here )?(means|is defined as|refers to|stands for)\b"),
    r"(is|are) not the same (thing )?as (simply|just|merely)\b", r"\w+ here means\b",
    r"in case (you'?re|you are) not familiar", r"(a|the) (basic|simple) (idea|point|concept) (here )?is\b",
    r"(more|much more|far more|a lot more) (complex|complicated|difficult|involved) than (it|they) (looks?|seems?|appears?)",
    (r"(harder|trickier|more complex|more complicated) than (you|most people|people|newcomers|outsiders) (think|might think|"
     r"imagine|expect|reali[sz]e)"),
)
# Judgements of the reader's company that insult rather than observe ("your roadmap is a mess").
INSULT_PATTERN = (
    r"\byour (team|teams|roadmap|code|codebase|product|stack|hiring|process|engineering|org|company|platform|"
    r"architecture|app|website|leadership|cto|developers|engineers)\b[^.?!]{0,25}\b(is|are|looks|seems|was|were)\b"
    r"[^.?!]{0,15}\b(a mess|messy|broken|a disaster|chaotic|behind|weak|poor|bad|terrible|awful|outdated|"
    r"amateur\w*|sloppy|embarrassing|failing|slow|incompetent|useless|a joke|clueless|struggling)\b"
)
INSULT_WORDS: tuple[str, ...] = (
    r"incompetent", r"clueless", r"amateurish", r"pathetic", r"embarrassing", r"a joke", r"dinosaurs?",
    r"idiots?", r"stupid", r"a mess", r"laughable", r"hopeless",
)
# Hearsay: a claim the writer cannot source. It is never a hedge; it costs grounding.
GOSSIP_MARKERS: tuple[str, ...] = (
    r"reportedly", r"i (heard|hear|have heard|'ve heard)", r"rumou?rs?", r"rumou?red", r"word (is|has it|on the street)",
    r"sources (say|tell|close)", r"apparently", r"gossip", r"a little bird", r"between (us|you and me)",
    r"i'?ve been told", r"i was told", r"people are saying", r"the grapevine", r"someone (told|mentioned)",
    r"insiders?", r"off the record", r"behind closed doors",
)
# Hedges that mark a medium/low-confidence signal as uncertain (questions count too).
HEDGES: tuple[str, ...] = (
    r"if i (read|am reading|'m reading|understood|understand|saw) (that|this|it)? ?(right|correctly)",
    r"if i read", r"it looks like", r"looks like", r"it seems", r"seems", r"seem to", r"appears?", r"might",
    r"may have", r"may be", r"perhaps", r"possibly", r"probably", r"i believe", r"i understand",
    r"if i understood", r"correct me", r"if that'?s right", r"if that is right", r"if accurate",
    r"unless i'?m wrong", r"unless i am wrong", r"from what i (can see|gather|saw|read)", r"as far as i can tell",
    r"my read is", r"i gather", r"if i'?m not mistaken", r"i may be wrong", r"i could be wrong", r"not sure if",
    r"i'?m not sure", r"i wonder", r"guessing", r"i think", r"my impression", r"it sounds like", r"sounds like",
    r"suggests?", r"if so", r"if (true|correct|current|accurate|right)",
    (r"if (those|that|this|these|it|they) (is|are|'s|'re|was|were)? ?(still )?(current|right|accurate|correct|true|"
    r"up to date|live)"), r"may", r"could be", r"(some|many|a few|several) (of them )?(may|might|could) be",
    r"unconfirmed", r"not confirmed", r"if i'?m reading", r"reading (it|that|this) right", r"i'?m told",
    r"if (the )?(\w+ ){0,3}(has|have|got) (it|that|this) right", r"hints?", r"by the sound of it", r"if that'?s the case",
    # v0.3: the source's reliability put in question ("if the job boards are right"), approximate figures
    r"if (the |my |your )?(\w+ ){0,2}(is|are|was|were) (right|correct|accurate|current|to be believed)",
    r"or thereabouts", r"or so", r"roughly", r"around", r"approximately", r"give or take",
    r"(i'?m|i am) (less |not (entirely |completely |fully |quite )?)(sure|certain)", r"not certain",
    # v0.3 round 2: a condition on the signal still holding, the writer disclaiming its accuracy
    (r"if (the |those |these |that |this )?[^.?!,]{0,60}\b(is|are|was|were) still (open|live|current|up|there|listed|"
     r"accurate|right|valid)"), r"no idea (how|if|whether)", r"not assuming", r"(can'?t|cannot) (vouch|confirm|verify)",
    r"unverified", r"not (yet )?verified", r"with a (grain|pinch) of salt",
)
# Words that make a sentence prose rather than a list of keywords (a sentence needs two of them).
FUNCTION_WORDS: frozenset[str] = frozenset((
    "a", "an", "the", "to", "of", "for", "with", "and", "or", "but", "we", "you", "your", "our", "i", "is",
    "are", "was", "be", "can", "could", "would", "will", "it", "that", "this", "in", "on", "at", "if", "as",
    "from", "by", "so", "my", "me", "us", "they", "their", "has", "have", "had", "not", "do", "does", "what",
    "how", "when", "which", "who", "about", "into", "than", "still", "just", "any", "some", "all",
))

# Segment angles: regex concepts (case-insensitive, on normalised text) that show a pitch is aimed at a
# segment. Several concepts per segment and free wording between words; the scorer credits the
# prospect's own segment and penalises a concept that belongs only to another segment.
SEGMENT_ANGLES: dict[str, tuple[str, ...]] = {
    "segment_1": (
        r"scal(e|ing) (up )?(the|your) (team|engineering|org\w*)", r"hiring (ramp|plan|pace)", r"growth plan",
        r"ship(ping)? (the roadmap |features |product )?(sooner|faster)", r"roadmap sooner", r"runway",
        r"grow(ing)? (the|your) (engineering )?team", r"(faster|quicker) than (you can )?(hire|recruit)",
        r"recruiting (lag|cycle|bottleneck)", r"headcount plan", r"keep(ing)? pace with (growth|demand)",
        r"hiring ramp", r"without spending runway",
    ),
    "segment_2": (
        r"cost per engineer", r"(lower|reduc\w*|cut\w*|trim\w*) (your |the )?(burn|costs?|spend)", r"burn rate",
        r"lower burn", r"lean(er)? team", r"keep(ing)? delivery moving", r"budget (pressure|constraints?|cuts?)",
        r"do more with less", r"without (adding )?permanent (hires|headcount)", r"(under|below) local hiring",
        r"cost[- ]effective", r"smaller (in-house )?team", r"fixed costs?",
        r"(variable|flexible) (cost|spend)", r"(tight|tighter|smaller) budgets?",
    ),
    "segment_3": (
        r"first (quarter|90 days|100 days|months?) in the (role|seat|job)", r"new mandate", r"team shape",
        r"early wins?", r"quick wins?", r"leadership transition", r"re-?plan(ning)? (the|your) roadmap",
        r"(stepped|stepping) into (the|a|your) (role|seat)", r"put your (own )?stamp",
        r"re-?shap(e|ing) (the|your) team", r"settl(e|ing) into (the|your) role",
    ),
    "segment_4": (
        r"capability gaps?", r"specialist (engineers?|skills?|talent|expertise|capacity)", r"data platform",
        r"skills? (your team lacks|gaps?)", r"mlops", r"hard to (hire|find|recruit)", r"niche (skills?|expertise)",
        r"missing (skills?|expertise)", r"deep expertise", r"(ml|data|platform) engineering (gap|skills)",
        r"speciali[sz]ed (engineers?|skills?|talent)",
    ),
}
# The brief signals that make each segment the prospect's: an email that builds its pitch on one of them is
# aimed at that segment even without the segment's stock phrases (the scorer's ICP credit, v0.3).
SEGMENT_SIGNAL_KINDS: dict[str, tuple[str, ...]] = {
    "segment_1": ("funding", "hiring", "product_launch"),
    "segment_2": ("layoffs",),
    "segment_3": ("leadership_change",),
    "segment_4": ("ai_initiative", "tech_stack", "hiring"),
}

# After a soft no, an email earns ICP credit by acknowledging the answer (regex fragments).
ACKNOWLEDGEMENTS: tuple[str, ...] = (
    r"understood", r"makes sense", r"fair enough", r"appreciate", r"no problem", r"of course", r"respect",
    r"thanks for (letting me know|the clear answer|being clear|your reply|the reply|getting back)",
    r"i will not push", r"i won'?t push", r"not the right time", r"timing", r"noted",
)
# Words that make a request or an offer to act (an ask), used with the structure rules in the scorer.
ASK_OPENERS: tuple[str, ...] = (
    r"would", r"could", r"can", r"shall", r"may i", r"will you", r"are you (open|free|available|up for|interested)",
    r"is there (a|any) (time|slot|chance)", r"do you have (time|\d+|a few|some)", r"interested", r"open to",
    r"how about", r"what about", r"does \w+ (work|suit)", r"worth a", r"worth", r"want", r"wanna", r"fancy",
    r"keen", r"up for", r"ok(ay)? if", r"mind if", r"happy (to|for|if|with)", r"any chance", r"should (i|we)",
    r"shall (i|we)", r"good (for|with) you", r"sounds? good", r"does (that|this|it) (work|sound|suit)",
)
ASK_IMPERATIVES: tuple[str, ...] = (
    r"please(?! (?:find|see|note|excuse|forgive))", r"let me know", r"let's", r"send me", r"share (your|the)", r"book (a|some|time)", r"grab (a|some)",
    r"(?<!your )(?<!the )(?<!a )(?<!my )(?<!his )(?<!her )(?<!their )(?<!quick )(?<!clear )reply", r"drop me", r"feel free", r"tell me", r"introduce me", r"forward (this|me)", r"schedule",
    r"pick (a|any) (time|slot)", r"hop on", r"jump on", r"give me a call", r"call me", r"ping me",
    r"happy to (send|share|set up|jump|hop)", r"i'?d love to (set up|schedule|get|book|have|hear|chat)",
)

# Regulated industries need the compliance caveat (judge rule 10; a critic must_include too).
REGULATED_INDUSTRIES: tuple[str, ...] = ("banking", "fintech", "healthtech", "insurance", "pharma")
COMPLIANCE_CAVEAT = "subject to your compliance review"

# --- Context vocabulary -----------------------------------------------------------------------

INDUSTRIES: tuple[str, ...] = (
    "banking", "edtech", "energy", "fintech", "healthtech", "insurance", "legaltech", "logistics",
    "manufacturing", "media", "pharma", "proptech", "retail", "travel",
)
ROLES: tuple[str, ...] = ("founder", "cto", "vp_eng", "c_level", "other")
# How each role is written in briefs and instructions.
ROLE_LABELS: dict[str, str] = {
    "founder": "founder", "cto": "CTO", "vp_eng": "VP Engineering", "c_level": "C-level executive",
    "other": "engineering lead",
}
CHANNELS: tuple[str, ...] = ("email", "linkedin", "phone")
DISQUALIFIERS: tuple[str, ...] = ("anti_offshore", "local_only", "do_not_contact", "competitor")
SIGNAL_KINDS: tuple[str, ...] = (
    "funding", "hiring", "leadership_change", "layoffs", "tech_stack", "ai_initiative",
    "product_launch", "peer_adoption",
)
# Word prefixes that show an email is talking about a signal of that kind (grounding check); the
# signal's own value (a number, a product or peer name) counts as a mention too.
SIGNAL_ANCHORS: dict[str, tuple[str, ...]] = {
    "funding": ("raised", "raise", "round", "funding", "series", "investment", "investors", "backed", "financing",
                "closed a", "fundrais"),
    "hiring": ("hiring for", "still hiring", "are hiring", "you're hiring", "open roles", "open engineering roles",
               "job posts", "openings", "roles listed", "careers page", "job board", "open positions", "vacanc"),
    "leadership_change": ("joined as", "new cto", "new vp", "stepped into", "took over", "appointed", "new head of",
                          "joined recently", "new role", "took the helm", "came on board", "welcome to", "the seat",
                          "new seat", "new job", "your first", "since you joined", "you joined", "new cto", "promotion"),
    "layoffs": ("layoff", "laid off", "restructur", "reduction", "reduced headcount", "cut the team",
                "downsiz", "fewer roles", "job cuts"),
    "tech_stack": ("your stack", "moved to", "moving core services", "migrat", "rewrite", "rewriting", "switching to"),
    "ai_initiative": ("ai team", "ml team", "ai initiative", "ai features", "ml platform", "ai work"),
    "product_launch": ("launch", "released", "shipped", "went live", "beta", "early users", "new product"),
    "peer_adoption": ("peers", "similar companies", "companies like", "extended its team", "delivery partner"),
}
# A stage nobody gave (an imported record whose source has none, as the published judge card's contexts):
# no generator draws it, and no funding claim can contradict it (rule 7).
UNKNOWN_FUNDING_STAGE = "unknown"
# Funding stages with the amount range (USD) typical for each; bootstrapped and unknown have no amount.
FUNDING_STAGES: dict[str, tuple[int, int] | None] = {
    "bootstrapped": None,
    UNKNOWN_FUNDING_STAGE: None,
    "seed": (1_500_000, 5_000_000),
    "series_a": (6_000_000, 20_000_000),
    "series_b": (20_000_000, 60_000_000),
    "series_c": (60_000_000, 150_000_000),
}
ESCALATION_HEADCOUNT = 2000  # C-level at strictly larger companies goes to a human (judge rule 4)
