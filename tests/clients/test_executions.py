"""Executions through boto3: start with a mock-config test case (`#TestCase` on the ARN),
follow by polling DescribeExecution, history paging, name idempotency, ListExecutions with a
status filter, StopExecution."""

import json

import pytest

from harness import WAIT_FOR_TOKEN, create_machine, error_code, full_history, unique, wait_done, wait_for_event

HAPPY_PATH = ["Validate Order", "Is Order Valid?", "Reserve Inventory", "Charge Payment",
              "Save Order", "Send Confirmation", "Order Complete"]

# One row per test case of examples/run/order-processing.mocks.json:
# (test case, status, error, text in the cause, states entered in order)
CASES = [
    ("HappyPath", "SUCCEEDED", None, None, HAPPY_PATH),
    ("PaymentDeclined", "FAILED", "PaymentFailed", "The card was declined.",
     ["Validate Order", "Is Order Valid?", "Reserve Inventory", "Charge Payment",
      "Release Inventory", "Payment Failed"]),
    ("GatewayDown", "FAILED", "PaymentFailed", "did not answer in time",
     ["Validate Order", "Is Order Valid?", "Reserve Inventory", "Charge Payment",
      "Release Inventory", "Payment Failed"]),
    ("ConfirmationDenied", "FAILED", "SNS.AuthorizationErrorException", "not authorized to perform: SNS:Publish",
     ["Validate Order", "Is Order Valid?", "Reserve Inventory", "Charge Payment",
      "Save Order", "Send Confirmation"]),
]


def entered(events):
    return [e["stateEnteredEventDetails"]["name"] for e in events if e["type"].endswith("StateEntered")]


def start_case(sfn, order_machine, order_input, case, name=None):
    kwargs = {"name": name} if name else {}
    return sfn.start_execution(
        stateMachineArn=f"{order_machine}#{case}", input=json.dumps(order_input), **kwargs
    )["executionArn"]


@pytest.mark.parametrize("case,status,error,cause,path", CASES, ids=[c[0] for c in CASES])
def test_mock_test_cases(sfn, order_machine, order_input, case, status, error, cause, path):
    arn = start_case(sfn, order_machine, order_input, case)
    assert arn.startswith(order_machine.replace(":stateMachine:", ":execution:") + ":")
    d = wait_done(sfn, arn)
    assert d["status"] == status
    assert d.get("error") == error
    if cause:
        assert cause in d["cause"]
    assert entered(full_history(sfn, arn)) == path
    assert d["stateMachineArn"] == order_machine  # without the #TestCase
    assert json.loads(d["input"]) == order_input


def test_happy_path_output_and_retried_charge(sfn, order_machine, order_input):
    arn = start_case(sfn, order_machine, order_input, "HappyPath")
    d = wait_done(sfn, arn)
    assert json.loads(d["output"]) == {
        **order_input["order"], "confirmation": {"messageId": "6c1c5e8a-0b5f-4a33-9a51-2f1b2c3d4e5f"}
    }
    assert d["stopDate"] >= d["startDate"]
    events = full_history(sfn, arn)
    assert events[0]["type"] == "ExecutionStarted"
    assert events[-1]["type"] == "ExecutionSucceeded"
    failed = [e for e in events if e["type"] == "TaskFailed"]
    assert [e["taskFailedEventDetails"]["error"] for e in failed] == ["Payment.GatewayTimeout"]
    scheduled = [json.loads(e["taskScheduledEventDetails"]["parameters"]) for e in events if e["type"] == "TaskScheduled"]
    charges = [p for p in scheduled if "charge-payment" in p.get("FunctionName", "")]
    assert len(charges) == 2  # the first attempt timed out, the retry was charged
    assert charges[0]["Payload"]["idempotencyKey"] == arn.rsplit(":", 1)[1]
    sm = sfn.describe_state_machine_for_execution(executionArn=arn)
    assert sm["stateMachineArn"] == order_machine
    assert sm["name"] == "order-processing"


def test_an_unknown_test_case_is_refused(sfn, order_machine, order_input):
    with pytest.raises(sfn.exceptions.ClientError) as e:
        start_case(sfn, order_machine, order_input, "NoSuchCase")
    assert error_code(e) == "ValidationException"


def test_history_paging(sfn, order_machine, order_input):
    arn = start_case(sfn, order_machine, order_input, "HappyPath")
    wait_done(sfn, arn)
    everything = sfn.get_execution_history(executionArn=arn)["events"]
    assert len(everything) > 10
    assert [e["id"] for e in everything] == list(range(1, len(everything) + 1))

    # By hand with maxResults + nextToken, as suites without paginators do.
    pages, token = [], None
    while True:
        kwargs = {"nextToken": token} if token else {}
        page = sfn.get_execution_history(executionArn=arn, maxResults=5, **kwargs)
        pages.append(page["events"])
        token = page.get("nextToken")
        if not token:
            break
    assert all(len(p) == 5 for p in pages[:-1]) and 1 <= len(pages[-1]) <= 5
    assert [e for p in pages for e in p] == everything

    # The paginator, newest first.
    backwards = full_history(sfn, arn, reverseOrder=True, PaginationConfig={"PageSize": 5})
    assert backwards == list(reversed(everything))

    # Without the data: no input, output nor parameters, the rest as it was.
    lean = full_history(sfn, arn, includeExecutionData=False)
    assert [e["type"] for e in lean] == [e["type"] for e in everything]
    for e in lean:
        for key, details in e.items():
            if key.endswith("EventDetails"):
                assert not {"input", "output", "parameters"} & details.keys(), e
    started = lean[0]["executionStartedEventDetails"]
    assert "input" not in started and "input" in everything[0]["executionStartedEventDetails"]


def test_an_unknown_next_token_is_refused(sfn, order_machine, order_input):
    arn = start_case(sfn, order_machine, order_input, "HappyPath")
    wait_done(sfn, arn)
    with pytest.raises(sfn.exceptions.InvalidToken):
        sfn.get_execution_history(executionArn=arn, nextToken="nonsense")


def test_name_idempotency(sfn):
    arn = create_machine(sfn, WAIT_FOR_TOKEN, "idempotent")
    name = unique("run")
    first = sfn.start_execution(stateMachineArn=arn, name=name, input='{"n": 1}')
    # The same name and input while it runs: the same execution, as AWS answers.
    again = sfn.start_execution(stateMachineArn=arn, name=name, input='{"n": 1}')
    assert again["executionArn"] == first["executionArn"]
    # Another input under the same name: refused.
    with pytest.raises(sfn.exceptions.ExecutionAlreadyExists):
        sfn.start_execution(stateMachineArn=arn, name=name, input='{"n": 2}')
    sfn.stop_execution(executionArn=first["executionArn"])
    wait_done(sfn, first["executionArn"])
    # Once it ended, the name is taken whatever the input.
    with pytest.raises(sfn.exceptions.ExecutionAlreadyExists):
        sfn.start_execution(stateMachineArn=arn, name=name, input='{"n": 1}')



def test_stop_execution(sfn):
    arn = create_machine(sfn, WAIT_FOR_TOKEN, "stopped")
    execution = sfn.start_execution(stateMachineArn=arn, input="{}")["executionArn"]
    wait_for_event(sfn, execution, "TaskScheduled")
    stopped = sfn.stop_execution(executionArn=execution, error="Operator.Cancelled", cause="Not needed")
    assert stopped["stopDate"]
    d = wait_done(sfn, execution)
    assert d["status"] == "ABORTED"
    assert full_history(sfn, execution)[-1]["type"] == "ExecutionAborted"
    with pytest.raises(sfn.exceptions.ClientError) as e:
        sfn.stop_execution(executionArn=execution)
    assert error_code(e) in {"ValidationException", "ExecutionNotRunning"}


def test_list_executions_with_status_filter(sfn, order_machine, order_input):
    started = {
        case: start_case(sfn, order_machine, order_input, case)
        for case in ["HappyPath", "PaymentDeclined"]
    }
    for arn in started.values():
        wait_done(sfn, arn)
    waiting_machine = create_machine(sfn, WAIT_FOR_TOKEN, "listed")
    running = sfn.start_execution(stateMachineArn=waiting_machine)["executionArn"]

    def listed(machine, **kwargs):
        pages = sfn.get_paginator("list_executions").paginate(stateMachineArn=machine, **kwargs)
        return [e["executionArn"] for p in pages for e in p["executions"]]

    # (machine, filter, must be listed, must not be listed)
    table = [
        (order_machine, "SUCCEEDED", started["HappyPath"], started["PaymentDeclined"]),
        (order_machine, "FAILED", started["PaymentDeclined"], started["HappyPath"]),
        (waiting_machine, "RUNNING", running, None),
        (waiting_machine, "SUCCEEDED", None, running),
    ]
    for machine, status, present, absent in table:
        arns = listed(machine, statusFilter=status)
        if present:
            assert present in arns, (status, arns)
        if absent:
            assert absent not in arns, (status, arns)
    # Newest first, paged.
    all_order = listed(order_machine, PaginationConfig={"PageSize": 2})
    assert all_order.index(started["PaymentDeclined"]) < all_order.index(started["HappyPath"])
    sfn.stop_execution(executionArn=running)
