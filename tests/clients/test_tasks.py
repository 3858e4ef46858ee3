"""Callbacks through boto3: `.waitForTaskToken` tasks answered with SendTaskSuccess /
SendTaskFailure / SendTaskHeartbeat, and activities served by a worker thread that
long-polls GetActivityTask."""

import json
import threading

import pytest

from harness import WAIT_FOR_TOKEN, create_machine, error_code, make_client, unique, wait_done, wait_for_event


def scheduled_token(sfn, execution_arn: str) -> str:
    """The token the task put in its message, read back from the TaskScheduled parameters."""
    event = wait_for_event(sfn, execution_arn, "TaskScheduled")
    parameters = json.loads(event["taskScheduledEventDetails"]["parameters"])
    return parameters["MessageBody"]["token"]


@pytest.fixture(scope="module")
def token_machine(sfn):
    return create_machine(sfn, WAIT_FOR_TOKEN, "approval")


def test_send_task_success(sfn, token_machine):
    execution = sfn.start_execution(stateMachineArn=token_machine, input='{"orderId": "ord-1"}')["executionArn"]
    token = scheduled_token(sfn, execution)
    assert sfn.describe_execution(executionArn=execution)["status"] == "RUNNING"
    sfn.send_task_heartbeat(taskToken=token)
    sfn.send_task_success(taskToken=token, output='{"approved": true}')
    d = wait_done(sfn, execution)
    assert d["status"] == "SUCCEEDED"
    assert json.loads(d["output"]) == {"approved": True}
    # The token is spent.
    with pytest.raises(sfn.exceptions.ClientError) as e:
        sfn.send_task_success(taskToken=token, output="{}")
    assert error_code(e) in {"TaskDoesNotExist", "InvalidToken", "TaskTimedOut"}


def test_send_task_failure(sfn, token_machine):
    execution = sfn.start_execution(stateMachineArn=token_machine, input="{}")["executionArn"]
    token = scheduled_token(sfn, execution)
    sfn.send_task_failure(taskToken=token, error="Approval.Rejected", cause="The manager said no")
    d = wait_done(sfn, execution)
    assert (d["status"], d["error"], d["cause"]) == ("FAILED", "Approval.Rejected", "The manager said no")
    failed = wait_for_event(sfn, execution, "TaskFailed")["taskFailedEventDetails"]
    assert (failed["error"], failed["cause"]) == ("Approval.Rejected", "The manager said no")


# (action, kwargs) with a token nobody issued
UNKNOWN_TOKEN = [
    ("send_task_success", {"output": "{}"}),
    ("send_task_failure", {"error": "E"}),
    ("send_task_heartbeat", {}),
]


@pytest.mark.parametrize("action,kwargs", UNKNOWN_TOKEN, ids=[a for a, _ in UNKNOWN_TOKEN])
def test_unknown_tokens_are_refused(sfn, action, kwargs):
    with pytest.raises(sfn.exceptions.ClientError) as e:
        getattr(sfn, action)(taskToken="not-a-token-anyone-issued", **kwargs)
    assert error_code(e) in {"TaskDoesNotExist", "InvalidToken"}


def test_invalid_output_is_refused(sfn, token_machine):
    execution = sfn.start_execution(stateMachineArn=token_machine)["executionArn"]
    token = scheduled_token(sfn, execution)
    with pytest.raises(sfn.exceptions.InvalidOutput):
        sfn.send_task_success(taskToken=token, output="{not json")
    sfn.stop_execution(executionArn=execution)


def test_activity_worker(sfn, server):
    activity = sfn.create_activity(name=unique("pack-parcel"))["activityArn"]
    assert sfn.describe_activity(activityArn=activity)["activityArn"] == activity
    listed = [a["activityArn"] for p in sfn.get_paginator("list_activities").paginate() for a in p["activities"]]
    assert activity in listed

    machine = create_machine(sfn, {
        "StartAt": "Pack",
        "States": {"Pack": {"Type": "Task", "Resource": activity, "End": True}},
    }, "packing")
    # A worker's client reads for longer than the 60 s long poll, as AWS advises.
    worker_client = make_client(server, read_timeout=70)
    seen = {}

    def worker():
        task = worker_client.get_activity_task(activityArn=activity, workerName="packer-1")
        seen["input"] = json.loads(task["input"])
        worker_client.send_task_heartbeat(taskToken=task["taskToken"])
        worker_client.send_task_success(
            taskToken=task["taskToken"], output=json.dumps({"parcel": "P-1", **seen["input"]})
        )

    thread = threading.Thread(target=worker)
    thread.start()  # polls before there is a task: the long poll must wake up for it
    execution = sfn.start_execution(stateMachineArn=machine, input='{"orderId": "ord-9"}')["executionArn"]
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert seen["input"] == {"orderId": "ord-9"}
    d = wait_done(sfn, execution)
    assert d["status"] == "SUCCEEDED"
    assert json.loads(d["output"]) == {"parcel": "P-1", "orderId": "ord-9"}
    # Activity tasks are recorded as AWS records them, not as Task* events.
    events = sfn.get_execution_history(executionArn=execution)["events"]
    assert [e["type"] for e in events if e["type"].startswith(("Activity", "Task"))] == [
        "TaskStateEntered", "ActivityScheduled", "ActivityStarted", "ActivitySucceeded", "TaskStateExited"
    ]
    scheduled = next(e["activityScheduledEventDetails"] for e in events if e["type"] == "ActivityScheduled")
    assert scheduled["resource"] == activity and json.loads(scheduled["input"]) == {"orderId": "ord-9"}

    sfn.delete_activity(activityArn=activity)
    with pytest.raises(sfn.exceptions.ActivityDoesNotExist):
        sfn.describe_activity(activityArn=activity)


def test_activity_failure(sfn, server):
    activity = sfn.create_activity(name=unique("flaky"))["activityArn"]
    machine = create_machine(sfn, {
        "StartAt": "Work",
        "States": {"Work": {"Type": "Task", "Resource": activity, "End": True}},
    }, "flaky")
    execution = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    task = make_client(server, read_timeout=70).get_activity_task(activityArn=activity)
    sfn.send_task_failure(taskToken=task["taskToken"], error="Worker.Crashed", cause="out of boxes")
    d = wait_done(sfn, execution)
    assert (d["status"], d["error"], d["cause"]) == ("FAILED", "Worker.Crashed", "out of boxes")
    failed = wait_for_event(sfn, execution, "ActivityFailed")["activityFailedEventDetails"]
    assert failed == {"error": "Worker.Crashed", "cause": "out of boxes"}
