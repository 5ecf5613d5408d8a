"""Issue 22 item 8: evidence uploads are allow-listed by content, capped, and downloadable safely."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from desist.audit.models import AuditEvent
from desist.compliance.models import Absence
from desist.organisation.roles import Role
from tests.factories import object_for_case
from tests.refusals import nothing_written

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
DOCM = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>",
             "word/vbaProject.bin": b"macro"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


@pytest.fixture
def absence(case):
    return Absence.objects.get(pk=object_for_case("absence", case))


def upload(client, absence, name, data):
    return client.post(f"/compliance/absences/{absence.pk}/attach", {
        "description": "", "received_at": "Front desk",
        "file": SimpleUploadedFile(name, data, content_type="application/pdf")})


@pytest.mark.parametrize(("name", "data"), [
    ("letter.pdf", PDF), ("photo.png", PNG), ("scan.JPG", JPEG), ("note.docx", DOCX),
    ("note.odt", ODT),
])
def test_allowed_documents_are_accepted(name, data, absence, staff_by_role, client_for):
    response = upload(client_for(staff_by_role[Role.RESPONSIBLE_OFFICER]), absence, name, data)
    assert response.status_code == 302
    absence.refresh_from_db()
    assert bytes(absence.evidence_file) == data


@pytest.mark.parametrize(("name", "data", "message"), [
    ("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
     b"The file must be a PDF"),
    ("x.html", b"<html><script>alert(1)</script></html>", b"The file must be a PDF"),
    ("x.exe", b"MZ\x90\x00" + b"\x00" * 60, b"The file must be a PDF"),
    ("x.pdf", b"<html><script>alert(1)</script></html>", b"The file must be a PDF"),  # name lies
    ("x.pdf", PNG, b"must end .png"),  # content and name disagree
    ("x.docm", DOCM, b"The file must be a PDF"),  # macros
    ("x.docx", b"PK\x03\x04 not really a zip", b"The file must be a PDF"),
])
def test_other_content_is_refused_whatever_the_name(name, data, message, absence, staff_by_role,
                                                    client_for):
    with nothing_written(Absence):
        response = upload(client_for(staff_by_role[Role.RESPONSIBLE_OFFICER]), absence, name,
                          data)
    assert response.status_code == 400 and message in response.content
    absence.refresh_from_db()
    assert not absence.evidence_file


def test_an_oversized_file_is_refused_and_not_spooled_past_the_cap(absence, staff_by_role,
                                                                    client_for, settings):
    settings.EVIDENCE_MAX_BYTES = 64 * 1024
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024  # held in memory: we can see what was kept
    from django.core.files.uploadhandler import MemoryFileUploadHandler

    seen = []
    original = MemoryFileUploadHandler.receive_data_chunk

    def counting(self, raw_data, start):
        seen.append(len(raw_data))
        return original(self, raw_data, start)

    MemoryFileUploadHandler.receive_data_chunk = counting
    try:
        with nothing_written(Absence):
            response = upload(client_for(staff_by_role[Role.RESPONSIBLE_OFFICER]), absence,
                              "big.pdf", PDF + b"\x00" * (900 * 1024))
    finally:
        MemoryFileUploadHandler.receive_data_chunk = original
    assert response.status_code == 400 and b"The file must be smaller than" in response.content
    assert sum(seen) <= 64 * 1024  # nothing past the cap reached the spooling handler


def test_download_is_an_uncached_attachment_checked_and_audited(case, absence, staff_by_role,
                                                                client_for, outsider, client):
    officer = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    upload(officer, absence, "GP letter (Dr Ünal).pdf", PDF)
    response = officer.get(f"/compliance/absences/{absence.pk}/evidence")
    assert response.status_code == 200 and response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="GP letter _Dr _nal_.pdf"')
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AuditEvent.objects.filter(event="document_viewed", crn=case.crn,
                                     object_type="absence_evidence").exists()
    page = officer.get(f"/compliance/absences/{absence.pk}").content.decode()
    assert f"/compliance/absences/{absence.pk}/evidence" in page
    client.force_login(outsider.user)
    assert client.get(f"/compliance/absences/{absence.pk}/evidence").status_code == 404
    client.force_login(staff_by_role[Role.PARTNER_CASEWORKER].user)
    assert client.get(f"/compliance/absences/{absence.pk}/evidence").status_code == 403


def test_no_file_no_download(absence, staff_by_role, client_for):
    client = client_for(staff_by_role[Role.RESPONSIBLE_OFFICER])
    assert client.get(f"/compliance/absences/{absence.pk}/evidence").status_code == 404
