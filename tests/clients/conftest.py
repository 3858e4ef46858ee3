"""Fixtures: one `stepwise serve` for the session (see harness.py) and boto3 clients on it."""

import json

import pytest

from harness import EXAMPLES, ROLE_ARN, make_client, start_server, stop_server


@pytest.fixture(scope="session")
def server():
    s = start_server()
    try:
        yield s
    finally:
        stop_server(s)


@pytest.fixture(scope="session")
def sfn(server):
    return make_client(server)


@pytest.fixture(scope="session")
def sfn_sync(server):
    """StartSyncExecution's and TestState's `sync-` host prefix would send the request to
    sync-127.0.0.1, so local set-ups turn it off."""
    return make_client(server, inject_host_prefix=False)


@pytest.fixture(scope="session")
def order_machine(sfn):
    """The order example under the name its mock config uses (test cases are looked up by the
    machine's name)."""
    definition = (EXAMPLES / "order-processing.asl.json").read_text()
    arn = sfn.create_state_machine(
        name="order-processing", definition=definition, roleArn=ROLE_ARN
    )["stateMachineArn"]
    return arn


@pytest.fixture(scope="session")
def order_input():
    return json.loads((EXAMPLES / "run" / "order-processing.input.json").read_text())
