"""Milestone 4: the whole blog in a real browser — register, log in, write a post, find it on the index.

Runs headless Chromium (Debian's `chromium` package) through Playwright against the app served by
werkzeug in a thread, with CSRF switched ON: the real forms must carry their tokens. Saves a
screenshot to `artifacts/blog.png` at the workspace root.

Mistakes this test catches: a form without its CSRF token (400 in a real browser, though the test
client passed), links and buttons missing from the layout, a redirect that goes nowhere useful,
a post that never reaches the index.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SECRET = "browser-test-secret-key-0123456789-abcdef"

pytestmark = [pytest.mark.slow, pytest.mark.timeout(90)]


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[str]:
    """The blog, CSRF on, on a SQLite file, served by werkzeug on 127.0.0.1 and a free port; yields its base URL."""
    from blog import create_app
    from blog.extensions import db
    from werkzeug.serving import make_server

    app = create_app(
        {
            "SECRET_KEY": SECRET,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'browser.sqlite'}",
            "PASSWORD_HASH_PROFILE": "CHEAPEST",
        }
    )
    with app.app_context():
        db.create_all()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="blog-live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()
        with app.app_context():
            db.session.remove()
            for engine in db.engines.values():
                engine.dispose()


@pytest.fixture
def chromium_path() -> str:
    """The browser to drive: skipped when it is missing, unless CI is set (then it must be there)."""
    if not CHROMIUM.is_file():
        reason = f"no browser at {CHROMIUM}: install it with `apt-get install -y chromium`"
        if os.environ.get("CI"):
            pytest.fail(f"CI is set, so the browser test must run: {reason}", pytrace=False)
        pytest.skip(reason)
    return str(CHROMIUM)


@pytest.mark.task(taskno=4)
def test_register_write_a_post_and_see_it_on_the_index(
    live_server: str, chromium_path: str, request: pytest.FixtureRequest
) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1024, "height": 768})
            page.set_default_timeout(15_000)
            page.goto(live_server + "/")
            expect(page.get_by_text("No posts yet.")).to_be_visible()

            page.get_by_role("link", name="Register").click()
            page.get_by_label("Username").fill("alice")
            page.get_by_label("Email").fill("alice@example.com")
            page.get_by_label("Password", exact=True).fill("correct horse battery")
            page.get_by_label("Repeat password").fill("correct horse battery")
            page.get_by_role("button", name="Register").click()
            expect(page.get_by_text("Account created. Please log in.")).to_be_visible()

            page.get_by_label("Username").fill("alice")
            page.get_by_label("Password").fill("correct horse battery")
            page.get_by_role("button", name="Log in").click()
            expect(page.get_by_text("Welcome back, alice!")).to_be_visible()

            page.get_by_role("link", name="New post").click()
            page.get_by_label("Title").fill("Hello from a real browser")
            page.get_by_label("Summary").fill("Written by Playwright driving Chromium.")
            page.get_by_label("Body (Markdown)").fill("This post was typed by **Playwright**.\n\n- fast\n- headless")
            page.get_by_label("Tags, comma-separated").fill("testing, flask")
            page.get_by_role("button", name="Publish").click()
            expect(page.get_by_text("Post published.")).to_be_visible()
            expect(page.locator("strong", has_text="Playwright")).to_be_visible()

            page.get_by_role("link", name="Blog", exact=True).click()
            expect(page.get_by_role("link", name="Hello from a real browser")).to_be_visible()
            expect(page.get_by_role("link", name="testing")).to_be_visible()

            artifacts = Path(request.config.rootpath) / "artifacts"
            artifacts.mkdir(exist_ok=True)
            page.screenshot(path=str(artifacts / "blog.png"), full_page=True)
        finally:
            browser.close()
