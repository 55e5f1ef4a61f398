"""Loading administrative units from the data the ``vietnamadminunits`` package ships, and villages.

Two generations are loaded for a province: the units in force until 30 June 2025 (63 provinces,
districts, communes) and those in force since 1 July 2025 (34 provinces, communes), with the
mapping from old communes to new ones (merges, and splits with a default successor). Loading twice
changes nothing.
"""

import csv
import datetime as dt
import io
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import vietnamadminunits
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .audit import audit_record
from .models import AdminUnit, UnitSuccession
from .search import fold

REFORM_DAY = dt.date(2025, 7, 1)
LAST_LEGACY_DAY = REFORM_DAY - dt.timedelta(days=1)
SOURCE = "vietnamadminunits"

_DATA_DIR = Path(vietnamadminunits.__file__).parent / "data"


def _rows(sql: str, params: tuple = ()) -> list[dict]:
    with sqlite3.connect(f"file:{_DATA_DIR / 'dataset.db'}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql, params).fetchall()]


def _converter() -> dict:
    with open(_DATA_DIR / "converter_2025.json", encoding="utf-8") as f:
        return json.load(f)


@dataclass
class LoadResult:
    province: AdminUnit
    created: int
    updated: int
    successions: int


def _kind_of(name: str, short_name: str) -> str:
    """'Thành phố Hà Nội', 'Hà Nội' → 'Thành phố'."""
    return name.removesuffix(short_name).strip() or name.split(" ")[0]


def _upsert(
    level: str, code: str, *, valid_to: dt.date | None, counts: dict, **fields
) -> AdminUnit:
    unit = AdminUnit.objects.filter(level=level, code=code, valid_to=valid_to).first()
    if unit is None:
        unit = AdminUnit(level=level, code=code, valid_to=valid_to, **fields)
        unit.save()
        counts["created"] += 1
        return unit
    changed = [name for name, value in fields.items() if getattr(unit, name) != value]
    if changed:
        for name in changed:
            setattr(unit, name, fields[name])
        unit.save()
        counts["updated"] += 1
    return unit


def resolve_province_code(code: str) -> str:
    """Accept a province code of either generation; return the code in force today."""
    code = code.strip().zfill(2)
    if _rows("SELECT 1 FROM admin_units WHERE provinceCode = ? LIMIT 1", (code,)):
        return code
    legacy = _rows(
        "SELECT provinceKey FROM admin_units_legacy WHERE provinceCode = ? LIMIT 1", (code,)
    )
    if legacy:
        key = legacy[0]["provinceKey"]
        for new_key, old_keys in _converter()["DICT_PROVINCE"].items():
            if key in old_keys:
                return _rows(
                    "SELECT provinceCode FROM admin_units WHERE provinceKey = ? LIMIT 1", (new_key,)
                )[0]["provinceCode"]
    raise ValidationError(_("No province has the code %(code)s.") % {"code": code})


@transaction.atomic
def load_province(code: str) -> LoadResult:
    code = resolve_province_code(code)
    counts = {"created": 0, "updated": 0}
    new_rows = _rows("SELECT * FROM admin_units WHERE provinceCode = ? ORDER BY wardCode", (code,))
    first = new_rows[0]
    new_key = first["provinceKey"]
    province = _upsert(
        AdminUnit.Level.PROVINCE,
        code,
        valid_to=None,
        counts=counts,
        kind=_kind_of(first["province"], first["provinceShort"]),
        name=first["province"],
        short_name=first["provinceShort"],
        parent=None,
        valid_from=None,
    )

    # Communes since 1 July 2025.
    new_by_key: dict[str, AdminUnit] = {}
    for row in new_rows:
        new_by_key[row["wardKey"]] = _upsert(
            AdminUnit.Level.COMMUNE,
            row["wardCode"],
            valid_to=None,
            counts=counts,
            kind=row["wardType"],
            name=row["ward"],
            short_name=row["wardShort"],
            parent=province,
            valid_from=REFORM_DAY,
        )

    # The provinces, districts and communes in force until 30 June 2025.
    converter = _converter()
    legacy_keys = converter["DICT_PROVINCE"].get(new_key, [new_key])
    legacy_rows = _rows(
        # Only "?" placeholders are formatted in; the keys themselves are bound parameters.
        f"SELECT * FROM admin_units_legacy WHERE provinceKey IN ({','.join('?' * len(legacy_keys))})"  # noqa: S608
        " ORDER BY provinceCode, districtCode, wardCode",
        tuple(legacy_keys),
    )
    legacy_provinces: dict[str, AdminUnit] = {}
    districts: dict[str, AdminUnit] = {}
    legacy_by_key: dict[str, AdminUnit] = {}
    for row in legacy_rows:
        pcode = row["provinceCode"]
        if pcode not in legacy_provinces:
            if pcode == code:
                legacy_provinces[pcode] = province  # the province itself did not change
            else:
                legacy_provinces[pcode] = _upsert(
                    AdminUnit.Level.PROVINCE,
                    pcode,
                    valid_to=LAST_LEGACY_DAY,
                    counts=counts,
                    kind=_kind_of(row["province"], row["provinceShort"]),
                    name=row["province"],
                    short_name=row["provinceShort"],
                    parent=None,
                    valid_from=None,
                )
        dcode = row["districtCode"]
        if dcode not in districts:
            districts[dcode] = _upsert(
                AdminUnit.Level.DISTRICT,
                dcode,
                valid_to=LAST_LEGACY_DAY,
                counts=counts,
                kind=row["districtType"],
                name=row["district"],
                short_name=row["districtShort"],
                parent=legacy_provinces[pcode],
                valid_from=None,
            )
        if row["wardCode"]:
            key = f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey']}"
            legacy_by_key[key] = _upsert(
                AdminUnit.Level.COMMUNE,
                row["wardCode"],
                valid_to=LAST_LEGACY_DAY,
                counts=counts,
                kind=row["wardType"],
                name=row["ward"],
                short_name=row["wardShort"],
                parent=districts[dcode],
                valid_from=None,
            )

    # The mapping old → new: whole communes merged, and communes split with a default successor.
    links: list[tuple[AdminUnit, AdminUnit, bool]] = []
    for new_ward_key, old_keys in (
        converter["DICT_PROVINCE_WARD_NO_DIVIDED"].get(new_key, {}).items()
    ):
        for old_key in old_keys:
            if old_key in legacy_by_key and new_ward_key in new_by_key:
                links.append((legacy_by_key[old_key], new_by_key[new_ward_key], True))
    for old_key, parts in converter["DICT_PROVINCE_WARD_DIVIDED"].get(new_key, {}).items():
        for part in parts:
            if old_key in legacy_by_key and part["newWardKey"] in new_by_key:
                links.append(
                    (
                        legacy_by_key[old_key],
                        new_by_key[part["newWardKey"]],
                        bool(part["isDefaultNewWard"]),
                    )
                )
    for pcode, legacy_province in legacy_provinces.items():
        if pcode != code:
            links.append((legacy_province, province, True))
    existing = set(
        UnitSuccession.objects.filter(successor__path__startswith=province.path).values_list(
            "predecessor_id", "successor_id"
        )
    )
    new_links = [
        UnitSuccession(
            predecessor=old, successor=new, effective=REFORM_DAY, is_default=default, source=SOURCE
        )
        for old, new, default in links
        if (old.pk, new.pk) not in existing
    ]
    UnitSuccession.objects.bulk_create(new_links)
    if counts["created"] or counts["updated"] or new_links:
        audit_record(
            "units.loaded",
            obj=province,
            data={**counts, "successions": len(new_links), "source": SOURCE},
        )
    return LoadResult(province, counts["created"], counts["updated"], len(new_links))


# --- Which unit takes a new record -------------------------------------------------------------


@dataclass(frozen=True)
class UnitOnDay:
    """The unit that takes a record lodged with ``asked`` on a day: ``asked`` itself while it is in
    force, else its one successor (``moved_since`` is then the day the reorganization took effect)."""

    unit: AdminUnit
    asked: AdminUnit
    moved_since: dt.date | None = None

    @property
    def moved(self) -> bool:
        return self.unit.pk != self.asked.pk


def is_abolished(unit: AdminUnit, on: dt.date) -> bool:
    """Was ``unit`` abolished before ``on``? (``ABOLISHED_UNITS_TAKE_RECORDS``: never, see settings.)"""
    if settings.ABOLISHED_UNITS_TAKE_RECORDS:
        return False
    return unit.valid_to is not None and unit.valid_to < on


def successors_on(unit: AdminUnit, on: dt.date) -> list[tuple[AdminUnit, dt.date]]:
    """The units in force on ``on`` that ``unit`` became (part of), following every step of the
    reorganizations, each with the day its last step took effect. One query per step."""
    found: list[tuple[AdminUnit, dt.date]] = []
    frontier, seen = [unit], {unit.pk}
    while frontier:
        steps = UnitSuccession.objects.filter(predecessor__in=frontier).select_related("successor")
        frontier = []
        for step in steps.order_by("successor__name", "pk"):
            if step.successor_id in seen:
                continue
            seen.add(step.successor_id)
            if step.successor.is_valid_on(on):
                found.append((step.successor, step.effective))
            elif step.successor.valid_to is not None and step.successor.valid_to < on:
                frontier.append(step.successor)
    return found


def _day(unit: AdminUnit) -> str:
    assert unit.valid_to is not None
    return (unit.valid_to + dt.timedelta(days=1)).strftime("%d/%m/%Y")


def unit_on(unit: AdminUnit, on: dt.date) -> UnitOnDay:
    """The unit that takes a new record lodged with ``unit`` on ``on`` (the day of receipt).

    A unit in force takes it. An abolished unit takes no new record (DESIGN.md): the record goes to
    its successor when there is exactly one; when the unit was divided between several, or the
    platform knows none, a ValidationError on ``unit`` names them and nothing is to be saved. A
    unit not yet in force on a past day of receipt (a paper petition of June 2025 entered now
    under today's commune) takes it too: its predecessor's work passed to it.
    """
    if not is_abolished(unit, on):
        return UnitOnDay(unit=unit, asked=unit)
    successors = successors_on(unit, on)
    if len(successors) == 1:
        successor, effective = successors[0]
        return UnitOnDay(unit=successor, asked=unit, moved_since=effective)
    if not successors:
        message = _(
            "%(unit)s no longer exists since %(day)s and no unit on the platform took its place: "
            "choose a commune, ward or special zone of today."
        ) % {"unit": unit.name, "day": _day(unit)}
    else:
        message = _(
            "%(unit)s no longer exists since %(day)s; it was divided between %(successors)s: "
            "choose the one where the matter is."
        ) % {
            "unit": unit.name,
            "day": _day(unit),
            "successors": ", ".join(s.name for s, _effective in successors),
        }
    raise ValidationError({"unit": [message]})


# --- Villages -----------------------------------------------------------------------------------

VILLAGE_KINDS = ["Thôn", "Bản", "Làng", "Xóm", "Ấp", "Khu phố", "Tổ dân phố", "Khu"]


def village_add(*, commune: AdminUnit, name: str, kind: str = "Thôn") -> AdminUnit:
    name = " ".join((name or "").split())
    kind = " ".join((kind or "Thôn").split())
    if commune.level != AdminUnit.Level.COMMUNE:
        raise ValidationError(_("Villages can only be added to a commune, ward or town."))
    if not name:
        raise ValidationError(_("Enter the village's name."))
    if len(name) > 100:
        raise ValidationError(_("The village's name is too long (at most 100 characters)."))
    if kind not in VILLAGE_KINDS:
        raise ValidationError(_("Unknown village type: %(kind)s.") % {"kind": kind})
    if commune.children.filter(name_folded__in=[fold(f"{kind} {name}"), fold(name)]).exists():
        raise ValidationError(
            _("%(name)s already exists in %(commune)s.") % {"name": name, "commune": commune.name}
        )
    number = commune.children.count() + 1
    code = f"{commune.code}.{number:03d}"
    while AdminUnit.objects.filter(
        level=AdminUnit.Level.VILLAGE, code=code, valid_to=None
    ).exists():
        number += 1
        code = f"{commune.code}.{number:03d}"
    village = AdminUnit(
        level=AdminUnit.Level.VILLAGE,
        code=code,
        kind=kind,
        name=f"{kind} {name}",
        short_name=name,
        parent=commune,
        valid_from=commune.valid_from,
        valid_to=commune.valid_to,
    )
    village.save()
    audit_record("units.village_added", obj=village)
    return village


def _table_rows(upload_name: str, content: bytes) -> list[list[str]]:
    if upload_name.lower().endswith(".xlsx"):
        import openpyxl

        try:
            book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:
            raise ValidationError(_("The file is not a readable .xlsx workbook.")) from exc
        sheet = book.worksheets[0]
        return [
            ["" if c is None else str(c).strip() for c in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    if upload_name.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationError(_("The CSV file must be saved as UTF-8.")) from exc
        return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]
    raise ValidationError(_("Upload a .csv or .xlsx file."))


@transaction.atomic
def villages_import(*, commune: AdminUnit, upload_name: str, content: bytes) -> list[AdminUnit]:
    """Import villages from a table with the columns ``name`` and optionally ``type``.

    All rows are checked first: one bad row rejects the whole file and nothing is saved, and the
    message names the row.
    """
    rows = [r for r in _table_rows(upload_name, content) if any(r)]
    if not rows:
        raise ValidationError(_("The file is empty."))
    header = [fold(c) for c in rows[0]]
    name_col = next((i for i, h in enumerate(header) if h in {"name", "ten", "ten thon"}), None)
    if name_col is None:
        raise ValidationError(
            _("The first row must name the columns: name (tên) and optionally type (loại).")
        )
    kind_col = next((i for i, h in enumerate(header) if h in {"type", "loai"}), None)
    created = []
    with transaction.atomic():
        for number, row in enumerate(rows[1:], start=2):
            name = row[name_col] if name_col < len(row) else ""
            kind = (
                row[kind_col]
                if kind_col is not None and kind_col < len(row) and row[kind_col]
                else "Thôn"
            )
            try:
                created.append(village_add(commune=commune, name=name, kind=kind))
            except ValidationError as exc:
                raise ValidationError(
                    _("Row %(row)d: %(error)s") % {"row": number, "error": " ".join(exc.messages)}
                ) from exc
    if not created:
        raise ValidationError(_("The file has no villages below its header row."))
    return created
