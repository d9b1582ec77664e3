from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Improvement plans"

    def ready(self):
        from cyp.registry import register_demo_part, register_reminder
        from plans import demo
        from plans.services import plan_reminders_send

        register_reminder("plan", plan_reminders_send)
        register_demo_part(30, demo.load)  # after the accounts (20): the demo lead is a delegate on some actions
