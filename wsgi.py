"""Entry point for gunicorn and the flask command: `gunicorn wsgi:app`."""

import gc

from ecri_lms import create_app

app = create_app()

# What start-up built (modules, mappers, templates: some 200,000 objects) lives as long as the process. Frozen,
# it is left out of the collector's full passes, which then walk only what requests leave behind: a pause of
# a few milliseconds instead of about 100 ms that stalls every thread of the worker.
gc.freeze()
