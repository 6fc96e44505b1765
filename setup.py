"""Build shim for eggs (``scrapyd-deploy`` runs ``setup.py bdist_egg``).

The project's metadata, packages and the ``scrapy`` settings entry point are declared in
``pyproject.toml``.
"""

from setuptools import setup

setup()
