"""Budgets in numbers: the .xlsx layout communes already use (code, item, planned, actual), read
all-or-nothing; and simple charts drawn on the server as inline SVG (no JavaScript)."""

import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from html import escape

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thanthien.core.search import fold

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
MAX_UNZIPPED = 20 * 1024 * 1024
HEADER_NAMES = {
    "code": {"ma", "ma so", "stt", "code", "ma muc"},
    "item": {"noi dung", "chi tieu", "item", "khoan muc", "ten"},
    "planned": {"du toan", "ke hoach", "planned", "du toan nam", "so du toan"},
    "actual": {"thuc hien", "actual", "uoc thuc hien", "quyet toan", "so thuc hien"},
}
BUDGET_HEADER = ["Mã", "Nội dung", "Dự toán (đồng)", "Thực hiện (đồng)"]


@dataclass
class Line:
    code: str
    item: str
    planned: int
    actual: int | None

    def as_row(self) -> list:
        return [self.code, self.item, self.planned, self.actual]


def parse_amount(value, row: int, column: str) -> int | None:
    """A sum of money in đồng: a number, or text such as "1.234.567" (dots group thousands)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        text = str(value).strip().replace(" ", "").replace("\u00a0", "")
        text = text.replace(".", "").replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError(
                _("Row %(row)s: “%(value)s” in column %(column)s is not an amount.")
                % {"row": row, "value": str(value)[:40], "column": column}
            ) from None
    if not number.is_finite() or number < 0 or number >= Decimal("1e15"):
        raise ValidationError(
            _("Row %(row)s: the amount in column %(column)s must be between 0 and 10^15 đồng.")
            % {"row": row, "column": column}
        )
    return int(number.to_integral_value())


def check_line(code: str, item: str, planned, actual, row: int) -> Line:
    code = (code or "").strip()
    item = (item or "").strip()
    if not item:
        raise ValidationError(_("Row %(row)s: the item has no name.") % {"row": row})
    if len(item) > 300 or len(code) > 30:
        raise ValidationError(_("Row %(row)s: the code or item is too long.") % {"row": row})
    for text in (code, item):
        if text.startswith("="):
            raise ValidationError(
                _("Row %(row)s: a cell starts with “%(char)s”; a formula is not accepted.")
                % {"row": row, "char": text[0]}
            )
    planned_amount = parse_amount(planned, row, _("planned"))
    if planned_amount is None:
        raise ValidationError(_("Row %(row)s: the planned amount is missing.") % {"row": row})
    return Line(code, item, planned_amount, parse_amount(actual, row, _("actual")))


def read_xlsx(upload) -> list[Line]:
    """Every line of the first sheet, or a ValidationError naming the first bad row."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError(_("The file is larger than 2 MB."))
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 2 MB."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED:
                raise ValidationError(_("The spreadsheet is too large once unpacked."))
    except zipfile.BadZipFile:
        raise ValidationError(_("This is not an .xlsx spreadsheet.")) from None
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - any unreadable workbook gets the same clear message
        raise ValidationError(_("This is not an .xlsx spreadsheet.")) from None
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    columns = _columns(header)
    lines: list[Line] = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            raise ValidationError(_("The spreadsheet has more than %(n)s lines.") % {"n": MAX_ROWS})
        values = list(values or [])
        if not any(v not in (None, "") for v in values):
            continue

        def cell(name, values=values):
            index = columns[name]
            return values[index] if index is not None and index < len(values) else None

        for value in values:
            if isinstance(value, str) and value.startswith("="):
                raise ValidationError(
                    _("Row %(row)s: a cell holds a formula; save the sheet with values only.")
                    % {"row": number}
                )
        code, item = cell("code"), cell("item")
        lines.append(
            check_line(
                "" if code is None else str(code),
                "" if item is None else str(item),
                cell("planned"),
                cell("actual"),
                number,
            )
        )
    workbook.close()
    if not lines:
        raise ValidationError(_("The spreadsheet has no lines."))
    return lines


def _columns(header) -> dict:
    if not header:
        raise ValidationError(
            _("The first row must name the columns: code, item, planned, actual.")
        )
    found: dict = {"code": None}
    for index, value in enumerate(header):
        name = fold(str(value or "")).split("(")[0].strip()
        for key, names in HEADER_NAMES.items():
            if name in names and found.get(key) is None:
                found[key] = index
    missing = [k for k in ("item", "planned", "actual") if found.get(k) is None]
    if missing:
        raise ValidationError(
            _(
                "The columns are not the expected ones: the first row must read "
                "“Mã, Nội dung, Dự toán, Thực hiện”."
            )
        )
    return found


# --- Charts ------------------------------------------------------------------------------------


def numeric_columns(header: list, rows: list[list]) -> list[int]:
    found = []
    for index in range(len(header)):
        values = [r[index] for r in rows if index < len(r) and r[index] not in (None, "")]
        if values and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
            found.append(index)
    return found


def short_amount(value: float) -> str:
    """12 500 000 000 → "12,5 tỷ"; 350 000 000 → "350 tr"."""
    if abs(value) >= 1e9:
        return f"{value / 1e9:.1f}".replace(".", ",") + " tỷ"
    if abs(value) >= 1e6:
        return f"{value / 1e6:.0f} tr"
    return f"{value:,.0f}".replace(",", ".")


def bar_chart(labels: list[str], series: list[tuple[str, list[float | None]]], title: str) -> str:
    """Horizontal grouped bars, one group per label; fits a 360 px screen (viewBox scales)."""
    colors = ["#1f5fbf", "#2e9e5b", "#f4b400"]
    width, left, bar, gap = 340, 120, 10, 8
    group = bar * len(series) + gap
    top = 24 + 16 * len(series)
    height = top + group * len(labels) + 8
    peak = max([v or 0 for _name, values in series for v in values] + [1])
    scale = (width - left - 60) / peak
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" '
        'font-family="sans-serif" font-size="10">',
        f"<title>{escape(title)}</title>",
    ]
    for s, (name, _values) in enumerate(series):
        y = 8 + 16 * s
        out.append(f'<rect x="0" y="{y}" width="10" height="10" fill="{colors[s % 3]}"/>')
        out.append(f'<text x="14" y="{y + 9}">{escape(name)}</text>')
    for i, label in enumerate(labels):
        y0 = top + i * group
        shown = label if len(label) <= 22 else label[:21] + "…"
        out.append(
            f'<text x="{left - 4}" y="{y0 + bar * len(series) / 2 + 3}" text-anchor="end">'
            f"<title>{escape(label)}</title>{escape(shown)}</text>"
        )
        for s, (_name, values) in enumerate(series):
            value = values[i] or 0
            w = max(value * scale, 0.5)
            y = y0 + s * bar
            out.append(
                f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar - 1}" '
                f'fill="{colors[s % 3]}"><title>{escape(short_amount(value))}</title></rect>'
            )
            out.append(
                f'<text x="{left + w + 3:.1f}" y="{y + bar - 2}">{short_amount(value)}</text>'
            )
    out.append("</svg>")
    return "".join(out)


def table_chart(header: list, rows: list[list], title: str, limit: int = 15) -> str:
    """Planned vs actual by item for a table whose last numeric columns are amounts."""
    numbers = numeric_columns(header, rows)
    if not numbers:
        return ""
    label_index = 1 if len(header) > 1 and 1 not in numbers else 0
    chosen = numbers[:2]
    shown = rows[:limit]
    labels = [str(r[label_index]) if label_index < len(r) else "" for r in shown]
    series = [(str(header[c]), [r[c] if c < len(r) else None for r in shown]) for c in chosen]
    return bar_chart(labels, series, title)
