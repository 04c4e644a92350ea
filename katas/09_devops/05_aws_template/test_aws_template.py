"""Checks for template.yaml, the blog's infrastructure on AWS, with cfn-lint (the real linter) and by reading it.

cfn-lint knows every resource's properties, types and allowed values; it does not know what production needs.
Mistakes these tests catch: a template cfn-lint refuses (typos in values, attributes that do not exist, CPU and
memory Fargate cannot run, a password written in the file), the app not on Fargate or not from the image
parameter, one task, tasks with public addresses, no health check on /healthz, a database anyone on the internet
can reach, unencrypted, without backups, deleted with the stack, a password in the template or in the
container's environment, an execution role that cannot read the secrets, plain HTTP, and no URL in the outputs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cfnlint.decode import decode

from kata.grading.configure import run_tool

Resource = dict[str, Any]


@pytest.fixture
def template_file(kata_file: Callable[[str], Path]) -> Path:
    """Your template.yaml (the reference one under --solutions)."""
    return kata_file("template.yaml")


@pytest.fixture
def template(template_file: Path) -> dict[str, Any]:
    """The template as data, read by cfn-lint's own reader: `!Ref X` becomes {"Ref": "X"}, `!Sub` {"Fn::Sub": ...}."""
    loaded, problems = decode(str(template_file))
    assert loaded is not None, "cfn-lint cannot read template.yaml:\n" + "\n".join(map(str, problems))
    return dict(loaded)


def resources(template: dict[str, Any], kind: str) -> dict[str, Resource]:
    """The template's resources of one type, by logical name."""
    return {name: r for name, r in template.get("Resources", {}).items() if r.get("Type") == kind}


def the(template: dict[str, Any], kind: str) -> tuple[str, Resource]:
    found = resources(template, kind)
    assert len(found) == 1, f"the template needs exactly one {kind} (found {sorted(found) or 'none'})"
    return next(iter(found.items()))


def props(resource: Resource) -> dict[str, Any]:
    properties: dict[str, Any] = resource.get("Properties", {})
    return properties


def target(value: Any) -> str | None:
    """The logical name a `!Ref X` or `!GetAtt X.Attr` points at, else None."""
    if isinstance(value, dict) and len(value) == 1:
        if "Ref" in value:
            return str(value["Ref"])
        if "Fn::GetAtt" in value:
            attribute = value["Fn::GetAtt"]
            return str(attribute[0] if isinstance(attribute, list) else str(attribute).split(".")[0])
    return None


def text(value: Any) -> str:
    return json.dumps(value, default=str)


def container(template: dict[str, Any]) -> tuple[Resource, dict[str, Any]]:
    """The service's task definition and its container (the one the load balancer sends traffic to)."""
    _, service = the(template, "AWS::ECS::Service")
    task_name = target(props(service).get("TaskDefinition"))
    definitions = resources(template, "AWS::ECS::TaskDefinition")
    assert task_name in definitions, "the service's TaskDefinition is `!Ref` to the template's task definition"
    task = definitions[task_name]
    containers = props(task).get("ContainerDefinitions", [])
    balanced = [lb.get("ContainerName") for lb in props(service).get("LoadBalancers", [])]
    chosen = [c for c in containers if c.get("Name") in balanced] or containers
    assert chosen, "the task definition needs a container"
    return task, chosen[0]


def ingress_rules(template: dict[str, Any], group: str) -> list[dict[str, Any]]:
    """Every ingress rule of a security group: inline, and AWS::EC2::SecurityGroupIngress resources that name it."""
    rules = list(props(template["Resources"][group]).get("SecurityGroupIngress", []))
    for rule in resources(template, "AWS::EC2::SecurityGroupIngress").values():
        if target(props(rule).get("GroupId")) == group:
            rules.append(props(rule))
    return rules


def the_security_group(template: dict[str, Any], groups: Any, whose: str) -> str:
    names = [target(group) for group in groups or []]
    known = [name for name in names if name in resources(template, "AWS::EC2::SecurityGroup")]
    assert len(known) == 1, f"give {whose} exactly one security group of this template (found {names})"
    return str(known[0])


# --- 1. Diagnose ---------------------------------------------------------------------------------------------


@pytest.mark.task(taskno=1)
@pytest.mark.timeout(90)
def test_cfn_lint_finds_nothing(template_file: Path) -> None:
    done = run_tool("cfn-lint", str(template_file))
    assert done.returncode == 0, f"cfn-lint says:\n{done.stdout}{done.stderr}"


# --- 2. The app --------------------------------------------------------------------------------------------


@pytest.mark.task(taskno=2)
def test_the_app_runs_on_fargate_from_the_image_parameter(template: dict[str, Any]) -> None:
    _, service = the(template, "AWS::ECS::Service")
    strategy = text(props(service).get("CapacityProviderStrategy", []))
    assert props(service).get("LaunchType") == "FARGATE" or "FARGATE" in strategy, (
        "run the service on Fargate (LaunchType: FARGATE): no servers of your own to patch"
    )
    task, web = container(template)
    assert "FARGATE" in props(task).get("RequiresCompatibilities", []), "the task definition requires FARGATE"
    assert web.get("Image") == {"Ref": "ImageUri"}, (
        f"the container's Image is `!Ref ImageUri`, so each deploy names the image it ships (got {web.get('Image')})"
    )


@pytest.mark.task(taskno=2)
def test_two_private_tasks_behind_a_health_checked_load_balancer(template: dict[str, Any]) -> None:
    _, service = the(template, "AWS::ECS::Service")
    assert props(service).get("DesiredCount", 1) >= 2, "run 2 or more tasks (DesiredCount): one can fail or deploy"
    network = props(service).get("NetworkConfiguration", {}).get("AwsvpcConfiguration", {})
    assert network.get("AssignPublicIp", "DISABLED") == "DISABLED", (
        "no public IP for the tasks: only the load balancer is public"
    )
    assert network.get("Subnets") == {"Ref": "PrivateSubnetIds"}, (
        "the tasks run in the private subnets (PrivateSubnetIds)"
    )
    balancers = props(service).get("LoadBalancers", [])
    assert balancers, "register the service's tasks with the load balancer's target group (LoadBalancers)"
    group = target(balancers[0].get("TargetGroupArn"))
    path = props(template["Resources"].get(group, {})).get("HealthCheckPath")
    assert path == "/healthz", f"the target group asks the app's /healthz (HealthCheckPath, got {path!r})"


# --- 3. The database -----------------------------------------------------------------------------------------


@pytest.mark.task(taskno=3)
def test_the_database_is_private_encrypted_and_backed_up(template: dict[str, Any]) -> None:
    _, database = the(template, "AWS::RDS::DBInstance")
    settings = props(database)
    assert settings.get("Engine") == "postgres", "Engine: postgres (the blog speaks PostgreSQL)"
    assert settings.get("PubliclyAccessible") is False, "PubliclyAccessible: false - no address on the internet"
    assert settings.get("StorageEncrypted") is True, "StorageEncrypted: true - disks and snapshots encrypted at rest"
    assert settings.get("BackupRetentionPeriod", 1) >= 7, "keep a week of automated backups: BackupRetentionPeriod >= 7"
    subnet_group = target(settings.get("DBSubnetGroupName"))
    subnets = props(template["Resources"].get(subnet_group, {})).get("SubnetIds")
    assert subnets == {"Ref": "PrivateSubnetIds"}, "its DBSubnetGroup lists the private subnets (PrivateSubnetIds)"


@pytest.mark.task(taskno=3)
def test_the_database_is_snapshotted_not_deleted(template: dict[str, Any]) -> None:
    _, database = the(template, "AWS::RDS::DBInstance")
    policies = {key: database.get(key) for key in ("DeletionPolicy", "UpdateReplacePolicy")}
    assert policies == {"DeletionPolicy": "Snapshot", "UpdateReplacePolicy": "Snapshot"}, (
        f"deleting the stack or replacing the instance must leave a final snapshot (got {policies})"
    )


@pytest.mark.task(taskno=3)
def test_the_password_comes_from_secrets_manager(template: dict[str, Any]) -> None:
    _, database = the(template, "AWS::RDS::DBInstance")
    settings = props(database)
    password = settings.get("MasterUserPassword")
    if settings.get("ManageMasterUserPassword") is True:
        assert password is None, "with ManageMasterUserPassword, RDS makes the password: leave MasterUserPassword out"
        return
    assert "{{resolve:secretsmanager:" in text(password), (
        "MasterUserPassword is a dynamic reference, `{{resolve:secretsmanager:SECRET:SecretString:password}}`, "
        f"to a generated secret, never text in the template (got {password!r})"
    )


# --- 4. Secrets and the network ------------------------------------------------------------------------------


@pytest.mark.task(taskno=4)
def test_the_container_gets_its_secrets_from_secrets_manager(template: dict[str, Any]) -> None:
    _, web = container(template)
    environment = {e.get("Name"): e.get("Value") for e in web.get("Environment", [])}
    secrets = {s.get("Name"): s.get("ValueFrom") for s in web.get("Secrets", [])}
    assert "SECRET_KEY" in secrets, "SECRET_KEY comes from a secret (Secrets: Name/ValueFrom)"
    assert any(name.endswith("PASSWORD") for name in secrets), (
        "the database password comes from a secret too (PGPASSWORD)"
    )
    leaked = sorted(name for name in environment if re.search(r"SECRET|PASSWORD", name))
    assert not leaked, f"{leaked} in Environment: anyone who can describe the task reads them; use Secrets"
    url = text(environment.get("DATABASE_URL", ""))
    assert not re.search(r"://[^/@\"]*:[^/@\"]*@", url), (
        f"DATABASE_URL holds a password ({url}): leave it out; libpq reads PGPASSWORD"
    )


@pytest.mark.task(taskno=4)
def test_the_execution_role_may_read_the_secrets(template: dict[str, Any]) -> None:
    task, _ = container(template)
    role = target(props(task).get("ExecutionRoleArn"))
    assert role in resources(template, "AWS::IAM::Role"), "ExecutionRoleArn is `!GetAtt` a role of this template"
    granted = text(props(template["Resources"][role]).get("Policies", []))
    assert "secretsmanager:GetSecretValue" in granted, (
        "ECS fetches Secrets with the execution role: grant it secretsmanager:GetSecretValue on them (Policies)"
    )


@pytest.mark.task(taskno=4)
def test_only_the_app_reaches_postgres(template: dict[str, Any]) -> None:
    _, database = the(template, "AWS::RDS::DBInstance")
    _, service = the(template, "AWS::ECS::Service")
    db_group = the_security_group(template, props(database).get("VPCSecurityGroups"), "the database")
    network = props(service).get("NetworkConfiguration", {}).get("AwsvpcConfiguration", {})
    app_group = the_security_group(template, network.get("SecurityGroups"), "the service")
    rules = ingress_rules(template, db_group)
    assert rules, f"{db_group} needs one ingress rule: port 5432 from the app's security group"
    for rule in rules:
        addresses = rule.get("CidrIp") or rule.get("CidrIpv6")
        assert addresses is None, f"{db_group} lets in addresses ({addresses}): only the app may connect"
        assert (rule.get("FromPort"), rule.get("ToPort")) == (5432, 5432), f"open port 5432 only (got {rule})"
        assert target(rule.get("SourceSecurityGroupId")) == app_group, (
            f"the source is the app's group, `!GetAtt {app_group}.GroupId` (got {rule.get('SourceSecurityGroupId')})"
        )


@pytest.mark.task(taskno=4)
def test_only_the_load_balancer_reaches_the_app(template: dict[str, Any]) -> None:
    _, service = the(template, "AWS::ECS::Service")
    _, balancer = the(template, "AWS::ElasticLoadBalancingV2::LoadBalancer")
    network = props(service).get("NetworkConfiguration", {}).get("AwsvpcConfiguration", {})
    app_group = the_security_group(template, network.get("SecurityGroups"), "the service")
    lb_group = the_security_group(template, props(balancer).get("SecurityGroups"), "the load balancer")
    for rule in ingress_rules(template, app_group):
        assert target(rule.get("SourceSecurityGroupId")) == lb_group, (
            f"the app accepts traffic from the load balancer's group only (got {rule})"
        )


# --- 5. HTTPS and the URL ------------------------------------------------------------------------------------


@pytest.mark.task(taskno=5)
def test_the_load_balancer_speaks_https(template: dict[str, Any]) -> None:
    listeners = resources(template, "AWS::ElasticLoadBalancingV2::Listener").values()
    https = [props(listener) for listener in listeners if props(listener).get("Protocol") == "HTTPS"]
    assert https, "add an HTTPS listener (Protocol: HTTPS, Port: 443): the blog's login form sends passwords"
    assert https[0].get("Port") == 443, "HTTPS on port 443"
    certificates = [target(c.get("CertificateArn")) for c in https[0].get("Certificates", [])]
    assert certificates == ["CertificateArn"], "its certificate is `!Ref CertificateArn`"


@pytest.mark.task(taskno=5)
def test_the_outputs_give_the_https_url(template: dict[str, Any]) -> None:
    values = [text(output.get("Value")) for output in template.get("Outputs", {}).values()]
    urls = [value for value in values if "https://" in value and "DNSName" in value]
    assert urls, (
        f'add an output with the blog\'s URL, `!Sub "https://${{LoadBalancer.DNSName}}"` (outputs: {values or "none"})'
    )
