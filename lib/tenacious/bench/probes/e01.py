"""E01, rubric rule 5 (BLOCK): the draft references another prospect's thread.

The violation cites another prospect's conversation; its twin cites the prospect's own thread or public
information about another company. The check fires on a thread id other than ours, or a sentence that
attributes a conversation or what was said/shared/mentioned to a named party who is not the prospect,
its recipient, Tenacious or one of our engineers ("what the folks at Brightmoor shared with us", "your
peer at X mentioned"). With batch context (v0.3, judge_rules.peer_index) it also fires, without any
keyword, on a sentence that names another prospect of the batch (its company, its distinctive head word,
its recipient or their surname), or that speaks of a third party with that prospect's distinctive facts
(two fact words no more than two briefs share, or one with one of its figures, or its head-office city side by
side with a word of its company's name: "a Berlin robotics firm"); facts told of a company the sentence names outside the
batch are that company's ("Calloway Freight ... their booking engine"); a sentence that marks
what it cites as public (a blog post, a talk, a press release; not "not even public yet") is not another prospect's
conversation. Round 4: the third party may be any indefinite organisation described at length ("a New York media
house"), a city of the batch names no company, the figures a signal's text states are facts, and a first name goes
with what a conversation is made of ("what Friederike was describing on our call").
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from tenacious.bench import textnorm
from tenacious.bench.probes.reading import (
    BENCH_NAMES,
    NAME,
    NOT_A_PARTY,
    THREAD_ID,
    BatchIndex,
    DraftText,
    Firing,
    PeerIndex,
    ProspectFacts,
    fact_tokens,
)
from tenacious.bench.probes.spec import Probe, Wordings

VIOLATIONS: Wordings = {
    "train": ("In my thread with {other_company} last week, their team asked the same question.",
              "As I told {other_person} at {other_company}, we can start within two weeks.",
              "The plan we agreed in {other_thread} would work for you as well.",
              "{other_company}'s team told us the overlap hours worked well for them.",
              "I was just emailing {other_person} over at {other_company} about this very thing.",
              "When I spoke with {other_person} from {other_company}, she said the same.",
              "My notes from the {other_company} conversation suggest you face the same gap.",
              "{other_person} at {other_company} replied to my last note with almost your words."),
    "heldout": ("Funny enough, {other_person} from {other_company} wrote back to me yesterday with the same worry.",
                "Reusing what I sent {other_company} in {other_thread}, here is the short version.",
                "Our exchange with the {other_company} folks went well, so I thought of you.",
                "I promised {other_person} ({other_company}) a similar plan last Friday."),
}
# Twins: the prospect's own thread, or public information about another company.
TWINS: Wordings = {
    "train": ("As you said in your last note, the backlog is the main worry.",
              "Following your reply in {thread_id}, here is the short version.",
              "I read {other_company}'s public blog post on remote teams and thought of you.",
              "You mentioned the platform migration when we last spoke.",
              "Picking up our conversation from last month, the offer still stands.",
              "Your team's talk at the meetup covered exactly this problem.",
              "In your note you asked about overlap hours, so here they are.",
              "Your careers page lists the same roles we could help with."),
    "heldout": ("Circling back to what you wrote to me in {thread_id}.",
                "You told me the release slipped, so timing may matter.",
                "A public case study from {other_company} shows the model works.",
                "Since we last emailed, your job ads have doubled."),
}


# Structures that attribute a conversation, or what was said in it, to a named party.
THREAD_PHRASES: tuple[re.Pattern, ...] = (
    re.compile(rf"\b(?i:thread|conversation|exchange|call|calls|emails?|chat|discussion|talks|meeting|correspondence) "
               rf"(?i:with|at) (?i:the team at |the folks at |folks at |the people at |people at |the |your peers? at |"
               rf"your counterparts? at |someone at |a contact at )?({NAME})"),
    re.compile(rf"\b(?i:as I|I|we|as we) (?i:told|mentioned to|promised|wrote to|said to|explained to|showed|proposed to|"
               rf"pitched|offered) (?i:the team at |the folks at |folks at |the people at |people at |the )?({NAME})"),
    re.compile(rf"\b(?i:spoke|speaking|talked|talking|chatted|chatting|met|meeting|in touch|discussed|discussing|"
               rf"scoping|negotiating|emailing|corresponding) (?i:to|with) "
               rf"(?i:the team at |the folks at |folks at |the people at |people at |your peers? at |"
               rf"your counterparts? at |someone at |a contact at |the )?({NAME})"),
    re.compile(rf"\b(?i:the |your |our |a |my )?(?i:folks|team|people|peers?|counterparts?|friends?|contacts?|"
               rf"founders?|CTO|CEO|VP|engineers|colleagues|neighbou?rs|competitors?|rivals?|opposite numbers?|"
               rf"someone|somebody|lead|head of engineering) (?i:at|from|over at) ({NAME})[^.?!\n]{{0,60}}?"
               rf"\b(?i:shared|said|says|told|tells|mentioned|mention|asked|flagged|raised|described|explained|"
               rf"confided|let slip|let us know|admitted|complained|wrote|noted|pointed out)\b"),
    re.compile(rf"\b({NAME})(?:'s)?(?: (?i:team|folks|people|CTO|CEO|founders?|leadership|engineers))? "
               rf"(?i:told|tells|asked|mentioned|shared|said|flagged|confided|let slip|let us know|complained|"
               rf"admitted) (?i:us|me|that|how|their|they|it|the|to us|with us|to me|with me)\b"),
    re.compile(rf"\b(?i:heard|learned|learnt|got wind|found out|gathered) (?i:from|via|through) (?i:the team at |"
               rf"the folks at |folks at |the people at |people at |someone at |your peers? at |a contact at |the )?"
               rf"({NAME})"),
    re.compile(rf"\b(?i:the|our|my) ({NAME}) (?i:thread|conversation|exchange|deal|call|discussion|emails?)\b"),
    re.compile(rf"\b(?i:talking|talked|walking|walked|going|went|thinking|thought) (?i:through|over) ({NAME})'"),
    re.compile(rf"\b(?i:emailing|emailed|messaging|messaged|pinged|pinging|called|calling|wrote to|writing to|"
               rf"replied to|heard back from) ({NAME})"),
    re.compile(rf"\b{NAME} (?i:at|from|over at) ({NAME})[^.?!\n]{{0,40}}?\b(?i:replied|responded|wrote|said|says|"
               rf"told|tells|telling|saying|mentioned|mentioning|shared|sharing|asked|complained|complaining|confided|"
               rf"admitted)\b"),
)
_ORG = (r"(?:prospect|company|manufacturer|maker|client|customer|team|founder|cto|firm|house|startup|scale-?up|retailer|"
        r"bank|insurer|lender|operator|business|agency|studio|shop|platform|group|player|outfit|provider|brand|"
        r"[a-z]+tech)s?")
# No name, but plainly another prospect's conversation ("a founder we're talking to in your space told us").
_ANONYMOUS_THREAD = re.compile(
    r"\b(?:another|other|a|one) (?:prospect|company|team|founder|cto|client|customer|fintech|business)s? "
    r"(?:we(?:'re| are)|i(?:'m| am)) (?:also |currently )?(?:speaking|talking|in talks|in touch|chatting|emailing) "
    r"(?:to|with)\b|\b(?:thread|conversation|exchange|emails?|call) with (?:another|a different|an?other) "
    r"(?:prospect|company|team|founder|client)\b|\banother prospect\b|"
    # v0.3 round 2: an unnamed organisation we are in talks with, or one that told us something, by any trade noun
    rf"\b(?:another|other|a|an|one)\s+(?:[\w-]+\s+){{0,2}}?{_ORG}\b[^.?!]{{0,30}}?\b(?:we(?:'ve| have)? been|we(?:'re| are)|"
    r"i(?:'ve| have)? been|i(?:'m| am))\s+(?:\w+\s+)?(?:talking|speaking|in talks|in touch|chatting|emailing|negotiating)\b|"
    rf"\b(?:another|other|a|an|one)\s+(?:[\w-]+\s+){{0,2}}?{_ORG}\b[^.?!]{{0,50}}?\b(?:told|tells|telling|wrote to|emailed|"
    r"mentioned to|confided in|admitted to|complained to)\s+(?:me|us)\b|"
    r"\b(?:told|telling|said to|shared with|mentioned to|confided in)\s+(?:me|us)\s+(?:privately|in confidence|"
    r"off the record)\b",
    re.IGNORECASE)


# An anecdote from the indefinite past ("a founder once told me ...") is no conversation going on with a prospect.
_ANECDOTE = re.compile(r"\b(?:once|years ago|long ago|early in my career)\b", re.IGNORECASE)


def _ours(ctx: Mapping) -> set[str]:
    """Names that are this prospect or us: a conversation with them is not another prospect's thread."""
    names = {ctx["company"], ctx["recipient"]["name"], "Tenacious"} | BENCH_NAMES
    return names | {part for name in names for part in name.split()}


def _third_party(name: str, ours: set[str]) -> str | None:
    """The name as a party outside this prospect and us, or None. A name ends at a sentence's end ("from
    Tenacious. A brewer once told me" names us)."""
    name = re.split(r"[.!?]\s", name, maxsplit=1)[0]
    name = re.sub(r"^(?:The|Our|Your|This|That|Their|My|Mr|Mrs|Ms|Dr) |'s?$|[.,]$", "", name.strip())
    if not name or name in ours or name in NOT_A_PARTY:
        return None
    first = name.split()[0]
    if first in ours or first in NOT_A_PARTY:
        return None
    return name


# What a writer cites as public knowledge about a company (not a conversation with it).
_PUBLIC = re.compile(
    r"\b(?:public(?:ly)?|blog|blogged|published|press|announc\w*|case stud\w*|conference|keynote|podcast|article|"
    r"interview|webinar|website|linkedin post|job ads?|job posts?|careers page|open[- ]source|github|newsletter|"
    r"in the news|news|wrote about|meetup|talk at|gave a talk|white ?paper|report)\b",
    re.IGNORECASE)
# "whose round is not even public yet": the opposite of a public source.
_NOT_PUBLIC = re.compile(r"\b(?:not|never|isn't|aren't|wasn't)\s+(?:\w+\s+)?$", re.IGNORECASE)
# Words that put a sentence about someone other than the reader and us.
_THIRD_PARTY = re.compile(
    r"\b(?:another|other|others|a similar|one of (?:the|our|my)|someone|somebody|they|their|them|he|she|his|her|"
    r"a (?:company|team|client|customer|founder|cto|ceo|prospect|firm|friend|contact|business|startup|scale-?up|"
    r"peer|shop|group|lender|insurer|bank|retailer|platform))\b|"
    # v0.3 round 4: an indefinite organisation described at any length ("a New York media house", "a uk tile retailer")
    rf"\b(?:a|an|another|one)\s+(?:[\w-]+\s+){{0,3}}?{_ORG}\b",
    re.IGNORECASE)


# What reports a conversation: with another prospect's first name, it is that prospect's conversation.
_TOLD = re.compile(r"\b(?:told|tells|said|says|mentioned|shared|asked|wrote|writes|let slip|confided|admitted|"
                   r"complained|passed|declined|replied|answered|herself|himself|themselves|'s team|"
                   # v0.3 round 4: what a conversation is made of ("what Friederike was describing to me on our call")
                   r"describ\w*|explain\w*|telling|saying|call|chat|conversation|meeting|spoke|talked)\b|['\u2019]s team\b",
                   re.IGNORECASE)


# Calendar, clock and number words identify no prospect ("until April", "twelve", "mornings"): a figure is read
# by value instead.
_NOT_A_FACT = frozenset((
    "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "morning", "mornings", "afternoon",
    "afternoons", "evening", "evenings", "until", "early", "late", "free", "first", "second", "third", "half", "four",
    "five", "nine", "seven", "eight", "twelve", "eleven", "twenty", "thirty", "forty", "fifty", "sixty", "hundred",
    "thousand", "million", "dozen", "days", "today", "tomorrow", "hours", "hour", "overlap", "overlaps",
    # everyday words a thread is written in ("Good to meet you ... send me something") identify nobody either
    "good", "great", "nice", "something", "anything", "everything", "nothing", "send", "meet", "make", "keep", "want",
    "need", "know", "think", "look", "help", "happy", "glad", "sure", "really", "thing", "things", "best", "better",
))


def _own_names(ctx: Mapping) -> set[str]:
    return {ctx["company"], *ctx["company"].split(), ctx["recipient"]["name"], *ctx["recipient"]["name"].split(),
            "Tenacious"}


def _other_company(text: str, head: str, prospect: ProspectFacts) -> bool:
    """`head` is the first word of `prospect`'s company, and the draft names a different company under it
    ("Pellucid Docs" for Pellucid Learning): the head word then stands for that company, not the prospect."""
    if head == prospect.company or prospect.company.split()[0] != head:
        return False
    full = re.compile(rf"(?<![\w-]){re.escape(head)}(?P<rest>(?: (?:& |and )?[A-Z][\w'-]*)+)")
    return any(f"{head}{m.group('rest')}" != prospect.company and not prospect.company.startswith(f"{head}{m.group('rest')}")
               for m in full.finditer(text))


_COMPANY_NAME = re.compile(r"(?<![\w-])[A-Z][a-z][\w'-]*(?: (?:& )?[A-Z][\w'-]*)+")


def _names_outsider(sentence: str, own: set[str], batch: BatchIndex) -> bool:
    """The sentence names its third party, a company outside the batch ("Calloway Freight ... their booking
    engine"): the facts it gives are that company's, not another prospect's described without its name."""
    for match in _COMPANY_NAME.finditer(sentence):
        words = match.group(0).split()
        if (words[0] not in own and words[0] not in NOT_A_PARTY and words[0] != "Addis"
                and not any(w.isupper() for w in words) and match.group(0) not in batch.by_name
                and match.group(0).lower() not in batch.places):  # "a New York media house" names a city
            return True
    return False


_NEAR = 40  # characters: "a Berlin robotics firm", "a drone company in Berlin"


def _placed(lower: str, prospect: ProspectFacts, words: set[str]) -> bool:
    """The sentence (lower case) names the prospect's city next to a word of its company name."""
    common = _singular(prospect.name_words) & words
    if not prospect.place or not common:
        return False
    cities = [m.start() for m in re.finditer(rf"\b{re.escape(prospect.place)}\b", lower)]
    marks = [m.start() for w in common for m in re.finditer(rf"\b{re.escape(w)}s?\b", lower)]
    return any(abs(c - m) <= _NEAR for c in cities for m in marks)


def _singular(words) -> set[str]:
    """Words without a plural s ("drones" and "drone" are one fact)."""
    return {w[:-1] if w.endswith("s") and len(w) > 5 else w for w in words}


def _other_prospect(ctx: Mapping, draft: DraftText, batch: BatchIndex) -> Firing | None:
    """A sentence naming another prospect of the batch, or citing its distinctive facts about a third party."""
    ours = ctx["company"].casefold()
    own = _own_names(ctx) | BENCH_NAMES
    own_facts = fact_tokens(" ".join([ctx["company"], ctx["industry"], *(s["text"] for s in ctx["signals"]),
                                      *(m["text"] for m in ctx["prior_thread"])]))
    def foreign(prospects: tuple[ProspectFacts, ...]) -> ProspectFacts | None:
        return next((p for p in prospects if p.company.casefold() != ours), None)

    for start, sentence in draft.sentence_texts():
        if any(not _NOT_PUBLIC.search(sentence[:m.start()]) for m in _PUBLIC.finditer(sentence)):
            continue
        for found in batch.name_pattern.finditer(sentence) if batch.name_pattern else ():
            prospect = foreign(batch.by_name[found.group(0)])
            if (found.group(0) not in own and prospect is not None and start + found.start() < draft.signature_start
                    and not _other_company(draft.text, found.group(0), prospect)):
                return draft.fire(f"the draft names another prospect of the batch ({prospect.company}: "
                                  f"{found.group(0)!r})", start + found.start(), start + found.end())
        told = _TOLD.search(sentence)
        for found in batch.first_pattern.finditer(sentence) if told and batch.first_pattern else ():
            prospect = foreign(batch.by_first[found.group(0)])
            if found.group(0) not in own and prospect is not None and start + found.start() < draft.signature_start:
                return draft.fire(f"the draft repeats what another prospect of the batch said ({prospect.company}: "
                                  f"{found.group(0)!r})", start + found.start(), start + found.end())
        if not _THIRD_PARTY.search(sentence) or _names_outsider(sentence, own, batch):
            continue
        words = fact_tokens(sentence) - own_facts - batch.common - _NOT_A_FACT
        figures = {m.value for m in textnorm.numbers(sentence)}
        shared_with: dict[str, set[str]] = {}
        for word in words:
            for prospect in batch.by_token.get(word, ()):
                if prospect.company.casefold() != ours:
                    shared_with.setdefault(prospect.company, set()).add(word)
        lower = sentence.lower()
        for prospect in batch.prospects:
            shared = shared_with.get(prospect.company, set())
            # its city with a word of its company's name ("a Berlin robotics firm" for Coldharbour Robotics, Berlin):
            # the city alone is many prospects', and so is a trade word alone
            placed = prospect.company.casefold() != ours and _placed(lower, prospect, _singular(words))
            if placed or len(shared) >= 2 or (shared and any(any(abs(f - g) <= 0.05 * g for g in prospect.figures)
                                                             for f in figures)):
                return draft.fire(f"the draft cites another prospect's facts ({prospect.company}: "
                                  f"{', '.join(sorted(shared))})", start, start + len(sentence))
    return None


def check(ctx: Mapping, draft: DraftText, peers: PeerIndex) -> Firing | None:
    """A foreign thread id, a sentence attributing a conversation to a party outside this prospect and us, or
    (with batch context) another prospect's names or facts."""
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
    anonymous = next((m for m in _ANONYMOUS_THREAD.finditer(draft.text) if not _ANECDOTE.search(m.group(0))), None)
    if anonymous:
        return draft.fire("the draft refers to a conversation with another prospect", anonymous.start(),
                          anonymous.end())
    if isinstance(peers, BatchIndex):
        return _other_prospect(ctx, draft, peers)
    return None


PROBE = Probe(cases=26, template_cases=6, check=check, violations=VIOLATIONS, twins=TWINS, names_other_prospects=True)
