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

LANGS = ("en", "tr", "cs")
TODAY = dt.date(2026, 11, 25)
NOW = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)
REPUTATION = [
    "reputation-professional",
    "reputation-other-clients",
    "reputation-confidentiality",
    "reputation-no-badmouthing",
    "reputation-explanation",
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
    data = read_toml(examples / "clients" / f"{slug}.toml")
    checklist = build(data, {}, TODAY, lang)
    items = {i.id: i for i in checklist.in_section("reputation")}
    assert list(items) == REPUTATION
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
