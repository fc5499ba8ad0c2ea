"""The two codes every site disseminates, each with its first version in force."""

import datetime

from django.db import migrations

PUBLISHED_ON = datetime.date(2026, 1, 15)

CODES = [
    (
        "codigo-de-conducta",
        "Código de Conducta y de Prevención de Conflictos de Interés",
        """Este Código orienta la conducta de quienes enseñan, aprenden y coordinan la educación en salud en el Instituto: jefaturas de educación, profesoras y profesores, y médicas y médicos residentes.

Trato digno. Tratamos a pacientes, compañeras, compañeros y personal con respeto y sin discriminación por origen, sexo, género, edad, discapacidad, condición social, religión u orientación sexual. El hostigamiento y el acoso sexual, así como el maltrato en la enseñanza, están prohibidos y se denuncian ante el Comité de Ética de la sede.

Jerarquía y enseñanza. La autoridad académica se ejerce para enseñar, no para castigar. Las guardias, las rotaciones y las tareas se asignan conforme al programa operativo y a la norma vigente, nunca como sanción.

Conflictos de interés. Declaramos por escrito cualquier interés personal, familiar o económico que pueda influir en una evaluación, una asignación de plazas o una compra, y nos abstenemos de intervenir en ese asunto. No aceptamos regalos, viajes ni pagos de la industria farmacéutica o de proveedores a cambio de prescribir, recomendar o evaluar.

Uso de la información. Los datos de pacientes y de residentes se consultan solo para la tarea que los requiere y no se comparten fuera del Instituto ni en redes sociales.

Denuncia. Quien observe una conducta contraria a este Código puede denunciarla de forma confidencial ante el Comité de Ética y de Prevención de Conflictos de Interés; nadie será objeto de represalias por hacerlo de buena fe.""",
    ),
    (
        "codigo-de-etica",
        "Código de Ética",
        """El Código de Ética reúne los principios y valores que guían el servicio público en el Instituto y, con ellos, la formación de sus especialistas.

Principios. Legalidad, honradez, lealtad, imparcialidad y eficiencia: actuamos conforme a la ley, sin buscar beneficio propio, con vocación de servicio a la población derechohabiente y dando a cada persona un trato igual.

Valores. Respeto a los derechos humanos, igualdad y no discriminación, equidad de género, cuidado del entorno, integridad, cooperación, liderazgo, transparencia y rendición de cuentas.

En la formación de residentes. La enseñanza clínica se basa en el ejemplo: cada profesora y profesor muestra con su práctica el respeto a la autonomía del paciente, el consentimiento informado, la confidencialidad y el reconocimiento de los propios límites. Cada residente se compromete a aprender con honestidad académica, a pedir supervisión cuando la necesite y a tratar con respeto a pacientes y compañeros.

Compromiso. Leer y aceptar este Código es el primer paso; vivirlo en cada guardia, consulta y clase es la tarea de todos los días.""",
    ),
]


def add_codes(apps, schema_editor):
    code_model = apps.get_model("conduct", "Code")
    version_model = apps.get_model("conduct", "CodeVersion")
    for slug, title, body in CODES:
        code, created = code_model.objects.get_or_create(slug=slug, defaults={"title": title})
        if created:
            version_model.objects.create(
                code=code,
                number=1,
                published_on=PUBLISHED_ON,
                body=body,
                summary="Primera versión publicada en la plataforma.",
            )


class Migration(migrations.Migration):
    dependencies = [("conduct", "0001_initial")]

    operations = [migrations.RunPython(add_codes, migrations.RunPython.noop)]
