//! Placeholder values as a user gives them: `--sub NAME=VALUE`, and a file (`--subs`) that
//! is a JSON or YAML object or `NAME=VALUE` lines.

use super::{is_name, Substitutions};
use serde_json::Value;
use std::path::Path;
use thiserror::Error;

/// Why `--sub` or `--subs` could not be read.
#[derive(Debug, Error)]
pub enum SubsError {
    #[error("--sub {0:?}: expected NAME=VALUE")]
    NotPair(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "{path}: expected a JSON or YAML object of names to values, or NAME=VALUE lines ({detail})"
    )]
    Shape { path: String, detail: String },
    #[error("{path}{pointer}: a substitution's value must be a string, number or boolean")]
    Value { path: String, pointer: String },
}

/// Reads `NAME=VALUE` as the command line's `--sub` gives it.
pub fn parse_pair(s: &str) -> Result<(String, String), SubsError> {
    match s.split_once('=') {
        Some((k, v)) if is_name(k.trim()) => Ok((k.trim().to_string(), v.to_string())),
        _ => Err(SubsError::NotPair(s.to_string())),
    }
}

/// Reads a substitutions file: a JSON or YAML object (`{"ProcessFunctionArn": "arn:..."}`)
/// or `NAME=VALUE` lines (a `.env` file; `#` starts a comment line).
pub fn read_file(path: &Path) -> Result<Substitutions, SubsError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| SubsError::Io {
        path: shown.clone(),
        source,
    })?;
    parse_text(&text, &shown)
}

/// [`read_file`] on text already read; `path` names it in errors.
pub fn parse_text(text: &str, path: &str) -> Result<Substitutions, SubsError> {
    let mut subs = Substitutions::default();
    // `NAME=VALUE` lines first: a value ending in `:` would read as a YAML mapping key.
    let dotenv = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .all(|l| parse_pair(l.strip_prefix("export ").unwrap_or(l)).is_ok());
    let structured = (!dotenv)
        .then(|| serde_yaml_ng::from_str::<serde_yaml_ng::Value>(text).ok())
        .flatten()
        .and_then(|v| serde_json::to_value(v).ok());
    if let Some(Value::Object(m)) = structured {
        for (k, v) in m {
            let value = match v {
                Value::String(s) => s,
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                _ => {
                    return Err(SubsError::Value {
                        path: path.to_string(),
                        pointer: format!("/{}", k.replace('~', "~0").replace('/', "~1")),
                    })
                }
            };
            subs.give(k, value);
        }
        return Ok(subs);
    }
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line);
        let (k, v) = parse_pair(line).map_err(|_| SubsError::Shape {
            path: path.to_string(),
            detail: format!("line {} is {line:?}", i + 1),
        })?;
        let v = v.trim();
        let v = v
            .strip_prefix('"')
            .and_then(|x| x.strip_suffix('"'))
            .or_else(|| v.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')))
            .unwrap_or(v);
        subs.give(k, v);
    }
    Ok(subs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_substitution_files() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                r#"{"A": "x", "N": 3, "B": true}"#,
                &[("A", "x"), ("N", "3"), ("B", "true")],
            ),
            ("A: x\nN: 3\n", &[("A", "x"), ("N", "3")]),
            (
                "# comment\nA=x\nexport B=\"y z\"\n\nC='arn:aws:s3:::b'\n",
                &[("A", "x"), ("B", "y z"), ("C", "arn:aws:s3:::b")],
            ),
            (
                "Fn=arn:aws:lambda:us-east-1:1:function:f:\n",
                &[("Fn", "arn:aws:lambda:us-east-1:1:function:f:")],
            ),
        ];
        for (text, want) in cases {
            let subs = parse_text(text, "subs").unwrap();
            let got: Vec<_> = subs
                .0
                .iter()
                .map(|(k, b)| (k.as_str(), b.value.as_deref().unwrap_or("")))
                .collect();
            assert_eq!(got, *want, "{text}");
        }
        assert!(parse_text("A: [1]\n", "f").is_err());
        assert!(parse_text("not a pair\n", "f").is_err());
        assert!(parse_pair("=x").is_err());
        assert_eq!(parse_pair("A=b=c").unwrap(), ("A".into(), "b=c".into()));
    }
}
