"""The handover packet (HTML and PDF) and the claim bundle: sections and figures against the
record, no external references or scripts, Czech and Turkish text in the PDF, and a bundle
whose manifest holds and which rebuilds byte for byte."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from clientexit.packets import pdf

needs_pdf = pytest.mark.skipif(not pdf.available(), reason="the pdf extra (typst) is not installed")


class Page(HTMLParser):
    """What a browser would load or run, and the text of each h2 section."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs_seen: list[tuple[str, str | None]] = []
        self.headings: list[str] = []
        self.text: list[str] = []
        self._in_h2 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs_seen += attrs
        self._in_h2 = tag == "h2"
        if tag == "h2":
            self.headings.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self._in_h2 = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_h2:
            self.headings[-1] += data


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def packet_html(cli, out: Path, *args: str) -> tuple[Page, str]:
    result = cli("packet", *args, "--out", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8") if out.is_file() else ""
    return parse(html), html


def assert_self_contained(page: Page, html: str) -> None:
    assert not {"script", "link", "img", "iframe", "object", "embed", "base"} & set(page.tags)
    names = {name for name, _ in page.attrs_seen}
    assert not {"src", "href", "action", "srcset"} & names
    assert not any(name.startswith("on") for name in names)
    assert "url(" not in html and "@import" not in html and "http" not in html.lower()


def test_packet_html_sections_and_figures_match_the_record(cli, examples_home, tmp_path) -> None:
    out = tmp_path / "ashgrove.html"
    page, html = packet_html(cli, out, "ashgrove-print")
    assert_self_contained(page, html)
    assert page.headings[:1] == ["Handover checklist: Ashgrove Print Ltd"]
    assert "Where each deliverable stands" in page.headings
    assert "Statement of account" in page.headings  # £2,450 is owed
    assert page.headings[-1] == "From"
    text = " ".join(" ".join(page.text).split())
    assert "Trade-customer price list import" in text
    assert "due 15 December 2026" in text
    # The figures are the statement's and interest's, to the penny.
    statement = json.loads(cli("statement", "ashgrove-print", "--json").stdout)
    claim = json.loads(cli("interest", "ashgrove-print", "--json").stdout)
    assert statement["outstanding"] == 2450.0
    assert "£2,450.00" in text
    assert f"£{statement['interest']:,.2f}" in text
    assert claim["interest"] == statement["interest"]
    assert "Late Payment of Commercial Debts (Interest) Act 1998" in text
    assert "clientexit" not in html.lower()


def test_sections_appear_only_when_the_record_has_something(cli, examples_home, tmp_path) -> None:
    # Kestrel Analytics owes nothing: no statement of account.
    page, _ = packet_html(cli, tmp_path / "kestrel.html", "kestrel-analytics")
    assert "Statement of account" not in page.headings
    assert "What was achieved" not in page.headings
    assert "Where things live" not in page.headings
    # Recorded results and a note on where things live each get their part.
    assert (
        cli(
            "handover",
            "fjord-coffee",
            "--note",
            "results-summary",
            "Orders online grew from 0 to 40 a week.",
        ).exit_code
        == 0
    )
    assert (
        cli(
            "handover",
            "fjord-coffee",
            "--note",
            "access-inventory",
            "Code: the Fjord GitHub organisation; hosting: Netlify team fjord.",
        ).exit_code
        == 0
    )
    page, _ = packet_html(cli, tmp_path / "fjord2.html", "fjord-coffee")
    assert "What was achieved" in page.headings
    assert "Where things live" in page.headings
    text = " ".join(page.text)
    assert "Orders online grew from 0 to 40 a week." in text
    assert text.count("Netlify team fjord") == 1  # in its part, not repeated in the checklist


def test_record_text_is_escaped_not_markup(cli, examples_home, tmp_path) -> None:
    assert (
        cli(
            "deliverable",
            "fjord-coffee",
            "add",
            "<script>alert(1)</script> & <b>menu</b>",
            "--due",
            "2026-12-20",
        ).exit_code
        == 0
    )
    page, html = packet_html(cli, tmp_path / "f.html", "fjord-coffee")
    assert "script" not in page.tags and "b" not in page.tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;menu&lt;/b&gt;" in html


def test_packet_in_czech_and_turkish(cli, examples_home, tmp_path) -> None:
    page, html = packet_html(cli, tmp_path / "z.html", "zelena-louka-s-r-o")
    assert '<html lang="cs">' in html
    assert "Stav jednotlivých výstupů" in page.headings or "Výpis z účtu" in page.headings
    page, html = packet_html(cli, tmp_path / "c.html", "cagri-yazilim-ltd-sti")
    assert '<html lang="tr">' in html
    assert page.headings[-1] == "Gönderen"


def test_a_secret_in_the_record_stops_the_packet(cli, examples_home, tmp_path) -> None:
    file = examples_home / "clients" / "fjord-coffee.toml"
    token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
    file.write_text(file.read_text() + f'\n[handover.items.access-inventory]\nnote = "{token}"\n')
    out = tmp_path / "f.html"
    result = cli("packet", "fjord-coffee", "--out", str(out))
    assert result.exit_code != 0
    assert token not in result.output
    assert not out.exists()


def test_pdf_without_the_extra_says_how_to_add_it(
    cli, examples_home, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(pdf, "available", lambda: False)
    result = cli("packet", "ashgrove-print", "--format", "pdf", "--out", str(tmp_path / "a.pdf"))
    assert result.exit_code == 2
    assert "pip install 'clientexit[pdf]'" in result.stderr
    assert not (tmp_path / "a.pdf").exists()


def pdf_text(data: bytes) -> str:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def embedded_fonts(data: bytes) -> set[str]:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    found = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is None:
                    continue
                descriptor = descriptor.get_object()
                if any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    found.add(str(descriptor["/FontName"]))
    return found


@needs_pdf
@pytest.mark.slow
def test_pdf_packets_carry_the_figures_and_czech_and_turkish(cli, examples_home, tmp_path) -> None:
    out = tmp_path / "a.pdf"
    assert cli("packet", "ashgrove-print", "--format", "pdf", "--out", str(out)).exit_code == 0
    data = out.read_bytes()
    text = pdf_text(data)
    statement = json.loads(cli("statement", "ashgrove-print", "--json").stdout)
    assert "£2,450.00" in text and f"£{statement['interest']:,.2f}" in text
    assert embedded_fonts(data), "fonts must be embedded"
    assert cli("packet", "ashgrove-print", "--format", "pdf", "--out", str(out)).exit_code == 0
    assert out.read_bytes() == data  # no creation date: the same record gives the same bytes

    cz = tmp_path / "z.pdf"
    assert cli("packet", "zelena-louka-s-r-o", "--format", "pdf", "--out", str(cz)).exit_code == 0
    text = pdf_text(cz.read_bytes())
    assert "Předání práce: Zelená Louka s.r.o." in text
    tr = tmp_path / "c.pdf"
    assert (
        cli("packet", "cagri-yazilim-ltd-sti", "--format", "pdf", "--out", str(tr)).exit_code == 0
    )
    text = pdf_text(tr.read_bytes())
    assert "İş devri: Çağrı Yazılım Ltd. Şti." in text


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_bundle_manifest_holds_and_rebuilds_byte_for_byte(cli, examples_home, tmp_path) -> None:
    first, second = tmp_path / "one.zip", tmp_path / "two.zip"
    assert cli("bundle", "ashgrove-print", "--out", str(first)).exit_code == 0
    assert cli("bundle", "ashgrove-print", "--out", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    files = unzip(first.read_bytes())
    manifest = json.loads(files.pop("manifest.json"))
    assert {f["name"] for f in manifest["files"]} == set(files)
    for entry in manifest["files"]:
        assert hashlib.sha256(files[entry["name"]]).hexdigest() == entry["sha256"]
        assert len(files[entry["name"]]) == entry["bytes"]
    assert manifest["history_commit"] is None  # history is off
    assert {
        "statement.html",
        "statement.csv",
        "timeline.html",
        "invoices.json",
        "letters.csv",
        "incidents.csv",
        "deliverables.csv",
        "law-and-rates.json",
    } <= set(files)


def test_bundle_contents_follow_the_record(cli, examples_home, tmp_path) -> None:
    import tomllib

    out = tmp_path / "b.zip"
    assert cli("bundle", "ashgrove-print", "--out", str(out)).exit_code == 0
    files = unzip(out.read_bytes())
    record = tomllib.loads((examples_home / "clients" / "ashgrove-print.toml").read_text())
    invoices = json.loads(files["invoices.json"])
    assert [i["number"] for i in invoices] == [i["number"] for i in record["invoices"]]
    assert [i["amount"] for i in invoices] == [i["amount"] for i in record["invoices"]]
    letters = files["letters.csv"].decode().splitlines()
    assert len(letters) == 1 + len(record["letters"])
    assert letters[1].startswith("2026-06-02,friendly-reminder,en,shown on screen")
    incidents = files["incidents.csv"].decode().splitlines()
    assert len(incidents) == 2 and "with accounts" in incidents[1]
    law = json.loads(files["law-and-rates.json"])
    statement = json.loads(cli("statement", "ashgrove-print", "--json").stdout)
    assert law["law"] == statement["law"]
    total = sum(float(i["interest"]) for i in law["invoices"])
    assert round(total, 2) == statement["interest"]
    assert all(s["source"] for i in law["invoices"] for s in i["stretches"] if s["rate"])
    timeline = parse(files["timeline.html"].decode())
    words = " ".join(timeline.text)
    assert "Invoice AP-2026-05 issued for £1,800.00, due 29 May 2026" in words
    assert "Letter sent: firm-reminder" in words
    assert words.index("Invoice AP-2026-03 paid in full") < words.index(
        "Letter sent: friendly-reminder"
    )
    assert "clientexit" not in files["statement.html"].decode().lower()


def test_bundle_keeps_the_eml_of_a_letter_sent_by_email(cli, examples_home, tmp_path) -> None:
    eml = tmp_path / "reminder.eml"
    result = cli("remind", "ashgrove-print", "--eml", str(eml), "--no-cooldown")
    if result.exit_code != 0:
        pytest.skip(f"remind did not write an .eml here: {result.stderr.strip()[:120]}")
    out = tmp_path / "b.zip"
    assert cli("bundle", "ashgrove-print", "--out", str(out)).exit_code == 0
    files = unzip(out.read_bytes())
    kept = [name for name in files if name.startswith("letters/") and name.endswith(".eml")]
    assert len(kept) == 1 and files[kept[0]] == eml.read_bytes()
    assert kept[0] in files["letters.csv"].decode()


def test_bundle_names_the_history_commit(cli, examples_home, tmp_path) -> None:
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    assert cli("history", "init").exit_code == 0
    out = tmp_path / "b.zip"
    assert cli("bundle", "ashgrove-print", "--out", str(out)).exit_code == 0
    manifest = json.loads(unzip(out.read_bytes())["manifest.json"])
    head = subprocess.run(
        [
            "git",
            "-C",
            str(examples_home),
            "log",
            "-1",
            "--format=%H",
            "--",
            "clients/ashgrove-print.toml",
        ],
        capture_output=True,
        text=True,
    ).stdout
    assert manifest["history_commit"] == head.strip()
    assert re.fullmatch(r"[0-9a-f]{40}", manifest["history_commit"])


def test_bundle_csv_cells_never_start_a_formula() -> None:
    from clientexit.packets.bundle import cell

    for text in ("=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx", '=HYPERLINK("x")'):
        shown = cell(text)
        assert shown[:1] not in ("=", "+", "-", "@", "\t", "\r"), shown
    assert cell("a\x1b[31mb\x07") == "a[31mb"
    assert cell("INV-7") == "INV-7"


def test_output_inside_the_data_folder_is_refused(cli, examples_home) -> None:
    result = cli("packet", "ashgrove-print", "--out", str(examples_home / "clients" / "x.html"))
    assert result.exit_code == 2
    assert "inside clientexit's data folder" in result.stderr
