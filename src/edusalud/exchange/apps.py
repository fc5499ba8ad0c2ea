from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "edusalud.exchange"
    label = "exchange"
