"""Celery tasks of the kernel: thin wrappers that take ids and call one function."""

from celery import shared_task

from cyp.signin import password_reset_send


@shared_task
def password_reset_send_task(*, user_id: int) -> bool:
    """E-mail a forgotten-password link (cyp.signin.password_reset_send). Running it twice sends two links,
    each working until one is used, which harms nothing."""
    return password_reset_send(user_id=user_id)
