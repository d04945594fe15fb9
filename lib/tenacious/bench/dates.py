"""Dates as a writer puts them: "from Monday", "next week", "in March", "after 30 April", "mid-June".

A commitment check (judge rule 8, the scorer's over-commitment) must compare the start a draft offers
with the date the engineer's commitment ends, however either is written. `start_dates` finds every
start expression in a text and resolves it to a calendar date:

- relative ones ("now", "Monday", "next week", "in two weeks", "this month", "next quarter") against a
  reference date (the draft's own first explicit date, else facts.REFERENCE_WEEK);
- a month or a day without a year ("in March", "4 May") in the year that puts it nearest to the
  `anchor` (the commitment's end), so "from January" after a November end reads as next January;
- "early / mid / late / end of <month>" as the 1st / 15th / 25th / last day; "after", "once ...
  ends", "frees up in" a month as the day after that month ends.

What a text says about the END of a commitment ("until May", "through 30 April", "booked till June")
is not a start and is skipped.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from tenacious.bench import facts, textnorm

MONTHS: tuple[str, ...] = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                           "october", "november", "december")
WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_PART = (r"(?:(?P<part>early|mid|late|end of|the end of|beginning of|the beginning of|start of|the start of|middle of|"
         r"the middle of)[- ]?)?")
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_EXPR = re.compile(
    r"\b(?:(?P<iso>20\d\d-\d\d-\d\d)|(?P<dd>\d{1,2})\.(?P<mm>\d{1,2})\.(?P<yy>20\d\d)"
    rf"|{_DAY}(?:\s+of)?\s+(?P<m1>{_MONTH})\b(?:,?\s+(?P<y1>20\d\d))?"
    rf"|(?P<m2>{_MONTH})\s+{_DAY.replace('day', 'day2')}\b(?:,?\s+(?P<y2>20\d\d))?"
    rf"|{_PART}(?P<m3>{_MONTH})\b(?:\s+(?P<y3>20\d\d))?"
    r"|(?P<q>q[1-4])(?:\s+(?P<yq>20\d\d))?"
    rf"|{_PART.replace('part', 'spart')}(?P<season>spring|summer|autumn|fall|winter)\b"
    r"|(?P<next>next|this|the coming|following)\s+(?P<unit>week|month|quarter|sprint|year)"
    r"|(?:in|within)\s+(?P<n>\w+|a|an)\s+(?P<nunit>days?|weeks?|months?)"
    rf"|(?P<wd2>monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+the\s+(?P<day3>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?!\s*(?:of\s+)?{_MONTH}\b)"
    r"|(?:(?P<nextday>next|this|coming)\s+)?(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?P<now>today|tomorrow|immediately|right away|straight away|straightaway|asap|at once|from now|day one|"
    r"from the start|this afternoon|tonight))\b",
    re.IGNORECASE)
# What comes right before an expression that makes it the END of a commitment, not a start.
_END_BEFORE = re.compile(
    r"(?:\buntil|\btill|\btil|\bthrough|\bthru|\bto|\bup to|\bending|\bends?|\bends on|\bbooked|\bcommitted|\bbusy|"
    r"\btied up|\bengaged|\bthrough to|\bto the end of|\bby)\s+(?:the\s+)?(?:(?:end|middle|beginning|start) of\s+)?"
    r"(?:early\s+|mid-?|late\s+)?$",
    re.IGNORECASE)
# An end verb a few words before the date ("her engagement ends in late February", "wrapping up elsewhere on 27
# February"), with no "once" / "when" / "after" that would make the date a start.
_END_VERB_BEFORE = re.compile(
    r"\b(?:ends?|ending|wrap(?:s|ping)? up|winds? down|winding down)\b(?:(?!\b(?:once|when|after)\b)[^.;,]){0,40}?"
    r"\b(?:on|in|at|around|by)\s+(?:the\s+)?(?:early\s+|mid-?|late\s+)?$", re.IGNORECASE)
# ... or that makes it the day after that end ("after May", "once she finishes in May", "frees up in June").
_AFTER_BEFORE = re.compile(
    r"(?:\bafter|\bonce\b[^.;]{0,40}?|\bwhen\b[^.;]{0,40}?\b(?:ends?|finish\w*|wraps?\s+up|is done|completes?)\b[^.;]{0,8}?|"
    r"\bfrees?\s+up\b[^.;]{0,8}?|\brolls?\s+off\b[^.;]{0,8}?|\bfinish\w*\b[^.;]{0,8}?|\bwraps?\s+up\b[^.;]{0,8}?|"
    r"\bnot before|\bno earlier than|\bnot until|\bonly (?:from|after|in))\s*(?:the\s+)?(?:end of\s+)?$",
    re.IGNORECASE)
# A date in a condition on the reader's project ("if the cutover lands in the summer"): when the project happens,
# not when our engineer starts.
_PROJECT_CONDITION_BEFORE = re.compile(
    r"\b(?:if|when|whether|should)\b[^.;,]{0,40}?\b(?:lands?|happens?|goes ahead|goes live|is ready|slips?|moves?)\s+"
    r"(?:in|on|for|around|by|to)\s+(?:the\s+)?(?:early\s+|mid-?|late\s+)?$", re.IGNORECASE)
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_VERB_MONTHS = frozenset({"may", "mar", "march"})
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "couple": 2}


def _month(name: str) -> int:
    return next(i + 1 for i, m in enumerate(MONTHS) if m.startswith(name.lower()[:3]))


def _nearest_year(month: int, day: int, anchor: date) -> date:
    """The date `month`/`day` in the year that puts it nearest to `anchor`."""
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(date(year, month, min(day, calendar.monthrange(year, month)[1])))
        except ValueError:
            continue
    return min(options, key=lambda d: (abs((d - anchor).days), d))


def _month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def reference_date(text: str) -> date:
    """'Today' for relative expressions: the text's first explicit day-and-month date, else REFERENCE_WEEK."""
    for match in _EXPR.finditer(textnorm.normalize(text)):
        if match.group("iso"):
            return date.fromisoformat(match.group("iso"))
    return facts.REFERENCE_WEEK


def _resolve(match: re.Match, reference: date, anchor: date) -> tuple[date, bool] | None:
    """(date, whole_month) for one expression; whole_month marks a bare month (its end matters for 'after')."""
    g = match.group
    if g("iso"):
        return date.fromisoformat(g("iso")), False
    if g("dd"):  # "31.03.2026": day, month, year as written in much of Europe
        try:
            return date(int(g("yy")), int(g("mm")), int(g("dd"))), False
        except ValueError:
            return None
    if g("m1") or g("m2"):
        month, day = _month(g("m1") or g("m2")), int(g("day") or g("day2"))
        year = g("y1") or g("y2")
        try:
            return (date(int(year), month, day) if year else _nearest_year(month, day, anchor)), False
        except ValueError:
            return None
    if g("m3"):
        month = _month(g("m3"))
        first = date(int(g("y3")), month, 1) if g("y3") else _nearest_year(month, 1, anchor)
        part = (g("part") or "").lower().replace("the ", "").replace("middle of", "mid")
        if part == "mid":
            return first.replace(day=15), False
        if part == "late":
            return first.replace(day=25), False
        if part == "end of":
            return _month_end(first), False
        return first, not part
    if g("season"):
        month = _SEASON_START[g("season").lower()]
        first = _nearest_year(month, 1, anchor)
        part = (g("spart") or "").lower().replace("the ", "")
        if part in ("late", "end of"):
            return first + timedelta(days=61), False
        return (first + timedelta(days=31) if part == "mid" else first), False
    if g("q"):
        quarter = int(g("q")[1])
        first = date(int(g("yq")) if g("yq") else anchor.year, 3 * quarter - 2, 1)
        return first, False
    if g("next"):
        unit, step = g("unit").lower(), 0 if g("next").lower() == "this" else 1
        if unit in ("week", "sprint"):
            return reference + timedelta(days=7 * step * (2 if unit == "sprint" else 1)), False
        if unit == "month":
            month = reference.month + step
            return date(reference.year + (month - 1) // 12, (month - 1) % 12 + 1, 1), False
        if unit == "quarter":
            return reference + timedelta(days=91 * step), False
        return date(reference.year + step, 1, 1), False
    if g("nunit"):
        count = _NUMBER_WORDS.get(g("n").lower()) or (int(g("n")) if g("n").isdigit() else None)
        if count is None:
            return None
        days = {"day": 1, "week": 7, "month": 30}[g("nunit").lower().rstrip("s")]
        return reference + timedelta(days=count * days), False
    if g("day3"):  # "Monday the 26th": the next such day of the month from the reference on
        day = int(g("day3"))
        month_start = reference.replace(day=1)
        for step in range(3):
            month = month_start.month - 1 + step
            first = date(month_start.year + month // 12, month % 12 + 1, 1)
            if day <= calendar.monthrange(first.year, first.month)[1] and first.replace(day=day) >= reference:
                return first.replace(day=day), False
        return None
    if g("weekday"):
        offset = (WEEKDAYS.index(g("weekday").lower()) - reference.weekday()) % 7
        return reference + timedelta(days=offset + (7 if (g("nextday") or "").lower() == "next" else 0)), False
    if g("now"):
        return reference + timedelta(days=1 if g("now").lower() == "tomorrow" else 0), False
    return None


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
             "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth")
_ORDINAL_WORD = re.compile(r"\b(?:(?P<tens>twenty|thirty)[- ](?P<unit>" + "|".join(_ORDINALS[:9]) + r")|(?P<plain>"
                           + "|".join(_ORDINALS) + r"|twentieth|thirtieth))\b", re.IGNORECASE)
# A weekday written with its date ("Monday, May 4"): the date decides, not the weekday.
_WEEKDAY_WITH_DATE = re.compile(r",?\s+(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?|" + _MONTH + r")\b", re.IGNORECASE)


def _ordinal_digits(match: re.Match) -> str:
    if match.group("plain"):
        word = match.group("plain").lower()
        return str({"twentieth": 20, "thirtieth": 30}.get(word) or _ORDINALS.index(word) + 1)
    return str((20 if match.group("tens").lower() == "twenty" else 30) + _ORDINALS.index(match.group("unit").lower()) + 1)


def start_dates(text: str, reference: date, anchor: date) -> list[tuple[int, int, date]]:
    """(start, end, date) of every start expression in `text` (normalised offsets), ends of commitments skipped.

    Ordinal words read as digits first ("May fourth" is May 4), so offsets are into that reading of the text.
    """
    norm = _ORDINAL_WORD.sub(_ordinal_digits, textnorm.normalize(text))
    out = []
    for match in _EXPR.finditer(norm):
        month = match.group("m1") or match.group("m2") or match.group("m3")
        if month and month.lower() in _VERB_MONTHS and not month[0].isupper():
            continue  # "she may be free", "march on": a verb, not a month
        before = norm[max(0, match.start() - 60):match.start()]
        if _END_BEFORE.search(before) or _END_VERB_BEFORE.search(before) or _PROJECT_CONDITION_BEFORE.search(before):
            continue
        if match.group("weekday") and _WEEKDAY_WITH_DATE.match(norm, match.end()):
            continue
        resolved = _resolve(match, reference, anchor)
        if resolved is None:
            continue
        day, whole_month = resolved
        if _AFTER_BEFORE.search(before):
            day = (_month_end(day) if whole_month else day) + timedelta(days=1)
        out.append((match.start(), match.end(), day))
    return out
