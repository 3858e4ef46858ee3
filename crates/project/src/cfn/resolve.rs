//! What a template's expression stands for in a local run: `!GetAtt ProcessFunction.Arn`
//! is that function's ARN, shaped as AWS shapes it (`arn:aws:lambda:us-east-1:123456789012:
//! function:ProcessFunction`), `!Ref Queue` the queue's URL, a parameter its default. The
//! account and region are those of a local run ([`crate::subst::pseudo`]).

use crate::aws::{arn, queue_url, ACCOUNT};
use crate::subst::{pseudo, Binding, Origin, ResourceLink};
use serde_json::{Map, Value};

/// The template as the resolver needs it.
pub struct Scope<'a> {
    pub resources: &'a Map<String, Value>,
    pub parameters: &'a Map<String, Value>,
    /// The template's file (for [`ResourceLink`]) and its text (for lines).
    pub file: &'a str,
    pub line_of: &'a dyn Fn(&str) -> usize,
}

impl Scope<'_> {
    /// What `expr` (a DefinitionSubstitutions value, an intrinsic inside a Definition)
    /// stands for.
    pub fn binding(&self, expr: &Value) -> Binding {
        let resource = self.named_resource(expr);
        let value = self.value(expr, 0);
        let origin = match expr {
            Value::Object(m) if m.contains_key("Ref") && resource.is_none() => {
                match m.get("Ref").and_then(Value::as_str) {
                    Some(p) if pseudo(p).is_some() => Origin::Pseudo,
                    Some(p) if self.parameters.contains_key(p) => Origin::Parameter {
                        name: p.to_string(),
                    },
                    _ => Origin::Template {
                        expression: show(expr),
                        resource: None,
                    },
                }
            }
            Value::String(_) | Value::Number(_) | Value::Bool(_) => Origin::Template {
                expression: show(expr),
                resource: None,
            },
            _ => Origin::Template {
                expression: show(expr),
                resource,
            },
        };
        Binding { value, origin }
    }

    fn named_resource(&self, expr: &Value) -> Option<ResourceLink> {
        let m = expr.as_object()?;
        let id = match (m.get("Ref"), m.get("Fn::GetAtt")) {
            (Some(Value::String(id)), _) => id.as_str(),
            (_, Some(Value::Array(a))) => a.first()?.as_str()?,
            _ => return None,
        };
        let r = self.resources.get(id)?;
        Some(ResourceLink {
            id: id.to_string(),
            resource_type: r.get("Type")?.as_str()?.to_string(),
            file: self.file.to_string(),
            line: (self.line_of)(id),
        })
    }

    /// The text an expression gives, or `None` when it cannot be known here
    /// (`Fn::ImportValue`, a parameter without a default, a condition).
    pub fn value(&self, expr: &Value, depth: usize) -> Option<String> {
        if depth > 16 {
            return None;
        }
        match expr {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Object(m) if m.len() == 1 => {
                let (k, arg) = m.iter().next()?;
                match k.as_str() {
                    "Ref" => self.reference(arg.as_str()?, depth),
                    "Fn::GetAtt" => {
                        let (id, attr) = match arg {
                            Value::Array(a) => (a.first()?.as_str()?, a.get(1)?.as_str()?),
                            Value::String(s) => s.split_once('.')?,
                            _ => return None,
                        };
                        self.attribute(id, attr, depth)
                    }
                    "Fn::Sub" => {
                        let (text, vars) = match arg {
                            Value::String(s) => (s.as_str(), None),
                            Value::Array(a) => (a.first()?.as_str()?, a.get(1)?.as_object()),
                            _ => return None,
                        };
                        self.sub(text, vars, depth)
                    }
                    "Fn::Join" => {
                        let a = arg.as_array()?;
                        let sep = a.first()?.as_str()?;
                        let parts = a.get(1)?.as_array()?;
                        let parts: Option<Vec<String>> =
                            parts.iter().map(|p| self.value(p, depth + 1)).collect();
                        Some(parts?.join(sep))
                    }
                    "Fn::Select" => {
                        let a = arg.as_array()?;
                        let i = match a.first()? {
                            Value::Number(n) => n.as_u64()?,
                            Value::String(s) => s.parse().ok()?,
                            _ => return None,
                        };
                        let list = a.get(1)?.as_array()?;
                        self.value(list.get(usize::try_from(i).ok()?)?, depth + 1)
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// `Fn::Sub`'s text with its `${...}` replaced; a name nothing resolves stays a
    /// placeholder (a later substitution or the user may give it).
    pub fn sub(
        &self,
        text: &str,
        vars: Option<&Map<String, Value>>,
        depth: usize,
    ) -> Option<String> {
        Some(crate::subst::render(text, |n| {
            match vars.and_then(|v| v.get(n)) {
                Some(e) => self.value(e, depth + 1),
                None => match n.split_once('.') {
                    Some((id, attr)) => self.attribute(id, attr, depth),
                    None => self.reference(n, depth),
                },
            }
        }))
    }

    fn reference(&self, id: &str, depth: usize) -> Option<String> {
        if let Some(p) = pseudo(id) {
            return Some(p.to_string());
        }
        if let Some(p) = self.parameters.get(id) {
            return p.get("Default").and_then(|d| self.value(d, depth + 1));
        }
        let r = self.resources.get(id)?;
        let ty = r.get("Type")?.as_str()?;
        let name = self.name_of(id, r, ty, depth);
        let (service, kind) = service_of(ty);
        Some(match ty {
            "AWS::SNS::Topic" => arn("sns", &name),
            "AWS::SQS::Queue" => queue_url(&name),
            "AWS::StepFunctions::Activity" => arn("states", &format!("activity:{name}")),
            "AWS::StepFunctions::StateMachine" | "AWS::Serverless::StateMachine" => {
                arn("states", &format!("stateMachine:{name}"))
            }
            "AWS::ECS::TaskDefinition" => arn("ecs", &format!("task-definition/{name}:1")),
            "AWS::Batch::JobQueue" => arn("batch", &format!("job-queue/{name}")),
            "AWS::Batch::JobDefinition" => arn("batch", &format!("job-definition/{name}:1")),
            "AWS::SecretsManager::Secret" => {
                arn("secretsmanager", &format!("secret:{name}-AbCdEf"))
            }
            "AWS::Lambda::Version" => format!("{}:1", arn("lambda", &format!("function:{name}"))),
            _ if service == "lambda" && kind == "function" => name,
            _ => name,
        })
    }

    fn attribute(&self, id: &str, attr: &str, depth: usize) -> Option<String> {
        let r = self.resources.get(id)?;
        let ty = r.get("Type")?.as_str()?;
        let name = self.name_of(id, r, ty, depth);
        let (service, kind) = service_of(ty);
        Some(match (ty, attr) {
            (_, "Arn") => match ty {
                "AWS::Lambda::Function" | "AWS::Serverless::Function" => {
                    arn("lambda", &format!("function:{name}"))
                }
                "AWS::SNS::Topic" | "AWS::SQS::Queue" => arn(&service, &name),
                "AWS::DynamoDB::Table" | "AWS::Serverless::SimpleTable" => {
                    arn("dynamodb", &format!("table/{name}"))
                }
                "AWS::S3::Bucket" => format!("arn:aws:s3:::{name}"),
                "AWS::IAM::Role" => format!("arn:aws:iam::{ACCOUNT}:role/{name}"),
                "AWS::Events::EventBus" => arn("events", &format!("event-bus/{name}")),
                "AWS::StepFunctions::StateMachine" | "AWS::Serverless::StateMachine" => {
                    arn("states", &format!("stateMachine:{name}"))
                }
                "AWS::StepFunctions::Activity" => arn("states", &format!("activity:{name}")),
                "AWS::ECS::Cluster" => arn("ecs", &format!("cluster/{name}")),
                _ => arn(&service, &format!("{kind}/{name}")),
            },
            ("AWS::SQS::Queue", "QueueUrl") => queue_url(&name),
            ("AWS::SNS::Topic", "TopicArn") => arn("sns", &name),
            ("AWS::DynamoDB::Table", "StreamArn") => arn(
                "dynamodb",
                &format!("table/{name}/stream/1970-01-01T00:00:00.000"),
            ),
            ("AWS::S3::Bucket", "DomainName") => format!("{name}.s3.amazonaws.com"),
            _ => name,
        })
    }

    /// The physical name a resource would get: its name property when the template gives
    /// one, else its logical id (lower case where AWS requires it).
    fn name_of(&self, id: &str, r: &Value, ty: &str, depth: usize) -> String {
        const NAME_PROPS: &[&str] = &[
            "FunctionName",
            "TopicName",
            "QueueName",
            "TableName",
            "BucketName",
            "StateMachineName",
            "RoleName",
            "ClusterName",
            "JobQueueName",
            "JobDefinitionName",
            "Name",
        ];
        let props = r.get("Properties").and_then(Value::as_object);
        let given = props.and_then(|p| {
            NAME_PROPS
                .iter()
                .find_map(|k| p.get(*k))
                .and_then(|v| self.value(v, depth + 1))
        });
        match given {
            Some(n) if !n.contains("${") => n,
            _ if ty == "AWS::S3::Bucket" => id.to_ascii_lowercase(),
            _ => id.to_string(),
        }
    }
}

/// `AWS::Lambda::Function` → (`lambda`, `function`).
fn service_of(ty: &str) -> (String, String) {
    let mut parts = ty.split("::").skip(1);
    let service = parts.next().unwrap_or("unknown").to_ascii_lowercase();
    let kind = parts.next().unwrap_or("resource").to_ascii_lowercase();
    match service.as_str() {
        "serverless" => match kind.as_str() {
            "function" => ("lambda".into(), "function".into()),
            "simpletable" => ("dynamodb".into(), "table".into()),
            "statemachine" => ("states".into(), "stateMachine".into()),
            "api" | "httpapi" => ("execute-api".into(), "api".into()),
            _ => (service, kind),
        },
        "stepfunctions" => ("states".into(), kind),
        _ => (service, kind),
    }
}

/// An expression as a person writes it in a YAML template: `!GetAtt Fn.Arn`, `!Ref X`.
pub fn show(expr: &Value) -> String {
    match expr {
        Value::String(s) => s.clone(),
        Value::Object(m) if m.len() == 1 => {
            let Some((k, arg)) = m.iter().next() else {
                return String::new();
            };
            match (k.as_str(), arg) {
                ("Ref", Value::String(s)) => format!("!Ref {s}"),
                ("Fn::GetAtt", Value::Array(a)) => format!(
                    "!GetAtt {}",
                    a.iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(".")
                ),
                ("Fn::Sub", Value::String(s)) => format!("!Sub {s}"),
                (k, arg) => format!(
                    "!{} {}",
                    k.strip_prefix("Fn::").unwrap_or(k),
                    serde_json::to_string(arg).unwrap_or_default()
                ),
            }
        }
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn expressions_take_the_shape_aws_gives_them() {
        let t = json!({
            "Fn": {"Type": "AWS::Serverless::Function"},
            "Named": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": {"Fn::Sub": "${AWS::StackName}-named"}}},
            "Q": {"Type": "AWS::SQS::Queue"},
            "T": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "alerts"}},
            "Tab": {"Type": "AWS::DynamoDB::Table"},
            "Act": {"Type": "AWS::StepFunctions::Activity", "Properties": {"Name": "act"}},
            "B": {"Type": "AWS::S3::Bucket"}
        });
        let params =
            json!({"Env": {"Type": "String", "Default": "dev"}, "NoDefault": {"Type": "String"}});
        let line_of = |_: &str| 3;
        let s = Scope {
            resources: t.as_object().unwrap(),
            parameters: params.as_object().unwrap(),
            file: "template.yaml",
            line_of: &line_of,
        };
        let cases = [
            (
                json!({"Fn::GetAtt": ["Fn", "Arn"]}),
                Some("arn:aws:lambda:us-east-1:123456789012:function:Fn"),
            ),
            (
                json!({"Fn::GetAtt": ["Named", "Arn"]}),
                Some("arn:aws:lambda:us-east-1:123456789012:function:stack-named"),
            ),
            (
                json!({"Ref": "Q"}),
                Some("https://sqs.us-east-1.amazonaws.com/123456789012/Q"),
            ),
            (
                json!({"Fn::GetAtt": ["Q", "Arn"]}),
                Some("arn:aws:sqs:us-east-1:123456789012:Q"),
            ),
            (
                json!({"Ref": "T"}),
                Some("arn:aws:sns:us-east-1:123456789012:alerts"),
            ),
            (json!({"Ref": "Tab"}), Some("Tab")),
            (
                json!({"Fn::GetAtt": ["Tab", "Arn"]}),
                Some("arn:aws:dynamodb:us-east-1:123456789012:table/Tab"),
            ),
            (
                json!({"Ref": "Act"}),
                Some("arn:aws:states:us-east-1:123456789012:activity:act"),
            ),
            (json!({"Ref": "B"}), Some("b")),
            (json!({"Ref": "Env"}), Some("dev")),
            (json!({"Ref": "NoDefault"}), None),
            (json!({"Ref": "AWS::Region"}), Some("us-east-1")),
            (
                json!({"Fn::Sub": "arn:${AWS::Partition}:s3:::${B}/*"}),
                Some("arn:aws:s3:::b/*"),
            ),
            (
                json!({"Fn::Sub": ["${X}-${Env}", {"X": {"Ref": "Tab"}}]}),
                Some("Tab-dev"),
            ),
            (
                json!({"Fn::Join": ["-", ["a", {"Ref": "Env"}]]}),
                Some("a-dev"),
            ),
            (json!({"Fn::ImportValue": "Shared"}), None),
        ];
        for (expr, want) in cases {
            assert_eq!(s.value(&expr, 0).as_deref(), want, "{expr}");
        }
        let b = s.binding(&json!({"Fn::GetAtt": ["Fn", "Arn"]}));
        match b.origin {
            Origin::Template {
                expression,
                resource: Some(r),
            } => {
                assert_eq!(expression, "!GetAtt Fn.Arn");
                assert_eq!(r.resource_type, "AWS::Serverless::Function");
                assert_eq!(r.line, 3);
            }
            other => panic!("{other:?}"),
        }
    }
}
