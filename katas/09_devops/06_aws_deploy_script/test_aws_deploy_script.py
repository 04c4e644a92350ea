"""Tests for aws_deploy_script, against moto's in-process AWS: fake credentials, no network, no real account.

Mistakes these tests catch: content types written by hand (no .svg, no .woff2, upper-case extensions), the
host's /etc/mime.types deciding a type, HTML cached, fingerprinted files not immutable, a listing read without
its next pages (1000 objects at most per call), ETags compared without their quotes (every file uploaded again),
stale files deleted when nobody asked or more than 1000 keys in one DeleteObjects call, a missing folder that
empties the bucket, parameters read without their next pages (10 per call) or still encrypted or only one
level deep, a new task definition that drops the roles, CPU, memory or tags, and an image set on every container.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import moto.ecs.models
import moto.s3.models
import moto.ssm.models
import pytest
from aws_deploy_script import Published, cache_control, content_type, load_config, publish_static, roll_service
from moto import mock_aws

REGION = "eu-west-1"
BUCKET = "blog-static-test"
ACCOUNT = "123456789012"
Calls = list[tuple[str, dict[str, Any]]]
# moto's backends (imported above) and boto3's service models load once, while the tests are collected: the first
# use of each costs seconds, which must not count against a test's time limit.
WARM_BACKENDS = (moto.ecs.models, moto.s3.models, moto.ssm.models)
for _service in ("s3", "ssm", "ecs"):
    boto3.client(_service, region_name=REGION, aws_access_key_id="testing", aws_secret_access_key="testing")


@pytest.fixture(autouse=True)
def fake_aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """moto's AWS in this process, with fake credentials: nothing here can reach a real account."""
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    with mock_aws():
        yield


def record_calls(client: Any) -> Calls:
    """Every API call the client makes from now on, as (operation name, parameters)."""
    calls: Calls = []

    def remember(params: dict[str, Any], model: Any, **_: Any) -> None:
        calls.append((model.name, params))

    client.meta.events.register("provide-client-params", remember)
    return calls


@pytest.fixture
def s3() -> Any:
    """An S3 client with an empty bucket named BUCKET."""
    client = boto3.client("s3", region_name=REGION)
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    return client


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small built site: HTML, fingerprinted CSS and JS, an SVG, a font."""
    files = {
        "index.html": "<h1>Blog</h1>",
        "posts/hello.html": "<h1>Hello</h1>",
        "css/site.3f9a2c1b.css": "body { margin: 0 }",
        "js/app.0123456789abcdef.js": "console.log('hi')",
        "img/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        "fonts/inter.woff2": "wOF2 not really a font",
    }
    root = tmp_path / "site"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def keys(s3: Any) -> list[str]:
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET)
    return sorted(item["Key"] for page in pages for item in page.get("Contents", []))


def publish(s3: Any, folder: Path, **options: Any) -> Published:
    published = publish_static(s3, BUCKET, folder, **options)
    assert isinstance(published, Published), f"return a Published(uploaded, skipped, deleted), not {published!r}"
    return published


# --- 1. Content-Type and Cache-Control -------------------------------------------------------------------------


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("index.html", "text/html"),
        ("css/site.css", "text/css"),
        ("js/app.js", "text/javascript"),
        ("img/logo.svg", "image/svg+xml"),
        ("img/LOGO.SVG", "image/svg+xml"),
        ("fonts/inter.woff2", "font/woff2"),
        ("fonts/inter.woff", "font/woff"),
        ("img/photo.png", "image/png"),
        ("img/photo.JPG", "image/jpeg"),
        ("favicon.ico", "image/vnd.microsoft.icon"),
        ("feed.json", "application/json"),
        ("robots.txt", "text/plain"),
        ("docs/guide.pdf", "application/pdf"),
    ],
)
def test_content_type_comes_from_the_standard_table(name: str, expected: str) -> None:
    got = content_type(name)
    assert got == expected, f"content_type({name!r}) should be {expected!r}: a browser trusts this header"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("name", ["notes.xyz", "Makefile", "app.js.map", "data.unknownext"])
def test_unknown_types_are_plain_bytes(name: str) -> None:
    got = content_type(name)
    assert got == "application/octet-stream", (
        f"content_type({name!r}) should be 'application/octet-stream' (the standard library's table does not "
        "know it, and /etc/mime.types on this machine must not decide)"
    )


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize("name", ["index.html", "posts/hello.HTML", "index.3f9a2c1b.html"])
def test_html_is_revalidated_every_time(name: str) -> None:
    got = cache_control(name)
    assert got == "no-cache", f"cache_control({name!r}) should be 'no-cache': HTML names the new CSS and JS"


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    "name", ["css/site.3f9a2c1b.css", "js/vendor.0123456789abcdef.min.js", "fonts/inter.deadbeef.woff2"]
)
def test_fingerprinted_files_are_immutable_for_a_year(name: str) -> None:
    got = cache_control(name)
    assert got == "public, max-age=31536000, immutable", (
        f"cache_control({name!r}): a name with a hash in it never changes content, so cache it for a year"
    )


@pytest.mark.task(taskno=1)
@pytest.mark.parametrize(
    "name",
    [
        "img/logo.svg",
        "css/site.3f9a2c1.css",  # 7 hex digits: too short for a fingerprint
        "css/site.3F9A2C1B.css",  # upper case: not what the build writes
        "img/logo.facade.png",  # hex letters, but only 6
        "css/site.notahash.css",
        "3f9a2c1b.css",  # the hash is the whole name, not a part between name and extension
        "build.3f9a2c1b/site.css",  # a folder's name does not count
        "static/v.3f9a2c1b.d/logo.png",  # nor one deeper down
    ],
)
def test_other_files_are_cached_for_five_minutes(name: str) -> None:
    got = cache_control(name)
    assert got == "public, max-age=300", f"cache_control({name!r}) should be 'public, max-age=300': not fingerprinted"


# --- 2. Publish ------------------------------------------------------------------------------------------------


@pytest.mark.task(taskno=2)
def test_uploads_every_file_under_the_prefix_with_its_headers(s3: Any, site: Path) -> None:
    published = publish(s3, site, prefix="static/")
    expected = sorted(f"static/{p.relative_to(site).as_posix()}" for p in site.rglob("*") if p.is_file())
    assert keys(s3) == expected, "every file, at the prefix plus its path inside the folder (with / separators)"
    assert published.uploaded == expected, f"Published.uploaded lists the keys sent, sorted (got {published})"
    assert published.skipped == [], "nothing was in the bucket, so nothing is skipped"
    assert published.deleted == []
    for key in expected:
        head = s3.head_object(Bucket=BUCKET, Key=key)
        assert head["ContentType"] == content_type(key), f"{key}: ContentType should be {content_type(key)!r}"
        assert head.get("CacheControl") == cache_control(key), f"{key}: CacheControl should be {cache_control(key)!r}"
    body = s3.get_object(Bucket=BUCKET, Key="static/css/site.3f9a2c1b.css")["Body"].read()
    assert body == b"body { margin: 0 }", "upload the file's bytes"


@pytest.mark.task(taskno=2)
def test_without_a_prefix_keys_are_the_paths(s3: Any, site: Path) -> None:
    publish(s3, site)
    assert "index.html" in keys(s3), f"prefix defaults to '': index.html is stored as 'index.html' (got {keys(s3)})"
    assert "posts/hello.html" in keys(s3)


@pytest.mark.task(taskno=2)
def test_a_second_publish_skips_unchanged_files(s3: Any, site: Path) -> None:
    first = publish(s3, site, prefix="static/")
    calls = record_calls(s3)
    again = publish(s3, site, prefix="static/")
    puts = [params["Key"] for name, params in calls if name == "PutObject"]
    assert puts == [], f"nothing changed, yet these were uploaded again: {puts} (S3's ETag is the MD5, in quotes)"
    assert again.skipped == first.uploaded, f"Published.skipped lists the unchanged keys, sorted (got {again})"
    assert again.uploaded == []
    (site / "css" / "site.3f9a2c1b.css").write_text("body { margin: 1rem }", encoding="utf-8")
    changed = publish(s3, site, prefix="static/")
    assert changed.uploaded == ["static/css/site.3f9a2c1b.css"], f"upload exactly the changed file (got {changed})"
    body = s3.get_object(Bucket=BUCKET, Key="static/css/site.3f9a2c1b.css")["Body"].read()
    assert body == b"body { margin: 1rem }"


@pytest.mark.task(taskno=2)
def test_stale_objects_are_deleted_only_when_asked(s3: Any, site: Path) -> None:
    s3.put_object(Bucket=BUCKET, Key="static/css/site.old00000.css", Body=b"old")
    s3.put_object(Bucket=BUCKET, Key="uploads/avatar.png", Body=b"png")
    kept = publish(s3, site, prefix="static/")
    assert "static/css/site.old00000.css" in keys(s3), "delete=False (the default) deletes nothing"
    assert kept.deleted == []
    cleaned = publish(s3, site, prefix="static/", delete=True)
    assert "static/css/site.old00000.css" not in keys(s3), "delete=True removes what no local file matches"
    assert cleaned.deleted == ["static/css/site.old00000.css"], f"Published.deleted lists it (got {cleaned})"
    assert "uploads/avatar.png" in keys(s3), "only objects under the prefix are yours to delete"


@pytest.mark.task(taskno=2)
@pytest.mark.timeout(60)
def test_reads_every_page_of_the_listing(s3: Any, site: Path) -> None:
    publish(s3, site, prefix="static/")
    stale = [f"static/a-old/{n:04}.css" for n in range(1005)]  # listed before the site's files: keys come sorted
    for key in stale:
        s3.put_object(Bucket=BUCKET, Key=key, Body=b"old")
    calls = record_calls(s3)
    published = publish(s3, site, prefix="static/", delete=True)
    reuploaded = [params["Key"] for name, params in calls if name == "PutObject"]
    assert reuploaded == [], (
        f"{len(reuploaded)} unchanged files uploaded again: one ListObjectsV2 call returns 1000 keys at most, "
        "read the next pages too"
    )
    left = [key for key in keys(s3) if "/a-old/" in key]
    assert left == [], f"{len(left)} of 1005 stale objects are still there (every page of the listing counts)"
    assert published.deleted == stale
    batches = [len(params["Delete"]["Objects"]) for name, params in calls if name == "DeleteObjects"]
    assert batches, "delete them with DeleteObjects"
    assert max(batches) <= 1000, f"S3 refuses DeleteObjects with more than 1000 keys (moto does not): sent {batches}"


@pytest.mark.task(taskno=2)
def test_a_missing_folder_publishes_and_deletes_nothing(s3: Any, tmp_path: Path) -> None:
    s3.put_object(Bucket=BUCKET, Key="static/index.html", Body=b"live site")
    with pytest.raises(NotADirectoryError, match="dist-typo"):
        publish_static(s3, BUCKET, tmp_path / "dist-typo", prefix="static/", delete=True)
    assert keys(s3) == ["static/index.html"], "a typo in the folder must not empty the live site"


# --- 3. Configuration from Parameter Store ---------------------------------------------------------------------


@pytest.fixture
def ssm() -> Any:
    """An SSM client with the blog's production settings (15 of them, one nested) and some neighbours."""
    client = boto3.client("ssm", region_name=REGION)
    for n in range(12):
        client.put_parameter(Name=f"/blog/prod/FEATURE_{n:02}", Value=f"on-{n}", Type="String")
    client.put_parameter(Name="/blog/prod/DATABASE_URL", Value="postgresql://blog@db/blog", Type="String")
    client.put_parameter(Name="/blog/prod/SECRET_KEY", Value="s3cret-value", Type="SecureString")
    client.put_parameter(Name="/blog/prod/db/password", Value="pg-pass", Type="SecureString")
    client.put_parameter(Name="/blog/production/SECRET_KEY", Value="not-this-one", Type="String")
    client.put_parameter(Name="/blog/staging/SECRET_KEY", Value="nor-this", Type="String")
    return client


@pytest.mark.task(taskno=3)
def test_reads_every_parameter_under_the_path(ssm: Any) -> None:
    config = load_config(ssm, "/blog/prod")
    assert isinstance(config, dict), f"return a dict of name -> value, not {type(config).__name__}"
    expected = {f"FEATURE_{n:02}" for n in range(12)} | {"DATABASE_URL", "SECRET_KEY", "db/password"}
    missing = sorted(expected - set(config))
    assert not missing, (
        f"{len(missing)} of 15 parameters missing ({missing[:4]}...): GetParametersByPath returns 10 at most, "
        "then a NextToken for the next page"
    )
    assert set(config) == expected, f"only the names under /blog/prod, relative to it (got {sorted(config)})"
    assert config["FEATURE_07"] == "on-7"
    assert config["DATABASE_URL"] == "postgresql://blog@db/blog"


@pytest.mark.task(taskno=3)
def test_secure_strings_are_decrypted(ssm: Any) -> None:
    config = load_config(ssm, "/blog/prod")
    assert config.get("SECRET_KEY") == "s3cret-value", (
        f"SECRET_KEY is {config.get('SECRET_KEY')!r}: ask for SecureString values decrypted (WithDecryption)"
    )


@pytest.mark.task(taskno=3)
def test_nested_names_keep_their_folders(ssm: Any) -> None:
    config = load_config(ssm, "/blog/prod")
    assert config.get("db/password") == "pg-pass", (
        "'/blog/prod/db/password' is 'db/password', decrypted: read the path recursively "
        f"(got {config.get('db/password')!r})"
    )


@pytest.mark.task(taskno=3)
def test_a_trailing_slash_changes_nothing(ssm: Any) -> None:
    assert load_config(ssm, "/blog/prod/") == load_config(ssm, "/blog/prod"), "'/blog/prod/' is '/blog/prod'"


@pytest.mark.task(taskno=3)
def test_missing_required_names_are_all_reported(ssm: Any) -> None:
    config = load_config(ssm, "/blog/prod", required=["SECRET_KEY", "DATABASE_URL"])
    assert config["SECRET_KEY"] == "s3cret-value", "with every required name present, return the config"
    with pytest.raises(LookupError) as caught:
        load_config(ssm, "/blog/prod", required=("SECRET_KEY", "SENTRY_DSN", "MAIL_HOST"))
    assert str(caught.value) == "missing from /blog/prod: MAIL_HOST, SENTRY_DSN", (
        "name every missing parameter, sorted, so one deploy attempt shows them all"
    )


# --- 4. Roll the service to a new image ------------------------------------------------------------------------

EXEC_ROLE = f"arn:aws:iam::{ACCOUNT}:role/blog-execution"
TASK_ROLE = f"arn:aws:iam::{ACCOUNT}:role/blog-task"
WEB: dict[str, Any] = {
    "name": "web",
    "image": f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/blog:1.4.0",
    "essential": True,
    "portMappings": [{"containerPort": 8000, "protocol": "tcp"}],
    "environment": [{"name": "LOG_LEVEL", "value": "INFO"}],
    "secrets": [{"name": "SECRET_KEY", "valueFrom": f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter/blog/prod/SECRET_KEY"}],
    "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/blog"}},
}
PROXY: dict[str, Any] = {"name": "proxy", "image": "nginx:1.27", "essential": True}
NEW_IMAGE = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/blog:1.5.0"
BOOKKEEPING = {"taskDefinitionArn", "revision", "status", "registeredAt", "registeredBy", "deregisteredAt"}


@pytest.fixture
def make_service() -> Callable[..., Any]:
    """Register a Fargate task definition with the given containers and run it as service `blog` in `prod`."""

    def make(*containers: dict[str, Any]) -> Any:
        ecs = boto3.client("ecs", region_name=REGION)
        ecs.create_cluster(clusterName="prod")
        arn = ecs.register_task_definition(
            family="blog",
            taskRoleArn=TASK_ROLE,
            executionRoleArn=EXEC_ROLE,
            networkMode="awsvpc",
            requiresCompatibilities=["FARGATE"],
            cpu="512",
            memory="1024",
            containerDefinitions=list(containers),
            volumes=[{"name": "tmp"}],
            runtimePlatform={"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"},
            ephemeralStorage={"sizeInGiB": 30},
            tags=[{"key": "app", "value": "blog"}],
        )["taskDefinition"]["taskDefinitionArn"]
        ecs.create_service(cluster="prod", serviceName="blog", taskDefinition=arn, desiredCount=2, launchType="FARGATE")
        return ecs

    return make


def definition(ecs: Any, arn: str) -> dict[str, Any]:
    described = ecs.describe_task_definition(taskDefinition=arn, include=["TAGS"])
    found: dict[str, Any] = {**described["taskDefinition"], "tags": described.get("tags", [])}
    return found


def service_arn(ecs: Any) -> str:
    arn: str = ecs.describe_services(cluster="prod", services=["blog"])["services"][0]["taskDefinition"]
    return arn


@pytest.mark.task(taskno=4)
def test_the_service_runs_a_new_revision_with_the_new_image(make_service: Callable[..., Any]) -> None:
    ecs = make_service(WEB)
    old = service_arn(ecs)
    new = roll_service(ecs, "prod", "blog", NEW_IMAGE)
    assert isinstance(new, str), f"return the new task definition's ARN, not {new!r}"
    assert new != old, "register a new revision: the old one cannot change"
    assert new.endswith(":2"), f"register the next revision of the family (blog:2), got {new}"
    assert service_arn(ecs) == new, "update the service to the new task definition"
    assert definition(ecs, new)["containerDefinitions"][0]["image"] == NEW_IMAGE
    assert definition(ecs, old)["containerDefinitions"][0]["image"] == WEB["image"], "leave revision 1 as it was"


@pytest.mark.task(taskno=4)
def test_the_new_revision_keeps_everything_but_the_image(make_service: Callable[..., Any]) -> None:
    ecs = make_service(WEB)
    old = definition(ecs, service_arn(ecs))
    new = definition(ecs, roll_service(ecs, "prod", "blog", NEW_IMAGE))
    for key in sorted(set(old) - BOOKKEEPING):
        if key == "containerDefinitions":
            continue
        assert new.get(key) == old[key], f"the new revision lost or changed {key}: {new.get(key)!r} (was {old[key]!r})"
    before = {**old["containerDefinitions"][0], "image": NEW_IMAGE}
    after = new["containerDefinitions"][0]
    assert after == before, "the container keeps its ports, environment, secrets and logging; only its image changes"


@pytest.mark.task(taskno=4)
def test_only_the_named_container_gets_the_image(make_service: Callable[..., Any]) -> None:
    ecs = make_service(WEB, PROXY)
    new = definition(ecs, roll_service(ecs, "prod", "blog", NEW_IMAGE, container="web"))
    images = {c["name"]: c["image"] for c in new["containerDefinitions"]}
    assert images == {"web": NEW_IMAGE, "proxy": "nginx:1.27"}, f"change the web container only (got {images})"


@pytest.mark.task(taskno=4)
def test_several_containers_need_a_name(make_service: Callable[..., Any]) -> None:
    ecs = make_service(WEB, PROXY)
    with pytest.raises(ValueError, match=r"2 containers \(web, proxy\)"):
        roll_service(ecs, "prod", "blog", NEW_IMAGE)
    assert service_arn(ecs).endswith(":1"), "nothing registered, the service unchanged"
    with pytest.raises(ValueError, match=r"no container named 'worker' in the task \(it has web, proxy\)"):
        roll_service(ecs, "prod", "blog", NEW_IMAGE, container="worker")
    assert service_arn(ecs).endswith(":1")
    families = ecs.list_task_definitions(familyPrefix="blog")["taskDefinitionArns"]
    assert len(families) == 1, f"a refused roll registers nothing (found {families})"


@pytest.mark.task(taskno=4)
def test_an_unknown_service_is_a_lookup_error(make_service: Callable[..., Any]) -> None:
    ecs = make_service(WEB)
    with pytest.raises(LookupError, match="no service 'blgo' in cluster 'prod'"):
        roll_service(ecs, "prod", "blgo", NEW_IMAGE)
