//! What the validator says: a severity, a stable code, a message and a JSON Pointer.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $text:literal,)*) => {
        /// Stable diagnostic codes. The kebab-case text is the public name (CLI, JSON, UI);
        /// it never changes once released.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum Code {
            $($(#[$doc])* #[serde(rename = $text)] $variant,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)*
                }
            }
        }
    };
}

codes! {
    /// The file is empty, not UTF-8, or not JSON/YAML.
    SyntaxError = "syntax-error",
    /// The definition is larger than AWS's 1 MiB limit.
    DefinitionTooLarge = "definition-too-large",
    /// A JSON value has the wrong type (a string where a number belongs, ...).
    WrongType = "wrong-type",
    /// A required field is absent.
    MissingField = "missing-field",
    /// A field AWS does not know for this object.
    UnknownField = "unknown-field",
    /// A field that exists but not for this state type.
    FieldNotAllowed = "field-not-allowed",
    /// A field that belongs to the other query language.
    FieldNotInQueryLanguage = "field-not-in-query-language",
    /// Two fields that must not appear together.
    MutuallyExclusive = "mutually-exclusive",
    /// A value outside its allowed range or set.
    InvalidValue = "invalid-value",
    /// `Type` is not one of the eight state types.
    InvalidStateType = "invalid-state-type",
    /// `QueryLanguage` is neither JSONPath nor JSONata, or a state says JSONPath in a JSONata machine.
    InvalidQueryLanguage = "invalid-query-language",
    /// `States` is empty.
    EmptyStates = "empty-states",
    /// `StartAt` names no state of its scope.
    StartAtNotFound = "start-at-not-found",
    /// `Next`, `Default` or a Catch/Choice `Next` names no state.
    NextNotFound = "next-not-found",
    /// A transition target exists, but in another Parallel branch or Map processor.
    NextOutOfScope = "next-out-of-scope",
    /// Neither `Next` nor `End: true` on a state that needs one.
    MissingTransition = "missing-transition",
    /// Both `Next` and `End`.
    NextAndEnd = "next-and-end",
    /// A state name used twice in the machine.
    DuplicateStateName = "duplicate-state-name",
    /// A state name longer than 80 characters.
    StateNameTooLong = "state-name-too-long",
    /// A state name AWS rejects (empty, or with control characters).
    InvalidStateName = "invalid-state-name",
    /// A Choice rule of the wrong shape.
    InvalidChoiceRule = "invalid-choice-rule",
    /// A Choice comparison whose operand has the wrong type.
    ChoiceOperandType = "choice-operand-type",
    /// A Retry or Catch entry of the wrong shape.
    InvalidRetryCatch = "invalid-retry-catch",
    /// `States.ALL` not alone in its ErrorEquals, or not in the last entry.
    StatesAllPosition = "states-all-position",
    /// A JSONPath that does not parse.
    InvalidJsonPath = "invalid-json-path",
    /// A path that must be a reference path (no wildcards, filters, slices).
    InvalidReferencePath = "invalid-reference-path",
    /// A `.$` value that is neither a path nor an intrinsic function call.
    InvalidPayloadTemplate = "invalid-payload-template",
    /// An intrinsic function call that does not parse.
    InvalidIntrinsic = "invalid-intrinsic",
    /// An intrinsic function name that does not exist.
    UnknownIntrinsic = "unknown-intrinsic",
    /// An intrinsic function called with the wrong number of arguments.
    IntrinsicArity = "intrinsic-arity",
    /// A JSONata `{% ... %}` string that is malformed: opened and not closed (or closed and
    /// not opened), or empty.
    InvalidJsonata = "invalid-jsonata",
    /// A JSONata expression that does not parse (JSONata 2.0.6, as AWS runs it).
    JsonataSyntax = "jsonata-syntax",
    /// A JSONata function call to a name that is neither a JSONata 2.0.6 built-in, one of the
    /// functions Step Functions adds, nor bound in the expression; also `$eval`, which AWS refuses.
    JsonataUnknownFunction = "jsonata-unknown-function",
    /// A JSONata built-in called with a number of arguments it does not take.
    JsonataArity = "jsonata-arity",
    /// `$states.result` or `$states.errorOutput` read in a field where AWS does not provide it.
    JsonataStatesUnavailable = "jsonata-states-unavailable",
    /// A variable read (JSONata `$name` or JSONPath `$name.path`) that no state in scope assigns.
    UndefinedVariable = "undefined-variable",
    /// Wait with none, or more than one, of Seconds/Timestamp/SecondsPath/TimestampPath.
    WaitTiming = "wait-timing",
    /// A timestamp that is not RFC 3339 as AWS accepts it.
    InvalidTimestamp = "invalid-timestamp",
    /// TimeoutSeconds/HeartbeatSeconds out of range or inconsistent.
    InvalidTimeout = "invalid-timeout",
    /// A variable name in Assign that AWS rejects.
    InvalidVariableName = "invalid-variable-name",
    /// A state no path from StartAt reaches (AWS rejects these).
    UnreachableState = "unreachable-state",
    /// A state from which no terminal state can be reached (an endless loop).
    NoTerminalPath = "no-terminal-path",
    /// A machine, Parallel branch or Map processor with no Succeed, Fail or `End: true`
    /// (AWS's MISSING_END_STATE).
    MissingEndState = "missing-end-state",
    /// An unquoted word compared in a JSONPath filter (`[?(@.lang==es)]`): AWS accepts the
    /// definition but cannot evaluate the filter.
    UnquotedFilterString = "unquoted-filter-string",
    /// A Task's Resource that is not a Lambda function, activity or service integration ARN
    /// as AWS writes them (AWS's INVALID_RESOURCE).
    InvalidResource = "invalid-resource",
    /// A literal argument of an intrinsic function with a type the function does not take.
    IntrinsicArgType = "intrinsic-arg-type",
    /// The same field twice in one object of a payload template once `.$` is stripped.
    DuplicateField = "duplicate-field",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Characters `[start, end)` of a string value, counted in Unicode scalar values of the
/// decoded string (what the JSON or YAML string means, escapes resolved), so a diagnostic can
/// name the exact characters inside a long value such as a JSONata expression.
/// [`crate::span::locate_in_string`] turns it into a range of the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TextRange {
    pub start: usize,
    pub end: usize,
}

/// One problem found in a definition.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    /// RFC 6901 JSON Pointer into the definition, e.g. `/States/Check/Choices/0`.
    pub pointer: String,
    /// Where inside the string value at `pointer` the problem is, when it is a part of it
    /// (a JSONata syntax error, an unknown function); `None` for the whole value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<TextRange>,
}

impl Diagnostic {
    pub fn error(code: Code, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            pointer: pointer.into(),
            range: None,
        }
    }

    pub fn warning(code: Code, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            code,
            message: message.into(),
            pointer: pointer.into(),
            range: None,
        }
    }

    /// The same diagnostic, narrowed to characters of its string value.
    pub fn with_range(mut self, range: Option<TextRange>) -> Self {
        self.range = range;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl From<&crate::source::ParseError> for Diagnostic {
    fn from(e: &crate::source::ParseError) -> Self {
        Diagnostic::error(Code::SyntaxError, "", e.to_string())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}[{}]: {}",
            if self.pointer.is_empty() {
                "/"
            } else {
                &self.pointer
            },
            self.severity,
            self.code,
            self.message
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            let s = c.as_str();
            assert!(seen.insert(s), "duplicate code {s}");
            assert!(
                s.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-'),
                "{s}"
            );
            let json = serde_json::to_string(c).expect("serialize code");
            assert_eq!(json, format!("\"{s}\""));
        }
    }
}
