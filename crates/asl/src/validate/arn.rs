//! A Task's `Resource`, read as AWS reads it: a Lambda function ARN, an activity ARN, or a
//! service integration ARN. A malformed one AWS rejects with INVALID_RESOURCE ("The value of
//! a Task-state resource field is invalid", Step Functions API reference,
//! ValidateStateMachineDefinitionDiagnostic).
//!
//! Formats, from the AWS guides:
//! - Lambda (Lambda API reference, Invoke's FunctionName pattern):
//!   `arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`, NAME `[a-zA-Z0-9-_]{1,64}`,
//!   QUALIFIER `$LATEST`, a version (digits) or an alias `[a-zA-Z0-9-_]+` (not empty).
//! - Activity: `arn:PARTITION:states:REGION:ACCOUNT:activity:NAME`.
//! - Service integration (Step Functions guide, "Integrating services"):
//!   `arn:PARTITION:states:::SERVICE:ACTION[.sync|.sync:2|.waitForTaskToken]`, and for AWS SDK
//!   integrations `arn:PARTITION:states:::aws-sdk:SERVICE:ACTION[...]`.
//!
//! `${Name}` placeholders (DefinitionSubstitutions, templatefile) are read as what they
//! will be: `${AWS::Partition}` is `aws`, `${AWS::Region}` a region, `${AWS::AccountId}` an
//! account, `${AWS::URLSuffix}` `amazonaws.com`; any other placeholder makes the part of the
//! ARN it sits in unknown, and a part that is unknown is not checked. When the parts cannot
//! be lined up with a format (a placeholder may stand for several parts, or for the whole
//! ARN) nothing beyond the known prefix is checked.

use crate::placeholder;

/// Stands for an unknown placeholder in the resolved text; it cannot occur in a real ARN.
const UNKNOWN: char = '\u{0}';

/// Pseudo parameters with a value as good as any for checking the shape of an ARN.
fn pseudo_parameter(name: &str) -> Option<&'static str> {
    match name {
        "AWS::Partition" => Some("aws"),
        "AWS::Region" => Some("us-east-1"),
        "AWS::AccountId" => Some("123456789012"),
        "AWS::URLSuffix" => Some("amazonaws.com"),
        _ => None,
    }
}

fn resolve(resource: &str) -> String {
    let mut out = String::with_capacity(resource.len());
    let mut last = 0;
    for p in placeholder::placeholders(resource) {
        out.push_str(&resource[last..p.range.start]);
        match pseudo_parameter(p.name) {
            Some(v) => out.push_str(v),
            None => out.push(UNKNOWN),
        }
        last = p.range.end;
    }
    out.push_str(&resource[last..]);
    out
}

/// One `:`-separated part of the resolved ARN: `None` when a placeholder makes it unknown.
fn known(part: &str) -> Option<&str> {
    (!part.contains(UNKNOWN)).then_some(part)
}

/// What is wrong with `resource` as a Task Resource, or `None` when AWS accepts it (or
/// when what is known of it after its placeholders could be accepted).
pub(crate) fn resource_problem(resource: &str) -> Option<String> {
    let resolved = resolve(resource);
    let parts: Vec<&str> = resolved.split(':').collect();
    let any_unknown = resolved.contains(UNKNOWN);
    if parts.iter().all(|p| known(p).is_none()) {
        return None;
    }
    if known(parts[0]).is_some_and(|p| p != "arn") || (parts.len() < 6 && !any_unknown) {
        return Some(format!(
            "Resource must be an ARN (arn:partition:service:...), not {resource:?}"
        ));
    }
    if parts.len() < 3 {
        return None;
    }
    if let Some(partition) = known(parts[1]) {
        if !is_partition(partition) {
            return Some(format!(
                "{partition:?} is not an AWS partition (aws, aws-cn, aws-us-gov, ...) in Resource {resource:?}"
            ));
        }
    }
    match known(parts[2]) {
        Some("lambda") => lambda_problem(resource, &parts, any_unknown),
        Some("states") => states_problem(resource, &parts, any_unknown),
        // Other services' ARNs: AWS's guides only show the forms above, but whether
        // CreateStateMachine rejects another ARN is not documented, and published samples
        // deploy with them; keep accepting.
        _ => None,
    }
}

fn is_partition(s: &str) -> bool {
    s.strip_prefix("aws").is_some_and(|rest| {
        rest.is_empty()
            || (rest.starts_with('-')
                && rest[1..]
                    .split('-')
                    .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())))
    })
}

/// `us-east-1`, `us-gov-west-1`, `cn-north-1`, `eu-isoe-west-1`: letters, dashes, a number.
fn is_region(s: &str) -> bool {
    let words: Vec<&str> = s.split('-').collect();
    words.len() >= 3
        && words[..words.len() - 1]
            .iter()
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
        && words[words.len() - 1].bytes().all(|b| b.is_ascii_digit())
        && !words[words.len() - 1].is_empty()
}

fn is_account(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_name_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

fn region_and_account(resource: &str, parts: &[&str]) -> Option<String> {
    if let Some(region) = known(parts[3]) {
        if !is_region(region) {
            return Some(format!(
                "{region:?} is not an AWS region (like us-east-1) in Resource {resource:?}"
            ));
        }
    }
    if let Some(account) = known(parts[4]) {
        if !is_account(account) {
            return Some(format!(
                "{account:?} is not an AWS account id (12 digits) in Resource {resource:?}"
            ));
        }
    }
    None
}

fn lambda_problem(resource: &str, parts: &[&str], any_unknown: bool) -> Option<String> {
    if !(7..=8).contains(&parts.len()) {
        return (!any_unknown).then(|| format!(
            "a Lambda function ARN is arn:aws:lambda:REGION:ACCOUNT:function:NAME with an optional :VERSION or :ALIAS; {resource:?} has {} parts",
            parts.len()
        ));
    }
    if let Some(p) = region_and_account(resource, parts) {
        return Some(p);
    }
    if let Some(kind) = known(parts[5]) {
        if kind != "function" {
            return Some(format!(
                "a Lambda ARN in Resource names a function (…:function:NAME), not {kind:?}: {resource:?}"
            ));
        }
    }
    if let Some(name) = known(parts[6]) {
        if name.is_empty() || name.len() > 64 || !name.bytes().all(is_name_char) {
            return Some(format!(
                "{name:?} is not a Lambda function name (1 to 64 letters, digits, - and _) in Resource {resource:?}"
            ));
        }
    }
    if let Some(qualifier) = parts.get(7).and_then(|q| known(q)) {
        let ok = qualifier == "$LATEST"
            || (!qualifier.is_empty()
                && qualifier.len() <= 128
                && qualifier.bytes().all(is_name_char));
        if !ok {
            return Some(format!(
                "{qualifier:?} is not a Lambda version or alias ($LATEST, a version number, or an alias of letters, digits, - and _) in Resource {resource:?}"
            ));
        }
    }
    None
}

fn states_problem(resource: &str, parts: &[&str], any_unknown: bool) -> Option<String> {
    if parts.len() == 7 && known(parts[5]) == Some("activity") {
        if let Some(p) = region_and_account(resource, parts) {
            return Some(p);
        }
        return match known(parts[6]) {
            Some(name)
                if name.is_empty()
                    || name.chars().count() > 80
                    || name.chars().any(|c| c.is_whitespace() || c.is_control()) =>
            {
                Some(format!(
                    "{name:?} is not an activity name (1 to 80 characters, no spaces) in Resource {resource:?}"
                ))
            }
            _ => None,
        };
    }
    let sdk = known(parts.get(5).copied().unwrap_or_default()) == Some("aws-sdk");
    // aws-sdk:SERVICE:ACTION has one part more; `.sync:2` adds one more.
    let action_at = if sdk { 7 } else { 6 };
    let fits = parts.len() == action_at + 1
        || (parts.len() == action_at + 2
            && known(parts[action_at]).is_none_or(|a| a.ends_with(".sync"))
            && known(parts[action_at + 1]).is_none_or(|v| v == "2"));
    if !fits {
        return (!any_unknown).then(|| format!(
            "a Step Functions ARN in Resource is an activity (arn:aws:states:REGION:ACCOUNT:activity:NAME) or a service integration (arn:aws:states:::SERVICE:ACTION, arn:aws:states:::aws-sdk:SERVICE:ACTION), with an optional .sync, .sync:2 or .waitForTaskToken; not {resource:?}"
        ));
    }
    let service_ok = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    for &i in if sdk { &[5usize, 6][..] } else { &[5usize][..] } {
        if let Some(service) = known(parts[i]) {
            if !service_ok(service) {
                return Some(format!(
                    "{service:?} is not a service name (lowercase letters, digits and -) in Resource {resource:?}"
                ));
            }
        }
    }
    if let Some(action) = known(parts[action_at]) {
        let base = action
            .strip_suffix(".sync")
            .or_else(|| action.strip_suffix(".waitForTaskToken"))
            .unwrap_or(action);
        let ok = base.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && base.bytes().all(|b| b.is_ascii_alphanumeric());
        if !ok {
            return Some(format!(
                "{action:?} is not a service action (like putItem, startExecution.sync or sendMessage.waitForTaskToken) in Resource {resource:?}"
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::resource_problem;

    /// Resources AWS accepts (its guides' examples) and the forms the CloudFormation and
    /// Terraform samples write with placeholders.
    #[test]
    fn accepted() {
        for r in [
            "arn:aws:lambda:us-east-1:123456789012:function:Fn",
            "arn:aws:lambda:us-east-1:123456789012:function:my-fn_2:$LATEST",
            "arn:aws:lambda:us-east-1:123456789012:function:Fn:12",
            "arn:aws:lambda:us-east-1:123456789012:function:Fn:prod-alias",
            "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:Fn",
            "arn:aws-cn:lambda:cn-north-1:123456789012:function:Fn",
            "arn:aws:states:us-east-1:123456789012:activity:Review.Step-1",
            "arn:aws:states:::lambda:invoke",
            "arn:aws:states:::lambda:invoke.waitForTaskToken",
            "arn:aws:states:::batch:submitJob.sync",
            "arn:aws:states:::states:startExecution.sync:2",
            "arn:aws:states:::emr-containers:startJobRun.sync",
            "arn:aws:states:::aws-sdk:s3:listObjectsV2",
            "arn:aws:states:::aws-sdk:sfn:startExecution.waitForTaskToken",
            "${ProcessFunctionArn}",
            "${ActivityArn}",
            "arn:${partition}:states:::batch:submitJob.sync",
            "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}",
            "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${Prefix}-process:live",
            "arn:aws:lambda:${RegionAndAccount}:function:Fn",
            "${FnArn}:$LATEST",
            "arn:aws:sqs:us-east-1:123456789012:Queue",
        ] {
            assert_eq!(resource_problem(r), None, "{r}");
        }
    }

    #[test]
    fn rejected() {
        for r in [
            "not-an-arn",
            "arn:aws:lambda",
            "arn:aws:lambda:us-east-1:123456789012:function:Fn:",
            "arn:aws:lambda:us-east-1:123456789012:function:Fn:bad$alias",
            "arn:aws:lambda:us-east-1:123456789012:function:bad name",
            "arn:aws:lambda:us-east-1:123456789012:function:Fn:1:2",
            "arn:aws:lambda:us-east-1:123456789012:layer:Fn",
            "arn:aws:lambda:us-east-1:1234:function:Fn",
            "arn:aws:lambda:useast:123456789012:function:Fn",
            "arn:amazon:lambda:us-east-1:123456789012:function:Fn",
            "arn:aws:states:::lambda",
            "arn:aws:states:::lambda:invoke.later",
            "arn:aws:states:::batch:submitJob.waitForTaskToken:2",
            "arn:aws:states:::Lambda:invoke",
            "arn:aws:states:::aws-sdk:s3",
            "arn:aws:states:us-east-1:123456789012:activity:has space",
            "arn:${AWS::Partition}:states:::batch:submit-job.sync",
            "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:Fn:",
        ] {
            assert!(resource_problem(r).is_some(), "{r}");
        }
    }
}
