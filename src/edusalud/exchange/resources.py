"""The file formats, declared once with django-import-export.

A Resource names each column (Spanish headers, the ones offices already use)
and renders a row for export; imports read the same declaration to find the
columns in a file (`columns_of`), also under our own field names and the
aliases below. Headers are data, not interface: they stay in Spanish whatever
the user's language, so a file exported by one user imports for any other.
"""

import unicodedata

from import_export import resources
from import_export.fields import Field

from edusalud.catalog.models import Programme, Site, Specialty
from edusalud.residents.models import Enrolment


def normalise_header(text: str) -> str:
    """Compare headers without case, accents, punctuation or extra spaces."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


class FileResource(resources.Resource):
    # Other headers each column is known by in the offices' own sheets.
    aliases: dict[str, tuple[str, ...]] = {}
    # Columns a file must have to be imported at all.
    required: tuple[str, ...] = ()

    @classmethod
    def header_names(cls) -> dict[str, str]:
        """Normalised header → field name, from column names, field names and aliases."""
        names = {}
        for name, field in cls().fields.items():
            for header in (name, field.column_name, *cls.aliases.get(name, ())):
                names[normalise_header(header)] = name
        return names

    @classmethod
    def column_name(cls, name: str) -> str:
        return cls().fields[name].column_name


class ResidentResource(FileResource):
    """One row per enrolment: who the resident is, where and in which year they train."""

    curp = Field(attribute="person__curp", column_name="CURP")
    first_names = Field(attribute="person__first_names", column_name="Nombre(s)")
    last_name = Field(attribute="person__last_name", column_name="Primer apellido")
    second_last_name = Field(attribute="person__second_last_name", column_name="Segundo apellido")
    sex = Field(attribute="person__sex", column_name="Sexo")
    birth_date = Field(attribute="person__birth_date", column_name="Fecha de nacimiento")
    nationality = Field(column_name="Nacionalidad")
    passport_number = Field(attribute="person__passport_number", column_name="Pasaporte")
    email = Field(attribute="person__email", column_name="Correo electrónico")
    site = Field(attribute="programme__site__clues", column_name="Sede (CLUES)")
    specialty = Field(attribute="programme__specialty__code", column_name="Especialidad")
    year = Field(column_name="Grado")
    started_on = Field(attribute="started_on", column_name="Fecha de inicio")
    status = Field(attribute="status", column_name="Estado")
    prerequisite_evidence = Field(
        attribute="prerequisite_evidence", column_name="Constancia de especialidad previa"
    )

    aliases = {
        "first_names": ("Nombre", "Nombres"),
        "last_name": ("Apellido paterno",),
        "second_last_name": ("Apellido materno",),
        "birth_date": ("Fecha nacimiento",),
        "passport_number": ("Número de pasaporte", "Pasaporte (extranjeros)"),
        "email": ("Correo", "Email", "E-mail"),
        "site": ("Sede", "CLUES", "Clave CLUES"),
        "specialty": ("Clave de especialidad", "Curso"),
        "year": ("Año", "Año de residencia"),
        "started_on": ("Inicio", "Fecha de ingreso"),
        "prerequisite_evidence": ("Cédula de especialidad previa", "Constancia"),
    }
    required = ("first_names", "last_name", "sex", "birth_date", "site", "specialty", "year")

    class Meta:
        model = Enrolment

    def dehydrate_curp(self, enrolment) -> str:
        return enrolment.person.curp or ""

    def dehydrate_birth_date(self, enrolment) -> str:
        return enrolment.person.birth_date.isoformat()

    def dehydrate_nationality(self, enrolment) -> str:
        return enrolment.person.nationality.code

    def dehydrate_year(self, enrolment) -> str:
        return enrolment.year_label

    def dehydrate_started_on(self, enrolment) -> str:
        return enrolment.started_on.isoformat()


class SiteResource(FileResource):
    clues = Field(attribute="clues", column_name="CLUES")
    name = Field(attribute="name", column_name="Nombre")
    kind = Field(attribute="kind", column_name="Tipo")
    care_level = Field(attribute="care_level", column_name="Nivel de atención")
    region = Field(attribute="region__code", column_name="Delegación")
    beds = Field(attribute="beds", column_name="Camas")

    aliases = {
        "clues": ("Clave CLUES", "Sede (CLUES)"),
        "name": ("Sede", "Nombre de la sede", "Unidad"),
        "kind": ("Tipo de unidad",),
        "care_level": ("Nivel",),
        "region": ("Región", "OOAD", "Estado"),
    }
    required = ("clues", "name", "kind", "care_level", "region")

    class Meta:
        model = Site


class SpecialtyResource(FileResource):
    code = Field(attribute="code", column_name="Clave")
    name_es = Field(attribute="name_es", column_name="Nombre")
    name_en = Field(attribute="name_en", column_name="Nombre en inglés")
    entry = Field(attribute="entry", column_name="Ingreso")
    prerequisite = Field(attribute="prerequisite__code", column_name="Especialidad previa")
    duration_years = Field(attribute="duration_years", column_name="Duración (años)")

    aliases = {
        "code": ("Clave de especialidad",),
        "name_es": ("Especialidad", "Nombre en español"),
        "entry": ("Tipo de ingreso", "Entrada"),
        "prerequisite": ("Requisito", "Especialidad requisito"),
        "duration_years": ("Duración", "Años"),
    }
    required = ("code", "name_es", "entry", "duration_years")

    class Meta:
        model = Specialty

    def dehydrate_prerequisite(self, specialty) -> str:
        return specialty.prerequisite.code if specialty.prerequisite_id else ""


class ProgrammeResource(FileResource):
    site = Field(attribute="site__clues", column_name="Sede (CLUES)")
    specialty = Field(attribute="specialty__code", column_name="Especialidad")
    university = Field(attribute="university", column_name="Universidad")
    quality_recognition = Field(attribute="quality_recognition", column_name="Reconocimiento")
    quality_level = Field(attribute="quality_level", column_name="Nivel de calidad")
    quality_valid_from = Field(column_name="Vigente desde")
    quality_valid_until = Field(column_name="Vigente hasta")
    yearly_positions = Field(attribute="yearly_positions", column_name="Plazas por año")

    aliases = {
        "site": ("CLUES", "Sede"),
        "specialty": ("Clave de especialidad",),
        "university": ("Aval universitario",),
        "quality_recognition": ("PNPC", "SNP", "PNPC/SNP"),
        "yearly_positions": ("Plazas",),
    }
    required = ("site", "specialty")

    class Meta:
        model = Programme

    def dehydrate_quality_valid_from(self, programme) -> str:
        day = programme.quality_valid_from
        return day.isoformat() if day else ""

    def dehydrate_quality_valid_until(self, programme) -> str:
        day = programme.quality_valid_until
        return day.isoformat() if day else ""


class PositionResource(FileResource):
    """The places a programme offers in an admission cycle."""

    site = Field(attribute="programme__site__clues", column_name="Sede (CLUES)")
    specialty = Field(attribute="programme__specialty__code", column_name="Especialidad")
    places = Field(attribute="places", column_name="Plazas")
    foreign_places = Field(attribute="foreign_places", column_name="Plazas para extranjeros")

    aliases = {
        "site": ("CLUES", "Sede"),
        "specialty": ("Clave de especialidad",),
        "places": ("Lugares", "Plazas totales"),
        "foreign_places": ("Plazas reservadas para extranjeros", "Extranjeros"),
    }
    required = ("site", "specialty", "places")


class ApplicantResource(FileResource):
    """A selected ENARM applicant: folio, score, specialty, and who they are."""

    folio = Field(attribute="folio", column_name="Folio ENARM")
    score = Field(attribute="score", column_name="Puntaje ENARM")
    specialty = Field(attribute="specialty__code", column_name="Especialidad")
    curp = Field(attribute="person__curp", column_name="CURP")
    first_names = Field(attribute="person__first_names", column_name="Nombre(s)")
    last_name = Field(attribute="person__last_name", column_name="Primer apellido")
    second_last_name = Field(attribute="person__second_last_name", column_name="Segundo apellido")
    sex = Field(attribute="person__sex", column_name="Sexo")
    birth_date = Field(attribute="person__birth_date", column_name="Fecha de nacimiento")
    nationality = Field(column_name="Nacionalidad")
    passport_number = Field(attribute="person__passport_number", column_name="Pasaporte")
    email = Field(attribute="person__email", column_name="Correo electrónico")
    prerequisite_evidence = Field(
        attribute="prerequisite_evidence", column_name="Cédula de especialidad previa"
    )

    aliases = {
        **{name: ResidentResource.aliases[name] for name in ("first_names", "last_name")},
        **{name: ResidentResource.aliases[name] for name in ("second_last_name", "email")},
        **{name: ResidentResource.aliases[name] for name in ("birth_date", "passport_number")},
        "folio": ("Folio",),
        "score": ("Puntaje", "Calificación ENARM"),
        "specialty": ("Clave de especialidad", "Especialidad elegida"),
        "prerequisite_evidence": ("Constancia de especialidad previa", "Constancia"),
    }
    # The e-mail address is the applicant's account: they sign in to rank sites.
    required = (
        "folio",
        "score",
        "specialty",
        "first_names",
        "last_name",
        "sex",
        "birth_date",
        "email",
    )


class PreferenceResource(FileResource):
    """One line of an applicant's rank list: rank 1 is their first choice."""

    folio = Field(attribute="applicant__folio", column_name="Folio ENARM")
    rank = Field(attribute="rank", column_name="Lugar")
    site = Field(attribute="position__programme__site__clues", column_name="Sede (CLUES)")

    aliases = {"folio": ("Folio",), "rank": ("Orden", "Preferencia"), "site": ("CLUES", "Sede")}
    required = ("folio", "rank", "site")


class RankingResource(FileResource):
    """One line of a programme's own order of applicants, replacing the score order."""

    site = Field(attribute="position__programme__site__clues", column_name="Sede (CLUES)")
    specialty = Field(attribute="position__programme__specialty__code", column_name="Especialidad")
    rank = Field(attribute="rank", column_name="Lugar")
    folio = Field(attribute="applicant__folio", column_name="Folio ENARM")

    aliases = {
        "site": ("CLUES", "Sede"),
        "specialty": ("Clave de especialidad",),
        "rank": ("Orden",),
        "folio": ("Folio",),
    }
    required = ("site", "specialty", "rank", "folio")


# The format of each kind of import, and the list page its rows appear on.
RESOURCES = {
    "residents": ResidentResource,
    "sites": SiteResource,
    "specialties": SpecialtyResource,
    "programmes": ProgrammeResource,
    "positions": PositionResource,
    "applicants": ApplicantResource,
    "preferences": PreferenceResource,
    "rankings": RankingResource,
}
# Admission files land on their cycle's page (admissions:cycle_detail, by year).
LIST_PAGES = {
    "residents": "residents:enrolment_list",
    "sites": "catalog:site_list",
    "specialties": "catalog:specialty_list",
    "programmes": "catalog:programme_list",
}


def columns_of(kind: str) -> tuple[list[str], list[str]]:
    """The required and the optional headers of a kind of file, as the page lists them."""
    resource = RESOURCES[kind]
    names = list(resource().fields)
    required = [resource.column_name(n) for n in names if n in resource.required]
    optional = [resource.column_name(n) for n in names if n not in resource.required]
    return required, optional
