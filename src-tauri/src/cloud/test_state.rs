//! The inspector's data-flow preview run by AWS (TestState), answered in the shape of the
//! local preview so the window can set the two side by side, stage by stage.

use crate::error::AppError;
use crate::run::events::pretty;
use crate::run::ipc::{PreviewReply, PreviewRequest, PreviewStatus, StageName, StageValue};
use serde_json::Value;
use stepwise_cloud::{InspectionLevel, StateTest};

/// AWS's `inspectionData` fields in the order a state applies them, as the local stages.
const STAGES: [(&str, StageName); 8] = [
    ("input", StageName::Input),
    ("afterInputPath", StageName::AfterInputPath),
    ("afterParameters", StageName::AfterParameters),
    ("afterArguments", StageName::AfterArguments),
    ("result", StageName::Result),
    ("afterResultSelector", StageName::AfterResultSelector),
    ("afterResultPath", StageName::AfterResultPath),
    ("variables", StageName::Variables),
];

/// What to send TestState for the state at `request.pointer` of `definition`. A top-level
/// state is tested in its machine (`stateName`); a state inside a Parallel or Map alone, with
/// the machine's query language, since TestState names only top-level states.
pub fn state_test(
    definition: &Value,
    request: &PreviewRequest,
    level: InspectionLevel,
    role_arn: Option<String>,
) -> Result<StateTest, AppError> {
    let state = definition
        .pointer(&request.pointer)
        .filter(|s| s.is_object())
        .ok_or_else(|| AppError::InvalidRequest {
            message: format!("No state at {}", request.pointer),
            pointer: Some(request.pointer.clone()),
        })?;
    let parts: Vec<&str> = request.pointer.split('/').skip(1).collect();
    let (text, state_name) = match parts.as_slice() {
        ["States", name] => (
            stepwise_asl::to_json_string(definition),
            Some(name.replace("~1", "/").replace("~0", "~")),
        ),
        _ => {
            let mut alone = state.clone();
            if let (Some(lang), Some(obj)) =
                (definition.get("QueryLanguage"), alone.as_object_mut())
            {
                obj.entry("QueryLanguage").or_insert_with(|| lang.clone());
            }
            (stepwise_asl::to_json_string(&alone), None)
        }
    };
    let error = request
        .error
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty());
    Ok(StateTest {
        definition: text,
        state_name,
        role_arn,
        input: request.input.clone(),
        level,
        variables: Some(request.variables.trim())
            .filter(|v| !v.is_empty())
            .map(str::to_string),
        mock_result: match error {
            None => request.result.clone().filter(|r| !r.trim().is_empty()),
            Some(_) => None,
        },
        mock_error: error.map(|e| (e.to_string(), request.cause.clone().unwrap_or_default())),
    })
}

/// TestState's answer (`status`, `output`, `error`, `cause`, `nextState`, `inspectionData`
/// with each stage as JSON text) as a preview reply.
pub fn reply(answer: &Value) -> Result<PreviewReply, AppError> {
    let status = match answer["status"].as_str() {
        Some("SUCCEEDED") => PreviewStatus::Succeeded,
        Some("FAILED") => PreviewStatus::Failed,
        Some("RETRIABLE") => PreviewStatus::Retriable,
        Some("CAUGHT_ERROR") => PreviewStatus::CaughtError,
        other => {
            return Err(AppError::Cloud(format!(
                "TestState answered an unknown status {other:?}"
            )))
        }
    };
    let data = &answer["inspectionData"];
    let stages = STAGES
        .iter()
        .filter_map(|(field, stage)| {
            data[field].as_str().map(|text| StageValue {
                stage: *stage,
                value: as_pretty(text),
            })
        })
        .collect();
    let text = |f: &str| answer[f].as_str().map(str::to_string);
    Ok(PreviewReply {
        status,
        stages,
        output: answer["output"].as_str().map(as_pretty),
        error: text("error"),
        cause: text("cause"),
        next_state: text("nextState"),
    })
}

/// JSON text indented as the local preview shows it; kept as is when it is not JSON.
fn as_pretty(text: &str) -> String {
    serde_json::from_str::<Value>(text)
        .map(|v| pretty(&v))
        .unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn request(pointer: &str) -> PreviewRequest {
        PreviewRequest {
            pointer: pointer.into(),
            input: r#"{"a": 1}"#.into(),
            result: Some(r#"{"ok": true}"#.into()),
            error: None,
            cause: None,
            variables: String::new(),
        }
    }

    #[test]
    fn a_top_level_state_is_tested_in_its_machine_a_nested_one_alone() {
        let machine = json!({"QueryLanguage": "JSONata", "StartAt": "P", "States": {
            "P": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "In", "States": {"In": {"Type": "Pass", "End": true}}}]}}});
        let top = state_test(
            &machine,
            &request("/States/P"),
            InspectionLevel::Debug,
            None,
        )
        .expect("top");
        assert_eq!(top.state_name.as_deref(), Some("P"));
        assert_eq!(
            serde_json::from_str::<Value>(&top.definition).ok(),
            Some(machine.clone())
        );
        let nested = state_test(
            &machine,
            &request("/States/P/Branches/0/States/In"),
            InspectionLevel::Trace,
            None,
        )
        .expect("nested");
        assert_eq!(nested.state_name, None);
        assert_eq!(
            serde_json::from_str::<Value>(&nested.definition).ok(),
            Some(json!({"Type": "Pass", "End": true, "QueryLanguage": "JSONata"}))
        );
        assert_eq!(nested.mock_result.as_deref(), Some(r#"{"ok": true}"#));
        assert!(state_test(
            &machine,
            &request("/States/Nope"),
            InspectionLevel::Info,
            None
        )
        .is_err());
    }

    #[test]
    fn a_failing_mock_sends_its_error_and_no_result() {
        let machine = json!({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}});
        let mut r = request("/States/T");
        r.error = Some(" Lambda.ServiceException ".into());
        r.cause = Some("boom".into());
        let t = state_test(
            &machine,
            &r,
            InspectionLevel::Info,
            Some("arn:aws:iam::1:role/r".into()),
        )
        .expect("test");
        assert_eq!(t.mock_result, None);
        assert_eq!(
            t.mock_error,
            Some(("Lambda.ServiceException".into(), "boom".into()))
        );
        assert_eq!(t.role_arn.as_deref(), Some("arn:aws:iam::1:role/r"));
    }

    #[test]
    fn an_answer_becomes_a_preview_reply_stage_by_stage() {
        let answer = json!({
            "status": "CAUGHT_ERROR", "error": "States.TaskFailed", "cause": "no", "nextState": "Handle",
            "output": "{\"Error\":\"States.TaskFailed\"}",
            "inspectionData": {"input": "{\"a\":1}", "afterParameters": "{\"b\":1}", "result": "not json"}
        });
        let r = reply(&answer).expect("reply");
        assert_eq!(r.status, PreviewStatus::CaughtError);
        let stages: Vec<(StageName, &str)> = r
            .stages
            .iter()
            .map(|s| (s.stage, s.value.as_str()))
            .collect();
        assert_eq!(stages[0].0, StageName::Input);
        assert_eq!(stages[1].0, StageName::AfterParameters);
        assert_eq!(stages[2], (StageName::Result, "not json"));
        assert_eq!(r.next_state.as_deref(), Some("Handle"));
        assert!(reply(&json!({"status": "PENDING"})).is_err());
    }
}
