"""The dashboard: server-rendered pages over the same snapshot the JSON API serves.

::

    app.py       create_site: the API app plus pages, static files, HTML error pages
    pages.py     one route per page
    render.py    the Jinja2 environment (autoescape) and the article's sentence segments
    charts.py    SVG geometry: figures over time, the actor network
    templates/   the pages; static/  the one stylesheet and script, vendored
"""

from __future__ import annotations

from .app import create_site

__all__ = ["create_site"]
