"""The deploy step on AWS: `python -m blog_prod.aws_deploy IMAGE --cluster C --service S --bucket B`.

It checks that the service exists, publishes the blog's static files to S3 (unchanged ones skipped), then rolls
the ECS service to IMAGE with a new task-definition revision. boto3 finds the credentials and the region in the
environment (the pipeline's `AWS_*` variables), never in this file.
"""

from __future__ import annotations

import argparse
import hashlib
import mimetypes
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import boto3

if TYPE_CHECKING:
    from types_boto3_ecs import ECSClient
    from types_boto3_s3 import S3Client

CONTAINER = "web"
STATIC_PREFIX = "static/"
CACHE_CONTROL = "public, max-age=3600"  # url_for('static') names are not fingerprinted: an hour, not a year
_TYPES = mimetypes.MimeTypes()  # the standard library's table, not this machine's /etc/mime.types
_TYPES.add_type("text/javascript", ".js")
_TYPES.add_type("font/woff2", ".woff2")
REGISTER_FIELDS = (
    "family",
    "taskRoleArn",
    "executionRoleArn",
    "networkMode",
    "containerDefinitions",
    "volumes",
    "placementConstraints",
    "requiresCompatibilities",
    "cpu",
    "memory",
    "pidMode",
    "ipcMode",
    "proxyConfiguration",
    "inferenceAccelerators",
    "ephemeralStorage",
    "runtimePlatform",
)


class DeployError(Exception):
    """A deploy that cannot go on; the message says why."""


def current_task_definition(ecs: ECSClient, cluster: str, service: str) -> str:
    """The ARN of the task definition `service` runs now; DeployError if there is no such service."""
    found = ecs.describe_services(cluster=cluster, services=[service])["services"]
    if not found:
        raise DeployError(f"no service {service!r} in cluster {cluster!r}")
    return found[0]["taskDefinition"]


def publish_static(s3: S3Client, bucket: str, folder: Path) -> tuple[list[str], list[str]]:
    """Upload the files under `folder` to `static/<path>`; return the keys (uploaded, unchanged), each sorted."""
    if not folder.is_dir():
        raise DeployError(f"{folder} is not a folder")
    etags: dict[str, str] = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=STATIC_PREFIX):
        etags.update((item["Key"], item["ETag"]) for item in page.get("Contents", []))
    uploaded: list[str] = []
    unchanged: list[str] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        key = STATIC_PREFIX + path.relative_to(folder).as_posix()
        body = path.read_bytes()
        if etags.get(key) == f'"{hashlib.md5(body).hexdigest()}"':
            unchanged.append(key)
            continue
        kind = _TYPES.guess_type(key)[0] or "application/octet-stream"
        s3.put_object(Bucket=bucket, Key=key, Body=body, ContentType=kind, CacheControl=CACHE_CONTROL)
        uploaded.append(key)
    return uploaded, unchanged


def roll(ecs: ECSClient, cluster: str, service: str, task_definition: str, image: str) -> str:
    """Register a copy of `task_definition` with the `web` container on `image`, run it; return its ARN."""
    current = ecs.describe_task_definition(taskDefinition=task_definition, include=["TAGS"])
    described: dict[str, Any] = dict(current["taskDefinition"])
    fields = {key: described[key] for key in REGISTER_FIELDS if key in described}
    if current.get("tags"):
        fields["tags"] = current["tags"]
    webs = [c for c in fields["containerDefinitions"] if c["name"] == CONTAINER]
    if not webs:
        raise DeployError(f"{task_definition} has no container named {CONTAINER!r}")
    webs[0]["image"] = image
    new = ecs.register_task_definition(**fields)["taskDefinition"]["taskDefinitionArn"]
    ecs.update_service(cluster=cluster, service=service, taskDefinition=new)
    return new


def main(argv: Sequence[str] | None = None) -> int:
    """Deploy IMAGE; 0 when done, 1 (and the reason on stderr) when it cannot."""
    parser = argparse.ArgumentParser()
    parser.add_argument("image")
    for option in ("--cluster", "--service", "--bucket"):
        parser.add_argument(option, required=True)
    parser.add_argument("--static", type=Path, default=Path("blog/static"))
    args = parser.parse_args(argv)
    ecs = boto3.client("ecs")
    s3 = boto3.client("s3")
    try:
        running = current_task_definition(ecs, args.cluster, args.service)
        uploaded, unchanged = publish_static(s3, args.bucket, args.static)
        print(f"static: {len(uploaded)} uploaded, {len(unchanged)} unchanged")
        new = roll(ecs, args.cluster, args.service, running, args.image)
    except DeployError as error:
        print(f"deploy failed: {error}", file=sys.stderr)
        return 1
    print(f"service {args.service}: {new}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
