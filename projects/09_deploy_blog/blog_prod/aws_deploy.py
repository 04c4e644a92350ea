"""The deploy step on AWS: `python -m blog_prod.aws_deploy IMAGE --cluster C --service S --bucket B`.

Milestone 7 (stretch, optional): see README.md. It checks that the service exists, publishes the blog's static
files to S3 (unchanged ones skipped), then rolls the ECS service to IMAGE with a new task-definition revision.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types_boto3_ecs import ECSClient
    from types_boto3_s3 import S3Client


class DeployError(Exception):
    """A deploy that cannot go on; the message says why."""


def current_task_definition(ecs: ECSClient, cluster: str, service: str) -> str:
    """The ARN of the task definition `service` runs now; DeployError if there is no such service."""
    raise NotImplementedError


def publish_static(s3: S3Client, bucket: str, folder: Path) -> tuple[list[str], list[str]]:
    """Upload the files under `folder` to `static/<path>`; return the keys (uploaded, unchanged), each sorted."""
    raise NotImplementedError


def roll(ecs: ECSClient, cluster: str, service: str, task_definition: str, image: str) -> str:
    """Register a copy of `task_definition` with the `web` container on `image`, run it; return its ARN."""
    raise NotImplementedError


def main(argv: Sequence[str] | None = None) -> int:
    """Deploy IMAGE; 0 when done, 1 (and the reason on stderr) when it cannot."""
    raise NotImplementedError


if __name__ == "__main__":
    sys.exit(main())
