"""SQS_ENDPOINT / SNS_ENDPOINT / DYNAMODB_ENDPOINT / STEP_FUNCTIONS_ENDPOINT: Task states that
Stepwise really sends to those endpoints, through the AWS SDK crates. The endpoints are moto's
server (SQS, SNS, DynamoDB on 127.0.0.1) and a second `stepwise serve`; the tests set them up
and read back what landed with boto3. Nothing here speaks HTTP itself."""

import hashlib
import json

import boto3
import pytest
from botocore.config import Config

from harness import (
    moto_server,
    create_machine,
    make_client,
    start_server,
    stop_server,
    unique,
    wait_done,
)

def aws(service: str, endpoint: str):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"mode": "standard", "total_max_attempts": 1}),
    )


@pytest.fixture(scope="module")
def moto():
    with moto_server() as endpoint:
        yield endpoint


MOCKED_MACHINE = "services-mocked"


@pytest.fixture(scope="module")
def mock_config(tmp_path_factory):
    """A mock config answering one sqs:sendMessage state: mocks win over endpoints."""
    path = tmp_path_factory.mktemp("mocks") / "mocks.json"
    path.write_text(
        json.dumps(
            {
                "StateMachines": {
                    MOCKED_MACHINE: {"TestCases": {"Mocked": {"Send": "Sent"}}}
                },
                "MockedResponses": {
                    "Sent": {"0": {"Return": {"MessageId": "mocked", "MD5OfMessageBody": "x"}}}
                },
            }
        )
    )
    return path


@pytest.fixture(scope="module")
def server(moto, mock_config):
    """`stepwise serve` configured through the environment, as Step Functions Local is."""
    s = start_server(
        "--mock-config",
        str(mock_config),
        env={"SQS_ENDPOINT": moto, "SNS_ENDPOINT": moto, "DYNAMODB_ENDPOINT": moto},
    )
    try:
        yield s
    finally:
        stop_server(s)


@pytest.fixture(scope="module")
def sfn(server):
    return make_client(server)


@pytest.fixture(scope="module")
def sqs(moto):
    return aws("sqs", moto)


@pytest.fixture(scope="module")
def dynamodb(moto):
    return aws("dynamodb", moto)


@pytest.fixture
def queue(sqs):
    return sqs.create_queue(QueueName=unique("q"))["QueueUrl"]


@pytest.fixture
def table(dynamodb):
    name = unique("orders")
    dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    return name


def task(resource: str, parameters: dict, **more) -> dict:
    return {"Type": "Task", "Resource": resource, "Parameters": parameters, **more}


def run(sfn, definition: dict, input_: dict | None = None, **kwargs) -> dict:
    arn = create_machine(sfn, definition, **kwargs)
    execution = sfn.start_execution(stateMachineArn=arn, input=json.dumps(input_ or {}))
    return wait_done(sfn, execution["executionArn"])


def receive_one(sqs, queue_url: str) -> dict:
    messages = sqs.receive_message(
        QueueUrl=queue_url, MessageAttributeNames=["All"], WaitTimeSeconds=5
    ).get("Messages", [])
    assert len(messages) == 1, messages
    return messages[0]


def test_send_message_lands_in_the_queue(sfn, sqs, queue):
    definition = {
        "StartAt": "Send",
        "States": {
            "Send": task(
                "arn:aws:states:::sqs:sendMessage",
                {
                    "QueueUrl": queue,
                    "MessageBody": {"order.$": "$.order", "total": 42},
                    "MessageAttributes": {
                        "kind": {"DataType": "String", "StringValue": "order"}
                    },
                },
                End=True,
            )
        },
    }
    d = run(sfn, definition, {"order": "o-1"})
    assert d["status"] == "SUCCEEDED", d
    output = json.loads(d["output"])
    message = receive_one(sqs, queue)
    # A JSON MessageBody is sent as its JSON text.
    assert json.loads(message["Body"]) == {"order": "o-1", "total": 42}
    assert message["MessageAttributes"]["kind"]["StringValue"] == "order"
    # The result as Step Functions returns sqs:sendMessage's.
    assert output["MessageId"] == message["MessageId"]
    assert output["MD5OfMessageBody"] == hashlib.md5(message["Body"].encode()).hexdigest()
    assert "MD5OfMessageAttributes" in output
    assert output["SdkHttpMetadata"]["HttpStatusCode"] == 200
    assert output["SdkHttpMetadata"]["HttpHeaders"]
    assert output["SdkResponseMetadata"]["RequestId"]


def test_wait_for_task_token_through_the_queue(sfn, sqs, queue):
    """The message carries the token; the consumer answers with SendTaskSuccess."""
    definition = {
        "StartAt": "Ask",
        "States": {
            "Ask": task(
                "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                {"QueueUrl": queue, "MessageBody": {"token.$": "$$.Task.Token", "n.$": "$.n"}},
                End=True,
            )
        },
    }
    arn = create_machine(sfn, definition)
    execution = sfn.start_execution(stateMachineArn=arn, input=json.dumps({"n": 7}))
    body = json.loads(receive_one(sqs, queue)["Body"])
    assert body["n"] == 7
    sfn.send_task_success(taskToken=body["token"], output=json.dumps({"approved": True}))
    d = wait_done(sfn, execution["executionArn"])
    assert d["status"] == "SUCCEEDED", d
    assert json.loads(d["output"]) == {"approved": True}
    # AWS's history: the message sent (TaskSubmitted, SQS's response), then the answer.
    events = sfn.get_execution_history(executionArn=execution["executionArn"])["events"]
    types = [e["type"] for e in events]
    at = types.index("TaskSubmitted")
    assert types[at - 1 : at + 2] == ["TaskStarted", "TaskSubmitted", "TaskSucceeded"], types
    submitted = events[at]["taskSubmittedEventDetails"]
    assert submitted["resource"] == "sendMessage.waitForTaskToken"
    assert "MessageId" in json.loads(submitted["output"])


def test_publish_reaches_a_subscribed_queue(sfn, sqs, moto, queue):
    sns = aws("sns", moto)
    topic = sns.create_topic(Name=unique("t"))["TopicArn"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])[
        "Attributes"
    ]["QueueArn"]
    sns.subscribe(
        TopicArn=topic,
        Protocol="sqs",
        Endpoint=queue_arn,
        Attributes={"RawMessageDelivery": "true"},
    )
    definition = {
        "StartAt": "Publish",
        "States": {
            "Publish": task(
                "arn:aws:states:::sns:publish",
                {"TopicArn": topic, "Message.$": "$.text", "Subject": "hello"},
                End=True,
            )
        },
    }
    d = run(sfn, definition, {"text": "shipped"})
    assert d["status"] == "SUCCEEDED", d
    output = json.loads(d["output"])
    assert receive_one(sqs, queue)["Body"] == "shipped"
    assert output["MessageId"]
    assert output["SdkHttpMetadata"]["HttpStatusCode"] == 200


def test_put_get_update_delete_item(sfn, dynamodb, table):
    definition = {
        "StartAt": "Put",
        "States": {
            "Put": task(
                "arn:aws:states:::dynamodb:putItem",
                {
                    "TableName": table,
                    "Item": {
                        "pk": {"S.$": "$.id"},
                        "total": {"N": "42"},
                        "tags": {"SS": ["a", "b"]},
                        "address": {"M": {"city": {"S": "Lyon"}}},
                    },
                },
                ResultPath=None,
                Next="Get",
            ),
            "Get": task(
                "arn:aws:states:::dynamodb:getItem",
                {"TableName": table, "Key": {"pk": {"S.$": "$.id"}}},
                ResultPath="$.got",
                Next="Update",
            ),
            "Update": task(
                "arn:aws:states:::dynamodb:updateItem",
                {
                    "TableName": table,
                    "Key": {"pk": {"S.$": "$.id"}},
                    "UpdateExpression": "SET #s = :s",
                    "ExpressionAttributeNames": {"#s": "status"},
                    "ExpressionAttributeValues": {":s": {"S": "shipped"}},
                    "ReturnValues": "ALL_NEW",
                },
                ResultPath="$.updated",
                End=True,
            ),
        },
    }
    d = run(sfn, definition, {"id": "o-1"})
    assert d["status"] == "SUCCEEDED", d
    output = json.loads(d["output"])
    assert output["got"]["Item"] == {
        "address": {"M": {"city": {"S": "Lyon"}}},
        "pk": {"S": "o-1"},
        "tags": {"SS": ["a", "b"]},
        "total": {"N": "42"},
    }
    assert output["got"]["SdkHttpMetadata"]["HttpStatusCode"] == 200
    assert output["updated"]["Attributes"]["status"] == {"S": "shipped"}
    # What landed in the table, read back from the emulator.
    item = dynamodb.get_item(TableName=table, Key={"pk": {"S": "o-1"}})["Item"]
    assert item["status"] == {"S": "shipped"} and item["total"] == {"N": "42"}

    delete = {
        "StartAt": "Delete",
        "States": {
            "Delete": task(
                "arn:aws:states:::dynamodb:deleteItem",
                {"TableName": table, "Key": {"pk": {"S": "o-1"}}, "ReturnValues": "ALL_OLD"},
                End=True,
            )
        },
    }
    d = run(sfn, delete)
    assert d["status"] == "SUCCEEDED", d
    assert json.loads(d["output"])["Attributes"]["pk"] == {"S": "o-1"}
    assert "Item" not in dynamodb.get_item(TableName=table, Key={"pk": {"S": "o-1"}})


def catching(resource: str, parameters: dict) -> dict:
    return {
        "StartAt": "Call",
        "States": {
            "Call": task(
                resource,
                parameters,
                Catch=[{"ErrorEquals": ["States.ALL"], "ResultPath": "$.caught", "Next": "Caught"}],
                End=True,
            ),
            "Caught": {"Type": "Pass", "End": True},
        },
    }


@pytest.mark.parametrize(
    "resource, parameters, error",
    [
        (
            "arn:aws:states:::dynamodb:getItem",
            {"TableName": "no-such-table", "Key": {"pk": {"S": "x"}}},
            "DynamoDB.ResourceNotFoundException",
        ),
        (
            "arn:aws:states:::sqs:sendMessage",
            {
                "QueueUrl": "http://127.0.0.1/123456789012/no-such-queue",
                "MessageBody": "m",
            },
            "SQS.QueueDoesNotExistException",
        ),
        (
            "arn:aws:states:::sns:publish",
            {"TopicArn": "arn:aws:sns:us-east-1:123456789012:no-such-topic", "Message": "m"},
            "SNS.NotFoundException",
        ),
    ],
)
def test_service_errors_are_caught_by_name(sfn, resource, parameters, error):
    d = run(sfn, catching(resource, parameters))
    assert d["status"] == "SUCCEEDED", d
    caught = json.loads(d["output"])["caught"]
    assert caught["Error"] == error
    assert "Status Code: 4" in caught["Cause"], caught


def test_condition_failures_are_caught_by_name(sfn, dynamodb, table):
    dynamodb.put_item(TableName=table, Item={"pk": {"S": "taken"}})
    d = run(
        sfn,
        catching(
            "arn:aws:states:::dynamodb:putItem",
            {
                "TableName": table,
                "Item": {"pk": {"S": "taken"}},
                "ConditionExpression": "attribute_not_exists(pk)",
            },
        ),
    )
    assert d["status"] == "SUCCEEDED", d
    assert json.loads(d["output"])["caught"]["Error"] == "DynamoDB.ConditionalCheckFailedException"


def test_mocks_win_over_endpoints(sfn, sqs, queue):
    definition = {
        "StartAt": "Send",
        "States": {
            "Send": task(
                "arn:aws:states:::sqs:sendMessage",
                {"QueueUrl": queue, "MessageBody": "not sent"},
                End=True,
            )
        },
    }
    arn = sfn.create_state_machine(
        name=MOCKED_MACHINE,
        definition=json.dumps(definition),
        roleArn="arn:aws:iam::123456789012:role/r",
    )["stateMachineArn"]
    execution = sfn.start_execution(stateMachineArn=f"{arn}#Mocked")
    d = wait_done(sfn, execution["executionArn"])
    assert d["status"] == "SUCCEEDED", d
    assert json.loads(d["output"])["MessageId"] == "mocked"
    assert "Messages" not in sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=0)


CHILD = {
    "StartAt": "Double",
    "States": {
        "Double": {"Type": "Pass", "Parameters": {"doubled.$": "States.MathAdd($.n, $.n)"}, "End": True}
    },
}


@pytest.mark.parametrize("flag", [True, False], ids=["flag", "env"])
def test_nested_executions_go_to_step_functions_endpoint(flag):
    """STEP_FUNCTIONS_ENDPOINT names a second `stepwise serve`: the child runs there."""
    remote = start_server()
    try:
        args = ("--step-functions-endpoint", remote.endpoint) if flag else ()
        env = {} if flag else {"STEP_FUNCTIONS_ENDPOINT": remote.endpoint}
        local = start_server(*args, env=env)
        try:
            remote_sfn, local_sfn = make_client(remote), make_client(local)
            child = create_machine(remote_sfn, CHILD, prefix="child")
            parent = {
                "StartAt": "Child",
                "States": {
                    "Child": task(
                        "arn:aws:states:::states:startExecution.sync:2",
                        {"StateMachineArn": child, "Input": {"n.$": "$.n"}},
                        End=True,
                    )
                },
            }
            d = run(local_sfn, parent, {"n": 21})
            assert d["status"] == "SUCCEEDED", d
            output = json.loads(d["output"])
            assert output["Output"] == {"doubled": 42}
            assert output["Status"] == "SUCCEEDED"
            ran = remote_sfn.list_executions(stateMachineArn=child)["executions"]
            assert [e["executionArn"] for e in ran] == [output["ExecutionArn"]]
        finally:
            stop_server(local)
    finally:
        stop_server(remote)
