from django.apps import AppConfig


class MinutesConfig(AppConfig):
    name = "minutes"
    verbose_name = "Minutes and action log"

    def ready(self):
        from cyp.registry import register_demo_part, register_reminder
        from minutes import demo, paper
        from minutes.services import action_reminders_send, responses_lock
        from reports.document import ItemKind
        from reports.papers import register_paper

        register_paper(ItemKind.ACTION_LOG, paper.action_log_paper, lock=responses_lock)
        register_reminder("minute action", action_reminders_send)
        from cyp.queues import register_queue
        from minutes.queues import response_queue

        register_queue("minutes", response_queue)
        # After the meeting of 8 October 2024 (50): the demo adds its minutes item to that agenda.
        register_demo_part(62, demo.load)
