//! Evaluation errors worded as jsonata-js 2.0.6 words them.
//!
//! `jsonata-core` raises jsonata-js's codes with its own wording, and leaves out the token
//! (the operator or function at fault) that jsonata-js names. Here each error gets
//! jsonata-js's template for its code, filled with what `jsonata-core`'s message or the
//! expression itself tells:
//! - a template with nothing to fill is used as is;
//! - an operator (`T2001`, `T2002`, `T2009`, `T2010`) or a value (`D3030`, `D3100`, ...) is
//!   read from `jsonata-core`'s message;
//! - a function (`T0410`-`T0412`, `D3137`, ...) is named by `jsonata-core` at times, and
//!   otherwise by the expression when it leaves no doubt: the built-in calls that could have
//!   failed that way (with that many arguments, or enough for the argument named) are all
//!   calls of one function.
//!
//! Whatever cannot be filled keeps `jsonata-core`'s words, with jsonata-js's code.

use crate::lexer::{Kind, Token};
use crate::{builtin_arity, Call, Error};

/// jsonata-js 2.0.6's templates for evaluation errors. `{{x}}` is filled with JSON
/// (`JSON.stringify`), `{{{x}}}` with the text itself.
const TEMPLATES: &[(&str, &str)] = &[
    ("T0410", "Argument {{index}} of function {{token}} does not match function signature"),
    ("T0411", "Context value is not a compatible type with argument {{index}} of function {{token}}"),
    ("T0412", "Argument {{index}} of function {{token}} must be an array of {{type}}"),
    ("D1001", "Number out of range: {{value}}"),
    ("D1002", "Cannot negate a non-numeric value: {{value}}"),
    ("T1003", "Key in object structure must evaluate to a string; got: {{value}}"),
    ("D1004", "Regular expression matches zero length string"),
    ("T1005", "Attempted to invoke a non-function. Did you mean ${{{token}}}?"),
    ("T1006", "Attempted to invoke a non-function"),
    ("T1007", "Attempted to partially apply a non-function. Did you mean ${{{token}}}?"),
    ("T1008", "Attempted to partially apply a non-function"),
    ("D1009", "Multiple key definitions evaluate to same key: {{value}}"),
    ("D1010", "Attempted to access the Javascript object prototype"),
    ("T1010", "The matcher function argument passed to function {{token}} does not return the correct object structure"),
    ("T2001", "The left side of the {{token}} operator must evaluate to a number"),
    ("T2002", "The right side of the {{token}} operator must evaluate to a number"),
    ("T2003", "The left side of the range operator (..) must evaluate to an integer"),
    ("T2004", "The right side of the range operator (..) must evaluate to an integer"),
    ("D2005", "The left side of := must be a variable name (start with $)"),
    ("T2006", "The right side of the function application operator ~> must be a function"),
    ("T2007", "Type mismatch when comparing values {{value}} and {{value2}} in order-by clause"),
    ("T2008", "The expressions within an order-by clause must evaluate to numeric or string values"),
    ("T2009", "The values {{value}} and {{value2}} either side of operator {{token}} must be of the same data type"),
    ("T2010", "The expressions either side of operator {{token}} must evaluate to numeric or string values"),
    ("T2011", "The insert/update clause of the transform expression must evaluate to an object: {{value}}"),
    ("T2012", "The delete clause of the transform expression must evaluate to a string or array of strings: {{value}}"),
    ("T2013", "The transform expression clones the input object using the $clone() function.  This has been overridden in the current scope by a non-function."),
    ("D2014", "The size of the sequence allocated by the range operator (..) must not exceed 1e6.  Attempted to allocate {{value}}."),
    ("D3001", "Attempting to invoke string function on Infinity or NaN"),
    ("D3010", "Second argument of replace function cannot be an empty string"),
    ("D3011", "Fourth argument of replace function must evaluate to a positive number"),
    ("D3012", "Attempted to replace a matched string with a non-string value"),
    ("D3020", "Third argument of split function must evaluate to a positive number"),
    ("D3030", "Unable to cast value to a number: {{value}}"),
    ("D3040", "Third argument of match function must evaluate to a positive number"),
    ("D3050", "The second argument of reduce function must be a function with at least two arguments"),
    ("D3060", "The sqrt function cannot be applied to a negative number: {{value}}"),
    ("D3061", "The power function has resulted in a value that cannot be represented as a JSON number: base={{value}}, exponent={{exp}}"),
    ("D3070", "The single argument form of the sort function can only be applied to an array of strings or an array of numbers.  Use the second argument to specify a comparison function"),
    ("D3080", "The picture string must only contain a maximum of two sub-pictures"),
    ("D3081", "The sub-picture must not contain more than one instance of the 'decimal-separator' character"),
    ("D3082", "The sub-picture must not contain more than one instance of the 'percent' character"),
    ("D3083", "The sub-picture must not contain more than one instance of the 'per-mille' character"),
    ("D3084", "The sub-picture must not contain both a 'percent' and a 'per-mille' character"),
    ("D3085", "The mantissa part of a sub-picture must contain at least one character that is either an 'optional digit character' or a member of the 'decimal digit family'"),
    ("D3086", "The sub-picture must not contain a passive character that is preceded by an active character and that is followed by another active character"),
    ("D3087", "The sub-picture must not contain a 'grouping-separator' character that appears adjacent to a 'decimal-separator' character"),
    ("D3088", "The sub-picture must not contain a 'grouping-separator' at the end of the integer part"),
    ("D3089", "The sub-picture must not contain two adjacent instances of the 'grouping-separator' character"),
    ("D3090", "The integer part of the sub-picture must not contain a member of the 'decimal digit family' that is followed by an instance of the 'optional digit character'"),
    ("D3091", "The fractional part of the sub-picture must not contain an instance of the 'optional digit character' that is followed by a member of the 'decimal digit family'"),
    ("D3092", "A sub-picture that contains a 'percent' or 'per-mille' character must not contain a character treated as an 'exponent-separator'"),
    ("D3093", "The exponent part of the sub-picture must comprise only of one or more characters that are members of the 'decimal digit family'"),
    ("D3100", "The radix of the formatBase function must be between 2 and 36.  It was given {{value}}"),
    ("D3110", "The argument of the toMillis function must be an ISO 8601 formatted timestamp. Given {{value}}"),
    ("D3120", "Syntax error in expression passed to function eval: {{value}}"),
    ("D3121", "Dynamic error evaluating the expression passed to function eval: {{value}}"),
    ("D3130", "Formatting or parsing an integer as a sequence starting with {{value}} is not supported by this implementation"),
    ("D3131", "In a decimal digit pattern, all digits must be from the same decimal group"),
    ("D3132", "Unknown component specifier {{value}} in date/time picture string"),
    ("D3133", "The 'name' modifier can only be applied to months and days in the date/time picture string, not {{value}}"),
    ("D3134", "The timezone integer format specifier cannot have more than four digits"),
    ("D3135", "No matching closing bracket ']' in date/time picture string"),
    ("D3136", "The date/time picture string is missing specifiers required to parse the timestamp"),
    ("D3137", "{{{message}}}"),
    ("D3138", "The $single() function expected exactly 1 matching result.  Instead it matched more."),
    ("D3139", "The $single() function expected exactly 1 matching result.  Instead it matched 0."),
    ("D3140", "Malformed URL passed to ${{{functionName}}}(): {{value}}"),
    ("D3141", "{{{message}}}"),
];

fn template(code: &str) -> Option<&'static str> {
    TEMPLATES.iter().find(|(c, _)| *c == code).map(|(_, t)| *t)
}

/// `core`, an error as `jsonata-core` words it, as jsonata-js words it; `calls` are the
/// expression's calls.
pub(crate) fn reword(core: Error, calls: &[Call], tokens: &[Token]) -> Error {
    let Some(template) = template(&core.code) else {
        return core;
    };
    if !template.contains("{{") {
        return Error {
            message: template.to_string(),
            ..core
        };
    }
    let mut fill = Fill::default();
    let m = core.message.as_str();
    match core.code.as_str() {
        "T2001" | "T2002" => fill.token = between(m, "side of the ", " operator"),
        "T2009" | "T2010" => {
            fill.token = between(m, "operator \"", "\"")
                .or_else(|| between(m, "operator ", " "))
                .or_else(|| only_comparison(tokens))
        }
        "T0410" | "T0411" | "T0412" => {
            // The context stands for the first argument.
            fill.index = argument_index(m).or((core.code == "T0411").then_some(1));
            let lambda = m.contains("of function does") || m.contains("of function must");
            fill.token = if lambda {
                // A lambda's signature: jsonata-js names the variable it was called through,
                // or `undefined` (an anonymous one).
                fill.bare_token = true;
                Some(
                    culprit(calls, m, fill.index, true)
                        .map_or("undefined".to_string(), |n| json(&n)),
                )
            } else {
                named_function(m).or_else(|| culprit(calls, m, fill.index, false))
            };
            fill.kind = between(m, "array of ", "").map(|t| plural(&t));
            if fill.index.is_none() {
                fill.index = count_mismatch(m, fill.token.as_deref());
            }
        }
        "T1010" => fill.token = named_function(m),
        // `Attempted to invoke a non-function: $foo`.
        "T1006" | "T1008" => fill.token = m.rsplit_once(": $").map(|(_, name)| name.to_string()),
        "D3030" => {
            fill.value = m
                .split_once("convert '")
                .and_then(|(_, rest)| rest.rsplit_once("' to"))
                .map(|(v, _)| json(v))
        }
        "D3100" => fill.value = between(m, "got ", ""),
        "D3130" | "D3132" | "D3133" => fill.value = Some(json(m)),
        // The number is infinite or NaN, which JSON writes as `null`.
        "D1001" => fill.value = Some("null".to_string()),
        "D3121" => {
            let inner = m.split_once(": ").map_or(m, |(_, rest)| rest);
            fill.value = Some(json(&crate::errors::coded(inner, "").message));
        }
        "D3137" | "D3141" => fill.message = Some(m.to_string()),
        _ => {}
    }
    if fill.token.is_none() {
        fill.token = raised_by(&core.code).and_then(|names| {
            let called: Vec<&str> = names
                .iter()
                .copied()
                .filter(|n| calls.iter().any(|c| !c.local && c.name == *n))
                .collect();
            (called.len() == 1).then(|| called[0].to_string())
        });
    }
    fill.apply(template, core)
}

/// The comparison operator (`<`, `<=`, `>`, `>=`) of an expression that has only that one.
fn only_comparison(tokens: &[Token]) -> Option<String> {
    let mut ops = tokens.iter().filter(|t| {
        t.kind == Kind::Operator && matches!(t.value.as_str(), "<" | "<=" | ">" | ">=")
    });
    let first = ops.next()?;
    ops.all(|t| t.value == first.value)
        .then(|| first.value.clone())
}

/// The built-in functions that raise `code`: jsonata-js names the one called as the token.
fn raised_by(code: &str) -> Option<&'static [&'static str]> {
    Some(match code {
        "D3137" => &["error"],
        "D3141" => &["assert"],
        "D3140" => &[
            "decodeUrl",
            "decodeUrlComponent",
            "encodeUrl",
            "encodeUrlComponent",
        ],
        "D3100" => &["formatBase"],
        "D3120" | "D3121" => &["eval"],
        "D3030" => &["number"],
        "D3010" | "D3011" | "D3012" => &["replace"],
        "D3020" => &["split"],
        "D3040" => &["match"],
        "D3050" => &["reduce"],
        "D3060" => &["sqrt"],
        "D3061" => &["power"],
        "D3070" => &["sort"],
        "D3138" | "D3139" => &["single"],
        "D3110" => &["toMillis"],
        "D3080" | "D3081" | "D3082" | "D3083" | "D3084" | "D3085" | "D3086" | "D3087" | "D3088"
        | "D3089" | "D3090" | "D3091" | "D3092" | "D3093" => &["formatNumber"],
        "D3130" | "D3131" | "D3132" | "D3133" | "D3134" | "D3135" | "D3136" => &[
            "formatInteger",
            "parseInteger",
            "fromMillis",
            "toMillis",
            "now",
        ],
        _ => return None,
    })
}

#[derive(Default)]
struct Fill {
    token: Option<String>,
    /// `token` is already as the message shows it (not to be quoted).
    bare_token: bool,
    value: Option<String>,
    index: Option<usize>,
    kind: Option<String>,
    message: Option<String>,
}

impl Fill {
    /// The template filled, if everything it names is known; `core` otherwise (with the
    /// token, if that is known).
    fn apply(self, template: &str, core: Error) -> Error {
        let mut text = template.to_string();
        let mut complete = true;
        let mut put = |name: &str, triple: bool, value: Option<String>| {
            let hole = if triple {
                format!("{{{{{{{name}}}}}}}")
            } else {
                format!("{{{{{name}}}}}")
            };
            if text.contains(&hole) {
                match value {
                    Some(v) => text = text.replace(&hole, &v),
                    None => complete = false,
                }
            }
        };
        put("token", true, self.token.clone());
        let shown = if self.bare_token {
            self.token.clone()
        } else {
            self.token.as_deref().map(json)
        };
        put("token", false, shown);
        put("value", false, self.value.clone());
        put("index", false, self.index.map(|i| i.to_string()));
        put("type", false, self.kind.as_deref().map(json));
        put("message", true, self.message.clone());
        let token = if self.bare_token { None } else { self.token };
        if complete && !text.contains("{{") {
            Error {
                message: text,
                token: token.or(core.token.clone()),
                ..core
            }
        } else {
            Error {
                token: token.or(core.token.clone()),
                ..core
            }
        }
    }
}

fn json(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// The text between `before` and `after` (or the end, when `after` is empty).
fn between(m: &str, before: &str, after: &str) -> Option<String> {
    let start = m.find(before)? + before.len();
    let rest = &m[start..];
    let end = if after.is_empty() {
        rest.len()
    } else {
        rest.find(after)?
    };
    let found = rest[..end].trim().trim_matches('"').to_string();
    (!found.is_empty()).then_some(found)
}

/// `Argument N` in the message.
fn argument_index(m: &str) -> Option<usize> {
    between(m, "rgument ", " ").and_then(|n| n.parse().ok())
}

/// A function `jsonata-core` names: `function $join`, `function substring`.
fn named_function(m: &str) -> Option<String> {
    m.match_indices("function ").find_map(|(i, found)| {
        let rest = &m[i + found.len()..];
        let name = rest.split([' ', '(', ':']).next()?.trim_start_matches('$');
        builtin_arity(name).is_some().then(|| name.to_string())
    })
}

/// jsonata-js's word for the items an array signature wants (`a<n>`: "numbers").
fn plural(kind: &str) -> String {
    match kind.trim_end_matches('s').to_ascii_lowercase().as_str() {
        "number" | "n" => "numbers".into(),
        "string" | "s" => "strings".into(),
        "boolean" | "b" => "booleans".into(),
        "object" | "o" => "objects".into(),
        "array" | "a" => "arrays".into(),
        "function" | "f" => "functions".into(),
        other => other.to_string(),
    }
}

/// The argument jsonata-js blames for a call with the wrong number of arguments: the first
/// one too many, or the first one missing.
fn count_mismatch(m: &str, function: Option<&str>) -> Option<usize> {
    let got: usize = between(m, "got ", "")?.parse().ok()?;
    let most = function.and_then(builtin_arity).map(|r| *r.end());
    Some(match most {
        Some(most) if got > most => most + 1,
        _ => got + 1,
    })
}

/// The built-in function whose call must have failed: the calls that can fail that way
/// (with `got` arguments for a count mismatch, or at least `index` arguments), when they
/// are all calls of one function.
/// With `local`, the calls of functions the expression binds itself instead.
fn culprit(calls: &[Call], m: &str, index: Option<usize>, local: bool) -> Option<String> {
    let got: Option<usize> = between(m, "got ", "").and_then(|g| g.parse().ok());
    let mut names = calls
        .iter()
        .filter(|c| c.local == local)
        .filter(|c| local || builtin_arity(&c.name).is_some())
        .filter(|c| match (got, index) {
            (Some(got), _) if m.contains("count mismatch") => c.args == got,
            (_, Some(index)) => c.args >= index || (index == 1 && c.args == 0),
            _ => true,
        })
        .map(|c| c.name.as_str());
    let first = names.next()?;
    names.all(|n| n == first).then(|| first.to_string())
}

/// Where the evaluation error `e` happened, as jsonata-js places it, when the expression
/// leaves no doubt (`jsonata-core` does not say): a type error of an operator (`T2001`, ...)
/// at the operator, if the expression has only one such operator; a signature error
/// (`T0410`, ...) at the `(` of the call, if the function is called only once. Not inside a
/// function body, whose errors jsonata-js places at the call of the function; nor for an
/// error a built-in raises (`D3030`, ...), which jsonata-js places by the enclosing node.
pub(crate) fn place(mut e: Error, calls: &[Call], tokens: &[Token]) -> Error {
    if e.position.is_some() || !e.code.starts_with('T') {
        return e;
    }
    let Some(token) = e.token.as_deref() else {
        return e;
    };
    let operators: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.kind == Kind::Operator && t.value == token)
        .collect();
    let named: Vec<&Call> = calls.iter().filter(|c| c.name == token).collect();
    let site = match (operators.as_slice(), named.as_slice()) {
        ([op], []) => Some(op.end),
        ([], [call]) => tokens
            .iter()
            .find(|t| t.start == call.position && t.is_op("("))
            .map(|t| t.end),
        _ => None,
    };
    let bodies = function_bodies(tokens);
    e.position = site.filter(|at| !bodies.iter().any(|(from, to)| from < at && at <= to));
    e
}

/// The spans (`{` to `}`, by character offset) of the function bodies in `tokens`.
fn function_bodies(tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != Kind::Name || !matches!(t.value.as_str(), "function" | "λ") {
            continue;
        }
        // The first `{` after the parameters (and signature) opens the body.
        let Some(open) = tokens[i..].iter().position(|t| t.is_op("{")).map(|k| i + k) else {
            continue;
        };
        let mut depth = 0usize;
        for t in &tokens[open..] {
            if t.is_op("{") {
                depth += 1;
            } else if t.is_op("}") {
                depth -= 1;
                if depth == 0 {
                    spans.push((tokens[open].start, t.end));
                    break;
                }
            }
        }
    }
    spans
}
