//! Evaluation.

use super::*;

// --- evaluation ---------------------------------------------------------------------------

fn store() -> Value {
    json!({
        "store": {
            "book": [
                {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95},
                {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
                {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99},
                {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99}
            ],
            "bicycle": {"color": "red", "price": 19.95}
        },
        "expensive": 10
    })
}

fn no_variables(_: &str) -> Option<Value> {
    None
}

fn eval(path: &str, input: &Value) -> Selection {
    parse(path)
        .evaluate(input, &Value::Null, &no_variables)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn many(path: &str, input: &Value) -> Vec<Value> {
    match eval(path, input) {
        Selection::Many(vs) => vs,
        other => panic!("{path} should select many, got {other:?}"),
    }
}

fn titles(path: &str) -> Vec<String> {
    many(path, &store())
        .into_iter()
        .map(|b| b["title"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn definite_paths() {
    let doc = store();
    assert_eq!(eval("$", &doc), Selection::One(doc.clone()));
    assert_eq!(
        eval("$.store.bicycle.color", &doc),
        Selection::One(json!("red"))
    );
    assert_eq!(
        eval("$['store']['book'][0]['author']", &doc),
        Selection::One(json!("Nigel Rees"))
    );
    assert_eq!(
        eval("$.store.book[-1].author", &doc),
        Selection::One(json!("J. R. R. Tolkien"))
    );
    assert_eq!(
        eval("$.store.book[-4].price", &doc),
        Selection::One(json!(8.95))
    );
    assert_eq!(eval("$.expensive", &doc), Selection::One(json!(10)));
    assert_eq!(
        eval("$.n", &json!({"n": null})),
        Selection::One(Value::Null)
    );
}

#[test]
fn definite_paths_not_found() {
    let doc = store();
    for path in [
        "$.missing",
        "$.store.missing.deeper",
        "$.store.book[4]",
        "$.store.book[-5]",
        "$.store.book[9].title",
        "$.store.bicycle.color.x",
        "$.store.bicycle[0]",
        "$.store.book.title",
        "$.expensive.x",
    ] {
        assert_eq!(eval(path, &doc), Selection::NotFound, "{path}");
    }
}

#[test]
fn wildcards_and_descent() {
    let doc = store();
    assert_eq!(
        many("$.store.book[*].author", &doc),
        vec![
            json!("Nigel Rees"),
            json!("Evelyn Waugh"),
            json!("Herman Melville"),
            json!("J. R. R. Tolkien")
        ]
    );
    assert_eq!(many("$..author", &doc).len(), 4);
    assert_eq!(
        many("$.store.*", &doc),
        vec![
            doc["store"]["book"].clone(),
            doc["store"]["bicycle"].clone()
        ]
    );
    // Parents before children, members in document order.
    assert_eq!(
        many("$.store..price", &doc),
        vec![
            json!(8.95),
            json!(12.99),
            json!(8.99),
            json!(22.99),
            json!(19.95)
        ]
    );
    assert_eq!(
        many("$..a", &json!({"a": {"a": 1}, "b": [{"a": 2}]})),
        vec![json!({"a": 1}), json!(1), json!(2)]
    );
    assert_eq!(titles("$..book[2]"), vec!["Moby Dick"]);
    assert_eq!(titles("$..book[-1]"), vec!["The Lord of the Rings"]);
    assert_eq!(
        titles("$..book[0,1]"),
        vec!["Sayings of the Century", "Sword of Honour"]
    );
    assert_eq!(
        titles("$..book[:2]"),
        vec!["Sayings of the Century", "Sword of Honour"]
    );
    assert_eq!(
        many("$..[0]", &json!({"x": [1, [2, 3]]})),
        vec![json!(1), json!(2)]
    );
    let everything = many("$..*", &doc);
    assert!(everything.contains(&json!("red")) && everything.contains(&json!(10)));
    assert_eq!(everything.len(), 28);
    // A scalar has nothing below it.
    assert_eq!(many("$.expensive..x", &doc), Vec::<Value>::new());
}

#[test]
fn indefinite_paths_skip_what_is_missing() {
    let doc = store();
    assert_eq!(
        many("$.store.book[*].isbn", &doc),
        vec![json!("0-553-21311-3"), json!("0-395-19395-8")]
    );
    assert_eq!(
        many("$.store.book[*].missing.deeper", &doc),
        Vec::<Value>::new()
    );
    assert_eq!(many("$.store.book[*][0]", &doc), Vec::<Value>::new());
    // Once the path has branched, a failed step is skipped rather than fatal.
    assert_eq!(many("$.store.bicycle[*].x.y", &doc), Vec::<Value>::new());
    assert_eq!(many("$[*].color", &doc["store"]), vec![json!("red")]);
    // An index out of range is skipped, even in the definite prefix.
    assert_eq!(many("$.store.book[9][*]", &doc), Vec::<Value>::new());
    // A wildcard on a scalar at the end selects nothing.
    assert_eq!(many("$.expensive[*]", &doc), Vec::<Value>::new());
    assert_eq!(many("$.a[*]", &json!({"a": []})), Vec::<Value>::new());
}

#[test]
fn failures_in_the_definite_prefix_are_not_found() {
    let doc = store();
    // Jayway throws while the path so far is definite, whatever follows.
    for path in [
        "$.missing[*]",
        "$.missing..x",
        "$.expensive[*].x",
        "$.expensive[0:1]",
        "$.expensive[?(@ > 1)]",
        "$.expensive['a','b']",
    ] {
        assert_eq!(eval(path, &doc), Selection::NotFound, "{path}");
    }
}

#[test]
fn a_miss_before_a_slice_is_an_empty_list() {
    // As Step Functions recorded it (shared/conformance/extra/base): `[]`, not a failure.
    for path in [
        "$.items[1:]",
        "$.items[:1]",
        "$.item.items[1:5]",
        "$.items[1:].itemValue",
    ] {
        assert_eq!(eval(path, &json!({})), Selection::Many(vec![]), "{path}");
    }
}

#[test]
fn slices_follow_rfc_9535() {
    let doc = json!([0, 1, 2, 3, 4, 5]);
    let cases: [(&str, Value); 14] = [
        ("$[1:3]", json!([1, 2])),
        ("$[-2:]", json!([4, 5])),
        ("$[:-4]", json!([0, 1])),
        ("$[:]", json!([0, 1, 2, 3, 4, 5])),
        ("$[::2]", json!([0, 2, 4])),
        ("$[1::2]", json!([1, 3, 5])),
        ("$[::-1]", json!([5, 4, 3, 2, 1, 0])),
        ("$[4:1:-1]", json!([4, 3, 2])),
        ("$[::0]", json!([])),
        ("$[10:]", json!([])),
        ("$[-100:2]", json!([0, 1])),
        ("$[3:1]", json!([])),
        (
            "$[-9223372036854775808:9223372036854775807]",
            json!([0, 1, 2, 3, 4, 5]),
        ),
        ("$[::-9223372036854775808]", json!([5])),
    ];
    for (path, expected) in cases {
        assert_eq!(Value::Array(many(path, &doc)), expected, "{path}");
    }
    assert_eq!(
        Value::Array(many("$[::9223372036854775807]", &doc)),
        json!([0])
    );
    assert_eq!(many("$[1:]", &json!([])), Vec::<Value>::new());
}

#[test]
fn union_evaluation() {
    let doc = store();
    // Jayway merges a trailing name union into one object.
    assert_eq!(
        eval("$.store.bicycle['color','price']", &doc),
        Selection::One(json!({"color": "red", "price": 19.95}))
    );
    assert_eq!(
        eval("$.store.bicycle['color','nope']", &doc),
        Selection::One(json!({"color": "red"}))
    );
    assert_eq!(
        many("$.store.book[0:2]['title','isbn']", &doc),
        vec![
            json!({"title": "Sayings of the Century"}),
            json!({"title": "Sword of Honour"})
        ]
    );
    // Not trailing: each name in turn, missing ones skipped.
    assert_eq!(
        many("$.store['bicycle','nope'].color", &doc),
        vec![json!("red")]
    );
    assert_eq!(
        many("$[0,2,9,-1]", &json!(["a", "b", "c", "d"])),
        vec![json!("a"), json!("c"), json!("d")]
    );
    assert_eq!(many("$..['color','author']", &doc).len(), 5);
}

#[test]
fn filters() {
    assert_eq!(
        titles("$..book[?(@.isbn)]"),
        vec!["Moby Dick", "The Lord of the Rings"]
    );
    assert_eq!(
        titles("$.store.book[?(!@.isbn)]"),
        vec!["Sayings of the Century", "Sword of Honour"]
    );
    assert_eq!(
        titles("$.store.book[?(@.price < 10)]"),
        vec!["Sayings of the Century", "Moby Dick"]
    );
    assert_eq!(
        titles("$..book[?(@.price <= $['expensive'])]"),
        vec!["Sayings of the Century", "Moby Dick"]
    );
    assert_eq!(
        titles("$.store.book[?(@.category == 'fiction' && @.price > 20)]"),
        vec!["The Lord of the Rings"]
    );
    assert_eq!(
        titles("$.store.book[?(@.category == 'reference' || @.price > 20)]"),
        vec!["Sayings of the Century", "The Lord of the Rings"]
    );
    assert_eq!(
        titles("$.store.book[?(@.category in ['reference', 'poetry'])]"),
        vec!["Sayings of the Century"]
    );
    assert_eq!(
        titles("$.store.book[?(@.category nin ['fiction'])]"),
        vec!["Sayings of the Century"]
    );
    assert_eq!(
        titles("$..book[?(@.author =~ /.*REES/i)]"),
        vec!["Sayings of the Century"]
    );
    // The regex must match the whole string.
    assert_eq!(
        titles("$..book[?(@.author =~ /REES/i)]"),
        Vec::<String>::new()
    );
    // A missing field is != anything.
    assert_eq!(
        titles("$.store.book[?(@.isbn != '0-553-21311-3')]").len(),
        3
    );
    assert_eq!(
        many("$.store.book[?(@.price > 20)].title", &store()),
        vec![json!("The Lord of the Rings")]
    );
}

#[test]
fn filter_on_objects_tests_the_object() {
    let doc = store();
    assert_eq!(
        many("$.store.bicycle[?(@.color == 'red')]", &doc),
        vec![doc["store"]["bicycle"].clone()]
    );
    assert_eq!(
        many("$.store.bicycle[?(@.color == 'blue')]", &doc),
        Vec::<Value>::new()
    );
    // During a descent only objects are tested, once each.
    assert_eq!(
        titles("$..[?(@.price > 20)]"),
        vec!["The Lord of the Rings"]
    );
    assert_eq!(many("$..[?(@.price > 19)]", &doc).len(), 2);
    // Jayway tests an array's elements during a scan only if the array itself passes.
    assert_eq!(many("$[?(@ > 2)]", &json!([1, 2, 3])), vec![json!(3)]);
    assert_eq!(
        many("$..[?(@ > 2)]", &json!([1, 2, 3])),
        Vec::<Value>::new()
    );
}

#[test]
fn filter_value_semantics() {
    let doc = json!([
        {"n": 1, "s": "a", "b": true, "t": ["x", "y"], "o": {"k": 1}},
        {"n": 1.0, "s": "b", "b": false, "t": [], "o": {"k": 1.0}},
        {"n": 2, "s": "c", "t": ["y"], "z": null},
        {"n": "1", "s": "ab"}
    ]);
    let count = |filter: &str| many(&format!("$[?({filter})]"), &doc).len();
    assert_eq!(
        count("@.n == 1"),
        2,
        "numbers compare by value, not by type of string"
    );
    assert_eq!(count("@.n == '1'"), 1);
    assert_eq!(count("@.n != 1"), 2);
    assert_eq!(count("@.n >= 1"), 3);
    assert_eq!(
        count("@.n < 'z'"),
        1,
        "only the string n is ordered against a string"
    );
    assert_eq!(count("@.s > 'a'"), 3, "strings compare lexically");
    assert_eq!(count("@.s <= 'ab'"), 2);
    assert_eq!(count("@.b == true"), 1);
    assert_eq!(count("@.b"), 2, "existence, whatever the value");
    assert_eq!(count("@.z == null"), 1);
    assert_eq!(count("@.z"), 1, "null exists");
    assert_eq!(
        count("@.missing == @.other"),
        4,
        "two missing values are equal"
    );
    assert_eq!(
        count("@.o == $[0].o"),
        2,
        "objects compare structurally, numbers by value"
    );
    assert_eq!(count("@.t == ['x', 'y']"), 1);
    assert_eq!(count("@.t size 2"), 1);
    assert_eq!(count("@.s size 2"), 1);
    assert_eq!(count("@.t empty true"), 1);
    assert_eq!(count("@.t empty false"), 2);
    assert_eq!(count("@.t contains 'y'"), 2);
    assert_eq!(count("@.s contains 'b'"), 2);
    assert_eq!(count("@.t subsetof ['x', 'y', 'z']"), 3);
    assert_eq!(count("@.t anyof ['x']"), 1);
    assert_eq!(count("@.t noneof ['x']"), 2);
    assert_eq!(count("@.n in [2, 3]"), 1);
    assert_eq!(count("@.n in [1]"), 2);
    assert_eq!(count("@.n =~ /1(\\.0)?/"), 3, "numbers match as their text");
    assert_eq!(
        count("@.t[*] size 2"),
        1,
        "an indefinite path compares as an array"
    );
    assert_eq!(count("@.t[?(@ == 'y')]"), 2);
    assert_eq!(count("!(@.n == 1) && @.s"), 2);
}

#[test]
fn big_integers_compare_exactly() {
    let doc = json!([{"n": 9007199254740993u64}, {"n": 9007199254740992u64}, {"n": 18446744073709551615u64}]);
    assert_eq!(
        many("$[?(@.n == 9007199254740993)]", &doc),
        vec![doc[0].clone()]
    );
    assert_eq!(many("$[?(@.n > -1)]", &doc).len(), 3);
    assert_eq!(many("$[?(@.n > 9007199254740992.5)]", &doc).len(), 1);
}

#[test]
fn roots_context_and_variables() {
    let input = json!({"a": 1});
    let context = json!({"Execution": {"Id": "arn:x"}, "Map": {"Item": {"Index": 2}}});
    let variables = |name: &str| match name {
        "order" => Some(json!({"items": [{"id": 7}, {"id": 8}]})),
        _ => None,
    };
    let run = |text: &str| parse(text).evaluate(&input, &context, &variables);
    assert_eq!(run("$.a"), Ok(Selection::One(json!(1))));
    assert_eq!(run("$$.Execution.Id"), Ok(Selection::One(json!("arn:x"))));
    assert_eq!(run("$$"), Ok(Selection::One(context.clone())));
    assert_eq!(run("$order.items[1].id"), Ok(Selection::One(json!(8))));
    assert_eq!(
        run("$order.items[*].id"),
        Ok(Selection::Many(vec![json!(7), json!(8)]))
    );
    assert_eq!(
        run("$order.items[?(@.id > $.items[0].id)].id"),
        Ok(Selection::Many(vec![json!(8)]))
    );
    assert_eq!(run("$order.nope"), Ok(Selection::NotFound));
    let err = run("$nope.x").unwrap_err();
    assert_eq!(err, EvalError::UndefinedVariable("nope".into()));
    assert_eq!(err.to_string(), "the variable $nope is not defined");
}

#[test]
fn selection_into_value() {
    assert_eq!(Selection::One(json!(1)).into_value(), Some(json!(1)));
    assert_eq!(
        Selection::Many(vec![json!(1), json!(2)]).into_value(),
        Some(json!([1, 2]))
    );
    assert_eq!(Selection::Many(vec![]).into_value(), Some(json!([])));
    assert_eq!(Selection::NotFound.into_value(), None);
}

#[test]
fn descent_does_not_recurse_on_deep_documents() {
    let mut doc = json!({"x": 1});
    for _ in 0..100_000 {
        doc = Value::Array(vec![doc]);
    }
    assert_eq!(many("$..x", &doc), vec![json!(1)]);
    // serde_json drops values recursively, which this depth would overflow.
    std::mem::forget(doc);
}
