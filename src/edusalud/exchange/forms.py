from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from edusalud.exchange.models import ImportKind


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_(
            "Excel (.xlsx) or CSV in UTF-8 or Windows-1252, separated by commas or semicolons."
        ),
    )

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [c for c in ImportKind.choices if c[0] in kinds]

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
