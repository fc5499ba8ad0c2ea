from django.urls import include, path

from edusalud.training import api, public
from edusalud.training.views import courses, rules

app_name = "training"
urlpatterns = [
    path("cursos/", courses.course_list, name="course_list"),
    path("cursos/<int:pk>/", courses.course_detail, name="course_detail"),
    path("cursos/areas/", courses.area_create, name="area_create"),
    path("cursos/ediciones/<int:pk>/", courses.edition_detail, name="edition_detail"),
    path(
        "cursos/ediciones/<int:pk>/inscribirme/",
        courses.edition_enrol_self,
        name="edition_enrol_self",
    ),
    path("cursos/ediciones/<int:pk>/inscribir/", courses.edition_enrol, name="edition_enrol"),
    path(
        "cursos/ediciones/<int:pk>/participantes/<int:participation>/baja/",
        courses.participation_withdraw,
        name="participation_withdraw",
    ),
    path("cursos/ediciones/<int:pk>/sesiones/", courses.edition_session, name="edition_session"),
    path(
        "cursos/ediciones/<int:pk>/sesiones/<int:session>/asistencia/",
        courses.session_attendance,
        name="session_attendance",
    ),
    path("cursos/ediciones/<int:pk>/resultados/", courses.edition_results, name="edition_results"),
    path("cursos/ediciones/<int:pk>/cerrar/", courses.edition_close, name="edition_close"),
    path("cursos/ediciones/<int:pk>/constancias/", courses.edition_batch, name="edition_batch"),
    path(
        "cursos/ediciones/<int:pk>/constancias/<int:batch>/progreso/",
        courses.batch_progress,
        name="batch_progress",
    ),
    path(
        "cursos/ediciones/<int:pk>/constancias/<int:batch>.zip",
        courses.batch_download,
        name="batch_download",
    ),
    path("cursos/obligatorios/", rules.rule_list, name="rule_list"),
    path("cursos/obligatorios/<int:pk>/", rules.rule_detail, name="rule_detail"),
    path("cursos/obligatorios/<int:pk>/recordar/", rules.rule_remind, name="rule_remind"),
    path("mi-formacion/", courses.my_training, name="my_training"),
    path("constancias/<str:code>.pdf", courses.certificate_pdf, name="certificate_pdf"),
    path("constancias/<str:code>/revocar/", courses.certificate_revoke, name="certificate_revoke"),
    path("api/v1/", include(api.router.urls)),
    # Public: no sign-in.
    path("verificar/", public.verify_form, name="verify_form"),
    path("verificar/<str:code>/", public.verify, name="verify"),
    path("insignias/emisor.json", public.issuer, name="badge_issuer"),
    path("insignias/cursos/<int:pk>.json", public.badge_class, name="badge_class"),
    path("insignias/<str:code>.json", public.assertion, name="badge_assertion"),
]
