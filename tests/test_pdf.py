"""PDFs for people are tagged (PDF/UA-1) and say their language (issue 14 item 5): a screen
reader follows headings, paragraphs and tables in reading order, in Welsh for a Welsh letter."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from django.utils import timezone

from desist import pdf
from desist.compliance import letters
from desist.compliance.models import Letter

from .compliance.test_letters_and_conflicts import missed, unacceptable

SRC = Path(__file__).resolve().parents[1] / "src" / "desist"


def structure(data: bytes) -> tuple[dict, list[str]]:
    """The document catalogue and the structure tags in reading order."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    tags: list[str] = []

    def walk(node) -> None:
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict) and "/S" in node:
            tags.append(str(node["/S"]))
            if "/K" in node:
                walk(node["/K"])

    if "/StructTreeRoot" in root:
        walk(root["/StructTreeRoot"].get_object()["/K"])
    return root, tags


def pdf_tables(tags: list[str]) -> list[list[str]]:
    """Each table's parts in order (caption, header rows, body), from the tags in reading
    order: a table written with the GOV.UK macro has a caption when given one, a header row
    group and a body."""
    tables: list[list[str]] = []
    for tag in tags:
        if tag == "/Table":
            tables.append([])
        elif tag in {"/Caption", "/THead", "/TBody", "/TFoot"} and tables:
            tables[-1].append(tag)
    return tables


def test_a_pdf_is_tagged_with_its_language_and_title():
    data = pdf.html_to_pdf(
        '<!doctype html><html lang="cy"><head><meta charset="utf-8"><title>Llythyr</title></head>'
        "<body><h1>Rhybudd</h1><p>Testun</p><table><tr><th>Dyddiad</th></tr>"
        "<tr><td>1 Mai</td></tr></table></body></html>")
    root, tags = structure(data)
    assert root["/Lang"] == "cy"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()
    assert tags[0] == "/Document" and {"/H1", "/P", "/Table", "/TH", "/TD"} <= set(tags)
    assert tags.index("/H1") < tags.index("/P") < tags.index("/Table")


def test_a_page_without_a_language_is_refused():
    with pytest.raises(ValueError, match="lang"):
        pdf.html_to_pdf("<!doctype html><html><head><title>x</title></head><body>x</body></html>")


def test_only_desist_pdf_makes_pdfs():
    """Every PDF goes through the one helper, so none escapes the tagging."""
    offenders = sorted(str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                       if "weasyprint" in p.read_text(encoding="utf-8") and p.name != "pdf.py")
    assert offenders == []


@pytest.mark.django_db
def test_a_welsh_letter_is_tagged_in_welsh(case):
    case.letter_language = "cy"
    case.save()
    absence = missed(case, 2)
    unacceptable(case, absence, today=timezone.localdate())
    letters.produce_letters()
    root, tags = structure(bytes(Letter.objects.get(absence=absence).pdf))
    assert root["/Lang"] == "cy" and "/StructTreeRoot" in root
    assert "/P" in tags  # the letter's text is in tagged paragraphs
