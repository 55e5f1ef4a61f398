"""A form submitted twice makes one record.

A form that creates something carries a random ``submission_key`` in a hidden field, stored in a
unique column of the record it makes. A second submit with the same key (a double click, a retry
after a lost answer, a second tab) returns the record the first one made instead of making another.
A service asks ``earlier_submission`` first, where it sees fit (before or after its own checks),
and creates through ``create_once``, which also settles two submits that arrive at the same moment:
the unique key lets one insert through, and the other gets that record back.
"""

from collections.abc import Callable
from typing import TypeVar

from django.db import IntegrityError, models, transaction

M = TypeVar("M", bound=models.Model)


def earlier_submission(model: type[M], submission_key: str | None) -> M | None:
    """The record an earlier submit with this key made, if any (no key: none)."""
    if not submission_key:
        return None
    return model.objects.filter(submission_key=submission_key).first()


def create_once(
    model: type[M], submission_key: str | None, create: Callable[[], M]
) -> tuple[M, bool]:
    """Call ``create()`` in a transaction; returns (the record, True).

    When the insert breaks a unique constraint because a concurrent submit with the same key got
    there first, returns (that submit's record, False). Any other integrity error (or one without
    a key) is raised again."""
    try:
        with transaction.atomic():
            return create(), True
    except IntegrityError:
        existing = earlier_submission(model, submission_key)
        if existing is None:
            raise
        return existing, False
