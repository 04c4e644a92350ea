"""Deploy and run the blog on AWS with boto3: static files to S3, settings from SSM, a new image on ECS.

Every function takes the boto3 client it needs, so a caller (or a test) decides the account, region and
credentials; nothing here creates a client or reads the environment.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

    from types_boto3_ecs import ECSClient
    from types_boto3_s3 import S3Client
    from types_boto3_ssm import SSMClient

# The standard library's own table only: the module-level functions also read /etc/mime.types, which differs
# from one machine to the next. Then what that table lacks or has out of date.
_TYPES = mimetypes.MimeTypes()
_TYPES.add_type("text/javascript", ".js")  # RFC 9239
_TYPES.add_type("font/woff2", ".woff2")
_TYPES.add_type("font/woff", ".woff")

IMMUTABLE = "public, max-age=31536000, immutable"
NO_CACHE = "no-cache"
SHORT = "public, max-age=300"
_FINGERPRINT = re.compile(r"[0-9a-f]{8,}")  # what build tools put between a file's name and its extension
DELETE_BATCH = 1000  # S3's DeleteObjects takes at most 1000 keys

# What describe_task_definition returns that register_task_definition accepts back; the rest (arn, revision,
# status, compatibilities, requiresAttributes, registeredAt, registeredBy...) is AWS's bookkeeping.
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
    "enableFaultInjection",
)


def content_type(name: str) -> str:
    """The Content-Type to store with the file `name`: 'site.css' -> 'text/css', unknown -> application/octet-stream."""
    guessed, _encoding = _TYPES.guess_type(name)
    return guessed or "application/octet-stream"


def cache_control(name: str) -> str:
    """The Cache-Control to store with the file `name` (a path; only its last part counts).

    HTML: 'no-cache'; a fingerprinted name such as 'app.3f9a2c1b.css': a year, immutable; anything else: 5 minutes.
    """
    filename = PurePosixPath(name).name
    if filename.lower().endswith(".html"):
        return NO_CACHE
    if any(_FINGERPRINT.fullmatch(part) for part in filename.split(".")[1:-1]):
        return IMMUTABLE
    return SHORT


@dataclass(frozen=True)
class Published:
    """What publish_static did, each list of keys in sorted order."""

    uploaded: list[str]
    skipped: list[str]
    deleted: list[str]


def publish_static(s3: S3Client, bucket: str, folder: Path, *, prefix: str = "", delete: bool = False) -> Published:
    """Upload every file under `folder` to `bucket` at `prefix` + its path, skipping those S3 already holds.

    With `delete=True`, also remove the objects under `prefix` that no local file matches.
    """
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder} is not a folder: nothing published, nothing deleted")
    local = {f"{prefix}{path.relative_to(folder).as_posix()}": path for path in folder.rglob("*") if path.is_file()}
    remote = _etags(s3, bucket, prefix)
    uploaded: list[str] = []
    skipped: list[str] = []
    for key in sorted(local):
        body = local[key].read_bytes()
        if remote.get(key) == f'"{hashlib.md5(body).hexdigest()}"':
            skipped.append(key)
            continue
        s3.put_object(Bucket=bucket, Key=key, Body=body, ContentType=content_type(key), CacheControl=cache_control(key))
        uploaded.append(key)
    deleted = sorted(set(remote) - set(local)) if delete else []
    for start in range(0, len(deleted), DELETE_BATCH):
        batch = deleted[start : start + DELETE_BATCH]
        s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": key} for key in batch]})
    return Published(uploaded, skipped, deleted)


def _etags(s3: S3Client, bucket: str, prefix: str) -> dict[str, str]:
    """Every object under `prefix` with its ETag, all pages of the listing."""
    etags: dict[str, str] = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            etags[item["Key"]] = item["ETag"]
    return etags


def load_config(ssm: SSMClient, path: str, required: Iterable[str] = ()) -> dict[str, str]:
    """Every parameter under `path` (at any depth), decrypted, by its name relative to `path`.

    '/blog/prod/DATABASE_URL' under '/blog/prod' is 'DATABASE_URL'. A name in `required` that is missing
    raises LookupError naming every missing one.
    """
    base = path.removesuffix("/") + "/"
    config: dict[str, str] = {}
    pages = ssm.get_paginator("get_parameters_by_path").paginate(Path=path, Recursive=True, WithDecryption=True)
    for page in pages:
        for parameter in page["Parameters"]:
            config[parameter["Name"].removeprefix(base)] = parameter["Value"]
    if missing := sorted(set(required) - set(config)):
        raise LookupError(f"missing from {path}: {', '.join(missing)}")
    return config


def roll_service(ecs: ECSClient, cluster: str, service: str, image: str, container: str | None = None) -> str:
    """Run `service` on `image`: register a copy of its task definition with only that image changed, then
    point the service at it. Returns the new task definition's ARN.

    `container` names the container to change; it may be left out when the task has only one.
    """
    found = ecs.describe_services(cluster=cluster, services=[service])["services"]
    if not found:
        raise LookupError(f"no service {service!r} in cluster {cluster!r}")
    current = ecs.describe_task_definition(taskDefinition=found[0]["taskDefinition"], include=["TAGS"])
    definition: dict[str, Any] = dict(current["taskDefinition"])  # a fresh copy: changing it changes nothing in AWS
    copied = {key: definition[key] for key in REGISTER_FIELDS if key in definition}
    if current.get("tags"):
        copied["tags"] = current["tags"]
    _container(copied["containerDefinitions"], container)["image"] = image
    registered = ecs.register_task_definition(**copied)["taskDefinition"]["taskDefinitionArn"]
    ecs.update_service(cluster=cluster, service=service, taskDefinition=registered)
    return registered


def _container(definitions: list[dict[str, Any]], name: str | None) -> dict[str, Any]:
    names = ", ".join(d["name"] for d in definitions)
    if name is None:
        if len(definitions) != 1:
            raise ValueError(f"the task has {len(definitions)} containers ({names}): say which one gets the image")
        return definitions[0]
    for definition in definitions:
        if definition["name"] == name:
            return definition
    raise ValueError(f"no container named {name!r} in the task (it has {names})")
