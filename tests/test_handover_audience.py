"""Who a handover item is for: the Markdown copy shared with the client leaves private items out."""

from __future__ import annotations

import json
import tempfile
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientexit._errors import DataFileError
from clientexit._resources import examples_dir, templates_dir
from clientexit.handover import template
from clientexit.handover.markdown import escape

LANGS = ("en", "tr", "cs")
# The freelancer's own business: preparation, collection tactics, referrals, own records,
# reputation, lessons.
PRIVATE = {
    "money-discount",
    "money-collection-help",
    "contract-terms",
    "contract-review-messages",
    "wrapup-thank-you",
    "wrapup-testimonial",
    "wrapup-referral",
    "wrapup-archive",
    "wrapup-in-writing",
    "wrapup-follow-up",
    "reputation-professional",
    "reputation-other-clients",
    "reputation-confidentiality",
    "reputation-no-badmouthing",
    "reputation-explanation",
    "reputation-online-watch",
    "reputation-online-reviews",
    "lessons-why-left",
    "lessons-early-signs",
    "lessons-red-flags",
    "lessons-contract",
    "lessons-screening",
}
# A contract term: in the client's copy only as the clause the user recorded (none here), so
# the freelancer's own until then.
UNRECORDED = {"deliverables-ownership-on-payment"}
# What the client acts on or has to know stays in their copy.
SHARED = {
    "access-ownership",
    "access-revoke",
    "access-personal-data",
    "money-final-invoice",
    "money-collect",
    "contract-property",
    "contract-signatures",
}


def _flagged_in_file(path: Path) -> set[str]:
    """Item ids the file itself marks private (on the item, or on its section)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {
        item["id"]
        for section in data["section"]
        for item in section["item"]
        if item.get("private", section.get("private", False))
    }


def _assessed(cli, slug: str) -> None:
    """Assess with the example answers: the abusive and late-payer exits become hostile."""
    answers = examples_dir() / "answers" / f"{slug}.toml"
    assert cli("assess", slug, "--answers", str(answers)).exit_code == 0


def _json(cli, *args: str) -> dict:
    result = cli("handover", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_flags_exactly_the_english_ids(lang: str) -> None:
    english = templates_dir() / "checklists" / "en" / "handover.toml"
    translated = templates_dir() / "checklists" / lang / "handover.toml"
    assert _flagged_in_file(english) == PRIVATE
    assert _flagged_in_file(translated) == PRIVATE  # written in the file, not only inherited
    loaded = template.load(lang)
    assert loaded.lang == lang
    assert {i.id for i in loaded.items if i.private} == PRIVATE
    assert "{client}" in loaded.labels["client_copy"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", ["halvorsen-freight", "northwind-bakery"])
def test_the_client_copy_has_no_private_item(cli, examples_home: Path, slug: str, lang: str):
    _assessed(cli, slug)
    data = _json(cli, slug, "--lang", lang)
    assert data["hostile"] and data["lang"] == lang
    items = {i["id"]: i for i in data["items"]}
    # --json keeps every item and says which ones are private.
    assert {"contract-review-messages", "money-collection-help", "lessons-red-flags"} <= set(items)
    assert {i for i, item in items.items() if item["private"]} == (PRIVATE | UNRECORDED) & set(
        items
    )
    assert not SHARED & {i for i, item in items.items() if item["private"]}
    assert set(items) >= SHARED
    text = cli("handover", slug, "--lang", lang).stdout
    assert all(item_id in text for item_id in items)  # the terminal view keeps them all
    markdown = cli("handover", slug, "--lang", lang, "--format", "markdown").stdout
    for item in items.values():
        shown = escape(item["to_client"] or item["text"]) in markdown
        assert shown is not item["private"], f"{item['id']} {lang}"
        if item["private"]:
            assert item["text"][:40] not in markdown, f"{item['id']} {lang}"
    assert data["name"] in markdown.splitlines()[2]  # the line saying whose copy it is
    lessons = template.load(lang).sections[-1][1]
    assert lessons in text and f"## {lessons}" not in markdown


def test_progress_in_the_client_copy_counts_shared_items(cli, examples_home: Path) -> None:
    _assessed(cli, "northwind-bakery")
    cli("handover", "northwind-bakery", "--done", "contract-signatures,lessons-red-flags")
    data = _json(cli, "northwind-bakery")
    shared = sum(not i["private"] for i in data["items"])
    assert data["done"] == 2 and shared < data["total"]
    markdown = cli("handover", "northwind-bakery", "--format", "markdown").stdout
    assert markdown.startswith(
        "# Handover checklist: Northwind Bakery\n\n"
        "For Northwind Bakery: what I will do to hand the work over, and where each step stands.\n"
    )
    assert f"\n1 of {shared} done\n" in markdown
    assert "- [x] I will ask for the signatures we need" in markdown


def _user_copy(home: Path, edit) -> Path:
    built_in = (templates_dir() / "checklists" / "en" / "handover.toml").read_text("utf-8")
    target = home / "templates" / "checklists" / "en" / "handover.toml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(edit(built_in), encoding="utf-8")
    return target


def test_an_old_user_copy_keeps_the_built_in_flags_and_labels(cli, examples_home: Path) -> None:
    def old_copy_with_changes(text: str) -> str:
        lines = [
            line
            for line in text.splitlines()
            if line != "private = true" and not line.startswith("client_copy")
        ]
        text = "\n".join(lines) + "\n"
        for item_id, flag in (("access-confidential", "true"), ("lessons-screening", "false")):
            text = text.replace(f'id = "{item_id}"', f'id = "{item_id}"\nprivate = {flag}')
        return text

    _user_copy(examples_home, old_copy_with_changes)
    data = _json(cli, "northwind-bakery", "--lang", "en")
    flagged = {i["id"] for i in data["items"] if i["private"]}
    expected = ((PRIVATE | UNRECORDED) & {i["id"] for i in data["items"]}) - {"lessons-screening"}
    assert flagged == expected | {"access-confidential"}
    markdown = cli("handover", "northwind-bakery", "--format", "markdown").stdout
    assert "For Northwind Bakery:" in markdown and "client_copy" not in markdown
    assert "Delete the confidential material" not in markdown
    assert "## Lessons" in markdown and "How will you screen new clients" in markdown
    assert "Which red flags did you miss" not in markdown


@pytest.mark.parametrize(
    ("find", "replace"),
    [
        ('id = "money-discount"\nprivate = true', 'id = "money-discount"\nprivate = "yes"'),
        ('title = "Lessons"\nprivate = true', 'title = "Lessons"\nprivate = 1'),
    ],
)
def test_a_bad_private_value_is_a_clear_error(cli, examples_home, find: str, replace: str):
    def broken(text: str) -> str:
        assert find in text
        return text.replace(find, replace)

    target = _user_copy(examples_home, broken)
    result = cli("handover", "northwind-bakery", "--format", "markdown")
    assert result.exit_code == 4 and result.stdout == ""
    assert str(target) in result.stderr and "must be true or false" in result.stderr
    assert "Traceback" not in result.stderr


NOT_BOOLEAN = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.text(max_size=8),
    st.lists(st.booleans(), min_size=1, max_size=2),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(),
    st.just({"value": True}),
)


@settings(max_examples=40, deadline=None)
@given(NOT_BOOLEAN, st.booleans())
def test_private_must_be_a_boolean(value: object, on_section: bool) -> None:
    import tomlkit

    item: dict = {"id": "only", "text": "Something."}
    section: dict = {"id": "s", "title": "S", "item": [item]}
    (section if on_section else item)["private"] = value
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "checklists" / "en" / "handover.toml"
        path.parent.mkdir(parents=True)
        path.write_text(tomlkit.dumps({"section": [section]}), encoding="utf-8")
        with pytest.raises(DataFileError) as caught:
            template.load("en", Path(folder))
    assert str(path) in caught.value.message and "private" in caught.value.message
