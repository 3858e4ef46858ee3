"""The AWS CLI (`aws stepfunctions ... --endpoint-url`), from the same venv, as a shell
script would call it: create, start with a test case, describe until done, history, lists."""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harness import EXAMPLES, ROLE_ARN, unique

# The venv's own `aws`, next to its python.
AWS = shutil.which("aws", path=str(Path(sys.executable).parent)) or shutil.which("aws")


@pytest.fixture(scope="module")
def aws(server, tmp_path_factory):
    if AWS is None:
        pytest.fail("the aws command is missing: pip install awscli in the venv")
    home = tmp_path_factory.mktemp("aws-home")
    env = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": str(home / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / "credentials"),
        "AWS_PAGER": "",
        "AWS_RETRY_MODE": "standard",
        "AWS_MAX_ATTEMPTS": "1",
    }

    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
        p = subprocess.run(
            [AWS, "stepfunctions", "--endpoint-url", server.endpoint, "--output", "json", *args],
            env=env, capture_output=True, text=True, timeout=60,
        )
        if check and p.returncode != 0:
            raise AssertionError(f"aws {' '.join(args)} exited {p.returncode}: {p.stderr}")
        return p

    def call(*args: str) -> dict:
        out = run(*args).stdout
        return json.loads(out) if out.strip() else {}

    run.json = call
    return run


def test_create_start_follow_history_list(aws, tmp_path):
    definition = EXAMPLES / "order-processing.asl.json"
    # The name the mock config's test cases are kept under; created once per server.
    created = aws.json("create-state-machine", "--name", "order-processing",
                       "--definition", f"file://{definition}", "--role-arn", ROLE_ARN)
    machine = created["stateMachineArn"]
    assert machine.endswith(":stateMachine:order-processing")

    name = unique("cli-run")
    started = aws.json("start-execution", "--state-machine-arn", f"{machine}#HappyPath",
                       "--name", name, "--input", f"file://{EXAMPLES / 'run' / 'order-processing.input.json'}")
    execution = started["executionArn"]
    assert execution.endswith(f":execution:order-processing:{name}")

    deadline = time.monotonic() + 30
    while (d := aws.json("describe-execution", "--execution-arn", execution))["status"] == "RUNNING":
        assert time.monotonic() < deadline, "still RUNNING"
        time.sleep(0.05)
    assert d["status"] == "SUCCEEDED"
    assert json.loads(d["output"])["confirmation"] == {"messageId": "6c1c5e8a-0b5f-4a33-9a51-2f1b2c3d4e5f"}

    # The CLI pages through nextToken itself; --page-size makes it take several pages.
    history = aws.json("get-execution-history", "--execution-arn", execution, "--page-size", "4")["events"]
    assert history[0]["type"] == "ExecutionStarted" and history[-1]["type"] == "ExecutionSucceeded"
    assert [e["id"] for e in history] == list(range(1, len(history) + 1))
    newest = aws.json("get-execution-history", "--execution-arn", execution, "--reverse-order",
                      "--max-items", "1")
    assert newest["events"][0]["type"] == "ExecutionSucceeded" and "NextToken" in newest

    executions = aws.json("list-executions", "--state-machine-arn", machine, "--status-filter", "SUCCEEDED")
    assert execution in [e["executionArn"] for e in executions["executions"]]
    machines = aws.json("list-state-machines")
    assert machine in [m["stateMachineArn"] for m in machines["stateMachines"]]


# (arguments, the error the CLI prints)
CLI_ERRORS = [
    (["describe-state-machine", "--state-machine-arn", "arn:aws:states:us-east-1:123456789012:stateMachine:nobody"],
     "StateMachineDoesNotExist"),
    (["describe-execution", "--execution-arn", "nonsense"], "InvalidArn"),
    (["create-state-machine", "--name", "broken", "--definition", "{}", "--role-arn", ROLE_ARN], "InvalidDefinition"),
]


@pytest.mark.parametrize("args,error", CLI_ERRORS, ids=[e for _, e in CLI_ERRORS])
def test_cli_errors(aws, args, error):
    p = aws(*args, check=False)
    assert p.returncode in (254, 255), p.stderr  # a service error: 255 in CLI v1, 254 in v2
    assert f"({error})" in p.stderr
