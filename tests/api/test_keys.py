"""API keys: the ``apikey`` command, what is stored, and how a key is checked."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from thanthien.api.keys import apikey_authenticate, apikey_create, apikey_revoke
from thanthien.api.models import ApiKey


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("apikey", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue().strip()


@pytest.mark.django_db
def test_it_prints_a_new_key_once_and_keeps_only_its_hash(clerk):
    key, note = run("create", "--name", "Ứng dụng Zalo", "--user", clerk.username)
    assert key.startswith("tt_") and len(key) == 46
    stored = ApiKey.objects.get(prefix=key[:8])
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {stored.name, stored.prefix, stored.key_hash}
    assert (stored.name, stored.user) == ("Ứng dụng Zalo", clerk)
    assert "not shown again" in note
    assert apikey_authenticate(key) == stored


@pytest.mark.django_db
def test_a_key_without_a_user_is_for_submitting_only():
    key, _ = run("create", "--name", "FixMyStreet")
    assert ApiKey.objects.get(prefix=key[:8]).user is None


@pytest.mark.django_db
def test_revoking_by_prefix_ends_the_key(clerk):
    key, _ = run("create", "--name", "tạm", "--user", clerk.username)
    out, _ = run("revoke", "--prefix", key[:8])
    assert out == "Revoked 1 key(s)."
    assert apikey_authenticate(key) is None
    with pytest.raises(CommandError):
        run("revoke", "--prefix", key[:8])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args",
    [
        ["create", "--name", "x", "--user", "nobody"],
        ["create", "--name", " "],
        ["create", "--name", "x" * 101],
        ["revoke", "--prefix", "tt_"],
    ],
)
def test_bad_arguments_are_refused_and_create_nothing(args):
    before = ApiKey.objects.count()
    with pytest.raises(CommandError):
        run(*args)
    assert ApiKey.objects.count() == before


@pytest.mark.django_db
def test_wrong_keys_do_not_authenticate(clerk):
    key = apikey_create(name="t", username=clerk.username)[1]
    for wrong in [
        "",
        None,
        "tt_",
        key[:-1] + ("A" if key[-1] != "A" else "B"),
        key.upper(),
        "x" * 500,
    ]:
        assert apikey_authenticate(wrong) is None


@pytest.mark.django_db
def test_a_key_of_a_deactivated_official_stops_working(clerk):
    key = apikey_create(name="t", username=clerk.username)[1]
    clerk.is_active = False
    clerk.save(update_fields=["is_active"])
    assert apikey_authenticate(key) is None


@pytest.mark.django_db
def test_the_last_use_is_recorded(clerk):
    stored, key = apikey_create(name="t", username=clerk.username)
    assert stored.last_used_at is None
    apikey_authenticate(key)
    stored.refresh_from_db()
    assert stored.last_used_at is not None
    assert apikey_revoke(prefix=key[:8]) == 1
