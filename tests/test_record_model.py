"""The typed client record (record/model.py): facts derived in one place."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from clientexit._errors import DataFileError
from clientexit.record.model import Client, Profile
from record_helpers import profile as as_profile

TODAY = dt.date(2026, 11, 25)


def _client(**data: object) -> Client:
    return Client.from_data("acme", {"name": "Acme", **data})


def test_the_record_is_immutable() -> None:
    client = _client()
    with pytest.raises(dataclasses.FrozenInstanceError):
        client.slug = "other"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({}, "active"),
        ({"status": "ending", "lifecycle": {"end_date": TODAY + dt.timedelta(1)}}, "ending"),
        ({"status": "ending", "lifecycle": {"end_date": TODAY}}, "former"),
        ({"status": "at-risk", "ended": TODAY - dt.timedelta(1)}, "former"),
        ({"status": "former"}, "former"),
    ],
)
def test_effective_status(data: dict, status: str) -> None:
    assert _client(**data).effective_status(TODAY) == status


def test_end_date_prefers_the_lifecycle_and_planned_end_falls_back_to_notice() -> None:
    both = _client(ended=dt.date(2026, 12, 1), lifecycle={"end_date": dt.date(2026, 12, 9)})
    assert both.end_date == dt.date(2026, 12, 9)
    assert _client(ended=dt.date(2026, 12, 1)).end_date == dt.date(2026, 12, 1)
    assert _client().planned_end_date(
        as_profile({"notice_days": 14}), TODAY
    ) == TODAY + dt.timedelta(14)
    assert _client(notice_days=7).planned_end_date(as_profile({"notice_days": 14}), TODAY) == (
        TODAY + dt.timedelta(7)
    )
    assert _client().notice(None) == 30
    assert _client(notice_days=0).notice(Profile.from_data({"notice_days": 14})) == 0


def test_open_and_overdue_amounts_in_the_clients_currency() -> None:
    client = _client(
        currency="czk",
        invoices=[
            {"number": "1", "amount": 1000.0, "issued": dt.date(2026, 10, 1),
             "due": dt.date(2026, 10, 15)},
            {"number": "2", "amount": 500, "issued": dt.date(2026, 11, 20),
             "due": dt.date(2026, 12, 4)},
            {"number": "3", "amount": 700, "issued": dt.date(2026, 9, 1),
             "due": dt.date(2026, 9, 15), "paid": dt.date(2026, 9, 30)},
        ],
    )  # fmt: skip
    assert client.billing_currency(as_profile({"currency": "EUR"})) == "CZK"
    assert client.owed(TODAY) == {"open": {"CZK": 1500.0}, "overdue": {"CZK": 1000.0}}
    assert [inv.number for inv in client.overdue(TODAY)] == ["1"]
    assert client.totals(TODAY).max_days_overdue == 41
    assert _client().owed(TODAY, as_profile({"currency": "TRY"})) == {"open": {}, "overdue": {}}
    assert _client().billing_currency(as_profile({"currency": "TRY"})) == "TRY"


def test_a_bad_invoice_is_an_error_naming_the_file() -> None:
    with pytest.raises(DataFileError, match="has no amount"):
        Client.from_data("acme", {"invoices": [{"number": "1"}]})


def test_latest_assessment_goes_by_time_not_file_order() -> None:
    client = _client(
        assessments=[
            {"at": dt.datetime(2026, 11, 2, 9), "verdict": "exit_now"},
            {"at": dt.datetime(2026, 10, 1, 9), "verdict": "keep"},
        ]
    )
    assert client.latest_assessment is not None
    assert client.latest_assessment.verdict == "exit_now"
    assert [a.verdict for a in client.assessments] == ["keep", "exit_now"]


@pytest.mark.parametrize(
    ("data", "abusive", "non_paying"),
    [
        ({}, None, None),
        ({"incidents": [{"kind": "conduct", "text": "x"}]}, "1 conduct incident is logged", None),
        ({"lifecycle": {"reason_category": "payment"}}, None, "ended over payment"),
        (
            {"invoices": [{"number": "9", "amount": 10, "due": dt.date(2026, 10, 1)}]},
            None,
            "invoice 9 is unpaid 55 days after its due date",
        ),
        # Overdue for less than 30 days is no pattern on its own.
        ({"invoices": [{"number": "9", "amount": 10, "due": dt.date(2026, 11, 20)}]}, None, None),
    ],
)
def test_hostile_exit(data: dict, abusive: str | None, non_paying: str | None) -> None:
    exit_ = _client(**data).hostile_exit(TODAY)
    assert (exit_.abusive is None) == (abusive is None)
    assert (exit_.non_paying is None) == (non_paying is None)
    if abusive:
        assert abusive in exit_.abusive
    if non_paying:
        assert non_paying in exit_.non_paying


@pytest.mark.parametrize(
    ("data", "under_way"),
    [
        ({}, False),
        ({"status": "ending", "lifecycle": {"end_date": TODAY + dt.timedelta(9)}}, True),
        ({"status": "former", "ended": TODAY - dt.timedelta(90)}, True),
        ({"status": "former", "ended": TODAY - dt.timedelta(91)}, False),
        ({"handover": {"items": {"x": {"done": TODAY}}}}, True),
        ({"status": "ending", "archived": True}, False),
    ],
)
def test_handover_under_way(data: dict, under_way: bool) -> None:
    assert _client(**data).handover_under_way(TODAY) is under_way


def test_new_fields_and_their_defaults() -> None:
    client = _client(country="gb", region="ny")
    assert (client.country, client.region, client.customer) == ("GB", "NY", None)
    profile = Profile.from_data({"country": "CZ"})
    assert (profile.country, profile.currency, profile.notice_days) == ("CZ", "EUR", 30)


def test_assess_resolves_a_new_name_once_per_command(cli, examples_home, examples, monkeypatch):
    """A name that is no file name reads the book's names once per command
    (clients.ClientFiles), not once per look-up; and a second command reads them afresh (no
    process-wide cache)."""
    from clientexit import clients

    reads: list[int] = []
    real = clients.name_index
    monkeypatch.setattr(clients, "name_index", lambda paths: reads.append(1) or real(paths))
    answers = str(examples / "answers" / "northwind-bakery.toml")
    result = cli("assess", "Nova Bakery GmbH", "--answers", answers, "--json")
    assert result.exit_code == 0, result.stderr
    assert len(reads) == 1
    again = cli("assess", "Nova Bakery GmbH", "--answers", answers, "--json")
    assert again.exit_code == 0, again.stderr
    assert len(reads) == 1  # its file is found by its own name now: no need to read the book
    renamed = examples_home / "clients" / "nova-bakery-gmbh.toml"
    renamed.rename(renamed.with_name("nova.toml"))
    third = cli("assess", "Nova Bakery GmbH", "--answers", answers, "--json")
    assert third.exit_code == 0, third.stderr
    assert len(reads) == 2 and '"created": false' in third.stdout


def test_the_fields_letters_and_the_law_read_are_typed_and_narrowed() -> None:
    """What features used to read with .get() (issue 21): as text, a country code, a bool."""
    client = _client(
        engagement="project",
        contact="Tom Becker",
        greeting="  Hi Tom  ",
        project="E-shop (fixed price)",
        letter_project=" ",
        law=" gb ",
        terms_agreed=True,
    )
    assert (client.engagement, client.project_engagement) == ("project", True)
    assert (client.contact, client.greeting) == ("Tom Becker", "Hi Tom")
    assert (client.project, client.letter_project) == ("E-shop (fixed price)", None)
    assert (client.law, client.terms_agreed) == ("GB", True)
    bare = _client()
    assert (bare.engagement, bare.project_engagement, bare.contact, bare.greeting) == (
        None,
        False,
        None,
        None,
    )
    assert (bare.project, bare.letter_project, bare.law, bare.terms_agreed) == (None,) * 4
    # A hand edit of the wrong type is not taken for a value: no law 5, no terms "yes".
    odd = _client(law=5, terms_agreed="yes", engagement="")
    assert (odd.law, odd.terms_agreed, odd.engagement) == (None, None, None)


@pytest.mark.parametrize(
    ("raw", "gender", "details", "zone"),
    [
        ({"gender": "F", "payment_details": " IBAN SE45 5000 ", "time_zone": "Europe/Prague"},
         "f", "IBAN SE45 5000", "Europe/Prague"),
        ({"gender": "m", "payment_details": "   ", "time_zone": ""}, "m", None, None),
        ({"gender": "x", "payment_details": 12}, None, None, None),
        ({}, None, None, None),
    ],
)  # fmt: skip
def test_the_profile_types_the_fields_features_read(
    raw: dict[str, object], gender: str | None, details: str | None, zone: str | None
) -> None:
    """Letters read the sender's gender, statements and packets the payment details, hours
    the time zone: typed on the Profile (blank is none), so no feature reads the file's table."""
    profile = Profile.from_data(raw)
    assert (profile.gender, profile.payment_details, profile.time_zone) == (gender, details, zone)
