"""Login lockout: per account at AXES_FAILURE_LIMIT, per IP at AXES_IP_FAILURE_LIMIT.

django-axes counts the failures of each lockout parameter and locks when the
largest count reaches one limit for all. A hospital's staff reach us from one
public address, so five typos there would lock the whole hospital out; the IP
count is scaled so that it locks only at its own, higher limit.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        # One queryset per entry of AXES_LOCKOUT_PARAMETERS: username, then IP.
        by_account, by_ip = (
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        scaled_ip = by_ip * settings.AXES_FAILURE_LIMIT // settings.AXES_IP_FAILURE_LIMIT
        return max(by_account, scaled_ip)
