from django.apps import AppConfig


class AdmissionsConfig(AppConfig):
    name = "edusalud.admissions"
    label = "admissions"
