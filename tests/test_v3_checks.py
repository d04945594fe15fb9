"""Benchmark v0.3 (issue 19): hand-written goldens for the checks added for the third wording source, the
independent slice's place in the splits, and its loader's errors.

Every sentence here was written for this file (none comes from data/raw/v3); each states the verdict a
careful reviewer would give, violations and the honest twins that look like them.
"""

from __future__ import annotations

import json
import random
import shutil
from datetime import date

import pytest

from tenacious import paths
from tenacious.bench import claims, dates, independent, independent_report, judge_rules, load, scorer, textnorm
from tenacious.bench.context import make_context
from tenacious.io import InputError, read_json

# --- sentence classes (bench.claims, the scorer's condescension markers) ---------------------------------

PRESSURE = [
    ("I can keep both engineers free for you only until Thursday.", True),
    ("After Friday they will be assigned to another client.", True),
    ("The introductory rate is offered only to teams that sign this month.", True),
    ("One of the two places is already spoken for.", True),
    ("It would help to hear your answer by Monday.", True),
    ("Whenever suits you is fine; there is no deadline on our side.", False),
    ("Both engineers are free from Monday 2 March.", False),
    # v0.3 round 2
    ("A second client is also looking at these two engineers this month.", True),
    ("We can offer these terms only for a start in March.", True),
    ("From April our bench is fully booked.", True),
    ("Any start date that suits your planning works for us.", False),
]
REGULATED = [
    ("All of our engineers hold the security clearance your regulator asks for.", True),
    ("Our people work to the standard your auditors expect under SOC 2.", True),
    ("We can take the HIPAA evidence collection off your plate.", True),
    ("Both of them are already vetted for payments data.", True),
    ("Any engagement would be subject to your compliance review.", False),
    ("We are not certified for HIPAA, so your team would lead that side.", False),
]
OVER_PROMISE = [
    ("We expect to have the migration finished by the end of April.", True),
    ("We would like to understand the migration before promising any date.", False),
    # v0.3 round 2
    ("We'll have the billing service fully migrated by the end of May.", True),
    ("With three of them the new portal is live before the summer sale.", True),
    ("The rewrite will be done in a quarter, this I can promise.", True),
    ("Once we have scoped it together we can talk about realistic dates.", False),
]
PITCH_STRONG = [
    ("We have two Go engineers who could start helping within a fortnight.", True),
    ("Our engineers usually join a team like yours for three or four months.", True),
    ("How are you planning to staff the rebuild this year?", False),
]
CONDESCENDING = [
    ("Founders often fail to notice the slipping release dates until it is too late.", True),
    ("You will doubtless have discovered by now that the old code is fragile.", True),
    ("Do go easy on your expectations for the new hires.", True),
    ("Congratulations on the two new leads; I hope the first quarter goes well.", False),
    # v0.3 round 2
    ("You probably already know this, but good data engineers are hard to find in Munich.", True),
    ("For context: an SLA here means the promise about uptime, not the support hours.", True),
    ("Payment reconciliation is far more complex than it looks from the outside.", True),
    ("Your talk on reconciliation covered the hard parts well.", False),
]


@pytest.mark.parametrize("sentence,expect", PRESSURE)
def test_pressure(sentence, expect):
    assert bool(claims.pressure(sentence)) is expect


@pytest.mark.parametrize("sentence,expect", REGULATED)
def test_regulated_claims(sentence, expect):
    assert bool(claims.regulated_claims(sentence)) is expect


@pytest.mark.parametrize("sentence,expect", OVER_PROMISE)
def test_over_promises(sentence, expect):
    assert bool(claims.over_promises(sentence)) is expect


@pytest.mark.parametrize("sentence,expect", PITCH_STRONG)
def test_strong_pitch_signals(sentence, expect):
    assert bool(claims.pitch_signals(sentence)[0]) is expect


@pytest.mark.parametrize("sentence,expect", CONDESCENDING)
def test_condescension_markers(sentence, expect):
    assert bool(scorer._CONDESCENSION.search(sentence)) is expect


# --- numbers and dates --------------------------------------------------------------------------------


@pytest.mark.parametrize("text,values", [
    ("their two and half mil seed", [2_500_000.0]),
    ("between five thousand five hundred and eight thousand dollars", [5_500.0, 8_000.0]),
    ("three hundred and five thousand users", [305_000.0]),
])
def test_number_words(text, values):
    assert [m.value for m in textnorm.numbers(text)] == values


@pytest.mark.parametrize("text,expect", [
    ("she could join from Tuesday 2nd June", date(2026, 6, 2)),
    ("he could give you his afternoons from Monday the 19th", date(2026, 1, 19)),
])
def test_start_dates(text, expect):
    reference = date(2026, 1, 12)
    assert [d for _, _, d in dates.start_dates(text, reference, date(2026, 4, 30))][-1] == expect


def test_an_end_verb_before_a_date_marks_an_end():
    text = "Her current project ends in late March, so Monday 6 April is the earliest start."
    found = [d for _, _, d in dates.start_dates(text, date(2026, 1, 12), date(2026, 3, 27))]
    assert found == [date(2026, 4, 6)]


def test_ascii_fast_path_keeps_offsets():
    text = "Caf\u00e9 e\u0301 \u201cok\u201d\u200b done"
    norm, starts, ends = textnorm.normalize_with_offsets(text)
    assert norm == 'Café é "ok" done'
    assert len(starts) == len(ends) == len(norm) and all(s < e for s, e in zip(starts, ends))


# --- rule checks on hand-built briefs -----------------------------------------------------------------

_SIGN = "\n\nBest regards,\nHanna Mulugeta\nTenacious"


def _item(draft: str, **context) -> dict:
    base = dict(company="Quillfield Freight", industry="logistics", regulated=False, headcount=120,
                hq_timezone="Europe/Berlin", recipient={"name": "Mira Achterberg", "role": "cto"},
                segment="segment_1", prior_commitments=[], prior_thread=[], opt_out_channels=[], disqualifiers=[],
                funding={"stage": "series_a", "amount_usd": 12_000_000, "confidence": "high"})
    base.update(context)
    return {"item_id": "T-1", "context": make_context(random.Random(0), **base), "draft": draft}


DECLINED = [{"from": "agent", "text": "Would two Go engineers help with the ledger rewrite?"},
            {"from": "prospect", "text": "Thanks, but we have decided to keep the rewrite in-house this year."}]


@pytest.mark.parametrize("draft,rule", [
    ("Hi Mira,\n\nUnderstood. If it helps at all, one Go engineer for a fortnight could still be arranged." + _SIGN, 3),
    ("Hi Mira,\n\nUnderstood, and thank you. I have released the engineers I was keeping for you." + _SIGN, 11),
])
def test_reduced_offer_after_a_decline(draft, rule):
    assert judge_rules.decide(_item(draft, prior_thread=DECLINED))[1] == rule


@pytest.mark.parametrize("draft,rule", [
    ("Hi Mira,\n\nTwo references: Harrow Logistics and, on a separate project, the Harrow customs team." + _SIGN, 9),
    ("Hi Mira,\n\nTwo references: Harrow Logistics and Pell Shipping, both happy to talk." + _SIGN, 11),
    ("Hi Mira,\n\nWe have done this for a handful of the bigger Nordic hauliers." + _SIGN, 9),
])
def test_peer_references(draft, rule):
    assert judge_rules.decide(_item(draft))[1] == rule


def test_the_writers_sign_off_names_nobody():
    other = _item("Hi Jonas,\n\nA note." + _SIGN, company="Brisa Logistics",
                  recipient={"name": "Jonas Mulugeta", "role": "cto"})
    mine = _item("Hi Mira,\n\nTenacious has Go engineers in Addis Ababa." + _SIGN)
    body = _item("Hi Mira,\n\nJonas Mulugeta told me their rewrite slipped." + _SIGN)
    peers = judge_rules.peer_index([other, mine, body])
    assert judge_rules.decide(mine, "v2", peers)[1] == 11
    assert judge_rules.decide(body, "v2", peers)[1] == 5


@pytest.mark.parametrize("draft,rule", [
    ("Hi Mira,\n\nCongratulations on the round, a little over eleven million if I have it right." + _SIGN, 11),
    ("Hi Mira,\n\nNow that your seed close is behind you, hiring must be the topic." + _SIGN, 7),
    ("Hi Mira,\n\nAt this early stage a short conversation would be enough." + _SIGN, 11),
])
def test_funding_readings(draft, rule):
    assert judge_rules.decide(_item(draft))[1] == rule


# --- the independent slice in the built splits and its loader --------------------------------------------


def test_no_independent_text_reaches_train_or_dev():
    """Every v3 judge item and email is held out; no v3 draft or email text appears in a train/dev file."""
    v3_items = independent.judge_items()
    v3_emails = independent.heldout_emails()
    assert v3_items and v3_emails
    texts = {i["draft"] for i in v3_items} | {e["email"] for e in v3_emails}
    for split in load.PAIR_SPLITS:
        items = load.load_judge_items(split)
        assert not [i for i in items if i["stratum"] == independent.schema.INDEPENDENT_STRATUM]
        assert not texts & {i["draft"] for i in items}
        for track in load.TRACKS:
            for pair in load.load_pairs(track, split):
                assert pair["chosen"] not in texts and pair["rejected"] not in texts
    heldout = {i["item_id"] for i in load.load_judge_items("heldout")}
    assert {i["item_id"] for i in v3_items} <= heldout
    emails = [json.loads(line) for line in
              (paths.DATA_DIR / "critic" / "heldout_emails.jsonl").read_text().splitlines() if line.strip()]
    assert {e["email_id"] for e in emails} == {e["email_id"] for e in v3_emails}


@pytest.mark.parametrize("kind,field,value", [
    ("judge", "gold_decision", "PASS"),
    ("critic", "label", "great"),
])
def test_bad_v3_row_names_file_line_and_field(tmp_path, kind, field, value):
    folder = tmp_path / independent.RAW_SUBDIR
    folder.mkdir()
    source = min(independent.raw_dir().glob(f"{kind}_*.jsonl"))
    lines = source.read_text().splitlines()
    row = json.loads(lines[1])
    if kind == "judge" and row["gold_decision"] == value:
        value = "BLOCK"
    row[field] = value
    lines[1] = json.dumps(row)
    (folder / source.name).write_text("\n".join(lines) + "\n")
    loader = independent.judge_items if kind == "judge" else independent.heldout_emails
    with pytest.raises(InputError) as raised:
        loader(tmp_path)
    message = str(raised.value)
    assert f"{source.name}:2" in message and field in message and "\n" not in message


def test_unknown_voice_file_is_an_input_error(tmp_path):
    folder = tmp_path / independent.RAW_SUBDIR
    folder.mkdir()
    shutil.copy(min(independent.raw_dir().glob("judge_*.jsonl")), folder / "judge_whisper.jsonl")
    with pytest.raises(InputError, match="unknown voice 'whisper'"):
        independent.judge_items(tmp_path)


def test_each_blind_round_is_new_voices_and_the_last_is_the_unseen_group():
    """A round's blind voices were never development voices before it; the newest round is the report's unseen
    group, the earlier rounds' voices are development voices now."""
    rounds = [read_json(path) for _, path in independent_report.BLIND_ROUNDS if path.is_file()]
    assert len(rounds) == len(independent_report.BLIND_ROUNDS)
    blind = [v for r in rounds for v in r["voices"]["blind"]]
    assert len(blind) == len(set(blind)) and set(blind) <= set(independent.VOICES)
    for r in rounds:
        assert not set(r["voices"]["blind"]) & set(r["voices"]["development"])
    assert tuple(rounds[-1]["voices"]["blind"]) == independent.VOICE_GROUPS["unseen"]
    assert set(blind) - set(rounds[-1]["voices"]["blind"]) <= set(independent.VOICE_GROUPS["dev"])
