"""The blog in production. `blog_prod.wsgi` builds the app; `blog_prod.healthcheck` is the container's check.

This file stays empty on purpose: `python -m blog_prod.healthcheck` imports it, and the health check, which
runs every 30 seconds, should not have to load Flask and SQLAlchemy to ask one URL.
"""
