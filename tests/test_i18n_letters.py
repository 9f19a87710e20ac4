"""Letters and checklists in English, Turkish and Czech: same variables, same ids, every example
client, special letters through rendering, .eml, Markdown and slugs, and the language choice."""

from __future__ import annotations

import datetime as dt
import json
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from clientexit import clients, config
from clientexit._errors import UsageError
from clientexit._paths import Paths
from clientexit._resources import templates_dir
from clientexit.handover import checklist, markdown
from clientexit.handover import template as checklist_template
from clientexit.letters import catalog, context, draft
from clientexit.names import slugify_name
from clientexit.salutation import salutation

LANGS = ("en", "tr", "cs")
NOW = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)
LETTERS = templates_dir() / "letters"


def _variables(path: Path) -> set[str]:
    """Top-level names and dotted paths (client.contact) a template reads from its context."""
    from jinja2 import Environment, meta, nodes

    env = Environment(trim_blocks=True, lstrip_blocks=True)
    env.filters.update(
        dict.fromkeys(
            ("date", "money", "number", "salutation", "join_and", "join_dates", "first_upper"), str
        )
    )
    ast = env.parse(path.read_text(encoding="utf-8"))
    free = meta.find_undeclared_variables(ast)
    found = set(free)
    for node in ast.find_all((nodes.Getattr, nodes.Getitem)):
        parts, inner = [], node
        while isinstance(inner, (nodes.Getattr, nodes.Getitem)):
            key = inner.attr if isinstance(inner, nodes.Getattr) else inner.arg
            parts.append(key if isinstance(key, str) else str(getattr(key, "value", "?")))
            inner = inner.node
        if isinstance(inner, nodes.Name) and inner.name in free:
            found.add(".".join([inner.name, *reversed(parts)]))
    return found


# Values only a language's grammar needs: Czech past forms follow the freelancer's gender, and
# a Czech sentence needs to know whether the project phrase is the user's own (already in the
# right case) or the project's name (put after "na projektu"); past forms addressed to the
# contact follow the contact's sex. A Turkish demand says who owes ("Şirketinizin ... borcu" /
# "borcunuz") and to whom, in the dative ("…'a").
LANGUAGE_ONLY = {
    "tr": {"collect.debtor", "collect.creditor_tr"},
    "cs": {"feminine", "client", "client.letter_project", "addressee_ending"},
}


def _with_parts(lang: str, name: str) -> set[str]:
    found = _variables(LETTERS / lang / f"{name}.txt.j2")
    for part in sorted((LETTERS / lang).glob("_*.j2")):
        found |= _variables(part)
    return found


@pytest.mark.parametrize("lang", ["tr", "cs"])
@pytest.mark.parametrize("name", catalog.names())
def test_each_language_uses_exactly_the_english_variables(name: str, lang: str) -> None:
    english = _with_parts("en", name)
    assert "me.signature" in english and "end_date" in english  # the walk sees paths
    assert _with_parts(lang, name) - LANGUAGE_ONLY[lang] == english - LANGUAGE_ONLY[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_the_same_partials(lang: str) -> None:
    parts = {p.name for p in (LETTERS / lang).glob("_*.j2")}
    assert (
        parts
        == {p.name for p in (LETTERS / "en").glob("_*.j2")}
        == {
            "_money.j2",
            "_owed.j2",
            "_work.j2",
            "_closing.j2",
            "_claim.j2",
        }
    )


def _shape(template: checklist_template.Template) -> tuple:
    items = [(i.id, i.section, i.due, i.key_date, i.when, i.unless) for i in template.items]
    keys = [(k.id, k.offset) for k in template.key_dates]
    return items, keys, [s for s, _ in template.sections], sorted(template.labels)


@pytest.mark.parametrize("lang", ["tr", "cs"])
def test_checklist_has_the_english_ids_offsets_and_conditions(lang: str) -> None:
    translated = checklist_template.load(lang)
    assert translated.lang == lang
    assert _shape(translated) == _shape(checklist_template.load("en"))
    english = {i.id: i.text for i in checklist_template.load("en").items}
    assert all(item.text != english[item.id] for item in translated.items)  # translated


def _draft(home: Path, slug: str, **options) -> draft.Draft:
    paths = Paths(home)
    profile, record = config.require_profile(paths), clients.load(paths, slug)
    try:
        return draft.draft_letter(paths, profile, record, now=NOW, **options)
    except UsageError as exc:
        assert "needs values that are missing" in exc.message
        return draft.draft_letter(paths, profile, record, now=NOW, placeholders=True, **options)


GREETING = {"en": "Dear ", "tr": "Sayın ", "cs": "Váž"}
SIGN_OFF = {"tr": "Saygılarımla,", "cs": "S pozdravem"}


@pytest.mark.parametrize("lang", LANGS)
def test_every_type_renders_in_every_language_for_every_example(
    examples_home: Path, lang: str
) -> None:
    records = clients.list_records(Paths(examples_home), include_archived=True)
    assert {"cagri-yazilim-ltd-sti", "zelena-louka-s-r-o"} <= {r.slug for r in records}
    for record in records:
        for name in catalog.names():
            if catalog.get(name).drafted_by:
                continue  # the reminder stages: test_remind.py renders them with their values
            if catalog.get(name).termination and record.status == "former":
                continue  # no notice to a client already gone (test_letters_by_record.py)
            # despite_conduct: the refusal after abuse is tested in test_domain_practice.
            # despite_record: the payment letter's refusal is tested in test_letter_truth.
            letter = _draft(
                examples_home,
                record.slug,
                letter_type=name,
                lang=lang,
                despite_conduct=True,
                despite_record=True,
            )
            where = f"{record.slug} {name} {lang}"
            assert letter.lang == lang and letter.template.path.parent.name == lang, where
            assert letter.subject and "{{" not in letter.text and "{%" not in letter.text, where
            first_line = letter.body.splitlines()[0]
            assert first_line.startswith(GREETING[lang]) or first_line == "Dobrý den,", where
            assert first_line.endswith(","), where
            assert all(context.placeholder(k, lang) in letter.text for k in letter.missing), where
            assert letter.warnings == (), f"{where}: built-in text trips the tone check"
            if lang in SIGN_OFF:
                assert SIGN_OFF[lang] in letter.body or "Se srdečným pozdravem" in letter.body


@pytest.mark.parametrize("lang", LANGS)
def test_checklist_renders_in_every_language_for_every_example(
    examples_home: Path, lang: str
) -> None:
    paths = Paths(examples_home)
    profile = config.require_profile(paths)
    for record in clients.list_records(paths, include_archived=True):
        built = checklist.build(record, profile, NOW.date(), lang)
        assert built.lang == lang and not built.fell_back
        text = markdown.render(built)
        assert record.name.split()[0] in text and "{" not in text


def test_turkish_letter_keeps_its_letters_dates_and_lira(examples_home: Path) -> None:
    letter = _draft(examples_home, "cagri-yazilim-ltd-sti", letter_type="payment")
    assert letter.lang == "tr"  # from the client's language field
    assert letter.body.startswith("Sayın Çağrı Demir,\n")
    assert "(Çağrı Yazılım Ltd. Şti.)" in letter.subject
    assert "- 2026-TR-04 numaralı fatura (1.234,50\xa0₺), vadesi 9 Kasım 2026, 11 gündür" in (
        letter.text
    )
    assert "22 gün gecikmeyle ödendi" in letter.text  # 2026-TR-01: due 8 Oct, paid 30 Oct
    assert "Saygılarımla," in letter.text
    for ch in "ıİşğçöü":
        assert ch in letter.text


def test_czech_letter_uses_the_vocative_czech_dates_and_koruna(examples_home: Path) -> None:
    letter = _draft(examples_home, "zelena-louka-s-r-o", letter_type="payment")
    assert letter.lang == "cs"
    assert letter.body.startswith("Vážená paní Nováková,\n")
    assert "- faktura 2026-058 na 1\xa0234,50\xa0Kč, splatná 13. listopadu 2026" in letter.text
    assert "7 dní po splatnosti" in letter.text  # 13 -> 20 November
    for ch in "řěščžýáíéů":
        assert ch in letter.text


@pytest.mark.parametrize(
    ("contact", "lang", "expected"),
    [
        ("Tom Becker", "en", "Dear Tom,"),  # the first name, as English letters greet
        ("Dr Ada Lovelace", "en", "Dear Dr Lovelace,"),  # a title: title and surname
        ("Accounts Team", "en", "Dear Accounts Team,"),  # not a person
        ("Çağrı Demir", "tr", "Sayın Çağrı Demir,"),
        ("Petr Novák", "cs", "Vážený pane Nováku,"),
        ("Ing. Pavel Svoboda", "cs", "Vážený pane inženýre,"),  # the title, not the name
        ("Jana Nováková", "cs", "Vážená paní Nováková,"),
        ("Nováková", "cs", "Dobrý den,"),  # a lone word: first name or surname?
        ("Çağrı Demir", "cs", "Dobrý den,"),  # not a Czech name: no Czech declension
        ("Hans Müller", "de", "Hans Müller,"),
    ],
)
def test_salutation(contact: str, lang: str, expected: str) -> None:
    assert salutation(contact, lang) == expected


def test_missing_contact_leaves_a_blank_inside_the_greeting(cli, examples_home: Path) -> None:
    assert cli("client", "add", "Tichá Firma s.r.o.", "--language", "cs").exit_code == 0
    result = cli("letter", "ticha-firma-s-r-o", "-t", "general", "--placeholders", "--json")
    assert result.exit_code == 0, result.stderr
    body = json.loads(result.stdout)["body"]
    assert body.startswith("[Vážená paní / Vážený pane PŘÍJMENÍ,]\n")


def test_special_letters_survive_the_eml(cli, examples_home: Path, tmp_path: Path) -> None:
    for slug, lang in (("cagri-yazilim-ltd-sti", "tr"), ("zelena-louka-s-r-o", "cs")):
        target = tmp_path / f"{slug}.eml"
        result = cli("letter", slug, "-t", "general", "--eml", str(target), "--json")
        assert result.exit_code == 0, result.stderr
        sent = json.loads(result.stdout)
        raw = target.read_bytes()
        head = raw.split(b"\n\n", 1)[0]
        assert head.isascii() and b"=?utf-8?" in head  # RFC 2047 encoded words
        message = BytesParser(policy=policy.default).parsebytes(raw)
        assert message["Subject"] == sent["subject"]
        assert message.get_content_charset() == "utf-8"
        assert message.get_content().replace("\r\n", "\n") == sent["body"]  # CRLF
        contact = clients.load(Paths(examples_home), slug).get("contact")
        assert message["To"].addresses[0].display_name == contact
        assert sent["lang"] == lang


def test_special_letters_survive_the_markdown_checklist(cli, examples_home, tmp_path) -> None:
    target = tmp_path / "devir.md"
    result = cli("handover", "cagri-yazilim-ltd-sti", "--format", "markdown", "--out", str(target))
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Devir kontrol listesi: Çağrı Yazılım Ltd. Şti.\n")
    assert "1.234,50\xa0₺" in text and "2026-TR-04 numaralı fatura" in text  # money-collect
    cs = cli("handover", "zelena-louka-s-r-o", "--format", "markdown").stdout
    assert cs.startswith("# Kontrolní seznam předání: Zelená Louka s.r.o.\n")
    assert "## Přístupy a účty" in cs and "1\xa0234,50\xa0Kč" in cs


def test_client_names_with_special_letters_make_readable_slugs(cli, home: Path) -> None:
    assert slugify_name("Çağrı Yazılım Ltd. Şti.") == "cagri-yazilim-ltd-sti"
    assert slugify_name("Zelená Louka s.r.o.") == "zelena-louka-s-r-o"
    assert cli("init", "--name", "Maya", "--yes").exit_code == 0
    assert cli("client", "add", "Işık İnşaat Ltd. Şti.").exit_code == 0
    assert cli("client", "add", "Řeznictví Žůrek").exit_code == 0
    assert (home / "clients" / "isik-insaat-ltd-sti.toml").is_file()
    assert (home / "clients" / "reznictvi-zurek.toml").is_file()
    listed = cli("client", "list", "--json").stdout
    assert {"Işık İnşaat Ltd. Şti.", "Řeznictví Žůrek"} <= {r["name"] for r in json.loads(listed)}


def test_lang_option_beats_client_field_beats_profile_default(cli, examples_home: Path) -> None:
    def lang_of(*args: str) -> str:
        result = cli("letter", *args, "-t", "follow-up", "--json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)["lang"]

    assert lang_of("zelena-louka-s-r-o") == "cs"  # the client's field
    assert lang_of("zelena-louka-s-r-o", "--lang", "tr") == "tr"  # --lang wins
    assert lang_of("fjord-coffee") == "en"
    profile = examples_home / "config.toml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace('language = "en"', 'language = "tr"'),
        encoding="utf-8",
    )
    client = examples_home / "clients" / "fjord-coffee.toml"
    client.write_text(
        "\n".join(
            line
            for line in client.read_text(encoding="utf-8").splitlines()
            if not line.startswith("language")
        ),
        encoding="utf-8",
    )
    assert lang_of("fjord-coffee") == "tr"  # no client field: the profile's default
    assert lang_of("zelena-louka-s-r-o") == "cs"  # the client's field beats the profile


def test_templates_list_shows_languages_and_a_user_language(cli, examples_home: Path) -> None:
    listed = cli("templates", "list")
    assert listed.exit_code == 0
    rows = {line.split()[0]: line for line in listed.stdout.splitlines()}
    assert set(rows) == set(catalog.names())
    assert all("built-in: cs en tr" in line for line in rows.values())
    assert cli("templates", "copy", "follow-up", "--lang", "de").exit_code == 0
    mine = examples_home / "templates" / "letters" / "de" / "follow-up.txt.j2"
    mine.write_text(
        "Subject: Wie geht es Ihnen?\n\n{{ client.contact | salutation }}\n"
        "Guten Tag, seit {{ end_date | date }} ist ein Monat vergangen.\n",
        encoding="utf-8",
    )
    listed = cli("templates", "list").stdout
    assert "built-in: cs en tr; yours: de" in next(
        line for line in listed.splitlines() if line.startswith("follow-up ")
    )
    langs = {(r["name"], r["lang"]) for r in json.loads(cli("templates", "list", "--json").stdout)}
    assert ("follow-up", "de") in langs
    result = cli("letter", "fjord-coffee", "-t", "follow-up", "--lang", "de", "--end-date",
                 "2026-10-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "Subject: Wie geht es Ihnen?" in result.stdout
    assert "seit 1. Oktober 2026 ist" in result.stdout  # Babel's German date


@pytest.mark.parametrize(
    "args",
    [
        ["client", "add", "Neu GmbH", "--language", "de"],
        ["client", "set", "fjord-coffee", "language=de"],
    ],
)
def test_a_client_language_without_letters_is_refused(cli, examples_home, args) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert "no letters in German" in result.stderr
