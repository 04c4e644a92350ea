"""Deploy and run the blog on AWS with boto3: static files to S3, settings from SSM, a new image on ECS.

Every function takes the boto3 client it needs, so a caller (or a test) decides the account, region and
credentials; nothing here creates a client or reads the environment. Edit the bodies (see README.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from types_boto3_ecs import ECSClient
    from types_boto3_s3 import S3Client
    from types_boto3_ssm import SSMClient


def content_type(name: str) -> str:
    """The Content-Type to store with the file `name`: 'site.css' -> 'text/css', unknown -> application/octet-stream."""
    raise NotImplementedError


def cache_control(name: str) -> str:
    """The Cache-Control to store with the file `name` (a path; only its last part counts).

    HTML: 'no-cache'; a fingerprinted name such as 'app.3f9a2c1b.css': a year, immutable; anything else: 5 minutes.
    """
    raise NotImplementedError


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
    raise NotImplementedError


def load_config(ssm: SSMClient, path: str, required: Iterable[str] = ()) -> dict[str, str]:
    """Every parameter under `path` (at any depth), decrypted, by its name relative to `path`.

    '/blog/prod/DATABASE_URL' under '/blog/prod' is 'DATABASE_URL'. A name in `required` that is missing
    raises LookupError naming every missing one.
    """
    raise NotImplementedError


def roll_service(ecs: ECSClient, cluster: str, service: str, image: str, container: str | None = None) -> str:
    """Run `service` on `image`: register a copy of its task definition with only that image changed, then
    point the service at it. Returns the new task definition's ARN.

    `container` names the container to change; it may be left out when the task has only one.
    """
    raise NotImplementedError
