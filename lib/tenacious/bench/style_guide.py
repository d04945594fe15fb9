"""Tenacious's own outreach style guide: numbered rules plus 12 GOOD and 12 BAD draft templates.

The rules are what a writer is shown (a task lists the ids that apply); the templates are filled
per task to give, for every task, drafts that follow the guide and drafts that break named rules.
The scorer, not these labels, decides how good a filled draft is: a BAD template that happens not
to hurt a given task simply scores well and is not picked as a rejected draft.
"""

from __future__ import annotations

from datetime import timedelta

from tenacious.bench import facts
from tenacious.bench.context import money

RULES: dict[str, str] = {
    "SG-01": "State only high-confidence signals as fact; ask about medium or low ones, or hedge them.",
    "SG-02": "Use no number the brief does not contain: no invented funding, headcount or growth figures.",
    "SG-03": "Never use a banned cliché (world-class, top talent, synergy, circling back ...).",
    "SG-04": "Write as a peer: no condescension, no telling the reader what they surely know.",
    "SG-05": f"Keep the body within {facts.WORD_LIMIT} words and the subject under "
              f"{facts.SUBJECT_MAX_CHARS + 1} characters; start with a 'Subject:' line.",
    "SG-06": "Make exactly one ask per message.",
    "SG-07": "Pitch the prospect's segment angle and no other; when the segment is 'abstain', ask an "
             "exploratory question instead of pitching; after a soft no, do not pitch again.",
    "SG-08": f"Do not pitch AI/ML capability when AI maturity is below {facts.AI_PITCH_MIN_MATURITY}.",
    "SG-09": "Propose times only inside the EAT overlap window and name both time zones; where there is "
             "no overlap (US West), offer an async option instead of a live slot.",
    "SG-10": "Quote only public per-engineer-month price bands; never a contract total or phased value.",
    "SG-11": "Never offer more engineers than the bench has available, nor anyone already committed.",
    "SG-12": "Respect the brief's must-not items, and add the compliance caveat in regulated industries.",
}
RULE_IDS: tuple[str, ...] = tuple(sorted(RULES))

SENDERS: tuple[str, ...] = ("Mekdelawit Araya", "Tsegaye Worku-Lind", "Hiwot Ambaye")
DAYS: tuple[str, ...] = ("Tuesday", "Wednesday", "Thursday")
_WEEKDAY_INDEX = {"Tuesday": 1, "Wednesday": 2, "Thursday": 3}  # days after the Monday of a slot week
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")

# Segment angles, each carrying its segment's fingerprint and no AI/ML term (the AI line is separate).
PITCHES: dict[str, tuple[str, ...]] = {
    "segment_1": (
        "When the hiring ramp lags the growth plan, our engineers can join your sprints within two weeks.",
        ("We help you scale the team quickly, so you ship the roadmap sooner without spending runway on "
        "recruiting."),
        "Our extended teams cover the hiring ramp while you build in-house, so the growth plan does not wait.",
    ),
    "segment_2": (
        "We keep delivery moving with a leaner team by adding senior engineers at a lower cost per engineer.",
        ("If budget pressure is real this year, our engineers help you keep delivery moving without "
        "permanent hires."),
        "A leaner team can still ship: we cover the gaps at a cost per engineer well under local hiring.",
    ),
    "segment_3": (
        ("A new mandate goes easier with early wins, and we let you change the team shape without a long "
        "hiring cycle."),
        ("During a leadership transition, our engineers give you room to test a new team shape before "
        "adding headcount."),
        "In the first quarter in the role, a flexible team shape makes early wins easier to land.",
    ),
    "segment_4": (
        ("We add specialist engineers for the skills your team lacks, so a capability gap does not stall "
        "the roadmap."),
        ("If a capability gap in data platform work is slowing you down, our specialist engineers can "
        "close it."),
        "Our bench covers specialist skills such as data platform work that are hard to hire for locally.",
    ),
    "abstain": (
        "How are you thinking about engineering capacity for the next two quarters?",
        "Is extending the engineering team something you are weighing at the moment?",
        "What does engineering capacity look like for you this year?",
    ),
}
# After a soft no the "pitch" slot acknowledges the answer instead of selling again.
ACKNOWLEDGEMENTS: tuple[str, ...] = (
    "Understood, and I will not push the idea further for now.",
    "That makes sense, and I appreciate you saying so directly.",
    "Fair enough; timing matters more than any pitch.",
)
AI_LINE = "Our ML engineers have built production models for teams at a similar stage."
INTROS: tuple[str, ...] = (
    "Tenacious runs engineering teams from Addis Ababa that join client teams as an extension.",
    "I work at Tenacious; our engineers in Addis Ababa extend product teams like yours.",
    "Tenacious provides engineers from Addis Ababa who work inside your sprints.",
)


def _first_name(task: dict) -> str:
    return task["context"]["recipient"]["name"].split()[0]


def _stable_index(text: str, modulo: int) -> int:
    """A deterministic pick from a string (Python's hash() is salted per process)."""
    return sum(map(ord, text)) % modulo


def _usable_signal(task: dict) -> dict | None:
    """The signal a draft opens with: the lead signal, unless it would be an AI pitch below the gate
    or name something the task forbids."""
    context = task["context"]
    forbidden = [item.lower() for item in task.get("must_not", [])]
    for signal in context["signals"]:
        if signal["kind"] == "ai_initiative" and context["ai_maturity"]["score"] < facts.AI_PITCH_MIN_MATURITY:
            continue
        if any(item in str(signal["value"]).lower() for item in forbidden):
            continue
        return signal
    return None


def _opener(task: dict) -> str:
    """First sentence: a thank-you inside a thread, otherwise a grounded signal sentence."""
    if task["context"]["prior_thread"]:
        return "Thanks for the clear answer." if task["goal"] == "check_back" else "Thanks for getting back to me."
    signal = _usable_signal(task)
    return signal_sentence(task["context"], signal, signal["confidence"] == "high") if signal else ""


def signal_sentence(context: dict, signal: dict, as_fact: bool) -> str:
    """A sentence about one signal: asserted (high confidence only) or asked as a question."""
    kind, value, company = signal["kind"], signal["value"], context["company"]
    if kind == "funding":
        stage = context["funding"]["stage"].replace("_", " ").title()
        amount = context["funding"]["amount_usd"]
        if as_fact and amount:
            return f"Congratulations on the {money(amount)} {stage} round."
        return f"Did I read right that you closed a {stage} round recently?"
    if kind == "hiring":
        return (f"Your careers page lists {value} open engineering roles." if as_fact
                else f"Are you still hiring for the {value} engineering roles I saw listed?")
    if kind == "leadership_change":
        return (f"I saw that {company} appointed a new {value}." if as_fact
                else f"Is it right that a new {value} joined recently?")
    if kind == "layoffs":
        return (f"I saw that {company} reduced headcount by about {value}% this year." if as_fact
                else "Is the team still settling after the restructuring?")
    if kind == "tech_stack":
        return (f"I saw that your team is moving core services to {value}." if as_fact
                else f"Are you moving core services to {value}?")
    if kind == "ai_initiative":
        return (f"I saw that {company} is building {value}." if as_fact
                else f"Is {value} still on the plan this year?")
    if kind == "product_launch":
        return (f"Congratulations on launching {value}." if as_fact
                else f"How is {value} landing with early users?")
    return (f"{value} already extends its team with an outside delivery partner." if as_fact
            else f"Have you seen how {value} extended its team?")


def slot_sentence(task: dict, index: int) -> str:
    """The single ask. For a call: a dated slot inside that day's overlap window naming both zones with the
    daylight-saving-correct labels (a winter or a summer week, per task), or an async offer where no overlap
    exists; otherwise the goal's own ask."""
    context, goal = task["context"], task["goal"]
    if not task.get("needs_slot"):
        return GOAL_ASKS[goal][index % len(GOAL_ASKS[goal])]
    zone = context["hq_timezone"]
    week = facts.SLOT_WEEKS[_stable_index(task["task_id"], len(facts.SLOT_WEEKS))]
    days = [d for d in DAYS if d.lower() not in " ".join(task.get("must_not", [])).lower()]
    name = days[index % len(days)]
    day = week + timedelta(days=_WEEKDAY_INDEX[name])
    window = facts.overlap_window(zone, day)
    if window is None:
        return "Would a short recorded walkthrough you can watch async be useful?"
    hour = window[0] + index % (window[1] - window[0])
    when = f"{name} {day.day} {day.strftime('%B')}"
    if zone == facts.DELIVERY_TZ:
        return f"Would a 30-minute call on {when} at {hour:02d}:00 EAT work for you?"
    eat = facts.local_to_eat(zone, hour, day)
    return (f"Would a 30-minute call on {when} at {hour:02d}:00 {facts.zone_label(zone, day)} ({eat:02d}:00 EAT) "
            "work for you?")


GOAL_ASKS: dict[str, tuple[str, ...]] = {
    "intro_call": ("Would a short intro call next week be useful?",),
    "case_study": ("Would a one-page case study from a similar team be useful?",
                   "Would it help if I sent a one-page case study?"),
    "bench_offer": ("Would it help if I shared their profiles?",
                    "Would a short profile summary for each be useful?"),
    "price_band": ("Would a short breakdown by role be useful?",
                   "Would a one-page rate sheet help your planning?"),
    "check_back": ("Would it be alright to check back next quarter?",
                   "Would it be fine if I checked in after the summer?"),
}


def _extras(task: dict) -> list[str]:
    """Goal- and context-dependent sentences: offer, price band, AI line, compliance caveat."""
    context, out = task["context"], []
    if task["goal"] == "check_back":
        return out
    if task["goal"] == "bench_offer" and task.get("offer"):
        offer = task["offer"]
        count = _NUMBER_WORDS[offer["count"]].capitalize()
        stack = facts.STACK_LABELS[offer["stack"]]
        out.append(f"One {stack} engineer is free to start within two weeks." if offer["count"] == 1
                   else f"{count} {stack} engineers are free to start within two weeks.")
    if task["goal"] == "price_band":
        low, high = facts.PRICE_BANDS_USD_PER_MONTH["senior"]
        out.append(f"Our public rate for senior engineers is ${low:,} to ${high:,} per engineer-month.")
    if context["segment"] == "segment_4" and context["ai_maturity"]["score"] >= facts.AI_PITCH_MIN_MATURITY:
        out.append(AI_LINE)
    if context["regulated"]:
        out.append(f"Any engagement would be {facts.COMPLIANCE_CAVEAT}.")
    return out


def good_slots(task: dict, index: int) -> dict:
    """Slot values for GOOD template `index`: grounded signal, own-segment angle, one ask."""
    context = task["context"]
    pitches = ACKNOWLEDGEMENTS if task["goal"] == "check_back" else PITCHES[context["segment"]]
    return {
        "first": _first_name(task),
        "company": context["company"],
        "signal": _opener(task),
        "pitch": pitches[index % len(pitches)],
        "intro": INTROS[index % len(INTROS)],
        "extras": " ".join(_extras(task)),
        "ask": slot_sentence(task, index),
        "sender": SENDERS[_stable_index(task["task_id"], len(SENDERS))],
    }


# GOOD templates: same facts, different shapes and subjects, so chosen drafts are not one string.
GOOD_TEMPLATES: tuple[str, ...] = (
    ("Subject: {company} and extra engineering capacity\n\nHi {first},\n\n{signal} {pitch}\n\n{intro} {extras}"
    "\n\n{ask}\n\nBest,\n{sender}, Tenacious"),
    ("Subject: A thought for {company}\n\nHello {first},\n\n{intro}\n\n{signal} {pitch} {extras}\n\n{ask}"
    "\n\nKind regards,\n{sender}"),
    "Subject: Engineering help at {company}\n\n{first},\n\n{signal}\n\n{pitch} {extras}\n\n{ask}\n\nThanks,\n{sender}",
    ("Subject: Quick note for {first} at {company}\n\nHi {first},\n\n{signal} {intro}\n\n{pitch} {extras}\n\n{ask}\n\n{sender}, "
    "Tenacious"),
    "Subject: {company}: a short idea\n\nHi {first},\n\n{pitch}\n\n{signal} {extras}\n\n{ask}\n\nBest wishes,\n{sender}",
    ("Subject: Capacity for {company}\n\nDear {first},\n\n{signal} {intro} {pitch}\n\n{extras}\n\n{ask}\n\nRegards,"
    "\n{sender}"),
    "Subject: Tenacious x {company}\n\nHi {first},\n\n{intro} {signal}\n\n{pitch}\n\n{extras} {ask}\n\nCheers,\n{sender}",
    "Subject: One idea for the {company} team\n\nHi {first},\n\n{signal} {pitch} {extras}\n\n{ask}\n\nBest,\n{sender}",
    ("Subject: {company}, engineering plans\n\nHello {first},\n\n{signal}\n\n{intro} {pitch}\n\n{extras}\n\n{ask}\n\n"
    "Thank you,\n{sender}"),
    ("Subject: Following up with {company}\n\nHi {first},\n\n{signal} {pitch}\n\n{extras} {ask}\n\nAll the best,"
    "\n{sender}, Tenacious"),
    ("Subject: Engineers for {company}\n\n{first}, hello.\n\n{intro}\n\n{signal} {pitch}\n\n{extras}\n\n{ask}\n\n"
    "Best,\n{sender}"),
    ("Subject: A note from Tenacious to {company}\n\nHi {first},\n\n{pitch} {signal}\n\n{intro} {extras}\n\n{ask}\n\nWarm regards,"
    "\n{sender}"),
)


def _tidy(text: str) -> str:
    """Collapse the double spaces and drop the empty lines and paragraphs left by empty slots."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        lines = [" ".join(line.split()) for line in paragraph.split("\n")]
        kept = "\n".join(line for line in lines if line)
        if kept:
            paragraphs.append(kept)
    return "\n\n".join(paragraphs)


def fill(template: str, slots: dict) -> str:
    """Fill one template with slot values; the result is one email string."""
    return _tidy(template.format(**slots))


def bad_slots(task: dict, index: int) -> dict:
    """Slot values for BAD templates: the GOOD slots plus the specific ways to break the rules."""
    context = task["context"]
    slots = good_slots(task, index)
    slots["asserted_all"] = " ".join(signal_sentence(context, s, as_fact=True) for s in context["signals"])
    own = context["segment"]
    others = [seg for seg in facts.PITCH_SEGMENTS if seg != own]
    shift = _stable_index(task["task_id"], len(others))
    slots["off_pitch"] = PITCHES[others[shift]][index % 3]
    slots["off_pitch2"] = PITCHES[others[(shift + 1) % len(others)]][(index + 1) % 3]
    zone = context["hq_timezone"]
    wrong = [z for z in sorted(facts.TIMEZONES) if z not in (zone, facts.DELIVERY_TZ)]
    slots["wrong_zone"] = facts.TZ_LABELS[wrong[index % len(wrong)]][0]
    slots["prospect_zone"] = facts.TZ_LABELS[zone][0]
    committed = [c["engineer"] for c in context["prior_commitments"]]
    others = [item for item in task.get("must_not", []) if item not in committed]
    forbidden = []
    if committed:
        forbidden.append("I can also bring in " + " and ".join(committed) + ".")
    if others:
        forbidden.append("Happy to talk about " + ", ".join(others) + " as well.")
    slots["forbidden"] = " ".join(forbidden) or "Our rockstar team is ready."
    stack = (task.get("offer") or {}).get("stack", "python")
    over = context["bench"].get(stack, 0) + 3
    slots["over_offer"] = f"{over} {facts.STACK_LABELS[stack]} engineers can start on Monday."
    return slots


# BAD templates, each breaking at least one of the rules named in BAD_BREAKS (same order; B08 falls
# back to a banned phrase when the task forbids nothing and nobody is committed elsewhere).
BAD_TEMPLATES: tuple[str, ...] = (
    ("Subject: World-class engineers for {company}\n\nHi {first},\n\nJust checking in! Our world-class engineers "
    "are top talent and bring real synergy. As you probably know, {pitch}\n\n{ask}\n\nBest,\n{sender}"),
    ("Subject: Your growth at {company}\n\nHi {first},\n\n{asserted_all} With revenue up 212% last year, "
    "{company} needs more engineers. {pitch}\n\n{ask}\n\nBest,\n{sender}"),
    ("Subject: An idea for {company}\n\nHi {first},\n\n{signal} {off_pitch} {off_pitch2}\n\n{ask}\n\n"
    "Best,\n{sender}"),
    ("Subject: AI for {company}\n\nHi {first},\n\nObviously every company is racing on AI, and teams without "
    "it are falling behind. Our ML engineers fine-tune LLMs and build AI agents. {pitch}\n\n{ask}\n\n"
    "Best,\n{sender}"),
    ("Subject: Call next week?\n\nHi {first},\n\n{signal} {pitch}\n\nWould a call on Tuesday at 15:00 "
    "{wrong_zone} work for you?\n\nBest,\n{sender}"),
    ("Subject: A few questions\n\nHi {first},\n\n{signal} {pitch}\n\nWould a call next week work? Could you "
    "also share your hiring plan? And could you introduce me to your head of finance? Let me know if a case "
    "study would help.\n\nBest,\n{sender}"),
    ("Subject: Tenacious for {company}\n\nHi {first},\n\n{intro} {signal} {pitch} We have worked with many "
    "companies across many industries, and in every case we start with a careful look at how the current "
    "team works, which tools it uses, how it plans sprints and releases, how it reviews code and how it "
    "handles incidents, because only then can we suggest the right mix of people. After that we propose a "
    "team, agree on rituals, set up communication channels, and agree on reporting so that you always know "
    "what is happening and nothing surprises you later in the engagement.\n\n{ask}\n\nBest,\n{sender}"),
    ("Subject: Engineers for {company}\n\nHi {first},\n\n{signal} {pitch}\n\n{forbidden}\n\n{ask}\n\n"
    "Best,\n{sender}"),
    ("Subject: Proposal for {company}\n\nHi {first},\n\n{signal} {pitch} We would run it in three phases "
    "(discovery, build, scale) for a total contract value of about $1.8M.\n\n{ask}\n\nBest,\n{sender}"),
    ("Subject: Capacity for {company}\n\nHi {first},\n\n{signal} {pitch} {over_offer}\n\n{ask}\n\n"
    "Best,\n{sender}"),
    ("Subject: Why {company}'s engineering roadmap keeps slipping behind its peers this year\n\nHi {first},"
    "\n\nYou may not realise it, but the way your team is set up is a basic mistake. {pitch}\n\n{ask}"
    "\n\nBest,\n{sender}"),
    ("Subject: Friday?\n\nHi {first},\n\n{pitch} With 5,000 staff on the payroll you can spare an hour. "
    "Would Friday at 17:30 {prospect_zone} work?\n\nBest,\n{sender}"),
)
BAD_BREAKS: tuple[tuple[str, ...], ...] = (
    ("SG-03", "SG-04"), ("SG-01", "SG-02"), ("SG-07",), ("SG-08", "SG-04"), ("SG-09",), ("SG-06",),
    ("SG-05",), ("SG-12", "SG-11", "SG-03"), ("SG-10", "SG-02"), ("SG-11",), ("SG-04", "SG-05"), ("SG-09", "SG-02"),
)


def good_drafts(task: dict) -> list[tuple[str, str]]:
    """(template id, email) for each of the 12 GOOD templates filled for this task."""
    return [(f"G{i + 1:02d}", fill(t, good_slots(task, i))) for i, t in enumerate(GOOD_TEMPLATES)]


def bad_drafts(task: dict) -> list[tuple[str, str]]:
    """(template id, email) for each of the 12 BAD templates filled for this task."""
    return [(f"B{i + 1:02d}", fill(t, bad_slots(task, i))) for i, t in enumerate(BAD_TEMPLATES)]


def condensed_guide() -> str:
    """The whole guide in a few lines, for the `promptaug` system prompt."""
    lines = [f"{rid}: {RULES[rid]}" for rid in RULE_IDS]
    lines.append("Banned phrases: " + ", ".join(facts.BANNED_PHRASES[:12]) + ", and similar clichés.")
    lines.append("AI maturity scale: " + "; ".join(f"{k} = {v}" for k, v in sorted(facts.AI_MATURITY.items())) + ".")
    return "\n".join(lines)
