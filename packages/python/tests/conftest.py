"""A Django project in one file: settings, tables, and edge-notify's `npm run dev` for the session."""

import os
import sys

import django
import pytest
from django.conf import settings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.dirname(HERE)]

from devserver import DevServer  # noqa: E402

settings.configure(
    SECRET_KEY="edge-notify-python-tests",
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "rest_framework", "testapp"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    USE_TZ=True,
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
)
django.setup()


@pytest.fixture(scope="session")
def edge():
    from django.core.management import call_command

    call_command("migrate", run_syncdb=True, verbosity=0)
    server = DevServer.start()
    settings.EDGE_NOTIFY_URL = server.base
    settings.EDGE_NOTIFY_SERVICE_KEY = server.secrets["SERVICE_API_KEY"]
    try:
        yield server
    finally:
        server.stop()
