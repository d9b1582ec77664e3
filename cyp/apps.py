from django.apps import AppConfig


class CypConfig(AppConfig):
    name = "cyp"
    verbose_name = "Committee and people"
