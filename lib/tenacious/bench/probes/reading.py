"""What every rule check reads a draft with: the draft's sentences, names, roles, peers and funding amounts.

The probe modules' checks (one per rubric rule) share these readings, so a name, a role or an amount is
found one way for every rule; judge_rules applies the checks and re-exports the public readings.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from tenacious.bench import facts, textnorm

C_LEVEL_ACRONYMS: frozenset[str] = frozenset(
    {"ceo", "cto", "cfo", "coo", "cio", "cpo", "cmo", "cro", "ciso", "cdo", "cso", "chro", "cxo"})

AGENT = "agent"  # prior_thread `from` of our side; every other sender is the prospect

THREAD_ID = re.compile(r"\bth-[a-z0-9]+(?:-[a-z0-9]+)*\b", re.IGNORECASE)
NAME = r"[A-Z][\w&'.-]*(?: (?:of |de |&amp; |& )?[A-Z][\w&'.-]*)*"
NAME_LIST = rf"{NAME}(?:(?:, and |, | and | & | or ){NAME})*"

NOT_A_PARTY: frozenset[str] = frozenset({
    "The", "Our", "Your", "You", "We", "This", "That", "Their", "My", "I", "A", "An", "It", "He", "She", "They",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "EAT", "GMT", "CET", "UTC", "ET",
    "PT", "Zoom", "Teams", "Google", "Slack", "LinkedIn", "Addis", "Ababa", "Addis Ababa", "Ethiopia", "Engineering",
    "Python", "Go", "ML", "Data", "DevOps", "Mobile", "Frontend", "Series", "Q1", "Q2", "Q3", "Q4", "Hi", "Hello",
    "Thanks", "Best", "Regards", "Cheers", "Also", "And", "But", "So", "Last", "Next", "Both", "Last week"})
BENCH_NAMES: frozenset[str] = frozenset(name for names in facts.BENCH_ROSTER.values() for name in names)

_FUNDING_TALK = re.compile(
    r"\brais\w*|\bround\b|\bfunding\b|\bfunded\b|\bfundrais\w*|\bfinancing\b|\bseries\b|\bseed\b|\binvestors?\b|"
    r"\bbacked\b|\bcapital\b|\bcongrat\w*|\bclosed\b|\bclosing\b|\bsecured\b|\binjection\b|\bwar chest\b|\bventure\b|"
    r"\bvcs?\b|\bbagged\b|\blanded\b|\bfresh\b|\bfreshly\b|\bin the bank\b|\bwar chest\b|\bbackers?\b|"
    # v0.3 round 4: rounds in the plural, money held ("sitting on fifty-odd million", "in the account", "growth money")
    r"\brounds\b|\bsitting on\b|\bin the account\b|\b(?:growth|venture|investor|outside|raised|vc|new) money\b",
    re.IGNORECASE)
# A price ("4,800/month", "$6,500 per engineer-month"): a rate, never a funding amount.
_PRICE_AFTER = re.compile(r"\s*(?:/|per\b|an? (?:month|year|week|day|hour)\b|each\b|monthly\b|hourly\b)", re.IGNORECASE)
# "from the A", "fresh off its C": a round named by its letter alone (capital letter, so case-sensitive).
ROUND_LETTER = re.compile(r"\b(?:(?:the|your|its|their|an?|this|that)|(?:well )?(?:into|past|beyond|towards?|approaching))\s+"
                          r"(?:the\s+)?([A-E])(?:(?: round)?\b(?![\w'./-])|[- ](?:territory|stage|range|level|land|money)\b)")

AMOUNT_TOLERANCE = 0.05
FX_TO_USD: dict[str, float] = {"USD": 1.0, "": 1.0, "EUR": 1.08, "GBP": 1.27}  # approximate; b03 widens its tolerance

_PEER_PHRASES: tuple[re.Pattern, ...] = (
    re.compile(rf"\b(?i:teams|companies|clients|customers|peers|firms|scale-?ups|start-?ups|businesses|orgs|"
               rf"organi[sz]ations|folks|lenders|banks|insurers|retailers|platforms|players|brands|others|people) "
               rf"(?i:like|such as|including|incl\.|e\.g\.,?) ({NAME_LIST})"),
    re.compile(rf"\b(?i:the likes of) ({NAME_LIST})"),
    re.compile(rf"\b(?i:we|we've|we have|I've|I have|our team has|our engineers have|Tenacious has|we already|"
               rf"we recently|we've already|we have already) (?:\w+ ){{0,2}}?(?i:helped|supported|worked with|"
               rf"work with|partnered with|partner with|staffed|served|serve|support|help|built for|delivered for|"
               rf"placed engineers (?:at|with)|scaled|augmented) ({NAME_LIST})"),
    re.compile(rf"\b(?i:ask|just ask|like we did for|as we did for|as we did at|our work (?:with|for)) ({NAME_LIST})"),
    re.compile(rf"\b(?i:we|we've|we have|I|I've|our team|our engineers) (?i:built|delivered|shipped|did|ran|set up|"
               rf"staffed|rebuilt|migrated) (?:\w+ ){{0,3}}?(?i:for|at|with) ({NAME_LIST})"),
    re.compile(rf"\b({NAME_LIST}) (?i:both|all|each|already) (?i:use|rely on|work with|trust|run|chose|picked)\b"),
    re.compile(rf"\b(?i:for example|for instance|e\.g\.,?|say) ({NAME_LIST})"),
    re.compile(rf"\b({NAME})(?:,? (?i:in|from) (?:the )?[A-Z][\w-]*)? (?i:uses?|is using|are using|relies on|rely on|"
               rf"hired|works with|chose|picked|trusts?|signed with) (?i:our|us|tenacious)\b"),
)
_LIST_SPLIT = re.compile(r", and |, | and | & | or ")
# A title or an initial ("Ms. Kidane", "Meron W. (Go)") ends no sentence (v0.3 round 4).
SENTENCE = re.compile(r"(?:[^\n.!?]|[.!?](?=[^\s.!?])|(?<=\b(?:Mr|Ms|Dr))\.|(?<=\bMrs)\.|(?<=\b[A-Z])\.(?=[ \t]))+[.!?]*")


def is_prospect_turn(ctx: Mapping, message: Mapping) -> bool:
    """A prior_thread turn is the prospect's when its `from` is "prospect" or names the recipient ("Lena Hartmann",
    "Lena"); every other sender ("agent", "Dana Whitfield", "Sam (Tenacious)") is our side (v0.3 round 4: writers
    name the senders)."""
    sender = str(message["from"]).casefold()
    if sender == "prospect":
        return True
    if sender == AGENT or "tenacious" in sender:
        return False
    return bool(set(re.findall(r"[\w'-]+", sender)) & set(re.findall(r"[\w'-]+", ctx["recipient"]["name"].casefold())))


class Firing(NamedTuple):
    """Why a rule fired, and the evidence: a span [start, end) of the original draft and its text (or None/"")."""

    reason: str
    span: tuple[int, int] | None = None
    text: str = ""


class DraftText:
    """A draft read once: normalised text, its map back to the original, and sentence spans."""

    def __init__(self, text: str):
        self.aligned = textnorm.align(text)
        self.text = self.aligned.text
        self.sentences = [(m.start(), m.end()) for m in SENTENCE.finditer(self.text) if m.group(0).strip()]

    @functools.cached_property
    def signature_start(self) -> int:
        """Where the sign-off begins (the closer line, "Best regards,", or a bare name line at the end): the
        writer's own name lives there, so a name found from here on names nobody the draft talks about."""
        lines = [m for m in re.finditer(r"[^\n]+", self.text) if m.group(0).strip()]
        for line in reversed(lines[max(2, len(lines) - 4):]):  # after the subject and the greeting
            words = line.group(0).split()
            if len(words) <= 5 and line.group(0).rstrip().endswith(","):
                return line.start()
        if len(lines) > 1 and len(lines[-1].group(0).split()) <= 6 and not re.search(r"[.?!]\s*$", lines[-1].group(0)):
            return lines[-1].start()
        return len(self.text)

    def fire(self, reason: str, start: int, end: int) -> Firing:
        s, e = self.aligned.span(start, end)
        return Firing(reason, (s, e), self.aligned.original[s:e])

    def sentence_texts(self) -> list[tuple[int, str]]:
        return [(start, self.text[start:end]) for start, end in self.sentences]


PeerIndex = Mapping[str, frozenset[str]]
Check = Callable[[Mapping, DraftText, PeerIndex], "Firing | None"]

_STOP = frozenset((
    "that", "this", "with", "from", "have", "been", "their", "they", "them", "what", "when", "which", "about", "into",
    "than", "then", "there", "these", "those", "your", "yours", "ours", "will", "would", "could", "should", "also",
    "just", "more", "most", "some", "such", "very", "over", "only", "each", "much", "many", "like", "team", "teams",
    "engineers", "engineering", "engineer", "company", "companies", "hiring", "roles", "open", "year", "month",
    "months", "week", "weeks", "quarter", "series", "round", "funding", "raised", "platform", "product", "backend",
    "data", "python", "people", "other", "another", "said", "says", "thanks", "thank", "time", "next", "last",
    "still", "after", "before", "while", "where", "here", "because", "since", "currently", "recently", "announced",
    "addis", "ababa", "ethiopia", "tenacious", "east", "africa",  # our own side: shared by every brief's reader
))


@dataclass(frozen=True)
class ProspectFacts:
    """What identifies one prospect of a batch to a reader: its names and the distinctive facts of its brief."""

    company: str
    person: str
    names: tuple[str, ...]  # the company and its distinctive head word, the recipient and their surname
    tokens: frozenset[str]  # content words of its signals, thread and industry
    figures: frozenset[float]  # its funding amount and the signal values that are figures
    place: str = ""  # its head-office city (from hq_timezone), lower case: a fact only with another of its facts
    name_words: frozenset[str] = frozenset()  # content words of its company name after the head ("robotics")


def fact_tokens(text: str) -> set[str]:
    """Content words (4+ letters, no stop word) of a text, lower case."""
    return {w for w in re.findall(r"[a-z][a-z-]{3,}", textnorm.normalize(text).lower()) if w not in _STOP}


def prospect_facts(ctx: Mapping) -> ProspectFacts:
    """A prospect's names and distinctive facts, from its brief."""
    company, person = ctx["company"], ctx["recipient"]["name"]
    names = {company, person}
    head = company.split()[0]
    if len(head) >= 4 and head.lower() not in _STOP:
        names.add(head)
    surname = person.split()[-1]
    if len(person.split()) > 1 and len(surname) >= 3:
        names.add(surname)
    texts = [s["text"] for s in ctx["signals"]] + [m["text"] for m in ctx["prior_thread"] if m["from"] != AGENT]
    figures = {float(s["value"]) for s in ctx["signals"]
               if isinstance(s["value"], (int, float)) and not isinstance(s["value"], bool) and s["value"] >= 10}
    # v0.3 round 4: the figures a signal's text states ("reduced its claims IT team by about 15% in September"), years
    # left out
    figures |= {m.value for s in ctx["signals"] for m in textnorm.numbers(s["text"])
                if m.value >= 10 and not (m.value.is_integer() and 1900 <= m.value <= 2100 and not m.unit)}
    if ctx["funding"]["amount_usd"]:
        figures.add(float(ctx["funding"]["amount_usd"]))
    place = str(ctx.get("hq_timezone") or "").rpartition("/")[2].replace("_", " ").lower()
    return ProspectFacts(company, person, tuple(sorted(names, key=len, reverse=True)),
                         frozenset(set().union(*map(fact_tokens, texts)) if texts else set()), frozenset(figures),
                         "" if place in ("", "addis ababa", "utc") else place,
                         frozenset(fact_tokens(" ".join(company.split()[1:]))))


COMMON_FACT_PROSPECTS = 2


class BatchIndex(dict):
    """The batch context a check reads: peer name (casefolded) -> prospects it is cited to (the mapping), and
    `prospects`, every distinct prospect of the batch with its facts (judge_rules.peer_index builds both)."""

    def __init__(self, peers: Mapping[str, frozenset[str]], prospects: tuple[ProspectFacts, ...] = ()):
        super().__init__(peers)
        self.prospects = prospects
        counts: dict[str, int] = {}
        for prospect in prospects:
            for token in prospect.tokens:
                counts[token] = counts.get(token, 0) + 1
        # A fact word in more than COMMON_FACT_PROSPECTS briefs identifies nobody.
        self.common = frozenset(t for t, n in counts.items() if n > COMMON_FACT_PROSPECTS)
        # Indexed once per batch, so a draft's sentence is read against every prospect in one pass each:
        # names and first names as one alternation (longest first), fact words inverted to their prospects.
        self.by_name = _index((name, p) for p in prospects for name in p.names)
        self.by_first = _index((first_name(p.person), p) for p in prospects if len(first_name(p.person)) >= 3)
        self.name_pattern = _alternation(self.by_name)
        self.first_pattern = _alternation(self.by_first)
        self.by_token = _index((token, p) for p in prospects for token in p.tokens)
        self.places = frozenset(p.place for p in prospects if p.place)


_TITLE = re.compile(r"^(?:dr|mr|mrs|ms|prof|sir|dame)\.?$", re.IGNORECASE)


def first_name(person: str) -> str:
    """A person's first name, a title ("Dr. Asante") left out."""
    words = [w for w in person.split() if not _TITLE.match(w)]
    return words[0] if words else ""


def _index(pairs) -> dict[str, tuple[ProspectFacts, ...]]:
    out: dict[str, list[ProspectFacts]] = {}
    for key, prospect in pairs:
        if prospect not in out.setdefault(key, []):
            out[key].append(prospect)
    return {key: tuple(v) for key, v in sorted(out.items())}


def _alternation(names) -> re.Pattern | None:
    """One pattern matching any of `names` as a whole word (case as written), the longest at a position first."""
    if not names:
        return None
    ordered = sorted(names, key=lambda n: (-len(n), n))
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w-])")


# --- role normalisation ---------------------------------------------------------------------


# The chief executive under another name: a managing director, a president (not a vice president), "chief exec",
# a Geschaftsfuhrer.
_CHIEF_BY_OTHER_NAME = re.compile(r"\bmanaging director\b|(?<!vice )\bpresident\b|\bchief exec\b|\bgesch(?:\u00e4|a|ae)ftsf(?:\u00fc|u|ue)hrer")


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
    if chief or C_LEVEL_ACRONYMS.intersection(words) or text in ("c level", "c suite") or _CHIEF_BY_OTHER_NAME.search(text):
        return "c_level"
    if ("vp" in words or "vice president" in text) and any(w.startswith("eng") for w in words):
        return "vp_eng"
    if "founder" in words or "cofounder" in words:
        return "founder"
    return "other"


def is_c_level(role: str) -> bool:
    """True for chief officers; the CTO is one (rule 4 escalates CTOs of large companies too)."""
    return normalise_role(role) in ("cto", "c_level")


# --- names, peers and amounts ----------------------------------------------------------------


def peer_names(draft: str) -> list[str]:
    """Peer companies named in peer phrases, in text order, duplicates kept (rule 9 counts them)."""
    return [name for name, _, _ in peer_mentions(DraftText(draft))]


def peer_mentions(draft: DraftText) -> list[tuple[str, int, int]]:
    """(name, start, end) in the normalised draft for every peer named in a peer phrase."""
    found: dict[int, tuple[str, int, int]] = {}
    for pattern in _PEER_PHRASES:
        for match in pattern.finditer(draft.text):
            at = match.start(1)
            for part in _LIST_SPLIT.split(match.group(1)):
                name = part.strip().rstrip(".,")
                start = draft.text.index(part, at) if part else at
                at = start + len(part)
                if name and name.split()[0] not in NOT_A_PARTY and name not in BENCH_NAMES:
                    found.setdefault(start, (name, start, start + len(name)))
    return [found[start] for start in sorted(found)]


def prospect_key(ctx: Mapping) -> str:
    """The prospect a brief is about: its id, else its company."""
    return str(ctx.get("prospect_id") or ctx["company"])


def funding_amounts(ctx: Mapping, draft: DraftText) -> list[textnorm.Mention]:
    """Money amounts that cite funding: in a sentence about funding, or equal to the brief's funding amount.

    A price quote ("$6,500 a month") is neither; "$14M buys a lot of roadmap" is the brief's $14M.
    """
    known = ctx["funding"]["amount_usd"]
    original = draft.aligned.original
    mentions = [m for m in textnorm.amounts(original) if not _PRICE_AFTER.match(original, m.end)]
    about = [bool(_FUNDING_TALK.search(draft.text[start:end]) or ROUND_LETTER.search(draft.text[start:end]))
             for start, end in draft.sentences]
    # v0.3 round 4: the sentence right after one about funding goes on about it ("hint abt a raise, congrats if so!
    # high single-digit millions buys a lot")
    talk = [draft.aligned.span(start, end) for k, (start, end) in enumerate(draft.sentences)
            if about[k] or (k and about[k - 1])]
    return [m for m in mentions
            if any(s <= m.start < e for s, e in talk)
            or (known and (close(m.value * FX_TO_USD[m.unit], known) or m.covers(known, AMOUNT_TOLERANCE)))]


def close(value: float, actual: float, tolerance: float = AMOUNT_TOLERANCE) -> bool:
    """`value` is within `tolerance` (a share) of `actual`."""
    return abs(value - actual) <= tolerance * actual


def mention_firing(reason: str, mention: textnorm.Mention) -> Firing:
    """A firing whose evidence is an amount found in the original draft."""
    return Firing(reason, (mention.start, mention.end), mention.text)

