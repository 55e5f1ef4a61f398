"""Checking and cleaning uploaded files: the type is sniffed from the content, not trusted from the
name or the browser; images lose their location metadata unless the citizen shares the point."""

import hashlib
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_FILES = 5
GPS_IFD = 0x8825

_SIGNATURES = [
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"%PDF-", "application/pdf", "pdf"),
]


@dataclass
class CleanFile:
    name: str
    content: bytes
    content_type: str
    extension: str
    sha256: str


def sniff(head: bytes) -> tuple[str, str] | None:
    for signature, content_type, extension in _SIGNATURES:
        if head.startswith(signature):
            return content_type, extension
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp", "webp"
    return None


def _strip_location(content: bytes, extension: str, name: str) -> bytes:
    try:
        image = Image.open(io.BytesIO(content))
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("%(name)s cannot be read as an image.") % {"name": name}) from exc
    exif = image.getexif()
    if GPS_IFD not in exif:
        return content
    # Turn the image upright first: the orientation tag goes with the rest of the metadata.
    image = ImageOps.exif_transpose(image)
    exif = image.getexif()  # the upright copy's, without the orientation tag
    del exif[GPS_IFD]
    out = io.BytesIO()
    fmt = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}[extension]
    kwargs = {"quality": 90} if fmt == "JPEG" else {}
    image.save(out, format=fmt, exif=exif.tobytes(), **kwargs)
    return out.getvalue()


def clean_uploads(files: list[UploadedFile], *, keep_location: bool) -> list[CleanFile]:
    """Check every file first (count, size, type); raise with a message that names the file."""
    if len(files) > MAX_FILES:
        raise ValidationError(_("Attach at most %(n)d files.") % {"n": MAX_FILES})
    cleaned = []
    limit_mb = settings.MAX_UPLOAD_BYTES // (1024 * 1024)
    for upload in files:
        name = (upload.name or "file")[-200:]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("%(name)s is too large (at most %(mb)d MB).") % {"name": name, "mb": limit_mb}
            )
        content = upload.read()
        if not content:
            raise ValidationError(_("%(name)s is empty.") % {"name": name})
        kind = sniff(content[:16])
        if kind is None:
            raise ValidationError(
                _("%(name)s is not a photo (JPEG, PNG, WebP) or a PDF.") % {"name": name}
            )
        content_type, extension = kind
        if content_type.startswith("image/") and not keep_location:
            content = _strip_location(content, extension, name)
        cleaned.append(
            CleanFile(
                name=name,
                content=content,
                content_type=content_type,
                extension=extension,
                sha256=hashlib.sha256(content).hexdigest(),
            )
        )
    return cleaned
