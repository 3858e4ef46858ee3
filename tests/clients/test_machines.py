"""State machines through boto3: create (and its errors), describe, list, update, delete,
tags, ValidateStateMachineDefinition, and an action the server does not know."""

import json

import pytest
from botocore.exceptions import ClientError

from harness import ROLE_ARN, create_machine, error_code, make_client, unique

PASS = {"StartAt": "Hello", "States": {"Hello": {"Type": "Pass", "End": True}}}
MISSING_TARGET = {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}


def test_create_then_describe_and_list(sfn, server):
    name = unique("hello")
    created = sfn.create_state_machine(
        name=name, definition=json.dumps(PASS), roleArn=ROLE_ARN, type="STANDARD"
    )
    arn = created["stateMachineArn"]
    assert arn == f"arn:aws:states:{server.region}:{server.account}:stateMachine:{name}"
    assert created["creationDate"].year >= 2024  # epoch seconds, parsed as a datetime

    d = sfn.describe_state_machine(stateMachineArn=arn)
    assert (d["name"], d["status"], d["type"], d["roleArn"]) == (name, "ACTIVE", "STANDARD", ROLE_ARN)
    assert json.loads(d["definition"]) == PASS

    listed = [
        m for page in sfn.get_paginator("list_state_machines").paginate() for m in page["stateMachines"]
    ]
    assert arn in [m["stateMachineArn"] for m in listed]


def test_the_same_create_twice_answers_the_same_machine(sfn):
    name = unique("twice")
    first = sfn.create_state_machine(name=name, definition=json.dumps(PASS), roleArn=ROLE_ARN)
    again = sfn.create_state_machine(name=name, definition=json.dumps(PASS), roleArn=ROLE_ARN)
    assert again["stateMachineArn"] == first["stateMachineArn"]
    other = {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}
    with pytest.raises(ClientError) as e:
        sfn.create_state_machine(name=name, definition=json.dumps(other), roleArn=ROLE_ARN)
    assert error_code(e) == "StateMachineAlreadyExists"


ERRORS = [
    # (action, kwargs, expected __type)
    ("create_state_machine", dict(name="broken", definition="{not json", roleArn=ROLE_ARN), "InvalidDefinition"),
    ("create_state_machine", dict(name="dangling", definition=json.dumps(MISSING_TARGET), roleArn=ROLE_ARN), "InvalidDefinition"),
    ("create_state_machine", dict(name="no-states", definition=json.dumps({"StartAt": "A"}), roleArn=ROLE_ARN), "InvalidDefinition"),
    ("create_state_machine", dict(name="bad name!", definition=json.dumps(PASS), roleArn=ROLE_ARN), "InvalidName"),
    ("describe_state_machine", dict(stateMachineArn="not-an-arn"), "InvalidArn"),
    ("describe_state_machine", dict(stateMachineArn="arn:aws:states:us-east-1:123456789012:execution:m:e"), "InvalidArn"),
    ("describe_state_machine", dict(stateMachineArn="arn:aws:states:us-east-1:123456789012:stateMachine:nobody"), "StateMachineDoesNotExist"),
    ("start_execution", dict(stateMachineArn="arn:aws:states:us-east-1:123456789012:stateMachine:nobody"), "StateMachineDoesNotExist"),
    ("describe_execution", dict(executionArn="arn:aws:states:us-east-1:123456789012:execution:nobody:run"), "ExecutionDoesNotExist"),
    ("describe_execution", dict(executionArn="arn:aws:states:us-east-1:123456789012:stateMachine:nobody"), "InvalidArn"),
    ("list_executions", dict(stateMachineArn="arn:aws:states:us-east-1:123456789012:stateMachine:nobody"), "StateMachineDoesNotExist"),
]


@pytest.mark.parametrize("action,kwargs,expected", ERRORS, ids=[f"{a}-{x}" for a, _, x in ERRORS])
def test_errors_come_back_as_aws_types(sfn, action, kwargs, expected):
    with pytest.raises(ClientError) as e:
        getattr(sfn, action)(**kwargs)
    assert error_code(e) == expected
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    # boto3 maps modeled errors to their exception classes.
    if expected != "InvalidName" or hasattr(sfn.exceptions, expected):
        assert isinstance(e.value, getattr(sfn.exceptions, expected))


def test_invalid_definition_message_says_what_is_wrong(sfn):
    with pytest.raises(sfn.exceptions.InvalidDefinition) as e:
        sfn.create_state_machine(name=unique("dangling"), definition=json.dumps(MISSING_TARGET), roleArn=ROLE_ARN)
    assert "Nowhere" in e.value.response["Error"]["Message"]


VALIDATIONS = [
    # (definition text, result, first diagnostic code)
    (json.dumps(PASS), "OK", None),
    (json.dumps(MISSING_TARGET), "FAIL", "MISSING_TRANSITION_TARGET"),
    ("{not json", "FAIL", "INVALID_JSON_DESCRIPTION"),
]


@pytest.mark.parametrize("definition,result,code", VALIDATIONS)
def test_validate_state_machine_definition(sfn, definition, result, code):
    v = sfn.validate_state_machine_definition(definition=definition)
    assert v["result"] == result
    assert [d["code"] for d in v["diagnostics"]][:1] == ([code] if code else [])


def test_update_then_delete(sfn):
    arn = create_machine(sfn, PASS, "updated")
    before = sfn.describe_state_machine(stateMachineArn=arn)
    new = {"StartAt": "Bye", "States": {"Bye": {"Type": "Succeed"}}}
    updated = sfn.update_state_machine(stateMachineArn=arn, definition=json.dumps(new))
    assert updated["revisionId"] != before["revisionId"]
    assert json.loads(sfn.describe_state_machine(stateMachineArn=arn)["definition"]) == new

    with pytest.raises(sfn.exceptions.InvalidDefinition):
        sfn.update_state_machine(stateMachineArn=arn, definition=json.dumps(MISSING_TARGET))

    sfn.delete_state_machine(stateMachineArn=arn)
    with pytest.raises(sfn.exceptions.StateMachineDoesNotExist):
        sfn.describe_state_machine(stateMachineArn=arn)
    listed = [m["stateMachineArn"] for p in sfn.get_paginator("list_state_machines").paginate() for m in p["stateMachines"]]
    assert arn not in listed


def test_tags(sfn):
    arn = create_machine(sfn, PASS, "tagged", tags=[{"key": "team", "value": "orders"}])
    sfn.tag_resource(resourceArn=arn, tags=[{"key": "env", "value": "local"}])
    tags = {t["key"]: t["value"] for t in sfn.list_tags_for_resource(resourceArn=arn)["tags"]}
    assert tags == {"team": "orders", "env": "local"}
    sfn.untag_resource(resourceArn=arn, tagKeys=["team"])
    assert sfn.list_tags_for_resource(resourceArn=arn)["tags"] == [{"key": "env", "value": "local"}]


def test_an_unknown_action_answers_unknown_operation(server):
    """An action the server does not know, as a newer SDK would send one: boto3's own event
    hooks rename the target of a real call just before it is signed and sent."""
    client = make_client(server)

    def rename(request, **_):
        request.headers["X-Amz-Target"] = "AWSStepFunctions.FrobnicateStateMachine"

    client.meta.events.register("before-sign.states.ListStateMachines", rename)
    with pytest.raises(ClientError) as e:
        client.list_state_machines()
    assert error_code(e) == "UnknownOperationException"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
