"""The framework's floor: a bare Flask view rendering a template of a given size, with no database.

Served by gunicorn with the same settings as the app; the benchmark compares every page with it.
FLOOR_BYTES is the size of the page to imitate (the benchmark passes the mean of its pages).
"""

import os

from flask import Flask, render_template_string

TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1><table>
{% for n in rows %}<tr><th scope="row">{{ n }}</th><td>{{ text }}</td><td>{{ n * 3 }}</td></tr>
{% endfor %}</table></main></body></html>"""
TEXT = "Cluster management excellence for life-science SMEs"

app = Flask(__name__)


def _rows_for(size: int) -> range:
    """As many table rows as make the page `size` bytes long (within one row)."""
    with app.app_context():
        one = len(render_template_string(TEMPLATE, title="Floor", rows=range(1), text=TEXT))
        two = len(render_template_string(TEMPLATE, title="Floor", rows=range(2), text=TEXT))
    return range(max(1, (size - one) // (two - one) + 1))


ROWS = _rows_for(int(os.environ.get("FLOOR_BYTES", "30000")))


@app.get("/")
def floor():
    return render_template_string(TEMPLATE, title="Floor", rows=ROWS, text=TEXT)
