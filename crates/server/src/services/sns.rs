//! `arn:aws:states:::sns:publish` (and `.waitForTaskToken`) through `aws-sdk-sns`.

use super::params::Params;
use super::response::{put, Captured, Service};
use aws_sdk_sns::operation::RequestId;
use aws_sdk_sns::primitives::Blob;
use aws_sdk_sns::types::MessageAttributeValue;
use base64::Engine;
use serde_json::{Map, Value};
use stepwise_engine::StatesError;

const SNS: Service = Service::Sns;

pub async fn publish(client: aws_sdk_sns::Client, p: Value) -> Result<Value, StatesError> {
    let params = Params::new(SNS, &p);
    let captured = Captured::default();
    let out = client
        .publish()
        .set_topic_arn(params.str("TopicArn")?)
        .set_target_arn(params.str("TargetArn")?)
        .set_phone_number(params.str("PhoneNumber")?)
        .set_message(params.text("Message"))
        .set_subject(params.str("Subject")?)
        .set_message_structure(params.str("MessageStructure")?)
        .set_message_attributes(message_attributes(&params)?)
        .set_message_deduplication_id(params.str("MessageDeduplicationId")?)
        .set_message_group_id(params.str("MessageGroupId")?)
        .customize()
        .interceptor(captured.clone())
        .send()
        .await
        .map_err(|e| SNS.error(e))?;
    let mut result = Map::new();
    put(&mut result, "MessageId", out.message_id());
    put(&mut result, "SequenceNumber", out.sequence_number());
    Ok(captured.with_metadata(result, out.request_id()))
}

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
            .map_err(|e| SNS.client_error(e.to_string()))?;
        out.insert(name.clone(), value);
    }
    Ok(Some(out))
}
