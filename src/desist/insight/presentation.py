"""Tables, charts and exports for the insight pages: words for codes, links to the cases.

A page is a list of :class:`Table`; each renders as a ``govukTable`` beside its SVG chart, and
the same tables are what the CSV and XLSX exports write, so the export is the page.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from urllib.parse import urlencode
from xml.sax.saxutils import escape as xml_escape

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from desist.organisation.choices import Gender, Grade
from desist.people.choices import Band, RegistrationType

from .choices import AgeGroup

DIM_TITLES = {
    "venue": _("Office"), "team": _("Team"), "grade": _("Grade"), "gender": _("Gender"),
    "band": _("Band"), "ethnicity": _("Ethnicity"), "religion": _("Religion or belief"),
    "disability": _("Disability"), "age_group": _("Age"), "tier": _("Tier"),
}


def dim_title(dim: str) -> str:
    return str(DIM_TITLES.get(dim, dim))


def group_label(dim: str, group) -> str:
    """A group value in words (the selectors give office and team names already)."""
    if group in (None, ""):
        return _("Not recorded") if dim not in ("venue", "team", "grade", "tier") else {
            "venue": _("No office"), "team": _("No team"), "grade": _("Unallocated"),
            "tier": _("Not yet tiered")}[dim]
    if dim == "grade" and group in Grade.values:
        return str(Grade(group).label)
    if dim == "gender" and group in Gender.values:
        return str(Gender(group).label)
    if dim == "band" and group in Band.values:
        return str(Band(group).label)
    if dim == "age_group" and group in AgeGroup.values:
        return str(AgeGroup(group).label)
    if dim == "disability":
        return _("Disabled") if str(group) == "True" else _("Not disabled")
    return str(group)


def need_label(kind: str, code: str, areas: dict[str, str]) -> str:
    if kind == "area":
        return areas.get(code, code.replace("_", " ").capitalize())
    if code in RegistrationType.values:
        return str(RegistrationType(code).label)
    return code.replace("_", " ").capitalize()


@dataclass
class Cell:
    text: str
    href: str = ""
    numeric: bool = False

    def as_govuk(self) -> dict:
        item = {"format": "numeric"} if self.numeric else {}
        if self.href:
            return {**item, "html": format_html('<a class="govuk-link" href="{}">{}</a>',
                                                self.href, self.text)}
        return {**item, "text": self.text}


@dataclass
class Table:
    caption: str
    head: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    chart: list[dict] = field(default_factory=list)  # bars: label, percent, target
    key: str = ""

    def govuk_head(self) -> list[dict]:
        return [{"text": h} for h in self.head]

    def govuk_rows(self) -> list[list[dict]]:
        return [[c.as_govuk() for c in row] for row in self.rows]


def cases_link(period, section: str, measure: str, dim: str = "", value: str = "",
               which: str = "all") -> str:
    params = {"section": section, "measure": measure, "which": which,
              "from": period.start.strftime("%Y-%m"), "to": period.end.strftime("%Y-%m")}
    if period.venue_id:
        params["office"] = period.venue_id
    if dim:
        params.update(dim=dim, value=value)
    return reverse("insight:cases") + "?" + urlencode(params)


def number(value, suffix: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        text = f"{value:.1f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:,}"
    return text + suffix


# --------------------------------------------------------------------------------------------
# Exports
# --------------------------------------------------------------------------------------------


def as_csv(tables: list[Table]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for table in tables:
        writer.writerow([table.caption])
        writer.writerow(table.head)
        for row in table.rows:
            writer.writerow([c.text for c in row])
        writer.writerow([])
    return out.getvalue()


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(65 + rem) + name
    return name


_NUMBER = re.compile(r"-?(0|[1-9]\d*)(\.\d+)?")


def _cell_xml(ref: str, value: str) -> str:
    plain = value.replace(",", "")
    if _NUMBER.fullmatch(plain):
        return f'<c r="{ref}"><v>{plain}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{xml_escape(value)}</t></is></c>'


def as_xlsx(tables: list[Table]) -> bytes:
    """A workbook with one sheet per table, written with the standard library (Office Open XML
    is zipped XML; inline strings avoid a shared-strings part)."""
    buffer = io.BytesIO()
    sheets = []
    for n, table in enumerate(tables, start=1):
        lines = [[table.caption], table.head, *[[c.text for c in row] for row in table.rows]]
        xml_rows = []
        for r, values in enumerate(lines, start=1):
            cells = "".join(_cell_xml(f"{_column(c)}{r}", str(v)) for c, v in enumerate(values))
            xml_rows.append(f'<row r="{r}">{cells}</row>')
        sheets.append((f"Sheet{n}", (table.key or table.caption)[:31], "".join(xml_rows)))
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                      'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                      for i in range(1, len(sheets) + 1))
            + "</Types>"))
        z.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"))
        z.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i}" Type="{rel}/worksheet" '
                      f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(sheets) + 1))
            + "</Relationships>"))
        names, used = [], set()
        for i, (_sheet, title, _rows) in enumerate(sheets, start=1):
            clean = "".join(ch for ch in title if ch not in '[]:*?/\\')[:28] or f"Table {i}"
            while clean in used:
                clean = f"{clean[:25]} {i}"
            used.add(clean)
            names.append(f'<sheet name="{xml_escape(clean)}" sheetId="{i}" r:id="rId{i}"/>')
        z.writestr("xl/workbook.xml", (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{main}" '
            f'xmlns:r="{rel}"><sheets>{"".join(names)}</sheets></workbook>'))
        for i, (_sheet, _title, rows) in enumerate(sheets, start=1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", (
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet '
                f'xmlns="{main}"><sheetData>{rows}</sheetData></worksheet>'))
    return buffer.getvalue()
