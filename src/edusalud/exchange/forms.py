from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from edusalud.exchange.models import ADMISSION_KINDS, ImportKind


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=ImportKind.choices)
    cycle = forms.TypedChoiceField(
        label=_("Admission cycle"),
        coerce=int,
        required=False,
        help_text=_("Only for admission files: the cycle their rows go into."),
    )
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_(
            "Excel (.xlsx) or CSV in UTF-8 or Windows-1252, separated by commas or semicolons."
        ),
    )

    def __init__(self, *args, kinds: list[str], cycles: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (value, capfirst(label)) for value, label in ImportKind.choices if value in kinds
        ]
        if cycles:
            self.fields["cycle"].choices = [("", "—"), *((year, str(year)) for year in cycles)]
        else:
            del self.fields["cycle"]

    def clean(self):
        data = super().clean()
        if data.get("kind") in ADMISSION_KINDS and not data.get("cycle"):
            self.add_error("cycle", _("Choose the admission cycle the rows go into."))
        return data

    def options(self) -> dict:
        """Where the rows go, kept on the job (ImportJob.options)."""
        if self.cleaned_data["kind"] in ADMISSION_KINDS:
            return {"cycle": self.cleaned_data["cycle"]}
        return {}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Checked before the file is read: a huge upload is refused at once.
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size).1f MB; the limit is %(limit).1f MB.")
                % {"size": upload.size / 1e6, "limit": settings.IMPORT_MAX_BYTES / 1e6}
            )
        return upload


class ExportForm(forms.Form):
    format = forms.ChoiceField(choices=[("csv", "CSV"), ("xlsx", "XLSX")], required=False)
