"""The part of a view that changes something, written once for every app.

A view that changes something does the same five things: it loads the record in the user's scope
(a ``get_<thing>_for_user`` selector or ``permissions.require``: a 404 outside it), reads the
input, calls a service, tells the user how that went and redirects. The helpers here do the last
two and the catching in between, so that a view says only what differs: which record, which
service with which arguments, which message and where to go.

``submit(request, form, service, ...)``, a page with a form. On a valid POST it calls
``service(form.cleaned_data)``; a refusal goes onto the form and ``submit`` returns ``None``, so
that the view shows the page again::

    @login_required
    def campaign_new(request):
        permissions.require(request.user, "participation.manage")
        form = forms.CampaignForm(request.POST or None, units=...)
        return submit(
            request,
            form,
            lambda data: services.campaign_create(actor=request.user, **data),
            redirect_to=lambda campaign: reverse("participation_staff_campaign", args=[campaign.pk]),
        ) or render(request, "participation/form_page.html", {"form": form})

``act(request, service, ...)``, a button: a POST-only view with no page of its own. It calls
``service()``; a refusal becomes one error message and a redirect back::

    @login_required
    @require_POST
    def review_decide(request, pk):
        review = _review(request, pk)  # in the user's scope, else 404
        return act(
            request,
            lambda: services.review_decide(review=review, actor=request.user),
            success_message=_("Awards recorded as decided."),
            redirect_to=reverse("rollout_review", args=[review.pk]),
        )

A *refusal* is what a service raises to say no in words the user can read: a ``ValidationError``,
a ``PermissionDenied`` (a workflow that does not let this role take this step) or a ``Conflict``
(someone else acted first). Anything else propagates untouched; in particular the ``Http404`` of
a scope check stays a 404, so a check that must not reveal a record belongs before the call.

The messages stay in the app's views, and so in the app's translation catalogue: the helpers only
show them. Services are atomic on their own (STYLE.md: writes in ``services.py``, atomic), so the
helpers open no transaction of their own; a view that composes two services in one step wraps them
in ``transaction.atomic()`` itself, where the reader sees it.

Bringing another app's views here:

- an app's own "someone acted first" exception derives from ``Conflict`` (as
  ``participation.workflow.Conflict`` does); an exception that must read differently is turned
  into a ``ValidationError`` with its message inside the service function the view passes, and
  ``refusals=`` narrows or widens what counts as a refusal for one call;
- input checks that refuse (a date that does not parse, a choice that is not in the list) go
  inside the function given to ``act``/``submit``, so that they are refusals too;
- a page shows its form again with the status it has always had: ``form_status(request)`` (400
  after a POST) where that is the app's rule, 200 where it is not;
- a page with several forms calls ``submit`` once per form (``submit(...) or submit(...) or
  render(...)``: an unbound form never submits); a view that calls the service even on an invalid
  form, to let the service's words name the problem, keeps its own ``try`` and uses
  ``apply_errors`` and ``refusal_text``.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

T = TypeVar("T")


class Conflict(Exception):
    """Someone else changed the record since the user loaded it; the message says so."""


REFUSALS: tuple[type[Exception], ...] = (ValidationError, PermissionDenied, Conflict)

# What a message or a redirect may be given as: the thing itself, or a function of the service's
# result (the new record's page, a message that names it).
Message = str | Callable[[Any], str] | None
Target = (
    Any  # anything ``redirect()`` takes (a URL, a URL name, a model), or a function of the result
)


def apply_errors(form, exc: Exception) -> None:
    """Put a refusal onto a form: on the fields it names where the form has them, else on the
    form as a whole."""
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    elif isinstance(exc, ValidationError):
        form.add_error(None, exc)
    else:
        form.add_error(None, str(exc))


def refusal_text(exc: Exception) -> str:
    """A refusal as one line for a message: a ValidationError's messages joined, else its text."""
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


def safe_referer(request: HttpRequest, default: str) -> str:
    """The page the request came from, when it is on this site; else ``default``."""
    referer = request.META.get("HTTP_REFERER", "")
    if url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return default


def form_status(request: HttpRequest) -> int:
    """The status of a form page: 400 when it answers a POST (the form came back refused), else
    200."""
    return 400 if request.method == "POST" else 200


def submit(
    request: HttpRequest,
    form,
    service: Callable[[dict], T],
    *,
    redirect_to: Target,
    success_message: Message = None,
    refusals: tuple[type[Exception], ...] = REFUSALS,
) -> HttpResponse | None:
    """Handle the POST of a page with a form.

    On a POST whose form is valid, call ``service(form.cleaned_data)``. When it succeeds, show
    ``success_message`` (if any) and redirect to ``redirect_to``; either may be a function of what
    the service returned. When it refuses, put the refusal onto the form (``apply_errors``).

    Returns the redirect, or ``None`` when the view is to show the form again: on a GET, on an
    invalid form, on a refusal. The view then renders its page, with the status it has always
    used, so that it reads ``return submit(...) or render(...)``.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = service(form.cleaned_data)
    except refusals as exc:
        apply_errors(form, exc)
        return None
    return _done(request, result, success_message, redirect_to)


def act(
    request: HttpRequest,
    service: Callable[[], T],
    *,
    redirect_to: Target,
    success_message: Message = None,
    refused_to: Target = None,
    refusals: tuple[type[Exception], ...] = REFUSALS,
) -> HttpResponse:
    """Handle a button: call ``service()`` and redirect.

    When it succeeds, show ``success_message`` (if any) and redirect to ``redirect_to``; either
    may be a function of what the service returned. When it refuses, show the refusal as one
    error message and redirect to ``refused_to``, or, when that is not given, to ``redirect_to``
    (which must then not be a function: there is no result to give it).

    The view decorates itself with ``require_POST`` (and ``login_required`` for officials): the
    helper does not guess who may press the button.
    """
    if refused_to is None:
        if callable(redirect_to):
            raise TypeError("act(): give refused_to where redirect_to depends on the result")
        refused_to = redirect_to
    try:
        result = service()
    except refusals as exc:
        messages.error(request, refusal_text(exc))
        return redirect(refused_to)
    return _done(request, result, success_message, redirect_to)


def _done(request: HttpRequest, result, success_message: Message, redirect_to: Target):
    if callable(success_message):
        success_message = success_message(result)
    if success_message:
        messages.success(request, success_message)
    return redirect(redirect_to(result) if callable(redirect_to) else redirect_to)
