//! Choice states and their rules: shapes (one condition per rule, Next only at the top),
//! operators and the types of their operands.

use super::jsonata::{self, StatesFields};
use super::member;
use super::payload::{self, PathKind};
use super::Ctx;
use crate::diagnostic::Code;
use crate::model::{ComparisonOperator, OperandKind};
use crate::pointer::Loc;
use crate::timestamp;
use serde_json::{Map, Value};

pub(crate) fn check_choice_state(
    ctx: &mut Ctx,
    ptr: &Loc<'_>,
    obj: &Map<String, Value>,
    jsonata: bool,
) {
    match member(obj, "Choices") {
        None => ctx.missing(ptr, "Choices", "a Choice state"),
        Some(Value::Array(rules)) if rules.is_empty() => ctx.error(
            Code::InvalidChoiceRule,
            &ptr.key("Choices"),
            "Choices must contain at least one rule",
        ),
        Some(Value::Array(rules)) => {
            for (i, rule) in rules.iter().enumerate() {
                check_rule(ctx, &ptr.key("Choices").index(i), rule, true, jsonata);
            }
        }
        Some(other) => ctx.wrong_type(&ptr.key("Choices"), "Choices", "an array of rules", other),
    }
    if let Some(d) = member(obj, "Default") {
        ctx.string(&ptr.key("Default"), "Default", d);
    }
}

fn check_rule(ctx: &mut Ctx, p: &Loc<'_>, v: &Value, top: bool, jsonata: bool) {
    let Value::Object(rule) = v else {
        ctx.wrong_type(p, "A Choice rule", "an object", v);
        return;
    };
    if top {
        match member(rule, "Next") {
            None => ctx.missing(p, "Next", "a Choice rule"),
            Some(n) => {
                ctx.string(&p.key("Next"), "Next", n);
            }
        }
    } else if member(rule, "Next").is_some() {
        ctx.error(
            Code::InvalidChoiceRule,
            p,
            "a rule nested in And, Or or Not cannot have Next; only top-level rules transition",
        );
    }
    if let Some(c) = member(rule, "Comment") {
        ctx.string(&p.key("Comment"), "Comment", c);
    }
    for field in ["Assign", "Output"] {
        if !top && member(rule, field).is_some() {
            ctx.error(
                Code::FieldNotAllowed,
                &p.key(field),
                format!("{field} is only allowed on top-level Choice rules"),
            );
        }
    }
    if jsonata {
        check_jsonata_rule(ctx, p, rule, top);
    } else {
        check_jsonpath_rule(ctx, p, rule, top);
    }
}

fn check_jsonata_rule(ctx: &mut Ctx, p: &Loc<'_>, rule: &Map<String, Value>, top: bool) {
    match member(rule, "Condition") {
        None => ctx.missing(p, "Condition", "a JSONata Choice rule"),
        Some(Value::Bool(_)) => {}
        Some(v) if super::is_placeholder(v) => {}
        Some(Value::String(s)) if jsonata::is_meant_as_expression(s) => {
            jsonata::check_string(ctx, &p.key("Condition"), s, StatesFields::Plain)
        }
        Some(other) => ctx.wrong_type(
            &p.key("Condition"),
            "Condition",
            "a JSONata expression {% ... %} or a boolean",
            other,
        ),
    }
    for (k, v) in rule {
        let kp = p.key(k);
        match k.as_str() {
            "Condition" | "Next" | "Comment" => {}
            "Assign" if top => payload::check_assign(ctx, &kp, v, Some(StatesFields::Plain)),
            "Output" if top => jsonata::check_value(ctx, &kp, v, StatesFields::Plain),
            "Assign" | "Output" => {}
            "Variable" | "And" | "Or" | "Not" => ctx.error(
                Code::FieldNotInQueryLanguage,
                &kp,
                format!("{k} is not allowed in a JSONata Choice rule; use Condition"),
            ),
            other if ComparisonOperator::parse(other).is_some() => ctx.error(
                Code::FieldNotInQueryLanguage,
                &kp,
                format!("{k} is not allowed in a JSONata Choice rule; use Condition"),
            ),
            other => ctx.unknown_field(&kp, other, "a Choice rule"),
        }
    }
}

fn check_jsonpath_rule(ctx: &mut Ctx, p: &Loc<'_>, rule: &Map<String, Value>, top: bool) {
    let mut conditions: Vec<&str> = Vec::new();
    for (k, v) in rule {
        let kp = p.key(k);
        match k.as_str() {
            "Next" | "Comment" | "Variable" => {}
            "Assign" if top => payload::check_assign(ctx, &kp, v, None),
            "Assign" => {}
            "Output" | "Condition" => ctx.error(
                Code::FieldNotInQueryLanguage,
                &kp,
                format!("{k} is not allowed in a JSONPath Choice rule"),
            ),
            "And" | "Or" => {
                conditions.push(k);
                match v {
                    Value::Array(rules) if rules.is_empty() => ctx.error(
                        Code::InvalidChoiceRule,
                        &kp,
                        format!("{k} must contain at least one rule"),
                    ),
                    Value::Array(rules) => {
                        for (i, r) in rules.iter().enumerate() {
                            check_rule(ctx, &kp.index(i), r, false, false);
                        }
                    }
                    other => ctx.wrong_type(&kp, k, "an array of rules", other),
                }
            }
            "Not" => {
                conditions.push(k);
                match v {
                    Value::Object(_) => check_rule(ctx, &kp, v, false, false),
                    other => ctx.wrong_type(&kp, "Not", "a single rule object", other),
                }
            }
            op => match ComparisonOperator::parse(op) {
                Some(operator) => {
                    conditions.push(k);
                    check_operand(ctx, &kp, operator, v);
                }
                None => ctx.unknown_field(&kp, op, "a Choice rule"),
            },
        }
    }
    let is_comparison = conditions
        .first()
        .is_some_and(|c| ComparisonOperator::parse(c).is_some());
    match conditions.len() {
        0 => ctx.error(
            Code::InvalidChoiceRule,
            p,
            "a Choice rule needs a comparison (Variable and an operator such as StringEquals) or And, Or or Not",
        ),
        1 => {}
        _ => ctx.error(
            Code::InvalidChoiceRule,
            p,
            format!("a Choice rule must have exactly one condition, but has {}", conditions.join(", ")),
        ),
    }
    match member(rule, "Variable") {
        Some(_) if conditions.len() == 1 && !is_comparison => ctx.error(
            Code::InvalidChoiceRule,
            &p.key("Variable"),
            format!(
                "Variable cannot be used with {}; put it in the nested rules",
                conditions[0]
            ),
        ),
        // ASL: "the value of Variable must be a Reference Path"; so is a `*Path` operand.
        Some(v) => {
            payload::check_path_field(ctx, &p.key("Variable"), v, PathKind::Reference, "Variable")
        }
        None if is_comparison => ctx.missing(p, "Variable", "a comparison Choice rule"),
        None => {}
    }
}

fn check_operand(ctx: &mut Ctx, p: &Loc<'_>, op: ComparisonOperator, v: &Value) {
    let name = op.as_str();
    let expected = match op.operand_kind() {
        OperandKind::String if v.is_string() => return,
        OperandKind::Number if v.is_number() => return,
        OperandKind::Number | OperandKind::Boolean | OperandKind::TypeTest
            if super::is_placeholder(v) =>
        {
            return
        }
        OperandKind::Boolean | OperandKind::TypeTest if v.is_boolean() => return,
        OperandKind::Timestamp => {
            match v.as_str() {
                Some(s) if crate::placeholder::has_placeholder(s) => return,
                Some(s) if timestamp::is_valid(s) => return,
                Some(s) => {
                    ctx.error(
                    Code::InvalidTimestamp,
                    p,
                    format!("{name} needs an RFC 3339 timestamp like 2026-01-31T12:00:00Z, not {s:?}"),
                );
                    return;
                }
                None => "a timestamp string",
            }
        }
        OperandKind::Path => match v {
            Value::String(_) => {
                payload::check_path_field(ctx, p, v, PathKind::Reference, name);
                return;
            }
            _ => "a path string",
        },
        OperandKind::String => "a string",
        OperandKind::Number => "a number",
        OperandKind::Boolean | OperandKind::TypeTest => "a boolean",
    };
    ctx.error(
        Code::ChoiceOperandType,
        p,
        format!("{name} needs {expected}, not {}", super::describe(v)),
    );
}
