"""Milestone 1: the app factory, configuration, the models and the first migration.

Mistakes these tests catch: a `postgresql://` URL handed to SQLAlchemy unconverted (it would pick
psycopg2), `postgres://` forgotten, SQLite URLs mangled; the environment ignored or allowed to beat
`test_config`; a short SECRET_KEY accepted, or a default one used when none is set; the database not SQLite by default; a migration that
misses a table, a column, an index or a unique constraint the models declare; usernames or emails
that are not unique; deleting a post that leaves its comments behind; follows that go both ways.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import flask
import pytest
import sqlalchemy as sa
from flask import Flask


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://postgres@127.0.0.1:5432/test", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
        ("postgres://u:p@db/blog?sslmode=require", "postgresql+psycopg://u:p@db/blog?sslmode=require"),
        ("postgresql+psycopg://u@db/blog", "postgresql+psycopg://u@db/blog"),
        ("sqlite:////tmp/blog.sqlite", "sqlite:////tmp/blog.sqlite"),
    ],
)
def test_sqlalchemy_url_converts_libpq_urls(given: str, expected: str) -> None:
    from blog import sqlalchemy_url

    assert sqlalchemy_url(given) == expected, (
        "libpq URLs (postgresql:// and Heroku's postgres://) must name the psycopg 3 driver; other URLs pass through"
    )


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No DATABASE_URL or SECRET_KEY in the environment, and an instance folder in a temporary directory."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    instance = tmp_path / "instance"
    monkeypatch.setattr(flask.Flask, "auto_find_instance_path", lambda self: str(instance))
    return instance


@pytest.mark.task(taskno=1)
@pytest.mark.usefixtures("clean_environment")
def test_defaults_to_sqlite(monkeypatch: pytest.MonkeyPatch) -> None:
    from blog import create_app

    monkeypatch.setenv("SECRET_KEY", "k" * 32)
    app = create_app()
    assert not app.testing, "create_app() without test_config is not in testing mode"
    names = ("POSTS_PER_PAGE", "API_TOKEN_HOURS", "PASSWORD_HASH_PROFILE", "MAX_CONTENT_LENGTH")
    assert {key: app.config[key] for key in names} == {
        "POSTS_PER_PAGE": 5,
        "API_TOKEN_HOURS": 336,
        "PASSWORD_HASH_PROFILE": "RFC_9106_LOW_MEMORY",
        "MAX_CONTENT_LENGTH": 1024 * 1024,
    }
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    assert uri.startswith("sqlite:///"), f"with no DATABASE_URL the blog uses SQLite, got {uri!r}"
    assert uri.endswith("blog.sqlite"), (
        f"with no DATABASE_URL the blog keeps its data in SQLite (instance folder, 'blog.sqlite'), got {uri!r}"
    )


@pytest.mark.task(taskno=1)
@pytest.mark.usefixtures("clean_environment")
def test_reads_database_url_and_secret_key_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from blog import create_app

    monkeypatch.setenv("DATABASE_URL", "postgresql://blog@db.internal:5432/blog")
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://blog@db.internal:5432/blog"
    assert app.config["SECRET_KEY"] == "k" * 40, "SECRET_KEY comes from the environment when it is set"


@pytest.mark.task(taskno=1)
@pytest.mark.usefixtures("clean_environment")
def test_test_config_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from blog import create_app

    monkeypatch.setenv("DATABASE_URL", "postgresql://blog@db.internal:5432/blog")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "t" * 32})
    assert app.testing
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite://", "test_config is applied last, so it wins"


@pytest.mark.task(taskno=1)
@pytest.mark.usefixtures("clean_environment")
@pytest.mark.parametrize("secret", ["dev", "x" * 31, "é" * 15 + "x"])
def test_rejects_a_secret_key_shorter_than_32_bytes(secret: str) -> None:
    from blog import create_app

    with pytest.raises(ValueError, match="SECRET_KEY"):
        create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": secret})


@pytest.mark.task(taskno=1)
@pytest.mark.usefixtures("clean_environment")
@pytest.mark.parametrize("config", [None, {"SQLALCHEMY_DATABASE_URI": "sqlite://"}, {"SECRET_KEY": ""}])
def test_refuses_to_start_without_a_secret_key(config: dict[str, str] | None) -> None:
    from blog import create_app

    with pytest.raises(ValueError, match="SECRET_KEY is not set") as refused:
        create_app(config)
    assert "secrets.token_hex" in str(refused.value), "say how to make a good key"


@pytest.mark.task(taskno=1)
@pytest.mark.usefixtures("clean_environment")
def test_testing_without_a_secret_key_gets_a_random_one() -> None:
    from blog import create_app

    keys = [create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"}).config["SECRET_KEY"] for _ in "ab"]
    assert all(len(key.encode()) >= 32 for key in keys), "a throwaway key for tests, as long as a real one"
    assert keys[0] != keys[1], "a random key, never a fixed one anybody could read in the code"


@pytest.mark.task(taskno=1)
def test_upgrade_on_an_empty_database_builds_exactly_the_models_tables(make_app) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from blog.extensions import db

    app = make_app()
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, f"`flask db upgrade` failed:\n{result.output}\n{result.exception!r}"
    with app.app_context(), db.engine.connect() as connection:
        tables = set(sa.inspect(connection).get_table_names())
        expected = {"users", "posts", "comments", "tags", "post_tags", "follows", "favorites", "alembic_version"}
        assert tables == expected, f"after `db upgrade` the database must hold exactly {sorted(expected)}"
        differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert differences == [], (
            "the migrations and the models disagree (run `flask --app blog db migrate` and read what it finds):\n"
            + "\n".join(map(str, differences))
        )


@pytest.mark.task(taskno=1)
def test_models_link_users_posts_comments_and_tags(app: Flask) -> None:
    from blog.extensions import db
    from blog.models import Comment, Post, Tag, User

    with app.app_context():
        alice = User(username="alice", email="alice@example.com", password_hash="x")
        bob = User(username="bob", email="bob@example.com", password_hash="x")
        post = Post(title="Hello", slug="hello", body="Hi *there*", author=alice, tags=[Tag(name="flask")])
        post.comments.append(Comment(body="Nice", author=bob))
        bob.following.append(alice)
        bob.favorites.append(post)
        db.session.add_all([alice, bob, post])
        db.session.commit()
        db.session.expire_all()

        post = db.session.scalars(sa.select(Post)).one()
        assert post.author.username == "alice", "a post has an author"
        assert post.description == "", "a post has an author; description defaults to ''"
        assert [c.author.username for c in post.comments] == ["bob"]
        assert [t.name for t in post.tags] == ["flask"]
        assert [u.username for u in post.favorited_by] == ["bob"]
        assert post.created_at is not None, "timestamps are filled in on insert"
        assert post.updated_at is not None, "timestamps are filled in on insert"
        alice = db.session.scalars(sa.select(User).where(User.username == "alice")).one()
        assert [u.username for u in alice.followers] == ["bob"], "bob follows alice..."
        assert alice.following == [], "...which does not make alice follow bob"
        from blog.models import utcnow

        assert utcnow().utcoffset() == timedelta(0), "timestamps are timezone-aware, in UTC"
        assert alice.bio == ""
        assert alice.image is None


@pytest.mark.task(taskno=1)
def test_deleting_a_post_deletes_its_comments(app: Flask) -> None:
    from blog.extensions import db
    from blog.models import Comment, Post, User

    with app.app_context():
        alice = User(username="alice", email="alice@example.com", password_hash="x")
        post = Post(title="Hello", slug="hello", body="Hi", author=alice)
        post.comments.append(Comment(body="First", author=alice))
        db.session.add(post)
        db.session.commit()
        db.session.delete(post)
        db.session.commit()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 0, "a post's comments go with it"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("clash", ["username", "email"])
def test_usernames_and_emails_are_unique(app: Flask, clash: str) -> None:
    from blog.extensions import db
    from blog.models import User

    with app.app_context():
        db.session.add(User(username="alice", email="alice@example.com", password_hash="x"))
        db.session.commit()
        other = {"username": "alice2", "email": "alice2@example.com"} | {
            clash: "alice" if clash == "username" else "alice@example.com"
        }
        db.session.add(User(**other, password_hash="x"))
        with pytest.raises(sa.exc.IntegrityError):
            db.session.commit()
        db.session.rollback()


MOMENT = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def as_utc(value: datetime) -> datetime:
    """A datetime read back from the database, as an aware UTC time (SQLite hands back naive UTC datetimes)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


@pytest.mark.task(taskno=1)
def test_comments_are_oldest_first_and_tags_sorted_by_name(app: Flask) -> None:
    from blog.extensions import db
    from blog.models import Comment, Post, Tag, User

    with app.app_context():
        alice = User(username="alice", email="alice@example.com", password_hash="x")
        post = Post(title="Hello", slug="hello", body="Hi", author=alice, tags=[Tag(name="zeta"), Tag(name="alpha")])
        db.session.add(post)
        db.session.flush()
        # the database hands rows back in no promised order: ids 1-4 are neither in time nor in id order here
        for comment_id, hours in [(4, 2), (1, 3), (3, 1), (2, 1)]:
            at = MOMENT + timedelta(hours=hours)
            db.session.add(Comment(id=comment_id, body=f"c{comment_id}", post=post, author=alice, created_at=at))
            db.session.flush()
        db.session.commit()
        db.session.expire_all()

        post = db.session.scalars(sa.select(Post)).one()
        assert [c.body for c in post.comments] == ["c2", "c3", "c4", "c1"], (
            "Post.comments are oldest first: order_by created_at, then id for comments made at the same time"
        )
        assert post.tag_names == ["alpha", "zeta"], "Post.tags (and so tag_names) are ordered by name"


@pytest.mark.task(taskno=1)
def test_editing_a_post_moves_updated_at_but_not_created_at(app: Flask) -> None:
    from blog.extensions import db
    from blog.models import Post, User

    with app.app_context():
        alice = User(username="alice", email="alice@example.com", password_hash="x")
        db.session.add(Post(title="Hello", slug="hello", body="Hi", author=alice, created_at=MOMENT, updated_at=MOMENT))
        db.session.commit()
        post = db.session.scalars(sa.select(Post)).one()
        post.title = "Hello again"
        db.session.commit()
        db.session.expire_all()

        post = db.session.scalars(sa.select(Post)).one()
        assert as_utc(post.created_at) == MOMENT, "created_at is set once, on insert"
        assert as_utc(post.updated_at) > MOMENT, "updated_at is renewed on every update (onupdate=utcnow)"


@pytest.mark.task(taskno=1)
def test_deleting_a_user_deletes_their_posts_and_the_comments_under_them(app: Flask) -> None:
    from blog.extensions import db
    from blog.models import Comment, Post, User

    with app.app_context():
        alice = User(username="alice", email="alice@example.com", password_hash="x")
        bob = User(username="bob", email="bob@example.com", password_hash="x")
        post = Post(title="Hello", slug="hello", body="Hi", author=alice)
        post.comments.append(Comment(body="Nice", author=bob))
        db.session.add_all([alice, bob, post])
        db.session.commit()
        db.session.delete(alice)
        try:
            db.session.commit()
        except sa.exc.IntegrityError as error:
            pytest.fail(f"User.posts needs cascade='all, delete-orphan': a user's posts go with them, {error}")
        assert db.session.scalars(sa.select(Post)).all() == [], "a user's posts are deleted with them"
        assert db.session.scalars(sa.select(Comment)).all() == [], "...and so are the comments under those posts"
        assert [u.username for u in db.session.scalars(sa.select(User))] == ["bob"]
