"""C02, rubric rule 8 (BLOCK): the draft offers an engineer who is committed elsewhere in that window.

Naming a committed engineer offers them. What the draft says about that engineer (their clause, up to the
next engineer it names, and a following sentence that goes on with "she/he/they") decides, by date
(v0.3, bench/dates): a start it gives ("from Monday", "next week", "in March") on or before the
commitment's `until` is a violation even when the commitment is admitted ("with another client until
May, but could start with you from Monday"); a start after `until` is not. With no start given, a
disclosed commitment ("Ruth is booked until March", "she rolled off last month") is not an offer and an
undisclosed one is; a mention that only introduces the engineer (the subject line) is answered by a later one
that gives the window, and one that only tells their past work ("Yonas led a similar rebuild for us last year")
offers nobody. Round 4: the engineer may be named by surname after a title or by first name and initial
("Ms. Kidane", "Meron W."); a clause naming the next engineer is theirs ("booked until April, so for a March start
I would propose Abel"); part of their time beside the commitment ("half-time alongside the current client") is
offered inside the window. The twin discloses it and starts after it ends, or offers a free engineer.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from datetime import date

from tenacious.bench import dates, facts
from tenacious.bench.probes.reading import BENCH_NAMES, DraftText, Firing, PeerIndex
from tenacious.bench.probes.spec import Probe, Wordings

VIOLATIONS: Wordings = {
    "train": ("{engineer} ({stack}) could join your team next week.",
              "I have pencilled in {engineer_first} for your {stack} work from Monday.",
              "{engineer_first}, one of our senior {stack} engineers, is ready to start.",
              "We could put {engineer} on your {stack} backlog straight away.",
              "{engineer_first} would be a great fit and can begin this month.",
              "I would suggest {engineer} to lead the {stack} work for you.",
              "Our {stack} engineer {engineer_first} is free to join your sprints.",
              "You could meet {engineer}, who would start on your project next week."),
    "heldout": ("{engineer_first} could take your {stack} tickets from day one.",
                "Let me line up {engineer} for you; start date is flexible.",
                "Best candidate for you is {engineer_first}, a very strong {stack} engineer.",
                "{engineer} is my pick for your team and can be there soon."),
}
# Twins: a disclosed commitment, or a free engineer offered instead.
TWINS: Wordings = {
    "train": ("{engineer_first} is booked until {until}, but {free} could start on your {stack} work.",
              "{engineer} is committed elsewhere, so {free} would lead your work.",
              "{free} ({stack}) could join your team next week.",
              "{engineer_first} is tied up with another client; {free} is free now.",
              "Since {engineer_first} is unavailable until {until}, I would propose {free}.",
              "{free}, one of our {stack} engineers, could start this month.",
              "{engineer} is on another engagement, so {free} is my suggestion.",
              "I would put {free} on your {stack} backlog."),
    "heldout": ("{engineer_first} is busy until {until}; {free} is the one I would send.",
                "{free} can take your {stack} tickets from day one.",
                "Heads-up: {engineer} is not available, but {free} is.",
                "My pick is {free}, free from next week."),
}


_DISCLOSED = re.compile(
    r"\b(?:booked|bound|committed|unavailable|not available|isn't available|is not available|isn't free|not free|tied up|"
    r"busy|engaged elsewhere|allocated|occupied|on assignment|on another|with another (?:client|team|customer)|"
    r"elsewhere|rolls? off|frees? up|free (?:from|after|again)|available (?:from|after|again|in|once)|"
    r"back on the bench|not before|no earlier than|once (?:she|he|they) (?:finish|wrap|complete)\w*|"
    r"(?:until|till|through) (?:early |mid-?|late |the end of )?(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december|next (?:month|quarter|year))|"
    r"after (?:january|february|march|april|may|june|july|august|september|october|november|december|her|his|their)|"
    r"from (?:january|february|march|april|june|july|august|september|october|november|december))\b",
    re.IGNORECASE)
_PRONOUN_START = re.compile(r"\s*(?:(?:but|and|so|though|still|however),?\s+)?(?:she|he|they|her|his|their)\b",
                            re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:()\u2014-]\s")
_NEXT_CLAUSE = re.compile(r"[;\u2014]\s*|,\s+(?=(?:so|but|and|while|whereas|though|instead)\b)", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:she|he|her|him|hers|his)\b", re.IGNORECASE)
# The engineer's commitment is over: the start the draft names cannot clash with it.
_ENDED = re.compile(
    r"\b(?:has|have|had|just)\s+(?:just\s+)?(?:finished|wrapped(?: up)?|completed|ended|rolled off|come off|came off)|"
    r"\b(?:finished|wrapped up|rolled off|came off|completed) (?:her|his|their) (?:last |previous )?"
    r"(?:engagement|project|assignment|contract|stint)|\b(?:is|are|'s|'re) (?:now )?(?:back on (?:the|our) bench|free again)|"
    r"\b(?:engagement|project|assignment|contract|commitment) (?:has |have )?(?:ended|finished|wrapped up|closed)",
    re.IGNORECASE)


def _premise(rng: random.Random, tag: str | None, line: str | None, twin: bool) -> dict:
    """One engineer committed elsewhere, in a stack that still has someone free."""
    stack = rng.choice([s for s in facts.BENCH_STACKS if len(facts.BENCH_ROSTER[s]) >= 2])
    engineer = rng.choice(facts.BENCH_ROSTER[stack])
    until = f"2026-{rng.randrange(2, 13):02d}-{rng.randrange(1, 29):02d}"  # after REFERENCE_WEEK: still running
    return {"prior_commitments": [{"engineer": engineer, "stack": stack, "until": until}]}


def _slots(rng: random.Random, ctx: dict, pool: str, carrier: dict) -> dict:
    """The committed engineer, the window, and a free engineer of the same stack."""
    commitment = ctx["prior_commitments"][0]
    free = [e for e in facts.BENCH_ROSTER[commitment["stack"]] if e != commitment["engineer"]]
    return dict(engineer=commitment["engineer"], engineer_first=commitment["engineer"].split()[0],
                stack=facts.STACK_LABELS[commitment["stack"]], until=commitment["until"], free=rng.choice(free))


def _regions(draft: DraftText, pattern: re.Pattern, others: re.Pattern) -> list[tuple[int, int, int, int]]:
    """(name start, name end, region start, region end) in the normalised draft for every mention of the engineer.

    The region is what the draft says about that engineer: their sentence from the previous other engineer's
    name to the clause that names the next one, plus the following sentences that carry on with a pronoun.
    """
    out = []
    sentences = draft.sentences
    for k, (s_start, s_end) in enumerate(sentences):
        sentence = draft.text[s_start:s_end]
        for match in pattern.finditer(sentence):
            names = [(m.start(), m.end()) for m in others.finditer(sentence)]
            left = max((e for _, e in names if e <= match.start()), default=0)
            right = min((b for b, _ in names if b >= match.end()), default=len(sentence))
            own_clause = left and sentence.rfind(";", left, match.start()) >= 0
            if own_clause:  # "Nahom from Monday; Eden, who ..., is with another client": Eden's clause starts at the ";"
                left = sentence.rfind(";", left, match.start()) + 1
            elif left and _ABOUT_OTHER.search(sentence[left:match.start()]):
                continue  # "Kaleb, who worked right next to Meron, ...": Kaleb is offered, Meron only described him
            if left and not own_clause:  # named in a clause about another engineer ("Kaleb, who worked with Meron, ..."): that clause
                right = min(right, next((m.start() for m in _CLAUSE_END.finditer(sentence, match.end())), right))
            elif right < len(sentence):  # v0.3 round 4: "Tigist is booked until mid-April, so for a March start I
                # would propose Abel": the clause that names the next engineer is about them
                cut = [m.start() for m in _NEXT_CLAUSE.finditer(sentence, match.end(), right)]
                right = cut[-1] if cut else right
            end = s_start + right
            # what follows and goes on with "she/he/they" is about them, sentence after sentence, up to another name
            j = k + 1
            while j < len(sentences) and end == sentences[j - 1][1]:
                n_start, n_end = sentences[j]
                following = draft.text[n_start:n_end]
                if not (_PRONOUN_START.match(following) or _PRONOUN.search(following)):
                    break
                cut = min((m.start() for m in others.finditer(following)), default=len(following))
                end = n_start + cut
                if cut < len(following):
                    break
                j += 1
            out.append((s_start + match.start(), s_start + match.end(), s_start + left, end))
    return out


# What the draft says of an engineer's past work, and the words that put them forward now.
_PAST_WORK = re.compile(r"\b(?:led|built|did|worked|shipped|ran|delivered|wrote|rebuilt|migrated|helped|designed|"
                        r"last (?:year|spring|summer|autumn|winter)|previously|before)\b", re.IGNORECASE)
_OFFER_WORDS = re.compile(
    r"\b(?:could|can|would|will|'d|'ll|shall|available|free|start|starts|join|begin|suggest|propose|recommend|pick|"
    r"choice|candidate|put|place|offer|send|fit|suit|ready|line up|introduce|meet|for you|your (?:team|project|work|"
    r"sprints?|backlog|rebuild|migration))\b", re.IGNORECASE)
_ABOUT_OTHER = re.compile(r"^\W*(?:who|whose|that)\b[^.;]{0,60}\b(?:with|next to|alongside|beside|under|like|"
                          r"from|after)\s+(?:\w+\s+)?$", re.IGNORECASE)


# v0.3 round 4: part of the engineer's time offered beside the commitment ("half-time alongside current client until
# mid-April", "she could split her week"): offered inside the window, whatever start the draft gives.
_SHARE_OF_TIME = re.compile(
    r"\b(?:half|part)[- ]time\b[^.;\n]{0,40}?\b(?:alongside|beside|besides|while|during|in parallel|on top of|next to|"
    r"until|till|through)\b|\b(?:alongside|beside|besides|while|during|in parallel with|on top of)\b[^.;\n]{0,40}?"
    r"\b(?:half|part)[- ]time\b|\bsplit (?:her|his|their) (?:week|time|days)\b|"
    r"\b(?:one|two|three|a couple of) days? (?:a|per) week\b[^.;\n]{0,40}?\b(?:alongside|while|during|on top of|until)\b",
    re.IGNORECASE)


def _name_forms(full: str) -> str:
    """An engineer's name as a draft may write it: in full, the first name, or the surname after a title or initial."""
    first, surname = full.split()[0], full.split()[-1]
    return "|".join((re.escape(full), rf"{re.escape(first)}(?:\s+{surname[0]}\.)?",
                     rf"(?<=Ms\. |Mr\. |Dr\. ){re.escape(surname)}", rf"(?<=Mrs\. ){re.escape(surname)}",
                     rf"(?<=Ms |Mr |Dr ){re.escape(surname)}", rf"(?<=Mrs ){re.escape(surname)}"))


def check(ctx: Mapping, draft: DraftText, peers: PeerIndex) -> Firing | None:
    reference = dates.reference_date(draft.text)
    for commitment in ctx["prior_commitments"]:
        full = commitment["engineer"]
        until = date.fromisoformat(str(commitment["until"]))
        if until < reference:
            continue  # the commitment is over by the time the draft speaks of
        # the full name, the first name, or the surname after a title or an initial ("Ms. Kidane", "Meron W.")
        pattern = re.compile(rf"\b(?:{_name_forms(full)})\b", re.IGNORECASE)
        others = [n for n in BENCH_NAMES if n != full]
        other_names = re.compile(r"\b(?:" + "|".join(_name_forms(n) for n in sorted(others)) + r")\b", re.IGNORECASE)
        undisclosed, told = [], []  # mentions with nothing said of the window; where a later one tells it
        for name_start, name_end, start, end in _regions(draft, pattern, other_names):
            region = draft.text[start:end]
            if _ENDED.search(region):
                told.append((name_start, name_end))
                continue
            starts = dates.start_dates(region, reference, until)
            clash = [d for _, _, d in starts if d <= until]
            share = _SHARE_OF_TIME.search(region)
            if share and not clash and not any(d > until for _, _, d in starts):
                return draft.fire(f"the draft offers {full} for part of their time while committed elsewhere until "
                                  f"{until.isoformat()} ({share.group(0)!r})", name_start, name_end)
            if clash:
                return draft.fire(f"the draft offers {full} from {clash[0].isoformat()}, committed elsewhere until "
                                  f"{until.isoformat()}", name_start, name_end)
            if not starts and _PAST_WORK.search(region) and not _OFFER_WORDS.search(region):
                continue  # "Yonas led a similar rebuild for us last year": a reference to past work, no offer
            (told if starts or _DISCLOSED.search(region) else undisclosed).append((name_start, name_end))
        # A mention that only introduces the engineer (the subject line, "I've got the person: Selam") is answered by
        # a later one that gives the window; one after it, or with none to follow, offers them as free.
        for name_start, name_end in undisclosed:
            if not any(later > name_start for later, _ in told):
                return draft.fire(f"the draft offers {full}, committed elsewhere until {commitment['until']}",
                                  name_start, name_end)
    return None


PROBE = Probe(cases=26, template_cases=8, check=check, violations=VIOLATIONS, twins=TWINS, premise=_premise,
              slots=_slots)
