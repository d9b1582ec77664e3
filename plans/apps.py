from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Improvement plans"

    def ready(self):
        from cyp.registry import register_demo_part, register_reminder
        from plans import demo
        from plans.services import plan_reminders_send

        register_reminder("plan", plan_reminders_send)
        from cyp.queues import register_queue
        from plans.queues import progress_queue

        register_queue("plans", progress_queue)
        from plans.search import register as register_search_and_audit

        register_search_and_audit()  # the search's results and the audit log's bodies (plans/search.py)
        register_demo_part(30, demo.load)  # after the accounts (20): the demo lead is a delegate on some actions
