"""Milestone 3: posts — write, edit and delete your own; the paginated index; comments; tags; safe Markdown.

Mistakes these tests catch: pages that let anyone edit or delete a post (403 for others), a delete
reachable by GET, a 500 instead of a 404 for a missing post or page, two posts with one slug, the
index in the wrong order or one page too many, raw Markdown or unsanitised HTML on the page
(`<script>`, `onerror=`, `javascript:` links), titles not escaped, tags kept twice or in mixed case,
comments by anonymous visitors, and a post's old slug still answering after its title changed.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient


def write(
    client: FlaskClient, title: str = "Hello World", body: str = "Some *text*.", tags: str = "", description: str = ""
):
    return client.post("/create", data={"title": title, "description": description, "body": body, "tags": tags})


def html(client: FlaskClient, url: str) -> str:
    return client.get(url).get_data(as_text=True)


def slugs(app: Flask) -> list[str]:
    from blog.extensions import db
    from blog.models import Post

    with app.app_context():
        return list(db.session.scalars(sa.select(Post.slug).order_by(Post.id)))


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Hello, World!", "hello-world"),
        ("  Ünïcödé   café ", "unicode-cafe"),
        ("C++ & Rust", "c-rust"),
        ("!!!", "post"),
        ("-Dashes- -everywhere-", "dashes-everywhere"),
        ("a" * 199 + " " + "b" * 60, "a" * 199),
        ("x" * 300, "x" * 200),
    ],
)
def test_slugify_makes_url_safe_slugs(title: str, slug: str) -> None:
    from blog.markup import slugify

    assert slugify(title) == slug


@pytest.mark.task(taskno=3)
def test_parse_tags_trims_lowercases_and_removes_duplicates() -> None:
    from blog.markup import parse_tags

    assert parse_tags("Flask, python ,flask,, Web  Dev") == ["flask", "python", "web dev"]
    assert parse_tags("") == []
    assert parse_tags("x" * 60) == ["x" * 50], "a tag is cut to 50 characters, the width of tags.name"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    ("markdown", "present", "absent"),
    [
        ("**bold** and `code`", "<strong>bold</strong>", "**"),
        ("<script>alert(1)</script>hi", "hi", "<script"),
        ('<img src="x.png" onerror="alert(1)">', "<img", "onerror"),
        ("[click](javascript:alert(1))", "click", "javascript:"),
        ("```\n<b>not bold</b>\n```", "&lt;b&gt;", "<b>"),
        ("[site](https://example.com)", 'rel="noopener noreferrer nofollow"', "target="),
        ("| a | b |\n|---|---|\n| 1 | 2 |", "<table>", "|---|"),
    ],
)
def test_render_markdown_is_safe(markdown: str, present: str, absent: str) -> None:
    from blog.markup import render_markdown

    rendered = str(render_markdown(markdown))
    assert present in rendered, f"render_markdown({markdown!r}) should contain {present!r}: {rendered!r}"
    assert absent not in rendered, f"render_markdown({markdown!r}) must not contain {absent!r}: {rendered!r}"


@pytest.mark.task(taskno=3)
def test_index_with_no_posts_uses_the_base_layout(client: FlaskClient) -> None:
    page = html(client, "/")
    assert "No posts yet." in page
    assert 'href="/static/style.css"' in page, "the index extends base.html (nav, stylesheet)"
    assert "<nav" in page, "the index extends base.html (nav, stylesheet)"
    with client.get("/static/style.css") as css:  # `with` closes the file the response streams
        assert css.status_code == 200
        assert css.mimetype == "text/css"


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize("url", ["/create", "/posts/hello-world/edit"])
def test_writing_needs_a_login(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302, "anonymous visitors are sent to log in"
    assert (
        response.headers["Location"] == f"/auth/login?next={url.replace('/', '%2F')}"
        or response.headers["Location"] == f"/auth/login?next={url}"
    ), "...with `next` set to where they were going"


@pytest.mark.task(taskno=3)
def test_create_publishes_a_post_with_rendered_markdown(client: FlaskClient, auth) -> None:
    auth.signup("alice")
    response = write(client, "Hello World", "Some **bold** text.\n\n<script>alert(1)</script>", tags="Flask, python")
    assert response.status_code == 302
    assert response.headers["Location"] == "/posts/hello-world"
    page = html(client, "/posts/hello-world")
    assert "Post published." in page, "flash 'Post published.' after writing"
    assert "<strong>bold</strong>" in page, "render the body as sanitised Markdown"
    assert "<script>alert" not in page, "render the body as sanitised Markdown"
    assert 'href="/tags/flask"' in page, "link each tag"
    assert 'href="/tags/python"' in page, "link each tag"
    assert "alice" in page


@pytest.mark.task(taskno=3)
def test_titles_are_escaped(client: FlaskClient, auth) -> None:
    auth.signup("alice")
    write(client, "<i>Shouting</i>")
    page = html(client, "/")
    assert "&lt;i&gt;Shouting&lt;/i&gt;" in page, "let Jinja escape titles"
    assert "<i>Shouting" not in page, "let Jinja escape titles"


@pytest.mark.task(taskno=3)
def test_create_rejects_a_blank_title_or_body(app: Flask, client: FlaskClient, auth) -> None:
    auth.signup("alice")
    assert write(client, title="").status_code == 422
    assert write(client, body="").status_code == 422
    assert slugs(app) == [], "nothing is saved from a rejected form"


@pytest.mark.task(taskno=3)
def test_equal_titles_get_distinct_slugs(app: Flask, client: FlaskClient, auth) -> None:
    auth.signup("alice")
    for _ in range(3):
        write(client, "Same Title")
    assert slugs(app) == ["same-title", "same-title-2", "same-title-3"]


@pytest.mark.task(taskno=3)
def test_author_can_edit_and_the_slug_follows_the_title(client: FlaskClient, auth) -> None:
    auth.signup("alice")
    write(client, "First Title", tags="a, b")
    form = html(client, "/posts/first-title/edit")
    assert 'value="First Title"' in form, "the edit form starts filled in"
    assert 'value="a, b"' in form, "the edit form starts filled in"
    response = client.post(
        "/posts/first-title/edit", data={"title": "Second Title", "body": "New body", "tags": "c", "description": ""}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/posts/second-title"
    page = html(client, "/posts/second-title")
    assert "New body" in page
    assert 'href="/tags/c"' in page
    assert 'href="/tags/a"' not in page
    assert client.get("/posts/first-title").status_code == 404, "the old slug is gone"
    client.post("/posts/second-title/edit", data={"title": "Second title!", "body": "New body"})
    assert client.get("/posts/second-title").status_code == 200, "a title with the same slug keeps its slug"


@pytest.mark.task(taskno=3)
def test_others_cannot_edit_or_delete_a_post(app: Flask, client: FlaskClient, auth) -> None:
    auth.signup("alice")
    write(client, "Alice's Post")
    auth.logout()
    auth.signup("mallory")
    assert client.get("/posts/alice-s-post/edit").status_code == 403
    assert client.post("/posts/alice-s-post/edit", data={"title": "Pwned", "body": "x"}).status_code == 403
    assert client.post("/posts/alice-s-post/delete").status_code == 403
    assert slugs(app) == ["alice-s-post"]
    assert "Delete" not in html(client, "/posts/alice-s-post"), "only the author sees Edit and Delete"


@pytest.mark.task(taskno=3)
def test_author_can_delete_by_post_only(app: Flask, client: FlaskClient, auth) -> None:
    auth.signup("alice")
    write(client, "Doomed")
    assert client.get("/posts/doomed/delete").status_code == 405, "a GET must not delete anything"
    response = client.post("/posts/doomed/delete")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert slugs(app) == []
    assert client.get("/posts/doomed").status_code == 404
    assert "Post deleted." in html(client, "/")


@pytest.mark.task(taskno=3)
@pytest.mark.parametrize(
    "url", ["/posts/nope", "/tags/nope?page=2", "/?page=abc", "/?page=1000000001", f"/?page={10**20}", "/?page=-1"]
)
def test_missing_posts_and_pages_are_404(client: FlaskClient, url: str) -> None:
    assert client.get(url).status_code == 404


@pytest.mark.task(taskno=3)
def test_index_pages_newest_first(client: FlaskClient, auth) -> None:
    auth.signup("alice")
    for n in range(1, 8):
        write(client, f"Post {n}")
    first = html(client, "/")
    assert [f"Post {n}" in first for n in (7, 6, 5, 4)] == [True, True, True, False], "3 per page, newest first"
    assert first.index("Post 7") < first.index("Post 6") < first.index("Post 5")
    assert 'rel="next"' in first, "link to the next page"
    assert "page=2" in first, "link to the next page"
    last = html(client, "/?page=3")
    assert "Post 1" in last
    assert "Post 2" not in last
    assert 'rel="next"' not in last
    assert client.get("/?page=4").status_code == 404, "past the last page is 404"
    assert client.get("/?page=0").status_code == 404


@pytest.mark.task(taskno=3)
def test_tag_pages_list_only_their_posts(client: FlaskClient, auth) -> None:
    auth.signup("alice")
    write(client, "About Flask", tags="flask, Python")
    write(client, "About Rust", tags="rust")
    page = html(client, "/tags/python")
    assert "<h1>Posts tagged python</h1>" in page, "the tag page says which tag"
    assert "<h1>Latest posts</h1>" in html(client, "/")
    assert "About Flask" in page
    assert "About Rust" not in page


@pytest.mark.task(taskno=3)
def test_logged_in_users_comment_and_everyone_reads(client: FlaskClient, auth) -> None:
    auth.signup("alice")
    write(client, "Discuss")
    auth.logout()
    anonymous = client.post("/posts/discuss/comments", data={"body": "drive-by"})
    assert anonymous.status_code == 302
    assert anonymous.headers["Location"].startswith("/auth/login")
    auth.signup("bob")
    assert client.post("/posts/discuss/comments", data={"body": ""}).status_code == 422, "a blank comment is refused"
    response = client.post("/posts/discuss/comments", data={"body": "Great **post**"})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/posts/discuss")
    auth.logout()
    page = html(client, "/posts/discuss")
    assert "Great <strong>post</strong>" in page
    assert "bob" in page
    assert "drive-by" not in page
    assert "Comments (1)" in page


@pytest.mark.task(taskno=3)
def test_index_orders_by_created_at_then_id(app: Flask, client: FlaskClient, auth) -> None:
    from datetime import UTC, datetime, timedelta

    from blog.extensions import db
    from blog.models import Post, User

    auth.signup("alice")
    moment = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    with app.app_context():
        alice = db.session.get(User, 1)
        db.session.add(Post(id=1, slug="late", title="LATE", body="b", author=alice, created_at=moment + timedelta(1)))
        db.session.flush()
        for post_id in (30, 10, 40, 20):  # equal times, inserted out of id order
            db.session.add(
                Post(id=post_id, slug=f"t{post_id}", title=f"TIE-{post_id}", body="b", author=alice, created_at=moment)
            )
            db.session.flush()
        db.session.commit()
    first, second = html(client, "/"), html(client, "/?page=2")
    assert first.index("LATE") < first.index("TIE-40") < first.index("TIE-30"), (
        "newest first; equal times: higher id first"
    )
    assert second.index("TIE-20") < second.index("TIE-10")
