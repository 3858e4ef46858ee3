//! `arn:aws:states:::sqs:sendMessage` (and `.waitForTaskToken`) through `aws-sdk-sqs`.

use super::params::Params;
use super::response::{put, Captured, Service};
use aws_sdk_sqs::operation::RequestId;
use aws_sdk_sqs::primitives::Blob;
use aws_sdk_sqs::types::MessageAttributeValue;
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

fn message_attributes(
    params: &Params<'_>,
) -> Result<Option<std::collections::HashMap<String, MessageAttributeValue>>, StatesError> {
    let Some(attrs) = params.message_attributes()? else {
        return Ok(None);
    };
    let mut out = std::collections::HashMap::new();
    for (name, a) in attrs {
        let value = MessageAttributeValue::builder()
            .set_data_type(a.data_type)
            .set_string_value(a.string_value)
            .set_binary_value(a.binary_value.map(Blob::new))
            .build()
            .map_err(|e| SQS.client_error(e.to_string()))?;
        out.insert(name, value);
    }
    Ok(Some(out))
}
