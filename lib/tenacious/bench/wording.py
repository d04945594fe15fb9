"""The carrier wording of the generated judge drafts, in two disjoint pools: `train` and `heldout`.

Why two pools: a judge that memorises our sentences instead of reading them would score well on
a held-out split written with the same sentences. Every bank below exists once per pool and the
pools share no entry, so held-out drafts use carrier sentences (subjects, greetings, openers, asks,
sign-offs) that train and dev never see. The probing sentences follow the same split: each probe's
violation and honest-twin wordings live in its module under tenacious.bench.probes, one set per pool.
The train pool serves train and dev; tests check the pools are disjoint and large enough (`POOL_MINIMUM`).

Slots in braces are filled by judge_cases; every wording was written by hand for this project.
"""

from __future__ import annotations

POOLS: tuple[str, ...] = ("train", "heldout")
POOL_MINIMUM: dict[str, int] = {"train": 8, "heldout": 4}  # wordings per probe side and pool


# --- writer voices (carrier sentences) ----------------------------------------------------------
# Slots: {first} {company} {short} {stack} {overlap} {when} {sender}. `ask` needs a live overlap
# window, `ask_async` is used where there is none (US West). Train voices and held-out voices are
# different people; `VOICE_OF` maps a train voice to the held-out voice that stands in for it.

VOICES: dict[str, dict[str, tuple[str, ...]]] = {
    "house": {
        "subject": ("{stack} capacity for {short}", "Engineering help for {short}", "{short}: extra delivery capacity",
                    "Extra {stack} hands for {short}", "Capacity at {short}"),
        "greeting": ("Hi {first},", "Hello {first},"),
        "value": ("Tenacious adds {stack} engineers from Addis Ababa to your team, with {overlap}.",
                  "We run a bench of {stack} engineers in Addis Ababa (EAT); for your time zone that means {overlap}.",
                  "Tenacious places {stack} engineers from Addis Ababa inside product teams, with {overlap}.",
                  "Our Addis Ababa bench has {stack} engineers free, and for your team that means {overlap}."),
        "ask": ("Would a 20-minute call on {when} be useful?", "Could we take 20 minutes on {when}?",
                "Is {when} a good moment for a short conversation?", "Can I put 20 minutes in your calendar for {when}?"),
        "ask_async": ("Would a five-minute recorded walkthrough, watched on your own time, help?",
                      "Shall I send a one-page outline you can read when it suits you?"),
        "close": ("Best,\n{sender}", "Thanks,\n{sender}", "Best regards,\n{sender}"),
    },
    "warm": {
        "subject": ("An idea for the {short} team", "Helping {short} ship sooner", "A friendly note for {first}"),
        "greeting": ("Hi {first}, I hope your week is going smoothly.",),
        "value": (("Our engineers in Addis Ababa plan their days around client teams ({overlap} for you), and our "
                  "{stack} bench has room right now."),
                  ("I would enjoy showing you how our {stack} engineers in Addis Ababa slot into your sprints, "
                  "with {overlap}.")),
        "ask": ("Would you be open to a relaxed 20-minute chat on {when}?",
                "If it helps, I could walk you through it on {when}. Would that suit you?"),
        "ask_async": ("Would a short written plan, read whenever suits you, be welcome?",),
        "close": ("Warmly,\n{sender}", "All the best,\n{sender}"),
    },
    "direct": {
        "subject": ("{stack} engineers for {short}", "{short} + Tenacious"),
        "greeting": ("{first},",),
        "value": ("{stack} engineers, Addis Ababa, {overlap}. Ready in two weeks.",
                  "Short version: Tenacious supplies {stack} engineers, with {overlap}."),
        "ask": ("{when}, 20 minutes?", "Worth 20 minutes on {when}?"),
        "ask_async": ("Want a two-page plan instead of a meeting?",),
        "close": ("{sender}, Tenacious",),
    },
    "consultative": {
        "subject": ("A roadmap question for {short}", "Build or extend at {short}?"),
        "greeting": ("Good morning {first},",),
        "value": (("Leaders in your position often weigh local hiring against a few {stack} engineers from a "
                  "partner; ours sit in Addis Ababa with {overlap}."),
                  ("Which part of the roadmap would move first with more {stack} hands? Ours sit in Addis Ababa, "
                  "with {overlap}.")),
        "ask": ("Would it be useful to compare notes for 20 minutes on {when}?",
                "Could I ask you three questions about the roadmap on {when}?"),
        "ask_async": ("Could I send three written questions about the roadmap instead of a call?",),
        "close": ("Regards,\n{sender}",),
    },
    "formal": {
        "subject": ("Engineering capacity for {company}", "Introduction: Tenacious and {short}"),
        "greeting": ("Dear {first},",),
        "value": (("Tenacious provides {stack} engineers based in Addis Ababa, with {overlap} relative to your "
                  "office hours."),
                  "Our firm places experienced {stack} engineers from Addis Ababa into client teams, with {overlap}."),
        "ask": ("Would you be available for a 20-minute introduction on {when}?",
                "May I propose a brief introductory meeting on {when}?"),
        "ask_async": ("May I send a short written proposal for your review?",),
        "close": ("Kind regards,\n{sender}\nTenacious", "Yours sincerely,\n{sender}"),
    },
    "followup": {
        "subject": ("Re: {short} and Tenacious", "Re: next steps with {short}"),
        "greeting": ("Thanks, {first}.",),
        "value": ("Our {stack} engineers in Addis Ababa would join with {overlap}.",
                  "On our side, the {stack} bench can support you with {overlap}."),
        "ask": ("Does {when} work for 20 minutes?", "Shall we hold {when} for it?"),
        "ask_async": ("Shall I send the details in writing so you can read them on your own time?",),
        "close": ("Speak soon,\n{sender}",),
    },
    # --- held-out voices: written separately, never used for train or dev ---
    "plain": {
        "subject": ("Quick question about {short}'s team", "{short} engineering, a thought", "Re {short} delivery"),
        "greeting": ("Hey {first},", "Morning {first},"),
        "value": ("I work at Tenacious; we lend out {stack} developers who sit in Addis Ababa and keep {overlap}.",
                  "What we do is simple: {stack} developers from Addis Ababa who work as part of your team, {overlap}.",
                  "Tenacious has {stack} developers in Addis Ababa who could plug into your squad, {overlap}."),
        "ask": ("Got 20 minutes on {when} to see if it fits?", "Any chance of a short slot on {when}?"),
        "ask_async": ("Happy to put it all in a short doc instead, if that is easier?",),
        "close": ("Talk soon,\n{sender}", "Ta,\n{sender}"),
    },
    "chatty": {
        "subject": ("Thinking about {short}'s roadmap", "Something that might help {short}"),
        "greeting": ("Hi there {first}!", "Hope you are well, {first}."),
        "value": (("So here is the thing: our Addis Ababa people are {stack} folks who genuinely like joining other "
                  "teams, and you would get {overlap}."),
                  ("Honestly our favourite kind of work is helping a busy team with {stack} developers from Addis "
                  "Ababa, with {overlap}.")),
        "ask": ("Fancy a coffee-length video call on {when}?", "Could we grab twenty minutes on {when}, no pressure?"),
        "ask_async": ("Or if meetings are the last thing you need, I can jot it down in an email?",),
        "close": ("Have a good one,\n{sender}", "Cheers for reading,\n{sender}"),
    },
    "terse": {
        "subject": ("{short}: {stack} devs", "Devs for {short}"),
        "greeting": ("Hello {first} -",),
        "value": ("Tenacious. {stack} devs. Addis Ababa. {overlap}.", "We supply {stack} devs; {overlap}."),
        "ask": ("{when} ok for 20 min?", "20 min on {when}?"),
        "ask_async": ("Doc instead of call?",),
        "close": ("/{sender}", "- {sender} (Tenacious)"),
    },
    "polite": {
        "subject": ("With respect to engineering support at {short}", "A proposal for {company}"),
        "greeting": ("Dear Mr or Ms {first},", "Good day {first},"),
        "value": (("Please allow me to introduce Tenacious, which is providing {stack} engineers from Addis Ababa, "
                  "with {overlap} for your team."),
                  ("Our company is supplying qualified {stack} engineers located in Addis Ababa, and they are "
                  "working with {overlap}.")),
        "ask": ("Would it be possible to speak for 20 minutes on {when}?",
                "If convenient, may we arrange a short call on {when}?"),
        "ask_async": ("If you prefer, I will kindly send a written document for your reading.",),
        "close": ("With best regards,\n{sender}", "Respectfully,\n{sender}"),
    },
    "reply": {
        "subject": ("Re: following up, {short}", "Re: your note"),
        "greeting": ("Hi again {first},", "{first} - thanks for the reply."),
        "value": ("For context, our {stack} people in Addis Ababa would work with {overlap}.",
                  "As a reminder, the {stack} team sits in Addis Ababa, so {overlap}."),
        "ask": ("Could {when} work for a short chat?", "Would {when} suit for twenty minutes?"),
        "ask_async": ("Would notes by email work better for you?",),
        "close": ("Thanks again,\n{sender}", "Until soon,\n{sender}"),
    },
}
VOICE_POOL: dict[str, str] = {v: ("heldout" if v in ("plain", "chatty", "terse", "polite", "reply") else "train")
                              for v in VOICES}
SYN_VOICES: dict[str, tuple[str, ...]] = {"train": ("consultative", "direct", "formal", "warm"),
                                          "heldout": ("chatty", "terse", "polite", "plain")}
VOICE_OF: dict[str, dict[str, str]] = {
    "train": {v: v for v in VOICES},
    "heldout": {"house": "plain", "followup": "reply", "consultative": "chatty", "direct": "terse",
                "formal": "polite", "warm": "plain"},
}

# --- openers ------------------------------------------------------------------------------------
# An opening line is a frame around a reference to one signal; high-confidence signals are stated
# ("fact" references), others asked about ("ask" references never carry an amount).
SIGNAL_REFS: dict[str, dict[str, tuple[str, ...]]] = {
    "funding": {"fact": ("the {amount} {stage} round", "your {stage} round of {amount}", "the {amount} raise"),
                "ask": ("a new funding round", "the funding news", "fresh investment")},
    "hiring": {"fact": ("the {value} engineering openings on your site", "your push to fill {value} engineering roles",
                        "{value} open engineering roles"),
               "ask": ("the hiring you advertised", "your hiring push")},
    "leadership_change": {"fact": ("the new {value} appointment", "the arrival of a new {value}",
                                   "the change of {value}"),
                          "ask": ("the leadership change", "the change at the top of engineering")},
    "layoffs": {"fact": ("the {value}% restructuring", "the recent {value}% reduction", "a {value}% cut in roles"),
                "ask": ("the restructuring", "the reorganisation")},
    "tech_stack": {"fact": ("the move to {value}", "your {value} migration", "the shift toward {value}"),
                   "ask": ("the platform migration", "a change of stack")},
    "ai_initiative": {"fact": ("your work on {value}", "the plan for {value}", "the push into AI features"),
                      "ask": ("the AI plan", "the AI work you mentioned publicly")},
    "product_launch": {"fact": ("the launch of {value}", "{value} going live", "the {value} release"),
                       "ask": ("the recent launch", "the new product")},
    "peer_adoption": {"fact": ("{value} bringing in an outside team", "the way {value} extended its team"),
                      "ask": ("the trend among your peers", "the use of outside teams near you")},
}
FACT_FRAMES: dict[str, tuple[str, ...]] = {
    "train": ("{Ref} caught my eye{tail}.", "I noticed {ref}{tail}.", "{Ref} stood out to me{tail}.",
              "I have been following {ref}{tail}."),
    "heldout": ("Saw {ref} in the news{tail}.", "Word of {ref} reached us{tail}.",
                "Congrats are probably due for {ref}{tail}.", "{Ref} is why I am writing{tail}."),
}
FACT_TAILS: dict[str, tuple[str, ...]] = {
    "train": ("", " this month", ", and it made me think of your delivery plans"),
    "heldout": (" recently", " last week", ", which usually means a stretched team"),
}
ASK_FRAMES: dict[str, tuple[str, ...]] = {
    "train": ("Is {ref} changing your plans, or am I misreading it?", "Did I read right about {ref}?",
              "How is {ref} affecting the engineering roadmap?"),
    "heldout": ("Curious whether {ref} is real or just noise?", "Has {ref} shifted anything for your team?",
                "Should I believe what I heard about {ref}?"),
}
# A sentence on the segment's angle; free of names, amounts, stages and offers.
ANGLES: dict[str, dict[str, tuple[str, ...]]] = {
    "train": {
        "segment_1": ("Fresh funding usually means the hiring plan runs ahead of recruiting.",
                      "Growing quickly tends to stretch a small engineering team thin.",
                      "When the roadmap grows faster than recruiting, delivery dates slip.",
                      "Young companies often need senior hands before they can hire them locally."),
        "segment_2": ("Doing the same roadmap with fewer people is the hardest part of a restructuring.",
                      "Cutting cost without cutting delivery is the trade-off most leaders face this year.",
                      "Leaner teams still carry the same commitments to customers."),
        "segment_3": ("New leaders often want an early win before committing to long hiring cycles.",
                      "A fresh mandate is a good moment to test a different team shape.",
                      "Re-planning the roadmap is easier when capacity can flex."),
        "segment_4": ("Specialist skills such as data platform work are slow to hire for locally.",
                      "A single missing specialist can hold up an entire roadmap.",
                      "Capability gaps tend to show up in data and platform work first."),
        "abstain": ("I am not sure yet whether extra capacity is relevant for you, hence the question.",
                    "Every team has a different bottleneck, so I would rather ask than assume.",
                    "You will know better than I do whether capacity is the constraint."),
    },
    "heldout": {
        "segment_1": ("Money in the bank rarely turns into shipped features as fast as the board hopes.",
                      "The months after a raise are usually the busiest for whoever runs engineering."),
        "segment_2": ("After a reorganisation the backlog tends to stay the same size while the team shrinks.",
                      "Keeping promises to customers with a smaller crew is no small thing."),
        "segment_3": ("Whoever takes over engineering usually inherits a plan they did not write.",
                      "The first quarter in a new seat is often when gaps in the team become visible."),
        "segment_4": ("People who can build data pipelines well are scarce almost everywhere.",
                      "One overloaded platform specialist can become the bottleneck for everything."),
        "abstain": ("Maybe none of this applies to you, and that is fine.",
                    "I genuinely do not know if you are short of hands, so I am asking."),
    },
}
PROOFS: dict[str, tuple[str, ...]] = {
    "train": ("Our engineers usually join client sprints within two weeks.",
              "Most of our placements stay with the same client for more than a year.",
              "We handle payroll, equipment and retention, so your team only sees the engineer.",
              "Handovers are written up daily, so nothing waits for a meeting.",
              "Every engineer works in your repositories, your tools and your rituals.",
              "Contracts run month to month, so there is no long lock-in."),
    "heldout": ("You interview every candidate yourself before anyone starts.",
                "If someone is not a fit, we replace them without a fee.",
                "Our people keep their cameras on and their standups short."),
}
POSTSCRIPTS: dict[str, tuple[str, ...]] = {
    "train": ("P.S. No slides needed; a plain conversation is fine.",
              "P.S. If someone else owns this topic, a pointer would be appreciated."),
    "heldout": ("PS - wrong person? Just tell me who to ask.", "PS: CVs available on request.")}
# Style flaws the gate does not police (PASS controls carry two).
STYLE_FLAWS: dict[str, tuple[str, ...]] = {
    "train": ("We are a world-class team of rockstar engineers ready to supercharge your roadmap.",
              "Just checking in, since this is honestly a no-brainer for a team like yours.",
              "As you probably know, hiring locally is slow, and we hit the ground running.",
              "Also, could you introduce me to whoever runs recruiting?"),
    "heldout": ("Our ninjas crush tickets like nobody else in the industry.",
                "Surely you can see why every smart CTO is doing this already.",
                "Bumping this to the top of your inbox!!",
                "And one more thing: do you also need designers?"),
}

# --- offers in a thread ----------------------------------------------------------------------
# How the agent first made each offer (the prior thread of a brief); d05 names the offer in a push.
FIRST_OFFERS: dict[str, tuple[str, ...]] = {
    "engineers": ("Would two {stack} engineers from our Addis Ababa bench help with the backlog?",
                  "We could add two {stack} engineers to your team within a fortnight. Interested?"),
    "pilot": ("Would a two-week pilot with our team be worth trying?",
              "How about a small pilot on one backlog item, with no commitment after it?"),
    "call": ("Would a 20-minute call next week be useful?", "Could we book a call to compare notes on your hiring plan?"),
    "audit": ("Could we run a free architecture review of your delivery setup?",
              "We offer a short architecture review at no cost; would that help?"),
    "case_study": ("Would a one-page case study on keeping delivery moving be useful?",
                   "I can send a case study on how a team like yours kept delivery on track."),
}

# Placeholder peer names per pool (generic-peer violations); train and held-out writers reach for different ones.
GENERIC_PEERS: dict[str, tuple[str, ...]] = {
    "train": ("Acme", "Globex", "Initech", "Contoso", "Company A", "Company B", "FinCo", "BigCo", "TechCorp"),
    "heldout": ("AppA", "Company Y", "Company Z", "SaaSCo", "RetailCo"),
}
# Replies to the prospect turn a trace case answers (the draft's first line).
TRACE_REPLIES: dict[str, dict[str, tuple[str, ...]]] = {
    "train": {"interested": ("Glad it sounds useful.", "Thanks for the quick reply."),
              "reschedule": ("No problem at all, let us move it.",),
              "price_question": ("Senior engineers are {price} per engineer-month.",),
              "bench_question": ("We have {count} {stack} engineers free this month.",),
              "case_request": ("Here is the one-page case study you asked for.",)},
    "heldout": {"interested": ("Great to hear it might help.", "Happy this landed at a good time."),
                "reschedule": ("Sure, a new time is easy.",),
                "price_question": ("On price: {price} per engineer per month for senior people.",),
                "bench_question": ("Right now {count} {stack} engineers are free.",),
                "case_request": ("Attached is the case study.",)},
}


def label_and_text(wording: str) -> tuple[str | None, str]:
    """Split a `[tag] text` wording into (tag, text); untagged wordings give (None, text)."""
    if wording.startswith("["):
        tag, text = wording[1:].split("] ", 1)
        return tag, text
    return None, wording
