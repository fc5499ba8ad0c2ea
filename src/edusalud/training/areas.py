"""The transversal competencies the institute trains (DOMAIN.md); coordinators add more.

Created after every `migrate` (post_migrate, as django.contrib.sites creates its
default site), not by a data migration: a database flushed between tests, or
one where someone deleted an area by mistake, gets them back the same way.
"""

AREAS = [
    ("toma-de-decisiones", "Toma de decisiones", "Decision making"),
    ("ingles", "Inglés", "English"),
    ("investigacion", "Investigación", "Research"),
    ("gestion", "Gestión", "Management"),
    ("liderazgo", "Liderazgo", "Leadership"),
    ("desarrollo-humano", "Desarrollo humano", "Human development"),
    ("buen-trato", "Buen trato", "Good treatment"),
    ("igualdad-equidad-genero", "Igualdad, equidad y género", "Equality, equity and gender"),
    ("codigos-conducta-etica", "Códigos de conducta y ética", "Codes of conduct and ethics"),
]


def create_default_areas(app_config, using="default", apps=None, **kwargs) -> None:
    area = (apps or app_config.apps).get_model("training", "CompetencyArea")
    for code, name_es, name_en in AREAS:
        area.objects.using(using).get_or_create(
            code=code, defaults={"name_es": name_es, "name_en": name_en}
        )
