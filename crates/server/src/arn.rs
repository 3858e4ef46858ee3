//! Step Functions ARNs and names, checked as AWS checks them.

use crate::protocol::AwsError;

/// Where the server says it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub partition: String,
    pub region: String,
    pub account: String,
}

impl Place {
    pub fn new(region: &str, account: &str) -> Self {
        Place {
            partition: "aws".into(),
            region: region.into(),
            account: account.into(),
        }
    }

    fn prefix(&self) -> String {
        format!(
            "arn:{}:states:{}:{}",
            self.partition, self.region, self.account
        )
    }

    pub fn state_machine(&self, name: &str) -> String {
        format!("{}:stateMachine:{name}", self.prefix())
    }

    pub fn execution(&self, machine: &str, name: &str) -> String {
        format!("{}:execution:{machine}:{name}", self.prefix())
    }

    pub fn express_execution(&self, machine: &str, name: &str, id: &str) -> String {
        format!("{}:express:{machine}:{name}:{id}", self.prefix())
    }

    pub fn activity(&self, name: &str) -> String {
        format!("{}:activity:{name}", self.prefix())
    }
}

/// A state machine ARN, with the `#TestCase` suffix Step Functions Local reads to pick a
/// mock-config test case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MachineRef {
    pub arn: String,
    pub test_case: Option<String>,
}

/// Splits `arn:...:stateMachine:Name#Case` and checks it is a state machine ARN.
pub fn machine_ref(text: &str) -> Result<MachineRef, AwsError> {
    let (arn, case) = match text.split_once('#') {
        Some((a, c)) => (a, Some(c.to_string())),
        None => (text, None),
    };
    if resource_type(arn) != Some("stateMachine") {
        return Err(AwsError::invalid_arn(
            text,
            "Resource type not valid in this context",
        ));
    }
    // A version or alias qualifier (`:Name:1`, `:Name:prod`) is not kept: one revision.
    let parts: Vec<&str> = arn.split(':').collect();
    let arn = parts[..7.min(parts.len())].join(":");
    Ok(MachineRef {
        arn,
        test_case: case.filter(|c| !c.is_empty()),
    })
}

/// `stateMachine`, `execution`, `express`, `activity`... of a well-formed Step Functions ARN.
pub fn resource_type(arn: &str) -> Option<&str> {
    let parts: Vec<&str> = arn.split(':').collect();
    if parts.len() < 7 || parts[0] != "arn" || parts[2] != "states" || parts[6].is_empty() {
        return None;
    }
    Some(parts[5])
}

pub fn check_arn(arn: &str, kinds: &[&str]) -> Result<(), AwsError> {
    match resource_type(arn) {
        Some(k) if kinds.contains(&k) => Ok(()),
        _ => Err(AwsError::invalid_arn(
            arn,
            "Resource type not valid in this context",
        )),
    }
}

/// The state machine name in an execution ARN.
pub fn machine_of_execution(arn: &str) -> Option<&str> {
    arn.split(':').nth(6)
}

/// A state machine, execution or activity name as AWS accepts it: 1–80 characters, none of
/// whitespace, `< > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : /` or control characters.
pub fn check_name(name: &str) -> Result<(), AwsError> {
    const BAD: &str = "<>{}[]?*\"#%\\^|~`$&,;:/";
    let len = name.chars().count();
    if len == 0 || len > 80 {
        return Err(AwsError::new(
            "InvalidName",
            format!("Invalid Name: '{name}'"),
        ));
    }
    if name
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || BAD.contains(c))
    {
        return Err(AwsError::new(
            "InvalidName",
            format!("Invalid Name: '{name}'"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_arns_with_test_cases() {
        let r = machine_ref("arn:aws:states:us-east-1:123456789012:stateMachine:Flow#HappyPath")
            .expect("valid");
        assert_eq!(
            r.arn,
            "arn:aws:states:us-east-1:123456789012:stateMachine:Flow"
        );
        assert_eq!(r.test_case.as_deref(), Some("HappyPath"));
        for bad in [
            "Flow",
            "arn:aws:states:us-east-1:123456789012:activity:A",
            "arn:aws:lambda:x:y:function:f",
        ] {
            let e = machine_ref(bad).expect_err(bad);
            assert_eq!(e.kind, "InvalidArn", "{bad}");
        }
    }

    #[test]
    fn names_as_aws_checks_them() {
        for ok in ["a", "Order-Flow_2", &"x".repeat(80)] {
            assert!(check_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", "has space", "a#b", "a/b", &"x".repeat(81)] {
            assert_eq!(check_name(bad).expect_err(bad).kind, "InvalidName", "{bad}");
        }
    }
}
