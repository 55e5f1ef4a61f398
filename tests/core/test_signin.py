"""Sign-in limits (issue 15): they slow guessing down without locking out the right password, they
cover /admin/login/, and they count by the real client address behind trusted proxies."""

import datetime as dt
import re

import pytest
from django.test import RequestFactory

from thanthien.core.middleware import client_ip
from thanthien.core.models import LoginFailure
from thanthien.core.signin import delay_after

RIGHT = "thanthien-demo"


def _sign_in(client, username, password, **headers):
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        HTTP_ACCEPT_LANGUAGE="en",
        **headers,
    )


def _let_time_pass(seconds):
    """Move every recorded failure back in time, as if ``seconds`` had passed."""
    for failure in LoginFailure.objects.all():
        LoginFailure.objects.filter(pk=failure.pk).update(
            at=failure.at - dt.timedelta(seconds=seconds)
        )


def test_the_delay_doubles_after_the_threshold_up_to_the_cap(settings):
    settings.LOGIN_MAX_DELAY_SECONDS = 600
    assert [delay_after(n, 5) for n in (4, 5, 6, 7, 12, 40)] == [0, 2, 4, 8, 256, 600]


@pytest.mark.django_db
def test_the_right_password_works_after_the_wait(client, settings):
    for _ in range(settings.LOGIN_MAX_FAILURES + 2):  # delays of 2, 4, then 8 seconds
        _sign_in(client, "vandu.chutich", "wrong")
    response = _sign_in(client, "vandu.chutich", RIGHT)
    assert response.status_code == 400
    # 8 seconds from the last failure, less the time the machine took since.
    wait = int(re.search(r"Try again in (\d+) seconds", response.content.decode()).group(1))
    assert 1 <= wait <= 8
    assert "_auth_user_id" not in client.session
    _let_time_pass(9)
    assert _sign_in(client, "vandu.chutich", RIGHT).status_code == 302


@pytest.mark.django_db
def test_the_wait_is_told_in_vietnamese(client, settings):
    for _ in range(settings.LOGIN_MAX_FAILURES):
        _sign_in(client, "vandu.chutich", "wrong")
    response = client.post(
        "/accounts/login/",
        {"username": "vandu.chutich", "password": RIGHT},
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert re.search(r"Vui lòng thử lại sau \d giây", response.content.decode())


@pytest.mark.django_db
def test_someone_guessing_from_one_address_does_not_slow_the_owner_elsewhere(client, settings):
    for _ in range(settings.LOGIN_MAX_FAILURES + 3):
        _sign_in(client, "vandu.chutich", "wrong", REMOTE_ADDR="203.0.113.9")
    assert _sign_in(client, "vandu.chutich", RIGHT, REMOTE_ADDR="198.51.100.7").status_code == 302


@pytest.mark.django_db
def test_an_address_trying_many_accounts_is_slowed_at_a_higher_threshold(client, settings):
    settings.LOGIN_ADDRESS_MAX_FAILURES = 8
    for n in range(8):
        _sign_in(client, f"nguoi{n}", "wrong", REMOTE_ADDR="203.0.113.9")
    response = _sign_in(client, "vandu.vanthu", RIGHT, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 400 and "Try again in" in response.content.decode()
    # Only a delay: after it, the right password of an account nobody attacked works.
    _let_time_pass(3)
    assert _sign_in(client, "vandu.vanthu", RIGHT, REMOTE_ADDR="203.0.113.9").status_code == 302


@pytest.mark.django_db
def test_admin_sign_in_goes_through_the_same_page_and_limits(client, settings):
    response = client.post(
        "/admin/login/?next=/admin/core/user/", {"username": "huyen.quantri", "password": RIGHT}
    )
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=%2Fadmin%2Fcore%2Fuser%2F"
    assert "_auth_user_id" not in client.session  # the admin's own form never checks a password
    for _ in range(settings.LOGIN_MAX_FAILURES):
        _sign_in(client, "huyen.quantri", "wrong")
    assert _sign_in(client, "huyen.quantri", RIGHT).status_code == 400
    _let_time_pass(3)
    response = client.post(
        "/accounts/login/",
        {"username": "huyen.quantri", "password": RIGHT, "next": "/admin/"},
    )
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_behind_one_proxy_two_citizens_do_not_share_a_budget(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(settings.LOGIN_MAX_FAILURES + 2):
        _sign_in(client, "vandu.chutich", "wrong", HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    assert LoginFailure.objects.filter(key__startswith="ip:203.0.113.9").exists()
    assert not LoginFailure.objects.filter(key__contains="10.0.0.1").exists()
    response = _sign_in(
        client, "vandu.chutich", RIGHT, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_without_a_trusted_proxy_a_forged_header_is_ignored(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(settings.LOGIN_MAX_FAILURES):
        _sign_in(client, "vandu.chutich", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    response = _sign_in(client, "vandu.chutich", RIGHT, HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert response.status_code == 400
    assert not LoginFailure.objects.filter(key__contains="192.0.2.").exists()


@pytest.mark.parametrize(
    ("count", "forwarded", "address"),
    [
        (0, "1.2.3.4", "10.0.0.1"),
        (1, "1.2.3.4", "1.2.3.4"),
        (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),  # the client wrote 6.6.6.6 itself
        (2, "6.6.6.6, 1.2.3.4, 10.0.0.2", "1.2.3.4"),
        (2, "1.2.3.4", "10.0.0.1"),  # it did not pass through both proxies
        (1, "not-an-address", "10.0.0.1"),
        (1, "", "10.0.0.1"),
    ],
)
def test_the_client_address_counts_trusted_proxies_from_the_right(
    settings, count, forwarded, address
):
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == address
