from django.conf import settings

from .permissions import is_official


def site(request):
    user = getattr(request, "user", None)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "is_official": bool(user and user.is_authenticated and is_official(user)),
    }
