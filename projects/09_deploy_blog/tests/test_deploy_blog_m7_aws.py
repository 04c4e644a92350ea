"""Milestone 7 (stretch): the blog on AWS. aws/template.yaml checked with cfn-lint and by reading it; the deploy
step, blog_prod/aws_deploy.py, run here against moto's AWS in this process (fake credentials, no network).

Mistakes these tests catch: a template cfn-lint refuses, the app not on Fargate or not from the ImageUri parameter,
plain HTTP, no URL in the outputs, a database that is public, unencrypted, deleted with the stack or whose password
is written in the template, a database port open to more than the app; a deploy that uploads unchanged files again,
stores CSS as application/octet-stream, forgets the next pages of the listing, rolls a service that does not
exist, changes the sidecar's image or drops the task's settings, or never points the service at the new revision.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import moto.ecs.models
import moto.s3.models
import pytest
from cfnlint.decode import decode
from moto import mock_aws

from kata.grading.configure import run_tool

pytestmark = pytest.mark.timeout(60)

REGION = "eu-west-1"
BUCKET = "blog-assets-test"
ACCOUNT = "123456789012"
OLD_IMAGE = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/blog:1.4.0"
NEW_IMAGE = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/blog:1.5.0"
WARM_BACKENDS = (moto.ecs.models, moto.s3.models)  # loaded while collecting, not inside a test's time limit
for _service in ("s3", "ecs"):
    boto3.client(_service, region_name=REGION, aws_access_key_id="testing", aws_secret_access_key="testing")

Resource = dict[str, Any]


# --- the template ----------------------------------------------------------------------------------------------


@pytest.fixture
def template_file(kata_file: Callable[[str], Path]) -> Path:
    """Your aws/template.yaml (the reference one under --solutions)."""
    return kata_file("aws/template.yaml")


@pytest.fixture
def template(template_file: Path) -> dict[str, Any]:
    """The template as data, read by cfn-lint's reader (`!Ref X` becomes {"Ref": "X"})."""
    assert template_file.is_file(), "write aws/template.yaml"
    loaded, problems = decode(str(template_file))
    assert loaded is not None, "cfn-lint cannot read aws/template.yaml:\n" + "\n".join(map(str, problems))
    return dict(loaded)


def the(template: dict[str, Any], kind: str) -> Resource:
    found = [r for r in (template.get("Resources") or {}).values() if r.get("Type") == kind]
    assert len(found) == 1, f"the template needs exactly one {kind} (found {len(found)})"
    return found[0]


def props(resource: Resource) -> dict[str, Any]:
    properties: dict[str, Any] = resource.get("Properties", {})
    return properties


def target(value: Any) -> str | None:
    """The logical name a `!Ref X` or `!GetAtt X.Attr` points at."""
    if isinstance(value, dict) and "Ref" in value:
        return str(value["Ref"])
    if isinstance(value, dict) and "Fn::GetAtt" in value:
        attribute = value["Fn::GetAtt"]
        return str(attribute[0] if isinstance(attribute, list) else str(attribute).split(".")[0])
    return None


@pytest.mark.task(taskno=1)
@pytest.mark.timeout(90)
def test_template_passes_cfn_lint(template_file: Path) -> None:
    assert template_file.is_file(), "write aws/template.yaml"
    done = run_tool("cfn-lint", str(template_file))
    assert done.returncode == 0, f"cfn-lint says:\n{done.stdout}{done.stderr}"


@pytest.mark.task(taskno=1)
def test_template_runs_the_image_on_fargate_behind_https(template: dict[str, Any]) -> None:
    service = the(template, "AWS::ECS::Service")
    assert props(service).get("LaunchType") == "FARGATE" or "FARGATE" in str(
        props(service).get("CapacityProviderStrategy")
    ), "run the service on Fargate"
    task = template["Resources"].get(target(props(service).get("TaskDefinition")), {})
    images = [c.get("Image") for c in props(task).get("ContainerDefinitions", [])]
    assert {"Ref": "ImageUri"} in images, f"the container's Image is `!Ref ImageUri` (got {images})"
    listener = the(template, "AWS::ElasticLoadBalancingV2::Listener")
    assert (props(listener).get("Protocol"), props(listener).get("Port")) == ("HTTPS", 443), "listen with HTTPS on 443"
    outputs = [str(o.get("Value")) for o in (template.get("Outputs") or {}).values()]
    assert any("https://" in o and "DNSName" in o for o in outputs), "output the URL, https:// + the DNSName"


@pytest.mark.task(taskno=1)
def test_template_keeps_the_database_private_and_kept(template: dict[str, Any]) -> None:
    database = the(template, "AWS::RDS::DBInstance")
    settings = props(database)
    assert settings.get("Engine") == "postgres", "Engine: postgres"
    assert settings.get("PubliclyAccessible") is False, "PubliclyAccessible: false, written out"
    assert settings.get("StorageEncrypted") is True, "StorageEncrypted: true"
    assert (database.get("DeletionPolicy"), database.get("UpdateReplacePolicy")) == ("Snapshot", "Snapshot"), (
        "DeletionPolicy and UpdateReplacePolicy: Snapshot, or the data goes with the stack"
    )
    managed = settings.get("ManageMasterUserPassword") is True and "MasterUserPassword" not in settings
    assert managed or "{{resolve:secretsmanager:" in str(settings.get("MasterUserPassword")), (
        "the password comes from Secrets Manager (a dynamic reference, or ManageMasterUserPassword), never the file"
    )
    groups = [target(g) for g in settings.get("VPCSecurityGroups", [])]
    assert len(groups) == 1, "give the database one security group of this template"
    rules = list(props(template["Resources"].get(groups[0], {})).get("SecurityGroupIngress", []))
    for resource in template["Resources"].values():
        if (
            resource.get("Type") == "AWS::EC2::SecurityGroupIngress"
            and target(props(resource).get("GroupId")) == groups[0]
        ):
            rules.append(props(resource))
    assert rules, "let the app reach port 5432"
    for rule in rules:
        assert "CidrIp" not in rule, f"no address range may reach the database (got {rule})"
        assert (rule.get("FromPort"), rule.get("ToPort")) == (5432, 5432), f"port 5432 only (got {rule})"
        assert target(rule.get("SourceSecurityGroupId")), f"the source is the app's security group (got {rule})"


# --- the deploy step -------------------------------------------------------------------------------------------


@pytest.fixture
def aws_deploy(project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """`blog_prod.aws_deploy` imported here, inside moto's fake AWS with fake credentials and region."""
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
        monkeypatch.setenv(name, "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.syspath_prepend(str(project_dir))
    import blog_prod.aws_deploy

    with mock_aws():
        yield blog_prod.aws_deploy


@pytest.fixture
def live(aws_deploy: Any) -> tuple[Any, Any]:
    """(s3, ecs) with the bucket and the service `blog` in cluster `prod`, on OLD_IMAGE with an nginx sidecar."""
    s3 = boto3.client("s3", region_name=REGION)
    s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    ecs = boto3.client("ecs", region_name=REGION)
    ecs.create_cluster(clusterName="prod")
    arn = ecs.register_task_definition(
        family="blog",
        executionRoleArn=f"arn:aws:iam::{ACCOUNT}:role/blog-execution",
        networkMode="awsvpc",
        requiresCompatibilities=["FARGATE"],
        cpu="512",
        memory="1024",
        containerDefinitions=[
            {"name": "proxy", "image": "nginx:1.27", "essential": True},
            {"name": "web", "image": OLD_IMAGE, "essential": True, "portMappings": [{"containerPort": 8000}]},
        ],
        tags=[{"key": "app", "value": "blog"}],
    )["taskDefinition"]["taskDefinitionArn"]
    ecs.create_service(cluster="prod", serviceName="blog", taskDefinition=arn, desiredCount=2, launchType="FARGATE")
    return s3, ecs


@pytest.fixture
def static(tmp_path: Path) -> Path:
    """The blog's static folder: a stylesheet, a script, an icon, and a file of no known type."""
    root = tmp_path / "static"
    for name, body in {
        "style.css": "body { margin: 0 }",
        "js/app.js": "console.log(1)",
        "img/logo.svg": "<svg/>",
        "robots.unknownext": "?",
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(body, encoding="utf-8")
    return root


def deploy(aws_deploy: Any, static: Path, service: str = "blog") -> int:
    argv = [NEW_IMAGE, "--cluster", "prod", "--service", service, "--bucket", BUCKET, "--static", str(static)]
    code: int = aws_deploy.main(argv)
    return code


def keys(s3: Any) -> list[str]:
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET)
    return sorted(item["Key"] for page in pages for item in page.get("Contents", []))


@pytest.mark.task(taskno=2)
def test_deploy_publishes_the_static_files_with_their_types(
    aws_deploy: Any, live: tuple[Any, Any], static: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s3, _ = live
    assert deploy(aws_deploy, static) == 0, f"the deploy failed:\n{capsys.readouterr().err}"
    expected = ["static/img/logo.svg", "static/js/app.js", "static/robots.unknownext", "static/style.css"]
    assert keys(s3) == expected, "each file at static/<its path in the folder>"
    types = {key: s3.head_object(Bucket=BUCKET, Key=key)["ContentType"] for key in expected}
    assert types == {
        "static/img/logo.svg": "image/svg+xml",
        "static/js/app.js": "text/javascript",
        "static/robots.unknownext": "application/octet-stream",
        "static/style.css": "text/css",
    }, "store each file with its Content-Type: browsers ignore a stylesheet served as bytes"
    cache = s3.head_object(Bucket=BUCKET, Key="static/style.css").get("CacheControl")
    assert cache == "public, max-age=3600", f"Cache-Control: public, max-age=3600 (got {cache!r})"
    assert "static: 4 uploaded, 0 unchanged" in capsys.readouterr().out


@pytest.mark.task(taskno=2)
def test_deploy_skips_unchanged_files_on_every_page(
    aws_deploy: Any, live: tuple[Any, Any], static: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s3, _ = live
    for n in range(1001):  # listed before the blog's files: a listing returns 1000 keys per page
        s3.put_object(Bucket=BUCKET, Key=f"static/a/{n:04}.txt", Body=b"kept")
    assert deploy(aws_deploy, static) == 0
    capsys.readouterr()
    (static / "style.css").write_text("body { margin: 1rem }", encoding="utf-8")
    assert deploy(aws_deploy, static) == 0
    out = capsys.readouterr().out
    assert "static: 1 uploaded, 3 unchanged" in out, (
        f"only the changed file goes up again (compare the ETag, and read every page of the listing):\n{out}"
    )


@pytest.mark.task(taskno=2)
def test_deploy_rolls_only_the_web_container_to_the_image(
    aws_deploy: Any, live: tuple[Any, Any], static: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, ecs = live
    assert deploy(aws_deploy, static) == 0, f"the deploy failed:\n{capsys.readouterr().err}"
    running = ecs.describe_services(cluster="prod", services=["blog"])["services"][0]["taskDefinition"]
    assert running.endswith("task-definition/blog:2"), f"point the service at the new revision (runs {running})"
    assert f"service blog: {running}" in capsys.readouterr().out, "print the new revision's ARN"
    described = ecs.describe_task_definition(taskDefinition=running, include=["TAGS"])
    new = described["taskDefinition"]
    images = {c["name"]: c["image"] for c in new["containerDefinitions"]}
    assert images == {"proxy": "nginx:1.27", "web": NEW_IMAGE}, f"change the web container only (got {images})"
    kept = {key: new.get(key) for key in ("cpu", "memory", "executionRoleArn", "networkMode")}
    assert kept == {
        "cpu": "512",
        "memory": "1024",
        "executionRoleArn": f"arn:aws:iam::{ACCOUNT}:role/blog-execution",
        "networkMode": "awsvpc",
    }, f"the new revision keeps the old one's settings (got {kept})"
    assert described.get("tags") == [{"key": "app", "value": "blog"}], "and its tags"
    web = next(c for c in new["containerDefinitions"] if c["name"] == "web")
    ports = [mapping.get("containerPort") for mapping in web.get("portMappings", [])]
    assert ports == [8000], f"and the container's ports (got {ports})"


@pytest.mark.task(taskno=2)
def test_publish_static_returns_the_keys_it_uploaded_and_skipped(
    aws_deploy: Any, live: tuple[Any, Any], static: Path
) -> None:
    s3, _ = live
    first = aws_deploy.publish_static(s3, BUCKET, static)
    keys_sent = ["static/img/logo.svg", "static/js/app.js", "static/robots.unknownext", "static/style.css"]
    assert first == (keys_sent, []), f"publish_static returns (uploaded keys, unchanged keys), sorted (got {first})"
    assert aws_deploy.publish_static(s3, BUCKET, static) == ([], keys_sent), "the second time, all are unchanged"


@pytest.mark.task(taskno=2)
def test_static_defaults_to_blog_static(
    aws_deploy: Any, live: tuple[Any, Any], static: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    s3, _ = live
    deploy_folder = static.parent / "deploy"
    (deploy_folder / "blog").mkdir(parents=True)
    static.rename(deploy_folder / "blog" / "static")
    monkeypatch.chdir(deploy_folder)
    assert aws_deploy.main([NEW_IMAGE, "--cluster", "prod", "--service", "blog", "--bucket", BUCKET]) == 0
    assert "static/style.css" in keys(s3), "without --static, publish blog/static (of the deploy folder)"


@pytest.mark.task(taskno=2)
@pytest.mark.parametrize("missing", ["--cluster", "--service", "--bucket"])
def test_every_option_but_static_is_required(aws_deploy: Any, live: tuple[Any, Any], missing: str) -> None:
    options = {"--cluster": "prod", "--service": "blog", "--bucket": BUCKET}
    argv = [NEW_IMAGE, *(part for name, value in options.items() if name != missing for part in (name, value))]
    with pytest.raises(SystemExit) as exited:
        aws_deploy.main(argv)
    assert exited.value.code == 2, f"argparse refuses a command line without {missing} (exit 2)"


@pytest.mark.task(taskno=2)
def test_a_missing_static_folder_or_web_container_is_a_clear_failure(
    aws_deploy: Any, live: tuple[Any, Any], static: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, ecs = live
    assert deploy(aws_deploy, static.parent / "no-such-folder") == 1, "exit 1 when the static folder is missing"
    assert "no-such-folder is not a folder" in capsys.readouterr().err, "and name the folder"
    arn = ecs.register_task_definition(
        family="worker", containerDefinitions=[{"name": "queue", "image": "worker:1", "memory": 256}]
    )["taskDefinition"]["taskDefinitionArn"]
    ecs.create_service(cluster="prod", serviceName="worker", taskDefinition=arn, desiredCount=1)
    assert deploy(aws_deploy, static, service="worker") == 1, "exit 1 when the task has no `web` container"
    assert "has no container named 'web'" in capsys.readouterr().err


@pytest.mark.task(taskno=2)
def test_deploy_to_an_unknown_service_changes_nothing(
    aws_deploy: Any, live: tuple[Any, Any], static: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s3, ecs = live
    assert deploy(aws_deploy, static, service="blgo") == 1, "exit 1 when the service does not exist"
    err = capsys.readouterr().err
    assert "no service 'blgo' in cluster 'prod'" in err, f"say which service is missing (stderr: {err!r})"
    assert keys(s3) == [], "check the service before uploading anything"
    revisions = ecs.list_task_definitions(familyPrefix="blog")["taskDefinitionArns"]
    assert len(revisions) == 1, f"and register nothing (found {revisions})"
