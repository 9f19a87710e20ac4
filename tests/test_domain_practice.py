"""Good practice where it belongs: reputation after the end, the kill fee in the contract
review, late-payment interest the payment letter may cite, and safety first after abuse."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from clientexit import clients, config
from clientexit._paths import Paths
from clientexit._store import read_toml
from clientexit.handover import markdown, template
from clientexit.handover.checklist import build
from clientexit.letters import draft
from record_helpers import client as record_of
from record_helpers import profile as as_profile

LANGS = ("en", "tr", "cs")
TODAY = dt.date(2026, 11, 25)
NOW = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)
REPUTATION = [
    "reputation-professional",
    "reputation-other-clients",
    "reputation-confidentiality",
    "reputation-no-badmouthing",
    "reputation-explanation",
    "reputation-online-watch",  # after a hostile exit
    "reputation-online-reviews",  # after one that ended well
]
KILL_FEE = {"en": "kill fee", "tr": "iptal bedeli", "cs": "storno poplatek"}


@pytest.mark.parametrize("lang", LANGS)
def test_reputation_is_the_freelancers_own_section_in_every_language(lang: str) -> None:
    loaded = template.load(lang)
    assert loaded.lang == lang
    assert [i.id for i in loaded.items if i.section == "reputation"] == REPUTATION
    assert all(i.private for i in loaded.items if i.section == "reputation")
    assert [s for s, _ in loaded.sections][-2:] == ["reputation", "lessons"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", ["fjord-coffee", "halvorsen-freight", "northwind-bakery"])
def test_every_exit_gets_the_reputation_items_but_not_the_clients_copy(
    examples: Path, slug: str, lang: str
) -> None:
    data = {**read_toml(examples / "clients" / f"{slug}.toml"), "status": "ending"}
    checklist = build(record_of(data), as_profile(), TODAY, lang)
    items = {i.id: i for i in checklist.in_section("reputation")}
    online = (
        "reputation-online-watch" if checklist.situation.hostile else "reputation-online-reviews"
    )
    assert list(items) == [i for i in REPUTATION if not i.startswith("reputation-online")] + [
        online
    ]
    assert data["name"] in items["reputation-no-badmouthing"].text  # {client} filled in
    assert items["reputation-explanation"].due == checklist.end_date
    assert items["reputation-explanation"].hint
    shared = markdown.render(checklist.client_copy())
    assert not any(item.text[:30] in shared for item in items.values())


@pytest.mark.parametrize("lang", LANGS)
def test_the_kill_fee_is_checked_before_and_reconsidered_after(lang: str) -> None:
    items = {i.id: i.text for i in template.load(lang).items}
    assert KILL_FEE[lang] in items["contract-terms"]
    assert KILL_FEE[lang] in items["lessons-contract"]
    assert "25" in items["lessons-contract"] and "50" in items["lessons-contract"]


LATE_FEE = "8% above the base rate and a £70 fixed sum (Late Payment Act 1998)"
LATE_FEE_SENTENCE = {
    "en": "Under the late-payment rules that apply, amounts paid after their due date also "
    f"carry: {LATE_FEE}.",
    "tr": "Geç ödemeye ilişkin geçerli kurallar uyarınca, vadesinden sonra ödenen tutarlara "
    f"ayrıca şunlar eklenir: {LATE_FEE}.",
    "cs": "Podle pravidel pro pozdní platby, která se na naši spolupráci vztahují, náleží "
    f"k částkám uhrazeným po splatnosti také: {LATE_FEE}.",
}


def _payment(home: Path, lang: str, **options) -> draft.Draft:
    paths = Paths(home)
    return draft.draft_letter(
        paths,
        config.require_profile(paths),
        clients.load(paths, "northwind-bakery"),
        now=NOW,
        letter_type="payment",
        lang=lang,
        **options,
    )


@pytest.mark.parametrize("lang", LANGS)
def test_payment_letter_cites_late_payment_terms_only_when_given(
    examples_home: Path, lang: str
) -> None:
    plain = _payment(examples_home, lang)
    assert LATE_FEE not in plain.text and LATE_FEE_SENTENCE[lang][:30] not in plain.text
    cited = _payment(examples_home, lang, overrides={"late_fee": LATE_FEE})
    assert LATE_FEE_SENTENCE[lang] in cited.text
    assert cited.missing == () and cited.warnings == ()
    # Its own paragraph, right after the outstanding total (2,635.00 in every notation).
    paragraphs = cited.text.split("\n\n")
    assert "635" in paragraphs[paragraphs.index(LATE_FEE_SENTENCE[lang]) - 1]
    assert cited.text.replace(LATE_FEE_SENTENCE[lang] + "\n\n", "") == plain.text


def test_late_fee_from_the_command_line_or_the_client_file(cli, examples_home: Path) -> None:
    args = ("letter", "northwind-bakery", "-t", "payment", "--no-cooldown")
    once = cli(*args, "--json", "--set", f"late_fee={LATE_FEE}")
    assert once.exit_code == 0, once.stderr
    assert LATE_FEE_SENTENCE["en"] in json.loads(once.stdout)["body"]
    assert cli("client", "set", "northwind-bakery", f"late_fee={LATE_FEE}").exit_code == 0
    kept = cli(*args)
    assert kept.exit_code == 0, kept.stderr
    assert LATE_FEE_SENTENCE["en"] in kept.stdout


# Safety first after abuse: no friendly wrap-up that invites contact, and no such letters.
FRIENDLY = {"wrapup-exit-conversation", "wrapup-thank-you", "wrapup-available", "wrapup-follow-up"}
NOT_AFTER_HOSTILE = FRIENDLY | {"wrapup-testimonial", "wrapup-referral"}
HOSTILE_RECORDS = {
    "abusive letter": {
        "assessments": [{"at": dt.datetime(2026, 11, 20), "letter_type": "abusive"}]
    },
    "exit now, conduct": {
        "assessments": [
            {"at": dt.datetime(2026, 11, 20), "verdict": "exit_now", "letter_type": "general"}
        ],
        "incidents": [{"date": dt.date(2026, 10, 1), "kind": "conduct", "text": "Insults."}],
    },
    "ended over conduct": {"lifecycle": {"ended_by": "me", "reason_category": "conduct"}},
    "payment letter": {
        "assessments": [{"at": dt.datetime(2026, 11, 20), "letter_type": "payment"}]
    },
}


def _client(**extra: object) -> dict:
    """An ending client (an end decided: the checklist has its key dates)."""
    return {"name": "Acme Ltd", "currency": "EUR", "notice_days": 14, "status": "ending", **extra}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", sorted(HOSTILE_RECORDS))
def test_a_hostile_exit_drops_the_wrap_up_that_invites_contact(case: str, lang: str) -> None:
    calm = build(record_of(_client()), as_profile(), TODAY, lang)
    assert set(calm.ids) >= NOT_AFTER_HOSTILE and "wrapup-in-writing" not in calm.ids
    assert [k.id for k in calm.key_dates] == ["last-day", "final-invoice-due", "follow-up"]

    hostile = build(record_of(_client(**HOSTILE_RECORDS[case])), as_profile(), TODAY, lang)
    assert hostile.situation.hostile
    # A late payer is not abusive: it keeps "stay available for reasonable questions", and
    # "answer only in writing" is for conduct cases.
    conduct = case != "payment letter"
    assert hostile.situation.abusive is conduct
    assert ("wrapup-available" in hostile.ids) is not conduct
    assert not (NOT_AFTER_HOSTILE - {"wrapup-available"}) & set(hostile.ids)
    assert {"wrapup-archive", "contract-review-messages"} <= set(hostile.ids)  # records protect
    written = hostile.item("wrapup-in-writing")
    if conduct:
        assert written is not None and written.private and written.due is None
    else:
        assert written is None
    # No check-in reminder either: the follow-up key date only served the dropped item.
    assert [k.id for k in hostile.key_dates] == ["last-day", "final-invoice-due"]
    extra = {"wrapup-in-writing", "contract-review-messages", "reputation-online-watch"}
    assert set(hostile.ids) - extra < set(calm.ids)


def test_no_check_in_in_the_calendar_after_an_abusive_exit(
    cli, examples_home: Path, examples: Path, tmp_path: Path
) -> None:
    answers = examples / "answers" / "halvorsen-freight.toml"
    record = examples_home / "clients" / "halvorsen-freight.toml"
    with record.open("a", encoding="utf-8") as file:
        file.write("\n[lifecycle]\nend_date = 2026-12-09\n")
    assert cli("assess", "halvorsen-freight", "--answers", str(answers)).exit_code == 0
    target = tmp_path / "halvorsen.ics"
    result = cli("followup", "halvorsen-freight", "--ics", str(target))
    assert result.exit_code == 0, result.stderr
    calendar = target.read_text(encoding="utf-8")
    assert "halvorsen-freight.last-day@clientexit" in calendar
    assert "follow-up" not in calendar and "thank-you" not in calendar


def _write(home: Path, slug: str, toml: str) -> None:
    body = f'schema_version = 1\nname = "{slug.title()}"\ncontact = "Sam Doe"\nlanguage = "en"\n'
    (home / "clients" / f"{slug}.toml").write_text(body + toml, encoding="utf-8")


CONDUCT_ON_RECORD = {
    "incident": '[[incidents]]\ndate = 2026-10-01\nkind = "conduct"\ntext = "Threats."\n',
    "exit-now": '[[assessments]]\nat = 2026-11-20T09:00:00\nverdict = "exit_now"\n'
    'letter_type = "general"\ncategories = { conduct = 2.1, payment = 0 }\n',
    "ended": '[lifecycle]\nended_by = "me"\nreason_category = "conduct"\n',
}


@pytest.mark.parametrize("letter_type", ["thank-you", "feedback-request", "referral-request"])
@pytest.mark.parametrize("case", sorted(CONDUCT_ON_RECORD))
def test_friendly_letters_are_refused_after_conduct_problems(
    cli, examples_home: Path, case: str, letter_type: str
) -> None:
    slug = f"conduct-{case}"
    _write(examples_home, slug, CONDUCT_ON_RECORD[case])
    args = ("letter", slug, "-t", letter_type, "--set", "highlight=the launch")
    refused = cli(*args)
    assert refused.exit_code == 2 and refused.stdout == ""
    assert f"Not drafting a {letter_type} letter" in refused.stderr
    assert "--despite-conduct" in refused.stderr and "Traceback" not in refused.stderr
    assert "letters" not in read_toml(examples_home / "clients" / f"{slug}.toml")
    drafted = cli(*args, "--despite-conduct")
    assert drafted.exit_code == 0, drafted.stderr
    assert drafted.stdout.startswith("Subject: ")
    assert len(read_toml(examples_home / "clients" / f"{slug}.toml")["letters"]) == 1


def test_the_refusal_names_the_reason_and_spares_other_letters(cli, examples_home: Path) -> None:
    refused = cli("letter", "halvorsen-freight", "-t", "follow-up")
    assert refused.exit_code == 2
    assert "3 conduct incidents are logged" in refused.stderr
    abusive = cli("letter", "halvorsen-freight", "-t", "abusive")
    assert abusive.exit_code == 0, abusive.stderr
    assert cli("letter", "fjord-coffee", "-t", "feedback-request").exit_code == 0


def test_exit_now_without_conduct_flags_keeps_friendly_letters(cli, examples_home: Path) -> None:
    _write(
        examples_home,
        "only-money",
        '[[assessments]]\nat = 2026-11-20T09:00:00\nverdict = "exit_now"\n'
        'letter_type = "payment"\ncategories = { conduct = 0, payment = 3.0 }\n',
    )
    result = cli("letter", "only-money", "-t", "feedback-request")
    assert result.exit_code == 0, result.stderr
