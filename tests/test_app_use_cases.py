"""app/economics.py and app/reminders.py as plain calls: the economics from tracked hours and
invoices that ``hours CLIENT`` and ``assess`` show, and the reminder remind drafts, on a data
folder in tmp_path."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from clientexit._paths import Paths
from clientexit.app import economics
from clientexit.assess.answers import Answers
from clientexit.hours.report import Measured

TODAY = dt.date(2026, 11, 25)
MONTH = Measured(4200.0, 40.0, 6.5, "2026-08", "2026-10", 3)


def _book(tmp_path: Path, text: str) -> Paths:
    where = Paths(tmp_path / "data")
    where.clients.mkdir(parents=True)
    where.client_file("acme-ltd").write_text(text, encoding="utf-8")
    return where


def test_measured_economics_replace_last_times_hours_and_keep_its_answers() -> None:
    before = Answers({"late_payments": "often"}, 1000.0, 10.0, 2.0)
    after = economics.with_measured(before, MONTH)
    assert (after.monthly_revenue, after.billable_hours, after.unbilled_hours) == (4200.0, 40, 6.5)
    assert after.red_flags == {"late_payments": "often"}
    assert economics.with_measured(None, MONTH).red_flags == {}


def test_proposed_payment_answers_from_the_invoices(tmp_path: Path) -> None:
    where = _book(
        tmp_path,
        'name = "Acme Ltd"\nstatus = "active"\n'
        '[[invoices]]\nnumber = "1"\namount = 100.0\nissued = 2026-09-01\ndue = 2026-09-15\n'
        "paid = 2026-10-20\n",
    )
    proposed, sentence = economics.proposed_payments(where, "acme-ltd", TODAY)
    assert proposed == {"late_payments": "sometimes"}
    assert sentence.startswith("From the invoices on record: 1 of 1 paid late, 35.0 days late")
    merged = economics.with_proposals(None, proposed)
    assert merged is not None and merged.red_flags == {"late_payments": "sometimes"}
    assert economics.with_proposals(None, {}) is None


def test_no_tracked_hours_no_trend_and_no_measured_month(tmp_path: Path) -> None:
    where = _book(tmp_path, 'name = "Acme Ltd"\nstatus = "active"\n')
    assert economics.tracked_trend(where, "acme-ltd") is None
    assert economics.measured_month(where, "acme-ltd") is None
    assert economics.proposed_payments(where, "acme-ltd", TODAY) == ({}, "")


def test_a_reminder_is_drafted_for_the_stage_that_is_due(tmp_path: Path) -> None:
    import pytest

    from clientexit._errors import ClientExitError
    from clientexit.app import reminders

    where = _book(
        tmp_path,
        'name = "Acme Ltd"\nstatus = "active"\nemail = "ap@acme.example"\ncontact = "Ann Lee"\n'
        '[[invoices]]\nnumber = "2026-01"\namount = 100.0\nissued = 2026-10-01\n'
        "due = 2026-10-15\n",
    )
    now = dt.datetime(2026, 11, 25, 9, 0)
    asked = reminders.Asked()
    with pytest.raises(ClientExitError, match="No profile"):  # letters are signed with it
        reminders.draft_reminder(where, "acme-ltd", now, asked)
    where.config.write_text('name = "Jo Smith"\nemail = "jo@example.com"\n', encoding="utf-8")
    drafted = reminders.draft_reminder(where, "acme-ltd", now, asked)
    assert drafted.record.slug == "acme-ltd"
    # 41 days overdue, no stage drafted yet: the ladder's stage for that, drafted by remind.
    assert drafted.letter.letter_type.drafted_by == "remind"
    assert drafted.letter.letter_type.name == "final-notice"
    assert drafted.letter.invoices == ("2026-01",)
    assert "2026-01" in drafted.letter.text


def test_last_time_joins_the_last_answers_the_hours_and_the_invoices(tmp_path: Path) -> None:
    from clientexit.app.assess import last_time
    from clientexit.assess.rubric import load_rubric
    from clientexit.clients import ClientFiles
    from clientexit.record.model import Profile

    where = _book(
        tmp_path,
        'name = "Acme Ltd"\nstatus = "active"\ntarget_rate = 90.0\n'
        '[[invoices]]\nnumber = "1"\namount = 100.0\nissued = 2026-09-01\ndue = 2026-09-15\n'
        "paid = 2026-10-20\n",
    )
    files = ClientFiles(where)
    rubric = load_rubric(where, "en")
    found = last_time(files, "acme-ltd", rubric, Profile.from_data({}), TODAY)
    # No assessment and no tracked hours yet: the invoices' proposal is all there is.
    assert found.measured is None
    assert found.answers is not None and found.answers.red_flags == {"late_payments": "sometimes"}
    assert found.proposed.startswith("From the invoices on record: 1 of 1 paid late")
    assert found.target == 90.0
    # A client not recorded yet: no answers, and the profile's rate as the target.
    new = last_time(files, "new-client", rubric, Profile.from_data({"rate": 60.0}), TODAY)
    assert (new.answers, new.target, new.measured, new.proposed) == (None, 60.0, None, "")


def test_the_listing_joins_the_ladder_and_the_total_converts_at_the_rates_on_file(
    tmp_path: Path,
) -> None:
    from clientexit.app import portfolio

    where = _book(
        tmp_path,
        'name = "Acme Ltd"\nstatus = "active"\n'
        '[[invoices]]\nnumber = "2026-01"\namount = 100.0\nissued = 2026-10-01\n'
        "due = 2026-10-15\n",
    )
    where.client_file("fjord").write_text(
        'name = "Fjord"\nstatus = "active"\ncurrency = "USD"\n'
        '[[invoices]]\nnumber = "7"\namount = 50.0\nissued = 2026-10-01\ndue = 2026-10-15\n',
        encoding="utf-8",
    )
    found = portfolio.listing(where, TODAY)
    assert [row.slug for row in found.rows] == ["acme-ltd", "fjord"]
    # 41 days overdue and nothing sent yet: both stand before the ladder's first stage.
    assert set(found.ladder) == {"acme-ltd", "fjord"}
    assert found.ladder["acme-ltd"].reached is None and found.ladder["acme-ltd"].next
    assert found.profile.currency == "EUR"
    total = portfolio.overdue_total(where, found.rows, "EUR", TODAY)
    # No exchange rates on file: the dollars are named and left out, never guessed.
    assert float(total.amount) == 100.0
    assert dict(total.left_out) == {"USD": 50.0}
    assert portfolio.listing(where, TODAY, status="former").rows == []
