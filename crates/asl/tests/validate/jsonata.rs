//! JSONata states: expressions parsed in every field that takes them, variables, and the
//! fields of the other query language.

use super::*;

/// A JSONata machine of `states`; the first state is StartAt.
fn jsonata_machine(states: Value) -> Value {
    let start = states
        .as_object()
        .and_then(|m| m.keys().next().cloned())
        .expect("a state");
    json!({"QueryLanguage": "JSONata", "StartAt": start, "States": states})
}

/// A JSONata machine of one Pass state `A` whose Output is `output`.
fn jsonata_output(output: Value) -> Value {
    jsonata_machine(json!({"A": {"Type": "Pass", "Output": output, "End": true}}))
}

const LAMBDA: &str = "arn:aws:states:::lambda:invoke";

/// One diagnostic a case must produce: pointer, code, characters of the string it underlines
/// (`None`: not checked) and how its message ends.
type Want = (&'static str, Code, Option<(usize, usize)>, &'static str);

/// Checks that the validator reports exactly `wants` for `machine`: each with its pointer,
/// code, range and message ending, and nothing else (no error or warning besides).
#[track_caller]
fn assert_exactly(case: &str, machine: &Value, wants: &[Want]) {
    let d = diagnostics(machine);
    for (pointer, code, range, ends) in wants {
        let found = d.iter().any(|x| {
            x.pointer == *pointer
                && x.code == *code
                && range.is_none_or(|r| x.range.map(|x| (x.start, x.end)) == Some(r))
                && x.message.ends_with(ends)
        });
        assert!(
            found,
            "{case}: expected {code} at {pointer} range {range:?} ending {ends:?}, got:\n{d:#?}"
        );
    }
    let extra: Vec<&Diagnostic> = d
        .iter()
        .filter(|x| {
            !wants
                .iter()
                .any(|(p, c, ..)| x.pointer == *p && x.code == *c)
        })
        .collect();
    assert!(
        extra.is_empty(),
        "{case}: unexpected diagnostics:\n{extra:#?}"
    );
}

#[test]
fn the_issue_example_reports_the_position_inside_the_expression() {
    // Issue 11: `"Output": "{% 1 + %}"` was accepted. jsonata-js reports the end of
    // " 1 + " at 5; the code view underlines the closing %} (characters 7..9 of the string).
    let v = jsonata_output(json!("{% 1 + %}"));
    assert_exactly(
        "issue example",
        &v,
        &[(
            "/States/A/Output",
            Code::JsonataSyntax,
            Some((7, 9)),
            "Unexpected end of expression at 5",
        )],
    );
    let d = diagnostics(&v);
    assert_eq!(
        d[0].to_string(),
        "/States/A/Output: error[jsonata-syntax]: Unexpected end of expression at 5"
    );
}

#[test]
fn every_field_that_takes_jsonata_is_parsed() {
    let syntax = |p: &'static str| -> Want { (p, Code::JsonataSyntax, None, "") };
    // Each broken expression ends with a bad token or too early; the pointer names the field.
    let cases: Vec<(&str, Value, Vec<&'static str>)> = vec![
        (
            "Arguments, nested in objects and arrays",
            jsonata_machine(
                json!({"A": {"Type": "Task", "Resource": LAMBDA, "End": true,
                "Arguments": {"Payload": {"list": [1, "{% $states.input.x + %}"]}}}}),
            ),
            vec!["/States/A/Arguments/Payload/list/1"],
        ),
        (
            "Credentials",
            jsonata_machine(
                json!({"A": {"Type": "Task", "Resource": LAMBDA, "End": true,
                "Credentials": {"RoleArn": "{% 'arn:' & %}"}}}),
            ),
            vec!["/States/A/Credentials/RoleArn"],
        ),
        (
            "TimeoutSeconds and HeartbeatSeconds",
            jsonata_machine(
                json!({"A": {"Type": "Task", "Resource": LAMBDA, "End": true,
                "TimeoutSeconds": "{% 3 * %}", "HeartbeatSeconds": "{% ( %}"}}),
            ),
            vec!["/States/A/TimeoutSeconds", "/States/A/HeartbeatSeconds"],
        ),
        (
            "Output and Assign of a state and of its Catch",
            jsonata_machine(json!({
                "A": {"Type": "Task", "Resource": LAMBDA, "Next": "B",
                    "Output": {"deep": ["{% ] %}"]}, "Assign": {"x": "{% [ %}"},
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B",
                        "Output": "{% $states.errorOutput. %}", "Assign": {"e": "{% ) %}"}}]},
                "B": {"Type": "Succeed"}
            })),
            vec![
                "/States/A/Output/deep/0",
                "/States/A/Assign/x",
                "/States/A/Catch/0/Output",
                "/States/A/Catch/0/Assign/e",
            ],
        ),
        (
            "Choice Condition, rule Output and Assign",
            jsonata_machine(json!({
                "C": {"Type": "Choice", "Default": "D", "Choices": [
                    {"Condition": "{% $states.input.a = %}", "Next": "D",
                        "Output": {"o": "{% 1 1 %}"}, "Assign": {"v": "{% { %}"}}
                ]},
                "D": {"Type": "Succeed"}
            })),
            vec![
                "/States/C/Choices/0/Condition",
                "/States/C/Choices/0/Output/o",
                "/States/C/Choices/0/Assign/v",
            ],
        ),
        (
            "Wait Seconds",
            jsonata_machine(json!({"W": {"Type": "Wait", "Seconds": "{% 60 * %}", "End": true}})),
            vec!["/States/W/Seconds"],
        ),
        (
            "Wait Timestamp",
            jsonata_machine(
                json!({"W": {"Type": "Wait", "Timestamp": "{% $now( %}", "End": true}}),
            ),
            vec!["/States/W/Timestamp"],
        ),
        (
            "Fail Error and Cause",
            jsonata_machine(
                json!({"F": {"Type": "Fail", "Error": "{% 'E' & %}", "Cause": "{% } %}"}}),
            ),
            vec!["/States/F/Error", "/States/F/Cause"],
        ),
        (
            "inline Map Items, ItemSelector, MaxConcurrency",
            jsonata_machine(json!({"M": {"Type": "Map", "End": true,
                "Items": "{% [1, 2 %}",
                "ItemSelector": {"v": "{% $states.context.Map.Item.Value.( %}"},
                "MaxConcurrency": "{% 1 + %}",
                "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}})),
            vec![
                "/States/M/Items",
                "/States/M/ItemSelector/v",
                "/States/M/MaxConcurrency",
            ],
        ),
        (
            "distributed Map: ToleratedFailure*, ItemReader, ItemBatcher",
            jsonata_machine(json!({"M": {"Type": "Map", "End": true,
                "ToleratedFailurePercentage": "{% 5 + %}",
                "ToleratedFailureCount": "{% 5 - %}",
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                    "ReaderConfig": {"InputType": "JSON", "MaxItems": "{% 10 / %}"},
                    "Arguments": {"Bucket": "{% $states.input.bucket & %}", "Key": "k"}},
                "ItemBatcher": {"MaxItemsPerBatch": "{% 2 * %}",
                    "BatchInput": {"at": "{% $states.context.Execution.StartTime. %}"}},
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}})),
            vec![
                "/States/M/ToleratedFailurePercentage",
                "/States/M/ToleratedFailureCount",
                "/States/M/ItemReader/ReaderConfig/MaxItems",
                "/States/M/ItemReader/Arguments/Bucket",
                "/States/M/ItemBatcher/MaxItemsPerBatch",
                "/States/M/ItemBatcher/BatchInput/at",
            ],
        ),
    ];
    for (case, machine, pointers) in cases {
        let wants: Vec<Want> = pointers.into_iter().map(syntax).collect();
        // Ranges are checked elsewhere; here only that each field reports.
        let d = diagnostics(&machine);
        for (pointer, code, ..) in &wants {
            assert!(
                has(&d, *code, pointer),
                "{case}: expected {code} at {pointer}, got:\n{d:#?}"
            );
        }
        let extra: Vec<&Diagnostic> = d
            .iter()
            .filter(|x| {
                !wants
                    .iter()
                    .any(|(p, c, ..)| x.pointer == *p && x.code == *c)
            })
            .collect();
        assert!(
            extra.is_empty(),
            "{case}: unexpected diagnostics:\n{extra:#?}"
        );
    }
}

#[test]
fn jsonata_rules_table() {
    use Code::*;
    let task = |extra: Value| {
        let mut t = json!({"Type": "Task", "Resource": LAMBDA, "End": true});
        if let (Some(t), Value::Object(extra)) = (t.as_object_mut(), extra) {
            t.extend(extra);
        }
        jsonata_machine(json!({ "A": t }))
    };
    let s = |x: &str| json!(x);
    #[rustfmt::skip]
    let cases: Vec<(&str, Value, Vec<Want>)> = vec![
        // Delimiters (AWS: a string starting {% must end %}; a string without them is a literal).
        ("opened, not closed", jsonata_output(s("{% 1 + 2")),
            vec![("/States/A/Output", InvalidJsonata, None, "\"{% 1 + 2\"")]),
        ("closed, not opened", jsonata_output(s("1 + 2 %}")),
            vec![("/States/A/Output", InvalidJsonata, None, "\"1 + 2 %}\"")]),
        ("empty", jsonata_output(s("{%  %}")),
            vec![("/States/A/Output", InvalidJsonata, None, "is empty")]),
        ("a literal", jsonata_output(s("100% sure")), vec![]),
        // Syntax: the token at fault is underlined; `at N` counts from after `{%`.
        ("bad token", jsonata_output(s("{% 1 +* 2 %}")),
            vec![("/States/A/Output", JsonataSyntax, Some((8, 9)), "at 7")]),
        ("unclosed paren", jsonata_output(s("{% (1 %}")),
            vec![("/States/A/Output", JsonataSyntax, Some((6, 8)), "at 4")]),
        ("unterminated string", jsonata_output(s("{% 'abc %}")),
            vec![("/States/A/Output", JsonataSyntax, None, "must be terminated by a matching quote at 6")]),
        ("2.1's ?? is not JSONata 2.0.6", jsonata_output(s("{% $states.input.a ?? 1 %}")),
            vec![("/States/A/Output", JsonataSyntax, None, "")]),
        ("2.1's ?: is not JSONata 2.0.6", jsonata_output(s("{% $states.input.a ?: 1 %}")),
            vec![("/States/A/Output", JsonataSyntax, None, "")]),
        ("leading blanks shift the range", jsonata_output(s("  {% 1 +* 2 %}")),
            vec![("/States/A/Output", JsonataSyntax, Some((10, 11)), "at 7")]),
        // Functions.
        ("unknown function", jsonata_output(s("{% $foo(1) %}")),
            vec![("/States/A/Output", JsonataUnknownFunction, Some((3, 7)), "nor defined in the expression")]),
        ("$eval is refused", jsonata_output(s("{% $eval('1') %}")),
            vec![("/States/A/Output", JsonataUnknownFunction, Some((3, 8)), "use $parse to read JSON text")]),
        ("a function bound in the expression", jsonata_output(s("{% ($f := function($v) { $v * 2 }; $f(2)) %}")), vec![]),
        ("Step Functions' own functions", jsonata_output(json!({
            "p": "{% $partition([1, 2, 3], 2) %}", "r": "{% $range(0, 10, 2) %}",
            "h": "{% $hash('a', 'SHA-256') %}", "x": "{% $random() %}", "y": "{% $random(7) %}",
            "u": "{% $uuid() %}", "j": "{% $parse('{\"a\": 1}') %}"})), vec![]),
        ("a built-in as a value", jsonata_output(s("{% $map([1, 2], $string) %}")), vec![]),
        ("too few arguments", jsonata_output(s("{% $substring() %}")),
            vec![("/States/A/Output", JsonataArity, Some((3, 13)), "takes 1 to 3 arguments, not 0")]),
        ("too many arguments", jsonata_output(s("{% $count([1], 2) %}")),
            vec![("/States/A/Output", JsonataArity, Some((3, 9)), "takes 1 argument, not 2")]),
        ("AWS's arity", jsonata_output(s("{% $uuid(1) %}")),
            vec![("/States/A/Output", JsonataArity, None, "takes 0 arguments, not 1")]),
        ("~> passes the first argument", jsonata_output(s("{% 'abc' ~> $substring(1) %}")), vec![]),
        ("context as first argument", jsonata_output(s("{% $states.input.name.$uppercase() %}")), vec![]),
        // $states fields (AWS, "Reserved variable: $states").
        ("$states.result in a Pass Output", jsonata_output(s("{% $states.result %}")),
            vec![("/States/A/Output", JsonataStatesUnavailable, Some((3, 10)), "only in Output and Assign of Task, Parallel and Map states")]),
        ("$states.result in Task Arguments", task(json!({"Arguments": {"x": "{% $states.result.x %}"}})),
            vec![("/States/A/Arguments/x", JsonataStatesUnavailable, None, "")]),
        ("$states.result in Task Output and Assign", task(json!({
            "Output": "{% $states.result.Payload %}", "Assign": {"r": "{% $states.result %}"}})), vec![]),
        ("$states.result in a Catch", task(json!({"Catch": [{"ErrorEquals": ["States.ALL"], "Next": "A",
            "Output": "{% $states.result %}"}]})),
            vec![("/States/A/Catch/0/Output", JsonataStatesUnavailable, None, "")]),
        ("$states.errorOutput in a Catch", task(json!({"Catch": [{"ErrorEquals": ["States.ALL"], "Next": "A",
            "Output": "{% $states.errorOutput %}", "Assign": {"e": "{% $states.errorOutput.Error %}"}}]})), vec![]),
        ("$states.errorOutput in a Task Output", task(json!({"Output": "{% $states.errorOutput %}"})),
            vec![("/States/A/Output", JsonataStatesUnavailable, None, "only in Output and Assign of a Catch")]),
        ("$states.input and $states.context anywhere", task(json!({
            "TimeoutSeconds": "{% $states.input.t %}", "Arguments": "{% $states.context.Execution.Id %}"})), vec![]),
        ("a lambda parameter named states", jsonata_output(s("{% $map([1], function($states) { $states.result }) %}")), vec![]),
        // Workflow variables: a read nothing assigns is a warning (AWS fails it at run time).
        ("a variable nothing assigns", jsonata_output(s("{% $nope + 1 %}")),
            vec![("/States/A/Output", UndefinedVariable, Some((3, 8)), "at run time it has no value")]),
        ("a variable another state assigns", jsonata_machine(json!({
            "A": {"Type": "Pass", "Output": "{% $later %}", "Next": "B"},
            "B": {"Type": "Pass", "Assign": {"later": 1}, "End": true}})), vec![]),
        ("a variable bound in the expression", jsonata_output(s("{% ($x := 2; $x * $x) %}")), vec![]),
    ];
    for (case, machine, wants) in cases {
        assert_exactly(case, &machine, &wants);
    }
}

#[test]
fn variables_follow_aws_scopes_in_both_languages() {
    use Code::UndefinedVariable as Undef;
    #[rustfmt::skip]
    let cases: Vec<(&str, Value, Vec<Want>)> = vec![
        ("an outer variable read inside an inline Map", jsonata_machine(json!({
            "A": {"Type": "Pass", "Assign": {"rate": 2}, "Next": "M"},
            "M": {"Type": "Map", "Items": [1], "End": true, "ItemProcessor": {
                "StartAt": "I", "States": {"I": {"Type": "Pass", "Output": "{% $states.input * $rate %}", "End": true}}}}
        })), vec![]),
        ("a variable of a Map iteration read after the Map", jsonata_machine(json!({
            "M": {"Type": "Map", "Items": [1], "Next": "B", "ItemProcessor": {
                "StartAt": "I", "States": {"I": {"Type": "Pass", "Assign": {"inner": 1}, "End": true}}}},
            "B": {"Type": "Pass", "Output": "{% $inner %}", "End": true}
        })), vec![("/States/B/Output", Undef, Some((3, 9)), "")]),
        ("the Map's own Assign is in the outer scope", jsonata_machine(json!({
            "M": {"Type": "Map", "Items": [1], "Next": "B", "Assign": {"all": "{% $states.result %}"},
                "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}},
            "B": {"Type": "Pass", "Output": "{% $all %}", "End": true}
        })), vec![]),
        ("a Parallel branch reads the outer scope, not a sibling", jsonata_machine(json!({
            "A": {"Type": "Pass", "Assign": {"outer": 1}, "Next": "P"},
            "P": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Assign": {"sibling": 1}, "Output": "{% $outer %}", "End": true}}},
                {"StartAt": "B2", "States": {"B2": {"Type": "Pass", "Output": "{% $sibling %}", "End": true}}}
            ]}
        })), vec![("/States/P/Branches/1/States/B2/Output", Undef, None, "")]),
        ("a Distributed Map reads no outer variable", jsonata_machine(json!({
            "A": {"Type": "Pass", "Assign": {"outer": 1}, "Next": "M"},
            "M": {"Type": "Map", "Items": [1], "End": true, "ItemProcessor": {
                "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "I", "States": {"I": {"Type": "Pass", "Output": "{% $outer %}", "End": true}}}}
        })), vec![("/States/M/ItemProcessor/States/I/Output", Undef, None, "")]),
        ("a Catch's Assign assigns", jsonata_machine(json!({
            "T": {"Type": "Task", "Resource": LAMBDA, "End": true, "Catch": [
                {"ErrorEquals": ["States.ALL"], "Assign": {"err": "{% $states.errorOutput %}"}, "Next": "F"}]},
            "F": {"Type": "Fail", "Cause": "{% $string($err) %}"}
        })), vec![]),
        ("a Choice rule's Assign assigns", jsonata_machine(json!({
            "C": {"Type": "Choice", "Default": "D", "Choices": [
                {"Condition": "{% true %}", "Assign": {"picked": 1}, "Next": "D"}]},
            "D": {"Type": "Pass", "Output": "{% $picked %}", "End": true}
        })), vec![]),
        // JSONPath reads: paths and intrinsic arguments, the same rule.
        ("JSONPath paths and intrinsic arguments", json!({"StartAt": "A", "States": {
            "A": {"Type": "Pass", "InputPath": "$nope", "Parameters": {
                "msg.$": "States.Format('{}', $missing.name)", "ok.$": "$known"}, "Next": "B"},
            "B": {"Type": "Pass", "Assign": {"known": 1}, "End": true}
        }}), vec![
            ("/States/A/InputPath", Undef, Some((0, 5)), ""),
            ("/States/A/Parameters/msg.$", Undef, Some((20, 28)), ""),
        ]),
        ("a JSONPath Assign is seen by a JSONata state", json!({"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Assign": {"id.$": "$.id"}, "Next": "B"},
            "B": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $id %}", "End": true}
        }}), vec![]),
        ("a JSONata string in a JSONPath state is a literal", json!({"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Result": {"x": "{% 1 + %}", "y": "{% $nope %}", "z": "50%}"}, "End": true}
        }}), vec![]),
    ];
    for (case, machine, wants) in cases {
        assert_exactly(case, &machine, &wants);
    }
}

#[test]
fn fields_of_the_other_query_language() {
    use Code::FieldNotInQueryLanguage as Other;
    let map_body = json!({"StartAt": "I", "States": {"I": {"Type": "Succeed"}}});
    let distributed = json!({"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "I",
        "States": {"I": {"Type": "Succeed"}}});
    // (state, field, value): JSONPath-only fields, each in a JSONata state.
    #[rustfmt::skip]
    let jsonpath_only: Vec<(Value, &str, Value)> = vec![
        (json!({"Type": "Pass", "End": true}), "InputPath", json!("$.a")),
        (json!({"Type": "Pass", "End": true}), "OutputPath", json!("$.a")),
        (json!({"Type": "Pass", "End": true}), "Parameters", json!({})),
        (json!({"Type": "Pass", "End": true}), "ResultPath", json!("$.a")),
        (json!({"Type": "Pass", "End": true}), "Result", json!(1)),
        (json!({"Type": "Task", "Resource": LAMBDA, "End": true}), "ResultSelector", json!({})),
        (json!({"Type": "Task", "Resource": LAMBDA, "End": true}), "TimeoutSecondsPath", json!("$.t")),
        (json!({"Type": "Task", "Resource": LAMBDA, "End": true}), "HeartbeatSecondsPath", json!("$.h")),
        (json!({"Type": "Wait", "End": true}), "SecondsPath", json!("$.s")),
        (json!({"Type": "Wait", "End": true}), "TimestampPath", json!("$.t")),
        (json!({"Type": "Fail"}), "ErrorPath", json!("$.e")),
        (json!({"Type": "Fail"}), "CausePath", json!("$.c")),
        (json!({"Type": "Map", "End": true, "ItemProcessor": map_body.clone()}), "ItemsPath", json!("$.i")),
        (json!({"Type": "Map", "End": true, "ItemProcessor": map_body.clone()}), "MaxConcurrencyPath", json!("$.m")),
        (json!({"Type": "Map", "End": true, "ItemProcessor": distributed.clone()}), "ToleratedFailurePercentagePath", json!("$.p")),
        (json!({"Type": "Map", "End": true, "ItemProcessor": distributed.clone()}), "ToleratedFailureCountPath", json!("$.c")),
    ];
    for (mut state, field, value) in jsonpath_only {
        state[field] = value;
        let v = jsonata_machine(json!({ "S": state }));
        let pointer = format!("/States/S/{field}");
        assert!(
            has(&diagnostics(&v), Other, &pointer),
            "{field} in a JSONata state: {:#?}",
            diagnostics(&v)
        );
    }
    // Nested JSONPath-only fields, and JSONata-only ones in JSONPath states.
    #[rustfmt::skip]
    let nested: Vec<(Value, &str)> = vec![
        (jsonata_machine(json!({"T": {"Type": "Task", "Resource": LAMBDA, "End": true,
            "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.e", "Next": "T"}]}})), "/States/T/Catch/0/ResultPath"),
        (jsonata_machine(json!({"C": {"Type": "Choice", "Default": "C",
            "Choices": [{"Variable": "$.a", "StringEquals": "x", "Next": "C"}]}})), "/States/C/Choices/0/Variable"),
        (jsonata_machine(json!({"M": {"Type": "Map", "End": true, "ItemProcessor": distributed.clone(),
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"MaxItemsPath": "$.n"}}}})),
            "/States/M/ItemReader/ReaderConfig/MaxItemsPath"),
        (jsonata_machine(json!({"M": {"Type": "Map", "End": true, "ItemProcessor": distributed.clone(),
            "ItemBatcher": {"MaxItemsPerBatchPath": "$.n"}}})), "/States/M/ItemBatcher/MaxItemsPerBatchPath"),
        (jsonata_machine(json!({"M": {"Type": "Map", "End": true, "ItemProcessor": distributed.clone(),
            "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {}}}})), "/States/M/ItemReader/Parameters"),
        (json!({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true, "Output": {}}}}), "/States/P/Output"),
        (json!({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": LAMBDA, "End": true, "Arguments": {}}}}), "/States/T/Arguments"),
        (json!({"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "Items": [1], "ItemProcessor": map_body.clone()}}}), "/States/M/Items"),
        (json!({"StartAt": "C", "States": {"C": {"Type": "Choice", "Default": "C",
            "Choices": [{"Condition": "{% true %}", "Next": "C"}]}}}), "/States/C/Choices/0/Condition"),
        (json!({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": LAMBDA, "End": true,
            "Catch": [{"ErrorEquals": ["States.ALL"], "Output": {}, "Next": "T"}]}}}), "/States/T/Catch/0/Output"),
    ];
    for (v, pointer) in nested {
        assert!(
            has(&diagnostics(&v), Other, pointer),
            "{pointer}: {:#?}",
            diagnostics(&v)
        );
    }
}
