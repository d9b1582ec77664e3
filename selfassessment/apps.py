from django.apps import AppConfig


class SelfAssessmentConfig(AppConfig):
    name = "selfassessment"
    verbose_name = "Self-assessment"

    def ready(self):
        from cyp.registry import register_demo_part
        from selfassessment import demo

        # After the plans (30) and the accounts (20): its priorities become actions of a plan.
        register_demo_part(75, demo.load)
        from cyp.queues import register_queue
        from selfassessment.queues import section_queue

        register_queue("selfassessment", section_queue)
