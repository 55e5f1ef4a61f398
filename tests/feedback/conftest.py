"""The petition core's fixtures (a field, a submission helper, media in a temporary folder)."""

from tests.petitions.conftest import _media, land, no_approval, submit  # noqa: F401
