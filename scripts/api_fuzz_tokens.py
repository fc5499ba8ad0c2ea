"""Print one API token per demo role, as `role token` lines (for scripts/api-fuzz.sh).

Run after `edusalud demo` on a throwaway database: the tokens are real.
"""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edusalud.config.settings")
django.setup()

from edusalud.accounts.models import RoleAssignment, User  # noqa: E402
from edusalud.accounts.tokens import create_api_token  # noqa: E402
from edusalud.demo import data  # noqa: E402

for demo in data.DEMO_USERS:
    assignment = RoleAssignment.objects.select_related("user").get(user__username=demo.username)
    _, secret = create_api_token(user=assignment.user, name="schemathesis")
    print(demo.role, secret)

# The demo applicant has no role: their own application is all they reach.
applicant = User.objects.get(username=data.APPLICANT.username)
_, secret = create_api_token(user=applicant, name="schemathesis")
print("applicant", secret)
