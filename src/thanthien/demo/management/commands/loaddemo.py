from django.core.management.base import BaseCommand

from thanthien.demo import load
from thanthien.demo.units_people import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        logins = load(report=lambda story, result: self.stdout.write(f"  {story}: {result}"))
        self.stdout.write(format_logins(logins))


def format_logins(logins) -> str:
    lines = [f"Demo logins (password for all: {DEMO_PASSWORD}):"]
    for login in logins:
        role = login.role.value if login.role else "citizen"
        lines.append(f"  {login.username:<18} {role:<14} {login.full_name:<12} {login.what}")
    return "\n".join(lines)
