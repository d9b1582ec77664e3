from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "Indicators and figures"

    def ready(self):
        from cyp.registry import register_demo_part
        from indicators import demo

        register_demo_part(10, demo.load)  # first: every other part reads the indicators
