"""The time limits of LEGAL.md, as data with their sources. Those LEGAL.md marks unverified are
marked "to be confirmed"; no logic depends on them being exact."""

import datetime as dt

from django.db import migrations

SINCE = dt.date(2012, 7, 1)  # Luật Khiếu nại 2011 in force
DENUNCIATION_SINCE = dt.date(2019, 1, 1)  # Luật Tố cáo 2018 in force

RULES = [
    ("complaint-filing-first", "Thời hiệu khiếu nại lần đầu", 90, "calendar", "Luật Khiếu nại 2011, Điều 9", False, SINCE),
    ("complaint-filing-second", "Thời hạn khiếu nại lần hai", 30, "calendar", "Luật Khiếu nại 2011, Điều 33 (số điều chưa xác minh)", True, SINCE),
    ("complaint-filing-second-remote", "Thời hạn khiếu nại lần hai (vùng sâu, vùng xa)", 45, "calendar", "Luật Khiếu nại 2011, Điều 33 (số điều chưa xác minh)", True, SINCE),
    ("complaint-acceptance", "Thụ lý hoặc từ chối thụ lý khiếu nại", 10, "working", "Luật Khiếu nại 2011, Điều 27", False, SINCE),
    ("complaint-first", "Giải quyết khiếu nại lần đầu", 30, "calendar", "Luật Khiếu nại 2011, Điều 28", False, SINCE),
    ("complaint-first-complex", "Giải quyết khiếu nại lần đầu — vụ việc phức tạp", 45, "calendar", "Luật Khiếu nại 2011, Điều 28", False, SINCE),
    ("complaint-first-remote", "Giải quyết khiếu nại lần đầu — vùng sâu, vùng xa", 45, "calendar", "Luật Khiếu nại 2011, Điều 28", False, SINCE),
    ("complaint-first-remote-complex", "Giải quyết khiếu nại lần đầu — vùng sâu, vùng xa, phức tạp", 60, "calendar", "Luật Khiếu nại 2011, Điều 28", False, SINCE),
    ("complaint-second", "Giải quyết khiếu nại lần hai", 45, "calendar", "Luật Khiếu nại 2011, Điều 37", False, SINCE),
    ("complaint-second-complex", "Giải quyết khiếu nại lần hai — vụ việc phức tạp", 60, "calendar", "Luật Khiếu nại 2011, Điều 37", False, SINCE),
    ("complaint-second-remote", "Giải quyết khiếu nại lần hai — vùng sâu, vùng xa", 60, "calendar", "Luật Khiếu nại 2011, Điều 37", False, SINCE),
    ("complaint-second-remote-complex", "Giải quyết khiếu nại lần hai — vùng sâu, vùng xa, phức tạp", 70, "calendar", "Luật Khiếu nại 2011, Điều 37", False, SINCE),
    ("complaint-final", "Quyết định có hiệu lực nếu không bị khiếu nại tiếp", 30, "calendar", "Luật Khiếu nại 2011, Điều 44", False, SINCE),
    ("complaint-final-remote", "Quyết định có hiệu lực (vùng sâu, vùng xa)", 45, "calendar", "Luật Khiếu nại 2011, Điều 44", False, SINCE),
    ("denunciation-classification", "Vào sổ, phân loại, kiểm tra điều kiện thụ lý tố cáo", 7, "working", "Luật Tố cáo 2018, Điều 24 (chưa xác minh)", True, DENUNCIATION_SINCE),
    ("denunciation-notice", "Thông báo thụ lý cho người tố cáo và người bị tố cáo", 5, "working", "Luật Tố cáo 2018, Điều 29", False, DENUNCIATION_SINCE),
    ("denunciation-resolution", "Giải quyết tố cáo kể từ ngày thụ lý", 30, "calendar", "Luật Tố cáo 2018, Điều 30", False, DENUNCIATION_SINCE),
    ("denunciation-extension", "Mỗi lần gia hạn giải quyết tố cáo (tối đa hai lần)", 30, "calendar", "Luật Tố cáo 2018, Điều 30", False, DENUNCIATION_SINCE),
]


def forwards(apps, schema_editor):
    LegalRule = apps.get_model("petitions", "LegalRule")
    for code, name, days, count, source, unverified, since in RULES:
        LegalRule.objects.get_or_create(code=code, effective_from=since, defaults={
            "name": name, "days": days, "count": count, "source": source, "to_be_confirmed": unverified})


class Migration(migrations.Migration):
    dependencies = [("petitions", "0004_complaints_denunciations")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
