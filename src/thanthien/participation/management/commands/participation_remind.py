from django.core.management.base import BaseCommand

from thanthien.participation.tasks import send_recommendation_reminders


class Command(BaseCommand):
    help = "Enqueue today's reminders of the Front's recommendations (run once a day)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="send them now instead of enqueuing")

    def handle(self, *args, **options):
        if options["now"]:
            self.stdout.write(str(send_recommendation_reminders.call()))
        else:
            result = send_recommendation_reminders.enqueue()
            self.stdout.write(f"enqueued {result.id}")
