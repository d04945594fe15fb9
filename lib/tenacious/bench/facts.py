"""Vendor facts about Tenacious, in one place.

Every generator, the scorer, the mutator, the judge rules and the prompts read their facts from
here, so a fact changed here changes the whole benchmark consistently. All names are fictional
and all phrases are written by this project.
"""

from __future__ import annotations

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
    r"ai", r"ml", r"machine learning", r"mlops", r"llms?", r"genai", r"generative ai", r"ai agents?",
    r"fine-tun\w*", r"model training", r"rag", r"computer vision", r"ai-powered", r"deep learning",
)

CONFIDENCE_LEVELS: tuple[str, ...] = ("high", "medium", "low", "insufficient_signal")

# --- Where we work ----------------------------------------------------------------------------

# Fixed standard-time UTC offsets. The benchmark deliberately ignores daylight saving time: tasks
# carry no calendar dates, so one offset per zone keeps every scheduling check unambiguous.
TIMEZONES: dict[str, int] = {
    "Europe/Berlin": 1,
    "Europe/London": 0,
    "America/New_York": -5,
    "America/Los_Angeles": -8,
    "Africa/Addis_Ababa": 3,
}
DELIVERY_TZ = "Africa/Addis_Ababa"  # EAT, UTC+3: where the Tenacious engineers sit
# Abbreviations and city names an email may use to name each zone (scorer matches them exactly,
# abbreviations case-sensitively). The first one is what our own templates write.
TZ_LABELS: dict[str, tuple[str, ...]] = {
    "Europe/Berlin": ("CET", "Berlin time"),
    "Europe/London": ("GMT", "London time", "UK time"),
    "America/New_York": ("ET", "EST", "New York time", "Eastern time"),
    "America/Los_Angeles": ("PT", "PST", "Pacific time", "Los Angeles time"),
    "Africa/Addis_Ababa": ("EAT", "Addis time"),
}
# Zone names an email may use that are none of the five (always wrong for a prospect).
OTHER_TZ_LABELS: tuple[str, ...] = ("UTC", "CST", "MST", "IST", "JST", "AEST", "SGT")

# EAT working hours (local) and the prospect-side meeting band (local) inside which cold-outreach
# calls are proposed. Their intersection is the overlap window below.
EAT_WORKING_HOURS: tuple[int, int] = (8, 18)
PROSPECT_MEETING_HOURS: tuple[int, int] = (9, 14)


def _overlap(zone: str) -> tuple[int, int] | None:
    """Prospect-local [start, end) hours where both sides are available; None when empty."""
    shift = TIMEZONES[DELIVERY_TZ] - TIMEZONES[zone]  # EAT hour = local hour + shift
    start = max(PROSPECT_MEETING_HOURS[0], EAT_WORKING_HOURS[0] - shift)
    end = min(PROSPECT_MEETING_HOURS[1], EAT_WORKING_HOURS[1] - shift)
    return (start, end) if end > start else None


# Overlap windows in prospect-local hours: 5 h with Berlin/London (and Addis), 1 h with New York,
# none with Los Angeles (a live slot there is impossible; offer an async option instead).
OVERLAP_WINDOWS: dict[str, tuple[int, int] | None] = {zone: _overlap(zone) for zone in TIMEZONES}


def local_to_eat(zone: str, hour: int) -> int:
    """The EAT hour (0-23) that matches `hour` in `zone`."""
    return (hour + TIMEZONES[DELIVERY_TZ] - TIMEZONES[zone]) % 24


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

# Our own list of sales clichés; any one in a draft costs tone.
BANNED_PHRASES: tuple[str, ...] = (
    "world-class", "top talent", "circling back", "synergy", "game-changer", "cutting-edge",
    "best-in-class", "rockstar", "ninja", "just checking in", "touching base", "low-hanging fruit",
    "move the needle", "paradigm shift", "revolutionize", "unlock your potential",
    "hit the ground running", "think outside the box", "win-win", "supercharge", "next-level",
    "deep dive", "as per my last email", "hope this email finds you well", "no-brainer",
    "guaranteed results", "seamless integration", "rock-solid", "elite engineers", "a-players",
    "crush your roadmap", "skyrocket",
)

# Phrases that talk down to the reader.
CONDESCENSION_MARKERS: tuple[str, ...] = (
    "as you probably know", "obviously", "you may not realise", "you may not realize",
    "falling behind", "behind the curve", "let me explain", "it's not rocket science", "surely you",
    "you should have", "a basic mistake", "even your team",
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
    "funding": ("raised", "raise", "round", "funding", "series"),
    "hiring": ("hiring for", "still hiring", "are hiring", "open roles", "open engineering roles", "job posts",
               "openings", "roles listed"),
    "leadership_change": ("joined as", "new cto", "new vp", "stepped into", "took over", "appointed"),
    "layoffs": ("layoff", "restructur", "reduction", "reduced headcount", "cut the team"),
    "tech_stack": ("your stack", "moved to", "moving core services", "migrat"),
    "ai_initiative": ("ai team", "ml team", "ai initiative", "ai features", "ml platform"),
    "product_launch": ("launch", "released", "shipped"),
    "peer_adoption": ("peers", "similar companies", "companies like"),
}
# Funding stages with the amount range (USD) typical for each; bootstrapped has no amount.
FUNDING_STAGES: dict[str, tuple[int, int] | None] = {
    "bootstrapped": None,
    "seed": (1_500_000, 5_000_000),
    "series_a": (6_000_000, 20_000_000),
    "series_b": (20_000_000, 60_000_000),
    "series_c": (60_000_000, 150_000_000),
}
ESCALATION_HEADCOUNT = 2000  # C-level at strictly larger companies goes to a human (judge rule 4)
