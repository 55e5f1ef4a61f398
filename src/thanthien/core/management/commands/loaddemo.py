from django.core.management.base import BaseCommand

from thanthien.core.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the Thạch Thành 2023 demo data (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        from .demo import load_app_demos

        logins = load_demo()
        load_app_demos(self.stdout)
        self.stdout.write(format_logins(logins))


def format_logins(logins) -> str:
    lines = [f"Demo logins (password for all: {DEMO_PASSWORD}):"]
    for login in logins:
        role = login.role.value if login.role else "citizen"
        lines.append(f"  {login.username:<18} {role:<14} {login.full_name:<12} {login.what}")
    return "\n".join(lines)
