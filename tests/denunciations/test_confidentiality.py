"""The denouncer's identity never leaves the handler (Luật Tố cáo 2018, Art. 47, 56; Decree 31/2019;
LEGAL.md, "Denunciations" → Confidentiality).

``test_the_denouncer_identity_leaves_no_trace`` plants a unique identity — name, address, ID number,
phone, email, a marker in a text chunk of the scanned PNG (standing for the handwriting), the scan's
file name, and the address and user agent of the denouncer's browser — in two denunciations filed
through the public page: one by a browser that is not signed in, one by a signed-in citizen whose
account carries the same name and phone. It takes the first through every stage (accept, verify,
two extensions, conclusion, signed scan, close) and every document, forwards the second to another
commune, escalates it and runs the deadline reminders; the chairman authorizes the clerk. Then it:

- sweeps every URL pattern of the project (walking the resolver: pages, the JSON API, Open311, the
  admin), path parameters filled with the cases' ids, tracking codes, files, document names, units,
  users and admin objects, as anonymous, the citizen, every official persona but the handler, a
  superuser and three API keys; pages with a search box (and the API lists) are searched for each
  part of the identity; .docx, .xlsx and .pdf answers are decoded;
- reads the side channels: messages sent (bodies, ``shown_to``), mail, every log record and the
  console output, the audit trail, the case's rows, the task arguments and results, every row of
  every table, the sessions, the files on disk, the encrypted identity;
- keeps positive controls, so that silence means something: the handler and the authorized clerk see
  the identity (each reading audited), the scanner finds it in their pages, the decoders find a
  marker of the conclusion in its .docx and PDF, and the sweep gets more than 150 answers of 200.

``test_server_errors_carry_no_identity`` forces server errors where the identity is at hand (filing,
showing it, the API) and reads the error pages, the error log and the error mail to ``ADMINS``.

Every planted value carries a random hex or digit token; a value counts as found when its token
appears, case-insensitively and also with spaces, dots and dashes removed, so that it is caught in
any spelling (folded, upper case, +84, wrapped). Searches send each value minus its last character,
so that a page that echoes the query does not count as a leak; whether a search *finds* the case is
checked against a control search.
"""

import base64
import datetime as dt
import io
import json
import logging
import re
import uuid
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from urllib.parse import urlencode

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth.signals import user_logged_in
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from django.utils import timezone
from django_tasks.signals import task_enqueued, task_finished
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from tests.conftest import client_for
from thanthien.api import v1
from thanthien.api.keys import apikey_create
from thanthien.core import signals as core_signals
from thanthien.core.models import AuditEvent, Body, User
from thanthien.core.notify import ConsoleSender
from thanthien.core.search import fold
from thanthien.denunciations import services as denunciation_services
from thanthien.denunciations import views as denunciation_views
from thanthien.petitions import documents
from thanthien.petitions.confidential import Identity, decrypt_bytes, identity_grant
from thanthien.petitions.models import (
    Attachment,
    ConfidentialIdentity,
    Contact,
    DenunciationCase,
    Extension,
    Field,
    IdentityGrant,
    Petition,
    PetitionEvent,
    State,
)
from thanthien.petitions.services import _digest
from thanthien.petitions.tasks import send_deadline_reminders

OFFICIALS = [
    "clerk",
    "chairman",
    "mttq_officer",
    "district_supervisor",
    "district_admin",
    "other_official",
]
MIN_OK_RESPONSES = 150
EXPENSIVE = re.compile(r"(openapi\.json|\.pdf)$")
TIMES = []


# --- The planted identity and the scanner ---------------------------------------------------------


def _hex() -> str:
    return uuid.uuid4().hex


def _digits(n: int) -> str:
    return str(uuid.uuid4().int)[-n:].rjust(n, "7")


def _ipv6() -> str:
    n = uuid.uuid4().int
    return "2001:db8:" + ":".join(f"{0x1000 + (n >> (16 * i)) % 0xF000:x}" for i in range(6))


def _close(response) -> None:
    """Close a response's files without letting ``request_finished`` close the database connection:
    inside the test's transaction that would end it on PostgreSQL (Django's test client does the
    same around its own requests)."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


@dataclass
class Planted:
    name: str
    address: str
    id_number: str
    phone: str  # normalized, as stored: 0xxxxxxxxx
    phone_typed: str  # as the denouncer typed it
    email: str
    marker: str  # in the scan's PNG text chunks
    scan_name: str  # the scan's file name, as the denouncer's computer named it
    ip: str  # the denouncer's browser's address and user agent, when filing and following the case
    user_agent: str
    tokens: dict[str, str] = field(default_factory=dict)

    @classmethod
    def new(cls) -> "Planted":
        name_t, addr_t, mail_t, mark_t, file_t, agent_t = (_hex() for _i in range(6))
        phone = "038" + _digits(7)
        id_number = "0" + _digits(11)
        planted = cls(
            name=f"Zyxw Bí Mật {name_t}",
            address=f"Số 9 ngõ Kín {addr_t}, khu phố 5",
            id_number=id_number,
            phone=phone,
            phone_typed=f"{phone[:4]} {phone[4:7]} {phone[7:]}",
            email=f"zyxw.{mail_t}@example.vn",
            marker=f"HANDWRITING-{mark_t}",
            scan_name=f"don-viet-tay-{file_t}.png",
            ip=_ipv6(),
            user_agent=f"ZyxwBrowser/{agent_t} (Android 14)",
        )
        # The national significant number (without 0 or +84) is in every spelling of the phone.
        planted.tokens = {
            "name": name_t,
            "address": addr_t,
            "id number": id_number,
            "phone": phone[1:],
            "email": mail_t,
            "scan handwriting": mark_t,
            "scan file name": file_t,
            "browser's IP address": planted.ip,
            "browser's user agent": agent_t,
        }
        assert fold(planted.name).endswith(name_t)  # the folded name carries the token too
        return planted

    def searches(self) -> dict[str, str]:
        """Search terms for each part of the identity, one character short (see the docstring)."""
        return {
            "name": self.name[:-1],
            "name, folded": fold(self.name)[:-1],
            "phone": self.phone[:-1],
            "id number": self.id_number[:-1],
            "email": self.email.split("@")[0][:-1],
            "address": self.address.split(",")[0][:-1],
        }

    def browser(self) -> Client:
        """The denouncer's browser."""
        return Client(REMOTE_ADDR=self.ip, HTTP_USER_AGENT=self.user_agent)

    def scan(self) -> bytes:
        info = PngInfo()
        info.add_text("Comment", self.marker)
        info.add_text("Author", self.marker)
        out = io.BytesIO()
        Image.new("L", (48, 24), 255).save(out, format="PNG", pnginfo=info)
        data = out.getvalue()
        assert self.marker.encode() in data
        return data


_COMPACT = re.compile(rb"[\s.\-()]+")


class Scanner:
    """Finds the planted tokens in bytes: raw, compacted, and inside .docx/.xlsx and PDF files."""

    def __init__(self, tokens: dict[str, str]):
        self.tokens = {label: token.lower().encode() for label, token in tokens.items()}

    def raw(self, data: bytes | str) -> set[str]:
        if isinstance(data, str):
            data = data.encode("utf-8", "replace")
        low = data.lower()
        compact = _COMPACT.sub(b"", low)
        return {label for label, t in self.tokens.items() if t in low or t in compact}

    def __call__(self, data: bytes | str) -> set[str]:
        found = self.raw(data)
        if isinstance(data, bytes):
            for text in decoded_texts(data):
                found |= self.raw(text)
        return found


def decoded_texts(data: bytes) -> list[str]:
    """The text inside office files and PDFs (compressed, so invisible to a raw search)."""
    texts: list[str] = []
    if data[:2] == b"PK":
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            return texts
        names = archive.namelist()
        for name in names:
            xml = archive.read(name).decode("utf-8", "replace")
            texts += [xml, re.sub(r"<[^>]+>", "", xml)]  # runs split a word: join them
        if "word/document.xml" in names:
            import docx

            document = docx.Document(io.BytesIO(data))
            texts += [p.text for p in document.paragraphs]
            texts += [c.text for t in document.tables for row in t.rows for c in row.cells]
            for section in document.sections:
                texts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
        if "xl/workbook.xml" in names:
            import openpyxl

            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
            for sheet in book.worksheets:
                texts += [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v]
    elif data[:5] == b"%PDF-":
        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(data))
        texts += [page.extract_text() or "" for page in reader.pages]
        texts.append(str(reader.metadata or ""))
    return texts


# --- The cases -----------------------------------------------------------------------------------


@dataclass
class Case:
    """What the sweep fills URL parameters with."""

    d1: Petition
    d2: Petition
    secret_file: Attachment
    files: list[int]
    documents: list[str]
    units: list[int]
    users: list[int]
    title_tokens: list[str]
    conclusion_token: str


def _form(planted: Planted, units, *, title: str, content: str) -> dict:
    return {
        "field": Field.objects.get(code="land").pk,
        "unit": units["van_du"].pk,
        "title": title,
        "content": content,
        "denounced": "Một cán bộ địa chính thị trấn",
        "name": planted.name,
        "address": planted.address,
        "id_number": planted.id_number,
        "phone": planted.phone_typed,
        "email": planted.email,
        "submission_key": _hex(),
        "files": [SimpleUploadedFile(planted.scan_name, planted.scan(), "image/png")],
    }


def _file(client: Client, data: dict) -> Petition:
    response = client.post("/petitions/denunciation/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    code = response["Location"].split("/petitions/track/")[1].split("/")[0]
    return Petition.objects.get(tracking_code=code)


def _act(client: Client, petition: Petition, action: str, data: dict | None = None) -> None:
    version = Petition.objects.get(pk=petition.pk).version
    response = client.post(
        f"/staff/petitions/{petition.pk}/{action}/", {"version": version, **(data or {})}
    )
    assert response.status_code == 302, (action, response.content.decode()[:3000])


def _run_cases(planted: Planted, people: dict, units, commit, denouncer: Client) -> Case:
    """File the two denunciations through the page and take them through their stages: the first
    from a browser not signed in, the second from ``denouncer``, a signed-in citizen's."""
    handler, chairman, clerk = people["handler"], people["chairman"], people["clerk"]
    staff, leader, office = client_for(handler), client_for(chairman), client_for(clerk)
    t1, t2, conclusion_token = _hex(), _hex(), _hex()
    with commit():
        d1 = _file(
            planted.browser(),
            _form(
                planted,
                units,
                title=f"Tố cáo thu tiền làm sổ đỏ {t1}",
                content="Cán bộ địa chính thu tiền làm sổ đỏ ngoài quy định, có biên lai viết tay.",
            ),
        )
    with commit():
        d2 = _file(
            denouncer,
            _form(
                planted,
                units,
                title=f"Tố cáo cán bộ thôn nhận tiền {t2}",
                content="Cán bộ thôn nhận tiền để xác nhận hồ sơ đất, việc xảy ra ở xã Thạch Bình.",
            ),
        )
    assert d1.kind == d2.kind == "denunciation" and d1.pk != d2.pk
    with commit():
        _act(staff, d1, "accept")
        _act(staff, d1, "verify")
        _act(leader, d1, "extend", {"days": 30, "reason": "Vụ việc phức tạp, cần xác minh thêm."})
        _act(leader, d1, "extend", {"days": 20, "reason": "Đặc biệt phức tạp, chờ giám định."})
    # The grant page offers handlers and leaders only; the service lets a leader authorize the clerk.
    identity_grant(petition=d1, leader=chairman, user=clerk)
    with commit():
        _act(
            leader,
            d1,
            "conclude",
            {
                "conclusion": f"Nội dung tố cáo đúng một phần, đã xử lý kỷ luật. KL-{conclusion_token}",
                "measures": "Khiển trách cán bộ vi phạm.",
                "conclusion_number": 12,
            },
        )
        signed = io.BytesIO()
        Image.new("RGB", (40, 40), "white").save(signed, format="PNG")
        response = office.post(
            f"/staff/petitions/{d1.pk}/signed-scan/",
            {"file": SimpleUploadedFile("ket-luan-ky.png", signed.getvalue(), "image/png")},
        )
        assert response.status_code == 302
        _act(staff, d1, "close")
    thach_binh = Body.objects.get(unit=units["thach_binh"], kind=Body.Kind.PEOPLES_COMMITTEE)
    with commit():
        _act(
            office,
            d2,
            "forward",
            {
                "body": thach_binh.pk,
                "reason": "Việc xảy ra ở xã Thạch Bình, chuyển đúng thẩm quyền.",
            },
        )
    # The denouncer follows the case by its code, and asks the superior body once it is overdue.
    Petition.objects.filter(pk=d2.pk).update(deadline=timezone.localdate() - dt.timedelta(days=3))
    with commit():
        response = planted.browser().post(
            f"/petitions/track/{d2.tracking_code}/case/escalate/",
            {"reason": "Đã quá hạn mà chưa được xem xét."},
        )
        assert response.status_code == 302
        send_deadline_reminders.enqueue()
    d1, d2 = Petition.objects.get(pk=d1.pk), Petition.objects.get(pk=d2.pk)
    assert d1.state == State.CLOSED and d1.assignee_id == handler.pk
    assert d2.state == State.RECEIVED and d2.body_id == thach_binh.pk
    secret_file = Attachment.objects.get(petition=d1, confidential=True)
    files = list(
        Attachment.objects.filter(petition__in=[d1, d2]).order_by("pk").values_list("pk", flat=True)
    )
    return Case(
        d1=d1,
        d2=d2,
        secret_file=secret_file,
        files=files,
        documents=[name for name, _label in documents.available(d1)],
        units=[units["van_du"].pk, units["thach_binh"].pk],
        users=[handler.pk, people["citizen"].pk],
        title_tokens=[t1, t2],
        conclusion_token=conclusion_token,
    )


# --- Every URL of the project ----------------------------------------------------------------------

_GROUP = re.compile(r"\(\?P<(\w+)>([^()]*)\)")
_CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")
_PARAM = re.compile(r"\{(\w+)\}")
_ALTERNATION = re.compile(r"^[\w.]+(\|[\w.]+)+$")


def _piece(pattern) -> tuple[str, dict[str, list[str]]]:
    """A pattern as a template with {param} holes, and the values a regex group allows, if few."""
    if isinstance(pattern, RoutePattern):
        return _CONVERTER.sub(r"{\1}", str(pattern)), {}
    regex = pattern.regex.pattern.removeprefix("^").removesuffix("$").removesuffix(r"\Z")
    choices = {m[1]: m[2].split("|") for m in _GROUP.finditer(regex) if _ALTERNATION.match(m[2])}
    template = _GROUP.sub(r"{\1}", regex).replace("\\.", ".").replace("\\", "")
    return template, choices


def url_templates(patterns=None, prefix: str = "", choices=None):
    """(template, choices) for every URL pattern, included ones (ninja, admin) too."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        piece, more = _piece(pattern.pattern)
        merged = {**(choices or {}), **more}
        if isinstance(pattern, URLResolver):
            yield from url_templates(pattern.url_patterns, prefix + piece, merged)
        else:
            yield prefix + piece, merged


class Urls:
    def __init__(self, case: Case):
        self.case = case
        self.petitions = [str(case.d1.pk), str(case.d2.pk)]
        self.codes = [case.d1.tracking_code, case.d2.tracking_code]

    def _admin_ids(self, template: str) -> list[str]:
        match = re.match(r"admin/(\w+)/(\w+)/", template)
        model = apps.get_model(match[1], match[2])
        if model is Petition:
            return self.petitions
        if model is AuditEvent:
            events = AuditEvent.objects.filter(object_id__in=self.petitions).order_by("-pk")
            viewed = events.filter(action="denunciation.identity_viewed")[:1]
            return [str(pk) for pk in {*events.values_list("pk", flat=True)[:3], *viewed}]
        if model is User:
            return [str(pk) for pk in self.case.users]
        return [str(pk) for pk in model._default_manager.values_list("pk", flat=True)[:1]] or ["1"]

    def candidates(self, param: str, template: str, choices: dict) -> list[str]:
        case = self.case
        if param in choices:
            return choices[param]
        if param == "fmt":
            return ["docx", "pdf"]
        if param == "name":
            return case.documents
        if param in ("code", "tracking_code", "token"):
            return self.codes
        if param == "request_id":
            return self.petitions + self.codes
        if param == "file_pk" or (param == "pk" and "files/{pk}" in template):
            return [str(pk) for pk in case.files]
        if param == "pk" and "units/" in template:
            return [str(pk) for pk in case.units]
        if param == "service_code":
            return ["land"]
        if param == "action":
            return ["close"]
        if param == "object_id" and template.startswith("admin/r/"):
            return self.petitions
        if param == "object_id":
            return self._admin_ids(template)
        if param == "id":
            return [str(pk) for pk in case.users]
        if param == "content_type_id":
            return [str(ContentType.objects.get_for_model(Petition).pk)]
        if param == "url":
            return ["petitions/confidentialidentity/"]
        return self.petitions  # pk, petition_id, and any parameter added later

    def all(self) -> tuple[int, list[str]]:
        templates = list(url_templates())
        urls: list[str] = []
        for template, choices in templates:
            if template.startswith(("static/", "media/")):
                continue
            params = _PARAM.findall(template)
            values = [self.candidates(p, template, choices) for p in params]
            for combo in product(*values):
                url = "/" + template.format(**dict(zip(params, combo, strict=True)))
                if url not in urls:
                    urls.append(url)
        return len(templates), urls


# --- The sweep -------------------------------------------------------------------------------------


MENU_FIND = re.compile(rb"<form [^>]*data-menu-find.*?</form>", re.S)


@dataclass
class Sweep:
    scanner: Scanner
    case: Case
    searches: dict[str, str]
    exempt: dict[str, set[str]]  # URL prefix → labels not counted there
    authorized: set[tuple[str, str]]  # (persona, URL) that may show the identity
    leaks: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    responses: int = 0
    ok: int = 0
    oracle: list[str] = field(default_factory=list)
    expensive: Counter = field(default_factory=Counter)
    skipped: int = 0
    searched: int = 0

    def get(self, client: Client, who: str, url: str, **headers) -> tuple[int, bytes]:
        response = client.get(url, **headers)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        _close(response)
        head = "\n".join(f"{k}: {v}" for k, v in response.items()) + response.cookies.output()
        self.responses += 1
        self.ok += response.status_code == 200
        if response.status_code >= 500:
            self.errors.append(f"{who} GET {url} → {response.status_code}")
        found = self.scanner(body) | self.scanner.raw(head)
        if (who, url) in self.authorized:
            found = set()
        for prefix, labels in self.exempt.items():
            if url.startswith(prefix):
                found -= labels
        if found:
            self.leaks.append(f"{who} GET {url} [{response.status_code}]: {sorted(found)}")
        return response.status_code, body

    def has_search(self, url: str, body: bytes) -> bool:
        if url.startswith("/admin/"):
            return b'id="searchbar"' in body
        if url.startswith("/api/"):
            return body.startswith(b"{") and "items" in json.loads(body)
        # The staff menu's find box is on every page an official opens and submits elsewhere, to
        # /staff/petitions/find/, which the sweep searches itself (its own box is a page's search).
        return b'name="q"' in MENU_FIND.sub(b"", body)

    def search(self, client: Client, who: str, url: str, **headers) -> None:
        """Search for each part of the identity; the cases must not be found by it."""

        def params(term):
            return {"q": term} if url.startswith("/admin/") else {"q": term, "which": "all"}

        self.searched += 1
        marks = [t.encode() for t in self.case.title_tokens]
        _status, control = self.get(
            client, who, f"{url}?{urlencode(params('Qqqq Không Có ' + _hex()))}", **headers
        )
        shown = {m for m in marks if m in control}
        for label, term in self.searches.items():
            _status, body = self.get(client, who, f"{url}?{urlencode(params(term))}", **headers)
            if any(m in body and m not in shown for m in marks):
                self.oracle.append(f"{who} GET {url}?q=<{label}> finds the denunciation")

    def run(self, client: Client, who: str, urls: list[str], **headers) -> None:
        for url in urls:
            # PDFs and the schema take a second each and do not depend on who asks: twice is enough.
            if EXPENSIVE.search(url) and self.expensive[url] >= 2:
                self.skipped += 1
                continue
            status, body = self.get(client, who, url, **headers)
            self.expensive[url] += status == 200
            if status == 200 and self.has_search(url, body):
                self.search(client, who, url, **headers)


# --- Side channels ------------------------------------------------------------------------------------


def _row_leaks(scanner: Scanner, label: str, rows) -> list[str]:
    found = []
    for row in rows:
        labels = scanner(json.dumps(row, default=str, ensure_ascii=False))
        if labels:
            found.append(f"{label} {row.get('id', '')}: {sorted(labels)}")
    return found


def _database_leaks(scanner: Scanner, skip: dict[str, set]) -> tuple[int, list[str]]:
    """Every row of every table; ``skip``: table → primary keys not checked (the account's own row)."""
    found, rows = [], 0
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                rows += 1
                if row and row[0] in skip.get(table, ()):
                    continue
                labels = set()
                for value in row:
                    if isinstance(value, memoryview):
                        value = bytes(value)
                    if isinstance(value, bytes | str):
                        labels |= scanner.raw(value)
                if labels:
                    found.append(f"table {table} row {row[0]}: {sorted(labels)}")
    for session in Session.objects.all():
        labels = scanner.raw(json.dumps(session.get_decoded(), default=str, ensure_ascii=False))
        if labels:
            found.append(f"session {session.session_key[:6]}…: {sorted(labels)}")
    return rows, found


def _log_leaks(scanner: Scanner, records, out: str, err: str) -> tuple[int, list[str]]:
    """Log records (with their tracebacks) and console lines, grouped by source: count, example."""
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    groups: dict[tuple[str, tuple], list[str]] = {}
    lines = [(f"log {r.name}", formatter.format(r)) for r in records]
    lines += [
        (stream, line)
        for stream, text in (("stdout", out), ("stderr", err))
        for line in text.splitlines()
    ]
    for source, text in lines:
        labels = scanner.raw(text)
        if labels:
            groups.setdefault((source, tuple(sorted(labels))), []).append(text)
    found = [
        f"{source}: {len(texts)} line(s) with {list(labels)}, e.g. {texts[0][:150]!r}"
        for (source, labels), texts in groups.items()
    ]
    return len(records), found


def _message_leaks(scanner: Scanner, planted: Planted) -> tuple[list[str], list[str]]:
    """Messages (console channel) and mail: only the delivery address may be the denouncer's."""
    found, to_denouncer = [], []
    own = {planted.phone, planted.email}
    for m in ConsoleSender.outbox:
        if m.to in own:
            to_denouncer.append(m.to)
            if not m.confidential:
                found.append(f"message to the denouncer not marked confidential: {m.subject}")
        elif scanner.raw(m.to):
            found.append(f"message to {m.to}: destination carries the identity")
        labels = scanner.raw(f"{m.subject}\n{m.body}\n{m.shown_to}")
        if labels:
            found.append(f"message {m.subject!r} (shown to {m.shown_to}): {sorted(labels)}")
    for m in mail.outbox:
        if set(m.to) <= own:
            to_denouncer.extend(m.to)
            text = f"{m.subject}\n{m.body}\n{m.cc}\n{m.bcc}\n{m.extra_headers}\n{m.attachments}"
        else:
            text = f"{m.to}\n{m.subject}\n{m.body}\n{m.cc}\n{m.bcc}\n{m.extra_headers}\n{m.attachments}"
        labels = scanner.raw(text)
        if labels:
            found.append(f"mail {m.subject!r} to {m.to}: {sorted(labels)}")
    return found, to_denouncer


# --- The test --------------------------------------------------------------------------------------------


@pytest.fixture
def people(request, citizen, handler):
    found = {name: request.getfixturevalue(name) for name in OFFICIALS}
    return {**found, "citizen": citizen, "handler": handler}


@pytest.fixture
def key(settings):
    settings.IDENTITY_KEY = Fernet.generate_key().decode()
    return settings.IDENTITY_KEY


@pytest.mark.django_db
def test_the_denouncer_identity_leaves_no_trace(  # noqa: PLR0915 - one story, told in order
    settings, key, caplog, capsys, people, units, django_capture_on_commit_callbacks
):
    settings.OTP_SENDERS = ["console", "email"]
    settings.DEBUG = False
    ConsoleSender.outbox.clear()
    mail.outbox.clear()
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    tasks: list = []

    def on_enqueued(sender, task_result, **kwargs):
        tasks.append(("enqueued", task_result))

    def on_finished(sender, task_result, **kwargs):
        tasks.append(("finished", task_result))

    task_enqueued.connect(on_enqueued)
    task_finished.connect(on_finished)
    planted = Planted.new()
    scanner = Scanner(planted.tokens)
    audit_before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def commit():
        return django_capture_on_commit_callbacks(execute=True)

    # A registered citizen files the second one signed in; the account carries the same name and phone.
    account = User.objects.create_user(
        username=planted.phone,
        phone=planted.phone,
        email=f"tai.khoan.{_hex()}@example.vn",
        full_name=planted.name,
        password="x" * 12,
    )
    # Its sign-in would be in the audit trail under its name, like anyone's: not about the case,
    # and it would mask what is (the trail is append-only, so the sign-in is not recorded).
    user_logged_in.disconnect(core_signals._logged_in)
    try:
        denouncer = planted.browser()
        denouncer.force_login(account)
    finally:
        user_logged_in.connect(core_signals._logged_in)

    # Every SQL statement with its parameters goes to the log while the cases are handled.
    connection.force_debug_cursor = True
    try:
        case = _run_cases(planted, people, units, commit, denouncer)
    finally:
        connection.force_debug_cursor = False
        task_enqueued.disconnect(on_enqueued)
        task_finished.disconnect(on_finished)
    d1, d2 = case.d1, case.d2
    handler, clerk, chairman = people["handler"], people["clerk"], people["chairman"]

    # Positive controls: the handler and the clerk the chairman authorized see the identity,
    # on request, and every reading is in the audit trail.
    for user in (handler, clerk):
        shown = client_for(user).post(f"/staff/petitions/{d1.pk}/identity/")
        assert shown.status_code == 200 and planted.name in shown.content.decode()
        assert scanner(shown.content) >= {"name", "address", "id number", "phone", "email"}
        assert AuditEvent.objects.filter(
            action="denunciation.identity_viewed", object_id=str(d1.pk), actor=user
        ).exists()
        scan = client_for(user).get(f"/staff/petitions/{d1.pk}/files/{case.secret_file.pk}/")
        assert scan.status_code == 200 and planted.marker.encode() in scan.content
        assert AuditEvent.objects.filter(
            action="denunciation.scan_viewed", object_id=str(d1.pk), actor=user
        ).exists()
        page = client_for(user).get(f"/staff/petitions/{d1.pk}/").content
        # Even on the handler's own page it shows only on request.
        assert not scanner(page)
    assert IdentityGrant.objects.filter(petition=d1, user=clerk, revoked_at__isnull=True).exists()
    # The decoders see inside the documents (else a silent sweep would mean nothing).
    staff = client_for(handler)
    conclusion = Scanner({"conclusion": case.conclusion_token})
    for fmt in ("docx", "pdf"):
        doc = staff.get(f"/staff/petitions/{d1.pk}/documents/conclusion.{fmt}")
        assert doc.status_code == 200 and doc.content[:2] in (b"PK", b"%P")
        assert conclusion(doc.content) and not conclusion.raw(doc.content)
    assert set(case.documents) == {"acceptance", "extension-1", "extension-2", "conclusion"}
    # The searches work on these pages: a word of the title finds the case (so that an identity
    # search finding nothing means something).
    leader_page = client_for(chairman).get(
        "/staff/petitions/", {"q": case.title_tokens[0][:-1], "which": "all"}
    )
    assert leader_page.status_code == 200 and case.title_tokens[0].encode() in leader_page.content
    # The denouncer follows the case with the tracking code alone.
    track = Client().get(f"/petitions/track/{d1.tracking_code}/")
    assert track.status_code == 200 and d1.tracking_code in track.content.decode()

    # Everyone else, everywhere.
    superuser = User.objects.create_superuser(
        username="huyen.sieuquantri",
        email=f"sieu.{_hex()}@example.vn",
        password="x" * 12,
        full_name="Siêu Quản Trị",
    )
    clients = {"anonymous": Client(raise_request_exception=False)}
    for name in ["citizen", *OFFICIALS]:
        clients[name] = Client(raise_request_exception=False)
        clients[name].force_login(people[name])
    clients["superuser"] = Client(raise_request_exception=False)
    clients["superuser"].force_login(superuser)
    _key, chairman_key = apikey_create(name="sweep: chairman", username=chairman.username)
    _key, handler_key = apikey_create(name="sweep: handler", username=handler.username)
    _key, app_key = apikey_create(name="sweep: reporting app")
    pattern_count, urls = Urls(case).all()
    sweep = Sweep(
        scanner=scanner,
        case=case,
        searches=planted.searches(),
        # The denouncer's own account is listed among the users (not as the case's denouncer).
        exempt={"/admin/core/user/": {"name", "phone"}},
        # The clerk is authorized: the denouncer's scan opens for them.
        authorized={("clerk", f"/staff/petitions/{d1.pk}/files/{case.secret_file.pk}/")},
    )
    for who, client in clients.items():
        sweep.run(client, who, urls)
        # Asking for the identity: refused (404, or to the login page) to all of them.
        for petition in (d1, d2) if who != "clerk" else (d2,):
            response = client.post(f"/staff/petitions/{petition.pk}/identity/")
            assert response.status_code in (302, 404), (who, response.status_code)
            assert not scanner(response.content), who
    api_urls = [u for u in urls if u.startswith(("/api/", "/open311/"))]
    anonymous = Client(raise_request_exception=False)
    for who, headers in {
        "API key of the chairman (Bearer)": {"HTTP_AUTHORIZATION": f"Bearer {chairman_key}"},
        "API key of the handler": {"HTTP_X_API_KEY": handler_key},
        "API key of a reporting app": {"HTTP_X_API_KEY": app_key},
    }.items():
        sweep.run(anonymous, who, api_urls, **headers)
    assert AuditEvent.objects.filter(
        action="denunciation.identity_refused", object_id=str(d1.pk), actor=chairman
    ).exists()
    assert not AuditEvent.objects.filter(
        action="denunciation.identity_viewed", actor=superuser
    ).exists()

    # Side channels.
    leaks = [f"page: {leak}" for leak in sweep.leaks] + [f"search: {o}" for o in sweep.oracle]
    message_leaks, to_denouncer = _message_leaks(scanner, planted)
    leaks += message_leaks
    out, err = capsys.readouterr()
    log_count, log_leaks = _log_leaks(scanner, caplog.records, out, err)
    leaks += log_leaks
    leaks += _row_leaks(
        scanner, "audit event", AuditEvent.objects.filter(pk__gt=audit_before).values()
    )
    leaks += _row_leaks(
        scanner, "petition event", PetitionEvent.objects.filter(petition__in=[d1, d2]).values()
    )
    leaks += _row_leaks(
        scanner, "petition", Petition.objects.filter(pk__in=[d1.pk, d2.pk]).values()
    )
    leaks += _row_leaks(scanner, "contact", Contact.objects.filter(petition__in=[d1, d2]).values())
    leaks += _row_leaks(
        scanner, "attachment", Attachment.objects.filter(petition__in=[d1, d2]).values()
    )
    leaks += _row_leaks(
        scanner, "denunciation", DenunciationCase.objects.filter(petition__in=[d1, d2]).values()
    )
    leaks += _row_leaks(scanner, "extension", Extension.objects.filter(case__petition=d1).values())
    leaks += _row_leaks(
        scanner, "identity grant", IdentityGrant.objects.filter(petition=d1).values()
    )
    linked = Petition.objects.filter(pk__in=[d1.pk, d2.pk], submitter__isnull=False)
    leaks += [f"petition {p.pk} is linked to the denouncer's account (submitter)" for p in linked]
    for petition in (d1, d2):
        for who in (planted.phone, planted.email, planted.id_number, planted.name):
            guess = _digest(
                unit=petition.unit,
                field=petition.field,
                content=petition.content,
                who=f"denouncer:{who}",
            )
            if guess == petition.content_digest:
                leaks.append(
                    f"petition {petition.pk}: content_digest is an unkeyed SHA-256 of the "
                    f"denouncer's {'phone' if who == planted.phone else 'identity'}: a guessed "
                    "phone number is confirmed from the database alone"
                )
    for kind, result in tasks:
        text = json.dumps(
            {
                "task": result.task.name,
                "args": result.args,
                "kwargs": result.kwargs,
                "errors": [e.traceback for e in result.errors],
                "return": result._return_value if kind == "finished" else None,
            },
            default=str,
            ensure_ascii=False,
        )
        if scanner.raw(text):
            leaks.append(f"task {result.task.name}: {sorted(scanner.raw(text))}")
    failed_tasks = [r.task.name for kind, r in tasks if kind == "finished" and r.errors]
    # At rest: the encrypted identity, the scan on disk, every table, the sessions.
    key_scanner = Scanner({**planted.tokens, "identity key": key})
    token = bytes(ConfidentialIdentity.objects.get(petition=d1).token)
    assert not key_scanner(token) and not key_scanner(base64.urlsafe_b64decode(token))
    assert json.loads(decrypt_bytes(token))["name"] == planted.name
    stored = case.secret_file.file.open("rb").read()
    case.secret_file.file.close()
    assert not stored.startswith(b"\x89PNG") and planted.marker.encode() not in stored
    assert planted.marker.encode() in decrypt_bytes(stored)
    media = Path(django_settings.MEDIA_ROOT)
    disk = [p for p in media.rglob("*") if p.is_file()]
    assert len(disk) >= 3  # two confidential scans and the signed conclusion
    leaks += [
        f"file {p.relative_to(media)}: {sorted(scanner(p.read_bytes()))}"
        for p in disk
        if scanner(p.read_bytes())
    ]
    rows, db_leaks = _database_leaks(key_scanner, skip={User._meta.db_table: {account.pk}})
    leaks += db_leaks
    leaks += sweep.errors

    with capsys.disabled():
        print(
            f"\nconfidentiality sweep: {pattern_count} URL patterns → {len(urls)} URLs; "
            f"{sweep.responses} responses checked ({sweep.ok} with 200, {sweep.searched} pages "
            f"searched, {sweep.skipped} repeats of PDFs skipped) for {len(clients)} personas "
            f"and 3 API keys; {len(ConsoleSender.outbox)} messages, {len(mail.outbox)} mails, "
            f"{log_count} log records, {len(tasks)} task events, {rows} database rows, "
            f"{len(disk)} files"
        )
    assert sweep.searched > 20, f"only {sweep.searched} pages were searched"
    assert sweep.ok > MIN_OK_RESPONSES, f"only {sweep.ok} pages answered 200: is the sweep broken?"
    assert pattern_count > 100 and any("/admin/petitions/petition/" in u for u in urls)
    assert any(u.startswith("/open311/v2/requests/") for u in urls)
    assert to_denouncer, "the denouncer was never notified"
    assert not failed_tasks, failed_tasks
    assert log_count > 0
    assert not leaks, (
        "The denouncer's identity leaked:\n"
        + "\n".join(leaks[:60])
        + (f"\n… and {len(leaks) - 60} more" if len(leaks) > 60 else "")
    )


# --- Server errors ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_server_errors_carry_no_identity(settings, key, monkeypatch, caplog, units, handler):
    """A crash where the identity is at hand shows a plain error page, and neither the error log nor
    the error mail to the administrators (Django's AdminEmailHandler) carries the identity."""
    settings.DEBUG = False
    settings.ADMINS = [("Vận hành", "vanhanh@example.vn")]
    settings.OTP_SENDERS = ["console"]
    mail.outbox.clear()
    caplog.set_level(logging.DEBUG)
    planted = Planted.new()
    scanner = Scanner(planted.tokens)
    crashes = []

    def check(label, response):
        body = response.content
        assert response.status_code == 500, (label, response.status_code)
        for technical in (b"Traceback", b"Exception Value", b"Request Method", b"settings"):
            assert technical not in body, (label, technical)
        crashes.append((label, scanner(body)))

    # 1. Filing: the view holds everything the denouncer typed, and the uploaded scan.
    def storage_down(**kwargs):
        raise RuntimeError("storage unavailable")

    monkeypatch.setattr(denunciation_services, "denunciation_submit", storage_down)
    client = Client(raise_request_exception=False)
    check(
        "filing",
        client.post(
            "/petitions/denunciation/new/",
            _form(planted, units, title="Tố cáo nhận tiền", content="Nhận tiền làm hồ sơ đất."),
        ),
    )
    monkeypatch.undo()

    # 2. Showing the identity to the handler, when the page fails after reading it.
    petition, _created = denunciation_services.denunciation_submit(
        field=Field.objects.get(code="land"),
        unit=units["van_du"],
        title="Tố cáo thu tiền sai quy định",
        content="Thu tiền làm sổ đỏ ngoài quy định, có biên lai viết tay.",
        denounced="Cán bộ địa chính",
        identity=Identity(
            name=planted.name,
            address=planted.address,
            id_number=planted.id_number,
            phone=planted.phone,
            email=planted.email,
        ),
    )
    denunciation_services.denunciation_accept(petition=petition, actor=handler)

    def template_broken(*args, **kwargs):
        raise RuntimeError("template broken")

    monkeypatch.setattr(denunciation_views, "render", template_broken)
    staff = Client(raise_request_exception=False)
    staff.force_login(handler)
    check("identity page", staff.post(f"/staff/petitions/{petition.pk}/identity/"))
    monkeypatch.undo()

    # 3. The API, for the handler's key.
    def detail_broken(user, petition):
        raise RuntimeError("serializer broken")

    monkeypatch.setattr(v1, "_staff_detail", detail_broken)
    _key, raw = apikey_create(name="errors", username=handler.username)
    check(
        "API",
        Client(raise_request_exception=False).get(
            f"/api/v1/staff/petitions/{petition.pk}", HTTP_X_API_KEY=raw
        ),
    )

    leaks = [f"error page ({label}): {sorted(found)}" for label, found in crashes if found]
    _count, log_leaks = _log_leaks(scanner, caplog.records, "", "")
    leaks += log_leaks
    errors_logged = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors_logged) >= 2  # the crashes are logged (else there is nothing to check)
    admin_mail = [m for m in mail.outbox if "vanhanh@example.vn" in m.to]
    assert admin_mail, "the error mail to ADMINS was not sent: nothing was checked"
    for m in admin_mail:
        text = (
            m.body
            + "".join(str(a) for a in m.attachments)
            + "".join(str(c) for c, _type in getattr(m, "alternatives", []))
        )
        found = scanner(text)
        if found:
            leaks.append(f"error mail {m.subject!r}: {sorted(found)}")
    assert not leaks, "The denouncer's identity leaked in an error:\n" + "\n".join(leaks)
