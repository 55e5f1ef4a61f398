from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .people import find_user


class PhoneEmailOrUsernameBackend(ModelBackend):
    """Sign in with a phone number (any common spelling), an email address or a user name."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = find_user(username)
        if user is None:
            # Spend the same time as a real check, so timing does not reveal which accounts exist.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
