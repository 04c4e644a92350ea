"""The app factory: settings, database, OpenAPI, tokens, error handlers and the resources. (Given.)"""

# flask-smorest ships no type information.
# mypy: allow-untyped-calls

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click
from flask import Flask
from flask_smorest import Api  # type: ignore[import-untyped]

from shop_api.shop_auth import auth, users
from shop_api.shop_carts import carts
from shop_api.shop_catalog import catalog
from shop_api.shop_db import db, init_db
from shop_api.shop_errors import register_error_handlers
from shop_api.shop_guards import BEARER_SCHEME
from shop_api.shop_identity import make_hasher
from shop_api.shop_models import ADMIN, User
from shop_api.shop_orders import orders
from shop_api.shop_payments import payments
from shop_api.shop_security import LoginThrottle, hash_password, init_jwt
from shop_api.shop_settings import load_settings


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the shop. `test_config` overrides the settings (the tests pass `DATABASE_URL`, a secret, ...)."""
    app = Flask(__name__, instance_relative_config=True)
    default_database = f"sqlite:///{Path(app.instance_path) / 'shop.sqlite'}"
    app.config.update(load_settings(test_config, os.environ, default_database))
    if app.config["DATABASE_URL"].startswith("sqlite:///") and not test_config:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    init_db(app, app.config["DATABASE_URL"])
    app.extensions["shop_hasher"] = make_hasher(app.config["PASSWORD_HASH_PROFILE"])
    app.extensions["shop_login_throttle"] = LoginThrottle(
        app.config["LOGIN_ATTEMPTS"], app.config["LOGIN_WINDOW_SECONDS"]
    )
    init_jwt(app)

    api = Api(app)
    # No catch-all "default" response: every status an operation can answer is listed by name.
    api.DEFAULT_ERROR_RESPONSE_NAME = None
    api.spec.components.security_scheme("bearerAuth", BEARER_SCHEME)
    register_error_handlers(app, api)
    for blueprint in (auth, users, catalog, carts, orders, payments):
        api.register_blueprint(blueprint)

    @app.cli.command("create-admin")
    @click.argument("email")
    @click.password_option()
    def create_admin(email: str, password: str) -> None:
        """Create an admin user (customers sign up through POST /auth/register)."""
        session = db()
        session.add(User(email=email.lower(), password_hash=hash_password(password), role=ADMIN))
        session.commit()
        click.echo(f"created admin {email}")

    return app
