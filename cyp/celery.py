"""The Celery application.

With REDIS_URL set, tasks go to a real broker and workers run them; without it
(the embedded default) settings make every task run in-process when queued.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cyp.settings")

app = Celery("cyp")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
