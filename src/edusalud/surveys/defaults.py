"""The institute's two instruments, created after every `migrate` (as training's areas).

The institutional satisfaction survey asks whether the resident is satisfied
with the course, how likely they are to recommend their site (0-10), a few
areas of their site, and one comment. PHEEM comes from `pheem.py`, its bands
with their published source. Both are created published, once: a database that
has them keeps them as they are (an answered instrument is never edited).
"""

import datetime

from edusalud.surveys import pheem

SATISFACTION, PHEEM = "satisfaccion", "pheem"

# (number, kind, measure, required, Spanish, English)
SATISFACTION_ITEMS = [
    (
        1,
        "agreement",
        "satisfaction",
        True,
        "Estoy satisfecho(a) con mi curso de especialización.",
        "I am satisfied with my specialty course.",
    ),
    (
        2,
        "scale",
        "recommendation",
        True,
        "¿Qué tan probable es que recomiende su sede académica a un(a) colega? "
        "(0 = nada probable, 10 = muy probable)",
        "How likely are you to recommend your academic site to a colleague? "
        "(0 = not at all likely, 10 = extremely likely)",
    ),
    (
        3,
        "agreement",
        "",
        True,
        "La enseñanza que recibo de mis profesores es de buena calidad.",
        "The teaching I receive from my professors is of good quality.",
    ),
    (
        4,
        "agreement",
        "",
        True,
        "Recibo la supervisión adecuada cuando atiendo pacientes.",
        "I receive adequate supervision when I care for patients.",
    ),
    (
        5,
        "agreement",
        "",
        True,
        "Los espacios de descanso de mi sede son adecuados.",
        "The rest spaces of my site are adequate.",
    ),
    (
        6,
        "agreement",
        "",
        True,
        "El trato que recibo en mi sede es respetuoso.",
        "I am treated with respect at my site.",
    ),
    (
        7,
        "text",
        "",
        False,
        "Comentarios. No escriba nombres ni datos que permitan identificarle a usted o a otras "
        "personas.",
        "Comments. Do not write names or details that could identify you or anyone else.",
    ),
]

INTRODUCTIONS = {
    SATISFACTION: (
        "Sus respuestas son anónimas: se guardan sin su nombre y solo se muestran sumadas "
        "con las de al menos cinco personas.",
        "Your answers are anonymous: they are kept without your name and only shown added "
        "to those of at least five people.",
    ),
    PHEEM: (
        "Indique qué tan de acuerdo está con cada afirmación sobre el ambiente de aprendizaje "
        "de su sede.",
        "Say how much you agree with each statement about the learning environment of your site.",
    ),
}


def create_default_instruments(app_config, using="default", apps=None, **kwargs) -> None:
    get = (apps or app_config.apps).get_model
    instrument_model = get("surveys", "Instrument")
    item_model, band_model = get("surveys", "Item"), get("surveys", "Band")
    published = datetime.date(2026, 1, 1)
    satisfaction, created = instrument_model.objects.using(using).get_or_create(
        code=SATISFACTION,
        version=1,
        defaults={
            "name_es": "Encuesta institucional de satisfacción de residentes",
            "name_en": "Institutional resident satisfaction survey",
            "abbreviation": "Satisfacción",
            "introduction_es": INTRODUCTIONS[SATISFACTION][0],
            "introduction_en": INTRODUCTIONS[SATISFACTION][1],
            "published_on": published,
        },
    )
    if created:
        item_model.objects.using(using).bulk_create(
            item_model(
                instrument=satisfaction,
                number=number,
                kind=kind,
                measure=measure,
                required=required,
                text_es=text_es,
                text_en=text_en,
            )
            for number, kind, measure, required, text_es, text_en in SATISFACTION_ITEMS
        )
    questionnaire, created = instrument_model.objects.using(using).get_or_create(
        code=PHEEM,
        version=1,
        defaults={
            "name_es": "PHEEM: ambiente educacional de posgrado en el hospital",
            "name_en": "PHEEM: Postgraduate Hospital Educational Environment Measure",
            "abbreviation": "PHEEM",
            "introduction_es": INTRODUCTIONS[PHEEM][0],
            "introduction_en": INTRODUCTIONS[PHEEM][1],
            "published_on": published,
        },
    )
    if created:
        item_model.objects.using(using).bulk_create(
            item_model(
                instrument=questionnaire,
                number=item.number,
                kind="agreement",
                required=True,
                text_es=item.text_es,
                text_en=item.text_en,
                subscale=item.subscale,
                reverse=item.reverse,
            )
            for item in pheem.ITEMS
        )
        band_model.objects.using(using).bulk_create(
            band_model(
                instrument=questionnaire,
                scale=band.scale,
                low=band.low,
                high=band.high,
                label_es=band.label_es,
                label_en=band.label_en,
                source=pheem.SOURCE,
            )
            for band in pheem.BANDS
        )
