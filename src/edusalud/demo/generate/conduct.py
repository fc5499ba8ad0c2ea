"""The demo professor and resident have accepted the codes in force; the site coordinator
has not yet, so their pages show the reminder and the site's coverage is not complete."""

import datetime

from edusalud.accounts.models import User
from edusalud.conduct import selectors, services


def accept_codes(*, today: datetime.date) -> None:
    for user in User.objects.filter(username__in=["profesor", "residente"]):
        for version in selectors.current_versions(today):
            services.acknowledge(user=user, version=version, today=today)
