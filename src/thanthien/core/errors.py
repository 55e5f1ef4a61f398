"""Error reports that carry no personal data.

Django's error mail lists the request's uploaded files by name; a denouncer's scan could be named
after them. The POST data of sensitive views is already hidden by ``sensitive_post_parameters``.
"""

from django.views.debug import ExceptionReporter


class SafeExceptionReporter(ExceptionReporter):
    def get_traceback_data(self):
        data = super().get_traceback_data()
        if data.get("request_FILES_items"):
            data["request_FILES_items"] = [
                (key, "********************") for key, _file in data["request_FILES_items"]
            ]
        return data
