//! Writing new values in the style of the file around them: its indent unit, how its block
//! sequences are indented, its preferred quotes, its line endings. Every YAML scalar written
//! is read back before it is used, so a string never turns into a number, a date or a null.

use super::tree::{column, line_indent, Kind, Node, ScalarStyle};
use serde_json::Value;
use std::collections::HashMap;

/// The writing habits of one file.
#[derive(Debug, Clone)]
pub(crate) struct Style {
    pub nl: &'static str,
    /// JSON: one level of indentation (`"  "`, `"    "`, `"\t"`).
    pub json_unit: String,
    /// JSON: what goes between a key and its value (`": "`).
    pub json_colon: String,
    /// YAML: columns per nesting level of block mappings.
    pub unit: usize,
    /// YAML: columns from a key to the `-` of its block sequence (0 or `unit`).
    pub seq_off: usize,
    /// YAML: columns from a `-` to its item (usually 2).
    pub item_off: usize,
    /// YAML: the quotes to use when a string needs them.
    pub quote: ScalarStyle,
}

fn most_common<T: std::hash::Hash + Eq + Clone + Ord>(counts: HashMap<T, usize>, default: T) -> T {
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map_or(default, |(k, _)| k)
}

impl Style {
    pub(crate) fn detect(src: &str, root: &Node, json: bool) -> Style {
        let mut d = Detect::default();
        d.walk(src, root, 0);
        let unit = most_common(d.unit, 2).clamp(1, 16);
        Style {
            nl: if src.contains("\r\n") { "\r\n" } else { "\n" },
            json_unit: most_common(d.json_unit, "  ".to_string()),
            json_colon: most_common(d.json_colon, ": ".to_string()),
            unit,
            seq_off: most_common(d.seq_off, unit).min(16),
            item_off: most_common(d.item_off, 2).clamp(2, 16),
            quote: if !json && d.double > d.single {
                ScalarStyle::Double
            } else {
                ScalarStyle::Single
            },
        }
    }
}

#[derive(Default)]
struct Detect {
    unit: HashMap<usize, usize>,
    seq_off: HashMap<usize, usize>,
    item_off: HashMap<usize, usize>,
    json_unit: HashMap<String, usize>,
    json_colon: HashMap<String, usize>,
    single: usize,
    double: usize,
}

impl Detect {
    fn walk(&mut self, src: &str, n: &Node, depth: usize) {
        if depth > super::tree::MAX_DEPTH {
            return;
        }
        match &n.kind {
            Kind::Scalar(ScalarStyle::Single) => self.single += 1,
            Kind::Scalar(ScalarStyle::Double) => self.double += 1,
            Kind::Map { flow, entries } => {
                if *flow {
                    self.json_indent(src, n, entries.first().map(|e| e.key_start));
                }
                for e in entries {
                    if *flow {
                        if let Some(sep) = src.get(e.key_end..e.value.full_start) {
                            if !sep.contains('\n') {
                                *self.json_colon.entry(sep.to_string()).or_default() += 1;
                            }
                        }
                    } else {
                        let kc = column(src, e.key_start);
                        match &e.value.kind {
                            Kind::Map { flow: false, .. } => {
                                let c = column(src, e.value.start);
                                if c > kc {
                                    *self.unit.entry(c - kc).or_default() += 1;
                                }
                            }
                            Kind::Seq { flow: false, .. } => {
                                let c = column(src, e.value.start);
                                if c >= kc {
                                    *self.seq_off.entry(c - kc).or_default() += 1;
                                }
                            }
                            _ => {}
                        }
                    }
                    self.walk(src, &e.value, depth + 1);
                }
            }
            Kind::Seq { flow, items } => {
                if *flow {
                    self.json_indent(src, n, items.first().map(|i| i.node.full_start));
                }
                for it in items {
                    if let Some(d) = it.dash {
                        let s = it.node.full_start;
                        if s > d && !src[d..s].contains('\n') && it.node.end > s {
                            *self
                                .item_off
                                .entry(column(src, s) - column(src, d))
                                .or_default() += 1;
                        }
                    }
                    self.walk(src, &it.node, depth + 1);
                }
            }
            _ => {}
        }
    }

    fn json_indent(&mut self, src: &str, n: &Node, first: Option<usize>) {
        let Some(first) = first else { return };
        if !src[n.start..first].contains('\n') {
            return;
        }
        let outer = line_indent(src, n.start);
        let inner = line_indent(src, first);
        if let Some(unit) = inner.strip_prefix(outer) {
            if !unit.is_empty() {
                *self.json_unit.entry(unit.to_string()).or_default() += 1;
            }
        }
    }
}

// ---- JSON ----

/// A value as pretty JSON whose first line continues a line indented by `indent`.
pub(crate) fn json(v: &Value, indent: &str, st: &Style) -> String {
    let mut out = String::new();
    json_into(v, indent, st, &mut out);
    out
}

fn json_into(v: &Value, indent: &str, st: &Style, out: &mut String) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            let inner = format!("{indent}{}", st.json_unit);
            out.push('{');
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(st.nl);
                out.push_str(&inner);
                out.push_str(&json_scalar(&Value::String(k.clone())));
                out.push_str(&st.json_colon);
                json_into(x, &inner, st, out);
            }
            out.push_str(st.nl);
            out.push_str(indent);
            out.push('}');
        }
        Value::Array(a) if !a.is_empty() => {
            let inner = format!("{indent}{}", st.json_unit);
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(st.nl);
                out.push_str(&inner);
                json_into(x, &inner, st, out);
            }
            out.push_str(st.nl);
            out.push_str(indent);
            out.push(']');
        }
        other => out.push_str(&json_scalar(other)),
    }
}

/// A value as JSON on one line, spaced as the file spaces its members.
pub(crate) fn json_inline(v: &Value, st: &Style) -> String {
    match v {
        Value::Object(m) if !m.is_empty() => {
            let parts: Vec<String> = m
                .iter()
                .map(|(k, x)| {
                    format!(
                        "{}{}{}",
                        json_scalar(&Value::String(k.clone())),
                        st.json_colon,
                        json_inline(x, st)
                    )
                })
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        Value::Array(a) if !a.is_empty() => {
            let parts: Vec<String> = a.iter().map(|x| json_inline(x, st)).collect();
            format!("[{}]", parts.join(", "))
        }
        other => json_scalar(other),
    }
}

pub(crate) fn json_scalar(v: &Value) -> String {
    match v {
        Value::Object(_) => "{}".to_string(),
        Value::Array(_) => "[]".to_string(),
        other => serde_json::to_string(other).unwrap_or_else(|_| "null".to_string()),
    }
}

// ---- YAML ----

/// Whether YAML `text` reads as `want` (the check every written scalar passes).
fn reads_as(text: &str, want: &Value) -> bool {
    serde_yaml_ng::from_str::<Value>(text).is_ok_and(|v| &v == want)
}

fn plain_candidate(s: &str, flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.trim() != s
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.chars().any(|c| c.is_control())
        || (flow && s.contains([',', '[', ']', '{', '}']))
    {
        return false;
    }
    if "[]{},#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if matches!(first, '-' | '?' | ':') {
        return s.chars().nth(1).is_some_and(|c| !c.is_whitespace());
    }
    true
}

fn single_quoted(s: &str) -> Option<String> {
    (!s.chars().any(|c| c.is_control() && c != '\t'))
        .then(|| format!("'{}'", s.replace('\'', "''")))
}

/// A scalar on one line: plain when that reads back as the same value, else quoted,
/// preferring `prefer`'s style, then the file's quotes.
pub(crate) fn scalar(v: &Value, prefer: ScalarStyle, flow: bool, st: &Style) -> String {
    let s = match v {
        Value::String(s) => s,
        Value::Object(_) => return "{}".to_string(),
        Value::Array(_) => return "[]".to_string(),
        other => return json_scalar(other),
    };
    let want = Value::Array(vec![v.clone()]);
    let plain = || {
        (plain_candidate(s, flow)
            && reads_as(&format!("[{s}]"), &want)
            && reads_as(&format!("- {s}"), &want))
        .then(|| s.clone())
    };
    let single = || single_quoted(s);
    let double = || Some(json_scalar(v));
    let order: [&dyn Fn() -> Option<String>; 3] = match (prefer, st.quote) {
        (ScalarStyle::Double, _) => [&double, &plain, &single],
        (ScalarStyle::Single, _) => [&single, &plain, &double],
        (_, ScalarStyle::Double) => [&plain, &double, &single],
        _ => [&plain, &single, &double],
    };
    order
        .iter()
        .find_map(|f| f())
        .unwrap_or_else(|| json_scalar(v))
}

/// A mapping key: as `scalar`, checked in a key's place.
pub(crate) fn key(k: &str, prefer: ScalarStyle, flow: bool, st: &Style) -> String {
    let v = Value::String(k.to_string());
    let text = scalar(&v, prefer, flow, st);
    let mut want = serde_json::Map::new();
    want.insert(k.to_string(), Value::from(0));
    if reads_as(&format!("{text}: 0"), &Value::Object(want)) {
        text
    } else {
        json_scalar(&v)
    }
}

/// A block scalar (`|`, or `>` for one line when `folded`) whose content lines are indented
/// to `indent`; `None` when the string cannot be one.
pub(crate) fn block_scalar(s: &str, folded: bool, indent: usize, st: &Style) -> Option<String> {
    let body = s.trim_end_matches('\n');
    let trailing = s.len() - body.len();
    if body.is_empty()
        || body.starts_with([' ', '\n'])
        || body
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        || body.lines().any(|l| l.ends_with([' ', '\t']) && folded)
    {
        return None;
    }
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let folded = folded && !body.contains('\n');
    let pad = " ".repeat(indent.max(1));
    let mut out = format!("{}{chomp}", if folded { '>' } else { '|' });
    for line in body.split('\n') {
        out.push_str(st.nl);
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    for _ in 1..trailing {
        out.push_str(st.nl);
    }
    let check = format!("k: {}\n", out.replace(st.nl, "\n"));
    let mut want = serde_json::Map::new();
    want.insert("k".into(), Value::String(s.to_string()));
    reads_as(&check, &Value::Object(want)).then_some(out)
}

/// What follows `key:` for `v` when the key is at column `key_col`.
pub(crate) fn after_key(v: &Value, key_col: usize, st: &Style) -> String {
    match v {
        Value::Object(m) if !m.is_empty() => {
            format!("{}{}", st.nl, block(v, key_col + st.unit, st))
        }
        Value::Array(a) if !a.is_empty() => {
            format!("{}{}", st.nl, block(v, key_col + st.seq_off, st))
        }
        Value::String(s) if s.contains('\n') => match block_scalar(s, false, key_col + st.unit, st)
        {
            Some(b) => format!(" {b}"),
            None => format!(" {}", json_scalar(v)),
        },
        _ => format!(" {}", scalar(v, ScalarStyle::Plain, false, st)),
    }
}

/// What follows the `-` at column `dash_col` for the item `v`.
pub(crate) fn after_dash(v: &Value, dash_col: usize, st: &Style) -> String {
    let inner = dash_col + st.item_off;
    match v {
        Value::Object(m) if !m.is_empty() => inline_block(v, inner, st),
        Value::Array(a) if !a.is_empty() => inline_block(v, inner, st),
        Value::String(s) if s.contains('\n') => match block_scalar(s, false, inner, st) {
            Some(b) => format!(" {b}"),
            None => format!(" {}", json_scalar(v)),
        },
        _ => format!(" {}", scalar(v, ScalarStyle::Plain, false, st)),
    }
}

/// A block collection at column `col` whose first line goes on the current line (after a
/// `-`): the first line's indentation becomes the spaces after the dash.
fn inline_block(v: &Value, col: usize, st: &Style) -> String {
    let b = block(v, col, st);
    format!("{}{}", " ".repeat(st.item_off - 1), &b[col..])
}

/// A non-empty mapping or sequence in block style, every line indented to `col`, with no
/// final line break.
pub(crate) fn block(v: &Value, col: usize, st: &Style) -> String {
    let pad = " ".repeat(col);
    match v {
        Value::Object(m) if !m.is_empty() => m
            .iter()
            .map(|(k, x)| {
                format!(
                    "{pad}{}:{}",
                    key(k, ScalarStyle::Plain, false, st),
                    after_key(x, col, st)
                )
            })
            .collect::<Vec<_>>()
            .join(st.nl),
        Value::Array(a) if !a.is_empty() => a
            .iter()
            .map(|x| format!("{pad}-{}", after_dash(x, col, st)))
            .collect::<Vec<_>>()
            .join(st.nl),
        other => format!("{pad}{}", scalar(other, ScalarStyle::Plain, false, st)),
    }
}

/// A value in YAML flow style, on one line.
pub(crate) fn flow(v: &Value, st: &Style) -> String {
    match v {
        Value::Object(m) if !m.is_empty() => {
            let parts: Vec<String> = m
                .iter()
                .map(|(k, x)| format!("{}: {}", key(k, ScalarStyle::Plain, true, st), flow(x, st)))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        Value::Array(a) if !a.is_empty() => {
            let parts: Vec<String> = a.iter().map(|x| flow(x, st)).collect();
            format!("[{}]", parts.join(", "))
        }
        other => scalar(other, ScalarStyle::Plain, true, st),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn st() -> Style {
        Style {
            nl: "\n",
            json_unit: "    ".into(),
            json_colon: ": ".into(),
            unit: 2,
            seq_off: 2,
            item_off: 2,
            quote: ScalarStyle::Single,
        }
    }

    #[test]
    fn scalars_read_back_as_themselves() {
        let s = st();
        let cases: &[(Value, ScalarStyle, &str)] = &[
            (json!("plain text"), ScalarStyle::Plain, "plain text"),
            (json!("true"), ScalarStyle::Plain, "'true'"),
            (json!("123"), ScalarStyle::Plain, "'123'"),
            (json!(""), ScalarStyle::Plain, "''"),
            (json!("a: b"), ScalarStyle::Plain, "'a: b'"),
            (json!("it's"), ScalarStyle::Single, "'it''s'"),
            (json!("x"), ScalarStyle::Double, "\"x\""),
            (json!("tab\there"), ScalarStyle::Plain, "'tab\there'"),
            (json!("nl\nx"), ScalarStyle::Single, "\"nl\\nx\""),
            (json!("$.a"), ScalarStyle::Plain, "$.a"),
            (json!("--run_date.$"), ScalarStyle::Plain, "--run_date.$"),
            (json!(null), ScalarStyle::Plain, "null"),
            (json!(2.5), ScalarStyle::Plain, "2.5"),
            (json!(false), ScalarStyle::Plain, "false"),
        ];
        for (v, prefer, want) in cases {
            assert_eq!(scalar(v, *prefer, false, &s), *want, "{v}");
        }
        assert_eq!(scalar(&json!("a,b"), ScalarStyle::Plain, true, &s), "'a,b'");
    }

    #[test]
    fn blocks_follow_the_style() {
        let s = st();
        let v =
            json!({"A": {"Type": "Pass", "List": ["x", {"k": 1, "j": [2]}], "Text": "one\ntwo\n"}});
        let want = "A:\n  Type: Pass\n  List:\n    - x\n    - k: 1\n      j:\n        - 2\n  Text: |\n    one\n    two";
        assert_eq!(block(&v, 0, &s), want);
        assert_eq!(
            flow(&json!({"a": [1, "b c"], "d": {}}), &s),
            "{a: [1, b c], d: {}}"
        );
        assert_eq!(
            json(&json!({"a": [1]}), "", &s),
            "{\n    \"a\": [\n        1\n    ]\n}"
        );
        assert_eq!(
            block_scalar("one\ntwo", false, 4, &s).as_deref(),
            Some("|-\n    one\n    two")
        );
        assert_eq!(
            block_scalar("one", true, 2, &s).as_deref(),
            Some(">-\n  one")
        );
        assert_eq!(block_scalar(" lead\n", false, 2, &s), None);
    }
}
