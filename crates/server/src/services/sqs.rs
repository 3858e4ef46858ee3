//! `arn:aws:states:::sqs:sendMessage` (and `.waitForTaskToken`) through `aws-sdk-sqs`.

use super::params::Params;
use super::response::{put, Captured, Service};
use aws_sdk_sqs::operation::RequestId;
use aws_sdk_sqs::primitives::Blob;
use aws_sdk_sqs::types::MessageAttributeValue;
use base64::Engine;
use serde_json::{Map, Value};
use stepwise_engine::StatesError;

const SQS: Service = Service::Sqs;

pub async fn send_message(client: aws_sdk_sqs::Client, p: Value) -> Result<Value, StatesError> {
    let params = Params::new(SQS, &p);
    let captured = Captured::default();
    let out = client
        .send_message()
        .set_queue_url(params.str("QueueUrl")?)
        .set_message_body(params.text("MessageBody"))
        .set_delay_seconds(params.i32("DelaySeconds")?)
        .set_message_attributes(message_attributes(&params)?)
        .set_message_deduplication_id(params.str("MessageDeduplicationId")?)
        .set_message_group_id(params.str("MessageGroupId")?)
        .customize()
        .interceptor(captured.clone())
        .send()
        .await
        .map_err(|e| SQS.error(e))?;
    let mut result = Map::new();
    put(
        &mut result,
        "MD5OfMessageAttributes",
        out.md5_of_message_attributes(),
    );
    put(&mut result, "MD5OfMessageBody", out.md5_of_message_body());
    put(&mut result, "MessageId", out.message_id());
    put(&mut result, "SequenceNumber", out.sequence_number());
    Ok(captured.with_metadata(result, out.request_id()))
}

/// `{"name": {"DataType": "String", "StringValue": "v"}}`; `BinaryValue` in base64.
fn message_attributes(
    params: &Params<'_>,
) -> Result<Option<std::collections::HashMap<String, MessageAttributeValue>>, StatesError> {
    let Some(attrs) = params.object("MessageAttributes")? else {
        return Ok(None);
    };
    let mut out = std::collections::HashMap::new();
    for (name, v) in attrs {
        let field = |f: &str| v.get(f).and_then(Value::as_str).map(str::to_string);
        let binary = match field("BinaryValue") {
            Some(b) => Some(Blob::new(
                base64::engine::general_purpose::STANDARD
                    .decode(b)
                    .map_err(|_| params.invalid("MessageAttributes", "base64 in BinaryValue"))?,
            )),
            None => None,
        };
        let value = MessageAttributeValue::builder()
            .set_data_type(field("DataType"))
            .set_string_value(field("StringValue"))
            .set_binary_value(binary)
            .build()
            .map_err(|e| SQS.client_error(e.to_string()))?;
        out.insert(name.clone(), value);
    }
    Ok(Some(out))
}
