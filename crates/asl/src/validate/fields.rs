//! Which fields each state type accepts, and in which query language. One table, read by the
//! validator; it follows the field lists of AWS's state reference pages.

use crate::model::{QueryLanguage, StateType};

/// The query languages a field belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Both,
    JsonPath,
    Jsonata,
}

impl Lang {
    pub fn allows(self, ql: QueryLanguage) -> bool {
        matches!(
            (self, ql),
            (Lang::Both, _)
                | (Lang::JsonPath, QueryLanguage::JsonPath)
                | (Lang::Jsonata, QueryLanguage::Jsonata)
        )
    }
}

use StateType::{Choice, Fail, Map, Parallel, Pass, Succeed, Task, Wait};

const ALL: &[StateType] = &[Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map];
const NOT_FAIL: &[StateType] = &[Task, Pass, Choice, Wait, Succeed, Parallel, Map];
const FLOWING: &[StateType] = &[Task, Pass, Wait, Parallel, Map];
const WITH_ERRORS: &[StateType] = &[Task, Parallel, Map];
const ASSIGNING: &[StateType] = &[Task, Pass, Choice, Wait, Parallel, Map];

/// The field table, in AWS's order: each field, the query language it belongs to and the
/// state types that accept it. The validator asks it once per field of every state; the
/// window gets it as a generated table ([`fields_of`]).
const TABLE: &[(&str, Lang, &[StateType])] = &[
    ("Type", Lang::Both, ALL),
    ("Comment", Lang::Both, ALL),
    ("QueryLanguage", Lang::Both, ALL),
    ("Next", Lang::Both, FLOWING),
    ("End", Lang::Both, FLOWING),
    ("InputPath", Lang::JsonPath, NOT_FAIL),
    ("OutputPath", Lang::JsonPath, NOT_FAIL),
    ("Parameters", Lang::JsonPath, &[Task, Pass, Parallel, Map]),
    ("ResultSelector", Lang::JsonPath, WITH_ERRORS),
    ("ResultPath", Lang::JsonPath, &[Task, Pass, Parallel, Map]),
    ("Arguments", Lang::Jsonata, &[Task, Parallel]),
    ("Output", Lang::Jsonata, NOT_FAIL),
    ("Assign", Lang::Both, ASSIGNING),
    ("Result", Lang::JsonPath, &[Pass]),
    ("Resource", Lang::Both, &[Task]),
    ("Credentials", Lang::Both, &[Task]),
    ("TimeoutSeconds", Lang::Both, &[Task]),
    ("TimeoutSecondsPath", Lang::JsonPath, &[Task]),
    ("HeartbeatSeconds", Lang::Both, &[Task]),
    ("HeartbeatSecondsPath", Lang::JsonPath, &[Task]),
    ("Retry", Lang::Both, WITH_ERRORS),
    ("Catch", Lang::Both, WITH_ERRORS),
    ("Choices", Lang::Both, &[Choice]),
    ("Default", Lang::Both, &[Choice]),
    ("Seconds", Lang::Both, &[Wait]),
    ("Timestamp", Lang::Both, &[Wait]),
    ("SecondsPath", Lang::JsonPath, &[Wait]),
    ("TimestampPath", Lang::JsonPath, &[Wait]),
    ("Error", Lang::Both, &[Fail]),
    ("Cause", Lang::Both, &[Fail]),
    ("ErrorPath", Lang::JsonPath, &[Fail]),
    ("CausePath", Lang::JsonPath, &[Fail]),
    ("Branches", Lang::Both, &[Parallel]),
    ("ItemProcessor", Lang::Both, &[Map]),
    ("Iterator", Lang::JsonPath, &[Map]),
    ("ItemsPath", Lang::JsonPath, &[Map]),
    ("Items", Lang::Jsonata, &[Map]),
    ("ItemSelector", Lang::Both, &[Map]),
    ("ItemReader", Lang::Both, &[Map]),
    ("ItemBatcher", Lang::Both, &[Map]),
    ("ResultWriter", Lang::Both, &[Map]),
    ("MaxConcurrency", Lang::Both, &[Map]),
    ("MaxConcurrencyPath", Lang::JsonPath, &[Map]),
    ("ToleratedFailurePercentage", Lang::Both, &[Map]),
    ("ToleratedFailurePercentagePath", Lang::JsonPath, &[Map]),
    ("ToleratedFailureCount", Lang::Both, &[Map]),
    ("ToleratedFailureCountPath", Lang::JsonPath, &[Map]),
    ("Label", Lang::Both, &[Map]),
];

fn lookup(field: &str) -> Option<(Lang, &'static [StateType])> {
    TABLE
        .iter()
        .find(|(name, _, _)| *name == field)
        .map(|(_, lang, types)| (*lang, *types))
}

/// Every field a state of `state_type` accepts in query language `ql`, in the table's order.
pub fn fields_of(state_type: StateType, ql: QueryLanguage) -> Vec<&'static str> {
    TABLE
        .iter()
        .filter(|(_, lang, types)| lang.allows(ql) && types.contains(&state_type))
        .map(|(name, _, _)| *name)
        .collect()
}

/// What the table says of a field on a state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldRule {
    Allowed,
    /// Known, but not on this state type.
    OtherType,
    /// Known for this type, but only in the other query language.
    OtherLanguage(Lang),
    Unknown,
}

pub fn state_field(state_type: StateType, ql: QueryLanguage, field: &str) -> FieldRule {
    match lookup(field) {
        None => FieldRule::Unknown,
        Some((_, types)) if !types.contains(&state_type) => FieldRule::OtherType,
        Some((lang, _)) if !lang.allows(ql) => FieldRule::OtherLanguage(lang),
        Some(_) => FieldRule::Allowed,
    }
}

/// The state types that accept a field, for messages ("Result is allowed on Pass only").
pub fn types_accepting(field: &str) -> &'static [StateType] {
    lookup(field).map(|(_, t)| t).unwrap_or(&[])
}

pub const MACHINE_FIELDS: &[&str] = &[
    "Comment",
    "QueryLanguage",
    "StartAt",
    "States",
    "Version",
    "TimeoutSeconds",
];
pub const BRANCH_FIELDS: &[&str] = &["Comment", "StartAt", "States"];
pub const PROCESSOR_FIELDS: &[&str] = &["Comment", "StartAt", "States", "ProcessorConfig"];
pub const RETRIER_FIELDS: &[&str] = &[
    "ErrorEquals",
    "IntervalSeconds",
    "MaxAttempts",
    "BackoffRate",
    "MaxDelaySeconds",
    "JitterStrategy",
    "Comment",
];
/// Catcher fields and the query language each belongs to.
pub const CATCHER_FIELDS: &[(&str, Lang)] = &[
    ("ErrorEquals", Lang::Both),
    ("Next", Lang::Both),
    ("ResultPath", Lang::JsonPath),
    ("Output", Lang::Jsonata),
    ("Assign", Lang::Both),
    ("Comment", Lang::Both),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_answers() {
        let jp = QueryLanguage::JsonPath;
        let ja = QueryLanguage::Jsonata;
        assert_eq!(state_field(Task, jp, "Resource"), FieldRule::Allowed);
        assert_eq!(state_field(Task, jp, "Result"), FieldRule::OtherType);
        assert_eq!(
            state_field(Task, ja, "Parameters"),
            FieldRule::OtherLanguage(Lang::JsonPath)
        );
        assert_eq!(
            state_field(Task, jp, "Arguments"),
            FieldRule::OtherLanguage(Lang::Jsonata)
        );
        assert_eq!(state_field(Succeed, jp, "Next"), FieldRule::OtherType);
        assert_eq!(state_field(Pass, jp, "Nxet"), FieldRule::Unknown);
        assert_eq!(state_field(Fail, ja, "Output"), FieldRule::OtherType);
    }
}
