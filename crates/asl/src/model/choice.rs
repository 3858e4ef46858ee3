//! Choice rules. Their JSON shape is keyed by operator name (`"NumericEquals": 3`), so they
//! are (de)serialised by hand rather than derived.

use super::Extra;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// What a comparison operator expects on its right-hand side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OperandKind {
    String,
    Number,
    Boolean,
    Timestamp,
    /// A reference path to a value of the named kind (the `*Path` operators).
    Path,
    /// `true`/`false`: the `Is*` type tests.
    TypeTest,
}

macro_rules! operators {
    ($($variant:ident = $name:literal : $kind:ident,)*) => {
        /// Every comparison operator of a JSONPath Choice rule.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ComparisonOperator {
            $($variant,)*
        }

        impl ComparisonOperator {
            pub const ALL: &'static [ComparisonOperator] = &[$(ComparisonOperator::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(ComparisonOperator::$variant => $name,)*
                }
            }

            pub fn operand_kind(self) -> OperandKind {
                match self {
                    $(ComparisonOperator::$variant => OperandKind::$kind,)*
                }
            }

            pub fn parse(name: &str) -> Option<Self> {
                match name {
                    $($name => Some(ComparisonOperator::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

operators! {
    StringEquals = "StringEquals": String,
    StringEqualsPath = "StringEqualsPath": Path,
    StringLessThan = "StringLessThan": String,
    StringLessThanPath = "StringLessThanPath": Path,
    StringGreaterThan = "StringGreaterThan": String,
    StringGreaterThanPath = "StringGreaterThanPath": Path,
    StringLessThanEquals = "StringLessThanEquals": String,
    StringLessThanEqualsPath = "StringLessThanEqualsPath": Path,
    StringGreaterThanEquals = "StringGreaterThanEquals": String,
    StringGreaterThanEqualsPath = "StringGreaterThanEqualsPath": Path,
    StringMatches = "StringMatches": String,
    NumericEquals = "NumericEquals": Number,
    NumericEqualsPath = "NumericEqualsPath": Path,
    NumericLessThan = "NumericLessThan": Number,
    NumericLessThanPath = "NumericLessThanPath": Path,
    NumericGreaterThan = "NumericGreaterThan": Number,
    NumericGreaterThanPath = "NumericGreaterThanPath": Path,
    NumericLessThanEquals = "NumericLessThanEquals": Number,
    NumericLessThanEqualsPath = "NumericLessThanEqualsPath": Path,
    NumericGreaterThanEquals = "NumericGreaterThanEquals": Number,
    NumericGreaterThanEqualsPath = "NumericGreaterThanEqualsPath": Path,
    BooleanEquals = "BooleanEquals": Boolean,
    BooleanEqualsPath = "BooleanEqualsPath": Path,
    TimestampEquals = "TimestampEquals": Timestamp,
    TimestampEqualsPath = "TimestampEqualsPath": Path,
    TimestampLessThan = "TimestampLessThan": Timestamp,
    TimestampLessThanPath = "TimestampLessThanPath": Path,
    TimestampGreaterThan = "TimestampGreaterThan": Timestamp,
    TimestampGreaterThanPath = "TimestampGreaterThanPath": Path,
    TimestampLessThanEquals = "TimestampLessThanEquals": Timestamp,
    TimestampLessThanEqualsPath = "TimestampLessThanEqualsPath": Path,
    TimestampGreaterThanEquals = "TimestampGreaterThanEquals": Timestamp,
    TimestampGreaterThanEqualsPath = "TimestampGreaterThanEqualsPath": Path,
    IsNull = "IsNull": TypeTest,
    IsPresent = "IsPresent": TypeTest,
    IsNumeric = "IsNumeric": TypeTest,
    IsString = "IsString": TypeTest,
    IsBoolean = "IsBoolean": TypeTest,
    IsTimestamp = "IsTimestamp": TypeTest,
}

/// `Variable` compared by one operator against an operand.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub variable: String,
    pub operator: ComparisonOperator,
    pub operand: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    Comparison(Comparison),
    And(Vec<ChoiceRule>),
    Or(Vec<ChoiceRule>),
    Not(Box<ChoiceRule>),
    /// JSONata: `"Condition": "{% ... %}"` (or a literal boolean).
    Jsonata(Value),
}

/// One rule of a Choice state. Top-level rules have `Next`; rules nested in And/Or/Not don't.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChoiceRule {
    /// `None` when the rule names no operator at all (the validator reports it).
    pub condition: Option<Condition>,
    /// `Variable` of a rule that has no (known) operator, kept for the round trip.
    pub dangling_variable: Option<String>,
    pub next: Option<String>,
    pub comment: Option<String>,
    pub assign: Option<Value>,
    pub output: Option<Value>,
    pub extra: Extra,
}

impl<'de> Deserialize<'de> for ChoiceRule {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut map = Map::<String, Value>::deserialize(d)?;
        let string_field =
            |map: &mut Map<String, Value>, key: &str| -> Result<Option<String>, D::Error> {
                match map.shift_remove(key) {
                    None => Ok(None),
                    Some(Value::String(s)) => Ok(Some(s)),
                    Some(other) => Err(D::Error::custom(format!(
                        "{key} must be a string, not {other}"
                    ))),
                }
            };
        let next = string_field(&mut map, "Next")?;
        let comment = string_field(&mut map, "Comment")?;
        let variable = string_field(&mut map, "Variable")?;
        let assign = map.shift_remove("Assign");
        let output = map.shift_remove("Output");
        let rules = |v: Value| -> Result<Vec<ChoiceRule>, D::Error> {
            Vec::<ChoiceRule>::deserialize(v).map_err(D::Error::custom)
        };
        let condition = if let Some(v) = map.shift_remove("And") {
            Some(Condition::And(rules(v)?))
        } else if let Some(v) = map.shift_remove("Or") {
            Some(Condition::Or(rules(v)?))
        } else if let Some(v) = map.shift_remove("Not") {
            Some(Condition::Not(Box::new(
                ChoiceRule::deserialize(v).map_err(D::Error::custom)?,
            )))
        } else {
            map.shift_remove("Condition").map(Condition::Jsonata)
        };
        let (condition, dangling_variable) = match (condition, variable) {
            (Some(c), v) => (Some(c), v),
            (None, Some(variable)) => {
                let op = map.keys().find_map(|k| ComparisonOperator::parse(k));
                match op {
                    Some(operator) => {
                        let operand = map.shift_remove(operator.as_str()).unwrap_or(Value::Null);
                        (
                            Some(Condition::Comparison(Comparison {
                                variable,
                                operator,
                                operand,
                            })),
                            None,
                        )
                    }
                    None => (None, Some(variable)),
                }
            }
            (None, None) => (None, None),
        };
        Ok(ChoiceRule {
            condition,
            dangling_variable,
            next,
            comment,
            assign,
            output,
            extra: map,
        })
    }
}

impl Serialize for ChoiceRule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = Map::new();
        match &self.condition {
            Some(Condition::Comparison(c)) => {
                map.insert("Variable".into(), Value::String(c.variable.clone()));
                map.insert(c.operator.as_str().into(), c.operand.clone());
            }
            Some(Condition::And(rules)) => {
                map.insert(
                    "And".into(),
                    serde_json::to_value(rules).map_err(serde::ser::Error::custom)?,
                );
            }
            Some(Condition::Or(rules)) => {
                map.insert(
                    "Or".into(),
                    serde_json::to_value(rules).map_err(serde::ser::Error::custom)?,
                );
            }
            Some(Condition::Not(rule)) => {
                map.insert(
                    "Not".into(),
                    serde_json::to_value(rule).map_err(serde::ser::Error::custom)?,
                );
            }
            Some(Condition::Jsonata(v)) => {
                map.insert("Condition".into(), v.clone());
            }
            None => {}
        }
        if let Some(v) = &self.dangling_variable {
            map.insert("Variable".into(), Value::String(v.clone()));
        }
        if let Some(n) = &self.next {
            map.insert("Next".into(), Value::String(n.clone()));
        }
        if let Some(c) = &self.comment {
            map.insert("Comment".into(), Value::String(c.clone()));
        }
        if let Some(a) = &self.assign {
            map.insert("Assign".into(), a.clone());
        }
        if let Some(o) = &self.output {
            map.insert("Output".into(), o.clone());
        }
        for (k, v) in &self.extra {
            map.insert(k.clone(), v.clone());
        }
        map.serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn comparison_round_trips() {
        let v = json!({"Variable": "$.n", "NumericGreaterThan": 3, "Next": "Big"});
        let rule: ChoiceRule = serde_json::from_value(v.clone()).expect("rule");
        match &rule.condition {
            Some(Condition::Comparison(c)) => {
                assert_eq!(c.operator, ComparisonOperator::NumericGreaterThan);
                assert_eq!(c.operator.operand_kind(), OperandKind::Number);
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(serde_json::to_value(&rule).expect("ser"), v);
    }

    #[test]
    fn nested_rules_round_trip() {
        let v = json!({"Not": {"Or": [{"Variable": "$.a", "IsNull": true}, {"Variable": "$.b", "BooleanEquals": false}]}, "Next": "X"});
        let rule: ChoiceRule = serde_json::from_value(v.clone()).expect("rule");
        assert!(matches!(rule.condition, Some(Condition::Not(_))));
        assert_eq!(serde_json::to_value(&rule).expect("ser"), v);
    }

    #[test]
    fn operator_names_parse_back() {
        for op in ComparisonOperator::ALL {
            assert_eq!(ComparisonOperator::parse(op.as_str()), Some(*op));
        }
        assert_eq!(ComparisonOperator::ALL.len(), 39);
    }
}
