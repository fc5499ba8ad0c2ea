"""Bands are corrected in the admin without code, never into a gap or an overlap."""

from django.urls import reverse

from edusalud.surveys.models import Band


def _post(client, band, **changes):
    data = {
        "scale": band.scale,
        "low": band.low,
        "high": band.high,
        "label_es": band.label_es,
        "label_en": band.label_en,
        "source": band.source,
    } | changes
    return client.post(reverse("admin:surveys_band_change", args=[band.pk]), data)


def test_a_label_is_corrected_and_kept_in_the_history(admin_client):
    band = Band.objects.get(instrument__code="pheem", scale="total", low=0)
    response = _post(admin_client, band, label_es="Muy deficiente")
    assert response.status_code == 302
    band.refresh_from_db()
    assert band.label_es == "Muy deficiente"
    assert band.history.count() == 1


def test_a_correction_that_leaves_a_gap_is_refused(admin_client):
    band = Band.objects.get(instrument__code="pheem", scale="total", low=0)
    response = _post(admin_client, band, high=39)
    assert response.status_code == 200
    assert "nothing covers 40-40" in response.content.decode()
    band.refresh_from_db()
    assert band.high == 40
