//! Reading a CloudFormation or SAM template, YAML (with the short tags) or JSON, into one
//! JSON value in which every intrinsic function has its long form (`!GetAtt A.Arn` is
//! `{"Fn::GetAtt": ["A", "Arn"]}`, `!Ref X` is `{"Ref": "X"}`).

use crate::ProjectError;
use serde_json::{Map, Value};
use std::path::Path;
use stepwise_asl::SourceFormat;

/// A template's text and what it holds.
#[derive(Debug, Clone)]
pub struct Template {
    pub text: String,
    pub format: SourceFormat,
    /// Intrinsics in their long form.
    pub value: Value,
    /// As the format-preserving writer reads the text back: a YAML tag is a one-key object
    /// `{"!Sub": ...}` (JSON templates: the same as `value`).
    pub raw: Value,
}

impl Template {
    pub fn read(path: &Path) -> Result<Self, ProjectError> {
        let text = std::fs::read_to_string(path).map_err(|e| ProjectError::io(path, e))?;
        Self::parse(text, path)
    }

    pub fn parse(text: String, path: &Path) -> Result<Self, ProjectError> {
        let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let json = body.trim_start().starts_with('{');
        let raw: Value = if json {
            serde_json::from_str(body).map_err(|e| ProjectError::Syntax {
                file: path.display().to_string(),
                line: e.line(),
                message: e.to_string(),
            })?
        } else {
            read_yaml(body).map_err(|(line, message)| ProjectError::Syntax {
                file: path.display().to_string(),
                line,
                message,
            })?
        };
        let value = long_form(&raw);
        Ok(Template {
            text,
            format: if json {
                SourceFormat::Json
            } else {
                SourceFormat::Yaml
            },
            value,
            raw,
        })
    }

    /// The 1-based line where resource `id` is declared (0 when it cannot be told).
    pub fn line_of(&self, id: &str) -> usize {
        let yaml_key = format!("{id}:");
        let json_key = format!("\"{id}\"");
        let mut in_resources = false;
        for (i, line) in self.text.lines().enumerate() {
            let t = line.trim_start();
            if self.format == SourceFormat::Yaml {
                if !line.starts_with(' ') && !line.starts_with('\t') && !t.is_empty() {
                    in_resources = t.starts_with("Resources:");
                    continue;
                }
                if in_resources
                    && (t.starts_with(&yaml_key)
                        || t.starts_with(&format!("'{id}':"))
                        || t.starts_with(&format!("\"{id}\":")))
                {
                    return i + 1;
                }
            } else if t.starts_with(&json_key) && t[json_key.len()..].trim_start().starts_with(':')
            {
                return i + 1;
            }
        }
        0
    }
}

/// Parses YAML with tags. CloudFormation also accepts a tag on a tagged value on one line
/// (`!GetAZs !Ref AWS::Region`), which YAML itself does not: such a line is read as the
/// one-key object a tag becomes anyway.
fn read_yaml(text: &str) -> Result<Value, (usize, String)> {
    let parse = |t: &str| {
        serde_yaml_ng::from_str::<serde_yaml_ng::Value>(t)
            .map_err(|e| (e.location().map_or(0, |l| l.line()), e.to_string()))
            .and_then(|v| serde_json::to_value(v).map_err(|e| (0, e.to_string())))
    };
    let first = match parse(text) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    let mut fixed = nest_double_tags(text);
    // CloudFormation deploys templates with a key given twice in one mapping (cfn-lint
    // reports it, E0000); YAML forbids it. The later entry is dropped and the first kept.
    for _ in 0..64 {
        match serde_yaml_ng::from_str::<serde_yaml_ng::Value>(&fixed) {
            Ok(_) => return parse(&fixed).map_err(|_| first),
            Err(e) if e.to_string().contains("duplicate entry") => {
                let Some(loc) = e.location() else {
                    return Err(first);
                };
                match drop_entry(&fixed, loc.line(), loc.column()) {
                    Some(f) => fixed = f,
                    None => return Err(first),
                }
            }
            Err(_) => return Err(first),
        }
    }
    Err(first)
}

/// Removes the mapping entry starting at 1-based `line`, `column`: its line and the more
/// indented lines after it.
fn drop_entry(text: &str, line: usize, column: usize) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let start = line.checked_sub(1)?;
    let indent = column.saturating_sub(1);
    let first = lines.get(start)?;
    if first.len() - first.trim_start().len() != indent {
        return None;
    }
    let mut end = start + 1;
    while let Some(l) = lines.get(end) {
        let t = l.trim();
        if !t.is_empty() && l.len() - l.trim_start().len() <= indent {
            break;
        }
        end += 1;
    }
    Some([&lines[..start], &lines[end..]].concat().concat())
}

fn nest_double_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        out.push_str(&nest_line(line).unwrap_or_else(|| line.to_string()));
    }
    out
}

/// `!A !B x` → `!A {"!B": "x"}`.
fn nest_line(line: &str) -> Option<String> {
    let first = line.find('!')?;
    let after_first = &line[first..];
    let end1 = after_first.find(char::is_whitespace)?;
    let rest = after_first[end1..].trim_start();
    if !rest.starts_with('!') {
        return None;
    }
    let end2 = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let tag2 = &rest[..end2];
    let arg = rest[end2..].trim();
    let arg = if arg.starts_with(['[', '{', '"', '\'']) {
        arg.to_string()
    } else {
        serde_json::to_string(arg).ok()?
    };
    Some(format!(
        "{}{} {{\"{}\": {}}}\n",
        &line[..first],
        &after_first[..end1],
        tag2,
        arg
    ))
}

/// Turns `{"!Tag": v}` objects (what a YAML tag becomes) into the intrinsics' long form.
pub fn long_form(v: &Value) -> Value {
    match v {
        Value::Array(a) => Value::Array(a.iter().map(long_form).collect()),
        Value::Object(m) => {
            if let Some((k, inner)) = single_tag(m) {
                let inner = long_form(inner);
                let (key, arg) = match k {
                    "Ref" => ("Ref".to_string(), inner),
                    "Condition" => ("Condition".to_string(), inner),
                    "GetAtt" => (
                        "Fn::GetAtt".to_string(),
                        match inner {
                            Value::String(s) => match s.split_once('.') {
                                Some((a, b)) => Value::Array(vec![a.into(), b.into()]),
                                None => Value::Array(vec![s.into()]),
                            },
                            other => other,
                        },
                    ),
                    other => (format!("Fn::{other}"), inner),
                };
                let mut out = Map::new();
                out.insert(key, arg);
                return Value::Object(out);
            }
            Value::Object(m.iter().map(|(k, x)| (k.clone(), long_form(x))).collect())
        }
        other => other.clone(),
    }
}

fn single_tag(m: &Map<String, Value>) -> Option<(&str, &Value)> {
    if m.len() != 1 {
        return None;
    }
    let (k, v) = m.iter().next()?;
    k.strip_prefix('!')
        .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric()))
        .map(|t| (t, v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn short_tags_take_their_long_form() {
        let t = Template::parse(
            "Resources:\n  A:\n    Type: X\n    Properties:\n      R: !GetAtt Fn.Arn\n      L: !GetAtt [Fn, Arn]\n      S: !Sub [ 'a${B}', {B: !Ref C} ]\n      Z: !Select\n        - 0\n        - !GetAZs !Ref AWS::Region\n"
                .into(),
            Path::new("t.yaml"),
        )
        .unwrap();
        let p = &t.value["Resources"]["A"]["Properties"];
        assert_eq!(p["R"], json!({"Fn::GetAtt": ["Fn", "Arn"]}));
        assert_eq!(p["L"], json!({"Fn::GetAtt": ["Fn", "Arn"]}));
        assert_eq!(p["S"], json!({"Fn::Sub": ["a${B}", {"B": {"Ref": "C"}}]}));
        assert_eq!(
            p["Z"],
            json!({"Fn::Select": [0, {"Fn::GetAZs": {"Ref": "AWS::Region"}}]})
        );
        assert_eq!(t.line_of("A"), 2);
    }
}
