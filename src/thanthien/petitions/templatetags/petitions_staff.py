"""The staff menu's counts of what waits for the signed-in official."""

from django import template

from thanthien.core import permissions

from ..selectors import waiting_counts as count_waiting

register = template.Library()


@register.simple_tag(takes_context=True)
def waiting_counts(context) -> dict[str, int] | None:
    """The counts of ``selectors.waiting_counts`` (one query per request), or None for a person who
    sees no petitions. A view that has counted already leaves them on the request."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not permissions.can(user, "petitions.view"):
        return None
    counts = getattr(request, "waiting_counts", None)
    if counts is None:
        counts = request.waiting_counts = count_waiting(user)
    return counts
