"""Interpretation bands are corrected here, without code; answers never appear in the admin.

A change to a band is refused when the instrument's bands would leave a gap or
an overlap (pheem.band_problems), so every mean keeps exactly one band.
"""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from edusalud.surveys import pheem
from edusalud.surveys.models import Band


class BandForm(forms.ModelForm):
    class Meta:
        model = Band
        fields = ["scale", "low", "high", "label_es", "label_en", "source"]

    def clean(self):
        cleaned = super().clean()
        if self.errors or self.instance.instrument.code != "pheem":
            return cleaned
        others = self.instance.instrument.bands.exclude(pk=self.instance.pk)
        bands = [pheem.Band(b.scale, b.low, b.high, b.label_es, b.label_en) for b in others]
        bands.append(
            pheem.Band(cleaned["scale"], cleaned["low"], cleaned["high"], cleaned["label_es"], "")
        )
        problems = pheem.band_problems(bands)
        if problems:
            raise forms.ValidationError(problems)
        return cleaned


@admin.register(Band)
class BandAdmin(SimpleHistoryAdmin):
    form = BandForm
    list_display = ["instrument", "scale", "low", "high", "label_es"]
    list_filter = ["instrument", "scale"]
    list_select_related = ["instrument"]

    def has_add_permission(self, request):
        return False  # bands come with their instrument; here they are corrected

    def has_delete_permission(self, request, obj=None):
        return False
