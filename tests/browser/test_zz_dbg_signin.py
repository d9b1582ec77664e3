import pytest
from tests.factories import UserFactory
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def test_dbg(page, db):
    UserFactory(username="jo.reid", email="jo.reid@example.gov.uk")
    r = page.goto("/sign-in/")
    print("STATUS", r.status)
    print(page.content()[:3000])
