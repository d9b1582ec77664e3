from django.apps import AppConfig


class CypConfig(AppConfig):
    name = "cyp"
    verbose_name = "Committee and people"

    def ready(self):
        from cyp import converters  # noqa: F401  (registers <quarter:...> before any URLconf is read)
        from cyp.demo import DEMO_ACCOUNTS_ORDER, demo_accounts_load
        from cyp.registry import register_demo_part

        register_demo_part(DEMO_ACCOUNTS_ORDER, demo_accounts_load)
