"""Load-test the public pages of disclosure, participation and meetings on the demo data, next to
the hello-world page of the same server in the same run, and write the figures into
bench/RESULTS.md (section "pages-<label>").

    # the demo database (bash scripts/demo.sh made it, or: thanthien demo --no-serve)
    SQLITE_NAME=demo.sqlite3 .venv/bin/python bench/pages.py --label sqlite-demo

Each page is first fetched once (a 4xx/5xx is reported, not measured as speed). The server,
wrk and the result table are bench/run.py's.
"""

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import urllib.request

from run import (
    OUT,
    NoRedirect,
    Result,
    Server,
    fmt_ms,
    git_commit,
    machine,
    run_wrk,
    section,
    status_of,
    write_results,
)


def pages() -> list[tuple[str, str]]:
    """(name, path) of the public pages to measure, found in the configured database."""
    import django

    django.setup()
    from django.urls import reverse

    from thanthien.disclosure.models import Disclosure
    from thanthien.meetings.models import Meeting
    from thanthien.participation.models import Campaign, Consultation

    found = [
        ("disclosure search", reverse("disclosure_list")),
        (
            "disclosure search 'du toan ngan sach'",
            reverse("disclosure_list") + "?q=du+toan+ngan+sach",
        ),
        ("notices", reverse("notice_list")),
        ("conventions", reverse("convention_list")),
        ("participation", reverse("participation_home")),
        ("meetings", reverse("meetings_list")),
    ]
    budget = Disclosure.objects.exclude(table_rows=[]).order_by("id").first()
    if budget:
        found.append(
            ("disclosure with table and chart", reverse("disclosure_detail", args=[budget.pk]))
        )
    consultation = Consultation.objects.order_by("id").first()
    if consultation:
        found.append(
            ("consultation", reverse("participation_consultation", args=[consultation.pk]))
        )
    campaign = Campaign.objects.order_by("id").first()
    if campaign:
        found.append(("campaign", reverse("participation_campaign", args=[campaign.pk])))
    dialogue = Meeting.objects.filter(kind="dialogue").order_by("-starts_at").first()
    if dialogue:
        found.append(("dialogue conference", reverse("meetings_detail", args=[dialogue.pk])))
        found.append(("its questions", reverse("meetings_questions", args=[dialogue.pk])))
        found.append(
            ("commitments of the unit", reverse("meetings_commitments", args=[dialogue.unit_id]))
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--label", default="sqlite-demo")
    parser.add_argument("--duration", type=float, default=8.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--server-threads", type=int, default=4)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: sudo apt-get install -y wrk  (Debian/Ubuntu package)")
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    wrk_version = (wrk_version.stdout + wrk_version.stderr).split()[1]
    OUT.mkdir(parents=True, exist_ok=True)
    plan = pages()
    from django.db import connection

    facts = {"vendor": connection.vendor, "rows": 0}
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    log_name = f"server-pages-{args.label}-{stamp}.log"
    meta = {
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %z"),
        "commit": git_commit(),
        "machine": machine(),
        "workers": args.workers,
        "threads": args.server_threads,
        "wrk": wrk_version,
        "connections": args.connections,
        "wrk_threads": args.wrk_threads,
        "duration": args.duration,
        "warmup": args.warmup,
        "load_before": f"{os.getloadavg()[0]:.2f}",
        "log": log_name,
    }
    server = Server(args, OUT / log_name)
    results: list[Result] = []
    try:
        server.wait_ready()
        base = server.base
        todo = [Result("hello (first)", "/hello", "hello")]
        todo += [Result(name, path, "read") for name, path in plan]
        todo.append(Result("hello (last)", "/hello", "hello"))
        for result in todo:
            code, _text = status_of(
                urllib.request.Request(base + result.path), urllib.request.build_opener(NoRedirect)
            )
            if code >= 400:
                result.notes.append(f"{result.path} answered {code} before the run")
            if args.warmup > 0:
                run_wrk(
                    base, Result(result.name, result.path, result.kind), args, None, {}, args.warmup
                )
                server.wait_idle()
            run_wrk(base, result, args, None, {}, args.duration)
            print(
                f"{result.name:40} {result.rps:8,.1f} req/s  p50 {fmt_ms(result.p50_ms)}"
                f"  p99 {fmt_ms(result.p99_ms)}  errors {result.errors}",
                flush=True,
            )
            results.append(result)
            server.wait_idle()
    finally:
        server.stop()
    meta["load_after"] = f"{os.getloadavg()[0]:.2f}"
    text = section(f"pages-{args.label}", facts, results, meta)
    text = text.replace(f"{facts['vendor']}, 0 petitions", f"{facts['vendor']}, the demo data")
    text = text.replace(f"| {facts['vendor']} | 0 |", f"| {facts['vendor']} | demo |")
    write_results(f"pages-{args.label}", text)
    print(f"written to bench/RESULTS.md (pages-{args.label})")


if __name__ == "__main__":
    sys.exit(main())
