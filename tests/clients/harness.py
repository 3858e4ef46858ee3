"""The harness, as a Testcontainers set-up runs Step Functions Local: start `stepwise serve`,
wait for its ready line, read the port from it, stop it by PID at the end; and the helpers the
suites share. Nothing here speaks HTTP itself: boto3 does."""

import json
import os
import re
import socket
import subprocess
import sys
import urllib.request
from contextlib import contextmanager
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import boto3
from botocore.config import Config

ROOT = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("STEPWISE_BIN", ROOT / "target" / "debug" / "stepwise"))
EXAMPLES = ROOT / "examples"
MOCK_CONFIG = EXAMPLES / "run" / "order-processing.mocks.json"
READY = re.compile(r"Starting server on port (\d+) with account (\S+), region (\S+)")
READY_TIMEOUT_S = 30
ROLE_ARN = "arn:aws:iam::123456789012:role/StepwiseLocal"

# A task that waits for SendTaskSuccess / SendTaskFailure; its token goes out in the message.
WAIT_FOR_TOKEN = {
    "StartAt": "Wait For Approval",
    "States": {
        "Wait For Approval": {
            "Type": "Task",
            "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {
                "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/approvals",
                "MessageBody": {"token.$": "$$.Task.Token", "request.$": "$"},
            },
            "End": True,
        }
    },
}


@dataclass
class Server:
    endpoint: str
    port: int
    account: str
    region: str
    process: subprocess.Popen
    stdout_lines: list


def _wait_for_ready(process: subprocess.Popen) -> tuple[re.Match, list]:
    """Reads stdout until the ready line, as Testcontainers' log-message wait strategy does,
    then keeps draining it on a thread so the server never blocks on a full pipe."""
    seen: list = []
    found: dict = {}
    ready = threading.Event()

    def read():
        for line in process.stdout:
            seen.append(line.rstrip("\n"))
            m = READY.search(line)
            if m and not ready.is_set():
                found["match"] = m
                ready.set()
        ready.set()  # stdout closed: the process ended

    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(READY_TIMEOUT_S) or "match" not in found:
        process.kill()
        raise RuntimeError(f"stepwise serve printed no ready line; stdout: {seen!r}")
    return found["match"], seen


def start_server(*args: str, env: dict | None = None) -> Server:
    """`stepwise serve --port 0 ARGS...` in virtual time with the order example's mock config;
    `env` adds to or overrides that environment."""
    if not BINARY.exists():
        raise RuntimeError(f"{BINARY} is missing: build it first (cargo build -p stepwise-cli)")
    env = {**os.environ, "WAIT_TIME_SCALE": "0", "SFN_MOCK_CONFIG": str(MOCK_CONFIG), **(env or {})}
    started = time.monotonic()
    process = subprocess.Popen(
        [str(BINARY), "serve", "--port", "0", *args], stdout=subprocess.PIPE, text=True, env=env
    )
    match, lines = _wait_for_ready(process)
    print(f"stepwise serve ready in {1000 * (time.monotonic() - started):.0f} ms")
    port = int(match.group(1))
    return Server(
        endpoint=f"http://127.0.0.1:{port}",
        port=port,
        account=match.group(2),
        region=match.group(3),
        process=process,
        stdout_lines=lines,
    )


def stop_server(server: Server) -> None:
    """By its PID, as a container harness stops its container."""
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


def make_client(server: Server, endpoint_url: str | None = None, **config):
    return boto3.client(
        "stepfunctions",
        endpoint_url=endpoint_url or server.endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        # One attempt: a retry would hide a server that answers late or wrongly.
        config=Config(retries={"mode": "standard", "total_max_attempts": 1}, **config),
    )


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def create_machine(sfn, definition: dict, prefix: str = "machine", **kwargs) -> str:
    return sfn.create_state_machine(
        name=unique(prefix), definition=json.dumps(definition), roleArn=ROLE_ARN, **kwargs
    )["stateMachineArn"]


def wait_done(sfn, execution_arn: str, timeout_s: float = 20) -> dict:
    """Follows an execution by polling DescribeExecution, as suites do."""
    deadline = time.monotonic() + timeout_s
    while True:
        d = sfn.describe_execution(executionArn=execution_arn)
        if d["status"] != "RUNNING":
            return d
        if time.monotonic() > deadline:
            raise AssertionError(f"{execution_arn} still RUNNING after {timeout_s}s")
        time.sleep(0.02)


def wait_for_event(sfn, execution_arn: str, event_type: str, timeout_s: float = 20) -> dict:
    """The first event of `event_type`, polling GetExecutionHistory until it is there."""
    deadline = time.monotonic() + timeout_s
    while True:
        events = full_history(sfn, execution_arn)
        for e in events:
            if e["type"] == event_type:
                return e
        if time.monotonic() > deadline:
            raise AssertionError(f"no {event_type} in {execution_arn} after {timeout_s}s")
        time.sleep(0.02)


def full_history(sfn, execution_arn: str, **kwargs) -> list:
    """Every event, through boto3's own paginator (nextToken)."""
    pages = sfn.get_paginator("get_execution_history").paginate(
        executionArn=execution_arn, **kwargs
    )
    return [e for page in pages for e in page["events"]]


def error_code(excinfo) -> str:
    return excinfo.value.response["Error"]["Code"]


MOTO_READY_TIMEOUT_S = 30


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def moto_server(config: dict | None = None):
    """moto's server (every service in one process) on a free loopback port, ready when its
    control API answers; `config` goes to `POST /moto-api/config` (the Step Functions
    interpreter is switched on there). Stopped by PID. Yields the endpoint URL."""
    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + MOTO_READY_TIMEOUT_S
    while True:
        try:
            body = json.dumps(config or {}).encode()
            urllib.request.urlopen(f"{endpoint}/moto-api/config", data=body, timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("moto_server did not come up")
            time.sleep(0.1)
    try:
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=10)
