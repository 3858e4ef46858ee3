//! What the diagram writes: node subtitles, Choice rule summaries, Catch error lists, and the
//! sizes of the boxes that hold them.

use crate::diagram::NodeKind;
use crate::text::{text_width, truncate};
use serde_json::Value;
use stepwise_asl::model::{ChoiceRule, Condition, State};

pub const NAME_SIZE: f64 = 13.0;
pub const SUB_SIZE: f64 = 11.0;
pub const LABEL_SIZE: f64 = 11.0;
pub const LABEL_HEIGHT: f64 = 18.0;
pub const LABEL_PAD: f64 = 6.0;
pub const LABEL_MAX: f64 = 190.0;
pub const NODE_HEIGHT: f64 = 46.0;
pub const NODE_MIN_W: f64 = 132.0;
pub const NODE_MAX_W: f64 = 300.0;
/// Left and right padding inside a state box, plus room for the type glyph on the left.
pub const NODE_PAD: f64 = 14.0;
pub const GLYPH: f64 = 18.0;
pub const MARKER_W: f64 = 64.0;
pub const MARKER_H: f64 = 28.0;

/// Line height of an edge label of more than one line.
pub const LABEL_LINE: f64 = 13.0;
/// A label longer than this many lines of [`LABEL_MAX`] is cut (its full text on hover).
pub const LABEL_LINES: usize = 3;

/// Label box size (whole pixels) for an edge label, wrapped as [`label_lines`] wraps it.
pub fn label_size(text: &str) -> (f64, f64) {
    let (lines, _) = label_lines(text);
    let widest = lines
        .iter()
        .map(|l| text_width(l, LABEL_SIZE, false))
        .fold(0.0, f64::max);
    (
        (widest + 2.0 * LABEL_PAD).ceil(),
        LABEL_HEIGHT + LABEL_LINE * lines.len().saturating_sub(1) as f64,
    )
}

/// An edge label as drawn: wrapped at spaces into lines of at most [`LABEL_MAX`] pixels (a
/// word wider than a line is broken where it reaches the edge), and cut with an ellipsis
/// only past [`LABEL_LINES`] lines; `true` when it was cut.
pub fn label_lines(text: &str) -> (Vec<String>, bool) {
    wrap(text, LABEL_SIZE, false, LABEL_MAX, LABEL_LINES)
}

/// `text` set at `size` px wrapped into at most `max_lines` lines of `max` px, as
/// [`label_lines`] says; `true` when cut.
pub fn wrap(text: &str, size: f64, bold: bool, max: f64, max_lines: usize) -> (Vec<String>, bool) {
    let fits = |s: &str| text_width(s, size, bold) <= max;
    // Words, a too-wide one in chunks that fit; `true` when a space comes before the piece.
    let mut pieces: Vec<(bool, String)> = Vec::new();
    for (i, word) in text.split(' ').enumerate() {
        let mut spaced = i > 0;
        let mut chunk = String::new();
        for c in word.chars() {
            chunk.push(c);
            if !fits(&chunk) && chunk.chars().count() > 1 {
                chunk.pop();
                // After a path's `.` (or `_`, `-`, `/`, `:`), or between the words of a
                // CamelCase name, reads better than mid-word, if that keeps most of the line.
                let chars: Vec<(usize, char)> =
                    chunk.char_indices().chain([(chunk.len(), c)]).collect();
                let at = (1..chars.len() - 1)
                    .rev()
                    .find(|&i| {
                        let (a, b, next) = (chars[i - 1].1, chars[i].1, chars[i + 1].1);
                        matches!(a, '.' | '_' | '-' | '/' | ':')
                            || (a.is_lowercase() && b.is_uppercase())
                            // The end of an acronym: `DB|Exception`.
                            || (a.is_uppercase() && b.is_uppercase() && next.is_lowercase())
                    })
                    .map(|i| chars[i].0)
                    .filter(|&i| i * 2 >= chunk.len() && i < chunk.len())
                    .unwrap_or(chunk.len());
                let carry = chunk.split_off(at);
                pieces.push((spaced, std::mem::replace(&mut chunk, carry)));
                spaced = false;
                chunk.push(c);
            }
        }
        pieces.push((spaced, chunk));
    }
    let join = |line: &str, spaced: bool, piece: &str| match (line.is_empty(), spaced) {
        (true, _) => piece.to_string(),
        (false, true) => format!("{line} {piece}"),
        (false, false) => format!("{line}{piece}"),
    };
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for (k, (spaced, piece)) in pieces.iter().enumerate() {
        let joined = join(&line, *spaced, piece);
        if line.is_empty() || fits(&joined) {
            line = joined;
            continue;
        }
        if lines.len() + 1 >= max_lines {
            // The last line: the rest goes on it, cut.
            let rest = pieces[k..]
                .iter()
                .fold(line, |acc, (sp, p)| join(&acc, *sp, p));
            lines.push(truncate(&rest, size, bold, max));
            return (lines, true);
        }
        lines.push(std::mem::replace(&mut line, piece.clone()));
    }
    lines.push(line);
    (lines, false)
}

/// The second line of a state's name, when it has one, makes the box this much taller.
pub const NAME_LINE: f64 = 16.0;

/// A state's name as its box shows it: one line, or two when it is wider than the widest
/// box (cut only past the second).
pub fn name_lines(name: &str) -> Vec<String> {
    let room = NODE_MAX_W - 2.0 * NODE_PAD - GLYPH;
    if text_width(name, NAME_SIZE, true) <= room {
        return vec![name.to_string()];
    }
    wrap(name, NAME_SIZE, true, room, 2).0
}

/// Size of a state box (or marker), whole pixels, sized to its name and subtitle.
pub fn node_size(kind: NodeKind, name: &str, subtitle: Option<&str>) -> (f64, f64) {
    if kind.is_marker() {
        return (MARKER_W, MARKER_H);
    }
    let lines = name_lines(name);
    let name_w = lines
        .iter()
        .map(|l| text_width(l, NAME_SIZE, true))
        .fold(0.0, f64::max);
    let sub_w = subtitle.map_or(0.0, |s| text_width(s, SUB_SIZE, false));
    let w = name_w.max(sub_w) + 2.0 * NODE_PAD + GLYPH;
    let h = NODE_HEIGHT + NAME_LINE * lines.len().saturating_sub(1) as f64;
    (w.clamp(NODE_MIN_W, NODE_MAX_W).ceil(), h)
}

/// The second line of a [`NodeKind::Missing`] placeholder.
pub const MISSING_SUBTITLE: &str = "Missing state";

/// The second line of a node: a state's [`subtitle`], the placeholder's note, none for markers.
pub fn node_subtitle(kind: NodeKind, state: Option<&State>) -> Option<String> {
    match (kind, state) {
        (_, Some(s)) => Some(subtitle(s)),
        (NodeKind::Missing, None) => Some(MISSING_SUBTITLE.to_string()),
        _ => None,
    }
}

/// The second line of a state box: the integration of a Task, the mode of a Map, ...
pub fn subtitle(state: &State) -> String {
    match state {
        State::Task(t) => resource_summary(&t.resource),
        State::Map(m) => match m.mode() {
            stepwise_asl::model::ProcessorMode::Inline => "Map · inline".to_string(),
            stepwise_asl::model::ProcessorMode::Distributed => "Map · distributed".to_string(),
        },
        State::Wait(w) => {
            if let Some(stepwise_asl::model::NumberOrExpr::Number(n)) = &w.seconds {
                format!("Wait {n} s")
            } else if w.timestamp.is_some() || w.timestamp_path.is_some() {
                "Wait until a time".to_string()
            } else {
                "Wait".to_string()
            }
        }
        other => other.state_type().as_str().to_string(),
    }
}

/// `arn:aws:states:::lambda:invoke` -> `Lambda: Invoke`; `...:sqs:sendMessage.waitForTaskToken`
/// -> `SQS: SendMessage · callback`.
pub fn resource_summary(resource: &str) -> String {
    if let Some(rest) = resource.strip_prefix("arn:aws:states:::") {
        let rest = rest.strip_prefix("aws-sdk:").unwrap_or(rest);
        let mut parts = rest.splitn(2, ':');
        let service = parts.next().unwrap_or_default();
        let action = parts.next().unwrap_or_default();
        let (action, pattern) = match action.split_once('.') {
            Some((a, "sync")) | Some((a, "sync:2")) => (a, " · run job"),
            Some((a, "waitForTaskToken")) => (a, " · callback"),
            Some((a, _)) => (a, ""),
            None => (action, ""),
        };
        let service = match service {
            "lambda" => "Lambda",
            "sqs" => "SQS",
            "sns" => "SNS",
            "dynamodb" => "DynamoDB",
            "s3" => "S3",
            "glue" => "Glue",
            "athena" => "Athena",
            "ecs" => "ECS",
            "batch" => "Batch",
            "states" => "Step Functions",
            "events" => "EventBridge",
            "http" => "HTTP",
            "bedrock" => "Bedrock",
            "sagemaker" => "SageMaker",
            other => other,
        };
        let service = capitalised(service);
        let action = capitalised(action);
        if action.is_empty() {
            return service.to_string();
        }
        return format!("{service}: {action}{pattern}");
    }
    if resource.contains(":function:") {
        return "Lambda function".to_string();
    }
    if resource.contains(":activity:") {
        return "Activity".to_string();
    }
    "Task".to_string()
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A short reading of a Choice rule: its Comment when it has one, else its condition.
pub fn rule_label(rule: &ChoiceRule, index: usize) -> String {
    if let Some(c) = &rule.comment {
        return c.clone();
    }
    match &rule.condition {
        Some(c) => condition(c),
        None => format!("Rule {}", index + 1),
    }
}

fn condition(c: &Condition) -> String {
    match c {
        Condition::Comparison(cmp) => {
            let var = cmp.variable.strip_prefix("$.").unwrap_or(&cmp.variable);
            let op = cmp.operator.as_str();
            let operand = match &cmp.operand {
                Value::String(s) => format!("\"{s}\""),
                other => other.to_string(),
            };
            let (sym, operand) = match op {
                "IsPresent" | "IsNull" | "IsNumeric" | "IsString" | "IsBoolean" | "IsTimestamp" => {
                    let what = op.trim_start_matches("Is").to_lowercase();
                    let neg = if cmp.operand == Value::Bool(false) {
                        "not "
                    } else {
                        ""
                    };
                    return format!("{var} is {neg}{what}");
                }
                o if o.ends_with("LessThanEqualsPath") || o.ends_with("LessThanEquals") => {
                    ("<=", operand)
                }
                o if o.ends_with("GreaterThanEqualsPath") || o.ends_with("GreaterThanEquals") => {
                    (">=", operand)
                }
                o if o.contains("LessThan") => ("<", operand),
                o if o.contains("GreaterThan") => (">", operand),
                o if o.contains("Matches") => ("~", operand),
                _ => ("==", operand),
            };
            let operand = if op.ends_with("Path") {
                operand.trim_matches('"').to_string()
            } else {
                operand
            };
            format!("{var} {sym} {operand}")
        }
        Condition::And(rules) => join(rules, " && "),
        Condition::Or(rules) => join(rules, " || "),
        Condition::Not(rule) => match &rule.condition {
            Some(c) => format!("!({})", condition(c)),
            None => "!(…)".to_string(),
        },
        Condition::Jsonata(v) => match v {
            Value::String(s) => s
                .trim()
                .trim_start_matches("{%")
                .trim_end_matches("%}")
                .trim()
                .to_string(),
            other => other.to_string(),
        },
    }
}

fn join(rules: &[ChoiceRule], sep: &str) -> String {
    rules
        .iter()
        .map(|r| match &r.condition {
            Some(c @ (Condition::And(_) | Condition::Or(_))) => format!("({})", condition(c)),
            Some(c) => condition(c),
            None => "…".to_string(),
        })
        .collect::<Vec<_>>()
        .join(sep)
}

/// The errors a Catcher handles, as its edge label.
pub fn catch_label(errors: &[String]) -> String {
    if errors.is_empty() {
        return "Catch".to_string();
    }
    errors.join(", ")
}

/// The label text as drawn: its lines joined by `\n`; and the whole text when that is not
/// it (wrapped or cut).
pub fn shown(text: &str) -> (String, Option<String>) {
    let (lines, _) = label_lines(text);
    let drawn = lines.join("\n");
    let full = (drawn != text).then(|| text.to_string());
    (drawn, full)
}

#[cfg(test)]
mod wrap_tests {
    use super::*;

    fn width(s: &str) -> f64 {
        text_width(s, LABEL_SIZE, false)
    }

    #[test]
    fn a_short_label_is_one_line_as_it_is() {
        assert_eq!(
            label_lines("States.ALL"),
            (vec!["States.ALL".to_string()], false)
        );
        assert_eq!(label_size("States.ALL").1, LABEL_HEIGHT);
    }

    #[test]
    fn a_long_label_wraps_at_spaces_and_loses_nothing() {
        let text =
            "$.order.total > 100 && $.customer.tier == \"gold\" && $.order.country == \"DE\"";
        let (lines, cut) = label_lines(text);
        assert!(!cut);
        assert!(lines.len() > 1 && lines.len() <= LABEL_LINES, "{lines:?}");
        assert_eq!(lines.join(" "), text);
        for l in &lines {
            assert!(width(l) <= LABEL_MAX, "{l}");
        }
        let (w, h) = label_size(text);
        assert_eq!(h, LABEL_HEIGHT + LABEL_LINE * (lines.len() - 1) as f64);
        assert!(w <= LABEL_MAX + 2.0 * LABEL_PAD + 1.0);
    }

    #[test]
    fn a_word_wider_than_a_line_is_broken_after_a_dot_and_kept_whole() {
        let text = "$.".to_string() + &"deeply.nested".repeat(6);
        let (lines, cut) = label_lines(&text);
        assert!(!cut, "{lines:?}");
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), text);
        assert!(lines[0].ends_with('.'), "{lines:?}");
        let (lines, _) = label_lines("DynamoDb.TransactionCanceledException");
        assert_eq!(lines, ["DynamoDb.TransactionCanceled", "Exception"]);
        let (lines, _) = label_lines("DynamoDB.AmazonDynamoDBException");
        assert_eq!(lines, ["DynamoDB.AmazonDynamoDB", "Exception"]);
        // Without such a place, where the line is full.
        let text = "x".repeat(60);
        let (lines, _) = label_lines(&text);
        assert_eq!(lines.concat(), text);
        assert!(width(&lines[0]) > LABEL_MAX - 10.0, "{lines:?}");
    }

    #[test]
    fn past_the_last_line_it_is_cut_and_the_whole_text_kept_for_hover() {
        let text = "Payment.Declined, Payment.Insufficient, ".repeat(8);
        let text = text.trim_end_matches(", ");
        let (lines, cut) = label_lines(text);
        assert!(cut);
        assert_eq!(lines.len(), LABEL_LINES);
        assert!(lines[LABEL_LINES - 1].ends_with('…'), "{lines:?}");
        let (shown_text, full) = shown(text);
        assert_eq!(shown_text.lines().count(), LABEL_LINES);
        assert_eq!(full.as_deref(), Some(text));
        assert_eq!(shown("Default").1, None);
    }
}
