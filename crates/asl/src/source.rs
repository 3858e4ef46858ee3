//! From bytes to a JSON value: encoding, format detection (JSON or YAML), and syntax errors
//! with line and column. Nothing here panics or recurses without bound: both parsers stop
//! at a nesting depth of 128 with an error.

use serde_json::Value;
use std::fmt;
use std::path::Path;
use thiserror::Error;

/// The text format of a definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceFormat {
    Json,
    Yaml,
}

impl SourceFormat {
    /// The format a file name implies: `.yaml`/`.yml` are YAML, `.json`/`.asl.json` JSON.
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(SourceFormat::Json),
            "yaml" | "yml" => Some(SourceFormat::Yaml),
            _ => None,
        }
    }
}

impl fmt::Display for SourceFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SourceFormat::Json => "JSON",
            SourceFormat::Yaml => "YAML",
        })
    }
}

/// Why source text could not be read as a JSON value at all.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ParseError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 { offset: usize },
    #[error("invalid {format} at line {line}, column {column}: {message}")]
    Syntax {
        format: &'static str,
        line: usize,
        column: usize,
        message: String,
    },
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Parses bytes as JSON or YAML. With no `hint`, text starting with `{` or `[` is JSON and
/// anything else YAML. Object key order is kept.
pub fn parse_value(
    bytes: &[u8],
    hint: Option<SourceFormat>,
) -> Result<(Value, SourceFormat), ParseError> {
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| ParseError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(ParseError::Empty);
    }
    let format = hint.unwrap_or(if trimmed.starts_with('{') || trimmed.starts_with('[') {
        SourceFormat::Json
    } else {
        SourceFormat::Yaml
    });
    let value = match format {
        SourceFormat::Json => parse_json(text)?,
        SourceFormat::Yaml => parse_yaml(text)?,
    };
    Ok((value, format))
}

fn parse_json(text: &str) -> Result<Value, ParseError> {
    serde_json::from_str(text).map_err(|e| ParseError::Syntax {
        format: "JSON",
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })
}

fn parse_yaml(text: &str) -> Result<Value, ParseError> {
    let value: Value = serde_yaml_ng::from_str(text).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((0, 0));
        ParseError::Syntax {
            format: "YAML",
            line,
            column,
            message: strip_position(&e.to_string()),
        }
    })?;
    if value.is_null() {
        // A YAML file of only comments or `---` is as empty as an empty file.
        return Err(ParseError::Empty);
    }
    Ok(value)
}

/// serde's messages end with " at line L column C"; we report the position separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_whitespace_are_empty() {
        assert_eq!(parse_value(b"", None), Err(ParseError::Empty));
        assert_eq!(parse_value(b"  \n\t", None), Err(ParseError::Empty));
        assert_eq!(
            parse_value(b"# only a comment\n", None),
            Err(ParseError::Empty)
        );
    }

    #[test]
    fn json_numbers_read_as_the_nearest_double() {
        // Numbers with 17 significant digits and an exponent, as a shortest-form printer
        // writes them; the nearest double is what Rust's `f64::from_str` gives.
        for text in [
            "2.2222222222222222e+23",
            "2.2222222222222224e+27",
            "9.777222222222213e+39",
            "222222222.22222222222222222222222222222222222",
        ] {
            let (value, _) = parse_value(format!("{{\"n\": {text}}}").as_bytes(), None).unwrap();
            let expected: f64 = text.parse().unwrap();
            assert_eq!(value["n"].as_f64(), Some(expected), "{text}");
            let printed = value["n"].to_string();
            let (again, _) = parse_value(format!("[{printed}]").as_bytes(), None).unwrap();
            assert_eq!(again[0], value["n"], "{text} prints as {printed}");
        }
    }

    #[test]
    fn not_utf8_names_the_offset() {
        assert_eq!(
            parse_value(b"{\"a\": \"\xff\"}", None),
            Err(ParseError::NotUtf8 { offset: 7 })
        );
    }

    #[test]
    fn json_syntax_error_has_line_and_column() {
        let err = parse_value(b"{\n  \"StartAt\": \n}", None).unwrap_err();
        match err {
            ParseError::Syntax { format, line, .. } => {
                assert_eq!(format, "JSON");
                assert_eq!(line, 3);
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn yaml_keeps_key_order() {
        let (v, f) = parse_value(
            b"StartAt: A\nStates:\n  Z: {Type: Succeed}\n  A: {Type: Succeed}\n",
            None,
        )
        .expect("yaml parses");
        assert_eq!(f, SourceFormat::Yaml);
        let keys: Vec<_> = v["States"]
            .as_object()
            .expect("object")
            .keys()
            .cloned()
            .collect();
        assert_eq!(keys, vec!["Z", "A"]);
    }

    #[test]
    fn bom_is_skipped() {
        let (v, _) = parse_value(b"\xEF\xBB\xBF{\"a\":1}", None).expect("parses");
        assert_eq!(v["a"], 1);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(matches!(
            parse_value(deep.as_bytes(), None),
            Err(ParseError::Syntax { .. })
        ));
        let deep_obj = format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
        assert!(matches!(
            parse_value(deep_obj.as_bytes(), None),
            Err(ParseError::Syntax { .. })
        ));
        let deep_yaml = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(matches!(
            parse_value(deep_yaml.as_bytes(), Some(SourceFormat::Yaml)),
            Err(ParseError::Syntax { .. })
        ));
    }
}
