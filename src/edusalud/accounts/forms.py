from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from edusalud.accounts.models import User


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        help_text=_("What the token is for, e.g. “Hospital information system”."),
    )


class PasswordLinkForm(PasswordResetForm):
    """The "forgot your password?" form, also for accounts that never had one.

    Applicants' accounts are created without a password (decision 0013); the
    link they get by e-mail, or ask for here, lets them choose it. Django's
    form leaves such accounts out.
    """

    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def get_users(self, email):
        return User.objects.filter(email__iexact=email, is_active=True)
