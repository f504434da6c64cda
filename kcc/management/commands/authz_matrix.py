"""Print the authorisation matrix as README's Markdown table."""

from django.core.management.base import BaseCommand

from kcc import authz


class Command(BaseCommand):
    help = "De autorisatiematrix (kcc.authz.MATRIX) als Markdown-tabel voor de README."

    def handle(self, *args, **options):
        self.stdout.write(authz.matrix_markdown(), ending="")
