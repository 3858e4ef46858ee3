"""Time through boto3, in real time and briefly: SendTaskHeartbeat keeping a Task alive past
its HeartbeatSeconds, a WAIT_TIME_SCALE factor read from the environment as Step Functions
Local reads it, and a Task nothing answers failing as Step Functions Local fails it."""

import json
import time

import pytest

from harness import WAIT_FOR_TOKEN, create_machine, make_client, start_server, stop_server, wait_done, wait_for_event

HEARTBEATING = {
    "StartAt": "Wait For Approval",
    "States": {
        "Wait For Approval": {
            **WAIT_FOR_TOKEN["States"]["Wait For Approval"],
            "HeartbeatSeconds": 1,
            "TimeoutSeconds": 10,
        }
    },
}


def token_of(sfn, execution_arn: str) -> str:
    event = wait_for_event(sfn, execution_arn, "TaskScheduled")
    return json.loads(event["taskScheduledEventDetails"]["parameters"])["MessageBody"]["token"]


def test_heartbeats_keep_a_waiting_task_alive(sfn):
    machine = create_machine(sfn, HEARTBEATING, "heartbeat")
    beaten = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    silent = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    token, silent_token = token_of(sfn, beaten), token_of(sfn, silent)
    began = time.monotonic()
    while time.monotonic() - began < 2.5:  # 2.5 s: well past HeartbeatSeconds 1
        time.sleep(0.5)
        sfn.send_task_heartbeat(taskToken=token)
    sfn.send_task_success(taskToken=token, output='{"approved": true}')
    assert wait_done(sfn, beaten)["status"] == "SUCCEEDED"
    d = wait_done(sfn, silent)
    assert (d["status"], d["error"]) == ("FAILED", "States.HeartbeatTimeout")
    timed_out = wait_for_event(sfn, silent, "TaskTimedOut")["taskTimedOutEventDetails"]
    assert timed_out["error"] == "States.HeartbeatTimeout"
    # Its token is spent: a late heartbeat is refused as AWS refuses it.
    with pytest.raises(sfn.exceptions.ClientError):
        sfn.send_task_heartbeat(taskToken=silent_token)


def test_a_wait_time_scale_factor_from_the_environment():
    server = start_server(env={"WAIT_TIME_SCALE": "0.1"})
    try:
        sfn = make_client(server)
        machine = create_machine(sfn, {
            "StartAt": "Pause",
            "States": {"Pause": {"Type": "Wait", "Seconds": 10, "End": True}},
        }, "scaled")
        began = time.monotonic()
        execution = sfn.start_execution(stateMachineArn=machine)["executionArn"]
        assert wait_done(sfn, execution)["status"] == "SUCCEEDED"
        took = time.monotonic() - began
        assert 0.9 <= took < 5, f"a 10 s Wait at 0.1 took {took:.2f} s"
        events = {e["type"]: e["timestamp"] for e in sfn.get_execution_history(executionArn=execution)["events"]}
        waited = (events["WaitStateExited"] - events["WaitStateEntered"]).total_seconds()
        assert 0.9 <= waited < 2, f"the history shows {waited} s"
    finally:
        stop_server(server)


@pytest.mark.parametrize("catch", [False, True], ids=["uncaught", "caught"])
def test_an_unmocked_task_fails_as_step_functions_local_fails_it(sfn, catch):
    task = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "charge", "Payload.$": "$"}, "End": True}
    states = {"Charge": task}
    if catch:
        task["Catch"] = [{"ErrorEquals": ["States.TaskFailed"], "Next": "Handled"}]
        states["Handled"] = {"Type": "Pass", "End": True}
    machine = create_machine(sfn, {"StartAt": "Charge", "States": states}, "unmocked")
    d = wait_done(sfn, sfn.start_execution(stateMachineArn=machine)["executionArn"])
    if catch:
        assert d["status"] == "SUCCEEDED"
        assert json.loads(d["output"])["Error"] == "Lambda.SdkClientException"
    else:
        assert (d["status"], d["error"]) == ("FAILED", "Lambda.SdkClientException")
        assert d["cause"].startswith("Unable to execute HTTP request:")
