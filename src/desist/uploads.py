"""Evidence files: what may be uploaded, judged by content, and capped before it is spooled.

Issue 22 item 8: any file type was accepted (SVG with script, HTML, EXE). Only the documents
evidence actually comes as are allowed — PDF, photographs and scans (PNG, JPEG, GIF) and office
documents (Word, Excel, OpenDocument; no macro-enabled formats) — and the type is decided by
the file's first bytes (and, for the zip-based formats, its parts), never by its name alone; the
name's extension must agree with the content.

``SizeCapUploadHandler`` runs first among Django's upload handlers: once a file passes
``EVIDENCE_MAX_BYTES`` it stops passing chunks on, so nothing larger is held in memory or
written to a temporary file, and the form receives an empty placeholder that says how big the
file was, so it can refuse it with a message.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FileKind:
    label: str
    content_type: str
    extensions: tuple[str, ...]


PDF = FileKind("PDF", "application/pdf", ("pdf",))
PNG = FileKind("PNG image", "image/png", ("png",))
JPEG = FileKind("JPEG image", "image/jpeg", ("jpg", "jpeg"))
GIF = FileKind("GIF image", "image/gif", ("gif",))
DOCX = FileKind("Word document",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",))
XLSX = FileKind("Excel spreadsheet",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",))
ODT = FileKind("OpenDocument text", "application/vnd.oasis.opendocument.text", ("odt",))
ODS = FileKind("OpenDocument spreadsheet", "application/vnd.oasis.opendocument.spreadsheet",
               ("ods",))
LEGACY_OFFICE = FileKind("Word or Excel 97-2003 document", "application/octet-stream",
                         ("doc", "xls"))
ALLOWED = (PDF, PNG, JPEG, GIF, DOCX, XLSX, ODT, ODS, LEGACY_OFFICE)
ALLOWED_TEXT = _("a PDF, a photo or scan (JPG, PNG or GIF), or an office document (Word, Excel "
                 "or OpenDocument)")


def sniff(head: bytes, whole: bytes | None = None) -> FileKind | None:
    """The allowed kind this content is, from its bytes; None if it is none of them."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE2: Word / Excel 97-2003
        return LEGACY_OFFICE
    if head.startswith(b"PK\x03\x04") and whole is not None:
        return _zip_kind(whole)
    return None


def _zip_kind(data: bytes) -> FileKind | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return None  # macros: never accepted as evidence
            if "[Content_Types].xml" in names:
                if any(n.startswith("word/") for n in names):
                    return DOCX
                if any(n.startswith("xl/") for n in names):
                    return XLSX
                return None
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                return {ODT.content_type: ODT, ODS.content_type: ODS}.get(mimetype)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None
    return None


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_evidence_file(file) -> FileKind:
    """The file's kind, or ValueError with what to do (too big, not allowed, name disagrees)."""
    limit = settings.EVIDENCE_MAX_BYTES
    if getattr(file, "too_large", False) or file.size > limit:
        raise ValueError(str(_("The file must be smaller than %(mb)s MB")
                             % {"mb": limit // (1024 * 1024)}))
    file.seek(0)
    data = file.read()
    file.seek(0)
    kind = sniff(data[:16], data)
    if kind is None:
        raise ValueError(str(_("The file must be %(allowed)s") % {"allowed": ALLOWED_TEXT}))
    if extension(file.name) not in kind.extensions:
        raise ValueError(str(_("The file's name must end .%(ext)s: its content is a %(kind)s")
                             % {"ext": kind.extensions[0], "kind": kind.label}))
    return kind


def safe_download_name(name: str, kind: FileKind) -> str:
    """A plain ASCII file name with the right extension for the Content-Disposition header."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = "".join(c if c.isascii() and (c.isalnum() or c in "-_ ") else "_" for c in stem)[:80]
    return f"{stem.strip() or 'evidence'}.{kind.extensions[0]}"


class SizeCapUploadHandler(FileUploadHandler):
    """Stops spooling an uploaded file once it passes ``EVIDENCE_MAX_BYTES`` (see module doc)."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        self.too_large = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.EVIDENCE_MAX_BYTES:
            self.too_large = True
            return None  # later handlers (memory, temporary file) get nothing more
        return raw_data

    def file_complete(self, file_size):
        if not self.too_large:
            return None  # let the memory or temporary-file handler hand over the file
        placeholder = InMemoryUploadedFile(io.BytesIO(b""), self.field_name, self.file_name,
                                           self.content_type, self.received, self.charset)
        placeholder.too_large = True
        return placeholder
