//! `${Name}` placeholders: where a definition holds them, what they stand for, and the
//! definition as it will be once they are replaced.
//!
//! CloudFormation's `DefinitionSubstitutions` and `Fn::Sub`, and Terraform's `templatefile()`,
//! all write a placeholder as `${Name}` inside a string of the definition and replace it with
//! text. `${!Name}` is `Fn::Sub`'s escape for a literal `${Name}`; it is not a placeholder.

use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;

mod file;
pub use file::{parse_pair, parse_text, read_file, SubsError};

/// One placeholder name and every place (JSON Pointer) a definition uses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Placeholder {
    pub name: String,
    pub pointers: Vec<String>,
}

/// Where a placeholder's value comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Origin {
    /// Given by the user: `--sub`, `--subs`, the run panel.
    Given,
    /// An AWS pseudo parameter (`AWS::Region`, ...), with the value a local run uses.
    Pseudo,
    /// A template's expression (`!GetAtt ProcessFunction.Arn`, `aws_lambda_function.x.arn`),
    /// and the resource it names when the template declares it.
    Template {
        expression: String,
        resource: Option<ResourceLink>,
    },
    /// A template parameter or Terraform variable, with its default when it has one.
    Parameter { name: String },
}

/// A resource of the template a placeholder names, so the app can point at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResourceLink {
    /// The logical id (CloudFormation) or `type.name` (Terraform).
    pub id: String,
    /// `AWS::Serverless::Function`, `aws_lambda_function`, ...
    pub resource_type: String,
    /// The file that declares it and the 1-based line of the declaration.
    pub file: String,
    pub line: usize,
}

/// What a placeholder stands for: a value (`None` when nothing gives one) and its origin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Binding {
    pub value: Option<String>,
    pub origin: Origin,
}

/// Placeholder names and what they stand for, in the order they were declared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Substitutions(pub IndexMap<String, Binding>);

impl Substitutions {
    pub fn get(&self, name: &str) -> Option<&Binding> {
        self.0.get(name)
    }

    pub fn insert(&mut self, name: impl Into<String>, binding: Binding) {
        self.0.insert(name.into(), binding);
    }

    /// Values given by the user win over what a template says.
    pub fn give(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.insert(
            name,
            Binding {
                value: Some(value.into()),
                origin: Origin::Given,
            },
        );
    }

    /// `other`'s bindings replace this one's of the same name.
    pub fn overlay(&mut self, other: &Substitutions) {
        for (k, b) in &other.0 {
            self.0.insert(k.clone(), b.clone());
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn value(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .and_then(|b| b.value.as_deref())
            .or_else(|| pseudo(name))
    }
}

/// The value a local run gives an AWS pseudo parameter: the same account and region as
/// `stepwise serve` and the engine's context object.
pub fn pseudo(name: &str) -> Option<&'static str> {
    Some(match name {
        "AWS::Partition" => "aws",
        "AWS::Region" => crate::aws::REGION,
        "AWS::AccountId" => crate::aws::ACCOUNT,
        "AWS::URLSuffix" => "amazonaws.com",
        "AWS::StackName" => "stack",
        "AWS::StackId" => {
            "arn:aws:cloudformation:us-east-1:123456789012:stack/stack/00000000-0000-0000-0000-000000000000"
        }
        _ => return None,
    })
}

/// A piece of a string: literal text or a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    /// `${!Name}`: the literal text `${Name}`.
    Escaped(&'a str),
    Placeholder(&'a str),
}

/// Splits `s` into literal text and placeholders. `${` with no closing `}`, or with a name
/// that is not one, is text.
pub fn pieces(s: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = s;
    let mut text_start = 0usize;
    let mut offset = 0usize;
    while let Some(i) = rest.find("${") {
        let after = &rest[i + 2..];
        let Some(close) = after.find('}') else {
            break;
        };
        let inner = &after[..close];
        let at = offset + i;
        let piece = if let Some(lit) = inner.strip_prefix('!') {
            Some(Piece::Escaped(lit))
        } else if is_name(inner.trim()) {
            Some(Piece::Placeholder(inner.trim()))
        } else {
            None
        };
        match piece {
            Some(p) => {
                if at > text_start {
                    out.push(Piece::Text(&s[text_start..at]));
                }
                out.push(p);
                let end = at + 2 + close + 1;
                text_start = end;
                offset = end;
                rest = &s[end..];
            }
            None => {
                offset = at + 2;
                rest = &s[offset..];
            }
        }
    }
    if text_start < s.len() {
        out.push(Piece::Text(&s[text_start..]));
    }
    out
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '-'))
}

/// `s` with each placeholder replaced by what `value` gives it; a placeholder it gives
/// nothing, and an escaped `${!Name}`, stay as written.
pub fn render(s: &str, mut value: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(s.len());
    for p in pieces(s) {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Escaped(t) => {
                out.push_str("${!");
                out.push_str(t);
                out.push('}');
            }
            Piece::Placeholder(n) => match value(n) {
                Some(v) => out.push_str(&v),
                None => {
                    out.push_str("${");
                    out.push_str(n);
                    out.push('}');
                }
            },
        }
    }
    out
}

/// Calls `f` with `ptr` extended by one JSON Pointer token, then restores it.
pub(crate) fn with_token<T>(ptr: &mut String, token: &str, f: impl FnOnce(&mut String) -> T) -> T {
    let len = ptr.len();
    ptr.push('/');
    ptr.push_str(&token.replace('~', "~0").replace('/', "~1"));
    let r = f(ptr);
    ptr.truncate(len);
    r
}

/// The placeholder names in `s`, in order, repeats included.
pub fn names(s: &str) -> impl Iterator<Item = &str> {
    pieces(s).into_iter().filter_map(|p| match p {
        Piece::Placeholder(n) => Some(n),
        _ => None,
    })
}

/// Every placeholder of a definition (in string values; keys are names, not values), in
/// the order of first use.
pub fn find(definition: &Value) -> Vec<Placeholder> {
    let mut found: IndexMap<String, Vec<String>> = IndexMap::new();
    walk(definition, &mut String::new(), &mut |ptr, s| {
        for n in names(s) {
            let at = found.entry(n.to_string()).or_default();
            if at.last().map(String::as_str) != Some(ptr) {
                at.push(ptr.to_string());
            }
        }
    });
    found
        .into_iter()
        .map(|(name, pointers)| Placeholder { name, pointers })
        .collect()
}

fn walk(v: &Value, ptr: &mut String, f: &mut dyn FnMut(&str, &str)) {
    match v {
        Value::String(s) => f(ptr, s),
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                with_token(ptr, &i.to_string(), |ptr| walk(x, ptr, f));
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                with_token(ptr, k, |ptr| walk(x, ptr, f));
            }
        }
        _ => {}
    }
}

/// A definition with its placeholders replaced, and the ones nothing gave a value.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub definition: Value,
    pub unresolved: Vec<Placeholder>,
    /// Unresolved placeholders standing alone in a field that takes a number: a run needs
    /// their values.
    pub unresolved_numbers: Vec<Placeholder>,
}

/// Replaces every placeholder that has a value, as AWS replaces them in the definition's
/// text. A string that is only one placeholder in a field that takes a number (a YAML
/// `TimeoutSeconds: ${Timeout}`) becomes that number when the value is one.
pub fn apply(definition: &Value, subs: &Substitutions) -> Applied {
    let mut unresolved: IndexMap<String, Vec<String>> = IndexMap::new();
    let mut numbers: IndexMap<String, Vec<String>> = IndexMap::new();
    let mut ptr = String::new();
    let value = replace(
        definition,
        None,
        subs,
        &mut ptr,
        &mut unresolved,
        &mut numbers,
    );
    let list = |m: IndexMap<String, Vec<String>>| {
        m.into_iter()
            .map(|(name, pointers)| Placeholder { name, pointers })
            .collect()
    };
    Applied {
        definition: value,
        unresolved: list(unresolved),
        unresolved_numbers: list(numbers),
    }
}

fn replace(
    v: &Value,
    key: Option<&str>,
    subs: &Substitutions,
    ptr: &mut String,
    unresolved: &mut IndexMap<String, Vec<String>>,
    numbers: &mut IndexMap<String, Vec<String>>,
) -> Value {
    match v {
        Value::String(s) => {
            let ps = pieces(s);
            if !ps
                .iter()
                .any(|p| matches!(p, Piece::Placeholder(_) | Piece::Escaped(_)))
            {
                return v.clone();
            }
            let numeric = key.is_some_and(stepwise_asl::placeholder::is_numeric_field);
            if let [Piece::Placeholder(n)] = ps.as_slice() {
                if numeric {
                    match subs.value(n) {
                        Some(val) => {
                            if let Ok(x @ (Value::Number(_) | Value::Bool(_))) =
                                serde_json::from_str::<Value>(val.trim())
                            {
                                return x;
                            }
                        }
                        None => numbers.entry(n.to_string()).or_default().push(ptr.clone()),
                    }
                }
            }
            let mut out = String::with_capacity(s.len());
            for p in ps {
                match p {
                    Piece::Text(t) => out.push_str(t),
                    Piece::Escaped(t) => {
                        out.push_str("${");
                        out.push_str(t);
                        out.push('}');
                    }
                    Piece::Placeholder(n) => match subs.value(n) {
                        Some(val) => out.push_str(val),
                        None => {
                            let at = unresolved.entry(n.to_string()).or_default();
                            if at.last() != Some(ptr) {
                                at.push(ptr.clone());
                            }
                            out.push_str("${");
                            out.push_str(n);
                            out.push('}');
                        }
                    },
                }
            }
            Value::String(out)
        }
        Value::Array(a) => Value::Array(
            a.iter()
                .enumerate()
                .map(|(i, x)| {
                    with_token(ptr, &i.to_string(), |ptr| {
                        replace(x, None, subs, ptr, unresolved, numbers)
                    })
                })
                .collect(),
        ),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, x)| {
                    let r = with_token(ptr, k, |ptr| {
                        replace(x, Some(k), subs, ptr, unresolved, numbers)
                    });
                    (k.clone(), r)
                })
                .collect(),
        ),
        _ => v.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pieces_of_strings() {
        let cases: &[(&str, &[Piece])] = &[
            ("plain", &[Piece::Text("plain")]),
            ("${Fn}", &[Piece::Placeholder("Fn")]),
            (
                "arn:${AWS::Partition}:states:::x",
                &[
                    Piece::Text("arn:"),
                    Piece::Placeholder("AWS::Partition"),
                    Piece::Text(":states:::x"),
                ],
            ),
            ("${Fn.Arn}", &[Piece::Placeholder("Fn.Arn")]),
            ("${!Literal}", &[Piece::Escaped("Literal")]),
            ("${not a name}", &[Piece::Text("${not a name}")]),
            ("${open", &[Piece::Text("${open")]),
            ("$.a", &[Piece::Text("$.a")]),
        ];
        for (s, want) in cases {
            assert_eq!(pieces(s), *want, "{s}");
        }
    }

    #[test]
    fn finds_placeholders_with_their_pointers() {
        let d = json!({"States": {"A": {"Resource": "${Fn}", "Parameters": {"T": "${Table}", "U": "x${Table}"}}}});
        let found = find(&d);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].name, "Fn");
        assert_eq!(found[0].pointers, ["/States/A/Resource"]);
        assert_eq!(
            found[1].pointers,
            ["/States/A/Parameters/T", "/States/A/Parameters/U"]
        );
    }

    #[test]
    fn applies_values_and_reports_the_rest() {
        let d = json!({"States": {"W": {"Type": "Wait", "Seconds": "${Delay}", "Next": "T"},
            "T": {"Resource": "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Name}",
                  "TimeoutSeconds": "${Timeout}",
                  "Parameters": {"Count": "${Delay}", "Lit": "${!Keep}"}}}});
        let mut subs = Substitutions::default();
        subs.give("Delay", "30");
        let a = apply(&d, &subs);
        // A number field takes the number; a payload field keeps text, as AWS's text
        // replacement inside a JSON string gives.
        assert_eq!(a.definition["States"]["W"]["Seconds"], json!(30));
        assert_eq!(
            a.definition["States"]["T"]["Parameters"]["Count"],
            json!("30")
        );
        assert_eq!(
            a.definition["States"]["T"]["Parameters"]["Lit"],
            json!("${Keep}")
        );
        assert_eq!(
            a.definition["States"]["T"]["Resource"],
            json!("arn:aws:lambda:us-east-1:123456789012:function:${Name}")
        );
        let names: Vec<_> = a.unresolved.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Name", "Timeout"]);
        assert_eq!(a.unresolved_numbers.len(), 1);
        assert_eq!(
            a.unresolved_numbers[0].pointers,
            ["/States/T/TimeoutSeconds"]
        );
    }
}
