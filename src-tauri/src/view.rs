//! Building the window's view of a definition: validation, layout, the state list, and where
//! each problem and state is in the code view's text.

use crate::ipc::{DocumentView, ProblemRow, StateRow, TextError};
use crate::project::SubstitutionRow;
use serde_json::Value;
use stepwise_asl::diagnostic::TextRange;
use stepwise_asl::{pointer, span, Document, SourceFormat};
use stepwise_layout::Diagram;
use stepwise_project::subst::{self, Substitutions};

/// The diagram of a definition; a definition with broken states still gets one (those states
/// are drawn as plain states, and the problems list says what is wrong with them).
pub fn diagram(value: &Value) -> Diagram {
    stepwise_layout::layout(&stepwise_asl::lenient_machine(value))
}

/// The parts of the view that depend on the definition and the text; the workspace fills in
/// the file and history fields.
pub fn build(
    value: &Value,
    text: &str,
    format: SourceFormat,
    text_error: Option<TextError>,
    subs: &Substitutions,
) -> DocumentView {
    build_drawn(value, text, format, text_error, subs, diagram(value))
}

/// [`build`] around a diagram laid out elsewhere (compare mode's, which draws more than the
/// definition has).
pub fn build_drawn(
    value: &Value,
    text: &str,
    format: SourceFormat,
    text_error: Option<TextError>,
    subs: &Substitutions,
    drawn: Diagram,
) -> DocumentView {
    // The machine is checked as it will be deployed: its placeholders replaced by what the
    // project gives them (the rest stay placeholders, which the validator understands).
    let substitutions = crate::project::rows(value, subs);
    let checked = if substitutions.is_empty() {
        value.clone()
    } else {
        subst::apply(value, subs).definition
    };
    let doc = Document::from_value(checked, format, text.len());
    let string = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_string);
    let mut states: Vec<StateRow> = doc.states().into_iter().map(StateRow::from).collect();
    let mut problems: Vec<ProblemRow> = doc
        .diagnostics
        .iter()
        .map(|d| ProblemRow {
            severity: d.severity.into(),
            code: d.code.as_str().to_string(),
            message: d.message.clone(),
            pointer: d.pointer.clone(),
            state: owning_state(&d.pointer),
            from: None,
            to: None,
        })
        .collect();
    // Where inside its string value each problem is (a JSONata syntax error's characters).
    let ranges: Vec<Option<TextRange>> = doc.diagnostics.iter().map(|d| d.range).collect();
    // Spans only mean something when the text is the definition (not while it is broken).
    if text_error.is_none() {
        place(text, &mut states, &mut problems, &ranges);
    }
    DocumentView {
        path: None,
        file_name: String::new(),
        title: String::new(),
        format: format.into(),
        revision: 0,
        dirty: false,
        text: text.to_string(),
        text_error,
        comment: string("Comment"),
        start_at: string("StartAt"),
        states,
        problems,
        diagram: named_placeholders(drawn, value, &substitutions),
        can_undo: false,
        can_redo: false,
        undo_label: None,
        redo_label: None,
        conflict: false,
        error: None,
        project: None,
        read_only: None,
        substitutions,
    }
}

/// A Task whose `Resource` is one placeholder is drawn with what the placeholder names: the
/// template's resource (`ProcessFunction`), else the placeholder's name, not `${...}`.
fn named_placeholders(mut d: Diagram, value: &Value, subs: &[SubstitutionRow]) -> Diagram {
    for node in &mut d.nodes {
        let resource = value
            .pointer(&format!("{}/Resource", node.id))
            .and_then(Value::as_str);
        if let Some(name) = resource.and_then(stepwise_asl::is_placeholder_only) {
            let row = subs.iter().find(|r| r.name == name);
            let shown = row
                .and_then(|r| r.resource.as_ref())
                .map_or(name, |r| r.id.as_str());
            node.subtitle = Some(shown.to_string());
        }
    }
    d
}

/// Finds every state's and problem's text range in one scan of the text; a problem about
/// characters of a string value (`ranges`) gets those characters' range.
fn place(
    text: &str,
    states: &mut [StateRow],
    problems: &mut [ProblemRow],
    ranges: &[Option<TextRange>],
) {
    let pointers: Vec<&str> = states
        .iter()
        .map(|s| s.pointer.as_str())
        .chain(problems.iter().map(|p| p.pointer.as_str()))
        .collect();
    let spans = span::locate_spans(text, &pointers);
    let utf16 = span::Utf16Index::new(text);
    let conv = |range: Option<(usize, usize)>| match range {
        Some((a, b)) => (
            u32::try_from(utf16.offset(a)).ok(),
            u32::try_from(utf16.offset(b)).ok(),
        ),
        None => (None, None),
    };
    let (state_spans, problem_spans) = spans.split_at(states.len());
    for (s, r) in states.iter_mut().zip(state_spans) {
        (s.from, s.to) = conv(*r);
    }
    for ((p, r), within) in problems.iter_mut().zip(problem_spans).zip(ranges) {
        let narrowed = match (r, within) {
            (Some(value), Some(range)) => span::locate_in_string(text, *value, *range).or(*r),
            _ => *r,
        };
        (p.from, p.to) = conv(narrowed);
    }
}

/// The innermost state a pointer is in: `/States/A/Retry/0` -> `/States/A`,
/// `/States/P/Branches/0/States/B/Next` -> `/States/P/Branches/0/States/B`.
pub fn owning_state(p: &str) -> Option<String> {
    let tokens = pointer::split(p);
    let mut last = None;
    let mut i = 0;
    while i + 1 < tokens.len() {
        if tokens[i] == "States" && is_scope_prefix(&tokens[..i]) {
            last = Some(i + 2);
        }
        i += 1;
    }
    let end = last?;
    let mut out = pointer::Pointer::root();
    for t in &tokens[..end] {
        out = out.key(t);
    }
    Some(out.to_string())
}

/// Whether `tokens` addresses a scope (the machine, a Parallel branch, a Map processor), so
/// that a `States` key under it is a state map and not, say, a field of a Pass `Result`.
fn is_scope_prefix(tokens: &[String]) -> bool {
    match tokens {
        [] => true,
        [.., states, _name, branches, index]
            if states == "States" && branches == "Branches" && index.parse::<usize>().is_ok() =>
        {
            is_scope_prefix(&tokens[..tokens.len() - 4])
        }
        [.., states, _name, proc]
            if states == "States" && (proc == "ItemProcessor" || proc == "Iterator") =>
        {
            is_scope_prefix(&tokens[..tokens.len() - 3])
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{build, owning_state};
    use stepwise_asl::SourceFormat;

    #[test]
    fn a_jsonata_syntax_error_underlines_its_characters_not_the_whole_string() {
        // The escaped quotes count once in the expression but twice in the text.
        let text = r#"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "{% \"é\" & (1 + ) %}", "End": true}}}"#;
        let value: serde_json::Value = serde_json::from_str(text).expect("json");
        let view = build(
            &value,
            text,
            SourceFormat::Json,
            None,
            &stepwise_project::subst::Substitutions::default(),
        );
        let p = view
            .problems
            .iter()
            .find(|p| p.code == "jsonata-syntax")
            .expect("a jsonata-syntax problem");
        let (from, to) = (p.from.expect("from") as usize, p.to.expect("to") as usize);
        let string_at = text.find("\"{%").expect("the string") + 1;
        // Inside the string literal, not the whole of it, and on the `)` at fault.
        assert!(from > string_at && to < text.len(), "{from}..{to}");
        // `é` is one UTF-16 unit, so offsets are byte offsets minus one after it.
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let underlined = String::from_utf16_lossy(&utf16[from..to]);
        assert_eq!(underlined, ")", "{p:?}");
    }

    #[test]
    fn problems_belong_to_the_innermost_state() {
        assert_eq!(
            owning_state("/States/A/Retry/0").as_deref(),
            Some("/States/A")
        );
        assert_eq!(owning_state("/States/A").as_deref(), Some("/States/A"));
        assert_eq!(
            owning_state("/States/P/Branches/1/States/B/Next").as_deref(),
            Some("/States/P/Branches/1/States/B")
        );
        assert_eq!(
            owning_state("/States/M/ItemProcessor/States/C~1D/Type").as_deref(),
            Some("/States/M/ItemProcessor/States/C~1D")
        );
        assert_eq!(owning_state("/StartAt"), None);
        assert_eq!(owning_state(""), None);
        // A `States` key inside a Pass Result is data, not a state map.
        assert_eq!(
            owning_state("/States/A/Result/States/x").as_deref(),
            Some("/States/A")
        );
    }
}
