"""PDFs for people, one way: tagged PDF/UA-1 (issue 14 item 5).

``html_to_pdf`` renders a page with WeasyPrint as PDF/UA-1: a structure tree (headings,
paragraphs, lists, tables in reading order) for screen readers, the document's language from
``<html lang>`` (so a Welsh letter is read in Welsh), the title shown instead of the file name,
and the PDF/UA identification in the metadata. A page without a language is refused: a PDF/UA
document must say what language it is in.
"""

from __future__ import annotations

import re

import weasyprint

PDF_VARIANT = "pdf/ua-1"
_LANG = re.compile(r"<html\b[^>]*\blang=[\"']?[A-Za-z]", re.IGNORECASE)


def html_to_pdf(html: str) -> bytes:
    """The page as a tagged PDF (PDF/UA-1) in its own language."""
    if not _LANG.search(html):
        raise ValueError('the page needs <html lang="…">: a PDF/UA document states its language')
    return weasyprint.HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT)
