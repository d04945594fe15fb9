"""E02, rubric rule 9 (PENALISE): peer company names in the draft are generic or reused.

The rule fires on a peer name that looks generic by pattern (Acme-style placeholders, "...Co", "Company
A", "AppB", "Client X"), a peer claimed without a name ("a leading fintech", "several top logistics
firms", "one of the larger food distributors", "a few names you'd recognise (NDA)") in a sentence that claims our
work for it or offers it as a reference, one peer named twice in a draft (also by its head word: "Marlowe Systems ... and also
Marlowe"), or (with batch context) one peer name cited to
`PEER_REUSE_PROSPECTS` or more different prospects in the same batch; the twin names real-sounding,
distinct peers. Round 4: importance or size said any way ("the most important names", "two mid-size freight
brokers"), our work in any inflection or the same work done for someone makes a peer sentence, and entries under a
list heading count apart ("Done before:\n- Ostwick Press\n- Ostwick").
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from tenacious.bench.probes.reading import (
    BENCH_NAMES,
    NOT_A_PARTY,
    DraftText,
    Firing,
    PeerIndex,
    peer_mentions,
    prospect_key,
)
from tenacious.bench.probes.spec import Probe, Wordings

VIOLATIONS: Wordings = {
    "train": ("Teams like {generic1} and {generic2} already work this way.",
              "We helped {generic1} clear a six-month hiring backlog in one quarter.",
              "Companies such as {generic1} and {generic2} use us for exactly this.",
              "Clients like {generic1} and {generic2} trust our engineers.",
              "We have supported {generic1} and {generic2} through similar growth.",
              "Firms including {generic1} and {generic2} rely on our bench.",
              "Teams like {peer1}, {peer2} and {peer1} already work this way.",
              "We worked with {peer1}, and {peer1} renewed twice."),
    "heldout": ("Ask anyone at {generic1} or {generic2} how it went.",
                "Our customers, {generic1} and {generic2} among them, say the same.",
                "We partnered with {generic1} last year with great results.",
                "Scale-ups like {peer1}, {peer2} and again {peer1} use us."),
}
# Twins: real-sounding, distinct peer names.
TWINS: Wordings = {
    "train": ("Teams like {peer1} and {peer2} already work this way.",
              "We helped {peer1} clear a hiring backlog in one quarter.",
              "Companies such as {peer1} and {peer2} use us for this.",
              "Clients like {peer1} and {peer2} trust our engineers.",
              "We have supported {peer1} through similar growth.",
              "Firms including {peer1}, {peer2} and {peer3} rely on our bench.",
              "We worked with {peer1}, and they renewed twice.",
              "Scale-ups like {peer1} use the same set-up."),
    "heldout": ("Ask anyone at {peer1} how it went.",
                "Our customers, {peer1} and {peer2} among them, say the same.",
                "We partnered with {peer1} last year.",
                "Scale-ups like {peer1} and {peer2} use us."),
}


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


# A peer claimed without a name ("we helped a leading fintech", "one of the larger food distributors"): an
# indefinite group or one of a class, ranked or sized by an adjective, whatever its trade noun. Only in a sentence
# that claims our work for a peer or offers one as a reference (_PEER_CONTEXT): "turning the round into a larger
# product team" names the reader's own team, not a peer.
_VAGUE_PEER = re.compile(
    r"\b(?:a|an|several|many|some|a few|dozens of|a number of|one of|some of|multiple|various|two|three|"
    r"four|other|plenty of|lots of|a couple of|a handful of)\s+(?:of\s+)?(?:the\s+)?(?:[\w-]+'s\s+)?"
    r"(?:(?:very|really|truly|most|more)\s+)?(?:(?:[\w-]+\s+){0,2}?(?:household[- ]names?|big[- ]names?|unicorns?|blue[- ]chips?)\b|"
    r"(?:leading|top|major|big|bigger|biggest|large|larger|largest|well-known|well known|better-known|unnamed|anonymous|"
    r"undisclosed|confidential|"
    r"household[- ]name|fortune[- ]\d+|top[- ](?:\d+|three|five|ten|twenty)|"
    r"tier[- ]?(?:one|1)|global|top-tier|premier|prominent|renowned|famous|big-name|name-brand|marquee|"
    r"best-known|iconic|blue-chip|"
    # v0.3 round 4: importance and size said any way ("the most important names", "two mid-size US freight brokers")
    r"important|notable|respected|established|recogni[sz]able|mid-?sized?|medium-sized?)"
    r"\s+(?:[\w-]+\s+){0,3}?[A-Za-z][\w-]*(?=\s*(?:$|[,;:.()!?\u2014-]|\s(?:and|or|in|on|at|"
    r"across|from|for|with|who|that|which|whose|where|you|we|you'd|both|all|each|last|this|the|to|plus|use|uses)\b)))",
    re.IGNORECASE)
# A description set after a name ("Harlow Transit, one of the bigger coach operators") names its peer.
_AFTER_A_NAME = re.compile(r"[A-Z][\w'&-]*\s*[,(\u2014-]\s*$")
_AT_A_NAME = re.compile(r"\s+(?:at|from)\s+[A-Z]")  # "a big team at Brekke Parcel": the company is named
# A peer kept unnamed on purpose, right after an indefinite group ("a proptech unicorn you'd have heard of (NDA)",
# "a few names you'd recognise"): in a peer sentence, the withheld name is the claim.
_WITHHELD = re.compile(
    r"\b(?:a|an|one|one of the|some|several|a few|a couple of|a handful of|two|three|many)\s+(?:[\w-]+\s+){0,3}?"
    r"[a-z][\w-]*\s*\(?\s*(?:(?:that|who|which)\s+)?(?:you(?:'d| would|'ll| will)?|everyone(?:'d| would)?)\s+"
    r"(?:\w+\s+){0,2}?(?:recogni[sz]e|know|have heard of|heard of)\b|"
    r"\(\s*(?:under\s+)?ndas?\b|\bnames? (?:on|upon) request\b|\bcan(?:'t|not|t) name\b",
    re.IGNORECASE)
# What makes a sentence a peer reference: our work claimed for someone, or someone offered to vouch for us.
_PEER_CONTEXT = re.compile(
    r"\b(?:we|we've|we have|we'd|i've|our (?:team|engineers|people|developers|folks)|tenacious)\b[^.?!;]{0,80}?"
    r"\b(?:done|did|doing|built|build|delivered|shipped|run|ran|runs|helped|help|supported|support|worked|work|"
    r"partnered|served|serve|staffed|placed|migrated|rebuilt|set up|make|made|supporting|helping|working|serving|"
    r"partnering|staffing|delivering|building)\b|"
    # v0.3 round 4: the same work done for someone ("similar setup for two ... brokers"), a proof heading ("Proof:")
    r"\b(?:similar|same|comparable|identical)\s+(?:[\w-]+\s+){0,2}?(?:for|with|at)\b|"
    r"(?im:^\W*(?:proof|done before|track record|past work|social proof|worked with|clients?|customers?|case studies)\s*:)|"
    r"\breferences?\b|\bin touch with\b|\bintroduc\w+|\bvouch\w*|\b(?:speak|talk) to\b|\bask\b|"
    r"\b(?:teams|clients|customers|companies|firms) (?:at|like|such as)\b|\bour (?:clients?|customers?)\b|\bof ours\b",
    re.IGNORECASE)
# ... or the peer named first and our work after it ("several top logistics firms use us").
_PEER_AFTER = re.compile(r"\b(?:use|used|uses|rely on|relied on|trust|trusted|hired|chose|picked|work with|worked with)"
                         r"\s+(?:us|our|tenacious)\b|\bvouch\w*", re.IGNORECASE)
# A peer claim that withholds the name ("can't say who, you'd know them", "under NDA").
_UNNAMED_PEER = re.compile(
    r"\bcan(?:'t|not) (?:say|name|tell you|share|disclose) (?:who|which|them|names?|the names?)\b|"
    r"\b(?:under|bound by|covered by) (?:an? |our )?ndas?\b|\b(?:who|which) (?:shall|must|will have to) remain "
    r"(?:nameless|anonymous)\b|\{\{[^}]*\}\}|\{(?:peer|company|client|customer)[a-z_0-9]*\}|"
    r"\[(?:peer|company|client|customer)[^\]]*\]|<(?:peer|company|client)[^>]*>", re.IGNORECASE)
# What lists a name again as if it were one more reference ("..., and also Marlowe", "plus Marlowe again").
_LISTED_AGAIN = re.compile(r"(?:\band\b|\balso\b|\bplus\b|as well as|\bagain\b|,|;|\bor\b|\bnot to mention\b)"
                           r"(?:\s+\w+){0,2}?\s*(?:for|at|with|to)?\s*$", re.IGNORECASE)
# The draft counts its references as more than one ("two references", "both", "on a separate engagement", "so did").
_COUNTED_APART = re.compile(r"\b(?:two|both|each|separate\w*|second|so did|as well|also|another|too|did the same|"
                            r"same for)\b|\b[2-9]\s+(?:[\w-]+\s+)?(?:refs?|references|examples|clients|companies|peers|"
                            r"customers|cases)\b|^\s*2[.)]\s|"
                            r"\b(?:references|refs|examples|clients|customers)\s*:|"
                            # v0.3 round 4: a heading over list entries ("Done before:\n- Ostwick Press ...\n- Ostwick ...")
                            r"^[^\n:]{1,40}:\s*\n\s*(?:[-*\u2022]|\d+[.)])\s", re.IGNORECASE | re.MULTILINE)
# Our past work claimed for a group nobody is named in ("we have done the same migration for several mid-sized
# freight forwarders"): a peer reference without a name, whatever the trade noun.
_UNNAMED_GROUP = re.compile(
    r"\b(?:we|we've|we have|our (?:engineers|team|people|developers))\b[^.?!]{0,60}?\b(?:done|delivered|built|helped|"
    r"supported|worked|run|ran|migrated|shipped|did)\b[^.?!]{0,40}?\b(?:for|with|at)\s+"
    r"(?:(?-i:[A-Z][\w'-]*)\s+){0,3}?(?:and\s+)?(?:several|many|a few|a number of|"
    r"dozens of|multiple|various|numerous|a handful of|a couple of|other)\s+(?:[\w-]+\s+){0,3}?"
    r"[a-z]{3,}(?:ers|ies|ses|ms|ns|ts|ks|ps|ls|rs|ds)\b(?![^.?!]*(?::|\b(?:including|such as|like|namely)\b)\s*[A-Z])",
    re.IGNORECASE)
_AGAIN_FOR = re.compile(r"\b(?:for|at|with)\s*$", re.IGNORECASE)  # "... and later for Norrsken's other team"


_COMPANY = re.compile(r"(?<![\w-])[A-Z][a-z][\w'-]*(?: (?:& )?[A-Z][\w'-]*)+")


def _company_names(ctx: Mapping, draft: DraftText) -> list[tuple[str, int, int]]:
    """Names of two or more capitalised words in the body (after the subject line), our side's, the reader's and
    calendar words left out: the companies a draft cites, however it introduces them."""
    # The prospect by its head word (a peer may share its trade word: "Brekke Parcel" to "Ashcombe Parcel"); the
    # reader and our engineers by any part of their names.
    own = ({ctx["company"].split()[0], *ctx["recipient"]["name"].split(), "Tenacious"} | NOT_A_PARTY | BENCH_NAMES
           | {part for name in BENCH_NAMES for part in name.split()})
    out = []
    subject = re.match(r"\s*subject:[^\n]*", draft.text, re.IGNORECASE)  # the subject names the topic, not a reference
    for match in _COMPANY.finditer(draft.text, subject.end() if subject else 0, draft.signature_start):
        words = [w for w in match.group(0).split() if w != "&"]
        if words[0] not in own and not (set(words) & own) and not any(w.upper() == w for w in words):
            out.append((match.group(0), match.start(), match.end()))
    return out


def _unnamed_in_context(draft: DraftText) -> tuple[str, int, int] | None:
    """(text, start, end) of a vague or withheld peer in a sentence that claims our work for it or offers it as a
    reference."""
    for start, sentence in draft.sentence_texts():
        for pattern in (_VAGUE_PEER, _WITHHELD):
            for match in pattern.finditer(sentence):
                if _AFTER_A_NAME.search(sentence[:match.start()]) or _AT_A_NAME.match(sentence, match.end()):
                    continue
                if _PEER_CONTEXT.search(sentence[:match.start()]) or _PEER_AFTER.search(sentence[match.end():]):
                    return match.group(0), start + match.start(), start + match.end()
    return None


def check(ctx: Mapping, draft: DraftText, peers: PeerIndex) -> Firing | None:
    own = {ctx["company"], "Tenacious"}
    for name in GENERIC_PEER_NAMES:
        match = re.search(rf"\b{re.escape(name)}\b", draft.text, re.IGNORECASE)
        if match:
            return draft.fire(f"generic peer name: {name}", match.start(), match.end())
    for pattern in _GENERIC_PATTERNS:
        for match in pattern.finditer(draft.text):
            if match.group(0) not in own:
                return draft.fire(f"peer name looks generic: {match.group(0)}", match.start(), match.end())
    vague = _UNNAMED_PEER.search(draft.text) or _UNNAMED_GROUP.search(draft.text)
    found = (vague.group(0), vague.start(), vague.end()) if vague else _unnamed_in_context(draft)
    if found:
        return draft.fire(f"peer reference without a name: {found[0]!r}", found[1], found[2])
    mentions = peer_mentions(draft)
    seen: set[str] = set()
    for name, start, end in mentions:
        head = name.split()[0].casefold()
        if name.casefold() in seen or head in seen:
            return draft.fire(f"the same peer is named more than once: {name}", start, end)
        seen.update({name.casefold(), head})
    for name, _, end in mentions:  # "Marlowe Systems ... and also Marlowe": one peer counted as two
        head = name.split()[0]
        for again in re.finditer(rf"(?<![\w-]){re.escape(head)}(?P<own>['\u2019]s\b)?(?![\w-])", draft.text[end:]):
            before = draft.text[max(end, end + again.start() - 30):end + again.start()]
            if _LISTED_AGAIN.search(before) and (not again.group("own") or _AGAIN_FOR.search(before)):
                return draft.fire(f"the same peer is listed twice: {head}", end + again.start(), end + again.end())
    names = _company_names(ctx, draft)
    for index, (name, _, _) in enumerate(names):  # "1. Kobaltblau Systems: ... 2. Kobaltblau Systems, platform team"
        again = next((n for n in names[index + 1:] if re.sub(r"['\u2019]s$", "", n[0]) == name), None)
        if again and _COUNTED_APART.search(draft.text[:draft.signature_start]):
            return draft.fire(f"the same peer is counted twice: {name}", again[1], again[2])
    for name, _, end in names:  # "Verdane Travel ... and, separately, Verdane's office"
        head = name.split()[0]
        if not _COUNTED_APART.search(draft.text):
            continue
        for again in re.finditer(rf"(?<![\w-])(?:{re.escape(head)}|{re.escape(head.lower())}(?=['\u2019]s\b))(?![\w-])"
                                 rf"(?!\s+{re.escape(name.split()[1])})", draft.text[end:]):
            if end + again.start() < draft.signature_start:
                return draft.fire(f"the same peer is counted twice: {name} and {head} again", end + again.start(),
                                  end + again.end())
    me = prospect_key(ctx)
    for name, start, end in mentions:
        cited_to = peers.get(name.casefold(), frozenset())
        if len(cited_to) >= PEER_REUSE_PROSPECTS and me in cited_to:
            return draft.fire(f"peer {name} is cited to {len(cited_to)} different prospects in this batch",
                              start, end)
    return None


PROBE = Probe(cases=36, template_cases=12, check=check, violations=VIOLATIONS, twins=TWINS, names_other_prospects=True)
