//! Spans of JSON Pointers in JSON text, and UTF-16 offsets for the code view.

use serde_json::{json, Value};
use stepwise_asl::pointer::Pointer;
use stepwise_asl::span::{locate_spans, utf16_offset, Utf16Index};

fn text_at<'a>(text: &'a str, pointer: &str) -> Option<&'a str> {
    locate_spans(text, &[pointer])[0].map(|(s, e)| &text[s..e])
}

/// Every pointer of a value with the value it names, depth-first.
fn all_pointers(v: &Value, at: Pointer, out: &mut Vec<(String, Value)>) {
    out.push((at.to_string(), v.clone()));
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                all_pointers(c, at.key(k), out);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                all_pointers(c, at.index(i), out);
            }
        }
        _ => {}
    }
}

const MACHINE: &str = r#"{
  "Comment": "spans",
  "StartAt": "A",
  "States": {
    "A": { "Type": "Pass", "Result": {"x": [1, 2.5e3, -3, true, null]}, "Next": "Fork" },
    "Fork": {
      "Type": "Parallel",
      "Branches": [
        { "StartAt": "B", "States": { "B": { "Type": "Pass", "End": true } } },
        { "StartAt": "C", "States": { "C": { "Type": "Wait", "Seconds": 5, "End" : true } } }
      ],
      "End": true
    }
  }
}"#;

#[test]
fn nested_pointers_land_on_their_values() {
    assert_eq!(text_at(MACHINE, "/States/A/Next"), Some(r#""Fork""#));
    assert_eq!(text_at(MACHINE, "/States/A/Result/x/1"), Some("2.5e3"));
    assert_eq!(text_at(MACHINE, "/States/A/Result/x/4"), Some("null"));
    assert_eq!(
        text_at(MACHINE, "/States/A/Result/x"),
        Some("[1, 2.5e3, -3, true, null]")
    );
    assert_eq!(
        text_at(MACHINE, "/States/Fork/Branches/1/States/C"),
        Some(r#"{ "Type": "Wait", "Seconds": 5, "End" : true }"#)
    );
    assert_eq!(
        text_at(MACHINE, "/States/Fork/Branches/1/States/C/End"),
        Some("true")
    );
    assert_eq!(
        text_at(MACHINE, "/States/Fork/Branches/0/StartAt"),
        Some(r#""B""#)
    );
    assert_eq!(text_at(MACHINE, "/States/Nope"), None);
    assert_eq!(text_at(MACHINE, "/States/A/Result/x/9"), None);
}

#[test]
fn the_empty_pointer_is_the_whole_value() {
    let text = "  \n{\"a\": 1}\n  ";
    assert_eq!(text_at(text, ""), Some("{\"a\": 1}"));
    assert_eq!(text_at("\u{feff}[1]", ""), Some("[1]"));
    assert_eq!(text_at(" 42 ", ""), Some("42"));
}

#[test]
fn answers_many_pointers_in_input_order() {
    let spans = locate_spans(MACHINE, &["/StartAt", "/Missing", "/Comment", "/StartAt"]);
    assert_eq!(spans[0], spans[3]);
    assert_eq!(spans[1], None);
    let (s, e) = spans[2].expect("Comment");
    assert_eq!(&MACHINE[s..e], r#""spans""#);
    assert!(locate_spans(MACHINE, &[]).is_empty());
}

#[test]
fn escaped_keys() {
    let text = r#"{"a/b": 1, "c~d": 2, "\u00e9t\u00e9": 3, "say \"hi\"": 4, "x\/y": 5, "😀": {"k": [10, "v\"]"]}, "\ud83d\ude00 2": 6}"#;
    assert_eq!(text_at(text, "/a~1b"), Some("1"));
    assert_eq!(text_at(text, "/c~0d"), Some("2"));
    assert_eq!(text_at(text, "/été"), Some("3"));
    assert_eq!(text_at(text, "/say \"hi\""), Some("4"));
    assert_eq!(text_at(text, "/x~1y"), Some("5"));
    assert_eq!(text_at(text, "/😀/k/1"), Some(r#""v\"]""#));
    assert_eq!(text_at(text, "/😀 2"), Some("6"));
    // Pointers are not decoded further: "/a/b" is a member b of a member a.
    assert_eq!(text_at(text, "/a/b"), None);
}

#[test]
fn state_names_with_slashes_and_tildes() {
    let v = json!({"StartAt": "a/b~c", "States": {"a/b~c": {"Type": "Pass", "End": true}}});
    let text = serde_json::to_string_pretty(&v).expect("json");
    let p = Pointer::root().key("States").key("a/b~c").key("End");
    assert_eq!(p.as_str(), "/States/a~1b~0c/End");
    assert_eq!(text_at(&text, p.as_str()), Some("true"));
}

#[test]
fn every_pointer_of_a_document_spans_its_value() {
    let mut states = serde_json::Map::new();
    for i in 0..300 {
        states.insert(
            format!("Step {i} / é"),
            json!({
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": format!("fn-{i}"), "Payload.$": "$", "list": [i, {"deep": [[], {}]}]},
                "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 3, "BackoffRate": 1.5}],
                "Next": format!("Step {} / é", i + 1)
            }),
        );
    }
    let v = json!({"Comment": "big \"quoted\" \\ text", "StartAt": "Step 0 / é", "States": states});
    let mut pointers = Vec::new();
    all_pointers(&v, Pointer::root(), &mut pointers);
    for text in [
        serde_json::to_string(&v).expect("compact"),
        serde_json::to_string_pretty(&v).expect("pretty"),
    ] {
        let ptrs: Vec<&str> = pointers.iter().map(|(p, _)| p.as_str()).collect();
        let spans = locate_spans(&text, &ptrs);
        for ((p, value), span) in pointers.iter().zip(&spans) {
            let (s, e) = span.unwrap_or_else(|| panic!("no span for {p}"));
            let parsed: Value = serde_json::from_str(&text[s..e])
                .unwrap_or_else(|err| panic!("{p}: {err} in {:?}", &text[s..e]));
            assert_eq!(&parsed, value, "{p}");
        }
    }
}

#[test]
fn truncated_text_answers_what_comes_before_the_cut() {
    let cut = &MACHINE[..MACHINE.find("\"Fork\": {").expect("Fork") + 40];
    let spans = locate_spans(
        cut,
        &[
            "/States/A/Next",
            "/States/A",
            "/States/Fork",
            "/States",
            "",
            "/States/Fork/Type",
        ],
    );
    assert_eq!(spans[0].map(|(s, e)| &cut[s..e]), Some(r#""Fork""#));
    assert!(spans[1].is_some());
    assert_eq!(spans[2], None, "unclosed");
    assert_eq!(spans[3], None);
    assert_eq!(spans[4], None);
    assert_eq!(spans[5].map(|(s, e)| &cut[s..e]), Some(r#""Parallel""#));

    // Cut inside a string, a key and a number.
    for end in [10, 25, 60, 95] {
        let t = &MACHINE[..end];
        let _ = locate_spans(t, &["/States/A/Result/x/0", "/Comment"]);
    }
    assert_eq!(text_at(r#"{"a": "unterminated"#, "/a"), None);
    assert_eq!(text_at(r#"{"a": 12"#, "/a"), Some("12"));
}

#[test]
fn invalid_text_answers_what_comes_before_the_damage() {
    let text = r#"{"a": 1, "b": [1, 2,], "c": {"d": 3,}, "e" 4, "f": 5}"#;
    assert_eq!(text_at(text, "/a"), Some("1"));
    // Trailing commas are tolerated.
    assert_eq!(text_at(text, "/b"), Some("[1, 2,]"));
    assert_eq!(text_at(text, "/c/d"), Some("3"));
    assert_eq!(text_at(text, "/c"), Some(r#"{"d": 3,}"#));
    // A missing colon stops the scan.
    assert_eq!(text_at(text, "/f"), None);
    assert_eq!(text_at("", ""), None);
    assert_eq!(text_at("}", ""), None);
    assert_eq!(text_at("{\"a\": }", "/a"), None);
}

#[test]
fn utf16_offsets() {
    let text = r#"{"é": "😀", "k": 1}"#;
    let (s, e) = locate_spans(text, &["/k"])[0].expect("k");
    let index = Utf16Index::new(text);
    // é is 2 bytes / 1 unit, 😀 is 4 bytes / 2 units.
    assert_eq!(index.span((s, e)), (s - 1 - 2, e - 1 - 2));
    assert_eq!(utf16_offset(text, s), s - 3);
    for b in 0..=text.len() {
        assert_eq!(index.offset(b), utf16_offset(text, b));
    }
    assert_eq!(index.offset(10_000), text.encode_utf16().count());
    let ascii = Utf16Index::new("plain");
    assert_eq!(ascii.offset(3), 3);
}

/// A diagnostic's range counts characters of the decoded string; in the text, escapes and
/// multi-byte characters take more room. Each case: JSON text of `{"s": ...}`, the range, the
/// source text it must cover.
#[test]
fn ranges_inside_strings_land_on_their_source_characters() {
    use stepwise_asl::span::locate_in_string;
    use stepwise_asl::TextRange;
    let cases: &[(&str, (usize, usize), &str)] = &[
        (r#"{"s": "{% 1 + %}"}"#, (7, 9), "%}"),
        (r#"{"s": "{% 1 +* 2 %}"}"#, (8, 9), "2"),
        (r#"{"s": "{% \"a\" & $x %}"}"#, (9, 11), "$x"),
        (r#"{"s": "{% 'é😀' & $x %}"}"#, (10, 12), "$x"),
        (r#"{"s": "{% '\ud83d\ude00' & $x %}"}"#, (9, 11), "$x"),
        (r#"{"s": "{% '\u00e9' &\n $x %}"}"#, (7, 11), "&\\n $"),
        (r#"{"s": "ab"}"#, (1, 9), "b"),
        (r#"{"s": "ab"}"#, (5, 9), ""),
    ];
    for (text, (start, end), want) in cases {
        let value: Value = serde_json::from_str(text).expect("valid JSON");
        let decoded = value["s"].as_str().expect("a string");
        let span = locate_spans(text, &["/s"])[0].expect("located");
        let (a, b) = locate_in_string(
            text,
            span,
            TextRange {
                start: *start,
                end: *end,
            },
        )
        .expect("a string value");
        assert_eq!(&text[a..b], *want, "{text} {start}..{end}");
        // The decoded characters agree with what the source span spells.
        let chars: String = decoded.chars().skip(*start).take(end - start).collect();
        if !want.contains('\\') {
            assert_eq!(chars, *want, "{text}");
        }
    }
    // Not a string: no range.
    let text = r#"{"n": 5}"#;
    let span = locate_spans(text, &["/n"])[0].expect("located");
    assert_eq!(
        locate_in_string(text, span, TextRange { start: 0, end: 1 }),
        None
    );
}

#[test]
fn diagnostics_are_located_at_their_characters_or_their_value() {
    let text = "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\",\n  \"Output\": {\"a\": \"{% 'caf\\u00e9' & $nope %}\", \"b\": \"{% 1 + %}\"}, \"Nxt\": 1, \"End\": true}}}";
    let doc = stepwise_asl::Document::parse(text.as_bytes(), None).expect("parses");
    let spans = stepwise_asl::span::locate_diagnostics(text, &doc.diagnostics);
    let marked: Vec<(String, &str)> = doc
        .diagnostics
        .iter()
        .zip(&spans)
        .map(|(d, s)| {
            let (a, b) = s.expect("located");
            (d.code.to_string(), &text[a..b])
        })
        .collect();
    assert_eq!(
        marked,
        vec![
            ("unknown-field".to_string(), "1"),
            ("jsonata-syntax".to_string(), "%}"),
            ("undefined-variable".to_string(), "$nope"),
        ]
    );
}
