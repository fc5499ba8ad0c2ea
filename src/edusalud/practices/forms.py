from django import forms
from django.utils.translation import gettext_lazy as _

from edusalud.practices.models import BODY_MAX, SUMMARY_MAX, TITLE_MAX
from edusalud.training.models import CompetencyArea


class PostForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("At most 280 characters: the social-media campaign publishes it as it is."),
    )
    body = forms.CharField(
        label=_("The practice"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "What you did, with whom, and what changed; at most 5,000 characters. "
            "Plain text: a blank line starts a new paragraph."
        ),
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Competency areas"),
        queryset=CompetencyArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    author_name = forms.CharField(
        label=_("Author's name as published"),
        max_length=150,
        help_text=_("As it will appear on the public page, e.g. Dra. Leticia Robles Garza."),
    )
    site = forms.ModelChoiceField(label=_("Site"), queryset=None, empty_label=None)

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        first_two = list(sites[:2])
        # The site of a professor's programme or a site coordinator's: nothing to choose.
        self.only_site = first_two[0] if len(first_two) == 1 else None
        if self.only_site:
            del self.fields["site"]

    def clean(self):
        data = super().clean()
        if self.only_site:
            data["site"] = self.only_site
        return data


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the author"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required to return the post: say what to change."),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
