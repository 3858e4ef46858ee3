"""`stepwise aws` against moto's Step Functions server on 127.0.0.1 (its interpreter switched on,
so executions really run), each result read back with boto3. Credentials come from a profile
in a throwaway ~/.aws, as a user's would; the secret must never show in anything printed."""

import json
import os
import subprocess
import time
from datetime import datetime
from pathlib import Path

import boto3
import pytest

from harness import BINARY, ROLE_ARN, free_port, moto_server, unique

SECRET = "wJalrXUtnFEMI-stepwise-never-print-this"
REGION = "us-east-1"


@pytest.fixture(scope="module")
def moto():
    with moto_server({"stepfunctions": {"execute_state_machine": True}}) as endpoint:
        yield endpoint


@pytest.fixture(scope="module")
def home(tmp_path_factory, moto):
    """A ~/.aws with a profile `emu` that holds the region, the endpoint and the keys."""
    home = tmp_path_factory.mktemp("home")
    (home / ".aws").mkdir()
    (home / ".aws" / "config").write_text(
        f"[profile emu]\nregion = {REGION}\nendpoint_url = {moto}\n"
    )
    (home / ".aws" / "credentials").write_text(
        f"[emu]\naws_access_key_id = AKIDSTEPWISETEST\naws_secret_access_key = {SECRET}\n"
    )
    return home


@pytest.fixture(scope="module")
def sfn(moto):
    return boto3.client(
        "stepfunctions",
        endpoint_url=moto,
        region_name=REGION,
        aws_access_key_id="AKIDSTEPWISETEST",
        aws_secret_access_key=SECRET,
    )


class Cli:
    def __init__(self, home: Path):
        self.home = home
        self.env = {
            k: v for k, v in os.environ.items() if not k.startswith("AWS_")
        } | {"HOME": str(home)}

    def __call__(self, *args: str, input_text: str | None = None) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [str(BINARY), "aws", "--profile", "emu", *args],
            capture_output=True,
            text=True,
            env=self.env,
            input=input_text,
            timeout=120,
        )
        assert SECRET not in done.stdout + done.stderr, "the secret key was printed"
        return done


@pytest.fixture(scope="module")
def cli(home):
    return Cli(home)


HELLO = {
    "Comment": "greets",
    "StartAt": "Greet",
    "States": {
        "Greet": {
            "Type": "Pass",
            "Parameters": {"greeting.$": "States.Format('Hello, {}', $.name)"},
            "Next": "Done",
        },
        "Done": {"Type": "Succeed"},
    },
}


def write(tmp_path: Path, name: str, definition: dict) -> Path:
    path = tmp_path / f"{name}.asl.json"
    path.write_text(json.dumps(definition, indent=2))
    return path


def deployed(sfn, name: str) -> dict:
    arn = next(m["stateMachineArn"] for m in sfn.list_state_machines()["stateMachines"] if m["name"] == name)
    return sfn.describe_state_machine(stateMachineArn=arn)


def test_deploy_creates_the_machine_publishes_and_points_the_alias(cli, sfn, tmp_path):
    name = unique("hello")
    file = write(tmp_path, name, HELLO)
    done = cli("deploy", str(file), "--role-arn", ROLE_ARN, "--publish", "--alias", "live")
    assert done.returncode == 0, done.stderr
    machine = deployed(sfn, name)
    assert json.loads(machine["definition"]) == HELLO
    assert machine["roleArn"] == ROLE_ARN
    assert f"created {machine['stateMachineArn']}" in done.stdout
    version = f"{machine['stateMachineArn']}:1"
    assert f"published {version}" in done.stdout
    alias = sfn.describe_state_machine_alias(stateMachineAliasArn=f"{machine['stateMachineArn']}:live")
    assert alias["routingConfiguration"] == [{"stateMachineVersionArn": version, "weight": 100}]


def test_an_update_shows_the_change_and_needs_a_yes(cli, sfn, tmp_path):
    name = unique("update")
    file = write(tmp_path, name, HELLO)
    assert cli("deploy", str(file), "--role-arn", ROLE_ARN).returncode == 0
    changed = json.loads(json.dumps(HELLO))
    changed["States"]["Greet"]["Parameters"]["greeting.$"] = "States.Format('Hi, {}', $.name)"
    file.write_text(json.dumps(changed))

    refused = cli("deploy", str(file))
    assert refused.returncode == 2
    assert "~ Greet" in refused.stderr and "needs a yes" in refused.stderr, refused.stderr
    assert json.loads(deployed(sfn, name)["definition"]) == HELLO

    done = cli("deploy", str(file), "--yes", "--publish", "--alias", "live")
    assert done.returncode == 0, done.stderr
    assert json.loads(deployed(sfn, name)["definition"]) == changed
    assert "updated " in done.stdout and "published " in done.stdout

    again = cli("deploy", str(file), "--dry-run")
    assert again.returncode == 0 and "the definition is unchanged" in again.stderr


def test_a_definition_with_errors_is_not_deployed(cli, sfn, tmp_path):
    name = unique("broken")
    broken = {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Missing"}}}
    done = cli("deploy", str(write(tmp_path, name, broken)), "--role-arn", ROLE_ARN)
    assert done.returncode == 1
    assert "/States/A/Next" in done.stderr
    assert name not in [m["name"] for m in sfn.list_state_machines()["stateMachines"]]


def test_list_searches_and_pull_writes_what_is_deployed(cli, sfn, tmp_path):
    name = unique("Pulled")
    sfn.create_state_machine(name=name, definition=json.dumps(HELLO), roleArn=ROLE_ARN)
    listed = cli("list", "--search", name.lower(), "--json")
    assert listed.returncode == 0, listed.stderr
    assert [m["name"] for m in json.loads(listed.stdout)] == [name]
    table = cli("list")
    assert table.stdout.splitlines()[0].split() == ["NAME", "TYPE", "CREATED", "ARN"]
    assert any(line.startswith(name) and "STANDARD" in line for line in table.stdout.splitlines())

    out = tmp_path / "pulled.asl.json"
    pulled = cli("pull", name, "-o", str(out))
    assert pulled.returncode == 0, pulled.stderr
    assert json.loads(out.read_text()) == HELLO


def test_start_follows_the_run_live_to_its_output(cli, sfn, tmp_path):
    name = unique("run")
    file = write(tmp_path, name, HELLO)
    assert cli("deploy", str(file), "--role-arn", ROLE_ARN).returncode == 0
    done = cli("start", str(file), "--input", '{"name": "Ada"}', "--follow")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"greeting": "Hello, Ada"}
    kinds = [line.split()[1] for line in done.stderr.splitlines() if line[:5].strip().isdigit()]
    assert kinds == [
        "ExecutionStarted",
        "PassStateEntered",
        "PassStateExited",
        "SucceedStateEntered",
        "SucceedStateExited",
        "ExecutionSucceeded",
    ]
    arn = done.stderr.split("started ")[1].split()[0]
    assert sfn.describe_execution(executionArn=arn)["status"] == "SUCCEEDED"


def test_a_failed_run_exits_1_with_its_error(cli, tmp_path):
    name = unique("fails")
    fails = {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Nope", "Cause": "always"}}}
    file = write(tmp_path, name, fails)
    assert cli("deploy", str(file), "--role-arn", ROLE_ARN).returncode == 0
    done = cli("start", name, "--follow", "--execution-name", "first")
    assert done.returncode == 1
    assert "FAILED" in done.stderr and "error Nope: always" in done.stderr


def test_start_refuses_a_file_that_is_not_what_is_deployed(cli, tmp_path):
    name = unique("drift")
    file = write(tmp_path, name, HELLO)
    assert cli("deploy", str(file), "--role-arn", ROLE_ARN).returncode == 0
    file.write_text(json.dumps({**HELLO, "Comment": "changed locally"}))
    done = cli("start", str(file))
    assert done.returncode == 2 and "is not what is deployed" in done.stderr


def test_history_is_written_as_the_aws_cli_writes_it(cli, sfn, tmp_path):
    arn = sfn.create_state_machine(name=unique("hist"), definition=json.dumps(HELLO), roleArn=ROLE_ARN)[
        "stateMachineArn"
    ]
    run = sfn.start_execution(stateMachineArn=arn, name="h1", input='{"name": "Bo"}')["executionArn"]
    deadline = time.monotonic() + 20
    while sfn.describe_execution(executionArn=run)["status"] == "RUNNING":
        assert time.monotonic() < deadline
        time.sleep(0.1)
    out = tmp_path / "run.history.json"
    done = cli("history", run, "-o", str(out))
    assert done.returncode == 0, done.stderr
    ours = json.loads(out.read_text())["events"]
    theirs = sfn.get_execution_history(executionArn=run)["events"]
    assert [e["id"] for e in ours] == [e["id"] for e in theirs]
    for mine, boto in zip(ours, theirs):
        assert datetime.fromisoformat(mine["timestamp"]) == boto["timestamp"]
        assert {k: v for k, v in mine.items() if k != "timestamp"} == {
            k: v for k, v in boto.items() if k not in ("timestamp",)
        }


def test_stop_aborts_a_running_execution(cli, sfn):
    waits = {"StartAt": "Long", "States": {"Long": {"Type": "Wait", "Seconds": 600, "End": True}}}
    arn = sfn.create_state_machine(name=unique("stop"), definition=json.dumps(waits), roleArn=ROLE_ARN)[
        "stateMachineArn"
    ]
    run = sfn.start_execution(stateMachineArn=arn, name="s1")["executionArn"]
    done = cli("stop", run, "--error", "Operator", "--cause", "not today")
    assert done.returncode == 0, done.stderr
    described = sfn.describe_execution(executionArn=run)
    assert described["status"] == "ABORTED"


def test_errors_name_the_action_and_never_the_secret(cli, home, tmp_path):
    missing = cli("pull", "NoSuchMachine")
    assert missing.returncode == 2 and "no state machine named" in missing.stderr
    closed = free_port()
    nowhere = cli("--endpoint-url", f"http://127.0.0.1:{closed}", "list")
    assert nowhere.returncode == 2 and nowhere.stderr.startswith("stepwise: ListStateMachines: ")
    no_region = subprocess.run(
        [str(BINARY), "aws", "list"],
        capture_output=True,
        text=True,
        # No instance metadata either: the tests reach nothing but 127.0.0.1.
        env={"HOME": str(tmp_path), "PATH": os.environ.get("PATH", ""), "AWS_EC2_METADATA_DISABLED": "true"},
        timeout=60,
    )
    assert no_region.returncode == 2 and "no AWS region" in no_region.stderr


def test_environment_credentials_and_endpoint_work_without_a_profile(moto, tmp_path, sfn):
    env = {
        "HOME": str(tmp_path),
        "PATH": os.environ.get("PATH", ""),
        "AWS_ACCESS_KEY_ID": "AKIDSTEPWISETEST",
        "AWS_SECRET_ACCESS_KEY": SECRET,
        "AWS_REGION": REGION,
        "AWS_ENDPOINT_URL": moto,
    }
    name = unique("envmachine")
    sfn.create_state_machine(name=name, definition=json.dumps(HELLO), roleArn=ROLE_ARN)
    done = subprocess.run(
        [str(BINARY), "aws", "list", "--search", name], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert name in done.stdout and SECRET not in done.stdout + done.stderr
