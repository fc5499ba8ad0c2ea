"""Good teaching practices at the demo site: published posts for the public page and the
feed, one awaiting the site coordinator's review, and a draft of the demo professor.

Written through practices.services, like the pages: the history, addresses and
dates are the ones a real review would leave.
"""

import datetime
import random
from typing import NamedTuple

from django.utils import timezone

from edusalud.accounts.models import User
from edusalud.practices import selectors, services
from edusalud.training.models import CompetencyArea


class DemoPractice(NamedTuple):
    author: str  # a demo username
    days_ago: int  # when it was written
    status: str  # "approved", "submitted" or "draft"
    title: str
    summary: str
    body: str
    areas: tuple[str, ...]  # CompetencyArea codes


PRACTICES = (
    DemoPractice(
        "profesor",
        120,
        "approved",
        "Casos clínicos de diez minutos en la entrega de guardia",
        "Cada mañana un R2 presenta en diez minutos un caso de la guardia y los R1 proponen "
        "la conducta antes de oír la resolución. En tres meses mejoró la calidad de las "
        "notas de entrega.",
        "Al terminar la guardia, el residente de segundo año elige un paciente y lo presenta "
        "en diez minutos: motivo de ingreso, decisiones tomadas y lo que haría distinto.\n\n"
        "Antes de conocer la resolución, los residentes de primer año proponen su conducta en "
        "voz alta. El profesor solo interviene al final.\n\n"
        "Revisamos las notas de entrega de guardia antes y después de tres meses: las que "
        "incluían un plan explícito pasaron de 4 de cada 10 a 8 de cada 10.",
        ("toma-de-decisiones", "liderazgo"),
    ),
    DemoPractice(
        "profesor",
        90,
        "approved",
        "Simulación de vía aérea difícil antes de la primera guardia",
        "Ningún R1 de Anestesiología entra a su primera guardia sin haber resuelto tres "
        "escenarios de vía aérea difícil en el maniquí, con retroalimentación en video.",
        "Durante el primer mes, cada residente de primer año practica tres escenarios: "
        "intubación fallida, paciente obeso y vía aérea pediátrica.\n\n"
        "Grabamos cada escenario y lo revisamos juntos el mismo día, con una lista de "
        "cotejo breve. El residente repite el escenario hasta completarla.\n\n"
        "Los residentes dicen llegar a su primera guardia con menos miedo, y los adscritos "
        "notan que piden ayuda antes.",
        ("toma-de-decisiones",),
    ),
    DemoPractice(
        "sede",
        75,
        "approved",
        "Buzón de buen trato en las aulas de residentes",
        "Instalamos un buzón anónimo en el área de descanso de residentes. Cada mes la "
        "jefatura responde por escrito lo que recibió y lo que hizo al respecto.",
        "El buzón recibe comentarios anónimos sobre el trato entre residentes, adscritos y "
        "personal. Cada mes publicamos en el pizarrón de la jefatura un resumen y las "
        "acciones tomadas.\n\n"
        "En el primer semestre recibimos 46 comentarios; 11 llevaron a una conversación con "
        "el servicio correspondiente. Lo más valorado por los residentes fue la respuesta "
        "por escrito: saben que alguien lo lee.",
        ("buen-trato", "codigos-conducta-etica"),
    ),
    DemoPractice(
        "profesor",
        60,
        "approved",
        "Club de revistas en inglés con preguntas clínicas reales",
        "Una vez a la semana un residente lee un artículo en inglés que responde a una "
        "pregunta surgida en la consulta, y lo presenta en español en quince minutos.",
        "Las preguntas salen de pacientes reales de la semana. El residente busca la "
        "evidencia, elige un artículo en inglés y lo resume con una diapositiva de "
        "conclusiones.\n\n"
        "Al final, el grupo decide si cambia algo en nuestra práctica. Llevamos 30 sesiones "
        "y cuatro cambios en los protocolos del servicio.",
        ("ingles", "investigacion"),
    ),
    DemoPractice(
        "regional",
        45,
        "approved",
        "Tutoría entre pares para residentes extranjeros",
        "Cada residente extranjero de nuevo ingreso tiene un tutor R2 o R3 durante su primer "
        "trimestre: trámites, guardias, expediente electrónico y vida en la ciudad.",
        "Los residentes que vienen de otros países llegan con la misma formación clínica, "
        "pero sin conocer nuestros procesos. Un residente de segundo o tercer año los "
        "acompaña durante tres meses.\n\n"
        "Se reúnen una vez por semana y el tutor avisa a la jefatura si detecta un "
        "problema. Ninguno de los residentes acompañados este año pidió cambio de sede.",
        ("desarrollo-humano", "buen-trato"),
    ),
    DemoPractice(
        "sede",
        30,
        "approved",
        "Pase de visita con perspectiva de género",
        "Agregamos al pase de visita una pregunta fija: ¿hay algo en la situación de esta "
        "paciente o este paciente que cambie por su género? Abrió conversaciones que antes "
        "no teníamos.",
        "La pregunta se hace al final de cada caso y cualquier integrante del equipo puede "
        "responder. A veces la respuesta es no; otras, aparece una cuidadora sin apoyo o "
        "una consulta postergada.\n\n"
        "Acompañamos la práctica con el curso de igualdad, equidad y perspectiva de género "
        "del instituto.",
        ("igualdad-equidad-genero",),
    ),
    DemoPractice(
        "profesor",
        6,
        "submitted",
        "Retroalimentación de un minuto al final de cada procedimiento",
        "Al terminar un procedimiento, el adscrito da al residente una fortaleza y un "
        "aspecto a mejorar, en un minuto y frente al paciente solo si este lo acepta.",
        "La retroalimentación se da de inmediato, cuando el residente todavía recuerda cada "
        "paso. La regla es una fortaleza y un aspecto a mejorar, nada más.\n\n"
        "Los residentes registran la retroalimentación en su bitácora y la revisamos al "
        "cierre de cada mes.",
        ("desarrollo-humano", "liderazgo"),
    ),
    DemoPractice(
        "profesor",
        2,
        "draft",
        "Guía de bolsillo para la primera semana de residencia",
        "Una guía de dos páginas que entregamos a los R1: a quién llamar, dónde está cada "
        "cosa y qué se espera de ellos en la primera semana.",
        "Borrador: falta agregar los teléfonos de la jefatura y el rol de guardias.",
        ("gestion",),
    ),
)


def _moment(day: datetime.date, rng: random.Random) -> datetime.datetime:
    """Office hours of that day in Mexico City."""
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(rng.randint(8, 14), rng.randint(0, 59)))
    )


# How each demo author signs: the account holds the name, not the title.
SIGNED_AS = {"profesor": "Dr.", "sede": "Dra.", "regional": "Dr."}


def create_practices(rng: random.Random, *, today: datetime.date) -> None:
    users = {u.username: u for u in User.objects.filter(username__in=SIGNED_AS)}
    areas = {a.code: a for a in CompetencyArea.objects.all()}
    # Every post is about the demo site: the site coordinator reviews the others' posts,
    # the regional coordinator theirs.
    site = selectors.author_sites(users["sede"]).get()
    for practice in PRACTICES:
        author = users[practice.author]
        written = _moment(today - datetime.timedelta(days=practice.days_ago), rng)
        post = services.create_draft(
            by=author,
            site=site,
            title=practice.title,
            summary=practice.summary,
            body=practice.body,
            author_name=f"{SIGNED_AS[practice.author]} {author.get_full_name()}",
            areas=[areas[code] for code in practice.areas],
            for_review=practice.status != "draft",
            at=written,
        )
        if practice.status == "approved":
            reviewer = users["regional" if practice.author == "sede" else "sede"]
            reviewed = written + datetime.timedelta(days=rng.randint(1, 4), hours=rng.randint(0, 3))
            services.approve(by=reviewer, post=post, at=reviewed)
