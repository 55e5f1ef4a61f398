import datetime as dt

from django.db import migrations

DEFAULTS = [
    # LEGAL.md, "Dialogue conferences": announced at least 7 days ahead (Local Government Law
    # 2025); results published within 10 days in one version of the text (to be confirmed).
    ("announcement", 7, "calendar", "Luật Tổ chức chính quyền địa phương 2025 (LEGAL.md)", False),
    ("minutes", 10, "calendar", "Luật Tổ chức chính quyền địa phương 2025 (một bản: 10 ngày)", True),
]


def add_rules(apps, schema_editor):
    MeetingRule = apps.get_model("meetings", "MeetingRule")
    for name, days, count, source, unconfirmed in DEFAULTS:
        MeetingRule.objects.get_or_create(
            name=name,
            effective_from=dt.date(2000, 1, 1),
            defaults={
                "days": days,
                "count": count,
                "source": source,
                "to_be_confirmed": unconfirmed,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]
