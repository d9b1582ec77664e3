"""The first administrator, without a password in any file, argument or log.

``manage.py create_admin USERNAME --email ADDRESS`` asks for the password twice at the terminal and
checks it with the project's password validators; ``--send-link`` instead e-mails a one-time link
to set it (Django's password-reset token: it stops working once the password is set, and after
``PASSWORD_RESET_TIMEOUT``).
"""

from __future__ import annotations

import getpass
import sys

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from cyp.enums import Role
from cyp.models import User
from cyp.signin import set_password_link

ATTEMPTS = 3


class Command(BaseCommand):
    help = (
        "Create an administrator: asks for the password twice at the terminal, or with --send-link e-mails "
        "a one-time link to set it. Never takes a password as an argument."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", required=True, help="Their e-mail address (the link goes there).")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--send-link",
            action="store_true",
            help="E-mail a one-time link to set the password instead of asking for it here.",
        )

    def handle(self, *args, username, email, first_name, last_name, send_link, **options):
        username = username.strip()
        if not username:
            raise CommandError("USERNAME is empty: give the name they will sign in with, e.g. create_admin jo.reid")
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"--email must be an e-mail address (you gave {email!r})") from None
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(
                f"There is already an account called {username!r}: to give it a new password run "
                f"manage.py changepassword {username}"
            )
        user = User(
            username=username,
            email=email,
            first_name=first_name,
            last_name=last_name,
            role=Role.ADMINISTRATOR,
            is_staff=True,
            is_superuser=True,
        )
        if send_link:
            user.set_unusable_password()
            with transaction.atomic():
                user.save()
                link = set_password_link(user)
                # Sent here rather than from a task: on a first install the worker may not run yet, and the
                # person at the terminal must see at once if the mail server refused it (the account is
                # then not created, and they can run the command again).
                send_mail(
                    subject="Your cyp administrator account",
                    message=(
                        f"An administrator account has been created for you on cyp, with the username {username}.\n\n"
                        f"Choose your password here (the link works once, for "
                        f"{settings.PASSWORD_RESET_TIMEOUT // 86400} days):\n\n{link}\n\n"
                        "If you did not expect this, tell your IT team and do not use the link."
                    ),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    recipient_list=[email],
                )
            self.stdout.write(
                self.style.SUCCESS(f"Created the administrator {username}; a link to set the password went to {email}.")
            )
            return
        user.set_password(self._ask_password(user))
        user.save()
        self.stdout.write(self.style.SUCCESS(f"Created the administrator {username}. They can sign in now."))

    def _ask_password(self, user: User) -> str:
        if not sys.stdin.isatty():
            raise CommandError(
                "create_admin asks for the password at a terminal, and there is none here: run it in a terminal, "
                "or use --send-link to e-mail a one-time link to set it"
            )
        for _attempt in range(ATTEMPTS):
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The two passwords differ: type the same one twice.")
                continue
            try:
                validate_password(password, user)
            except ValidationError as error:
                self.stderr.write("That password cannot be used: " + " ".join(error.messages))
                continue
            return password
        raise CommandError(f"No usable password after {ATTEMPTS} tries: nothing was created")
