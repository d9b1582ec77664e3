from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Meetings and committee packs"

    def ready(self):
        from cyp.registry import register_demo_part
        from reports import demo, demo_board
        from reports.search import register as register_search_and_audit

        register_search_and_audit()  # the search's results and the audit log's bodies (reports/search.py)
        register_demo_part(50, demo.load)  # last: the meeting reports the quarter the other parts loaded
        register_demo_part(52, demo_board.load)  # the board's own meeting, reporting the same quarter
