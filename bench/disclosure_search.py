"""Search of the disclosure register at 100,000 disclosures and notices, next to hello-world.

    # SQLite (a bench file of its own, never the developer's database)
    PYTHONPATH=src .venv/bin/python bench/disclosure_search.py --label sqlite
    # PostgreSQL
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_disclosure_bench \
        PYTHONPATH=src .venv/bin/python bench/disclosure_search.py --label postgresql

Seeds (once) 50,000 disclosures and 50,000 notices spread over the demo's communes, with
Vietnamese titles and bodies, indexed as ``search.index`` indexes them (folded text, inserted in bulk;
the FTS5 triggers or the GIN index do the rest). Then requests each page through Django's WSGI
handler in this process (no network, one worker: the machine's 2 cores are shared), ``--n`` times
each, and appends p50/p95 and requests per second to bench/disclosure_RESULTS.md. Hello-world is
measured first and last in the same run; its mean is the yardstick.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/disclosure-bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thanthien.settings")
RESULTS = ROOT / "bench" / "disclosure_RESULTS.md"

_SENTENCE = (
    "dự toán ngân sách thu chi quyết toán kế hoạch phát triển kinh tế xã hội đất đai thu hồi bồi "
    "thường hỗ trợ tái định cư đầu tư xây dựng đường giao thông nông thôn trường học trạm y tế nhà "
    "văn hóa đóng góp nhân dân thông báo lịch tiếp công dân cảnh báo mưa lũ bảo hiểm y tế chính "
    "sách người có công hộ nghèo vệ sinh môi trường an ninh trật tự phòng cháy chữa cháy quý năm"
)
WORDS = _SENTENCE.split(" ")


def seed(total: int) -> None:
    from django.db import transaction

    from thanthien.core.models import AdminUnit, Body
    from thanthien.core.search import fold
    from thanthien.demo import units_people
    from thanthien.disclosure.models import Category, Disclosure, Notice, SearchEntry

    if SearchEntry.objects.count() >= total:
        return
    if not Body.objects.filter(kind="peoples_committee", unit__level="commune").exists():
        units_people.load()
    rng = random.Random(149)
    communes = list(
        AdminUnit.objects.filter(level="commune", bodies__kind="peoples_committee").distinct()
    )
    bodies = {
        b.unit_id: b for b in Body.objects.filter(kind="peoples_committee", unit__in=communes)
    }
    categories = list(Category.objects.all())
    half = total // 2
    start = dt.date(2019, 1, 1)

    def entry(kind, pk, path, category, day, title, body) -> SearchEntry:
        # What search.index stores, in bulk: the folded title and body.
        return SearchEntry(
            kind=kind,
            object_id=pk,
            unit_path=path,
            category=category,
            day=day,
            title=title[:250],
            text=fold(f"{title} {body}"),
        )

    def text(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n))

    t0 = time.perf_counter()
    for offset in range(0, half, 5000):
        with transaction.atomic():
            rows = []
            for i in range(offset, min(offset + 5000, half)):
                unit = rng.choice(communes)
                day = start + dt.timedelta(days=rng.randrange(2500))
                rows.append(
                    Disclosure(
                        unit=unit,
                        body=bodies[unit.pk],
                        category=rng.choice(categories),
                        title=f"{text(6)} {day.year} số {i}",
                        summary=text(40),
                        starts_on=day,
                        ends_on=day + dt.timedelta(days=45),
                        period_year=day.year,
                    )
                )
            entries = [
                entry(
                    "disclosure",
                    d.pk,
                    d.unit.path,
                    d.category.code,
                    d.starts_on,
                    d.title,
                    d.summary,
                )
                for d in Disclosure.objects.bulk_create(rows)
            ]
            notices = []
            for i in range(offset, min(offset + 5000, half)):
                unit = rng.choice(communes)
                day = start + dt.timedelta(days=rng.randrange(2500))
                notices.append(
                    Notice(
                        unit=unit,
                        kind="policy",
                        title=f"Thông báo {text(5)} số {i}",
                        text=text(60),
                        published_on=day,
                    )
                )
            entries += [
                entry("notice", n.pk, n.unit.path, n.kind, n.published_on, n.title, n.text)
                for n in Notice.objects.bulk_create(notices)
            ]
            SearchEntry.objects.bulk_create(entries)
        print(
            f"seeded {2 * min(offset + 5000, half)} in {time.perf_counter() - t0:.0f} s", flush=True
        )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(client, url: str, n: int) -> tuple[float, float, float]:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - t)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    p50 = statistics.median(times) * 1000
    p95 = times[int(0.95 * (len(times) - 1))] * 1000
    return p50, p95, len(times) / sum(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", default="sqlite")
    parser.add_argument("--total", type=int, default=100_000)
    parser.add_argument("--n", type=int, default=100)
    args = parser.parse_args()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    seed(args.total)
    from thanthien.core.models import AdminUnit
    from thanthien.disclosure.models import SearchEntry

    van_du = AdminUnit.objects.filter(level="commune", code="15190").first()
    client = Client()
    pages = [
        ("hello-world", "/hello"),
        ("search: du toan ngan sach", "/disclosure/?q=du+toan+ngan+sach"),
        ("search: prefix 'ng' (half the rows match)", "/disclosure/?q=ng"),
        ("search: no match", "/disclosure/?q=xyzzy+khongco"),
        ("search + unit + year", f"/disclosure/?q=ngan+sach&unit={van_du.pk}&year=2022"),
        ("list, no query (newest first)", "/disclosure/"),
        ("notices list", "/notices/"),
        ("search page 50", "/disclosure/?q=ngan+sach&page=50"),
        ("hello-world (again)", "/hello"),
    ]
    rows = []
    for name, url in pages:
        measure(client, url, 5)  # warm up
        rows.append((name, url, *measure(client, url, args.n)))
    hello = statistics.mean([r[4] for r in rows if r[0].startswith("hello")])
    count = SearchEntry.objects.count()
    lines = [
        f"\n## {args.label} ({connection.vendor}), {count:,} entries, "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {args.n} requests each, in-process\n",
        "| page | p50 ms | p95 ms | req/s | req/s ÷ hello |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, _url, p50, p95, rps in rows:
        lines.append(f"| {name} | {p50:.1f} | {p95:.1f} | {rps:.0f} | {rps / hello:.2f} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if not RESULTS.exists():
        RESULTS.write_text(
            "# Disclosure search benchmark\n\nWritten by `bench/disclosure_search.py` (see its "
            "docstring). Requests go through Django's WSGI handler in one process on the shared "
            "2-core machine, so they measure the application and database, not the network.\n"
        )
    with RESULTS.open("a") as out:
        out.write(text)


if __name__ == "__main__":
    main()
