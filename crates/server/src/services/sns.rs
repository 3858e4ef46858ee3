//! `arn:aws:states:::sns:publish` (and `.waitForTaskToken`) through `aws-sdk-sns`.

use super::params::Params;
use super::response::{put, Captured, Service};
use aws_sdk_sns::operation::RequestId;
use aws_sdk_sns::primitives::Blob;
use aws_sdk_sns::types::MessageAttributeValue;
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
            .map_err(|e| SNS.client_error(e.to_string()))?;
        out.insert(name, value);
    }
    Ok(Some(out))
}
