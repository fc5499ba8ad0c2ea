"""E-mails to many people: one SMTP connection per batch, progress after each batch."""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.template.loader import render_to_string

PER_BATCH = 100


def send_each(
    recipients: Iterable[tuple[str, dict]],
    *,
    subject_template: str,
    body_template: str,
    progress: Callable[[int], None] = lambda sent: None,
) -> int:
    """Send each (address, context) its own e-mail rendered from the templates; how many.

    `progress(sent)` is called after every batch, so a page can show a job's
    count growing while it runs.
    """
    recipients = list(recipients)
    for start in range(0, len(recipients), PER_BATCH):
        with get_connection() as connection:
            for address, context in recipients[start : start + PER_BATCH]:
                send_mail(
                    render_to_string(subject_template, context).strip(),
                    render_to_string(body_template, context),
                    settings.DEFAULT_FROM_EMAIL,
                    [address],
                    connection=connection,
                )
        progress(min(start + PER_BATCH, len(recipients)))
    return len(recipients)
