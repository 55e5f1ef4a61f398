"""Pages of the register: search and lists for everyone, a disclosure with its table, chart and
answers, notices (printable), conventions; forms for officials; the compliance view."""

import datetime as dt
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thanthien.core import permissions
from thanthien.core.actions import submit
from thanthien.core.documents import csv_table, document_response, xlsx_table
from thanthien.core.models import AdminUnit
from thanthien.core.paging import page_of

from . import budget, compliance, search, selectors, services
from .forms import (
    ComplianceForm,
    ConventionChangeForm,
    ConventionForm,
    DisclosureForm,
    FilesForm,
    ImportForm,
    LineFormSet,
    NoticeForm,
    PostingForm,
    QuestionForm,
    SearchForm,
    SubscribeForm,
)
from .models import (
    Convention,
    Disclosure,
    DisclosureFile,
    Notice,
    NoticeFile,
    Posting,
    SearchEntry,
    Subscription,
)

PER_PAGE = 20


def _form_page(request: HttpRequest, form, title: str, **extra) -> HttpResponse:
    """An official's form (shown again, with its errors, after a refusal)."""
    return render(request, "disclosure/form.html", {"form": form, "title": title, **extra})


def _detail(disclosure: Disclosure) -> str:
    return reverse("disclosure_detail", args=[disclosure.pk])


# --- Search and lists ------------------------------------------------------------------------------


def _links(entries: list[SearchEntry]) -> list[dict]:
    names = {
        "disclosure": "disclosure_detail",
        "notice": "notice_detail",
        "convention": "convention_detail",
    }
    return [{"entry": e, "url": reverse(names[e.kind], args=[e.object_id])} for e in entries]


def search_view(request: HttpRequest, kind: str = "") -> HttpResponse:
    data = request.GET.copy()
    if kind and not data.get("kind"):
        data["kind"] = kind
    form = SearchForm(data)
    filters = search.Filters()
    query = ""
    answers = []
    if form.is_valid():
        cd = form.cleaned_data
        query = cd["q"]
        filters.kind = cd["kind"]
        filters.unit_path = cd["unit"].path if cd["unit"] else ""
        filters.category = cd["category"].code if cd["category"] else ""
        if cd["year"]:
            filters.since, filters.until = dt.date(cd["year"], 1, 1), dt.date(cd["year"], 12, 31)
        if query and filters.kind in ("", "answer"):
            answers = _petition_answers(query, cd["unit"], filters)
    today = timezone.localdate()
    page = page_of(search.search(query, filters, today=today), request.GET.get("page"), PER_PAGE)
    params = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])
    return render(
        request,
        "disclosure/search.html",
        {
            "form": form,
            "page": page,
            "items": _links(page.object_list),
            "answers": answers,
            "query": query,
            "params": params,
            "kind": kind,
            "feed_unit": form.cleaned_data.get("unit") if form.is_valid() else None,
        },
    )


def _petition_answers(query: str, unit: AdminUnit | None, filters: search.Filters) -> list:
    """Published answers to petitions, through the petitions app's own public selector."""
    from thanthien.petitions.selectors import PublicFilter, public_petitions

    flt = PublicFilter(
        unit=unit.pk if unit else None, query=query, since=filters.since, until=filters.until
    )
    return list(public_petitions(flt)[:5])


# --- Disclosures ------------------------------------------------------------------------------------


def _visible_disclosure(request: HttpRequest, pk: int) -> Disclosure:
    disclosure = get_object_or_404(
        Disclosure.objects.select_related("unit", "body", "category"), pk=pk
    )
    if disclosure.starts_on > timezone.localdate() and not permissions.can(
        request.user, "disclosure.manage", disclosure.unit
    ):
        raise Http404
    return disclosure


def disclosure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    disclosure = _visible_disclosure(request, pk)
    chart = budget.table_chart(
        disclosure.table_header, disclosure.table_rows, _("Planned and actual by item")
    )
    series = selectors.quarter_series(disclosure)
    quarter_chart = ""
    if len(series) >= 1:
        header = disclosure.table_header
        quarter_chart = budget.bar_chart(
            [s[0] for s in series],
            [
                (str(header[2]) if len(header) > 2 else _("planned"), [s[1] for s in series]),
                (str(header[3]) if len(header) > 3 else _("actual"), [s[2] for s in series]),
            ],
            _("By quarter"),
        )
    numbers = set(budget.numeric_columns(disclosure.table_header, disclosure.table_rows))
    postings = list(disclosure.postings.all())
    return render(
        request,
        "disclosure/detail.html",
        {
            "d": disclosure,
            "chart": mark_safe(chart),  # noqa: S308 - built by budget.bar_chart, every text escaped
            "quarter_chart": mark_safe(quarter_chart),  # noqa: S308 - idem
            "numbers": numbers,
            "files": list(disclosure.files.all()),
            "postings": postings,
            "streak": selectors.loudspeaker_streak(postings),
            "answers": selectors.published_answers(disclosure),
            "can_manage": permissions.can(request.user, "disclosure.manage", disclosure.unit),
            "question_form": QuestionForm(initial={"submission_key": uuid.uuid4().hex}),
        },
    )


def disclosure_table_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("xlsx", "csv"):
        raise Http404
    disclosure = _visible_disclosure(request, pk)
    if not disclosure.table_header:
        raise Http404
    name = f"{disclosure.title}.{fmt}"
    if fmt == "xlsx":
        content = xlsx_table(disclosure.title, disclosure.table_header, disclosure.table_rows)
    else:
        content = csv_table(disclosure.table_header, disclosure.table_rows)
    return document_response(content, name)


def disclosure_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    disclosure = _visible_disclosure(request, pk)
    row = get_object_or_404(DisclosureFile, pk=file_pk, disclosure=disclosure)
    return FileResponse(row.file.open("rb"), as_attachment=True, filename=row.name)


@require_http_methods(["GET", "POST"])
def disclosure_ask(request: HttpRequest, pk: int) -> HttpResponse:
    disclosure = _visible_disclosure(request, pk)
    form = QuestionForm(request.POST or None, initial={"submission_key": uuid.uuid4().hex})
    return submit(
        request,
        form,
        lambda cd: services.ask_question(
            disclosure=disclosure,
            title=cd["title"],
            content=cd["content"],
            name=cd["name"],
            phone=cd["phone"],
            email=cd["email"],
            consent_publish=cd["consent_publish"],
            submitter=request.user if request.user.is_authenticated else None,
            submission_key=cd["submission_key"] or None,
        )[0],
        success_message=lambda question: (
            _("Your question was sent. Keep its tracking code: %(code)s")
            % {"code": question.petition.tracking_code}
        ),
        redirect_to=lambda question: reverse(
            "petition_track", args=[question.petition.tracking_code]
        ),
    ) or render(request, "disclosure/ask.html", {"d": disclosure, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_new(request: HttpRequest) -> HttpResponse:
    units = permissions.units_for(request.user, "disclosure.manage").filter(
        level__in=["district", "commune"]
    )
    if not permissions.can(request.user, "disclosure.manage"):
        raise Http404
    form = DisclosureForm(request.POST or None, request.FILES or None, units=units)

    def create(cd: dict) -> Disclosure:
        lines = budget.read_xlsx(cd["spreadsheet"]) if cd["spreadsheet"] else None
        return services.disclosure_create(
            unit=cd["unit"],
            body=cd["body"],
            category=cd["category"],
            title=cd["title"],
            summary=cd["summary"],
            document_number=cd["document_number"],
            document_date=cd["document_date"],
            document_issuer=cd["document_issuer"],
            forms=cd["forms"],
            starts_on=cd["starts_on"],
            ends_on=cd["ends_on"],
            period_year=cd["period_year"],
            period_quarter=cd["period_quarter"],
            header=budget.BUDGET_HEADER if lines else None,
            rows=[line.as_row() for line in lines] if lines else None,
            files=cd["files"],
            actor=request.user,
        )

    return submit(
        request,
        form,
        create,
        success_message=_("The disclosure is in the register."),
        redirect_to=lambda disclosure: _detail(disclosure),
    ) or _form_page(request, form, _("New disclosure"))


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    disclosure = _managed(request, pk)
    units = AdminUnit.objects.filter(pk=disclosure.unit_id)
    initial = {name: getattr(disclosure, name) for name in services.EDITABLE}
    initial["unit"] = disclosure.unit
    form = DisclosureForm(request.POST or None, units=units, initial=initial)
    del form.fields["spreadsheet"], form.fields["files"]
    return submit(
        request,
        form,
        lambda cd: services.disclosure_update(
            disclosure=disclosure, actor=request.user, **{n: cd[n] for n in services.EDITABLE}
        ),
        success_message=_("The disclosure was corrected."),
        redirect_to=_detail(disclosure),
    ) or _form_page(request, form, _("Correct the disclosure"), d=disclosure)


def _managed(request: HttpRequest, pk: int) -> Disclosure:
    disclosure = get_object_or_404(Disclosure.objects.select_related("unit", "category"), pk=pk)
    permissions.require(request.user, "disclosure.manage", disclosure.unit)
    return disclosure


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_import(request: HttpRequest, pk: int) -> HttpResponse:
    disclosure = _managed(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)

    def import_table(cd: dict) -> None:
        try:
            services.import_budget(
                disclosure=disclosure, upload=cd["spreadsheet"], actor=request.user
            )
        except ValidationError as exc:  # whatever is wrong, it is in the spreadsheet
            raise ValidationError({"spreadsheet": exc.messages}) from None

    return submit(
        request,
        form,
        import_table,
        success_message=_("The table was imported."),
        redirect_to=_detail(disclosure),
    ) or _form_page(request, form, _("Import a budget spreadsheet"), d=disclosure)


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_lines(request: HttpRequest, pk: int) -> HttpResponse:
    disclosure = _managed(request, pk)
    initial = [
        {"code": r[0], "item": r[1], "planned": r[2], "actual": r[3]}
        for r in disclosure.table_rows
        if disclosure.table_header == budget.BUDGET_HEADER
    ]
    formset = LineFormSet(request.POST or None, initial=initial)
    error = ""
    if request.method == "POST" and formset.is_valid():
        try:
            lines = [
                budget.check_line(f["code"], f["item"], f["planned"], f["actual"], n)
                for n, f in enumerate(formset.cleaned_data, start=1)
                if f and (f.get("item") or f.get("planned"))
            ]
            services.set_table(
                disclosure=disclosure,
                header=budget.BUDGET_HEADER,
                rows=[line.as_row() for line in lines],
                actor=request.user,
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The table was saved."))
            return redirect(_detail(disclosure))
    return render(
        request, "disclosure/lines.html", {"formset": formset, "d": disclosure, "error": error}
    )


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_posting(request: HttpRequest, pk: int) -> HttpResponse:
    disclosure = _managed(request, pk)
    form = PostingForm(request.POST or None, request.FILES or None)
    return submit(
        request,
        form,
        lambda cd: services.record_posting(
            disclosure=disclosure,
            form=cd["form"],
            place=cd["place"],
            posted_on=cd["posted_on"],
            photo=cd["photo"],
            actor=request.user,
        ),
        success_message=_("The posting was recorded."),
        redirect_to=_detail(disclosure),
    ) or _form_page(request, form, _("Record a posting"), d=disclosure)


# --- Compliance -------------------------------------------------------------------------------------


@login_required
def compliance_view(request: HttpRequest) -> HttpResponse:
    if not permissions.can(request.user, "disclosure.compliance"):
        raise Http404
    units = permissions.units_for(request.user, "disclosure.compliance")
    form = ComplianceForm(request.GET or None, units=units)
    today = timezone.localdate()
    unit = since = until = None
    if form.is_valid():
        unit, since, until = (form.cleaned_data[k] for k in ("unit", "since", "until"))
    unit = (
        unit or units.filter(level__in=["province", "district", "commune"]).order_by("path").first()
    )
    if unit is None:
        raise Http404
    if since is None:
        # The latest year the register covers (the demo is 2023), else this year.
        latest = Disclosure.objects.filter(unit__path__startswith=unit.path).aggregate(
            y=Max("period_year")
        )["y"]
        since = dt.date(min(latest or today.year, today.year), 1, 1)
    until = until or dt.date(since.year, 12, 31)
    if until < since:
        form.add_error("until", _("The period ends before it starts."))
        items = []
    else:
        items = compliance.obligations(unit, since, until, today)
    return render(
        request,
        "disclosure/compliance.html",
        {
            "form": form,
            "unit": unit,
            "since": since,
            "until": until,
            "tallies": compliance.tallies(items),
            "total": compliance.total(items, unit),
            "items": [i for i in items if i.status != compliance.DONE][:200]
            if unit.level == "commune"
            else [],
        },
    )


# --- Notices ----------------------------------------------------------------------------------------


def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(
        Notice.objects.select_related("unit"), pk=pk, published_on__lte=timezone.localdate()
    )
    deliveries = None
    if permissions.can(request.user, "disclosure.deliveries", notice.unit):
        # Counts only: subscribers' addresses are shown to nobody.
        deliveries = notice.deliveries.aggregate(
            sent=Count("pk", filter=Q(state="sent")),
            pending=Count("pk", filter=Q(state="pending")),
            failed=Count("pk", filter=Q(state="failed")),
        )
    return render(
        request,
        "disclosure/notice_detail.html",
        {
            "n": notice,
            "villages": list(notice.villages.all()),
            "broadcasts": list(notice.broadcasts.all()),
            "files": list(notice.files.all()),
            "deliveries": deliveries,
        },
    )


def notice_print(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(
        Notice.objects.select_related("unit"), pk=pk, published_on__lte=timezone.localdate()
    )
    return render(
        request,
        "disclosure/notice_print.html",
        {
            "n": notice,
            "villages": list(notice.villages.all()),
            "broadcasts": list(notice.broadcasts.all()),
        },
    )


def notice_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    from thanthien.core.documents import render_docx, render_pdf

    from .documents import notice_document as build

    if fmt not in ("docx", "pdf"):
        raise Http404
    notice = get_object_or_404(
        Notice.objects.select_related("unit__parent"), pk=pk, published_on__lte=timezone.localdate()
    )
    doc = build(notice)
    content = render_docx(doc) if fmt == "docx" else render_pdf(doc)
    return document_response(content, f"{notice.title}.{fmt}")


def notice_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    row = get_object_or_404(
        NoticeFile, pk=file_pk, notice_id=pk, notice__published_on__lte=timezone.localdate()
    )
    return FileResponse(row.file.open("rb"), as_attachment=True, filename=row.name)


@login_required
@require_http_methods(["GET", "POST"])
def notice_new(request: HttpRequest) -> HttpResponse:
    if not permissions.can(request.user, "disclosure.manage"):
        raise Http404
    units = permissions.units_for(request.user, "disclosure.manage")
    form = NoticeForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        initial={"submission_key": uuid.uuid4().hex, "published_on": timezone.localdate()},
    )
    return submit(
        request,
        form,
        lambda cd: services.notice_create(
            unit=cd["unit"],
            kind=cd["kind"],
            title=cd["title"],
            text=cd["text"],
            published_on=cd["published_on"],
            actor=request.user,
            villages=list(cd["villages"]),
            loudspeaker_script=cd["loudspeaker_script"],
            broadcasts=cd["broadcasts"],
            files=cd["files"],
            submission_key=cd["submission_key"] or None,
        )[0],
        success_message=_("The notice is published; subscribers will receive it."),
        redirect_to=lambda notice: reverse("notice_detail", args=[notice.pk]),
    ) or _form_page(request, form, _("New notice"))


@require_http_methods(["GET", "POST"])
def subscribe_view(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST or None)
    return submit(
        request,
        form,
        lambda cd: services.subscribe(
            unit=cd["unit"], channel=cd["channel"], destination=cd["destination"], user=request.user
        ),
        success_message=lambda subscription: (
            _("You will receive the notices of %(unit)s.")
            % {"unit": form.cleaned_data["unit"].name}
        ),
        redirect_to="notice_list",
    ) or _form_page(request, form, _("Receive notices"))


@require_http_methods(["GET", "POST"])
def unsubscribe_view(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    """The link at the foot of every message: a page with one button (a GET changes nothing, so
    that a link preview cannot unsubscribe anyone)."""
    subscription = get_object_or_404(Subscription.objects.select_related("unit"), token=token)
    if request.method == "POST":
        services.unsubscribe(subscription=subscription)
        messages.success(request, _("You will no longer receive these notices."))
        return redirect("notice_list")
    return render(request, "disclosure/unsubscribe.html", {"s": subscription})


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_files(request: HttpRequest, pk: int) -> HttpResponse:
    disclosure = _managed(request, pk)
    form = FilesForm(request.POST or None, request.FILES or None)
    return submit(
        request,
        form,
        lambda cd: services.attach_files(
            disclosure=disclosure, files=cd["files"], actor=request.user
        ),
        success_message=_("The documents were attached."),
        redirect_to=_detail(disclosure),
    ) or _form_page(request, form, _("Attach documents"), d=disclosure)


def posting_photo(request: HttpRequest, pk: int, posting_pk: int) -> FileResponse:
    disclosure = _visible_disclosure(request, pk)
    posting = get_object_or_404(Posting, pk=posting_pk, disclosure=disclosure)
    if not posting.photo:
        raise Http404
    return FileResponse(posting.photo.open("rb"), filename=posting.photo.name.rsplit("/", 1)[-1])


# --- Conventions ------------------------------------------------------------------------------------


def convention_list(request: HttpRequest) -> HttpResponse:
    qs = Convention.objects.select_related("village__parent").order_by("village__path", "title")
    unit_id = request.GET.get("unit")
    if unit_id and unit_id.isdigit():
        unit = AdminUnit.objects.filter(pk=unit_id).first()
        qs = qs.filter(village__path__startswith=unit.path) if unit else qs.none()
    page = page_of(qs, request.GET.get("page"), PER_PAGE)
    can_add = permissions.can(request.user, "disclosure.conventions")
    return render(request, "disclosure/conventions.html", {"page": page, "can_add": can_add})


def convention_detail(request: HttpRequest, pk: int) -> HttpResponse:
    convention = get_object_or_404(Convention.objects.select_related("village__parent"), pk=pk)
    versions = list(convention.versions.all()[:50])
    return render(
        request, "disclosure/convention_detail.html", {"c": convention, "versions": versions}
    )


@login_required
@require_http_methods(["GET", "POST"])
def convention_new(request: HttpRequest) -> HttpResponse:
    if not permissions.can(request.user, "disclosure.conventions"):
        raise Http404
    units = permissions.units_for(request.user, "disclosure.conventions")
    form = ConventionForm(request.POST or None, units=units)
    return submit(
        request,
        form,
        lambda cd: services.convention_create(
            village=cd["village"], title=cd["title"], text=cd["text"], actor=request.user
        ),
        success_message=_("The convention is in the register."),
        redirect_to=lambda convention: reverse("convention_detail", args=[convention.pk]),
    ) or _form_page(request, form, _("New village convention"))


@login_required
@require_http_methods(["GET", "POST"])
def convention_change(request: HttpRequest, pk: int) -> HttpResponse:
    convention = get_object_or_404(Convention.objects.select_related("village"), pk=pk)
    permissions.require(request.user, "disclosure.conventions", convention.village)
    labels = dict(Convention.Status.choices)
    statuses = [(s, labels[s]) for s in sorted(services.CONVENTION_TRANSITIONS[convention.status])]
    latest = convention.versions.first()
    form = ConventionChangeForm(
        request.POST or None, statuses=statuses, initial={"text": latest.text if latest else ""}
    )

    def change(cd: dict) -> None:
        try:
            services.convention_change(
                convention=convention,
                status=cd["status"],
                actor=request.user,
                text=cd["text"],
                note=cd["note"],
                decision_number=cd["decision_number"],
                decision_date=cd["decision_date"],
            )
        except services.Conflict:
            raise ValidationError(
                _("Someone changed this convention first; open it again.")
            ) from None

    return submit(
        request,
        form,
        change,
        success_message=_("The convention was updated."),
        redirect_to=reverse("convention_detail", args=[convention.pk]),
    ) or _form_page(request, form, convention.title)
