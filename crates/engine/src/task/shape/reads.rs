//! What the next state reads from its input: its paths, templates and Choice rules, with an
//! example value where a rule tells the type.

use serde_json::Value;
use stepwise_asl::model::{
    ChoiceRule, Comparison, ComparisonOperator, Condition, OperandKind, State,
};

use super::{expression_paths, input_keys, reference, template_reads, Key};

/// A path the next state reads from its input.
pub(super) struct StateRead {
    pub(super) keys: Vec<Key>,
    pub(super) label: String,
    pub(super) example: Option<Value>,
}

/// Collects what a state reads, relative to its input (its effective-input paths are
/// prefixed with its InputPath).
struct StateReads<'a> {
    name: &'a str,
    base: Vec<Key>,
    out: Vec<StateRead>,
}

impl StateReads<'_> {
    fn add(&mut self, keys: Vec<Key>, label: String, example: Option<Value>) {
        let keys = self.base.iter().cloned().chain(keys).collect();
        self.out.push(StateRead {
            keys,
            label,
            example,
        });
    }

    fn path(&mut self, text: Option<&str>, field: &str) {
        for keys in text.map(expression_paths).unwrap_or_default() {
            let label = format!("\"{}\" {field}", self.name);
            self.add(keys, label, None);
        }
    }

    fn template(&mut self, template: Option<&Value>, field: &str) {
        for r in template.map(template_reads).unwrap_or_default() {
            let label = format!("\"{}\" {field} \"{}\"", self.name, r.key);
            self.add(r.keys, label, None);
        }
    }
}

/// The paths a state reads from its input.
pub(super) fn state_reads(name: &str, state: &State) -> Vec<StateRead> {
    let base = match state.common().map(|c| c.input_path.as_ref()) {
        Some(field) => match reference(field) {
            Some(keys) => keys,
            // `InputPath: null`: the state reads `{}`, nothing of its input.
            None => return Vec::new(),
        },
        None => Vec::new(),
    };
    let mut r = StateReads {
        name,
        base: Vec::new(),
        out: Vec::new(),
    };
    if !base.is_empty() {
        r.add(base.clone(), format!("\"{name}\" InputPath"), None);
    }
    r.base = base;
    match state {
        State::Choice(c) => {
            for (i, rule) in c.choices.iter().enumerate() {
                let mut found = Vec::new();
                comparisons(rule, false, &mut found);
                for (cmp, negated) in found {
                    let label = format!(
                        "Choice \"{name}\" rule {} ({} {} {})",
                        i + 1,
                        cmp.variable,
                        cmp.operator.as_str(),
                        cmp.operand
                    );
                    if let Some(keys) = input_keys(&cmp.variable) {
                        let example = if negated {
                            None
                        } else {
                            example_for(cmp.operator, &cmp.operand)
                        };
                        r.add(keys, label.clone(), example);
                    }
                    if cmp.operator.operand_kind() == OperandKind::Path {
                        if let Some(keys) = cmp.operand.as_str().and_then(input_keys) {
                            r.add(keys, label, None);
                        }
                    }
                }
            }
        }
        State::Task(t) => r.template(t.parameters.as_ref(), "Parameters"),
        State::Pass(p) => r.template(p.parameters.as_ref(), "Parameters"),
        State::Parallel(p) => r.template(p.parameters.as_ref(), "Parameters"),
        State::Map(m) => {
            r.path(m.items_path.as_deref(), "ItemsPath");
            r.template(m.parameters.as_ref(), "Parameters");
        }
        State::Wait(w) => {
            r.path(w.seconds_path.as_deref(), "SecondsPath");
            r.path(w.timestamp_path.as_deref(), "TimestampPath");
        }
        State::Fail(f) => {
            r.path(f.error_path.as_deref(), "ErrorPath");
            r.path(f.cause_path.as_deref(), "CausePath");
        }
        State::Succeed(_) => {}
    }
    r.out
}

/// Every comparison of a rule, And/Or/Not included, and whether a Not turns it around.
fn comparisons<'a>(rule: &'a ChoiceRule, negated: bool, out: &mut Vec<(&'a Comparison, bool)>) {
    match &rule.condition {
        Some(Condition::Comparison(c)) => out.push((c, negated)),
        Some(Condition::And(rules)) | Some(Condition::Or(rules)) => {
            for r in rules {
                comparisons(r, negated, out);
            }
        }
        Some(Condition::Not(r)) => comparisons(r, !negated, out),
        Some(Condition::Jsonata(_)) | None => {}
    }
}

/// A value that satisfies a comparison, as the template's example.
fn example_for(op: ComparisonOperator, operand: &Value) -> Option<Value> {
    use ComparisonOperator as Op;
    match op.operand_kind() {
        OperandKind::String if op == Op::StringMatches => operand.as_str().map(|p| {
            Value::String(
                p.replace("\\*", "\u{0}")
                    .replace('*', "")
                    .replace('\u{0}', "*"),
            )
        }),
        OperandKind::String
        | OperandKind::Number
        | OperandKind::Boolean
        | OperandKind::Timestamp => Some(operand.clone()),
        OperandKind::TypeTest => {
            let wanted = operand.as_bool().unwrap_or(true);
            match (op, wanted) {
                (Op::IsNull, true) => Some(Value::Null),
                (Op::IsNumeric, true) => Some(Value::from(0)),
                (Op::IsString, true) => Some(Value::String(String::new())),
                (Op::IsBoolean, true) => Some(Value::Bool(true)),
                (Op::IsTimestamp, true) => Some(Value::String("2026-01-01T00:00:00Z".into())),
                _ => None,
            }
        }
        OperandKind::Path => None,
    }
}
