"""The text of an attached PDF or DOCX, for the search index. A file that cannot be read gives no
text (it is still attached); extraction is bounded so that a hostile file cannot stall a request."""

import io
import logging

logger = logging.getLogger("thanthien.disclosure")

MAX_PAGES = 200
MAX_CHARS = 200_000


def extract_text(data: bytes, name: str) -> str:
    lower = name.lower()
    try:
        if lower.endswith(".pdf"):
            return _pdf(data)
        if lower.endswith(".docx"):
            return _docx(data)
    except Exception:  # noqa: BLE001 - any unreadable file simply has no searchable text
        logger.warning("could not read the text of %s", name)
    return ""


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    parts: list[str] = []
    size = 0
    for page in reader.pages[:MAX_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size > MAX_CHARS:
            break
    return "\n".join(parts)[:MAX_CHARS]


def _docx(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)[:MAX_CHARS]
