"""Entry point for gunicorn and the flask command: `gunicorn wsgi:app`."""

from ecri_lms import create_app

app = create_app()
