"""The PHEEM learning-environment questionnaire: its items, scoring and published bands.

Plain data, no ORM. ITEMS and BANDS are the defaults the database is seeded
with; the app keeps the bands as rows so they can be corrected without code, so
every function that reads bands takes them as a parameter.

Scoring (Roff et al. 2005): 40 statements answered 0 (strongly disagree) to 4
(strongly agree); the four negative statements (7, 8, 11, 13) count 4 - answer.
Role autonomy has 14 items (0-56), teaching 15 (0-60), social support 11
(0-44); the total is their sum (0-160).

Bands are closed integer ranges. A group mean can be fractional and fall
between two bands (40.5 is neither in 0-40 nor in 41-80), so a value is
rounded half up to the nearest integer before the lookup: 40.49 is "very poor",
40.5 is "plenty of problems". The published bands are integer ranges of sums,
so this is the only reading that puts every mean in exactly one band.
"""

# ruff: noqa: E501 - the questionnaire reads best one item per line.

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

AUTONOMY, TEACHING, SOCIAL = "autonomy", "teaching", "social"
TOTAL = "total"
SCALES = (TOTAL, AUTONOMY, TEACHING, SOCIAL)
MIN_ANSWER, MAX_ANSWER = 0, 4

SOURCE = (
    "Roff S, McAleer S, Skinner A. Development and validation of an instrument to measure "
    "the postgraduate clinical learning and teaching educational environment for "
    "hospital-based junior doctors in the UK. Med Teach. 2005;27(4):326-331. "
    "doi:10.1080/01421590500150874. "
    "Spanish version: Riquelme A, Herrera C, Aranis C, Oporto J, Padilla O. Psychometric "
    "analyses and internal consistency of the PHEEM questionnaire to measure the clinical "
    "learning environment in the clinical rotations of medical students in Chile. "
    "Med Teach. 2009;31(6):e221-e225; "
    "Herrera CA, Olivos T, Román JA, et al. Evaluación del ambiente educacional en programas "
    "de especialización médica. Rev Med Chile. 2012;140(12):1554-1561. "
    "doi:10.4067/S0034-98872012001200006."
)


class Item(NamedTuple):
    number: int
    text_es: str
    text_en: str
    subscale: str  # AUTONOMY, TEACHING or SOCIAL
    reverse: bool  # a negative statement: counts 4 - answer


class Band(NamedTuple):
    scale: str  # TOTAL or a subscale code
    low: int  # inclusive
    high: int  # inclusive
    label_es: str
    label_en: str


class Scores(NamedTuple):
    """One respondent's sums; the field names are the scale codes."""

    total: int
    autonomy: int
    teaching: int
    social: int


@dataclass(frozen=True)
class GroupScores:
    count: int
    means: Mapping[str, float]  # scale code -> mean, unrounded
    bands: Mapping[str, Band]  # scale code -> band of the mean


# code -> (name_es, name_en, max_score)
SUBSCALES = {
    AUTONOMY: ("Percepción de autonomía en el rol", "Perceptions of role autonomy", 56),
    TEACHING: ("Percepción de la enseñanza", "Perceptions of teaching", 60),
    SOCIAL: ("Percepción del apoyo social", "Perceptions of social support", 44),
}
MAX_SCORES = {TOTAL: sum(s[2] for s in SUBSCALES.values())} | {
    code: s[2] for code, s in SUBSCALES.items()
}

# English wording and subscale membership: Roff et al. 2005 as the questionnaire
# is widely reprinted; not yet checked against the paper's own table.
# Spanish wording of items 1-21 (and 22, cut short): "Anexo electrónico 1.
# Cuestionario PHEEM", Arch Argent Pediatr 2014;112(1),
# http://www.scielo.org.ar/img/revistas/aap/v112n1/anexo1.htm, whose wording
# ("rotación clínica", "clases o pruebas de otros cursos") is that of the
# Chilean clinical-rotation version (Riquelme et al. 2009). It adapts items 12,
# 17 and 20 to local practice; we keep its wording.
A, T, S = AUTONOMY, TEACHING, SOCIAL
# fmt: off
ITEMS = (
    Item(1, "Tengo un programa que provee información acerca de las horas de actividad clínica.", "I have a contract of employment that provides information about hours of work.", A, False),
    Item(2, "Mis profesores clínicos establecen expectativas claras.", "My clinical teachers set clear expectations.", T, False),
    Item(3, "Tengo tiempo educacional protegido en esta rotación clínica.", "I have protected educational time in this post.", T, False),
    Item(4, "Tuve un programa de introducción informativo.", "I had an informative induction programme.", A, False),
    Item(5, "Tengo el nivel apropiado de responsabilidad en esta rotación clínica.", "I have the appropriate level of responsibility in this post.", A, False),
    Item(6, "Tengo buena supervisión clínica en todo momento.", "I have good clinical supervision at all times.", T, False),
    Item(7, "Hay racismo en esta rotación clínica.", "There is racism in this post.", S, True),
    Item(8, "Tengo que realizar tareas inapropiadas a mi etapa de formación.", "I have to perform inappropriate tasks.", A, True),
    Item(9, "Hay un manual informativo de la rotación clínica para los residentes.", "There is an informative junior doctors' handbook.", A, False),
    Item(10, "Mis profesores clínicos tienen buenas destrezas comunicacionales.", "My clinical teachers have good communication skills.", T, False),
    Item(11, 'Soy localizado ("beepeado" o ubicado en mi teléfono celular) de forma inapropiada.', "I am bleeped inappropriately.", A, True),
    Item(12, "Existen las facilidades para participar en otras actividades docentes sin interferir con clases o pruebas de evaluación de otros cursos.", "I am able to participate actively in educational events.", T, False),
    Item(13, "Hay discriminación por sexo en esta rotación clínica.", "There is sex discrimination in this post.", S, True),
    Item(14, "Tengo guías claras acerca de mis actividades clínicas en esta rotación.", "There are clear clinical protocols in this post.", A, False),
    Item(15, "Mis profesores clínicos son entusiastas.", "My clinical teachers are enthusiastic.", T, False),
    Item(16, "Tengo buena colaboración con otros residentes de mi nivel.", "I have good collaboration with other doctors in my grade.", S, False),
    Item(17, "Mi horario de actividades clínicas es adecuado.", "My hours conform to the New Deal.", A, False),
    Item(18, "Tengo la oportunidad de ofrecer continuidad en el cuidado de los pacientes.", "I have the opportunity to provide continuity of care.", A, False),
    Item(19, "Tengo acceso adecuado a consejería.", "I have suitable access to careers advice.", S, False),
    Item(20, "Esta rotación clínica (hospital/consultorio) tiene una buena calidad de espacios físicos para desarrollar actividades docentes.", "This hospital has good quality accommodation for junior doctors, especially when on call.", S, False),
    Item(21, "Hay acceso a un programa educacional relevante con objetivos explícitos para mis necesidades.", "There is access to an educational programme relevant to my needs.", T, False),
    # The source we could read breaks off after "de parte de los doc": "docentes" completed here.
    Item(22, "Recibo retroalimentación (feedback) regularmente de parte de los docentes.", "I get regular feedback from seniors.", T, False),
    Item(23, "Mis profesores clínicos están bien organizados.", "My clinical teachers are well organised.", T, False),  # translated here: no published Spanish wording found
    Item(24, "Me siento físicamente seguro(a) en el ambiente hospitalario.", "I feel physically safe within the hospital environment.", S, False),  # translated here: no published Spanish wording found
    Item(25, "En esta rotación clínica existe una cultura que no busca culpables.", "There is a no-blame culture in this post.", S, False),  # translated here: no published Spanish wording found
    Item(26, "Hay servicios de alimentación adecuados cuando estoy de guardia.", "There are adequate catering facilities when I am on call.", S, False),  # translated here: no published Spanish wording found
    Item(27, "Tengo suficientes oportunidades de aprendizaje clínico para mis necesidades.", "I have enough clinical learning opportunities for my needs.", T, False),  # translated here: no published Spanish wording found
    Item(28, "Mis profesores clínicos tienen buenas habilidades docentes.", "My clinical teachers have good teaching skills.", T, False),  # translated here: no published Spanish wording found
    Item(29, "Me siento parte de un equipo de trabajo aquí.", "I feel part of a team working here.", A, False),  # translated here: no published Spanish wording found
    Item(30, "Tengo oportunidades de adquirir los procedimientos prácticos apropiados para mi nivel de formación.", "I have opportunities to acquire the appropriate practical procedures for my grade.", A, False),  # translated here: no published Spanish wording found
    Item(31, "Mis profesores clínicos son accesibles.", "My clinical teachers are accessible.", T, False),  # translated here: no published Spanish wording found
    Item(32, "Mi carga de trabajo en esta rotación es adecuada.", "My workload in this job is fine.", A, False),  # translated here: no published Spanish wording found
    Item(33, "Los médicos de mayor jerarquía aprovechan eficazmente las oportunidades de aprendizaje.", "Senior staff utilise learning opportunities effectively.", T, False),  # translated here: no published Spanish wording found
    Item(34, "La formación en esta rotación me hace sentir preparado(a) para ejercer como especialista.", "The training in this post makes me feel ready to be an SpR/consultant.", A, False),  # translated here: no published Spanish wording found
    Item(35, "Mis profesores clínicos tienen buenas habilidades como tutores.", "My clinical teachers have good mentoring skills.", S, False),  # translated here: no published Spanish wording found
    Item(36, "Disfruto mucho de mi trabajo actual.", "I get a lot of enjoyment out of my present job.", S, False),  # translated here: no published Spanish wording found
    Item(37, "Mis profesores clínicos me motivan a aprender de forma independiente.", "My clinical teachers encourage me to be an independent learner.", T, False),  # translated here: no published Spanish wording found
    Item(38, "Hay buenas oportunidades de orientación para los residentes que no logran completar su formación satisfactoriamente.", "There are good counselling opportunities for junior doctors who fail to complete their training satisfactorily.", S, False),  # translated here: no published Spanish wording found
    Item(39, "Los profesores clínicos me dan buena retroalimentación sobre mis fortalezas y debilidades.", "The clinical teachers provide me with good feedback on my strengths and weaknesses.", T, False),  # translated here: no published Spanish wording found
    Item(40, "Mis profesores clínicos promueven un ambiente de respeto mutuo.", "My clinical teachers promote an atmosphere of mutual respect.", A, False),  # translated here: no published Spanish wording found
)
# fmt: on
del A, T, S

# Ranges and English labels: Roff et al. 2005. Spanish labels: translated here;
# the Spanish-language reports we could read word the same bands alike ("más
# positivo que negativo", "más pros que contras", "profesores modelos": Castro-
# Rodríguez et al., Investigación en Educación Médica 2018;7(28):19-26).
# fmt: off
BANDS = (
    Band(TOTAL, 0, 40, "Muy pobre", "Very poor"),
    Band(TOTAL, 41, 80, "Con muchos problemas", "Plenty of problems"),
    Band(TOTAL, 81, 120, "Más positivo que negativo, pero con espacio para mejorar", "More positive than negative but room for improvement"),
    Band(TOTAL, 121, 160, "Excelente", "Excellent"),
    Band(AUTONOMY, 0, 14, "Muy pobre", "Very poor"),
    Band(AUTONOMY, 15, 28, "Una visión negativa del propio rol", "A negative view of one's role"),
    Band(AUTONOMY, 29, 42, "Una percepción más positiva del propio trabajo", "A more positive perception of one's job"),
    Band(AUTONOMY, 43, 56, "Excelente percepción del propio trabajo", "Excellent perception of one's job"),
    Band(TEACHING, 0, 15, "Calidad muy pobre", "Very poor quality"),
    Band(TEACHING, 16, 30, "Necesidad de algo de reentrenamiento", "In need of some retraining"),
    Band(TEACHING, 31, 45, "Avanzando en la dirección correcta", "Moving in the right direction"),
    Band(TEACHING, 46, 60, "Docentes modelo", "Model teachers"),
    Band(SOCIAL, 0, 11, "Inexistente", "Non-existent"),
    Band(SOCIAL, 12, 22, "No es un lugar agradable", "Not a pleasant place"),
    Band(SOCIAL, 23, 33, "Más pros que contras", "More pros than cons"),
    Band(SOCIAL, 34, 44, "Un buen ambiente de apoyo", "A good supportive environment"),
)
# fmt: on


def score(values: Mapping[int, int]) -> Scores:
    """The sums of one complete questionnaire; `values` maps item number to answer (0-4).

    Raises ValueError naming the item for an unknown item, a missing one or an
    answer that is not an integer from 0 to 4.
    """
    numbers = {item.number for item in ITEMS}
    unknown = sorted(set(values) - numbers, key=str)
    if unknown:
        raise ValueError(f"item {unknown[0]}: there is no such item (items are 1-{len(ITEMS)})")
    sums = dict.fromkeys(SUBSCALES, 0)
    for item in ITEMS:
        if item.number not in values:
            raise ValueError(f"item {item.number}: missing answer")
        value = values[item.number]
        # bool is an int in Python; True is no answer on a 0-4 scale.
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or not MIN_ANSWER <= value <= MAX_ANSWER
        ):
            raise ValueError(
                f"item {item.number}: answer {value!r} is not an integer from {MIN_ANSWER} to {MAX_ANSWER}"
            )
        sums[item.subscale] += MAX_ANSWER - value if item.reverse else value
    return Scores(total=sum(sums.values()), **sums)


def _rounded(value: float) -> int:
    # Decimal(float) is exact, so 40.5 goes up and 40.49999 does not; float
    # round() would send 40.5 down (to even).
    return int(Decimal(value).to_integral_value(rounding=ROUND_HALF_UP))


def band_of(scale: str, value: float, bands: Iterable[Band] = BANDS) -> Band:
    """The band of `scale` containing `value`, rounded half up to an integer first.

    Raises ValueError for an unknown scale, a value outside 0..max of the scale,
    or a value no band covers (bands edited into a gap).
    """
    if scale not in MAX_SCORES:
        raise ValueError(f"unknown scale {scale!r}: expected one of {', '.join(SCALES)}")
    point = _rounded(value)
    if not 0 <= point <= MAX_SCORES[scale]:
        raise ValueError(f"{scale}: {value} is outside 0-{MAX_SCORES[scale]}")
    found = [b for b in bands if b.scale == scale and b.low <= point <= b.high]
    if len(found) != 1:
        problem = "no band covers" if not found else "several bands cover"
        raise ValueError(f"{scale}: {problem} {point}")
    return found[0]


def band_problems(bands: Iterable[Band]) -> list[str]:
    """What is wrong with a set of bands: a gap, an overlap or an end beyond 0..max, per scale.

    An empty list means every value of every scale lies in exactly one band.
    The app runs this before saving edited bands.
    """
    bands = list(bands)
    problems = [f"{b.scale}: unknown scale" for b in bands if b.scale not in MAX_SCORES]
    for scale in SCALES:
        own = sorted((b for b in bands if b.scale == scale), key=lambda b: (b.low, b.high))
        expected_low = 0
        for band in own:
            if band.low > band.high:
                problems.append(f"{scale}: band {band.low}-{band.high} ends before it starts")
            elif band.low > expected_low:
                problems.append(f"{scale}: nothing covers {expected_low}-{band.low - 1}")
            elif band.low < expected_low:
                problems.append(f"{scale}: {band.low}-{band.high} overlaps the band before it")
            expected_low = max(expected_low, band.high + 1)
        if expected_low <= MAX_SCORES[scale]:
            problems.append(f"{scale}: nothing covers {expected_low}-{MAX_SCORES[scale]}")
        elif expected_low > MAX_SCORES[scale] + 1:
            problems.append(f"{scale}: bands go past the maximum {MAX_SCORES[scale]}")
    return problems


def group_scores(scores: Iterable[Scores], bands: Iterable[Band] = BANDS) -> GroupScores:
    """The mean of each scale over a group of respondents, with the band of each mean.

    Raises ValueError for an empty group: a mean of nobody has no band.
    """
    scores = list(scores)
    if not scores:
        raise ValueError("no scores to average")
    bands = list(bands)
    means = {scale: sum(getattr(s, scale) for s in scores) / len(scores) for scale in SCALES}
    return GroupScores(
        count=len(scores),
        means=means,
        bands={scale: band_of(scale, mean, bands) for scale, mean in means.items()},
    )
