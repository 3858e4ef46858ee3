use super::*;

#[test]
fn classify_resources() {
    assert_eq!(
        LambdaResource::classify("arn:aws:states:::lambda:invoke"),
        LambdaResource::Invoke {
            wait_for_task_token: false
        }
    );
    assert_eq!(
        LambdaResource::classify("arn:aws-cn:states:::lambda:invoke.waitForTaskToken"),
        LambdaResource::Invoke {
            wait_for_task_token: true
        }
    );
    assert_eq!(
        LambdaResource::classify("arn:aws:lambda:us-east-1:123456789012:function:f:prod"),
        LambdaResource::Direct(FunctionName {
            name: "f".into(),
            qualifier: Some("prod".into())
        })
    );
    assert_eq!(
        LambdaResource::classify("arn:aws:states:::dynamodb:putItem"),
        LambdaResource::Other
    );
    assert_eq!(
        LambdaResource::classify("arn:aws:states:us-east-1:123:activity:x"),
        LambdaResource::Other
    );
}

#[test]
fn header_case() {
    assert_eq!(aws_header_case("content-type"), "Content-Type");
    assert_eq!(aws_header_case("x-amzn-requestid"), "x-amzn-RequestId");
    assert_eq!(aws_header_case("date"), "Date");
}

#[test]
fn request_ids_look_like_uuids() {
    let a = new_request_id();
    assert_eq!(a.len(), 36);
    assert_eq!(&a[14..15], "4");
    assert_ne!(a, new_request_id());
}

#[test]
fn path_segments_are_encoded() {
    assert_eq!(encode_path_segment("my-fn_1"), "my-fn_1");
    assert_eq!(encode_path_segment("a/b c"), "a%2Fb%20c");
}
