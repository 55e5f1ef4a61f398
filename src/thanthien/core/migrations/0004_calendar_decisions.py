"""The official day-off decisions of 2025 and 2026, shipped as data (LEGAL.md, "Calendar decisions").

Rows are only added (get_or_create): a day an administrator already entered is left as it is. The
letter numbers were not checked against the official texts, so every row ships unverified: it
applies, and the calendar page shows it as "to be confirmed" until an administrator confirms it
and writes in the number. The data is copied here, not imported, so that this migration keeps
doing what it did when the code moves on.
"""

import datetime as dt

from django.db import migrations

D = dt.date
OFF, WORKED = "day_off", "working_day"
UNVERIFIED = "số văn bản chờ xác nhận"

NEW_YEAR_2026 = (
    "Tết Dương lịch 2026: nghỉ từ 01/01 đến 04/01/2026, hoán đổi thứ Sáu 02/01 với thứ Bảy 10/01"
)
NEW_YEAR_2026_SOURCE = f"Thông báo nghỉ Tết Dương lịch 2026 đối với công chức, viên chức ({UNVERIFIED})"
TET_2026 = "Tết Nguyên đán Bính Ngọ 2026: nghỉ từ 14/02 đến 22/02/2026"
TET_2026_SOURCE = f"Thông báo nghỉ Tết Nguyên đán 2026 đối với công chức, viên chức ({UNVERIFIED})"
APRIL_2025 = "30/4 và 1/5/2025: nghỉ từ 30/04 đến 04/05/2025, hoán đổi thứ Sáu 02/05 với thứ Bảy 26/04"
APRIL_2025_SOURCE = f"Thông báo nghỉ lễ 30/4 và 1/5/2025 đối với công chức, viên chức ({UNVERIFIED})"
NATIONAL_DAY_2025 = "Quốc khánh 2025: nghỉ từ 30/08 đến 02/09/2025"
NATIONAL_DAY_2025_SOURCE = f"Thông báo nghỉ lễ Quốc khánh 2025 ({UNVERIFIED})"

DAYS = [
    (D(2026, 1, 2), OFF, NEW_YEAR_2026, NEW_YEAR_2026_SOURCE),
    (D(2026, 1, 10), WORKED, NEW_YEAR_2026, NEW_YEAR_2026_SOURCE),
    *[(D(2026, 2, d), OFF, TET_2026, TET_2026_SOURCE) for d in range(14, 23)],
    (D(2025, 4, 26), WORKED, APRIL_2025, APRIL_2025_SOURCE),
    (D(2025, 5, 2), OFF, APRIL_2025, APRIL_2025_SOURCE),
    *[(D(2025, 8, d), OFF, NATIONAL_DAY_2025, NATIONAL_DAY_2025_SOURCE) for d in (30, 31)],
    *[(D(2025, 9, d), OFF, NATIONAL_DAY_2025, NATIONAL_DAY_2025_SOURCE) for d in (1, 2)],
]


def add_days(apps, schema_editor):
    CalendarDay = apps.get_model("core", "CalendarDay")
    for day, kind, note, source in DAYS:
        CalendarDay.objects.get_or_create(
            date=day, defaults={"kind": kind, "note": note, "source": source, "verified": False}
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0003_calendarday_verified")]

    # Going back leaves the rows: by then an administrator may have confirmed or relied on them.
    operations = [migrations.RunPython(add_days, migrations.RunPython.noop)]
