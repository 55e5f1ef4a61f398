"""Seed a benchmark database with the demo data and N petitions, fast.

    DJANGO_SETTINGS_MODULE=thanthien.settings THANTHIEN_DATA_DIR=/tmp/ttbench \
        .venv/bin/python bench/seed.py --count 1000000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ttbench .venv/bin/python bench/seed.py --count 1000000

``--count`` is the number of petitions the database should hold: a second run only adds what is
missing. Rows go in with bulk SQL (executemany on SQLite, COPY on PostgreSQL) in one transaction per
batch, not through ``services.petition_submit``: a million service calls would take hours. Each
petition gets a Contact row and one or two PetitionEvent rows. Column lists come from the models'
``_meta``, so a column added later with a default is filled with that default.
"""

import argparse
import datetime as dt
import hashlib
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thanthien.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from thanthien.core.models import AdminUnit, Body, User  # noqa: E402
from thanthien.core.search import fold  # noqa: E402
from thanthien.demo import units_people  # noqa: E402
from thanthien.demo.units_people import BODIES, OTHER_COMMUNES, PILOT_CODE  # noqa: E402
from thanthien.petitions.models import (  # noqa: E402
    TRACKING_ALPHABET,
    Contact,
    Field,
    Petition,
    PetitionEvent,
    State,
)

# --- What the petitions look like ------------------------------------------------------------

COMMUNE_WEIGHTS = {PILOT_CODE: 50, OTHER_COMMUNES[0]: 30, OTHER_COMMUNES[1]: 20}
STATE_WEIGHTS = [
    (State.CLOSED, 66.0),
    (State.ANSWERED, 22.0),
    (State.DECLINED, 2.5),
    (State.FORWARDED, 2.5),
    (State.MERGED, 2.0),
    (State.RECEIVED, 1.5),
    (State.ACCEPTED, 1.0),
    (State.IN_PROGRESS, 2.0),
    (State.REOPENED, 0.5),
]
OPEN = {State.RECEIVED, State.ACCEPTED, State.IN_PROGRESS, State.REOPENED}
ACTION_FOR = {
    State.ACCEPTED: "accept",
    State.IN_PROGRESS: "start",
    State.ANSWERED: "answer",
    State.CLOSED: "close",
    State.FORWARDED: "forward",
    State.MERGED: "merge",
    State.DECLINED: "decline",
    State.REOPENED: "reopen",
}
CHANNELS = ["online"] * 12 + ["paper"] * 4 + ["reception"] * 2 + ["phone", "fatherland_front"]
TITLES = {
    "land": [
        "Tranh chấp ranh giới đất",
        "Chậm cấp giấy chứng nhận quyền sử dụng đất",
        "Lấn chiếm đất công",
        "Đo đạc lại thửa đất",
    ],
    "environment": [
        "Rác thải đổ trộm ven đường",
        "Mùi hôi từ trại chăn nuôi",
        "Nước thải chảy ra mương",
        "Khói đốt rơm rạ",
    ],
    "infrastructure": [
        "Đèn đường hỏng",
        "Đường bê tông xuống cấp",
        "Cống thoát nước bị tắc",
        "Cầu tràn sạt lở",
    ],
    "social-policy": [
        "Chưa nhận trợ cấp người cao tuổi",
        "Xét hộ nghèo chưa đúng",
        "Hỗ trợ học phí cho con",
        "Bảo hiểm y tế hết hạn",
    ],
    "security-order": [
        "Tụ tập gây ồn ào ban đêm",
        "Xe tải chạy quá tốc độ qua khu dân cư",
        "Trộm cắp vặt",
        "Karaoke quá giờ",
    ],
    "administrative-procedures": [
        "Thủ tục đăng ký khai sinh chậm",
        "Xin xác nhận cư trú",
        "Chứng thực bản sao mất nhiều thời gian",
        "Hồ sơ bị trả lại",
    ],
    "other": [
        "Góp ý về giờ tiếp dân",
        "Đề nghị lắp thêm loa truyền thanh",
        "Cảm ơn cán bộ",
        "Đề nghị tổ chức họp dân",
    ],
}
BODIES_TEXT = [
    "Kính gửi UBND, gia đình tôi đề nghị các cơ quan chức năng xem xét và giải quyết sớm vì việc "
    "này ảnh hưởng đến sinh hoạt của nhiều hộ dân trong khu vực.",
    "Tình trạng này đã kéo dài nhiều tháng, bà con đã phản ánh với trưởng thôn nhưng chưa được xử "
    "lý. Mong chính quyền kiểm tra thực tế và trả lời cho người dân.",
    "Tôi xin phản ánh sự việc như sau và đề nghị được hướng dẫn thủ tục cần thiết. Xin trân trọng "
    "cảm ơn.",
    "Người dân đề nghị xã cử cán bộ xuống xác minh, có biện pháp khắc phục và thông báo kết quả "
    "công khai tại nhà văn hóa.",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Ngọc"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hoa", "Lan", "Long", "Mai", "Nam"]

CODE_SPACE = len(TRACKING_ALPHABET) ** 8
CODE_STEP = 387_420_489_001  # coprime to 30: i -> i*STEP + OFFSET is a bijection of the code space
CODE_OFFSET = 123_456_789


def tracking_code(i: int) -> str:
    """The i-th code: unique for every i < 30**8, and not sequential to the eye."""
    n = (i * CODE_STEP + CODE_OFFSET) % CODE_SPACE
    chars = []
    for _ in range(8):
        n, r = divmod(n, 30)
        chars.append(TRACKING_ALPHABET[r])
    return f"{''.join(chars[:4])}-{''.join(chars[4:])}"


# --- Rows ----------------------------------------------------------------------------------------


class Table:
    """A model's concrete columns, with the model's default where a row gives no value."""

    def __init__(self, model, skip_id: bool = False):
        fields = [f for f in model._meta.concrete_fields if not (skip_id and f.primary_key)]
        self.name = model._meta.db_table
        self.columns = [f.column for f in fields]
        self.attnames = [f.attname for f in fields]
        self.defaults = {f.attname: None if f.primary_key else f.get_default() for f in fields}

    def builder(self, given: list[str]):
        """A function taking the ``given`` attributes positionally and returning a full row."""
        unknown = set(given) - set(self.attnames)
        assert not unknown, f"{self.name} has no {unknown}"
        namespace = {f"d_{a}": v for a, v in self.defaults.items()}
        items = ", ".join(a if a in given else f"d_{a}" for a in self.attnames)
        code = f"lambda {', '.join(given)}: ({items},)"
        return eval(code, namespace)  # noqa: S307 - built from the model's own attribute names


class World:
    """The demo's units, bodies, villages, fields and officials the petitions refer to."""

    def __init__(self):
        self.communes = []
        for code, weight in COMMUNE_WEIGHTS.items():
            committee = (
                Body.objects.filter(
                    unit__code=code,
                    unit__level=AdminUnit.Level.COMMUNE,
                    kind=Body.Kind.PEOPLES_COMMITTEE,
                    name__in=[name for _, name, _ in BODIES[code]],
                )
                .select_related("unit")
                .get()
            )
            unit = committee.unit
            villages = list(unit.children.values_list("pk", flat=True))
            users = {u.username: u.pk for u in User.objects.all()}
            handlers = {
                PILOT_CODE: [users.get("vandu.diachinh"), users.get("vandu.chutich")],
                OTHER_COMMUNES[1]: [users.get("thachbinh.canbo")],
            }.get(code, [None])
            self.communes.append((unit.pk, unit.path, committee.pk, villages, handlers, weight))
        self.fields = [
            (f.pk, f.code if f.code in TITLES else "other")
            for f in Field.objects.filter(is_active=True)
        ]


PETITION_GIVEN = [
    "id", "kind", "tracking_code", "state", "version", "field_id", "unit_id", "village_id",
    "title", "content", "search_text", "channel", "received_at", "is_anonymous",
    "consent_publish", "share_location", "body_id", "scope_path", "assignee_id", "deadline",
    "answered_at", "closed_at", "forwarded_to", "reopen_count", "rating", "rated_at",
    "submission_key", "content_digest", "created_at",
]  # fmt: skip
CONTACT_GIVEN = ["petition_id", "name", "phone"]
EVENT_GIVEN = ["petition_id", "at", "action", "old_state", "new_state", "actor_id", "body_id",
               "public"]  # fmt: skip
LOCAL_OFFSET = dt.timedelta(hours=7)  # Asia/Ho_Chi_Minh, no daylight saving


def generate(
    world: World,
    start_id: int,
    index0: int,
    n: int,
    now: dt.datetime,
    vendor: str,
    rng: random.Random,
    tables: dict,
):
    """Rows of petitions, contacts and events for petitions index0 … index0+n-1.

    ``now`` is a naive UTC datetime: Django stores UTC; PostgreSQL gets an explicit +00.
    """
    petition_row = tables["petition"].builder(PETITION_GIVEN)
    contact_row = tables["contact"].builder(CONTACT_GIVEN)
    event_row = tables["event"].builder(EVENT_GIVEN)
    tz = "+00" if vendor == "postgresql" else ""
    states = [str(s.value) for s, _ in STATE_WEIGHTS]
    open_states = {str(s.value) for s in OPEN}
    with_answer = {State.ANSWERED.value, State.CLOSED.value, State.REOPENED.value}
    actions = {str(k.value): v for k, v in ACTION_FOR.items()}
    received_state = State.RECEIVED.value

    commune_pick = rng.choices(world.communes, weights=[c[-1] for c in world.communes], k=n)
    state_pick = rng.choices(states, weights=[w for _, w in STATE_WEIGHTS], k=n)
    field_pick = rng.choices(world.fields, k=n)
    span = 3 * 365 * 86400
    one_day = dt.timedelta(days=1)
    fortnight = dt.timedelta(days=14)
    random_ = rng.random
    uniform = rng.uniform
    choice = rng.choice
    petitions, contacts, events = [], [], []
    for k in range(n):
        i = index0 + k
        pid = start_id + k
        unit_id, path, body_id, villages, handlers, _w = commune_pick[k]
        state = state_pick[k]
        field_id, field_code = field_pick[k]
        if state in open_states:
            # Open ones are recent; about one in five is past its deadline.
            age = uniform(0, 13 * 86400) if random_() < 0.8 else uniform(16, 90) * 86400
        else:
            age = uniform(2 * 86400, span)
        received = now - dt.timedelta(seconds=age)
        deadline = (received + LOCAL_OFFSET).date() + fortnight
        answered = closed = None
        if state in with_answer:
            answered = min(received + dt.timedelta(days=uniform(0.5, 20)), now)
            if state == "closed":
                closed = min(answered + fortnight, now)
        title_pool = TITLES[field_code]
        t_idx = rng.randrange(len(title_pool))
        c_idx = rng.randrange(len(BODIES_TEXT))
        village = choice(villages) if villages and random_() < 0.6 else None
        folded_content = f"{FOLDED_BODIES[c_idx]} ho so so {i}."
        if random_() < 0.05:
            anonymous, name, phone, who = True, "", "", "anonymous"
        else:
            anonymous = False
            name = f"{choice(FAMILY)} {choice(MIDDLE)} {choice(GIVEN)}"
            phone = who = f"09{i % 100_000_000:08d}"
        digest = hashlib.sha256(f"{unit_id}|{field_id}|{who}|{folded_content}".encode()).hexdigest()
        assignee = None if state == received_state else choice(handlers)
        rated = state == "closed" and random_() < 0.4
        received_s = received.isoformat(" ") + tz
        closed_s = closed.isoformat(" ") + tz if closed else None
        petitions.append(
            petition_row(
                pid,
                "recommendation" if random_() < 0.3 else "feedback",
                tracking_code(i),
                state,
                0 if state == received_state else 1,
                field_id,
                unit_id,
                village,
                title_pool[t_idx],
                f"{BODIES_TEXT[c_idx]} Hồ sơ số {i}.",
                f"{FOLDED_TITLES[field_code][t_idx]} {folded_content}",
                choice(CHANNELS),
                received_s,
                anonymous,
                random_() < 0.7,
                False,
                body_id,
                path,
                assignee,
                deadline.isoformat(),
                answered.isoformat(" ") + tz if answered else None,
                closed_s,
                "UBND huyện Thạch Thành" if state == "forwarded" else "",
                1 if state == "reopened" else 0,
                rng.randint(1, 5) if rated else None,
                closed_s if rated else None,
                None,
                digest,
                received_s,
            )
        )
        contacts.append(contact_row(pid, name, phone))
        events.append(event_row(pid, received_s, "submit", "", received_state, None, body_id, True))
        if state != received_state:
            at = answered or min(received + one_day, now)
            events.append(
                event_row(
                    pid,
                    at.isoformat(" ") + tz,
                    actions[state],
                    received_state,
                    state,
                    assignee,
                    body_id,
                    True,
                )  # fmt: skip
            )
    return petitions, contacts, events


FOLDED_TITLES = {code: [fold(t) for t in titles] for code, titles in TITLES.items()}
FOLDED_BODIES = [fold(t) for t in BODIES_TEXT]


def check_folding(world: World) -> None:
    """The precomputed folded text equals fold() of the whole, as Petition.save() would store."""
    tables = {
        "petition": Table(Petition),
        "contact": Table(Contact, skip_id=True),
        "event": Table(PetitionEvent, skip_id=True),
    }
    now = utc_now()
    rows, _c, _e = generate(world, 1, 0, 50, now, "sqlite", random.Random(1), tables)
    cols = tables["petition"].attnames
    for row in rows:
        values = dict(zip(cols, row, strict=True))
        expected = fold(f"{values['title']} {values['content']}")
        assert values["search_text"] == expected, (values["search_text"], expected)


def utc_now() -> dt.datetime:
    return timezone.now().astimezone(dt.UTC).replace(tzinfo=None)


# --- Writing -----------------------------------------------------------------------------------


def insert_sqlite(raw, table: Table, rows: list[tuple]) -> None:
    marks = ", ".join("?" for _ in table.columns)
    cols = ", ".join(f'"{c}"' for c in table.columns)
    raw.executemany(f'INSERT INTO "{table.name}" ({cols}) VALUES ({marks})', rows)


def insert_postgresql(raw, table: Table, rows: list[tuple]) -> None:
    cols = ", ".join(f'"{c}"' for c in table.columns)
    with raw.copy(f'COPY "{table.name}" ({cols}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def drop_indexes(vendor: str, table_names: list[str]) -> list[tuple[str, str]]:
    """Drop the plain (non-constraint) indexes of the tables; return how to create them again.

    Filling a table and then building its indexes is several times faster than keeping fifteen
    indexes up to date row by row. Unique constraints stay: they are what keeps codes unique.
    """
    with connection.cursor() as c:
        if vendor == "sqlite":
            marks = ", ".join("%s" for _ in table_names)
            c.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                f"AND sql NOT LIKE 'CREATE UNIQUE%%' AND tbl_name IN ({marks})",
                table_names,
            )
        else:
            c.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i "
                "WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s) "
                "AND i.indexdef NOT LIKE 'CREATE UNIQUE%%' "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)",
                [table_names],
            )
        found = c.fetchall()
        for name, _sql in found:
            c.execute(f'DROP INDEX "{name}"')
    print(f"dropped {len(found)} indexes for the load", flush=True)
    return found


def load(world: World, tables: dict, vendor: str, next_id: int, existing: int, todo: int, args):
    insert = insert_sqlite if vendor == "sqlite" else insert_postgresql
    rng = random.Random(args.seed + existing)
    now = utc_now()
    start = time.monotonic()
    done = 0
    last_report = start
    while done < todo:
        n = min(args.batch, todo - done)
        petitions, contacts, events = generate(
            world, next_id, existing + done, n, now, vendor, rng, tables
        )
        with transaction.atomic():
            raw = connection.connection.cursor()
            insert(raw, tables["petition"], petitions)
            insert(raw, tables["contact"], contacts)
            insert(raw, tables["event"], events)
            raw.close()
        next_id += n
        done += n
        now_t = time.monotonic()
        if now_t - last_report > 5 or done == todo:
            last_report = now_t
            rate = done / (now_t - start)
            print(f"  {done:>10,} / {todo:,} petitions  {rate:,.0f} petitions/s", flush=True)
    elapsed = time.monotonic() - start
    if todo:
        print(
            f"inserted {todo:,} petitions (+ contacts, events) in {elapsed:.1f}s: "
            f"{todo / elapsed:,.0f} petitions/s",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1_000_000, help="petitions the db should hold")
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20250101)
    args = parser.parse_args()

    vendor = connection.vendor
    print(f"database: {vendor} {connection.settings_dict['NAME']}", flush=True)
    t0 = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    units_people.load()
    print(f"migrate + demo: {time.monotonic() - t0:.1f}s", flush=True)

    world = World()
    check_folding(world)
    existing = Petition.objects.count()
    todo = max(0, args.count - existing)
    print(f"petitions present: {existing:,}; to add: {todo:,}", flush=True)

    tables = {
        "petition": Table(Petition),
        "contact": Table(Contact, skip_id=True),
        "event": Table(PetitionEvent, skip_id=True),
    }
    connection.ensure_connection()
    with connection.cursor() as c:
        if vendor == "sqlite":
            c.execute("PRAGMA synchronous=OFF")
            c.execute("PRAGMA cache_size=-2000000")
            c.execute("PRAGMA temp_store=MEMORY")
        elif vendor == "postgresql":
            c.execute("SET synchronous_commit TO off")
        c.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{tables["petition"].name}"')
        next_id = c.fetchone()[0] + 1

    dropped = drop_indexes(vendor, [t.name for t in tables.values()]) if todo >= 100_000 else []
    try:
        load(world, tables, vendor, next_id, existing, todo, args)
    finally:
        t1 = time.monotonic()
        with connection.cursor() as c:
            if vendor == "postgresql":
                c.execute("SET maintenance_work_mem TO '1GB'")
            for _name, sql in dropped:
                c.execute(sql)
        if dropped:
            print(f"recreated {len(dropped)} indexes in {time.monotonic() - t1:.1f}s", flush=True)

    t1 = time.monotonic()
    with connection.cursor() as c:
        if vendor == "postgresql":
            for table in tables.values():
                c.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                    f'(SELECT COALESCE(MAX(id), 1) FROM "{table.name}"))',
                    [table.name],
                )
            # VACUUM too: the visibility map lets counts be index-only, as on a settled database.
            c.execute("VACUUM ANALYZE")
        else:
            c.execute("ANALYZE")
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"ANALYZE: {time.monotonic() - t1:.1f}s; total {time.monotonic() - t0:.1f}s", flush=True)
    print(f"petitions now: {Petition.objects.count():,}", flush=True)


if __name__ == "__main__":
    main()
