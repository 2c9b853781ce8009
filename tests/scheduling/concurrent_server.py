"""The app as the concurrency test serves it under gunicorn: testing settings, its own database."""

import os

from ecri_lms import create_app

app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": os.environ["ECRI_TEST_SERVER_DATABASE_URL"]})
