"""StartSyncExecution on Express machines through boto3: with the host prefix turned off, as
local set-ups do, and with it on (the request then goes to `sync-<host>`)."""

import json
import socket

import pytest

from harness import create_machine, error_code, make_client

GREET = {
    "StartAt": "Greet",
    "States": {
        "Greet": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('Hello, {}!', $.name)"}, "Next": "Check"},
        "Check": {
            "Type": "Choice",
            "Choices": [{"Variable": "$.greeting", "StringEquals": "Hello, Mallory!", "Next": "Refuse"}],
            "Default": "Done",
        },
        "Refuse": {"Type": "Fail", "Error": "Greeting.Refused", "Cause": "Not Mallory"},
        "Done": {"Type": "Succeed"},
    },
}


@pytest.fixture(scope="module")
def express_machine(sfn):
    return create_machine(sfn, GREET, "greeter", type="EXPRESS")


# (input, status, output, error, cause)
RUNS = [
    ({"name": "Ada"}, "SUCCEEDED", {"greeting": "Hello, Ada!"}, None, None),
    ({"name": "Mallory"}, "FAILED", None, "Greeting.Refused", "Not Mallory"),
]


@pytest.mark.parametrize("given,status,output,error,cause", RUNS, ids=["succeeds", "fails"])
def test_start_sync_execution(sfn_sync, express_machine, given, status, output, error, cause):
    r = sfn_sync.start_sync_execution(stateMachineArn=express_machine, input=json.dumps(given))
    assert r["status"] == status
    assert (json.loads(r["output"]) if "output" in r else None) == output
    assert (r.get("error"), r.get("cause")) == (error, cause)
    assert r["stopDate"] >= r["startDate"]
    assert ":express:" in r["executionArn"]


def test_sync_execution_of_a_standard_machine_is_refused(sfn, sfn_sync):
    standard = create_machine(sfn, GREET, "standard-greeter")
    with pytest.raises(sfn_sync.exceptions.ClientError) as e:
        sfn_sync.start_sync_execution(stateMachineArn=standard, input='{"name": "Ada"}')
    assert error_code(e) == "StateMachineTypeNotSupported"


@pytest.fixture
def sync_names_resolve(monkeypatch):
    """`sync-localhost` resolves to loopback for this test, as a DNS entry or hosts file would
    make it in a set-up that keeps the prefix on."""
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if isinstance(host, str) and host.startswith("sync-"):
            host = "127.0.0.1"
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_sync_execution_with_the_host_prefix(server, express_machine, sync_names_resolve):
    # inject_host_prefix left on (the default): the request goes to sync-localhost.
    client = make_client(server, endpoint_url=f"http://localhost:{server.port}")
    sent = {}

    def record(request, **_):
        sent["url"] = request.url  # returns None: botocore then sends the request

    client.meta.events.register("before-send.sfn.StartSyncExecution", record)
    r = client.start_sync_execution(stateMachineArn=express_machine, input='{"name": "Grace"}')
    assert sent["url"].startswith(f"http://sync-localhost:{server.port}")
    assert json.loads(r["output"]) == {"greeting": "Hello, Grace!"}
