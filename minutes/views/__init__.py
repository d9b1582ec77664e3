"""Pages of the minutes app: a meeting's minutes, one action and its responses, the body's action log."""

from django.core.exceptions import ValidationError


def errors_to_form(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names, else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
