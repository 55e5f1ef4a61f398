"""Vietnamese number formats: Django's, plus grouping by thousands (30.000.000 đồng), which Django's
Vietnamese locale leaves out. Used where a template asks for grouping (``floatformat:"0g"``)."""

from django.conf.locale.vi.formats import *  # noqa: F403

NUMBER_GROUPING = 3
