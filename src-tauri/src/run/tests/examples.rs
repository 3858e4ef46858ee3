//! The bundled examples run; a machine switched between query languages runs the same.

use super::*;

#[test]
fn every_example_with_mocks_runs_its_happy_path() {
    let (_dir, runs) = runs();
    let mut ran = 0;
    for crate::examples::Example { file: id, text, .. } in crate::examples::EXAMPLES {
        let origin = Origin::Example((*id).to_string());
        let setup = runs.setup(&origin).expect("setup");
        let Some(file) = setup.files.first() else {
            continue;
        };
        assert!(
            file.test_cases.iter().any(|c| c == "HappyPath"),
            "{id}: {:?}",
            file.test_cases
        );
        let format = if id.ends_with(".yaml") {
            stepwise_asl::SourceFormat::Yaml
        } else {
            stepwise_asl::SourceFormat::Json
        };
        let def = stepwise_asl::Document::parse(text.as_bytes(), Some(format))
            .expect("example parses")
            .value;
        let (w, emit) = window();
        let tasks = TaskSource::Mocks {
            path: file.path.clone(),
            test_case: "HappyPath".into(),
        };
        runs.start(
            Subject {
                origin,
                definition: &def,
            },
            request(&setup.input, tasks, &[]),
            emit,
        )
        .unwrap_or_else(|e| panic!("{id}: {e}"));
        let end = w.ended();
        assert_eq!(
            end.summary.status,
            RunStatus::Succeeded,
            "{id}: {:?} {:?}",
            end.summary.error,
            end.summary.cause
        );
        ran += 1;
    }
    assert_eq!(
        ran, 7,
        "the examples with mock configs (jsonata-orders too)"
    );
}

/// The conversion to JSONata keeps what a machine does: a JSONPath machine using every kind of
/// field the conversion handles (InputPath, Parameters, ResultSelector, ResultPath, OutputPath,
/// the context, Choice comparisons, a Map's ItemsPath and ItemSelector) runs to the same output
/// through the same states once switched to JSONata, and back.
#[test]
fn a_machine_switched_between_languages_runs_the_same() {
    use stepwise_asl::edit::language::switch_machine;
    use stepwise_asl::model::QueryLanguage;
    let (dir, runs) = runs();
    let def = serde_json::json!({
        "StartAt": "Pick",
        "States": {
            "Pick": {"Type": "Pass", "InputPath": "$.order",
                     "Parameters": {"id.$": "$.id", "items.$": "$.items", "big.$": "$.total", "fixed": [1, {"a": "b"}]},
                     "ResultPath": "$.picked", "Next": "Fetch"},
            "Fetch": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                      "Parameters": {"FunctionName": "f", "Payload": {"id.$": "$.picked.id", "state.$": "$$.State.Name"}},
                      "ResultSelector": {"status.$": "$.Payload.status"}, "ResultPath": "$.fetched", "Next": "Route"},
            "Route": {"Type": "Choice", "Choices": [
                {"And": [{"Variable": "$.picked.big", "NumericGreaterThan": 100}, {"Variable": "$.order.vip", "BooleanEquals": true},
                         {"Not": {"Variable": "$.order.note", "IsPresent": true}}], "Next": "Each"},
                {"Variable": "$.fetched.status", "StringEquals": "ok", "Next": "Done"}
            ], "Default": "Done"},
            "Each": {"Type": "Map", "ItemsPath": "$.picked.items",
                     "ItemSelector": {"sku.$": "$$.Map.Item.Value.sku", "id.$": "$.picked.id", "status.$": "$.fetched.status"},
                     "ItemProcessor": {"StartAt": "Line", "States": {"Line": {"Type": "Pass",
                         "Parameters": {"line.$": "$.sku", "order.$": "$.id", "status.$": "$.status"}, "End": true}}},
                     "ResultPath": "$.lines", "OutputPath": "$.lines", "Next": "Done"},
            "Done": {"Type": "Succeed"}
        }
    });
    let mocks = dir.path().join("conv.mocks.json");
    std::fs::write(
        &mocks,
        r#"{"StateMachines": {"conv": {"TestCases": {"HappyPath": {"Fetch": "Ok"}}}},
            "MockedResponses": {"Ok": {"0": {"Return": {"StatusCode": 200, "Payload": {"status": "ok"}}}}}}"#,
    )
    .expect("write mocks");
    let origin = Origin::File(dir.path().join("conv.asl.json"));
    let input = r#"{"order": {"id": "o-1", "total": 120, "vip": true, "items": [{"sku": "a", "qty": 2}, {"sku": "b", "qty": 3}]}}"#;
    let run = |definition: &serde_json::Value| {
        let (w, emit) = window();
        let tasks = TaskSource::Mocks {
            path: mocks.display().to_string(),
            test_case: "HappyPath".into(),
        };
        runs.start(
            Subject {
                origin: origin.clone(),
                definition,
            },
            request(input, tasks, &[]),
            emit,
        )
        .expect("starts");
        let end = w.ended();
        let output = end
            .summary
            .output
            .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok());
        (end.summary.status, output, end.summary.error, w.entered())
    };
    let (status, output, error, entered) = run(&def);
    assert_eq!(status, RunStatus::Succeeded, "{error:?}");
    assert_eq!(
        output,
        Some(serde_json::json!([
            {"line": "a", "order": "o-1", "status": "ok"},
            {"line": "b", "order": "o-1", "status": "ok"}
        ]))
    );
    let jsonata = switch_machine(&def, QueryLanguage::Jsonata).expect("converts exactly");
    let (status2, output2, error2, entered2) = run(&jsonata);
    assert_eq!(status2, status, "{error2:?}\n{jsonata:#}");
    assert_eq!(output2, output, "{jsonata:#}");
    assert_eq!(entered2, entered);
    // The way back converts plain paths only: the conditions and the `$merge` a ResultPath
    // became are named as what stops it.
    let blockers = switch_machine(&jsonata, QueryLanguage::JsonPath).expect_err("not exact back");
    let at: Vec<&str> = blockers.iter().map(|b| b.pointer.as_str()).collect();
    assert_eq!(
        at,
        [
            "/States/Pick/Output",
            "/States/Fetch/Output",
            "/States/Route/Choices/0/Condition",
            "/States/Route/Choices/1/Condition",
            "/States/Each/Output"
        ]
    );
}
