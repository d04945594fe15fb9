"""Deterministic, explainable scorer for critic-track emails (DESIGN §5.2).

`score(task, email)` rates one email against its task on five dimensions in [0, 1]. Every
deduction is recorded as a violation naming the dimension, the style-guide rule and the text that
triggered it, so a score can always be traced back to the draft. There is no model in the loop:
the same task and email always give the same numbers.

How the overall score is formed:
* overall = sum(WEIGHTS[d] * dimension[d]);
* a dimension below FAIL_THRESHOLD caps overall at FAIL_CAP (a draft that fails one dimension
  outright cannot be rated good, however well it does elsewhere);
* a hard violation (a `must_not` item, an invented contract value, offering engineers the bench
  does not hold) caps overall at HARD_CAP.
"""

from __future__ import annotations

import re

from tenacious.bench import facts

# Dimension weights (sum to 1). Grounding and tone carry most weight: they are what a prospect
# notices first; the AI gate and scheduling matter on fewer tasks.
WEIGHTS: dict[str, float] = {
    "grounding": 0.25,
    "tone": 0.25,
    "icp_fit": 0.20,
    "ai_maturity": 0.15,
    "scheduling": 0.15,
}
DIMENSIONS: tuple[str, ...] = tuple(WEIGHTS)
HARD_CAP = 0.25
FAIL_THRESHOLD = 0.5
FAIL_CAP = 0.6

# Deductions per violation, one place. A dimension starts at 1 and is floored at 0.
PENALTIES: dict[str, float] = {
    "invented_number": 0.5,       # SG-02
    "unhedged_signal": 0.5,       # SG-01
    "low_confidence_amount": 0.5,  # SG-01: a funding amount cited at low/insufficient confidence
    "missing_must_include": 0.25,  # SG-12
    "must_not": 0.6,              # SG-12 (also a hard cap)
    "overcommit": 0.6,            # SG-11 (also a hard cap)
    "contract_value": 0.5,        # SG-10 (also a hard cap)
    "banned_phrase": 0.3,         # SG-03
    "condescension": 0.4,         # SG-04
    "over_word_limit": 0.3,       # SG-05, plus 0.01 per word over, up to 0.3 more
    "no_subject": 0.3,            # SG-05
    "long_subject": 0.2,          # SG-05
    "no_ask": 0.2,                # SG-06
    "extra_ask": 0.3,             # SG-06, per ask beyond the first
    "no_segment_angle": 0.4,      # SG-07
    "off_segment": 0.6,           # SG-07, per other segment pitched
    "abstain_no_question": 0.5,   # SG-07
    "pitch_after_no": 0.6,        # SG-07: any segment pitch in a reply to a soft no
    "ai_pitch": 0.6,              # SG-08, per pitching sentence
    "wrong_zone": 0.6,            # SG-09, per wrong zone named
    "outside_window": 0.5,        # SG-09
    "no_overlap_slot": 0.6,       # SG-09: a live slot where the window is empty
    "eat_outside_hours": 0.3,     # SG-09
    "zone_mismatch": 0.3,         # SG-09: the two times are not the same instant
    "prospect_zone_unnamed": 0.3,  # SG-09
    "eat_unnamed": 0.2,           # SG-09
    "zoneless_time": 0.4,         # SG-09
    "no_slot": 0.4,               # SG-09: a call was asked for but no time proposed
    "no_async": 0.3,              # SG-09: no overlap and no async alternative
}

_HEDGES = ("if i read", "it looks like", "i may be wrong", "seems", "might", "perhaps", "reportedly",
           "if that is right", "if i understood")
_ASK_PATTERNS = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"\bwould (a|an|it|you)\b", r"\bwould\b[^.?!]*\bwork\b", r"\bcould (we|you)\b", r"\bcan (we|you|i)\b",
    r"\bshall we\b", r"\blet me know\b", r"\bare you (open|free|available)\b", r"\bbook (a|some)\b",
    r"\bplease (reply|share|send|forward|introduce)\b",
))
_ASYNC = re.compile(r"\basync|\brecorded\b|\bwritten summary\b|\bby email\b", re.IGNORECASE)
_AI_TERMS = re.compile(r"\b(" + "|".join(facts.AI_PITCH_TERMS) + r")\b", re.IGNORECASE)
_MONEY = re.compile(r"\$\s?(\d[\d,]*(?:\.\d+)?)\s*(m\b|million\b|k\b|bn\b|billion\b)?", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)")
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}\s?(?:am|pm)\b", re.IGNORECASE)
_DURATION = re.compile(r"\b\d+[-\s](?:minute|min|hour|day|week|month)s?\b", re.IGNORECASE)
_TCV_WORDS = re.compile(r"\b(phases?|contract|tcv|in total|total|engagement value)\b", re.IGNORECASE)
_COUNT_WORDS = {w: i for i, w in enumerate(
    ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"))}
_OFFER = re.compile(
    r"\b(\d+|" + "|".join(_COUNT_WORDS) + r")\s+(?:senior\s+|dedicated\s+|experienced\s+)?("
    + "|".join(re.escape(label) for label in sorted(set(facts.STACK_LABELS.values()) | set(facts.STACK_LABELS)))
    + r")\s+engineers?\b", re.IGNORECASE)
_STACK_BY_LABEL = {label.lower(): stack for stack, label in facts.STACK_LABELS.items()} | {
    s: s for s in facts.STACK_LABELS}
SMALL_COUNT_MAX = 10  # bare integers up to this are counts ("two weeks", "3 engineers"), not facts


def _zone_alternation() -> tuple[str, dict[str, str]]:
    """Regex alternation of every zone label (abbreviations case-sensitive, names not) and label -> zone."""
    owner = {label.lower(): zone for zone, labels in facts.TZ_LABELS.items() for label in labels}
    owner |= {label.lower(): "other" for label in facts.OTHER_TZ_LABELS}
    labels = [lab for labs in facts.TZ_LABELS.values() for lab in labs] + list(facts.OTHER_TZ_LABELS)
    parts = [re.escape(lab) if lab.isupper() else "(?i:" + re.escape(lab) + ")"
             for lab in sorted(labels, key=len, reverse=True)]
    return "|".join(parts), owner


_ZONE_ALT, _ZONE_OWNER = _zone_alternation()
_ZONE = re.compile(r"(?<![\w])(" + _ZONE_ALT + r")(?![\w])")
_TIME = re.compile(r"(?<![\d:])(\d{1,2})(?::(\d{2}))?\s*((?i:am|pm))?\s*\(?\s*(" + _ZONE_ALT + r")(?![\w])")


def parse_email(email: str) -> tuple[str | None, str]:
    """Split an email into (subject, body); subject is None when the first line is not 'Subject: ...'."""
    first, _, rest = email.strip().partition("\n")
    if first.lower().startswith("subject:"):
        return first[len("subject:"):].strip(), rest.strip()
    return None, email.strip()


def sentences(text: str) -> list[str]:
    """Sentences and lines of a body, stripped; line breaks end sentences (greetings, sign-offs)."""
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def _is_question(sentence: str) -> bool:
    return sentence.rstrip().endswith("?")


def _is_hedged(sentence: str) -> bool:
    low = sentence.lower()
    return _is_question(sentence) or any(h in low for h in _HEDGES)


def is_ask(sentence: str) -> bool:
    """A call to action: something the reader is asked to do or agree to."""
    return any(p.search(sentence) for p in _ASK_PATTERNS)


def _to_float(raw: str) -> float:
    return float(raw.replace(",", ""))


def _money_values(text: str) -> list[float]:
    scale = {"m": 1e6, "million": 1e6, "k": 1e3, "bn": 1e9, "billion": 1e9}
    return [_to_float(m.group(1)) * scale.get((m.group(2) or "").lower(), 1.0) for m in _MONEY.finditer(text)]


def _numbers_in(text: str) -> list[float]:
    """Every figure in a text: money amounts (scaled) and bare numbers, ignoring clock times and durations."""
    text = _DURATION.sub(" ", _CLOCK.sub(" ", text))
    values = _money_values(text)
    values += [_to_float(m.group(1)) for m in _NUMBER.finditer(_MONEY.sub(" ", text))]
    return values


def _flatten(obj) -> list[str]:
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in _flatten(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in _flatten(v)]
    return [] if obj is None or isinstance(obj, bool) else [str(obj)]


def allowed_numbers(task: dict) -> set[float]:
    """Figures a draft may use: everything in the brief and the task text, plus the public price bands."""
    allowed: set[float] = set()
    for text in _flatten(task["context"]) + [task.get("instruction", "")] + list(task.get("must_include", [])):
        allowed.update(_numbers_in(text))
        if re.fullmatch(r"\d+(\.\d+)?", text):
            allowed.add(float(text))
    for low, high in facts.PRICE_BANDS_USD_PER_MONTH.values():
        allowed.update((float(low), float(high)))
    return allowed


def _grounded_signals(context: dict) -> list[dict]:
    """The context's signals, plus its funding as a signal when no funding signal is listed."""
    signals = list(context["signals"])
    funding = context["funding"]
    if funding.get("amount_usd") and not any(s["kind"] == "funding" for s in signals):
        signals.append({"kind": "funding", "text": "", "value": funding["amount_usd"],
                        "confidence": funding["confidence"]})
    return signals


def _mentions(sentence: str, signal: dict) -> bool:
    low = sentence.lower()
    if any(re.search(r"\b" + re.escape(a), low) for a in facts.SIGNAL_ANCHORS[signal["kind"]]):
        return True
    value = signal["value"]
    # A stack name alone ("two Go engineers") describes our bench, not the prospect's migration.
    if signal["kind"] == "tech_stack" or isinstance(value, bool) or value is None:
        return False
    if isinstance(value, (int, float)):
        return float(value) in _numbers_in(sentence)
    return re.search(r"(?<![\w])" + re.escape(str(value)) + r"(?![\w])", sentence) is not None


class _Card:
    """Collects deductions per dimension and the violations that explain them."""

    def __init__(self):
        self.dimensions = {d: 1.0 for d in DIMENSIONS}
        self.violations: list[dict] = []
        self.caps: list[dict] = []

    def deduct(self, dimension: str, kind: str, rule: str, detail: str, amount: float | None = None):
        self.dimensions[dimension] -= PENALTIES[kind] if amount is None else amount
        self.violations.append({"dimension": dimension, "rule": rule, "kind": kind, "detail": detail})

    def cap(self, name: str, limit: float, detail: str):
        self.caps.append({"cap": name, "limit": limit, "detail": detail})


def _score_grounding(card: _Card, task: dict, subject: str, body: str) -> None:
    context = task["context"]
    full = f"{subject}\n{body}"
    low = full.lower()
    allowed = allowed_numbers(task)
    for value in sorted(set(_numbers_in(body))):
        if value not in allowed and not (value.is_integer() and 0 <= value <= SMALL_COUNT_MAX):
            card.deduct("grounding", "invented_number", "SG-02", f"figure {value:g} is not in the brief")
    for sentence in sentences(body):
        for signal in _grounded_signals(context):
            if signal["confidence"] == "high" or not _mentions(sentence, signal):
                continue
            if signal["kind"] == "funding" and signal["confidence"] in ("low", "insufficient_signal") and \
                    float(signal["value"]) in _money_values(sentence):
                card.deduct("grounding", "low_confidence_amount", "SG-01",
                            f"funding amount cited at {signal['confidence']} confidence: {sentence!r}")
            elif not _is_hedged(sentence):
                card.deduct("grounding", "unhedged_signal", "SG-01",
                            f"{signal['confidence']}-confidence {signal['kind']} stated as fact: {sentence!r}")
    for item in task.get("must_include", []):
        if item.lower() not in low:
            card.deduct("grounding", "missing_must_include", "SG-12", f"missing required item {item!r}")
    for item in task.get("must_not", []):
        if item.lower() in low:
            card.deduct("grounding", "must_not", "SG-12", f"contains forbidden item {item!r}")
            card.cap("must_not", HARD_CAP, f"contains {item!r}")
    for sentence in sentences(body):
        invented = [v for v in _money_values(sentence) if v not in allowed]
        if re.search(r"\btcv\b", sentence, re.IGNORECASE) or (invented and _TCV_WORDS.search(sentence)):
            card.deduct("grounding", "contract_value", "SG-10", f"quotes a contract value: {sentence!r}")
            card.cap("invented_contract_value", HARD_CAP, f"contract value not in the brief: {sentence!r}")
    for match in _OFFER.finditer(body):
        raw, label = match.group(1).lower(), match.group(2).lower()
        count = int(raw) if raw.isdigit() else _COUNT_WORDS[raw]
        stack = _STACK_BY_LABEL[label]
        available = context["bench"].get(stack, 0)
        if count > available:
            card.deduct("grounding", "overcommit", "SG-11", f"offers {count} {stack} engineers, bench has {available}")
            card.cap("bench_overcommit", HARD_CAP, f"{count} {stack} engineers offered, {available} available")
    for commitment in context["prior_commitments"]:
        if commitment["engineer"].lower() in low:
            card.deduct("grounding", "overcommit", "SG-11",
                        f"offers {commitment['engineer']}, committed until {commitment['until']}")
            card.cap("bench_overcommit", HARD_CAP, f"{commitment['engineer']} is committed elsewhere")


def _score_tone(card: _Card, subject: str | None, body: str) -> None:
    low = f"{subject or ''}\n{body}".lower()
    for phrase in facts.BANNED_PHRASES:
        if phrase in low:
            card.deduct("tone", "banned_phrase", "SG-03", f"banned phrase {phrase!r}")
    for marker in facts.CONDESCENSION_MARKERS:
        if marker in low:
            card.deduct("tone", "condescension", "SG-04", f"condescending phrase {marker!r}")
    words = len(body.split())
    if words > facts.WORD_LIMIT:
        extra = min(0.3, 0.01 * (words - facts.WORD_LIMIT))
        card.deduct("tone", "over_word_limit", "SG-05", f"{words} words > {facts.WORD_LIMIT}",
                    PENALTIES["over_word_limit"] + extra)
    if not subject:
        card.deduct("tone", "no_subject", "SG-05", "no 'Subject:' first line")
    elif len(subject) > facts.SUBJECT_MAX_CHARS:
        card.deduct("tone", "long_subject", "SG-05", f"subject has {len(subject)} characters")
    asks = [s for s in sentences(body) if is_ask(s)]
    if not asks:
        card.deduct("tone", "no_ask", "SG-06", "no ask")
    for extra_ask in asks[facts.MAX_ASKS:]:
        card.deduct("tone", "extra_ask", "SG-06", f"extra ask: {extra_ask!r}")


def _segments_pitched(text: str) -> dict[str, list[str]]:
    low = text.lower()
    hits = {seg: [p for p in facts.SEGMENTS[seg]["fingerprint"] if p in low] for seg in facts.PITCH_SEGMENTS}
    return {seg: found for seg, found in hits.items() if found}


def _score_icp(card: _Card, task: dict, subject: str, body: str) -> None:
    own = task["context"]["segment"]
    pitched = _segments_pitched(f"{subject}\n{body}")
    if task.get("goal") == "check_back":
        for seg, found in sorted(pitched.items()):
            card.deduct("icp_fit", "pitch_after_no", "SG-07", f"pitches {seg} ({', '.join(found)}) after a soft no")
        return
    for seg, found in sorted(pitched.items()):
        if seg != own:
            card.deduct("icp_fit", "off_segment", "SG-07", f"pitches {seg} ({', '.join(found)}) to a {own} prospect")
    if own == "abstain":
        if not any(_is_question(s) and not is_ask(s) for s in sentences(body)):
            card.deduct("icp_fit", "abstain_no_question", "SG-07", "abstain prospect but no exploratory question")
    elif own not in pitched:
        card.deduct("icp_fit", "no_segment_angle", "SG-07", f"no {own} angle in the pitch")


def _score_ai_gate(card: _Card, task: dict, subject: str, body: str) -> None:
    maturity = task["context"]["ai_maturity"]["score"]
    if maturity >= facts.AI_PITCH_MIN_MATURITY:
        return
    for sentence in [subject] + sentences(body):
        match = _AI_TERMS.search(sentence)
        if match and not _is_question(sentence):
            card.deduct("ai_maturity", "ai_pitch", "SG-08", f"AI pitch {match.group(0)!r} at maturity {maturity}")


def _score_scheduling(card: _Card, task: dict, body: str) -> None:
    zone = task["context"]["hq_timezone"]
    eat = facts.DELIVERY_TZ
    window = facts.OVERLAP_WINDOWS[zone]
    named = {_ZONE_OWNER[m.group(1).lower()] for m in _ZONE.finditer(body)}
    for wrong in sorted(named - {zone, eat}):
        card.deduct("scheduling", "wrong_zone", "SG-09", f"names {wrong} for a prospect in {zone}")
    times = []  # (zone, hour as float)
    for m in _TIME.finditer(body):
        hour = int(m.group(1))
        if m.group(3):
            hour = hour % 12 + (12 if m.group(3).lower() == "pm" else 0)
        times.append((_ZONE_OWNER[m.group(4).lower()], hour + int(m.group(2) or 0) / 60))
    zoneless = len(_CLOCK.findall(body)) - len(times)
    if zoneless > 0:
        card.deduct("scheduling", "zoneless_time", "SG-09", "a proposed time names no time zone")
    local = [h for z, h in times if z == zone]
    eat_times = [h for z, h in times if z == eat and zone != eat]
    if window is None and local:
        card.deduct("scheduling", "no_overlap_slot", "SG-09", f"live slot proposed but {zone} has no overlap with EAT")
    elif window and any(not window[0] <= h < window[1] for h in local):
        card.deduct("scheduling", "outside_window", "SG-09",
                    f"slot outside the {window[0]:02d}:00-{window[1]:02d}:00 {zone} overlap window")
    if any(not facts.EAT_WORKING_HOURS[0] <= h < facts.EAT_WORKING_HOURS[1] for h in eat_times):
        card.deduct("scheduling", "eat_outside_hours", "SG-09", "EAT time outside EAT working hours")
    shift = facts.TIMEZONES[eat] - facts.TIMEZONES[zone]
    if local and eat_times and any((h + shift) % 24 not in eat_times for h in local):
        card.deduct("scheduling", "zone_mismatch", "SG-09", "prospect time and EAT time are not the same instant")
    if times and zone != eat:
        if zone not in named:
            card.deduct("scheduling", "prospect_zone_unnamed", "SG-09", f"slot does not name the {zone} zone")
        if eat not in named:
            card.deduct("scheduling", "eat_unnamed", "SG-09", "slot does not name EAT")
    if not times and task.get("needs_slot"):
        if window is not None:
            card.deduct("scheduling", "no_slot", "SG-09", "a call was asked for but no slot was proposed")
        elif not _ASYNC.search(body):
            card.deduct("scheduling", "no_async", "SG-09", f"no overlap with {zone} and no async alternative")


def score(task: dict, email: str) -> dict:
    """Score one email for one critic task: overall, five dimensions, violations and caps."""
    subject, body = parse_email(email)
    card = _Card()
    _score_grounding(card, task, subject or "", body)
    _score_tone(card, subject, body)
    _score_icp(card, task, subject or "", body)
    _score_ai_gate(card, task, subject or "", body)
    _score_scheduling(card, task, body)
    dims = {d: round(max(0.0, v), 4) for d, v in card.dimensions.items()}
    for dim in DIMENSIONS:
        if dims[dim] < FAIL_THRESHOLD:
            card.cap(f"failed_{dim}", FAIL_CAP, f"{dim} = {dims[dim]:.2f} < {FAIL_THRESHOLD}")
    weighted = sum(WEIGHTS[d] * dims[d] for d in DIMENSIONS)
    overall = min([weighted] + [c["limit"] for c in card.caps])
    return {"overall": round(overall, 4), "dimensions": dims, "violations": card.violations, "caps": card.caps}
