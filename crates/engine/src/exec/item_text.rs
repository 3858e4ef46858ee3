//! An ItemReader's object read as text: a handler that answers the ItemReader with a string
//! (the object's content, as [`LocalS3`](crate::task::LocalS3) does for
//! `arn:aws:states:::s3:getObject`) has it parsed here as `ReaderConfig.InputType` says
//! (AWS guide, "ItemReader (Map)",
//! <https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html>):
//!
//! - `JSON` (the default): the object is a JSON array, each element an item.
//! - `JSONL`: one JSON value a line, blank lines skipped.
//! - `CSV`: with `CSVHeaderLocation` `FIRST_ROW` (the default) the first row names the
//!   columns, with `GIVEN` `CSVHeaders` does; each row is an object of strings, as AWS reads
//!   it. `CSVDelimiter` is `COMMA` (default), `PIPE`, `SEMICOLON`, `SPACE` or `TAB`.
//! - `MANIFEST` (an S3 inventory) is not read locally: answer such an ItemReader with the
//!   items instead.
//!
//! A handler may still answer with the items themselves (an array), as mocks do.

use serde_json::{Map, Value};

/// The items of `text` read as `config` says, or why not.
pub(crate) fn parse(text: &str, config: Option<&Value>) -> Result<Vec<Value>, String> {
    let field = |name: &str| config.and_then(|c| c.get(name)).and_then(Value::as_str);
    match field("InputType").unwrap_or("JSON") {
        "JSON" => match serde_json::from_str(text) {
            Ok(Value::Array(items)) => Ok(items),
            Ok(_) => Err("the JSON object must hold an array of items".into()),
            Err(e) => Err(format!("the object is not JSON: {e}")),
        },
        "JSONL" => text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(n, line)| {
                serde_json::from_str(line).map_err(|e| format!("line {} is not JSON: {e}", n + 1))
            })
            .collect(),
        "CSV" => csv(
            text,
            config,
            field("CSVHeaderLocation"),
            field("CSVDelimiter"),
        ),
        "MANIFEST" => Err(
            "an S3 inventory MANIFEST is not read locally; answer this ItemReader with the items"
                .into(),
        ),
        other => Err(format!(
            "ReaderConfig.InputType '{other}' is not one of JSON, JSONL, CSV, MANIFEST"
        )),
    }
}

fn csv(
    text: &str,
    config: Option<&Value>,
    location: Option<&str>,
    delimiter: Option<&str>,
) -> Result<Vec<Value>, String> {
    let delimiter = match delimiter.unwrap_or("COMMA") {
        "COMMA" => ',',
        "PIPE" => '|',
        "SEMICOLON" => ';',
        "SPACE" => ' ',
        "TAB" => '\t',
        other => return Err(format!("CSVDelimiter '{other}' is not supported")),
    };
    let mut rows = records(text, delimiter)?.into_iter();
    let headers: Vec<String> = match location.unwrap_or("FIRST_ROW") {
        "FIRST_ROW" => rows.next().unwrap_or_default(),
        "GIVEN" => config
            .and_then(|c| c.get("CSVHeaders"))
            .and_then(Value::as_array)
            .map(|h| {
                h.iter()
                    .map(|v| v.as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .ok_or("CSVHeaderLocation GIVEN needs CSVHeaders, an array of strings")?,
        other => return Err(format!("CSVHeaderLocation '{other}' is not supported")),
    };
    rows.map(|row| {
        if row.len() > headers.len() {
            return Err(format!(
                "a row has {} fields but there are {} headers",
                row.len(),
                headers.len()
            ));
        }
        let mut item = Map::new();
        for (i, h) in headers.iter().enumerate() {
            let v = row.get(i).cloned().unwrap_or_default();
            item.insert(h.clone(), Value::String(v));
        }
        Ok(Value::Object(item))
    })
    .collect()
}

/// RFC 4180 records: fields split at `delimiter`, `"` quoting (a doubled `""` inside is one
/// quote, and a quoted field may hold the delimiter and line breaks), rows ended by LF or
/// CRLF. Empty lines are skipped.
fn records(text: &str, delimiter: char) -> Result<Vec<Vec<String>>, String> {
    let mut rows = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut touched = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                quoted = true;
                touched = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                if touched || !field.is_empty() || !row.is_empty() {
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                touched = false;
            }
            c if c == delimiter => {
                row.push(std::mem::take(&mut field));
                touched = true;
            }
            _ => {
                field.push(c);
                touched = true;
            }
        }
    }
    if quoted {
        return Err("a quoted CSV field is not closed".into());
    }
    if touched || !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn item_reader_objects_parse_as_their_input_type() {
        for (text, config, items) in [
            ("[1, {\"a\": 2}]", json!({}), Ok(json!([1, {"a": 2}]))),
            ("{\"a\": 1}", json!({}), Err("array")),
            (
                "{\"a\":1}\n\n[2]\r\n",
                json!({"InputType": "JSONL"}),
                Ok(json!([{"a": 1}, [2]])),
            ),
            (
                "{\"a\":1}\nnope",
                json!({"InputType": "JSONL"}),
                Err("line 2"),
            ),
            (
                "id,name\n1,\"Smith, J\"\r\n2,\"say \"\"hi\"\"\"\n",
                json!({"InputType": "CSV"}),
                Ok(json!([{"id": "1", "name": "Smith, J"}, {"id": "2", "name": "say \"hi\""}])),
            ),
            (
                "1|a\n2|",
                json!({"InputType": "CSV", "CSVHeaderLocation": "GIVEN",
                       "CSVHeaders": ["id", "v"], "CSVDelimiter": "PIPE"}),
                Ok(json!([{"id": "1", "v": "a"}, {"id": "2", "v": ""}])),
            ),
            ("a\n1,2", json!({"InputType": "CSV"}), Err("2 fields")),
            ("a\n\"1", json!({"InputType": "CSV"}), Err("not closed")),
            ("x", json!({"InputType": "MANIFEST"}), Err("MANIFEST")),
        ] {
            match (parse(text, Some(&config)), items) {
                (Ok(got), Ok(want)) => assert_eq!(Value::Array(got), want, "{text}"),
                (Err(got), Err(want)) => assert!(got.contains(want), "{text}: {got}"),
                (got, want) => panic!("{text}: got {got:?}, want {want:?}"),
            }
        }
    }
}
