from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Meetings and committee packs"

    def ready(self):
        from cyp.registry import register_demo_part
        from reports import demo

        register_demo_part(50, demo.load)  # last: the meeting reports the quarter the other parts loaded
