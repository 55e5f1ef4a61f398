"""core.actions: what a view that changes something does after it has loaded the record — call the
service, show the outcome, redirect — and what it does when the service refuses."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import RequestFactory

from thanthien.core.actions import Conflict, act, apply_errors, form_status, submit


class NameForm(forms.Form):
    name = forms.CharField()


def _request(method="post", data=None, **headers):
    request = getattr(RequestFactory(), method)("/here/", data or {}, **headers)
    request._messages = CookieStorage(request)
    return request


def _said(request) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(request)]


def _refuse(exc):
    def service(*args):
        raise exc

    return service


# --- act: a button ----------------------------------------------------------------------------


def test_act_calls_the_service_says_so_and_redirects():
    request = _request()
    response = act(request, lambda: 7, success_message="Done.", redirect_to="/there/")
    assert (response.status_code, response.url) == (302, "/there/")
    assert _said(request) == [("success", "Done.")]


def test_act_gives_the_result_to_the_message_and_the_target():
    request = _request()
    response = act(
        request,
        lambda: 7,
        success_message=lambda n: f"Number {n}.",
        redirect_to=lambda n: f"/things/{n}/",
        refused_to="/things/",
    )
    assert response.url == "/things/7/"
    assert _said(request) == [("success", "Number 7.")]


@pytest.mark.parametrize(
    "refusal",
    [
        ValidationError("Not now."),
        ValidationError({"name": ["Not now."]}),
        PermissionDenied("Not now."),
        Conflict("Not now."),
    ],
)
def test_act_shows_a_refusal_as_one_error_and_goes_back(refusal):
    request = _request()
    response = act(request, _refuse(refusal), success_message="Done.", redirect_to="/there/")
    assert response.url == "/there/"
    assert _said(request) == [("error", "Not now.")]


def test_act_goes_back_to_refused_to_when_it_is_given():
    request = _request()
    response = act(
        request,
        _refuse(ValidationError("Not now.")),
        redirect_to=lambda thing: "/new-thing/",
        refused_to="/form/",
    )
    assert response.url == "/form/"


def test_act_lets_a_404_through():
    with pytest.raises(Http404):
        act(_request(), _refuse(Http404()), redirect_to="/there/")


def test_act_wants_refused_to_when_the_target_depends_on_the_result():
    with pytest.raises(TypeError):
        act(_request(), lambda: 1, redirect_to=lambda n: f"/things/{n}/")


# --- submit: a page with a form ------------------------------------------------------------


def test_submit_passes_the_cleaned_data_and_redirects():
    request = _request(data={"name": "Lan"})
    form = NameForm(request.POST)
    response = submit(
        request,
        form,
        lambda data: data["name"],
        success_message=lambda name: f"Hello {name}.",
        redirect_to="/there/",
    )
    assert response.url == "/there/"
    assert _said(request) == [("success", "Hello Lan.")]


def test_submit_leaves_a_get_and_an_invalid_form_to_the_page():
    called = []
    get = _request("get")
    assert submit(get, NameForm(), called.append, redirect_to="/there/") is None
    post = _request(data={"name": ""})
    form = NameForm(post.POST)
    assert submit(post, form, called.append, redirect_to="/there/") is None
    assert called == []
    assert form.errors["name"]


def test_submit_puts_a_refusal_on_the_field_it_names_or_on_the_form():
    request = _request(data={"name": "Lan"})
    named = NameForm(request.POST)
    refusal = ValidationError({"name": ["Taken."], "elsewhere": ["Closed."]})
    assert submit(request, named, _refuse(refusal), redirect_to="/there/") is None
    assert named.errors["name"] == ["Taken."]
    assert named.non_field_errors() == ["Closed."]
    plain = NameForm(request.POST)
    assert submit(request, plain, _refuse(Conflict("Changed.")), redirect_to="/x/") is None
    assert plain.non_field_errors() == ["Changed."]
    assert _said(request) == []


def test_apply_errors_and_form_status():
    form = NameForm({"name": "Lan"})
    form.is_valid()
    apply_errors(form, ValidationError("No."))
    assert form.non_field_errors() == ["No."]
    assert form_status(_request()) == 400
    assert form_status(_request("get")) == 200
