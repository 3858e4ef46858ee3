"""More of the API through boto3: TestState (inspection levels, a mocked Task), RedriveExecution,
nested executions (`states:startExecution.sync:2`), and machines and executions kept across a
restart with `--data`."""

import json
import time

import pytest

from harness import (ROLE_ARN, WAIT_FOR_TOKEN, create_machine, error_code, full_history, make_client,
                     start_server, stop_server, unique, wait_done, wait_for_event)

# (state, input, inspection level, mock, status, output, next state)
TEST_STATES = [
    ({"Type": "Pass", "Parameters": {"sum.$": "States.MathAdd($.a, $.b)"}, "End": True},
     {"a": 2, "b": 3}, "INFO", None, "SUCCEEDED", {"sum": 5}, None),
    ({"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 10, "Next": "Big"}], "Default": "Small"},
     {"n": 11}, "DEBUG", None, "SUCCEEDED", {"n": 11}, "Big"),
    ({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": {"FunctionName": "price", "Payload.$": "$"}, "ResultSelector": {"price.$": "$.Payload.price"},
      "End": True},
     {"sku": "TEA"}, "DEBUG", {"result": json.dumps({"Payload": {"price": 4.5}})}, "SUCCEEDED", {"price": 4.5}, None),
    ({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "price"}, "End": True},
     {}, "INFO", {"errorOutput": {"error": "Lambda.Unknown", "cause": "boom"}}, "FAILED", None, None),
]


@pytest.mark.parametrize("state,given,level,mock,status,output,next_state", TEST_STATES,
                         ids=["pass", "choice", "mocked-task", "mocked-failure"])
def test_test_state(sfn_sync, state, given, level, mock, status, output, next_state):
    """TestState has the `sync-` host prefix too: the client without it."""
    kwargs = {"mock": mock} if mock else {}
    r = sfn_sync.test_state(definition=json.dumps(state), roleArn=ROLE_ARN, input=json.dumps(given),
                       inspectionLevel=level, **kwargs)
    assert r["status"] == status
    assert (json.loads(r["output"]) if "output" in r else None) == output
    assert r.get("nextState") == next_state
    if level == "DEBUG":
        assert json.loads(r["inspectionData"]["input"]) == given
    if status == "FAILED":
        assert (r["error"], r["cause"]) == ("Lambda.Unknown", "boom")


def test_redrive_a_failed_execution(sfn):
    machine = create_machine(sfn, {
        "StartAt": "Prepare",
        "States": {
            "Prepare": {"Type": "Pass", "Result": {"ready": True}, "ResultPath": "$.prep", "Next": "Wait For Approval"},
            **WAIT_FOR_TOKEN["States"],
        },
    }, "redriven")
    execution = sfn.start_execution(stateMachineArn=machine, input='{"order": 7}')["executionArn"]
    token = json.loads(wait_for_event(sfn, execution, "TaskScheduled")["taskScheduledEventDetails"]["parameters"])
    sfn.send_task_failure(taskToken=token["MessageBody"]["token"], error="Approval.Timeout")
    assert wait_done(sfn, execution)["status"] == "FAILED"

    sfn.redrive_execution(executionArn=execution)
    # The redriven run asks again, from the failed state, with the input it had.
    for _ in range(500):
        events = full_history(sfn, execution)
        if [e["type"] for e in events].count("TaskScheduled") == 2:
            break
        time.sleep(0.02)
    scheduled = [e for e in events if e["type"] == "TaskScheduled"]
    assert len(scheduled) == 2
    second = json.loads(scheduled[1]["taskScheduledEventDetails"]["parameters"])["MessageBody"]
    assert second["request"] == {"order": 7, "prep": {"ready": True}}
    sfn.send_task_success(taskToken=second["token"], output='{"approved": true}')
    d = wait_done(sfn, execution)
    assert d["status"] == "SUCCEEDED" and d.get("redriveCount") == 1
    events = full_history(sfn, execution)
    assert "ExecutionRedriven" in [e["type"] for e in events]
    assert [e["id"] for e in events] == list(range(1, len(events) + 1))
    entered = [e["stateEnteredEventDetails"]["name"] for e in events if e["type"].endswith("StateEntered")]
    assert entered == ["Prepare", "Wait For Approval", "Wait For Approval"]  # Prepare is not run again

    with pytest.raises(sfn.exceptions.ClientError) as e:
        sfn.redrive_execution(executionArn=execution)
    assert error_code(e) == "ExecutionNotRedrivable"


# (integration, how the child's output comes back)
NESTED = [
    ("arn:aws:states:::states:startExecution.sync:2", lambda out: out["Output"]),
    ("arn:aws:states:::states:startExecution.sync", lambda out: json.loads(out["Output"])),
]


@pytest.mark.parametrize("resource,child_output", NESTED, ids=["sync:2", "sync"])
def test_nested_execution(sfn, resource, child_output):
    child = create_machine(sfn, {
        "StartAt": "Double",
        "States": {"Double": {"Type": "Pass", "Parameters": {"doubled.$": "States.MathAdd($.n, $.n)"}, "End": True}},
    }, "child")
    parent = create_machine(sfn, {
        "StartAt": "Call Child",
        "States": {"Call Child": {
            "Type": "Task", "Resource": resource,
            "Parameters": {"StateMachineArn": child, "Input": {"n.$": "$.n"}},
            "End": True,
        }},
    }, "parent")
    execution = sfn.start_execution(stateMachineArn=parent, input='{"n": 21}')["executionArn"]
    d = wait_done(sfn, execution)
    assert d["status"] == "SUCCEEDED", d
    out = json.loads(d["output"])
    assert child_output(out) == {"doubled": 42}
    assert out["Status"] == "SUCCEEDED"
    # The child is an execution of its own, listed under its machine.
    children = sfn.list_executions(stateMachineArn=child)["executions"]
    assert [c["executionArn"] for c in children] == [out["ExecutionArn"]]


def test_data_survives_a_restart(tmp_path):
    """`--data DIR`: a second server on the same folder has the machines and finished
    executions of the first."""
    first = start_server("--data", str(tmp_path))
    try:
        sfn = make_client(first)
        machine = create_machine(sfn, {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}, "kept")
        execution = sfn.start_execution(stateMachineArn=machine, name=unique("run"), input='{"x": 1}')["executionArn"]
        assert wait_done(sfn, execution)["status"] == "SUCCEEDED"
        history = full_history(sfn, execution)
    finally:
        stop_server(first)
    second = start_server("--data", str(tmp_path))
    try:
        sfn = make_client(second)
        assert sfn.describe_state_machine(stateMachineArn=machine)["name"] == machine.rsplit(":", 1)[1]
        d = sfn.describe_execution(executionArn=execution)
        assert (d["status"], json.loads(d["output"])) == ("SUCCEEDED", {"x": 1})
        assert full_history(sfn, execution) == history
    finally:
        stop_server(second)
