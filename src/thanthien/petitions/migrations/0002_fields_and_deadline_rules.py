"""The default list of fields and the default deadline rules (LEGAL.md). Both are data an
administrator edits; the deadline is marked "to be confirmed" as LEGAL.md asks."""

from django.db import migrations

FIELDS = [
    ("land", "Đất đai", 10),
    ("environment", "Tài nguyên, môi trường", 20),
    ("infrastructure", "Hạ tầng, giao thông, xây dựng", 30),
    ("social-policy", "Chính sách xã hội", 40),
    ("security-order", "An ninh, trật tự", 50),
    ("administrative-procedures", "Thủ tục hành chính", 60),
    ("other", "Khác", 100),
]
SOURCE = "LEGAL.md: 10 ngày làm việc kể từ ngày nhận (chưa xác minh; địa phương có thể đặt ngắn hơn)"


def forwards(apps, schema_editor):
    Field = apps.get_model("petitions", "Field")
    DeadlineRule = apps.get_model("petitions", "DeadlineRule")
    for code, name, order in FIELDS:
        Field.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    for kind in ("feedback", "recommendation"):
        DeadlineRule.objects.get_or_create(
            kind=kind, unit=None,
            defaults={"days": 10, "count": "working", "source": SOURCE, "to_be_confirmed": True},
        )


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
