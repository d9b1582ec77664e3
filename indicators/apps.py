from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "Indicators and figures"

    def ready(self):
        from cyp.registry import register_demo_part, register_rag_scheme
        from indicators import demo, demo_board, rag
        from indicators.search import register as register_search_and_audit

        register_rag_scheme(rag.scheme_of_body)  # Committee.rag_scheme
        register_search_and_audit()  # the search's results and the audit log's bodies (indicators/search.py)
        register_demo_part(10, demo.load)  # first: every other part reads the indicators
        register_demo_part(15, demo_board.load)  # the board's own: before the accounts (20) lead its service area
