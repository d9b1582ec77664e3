from django.apps import AppConfig


def returns_remind_on(*, on):
    """``returns_remind`` as cyp.registry calls a reminder."""
    from commentary.reminders import returns_remind

    return returns_remind(today=on)


class CommentaryConfig(AppConfig):
    name = "commentary"
    verbose_name = "Quarterly returns"

    def ready(self):
        from commentary import demo, demo_board
        from cyp.registry import register_demo_part, register_reminder

        register_reminder("return", returns_remind_on)
        from commentary.queues import return_queue
        from cyp.queues import register_queue

        register_queue("commentary", return_queue)
        from commentary.search import register as register_search_and_audit

        register_search_and_audit()  # the search's results and the audit log's bodies (commentary/search.py)
        register_demo_part(40, demo.load)  # before the meeting (50): the pack reads approved returns
        register_demo_part(45, demo_board.load)  # the board's returns, not started: its lead completes them
