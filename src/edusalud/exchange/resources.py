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
