"""The application's settings plus bench/fixes.py, which patches in the proposed changes.

PYTHONPATH=. DJANGO_SETTINGS_MODULE=bench.settings_fixes .venv/bin/python bench/run.py ...
"""

from thanthien.settings import *  # noqa: F403
from thanthien.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench.fixes.BenchFixes"]
