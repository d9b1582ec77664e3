from django.apps import AppConfig


class AgendaplanConfig(AppConfig):
    name = "agendaplan"
    verbose_name = "Agenda plans"

    def ready(self):
        from agendaplan import demo
        from agendaplan.paper import agenda_plan_paper_build
        from cyp.registry import register_demo_part
        from reports.document import ItemKind
        from reports.papers import register_paper

        register_paper(ItemKind.AGENDA_PLAN, agenda_plan_paper_build)
        register_demo_part(57, demo.load)  # after the meeting of 8 October 2024 (reports, 50)
