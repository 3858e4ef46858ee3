//! Table tests: one line per case, in the style of jaq's `give(input, filter, output)`.
//! `yaml(before, edit, after)` parses `before`, applies `edit` to its value, patches, and
//! checks the text is exactly `after` (and reads back as the edited value).

use super::*;
use serde_json::{json, Map};

fn check(format: SourceFormat, before: &str, edit: impl FnOnce(&mut Value), after: &str) {
    let (old, _) = crate::parse_value(before.as_bytes(), Some(format)).expect("before parses");
    let mut new = old.clone();
    edit(&mut new);
    let got = patch(before, format, &old, &new).expect("patches");
    assert_eq!(
        got.text, after,
        "\n--- got:\n{}\n--- want:\n{after}",
        got.text
    );
    assert!(got.reemitted.is_empty(), "re-emitted {:?}", got.reemitted);
    let (back, _) = crate::parse_value(got.text.as_bytes(), Some(format)).expect("after parses");
    assert!(same_ordered(&back, &new));
}

fn yaml(before: &str, edit: impl FnOnce(&mut Value), after: &str) {
    check(SourceFormat::Yaml, before, edit, after)
}

fn json_(before: &str, edit: impl FnOnce(&mut Value), after: &str) {
    check(SourceFormat::Json, before, edit, after)
}

/// Sets the value at `ptr` (which must exist).
fn set(ptr: &'static str, v: Value) -> impl FnOnce(&mut Value) {
    move |root| *root.pointer_mut(ptr).expect("pointer exists") = v
}

/// Renames key `from` to `to` in the object at `ptr`, keeping its place.
fn rename(ptr: &'static str, from: &'static str, to: &'static str) -> impl FnOnce(&mut Value) {
    move |root| {
        let obj = root
            .pointer_mut(ptr)
            .and_then(Value::as_object_mut)
            .expect("object");
        let old = std::mem::take(obj);
        *obj = old
            .into_iter()
            .map(|(k, v)| {
                if k == from {
                    (to.to_string(), v)
                } else {
                    (k, v)
                }
            })
            .collect::<Map<_, _>>();
    }
}

/// Inserts `key: v` at position `at` of the object at `ptr`.
fn insert(ptr: &'static str, at: usize, key: &'static str, v: Value) -> impl FnOnce(&mut Value) {
    move |root| {
        let obj = root
            .pointer_mut(ptr)
            .and_then(Value::as_object_mut)
            .expect("object");
        let mut entries: Vec<(String, Value)> = std::mem::take(obj).into_iter().collect();
        entries.insert(at, (key.to_string(), v));
        *obj = entries.into_iter().collect();
    }
}

fn remove(ptr: &'static str, key: &'static str) -> impl FnOnce(&mut Value) {
    move |root| {
        root.pointer_mut(ptr)
            .and_then(Value::as_object_mut)
            .expect("object")
            .shift_remove(key);
    }
}

fn push(ptr: &'static str, at: usize, v: Value) -> impl FnOnce(&mut Value) {
    move |root| {
        root.pointer_mut(ptr)
            .and_then(Value::as_array_mut)
            .expect("array")
            .insert(at, v)
    }
}

fn remove_at(ptr: &'static str, at: usize) -> impl FnOnce(&mut Value) {
    move |root| {
        root.pointer_mut(ptr)
            .and_then(Value::as_array_mut)
            .expect("array")
            .remove(at);
    }
}

fn reorder(ptr: &'static str, keys: &'static [&'static str]) -> impl FnOnce(&mut Value) {
    move |root| {
        let obj = root
            .pointer_mut(ptr)
            .and_then(Value::as_object_mut)
            .expect("object");
        let mut old = std::mem::take(obj);
        for k in keys {
            let v = old.shift_remove(*k).expect("key");
            obj.insert(k.to_string(), v);
        }
    }
}

fn nothing(_: &mut Value) {}

// ---- YAML scalars ----

#[test]
fn yaml_scalars() {
    yaml(
        "a: 1  # one\nb: x\n",
        set("/a", json!(2)),
        "a: 2  # one\nb: x\n",
    );
    yaml("a: 'q'\n", set("/a", json!("it's")), "a: 'it''s'\n");
    yaml("a: \"q\"\n", set("/a", json!("r")), "a: \"r\"\n");
    yaml("a: plain\n", set("/a", json!("true")), "a: 'true'\n");
    yaml("a: plain\n", set("/a", json!("x: y")), "a: 'x: y'\n");
    yaml("a: plain\n", set("/a", json!(null)), "a: null\n");
    yaml("a: ~\n", set("/a", json!("set")), "a: set\n");
    yaml("a:\nb: 1\n", set("/a", json!("v")), "a: v\nb: 1\n");
    yaml(
        "a: x\r\nb: y\r\n",
        set("/b", json!("z")),
        "a: x\r\nb: z\r\n",
    );
    yaml("a: x\nb: y", set("/b", json!("z")), "a: x\nb: z");
    yaml(
        "l: [a, 'b', c]\n",
        set("/l/1", json!("d,e")),
        "l: [a, 'd,e', c]\n",
    );
    yaml("\u{feff}a: 1\n", set("/a", json!(2)), "\u{feff}a: 2\n");
    yaml("a: é\nb: ü\n", set("/b", json!("ö")), "a: é\nb: ö\n");
}

#[test]
fn yaml_block_scalars() {
    yaml(
        "c: |\n  one\n  two\nd: 1\n",
        set("/c", json!("one\nTWO\n")),
        "c: |\n  one\n  TWO\nd: 1\n",
    );
    yaml(
        "c: |-\n    one\n    two\nd: 1\n",
        set("/c", json!("one\n2")),
        "c: |-\n    one\n    2\nd: 1\n",
    );
    yaml(
        "c: >-\n  one\n  two\nd: 1\n",
        set("/c", json!("three")),
        "c: >-\n  three\nd: 1\n",
    );
    yaml(
        "c: >\n  one\n  two\nd: 1\n",
        set("/c", json!("a\nb\n")),
        "c: |\n  a\n  b\nd: 1\n",
    );
    yaml("c: x\n", set("/c", json!("a\nb")), "c: |-\n  a\n  b\n");
    yaml(
        "c: |\n  keep\n\n# tail\nd: 1\n",
        set("/d", json!(2)),
        "c: |\n  keep\n\n# tail\nd: 2\n",
    );
}

// ---- YAML keys ----

#[test]
fn yaml_renames() {
    let before = "States:\n  # the first\n  A:\n    Type: Pass   # note\n    Next: B\n  B:\n    Type: Succeed\n";
    yaml(
        before,
        rename("/States", "A", "Start here"),
        "States:\n  # the first\n  Start here:\n    Type: Pass   # note\n    Next: B\n  B:\n    Type: Succeed\n",
    );
    yaml(
        before,
        |v| {
            rename("/States", "B", "Done")(v);
            set("/States/A/Next", json!("Done"))(v);
        },
        "States:\n  # the first\n  A:\n    Type: Pass   # note\n    Next: Done\n  Done:\n    Type: Succeed\n",
    );
    yaml(
        "'a': 1\n\"b\": 2\n",
        rename("", "a", "x"),
        "'x': 1\n\"b\": 2\n",
    );
    yaml("a: 1\n", rename("", "a", "true"), "'true': 1\n");
    yaml(
        "m: {a: 1, b: 2}\n",
        rename("/m", "b", "c d"),
        "m: {a: 1, c d: 2}\n",
    );
}

// ---- YAML members added, removed, moved ----

#[test]
fn yaml_added_members() {
    yaml(
        "a: 1\nb: 2\n",
        insert("", 1, "n", json!("x")),
        "a: 1\nn: x\nb: 2\n",
    );
    yaml(
        "a: 1\nb: 2\n",
        insert("", 2, "n", json!({"k": [1, "two"]})),
        "a: 1\nb: 2\nn:\n  k:\n    - 1\n    - two\n",
    );
    yaml(
        "a: 1\nb: 2",
        insert("", 2, "n", json!(3)),
        "a: 1\nb: 2\nn: 3",
    );
    yaml(
        "a:\n    b: 1\n",
        insert("/a", 0, "n", json!({"x": 1})),
        "a:\n    n:\n        x: 1\n    b: 1\n",
    );
    yaml(
        "s:\n  A:\n    T: 1\n\n  B:\n    T: 2\n",
        insert("/s", 2, "C", json!({"T": 3})),
        "s:\n  A:\n    T: 1\n\n  B:\n    T: 2\n\n  C:\n    T: 3\n",
    );
    yaml(
        "s:\n  A:\n    T: 1\n\n  B:\n    T: 2\n",
        insert("/s", 1, "C", json!({"T": 3})),
        "s:\n  A:\n    T: 1\n\n  C:\n    T: 3\n\n  B:\n    T: 2\n",
    );
    yaml(
        "l:\n- a\n- b\n",
        push("/l", 2, json!({"k": 1, "j": 2})),
        "l:\n- a\n- b\n- k: 1\n  j: 2\n",
    );
    yaml(
        "l:\n  - a\n",
        push("/l", 0, json!("z")),
        "l:\n  - z\n  - a\n",
    );
    yaml(
        "l:\n  - k: 1\n    j: 2\n",
        insert("/l/0", 0, "n", json!(0)),
        "l:\n  - n: 0\n    k: 1\n    j: 2\n",
    );
    yaml(
        "m: {a: 1}\n",
        insert("/m", 1, "b", json!([1, {"c": "d e"}])),
        "m: {a: 1, b: [1, {c: d e}]}\n",
    );
    yaml("l: [a, b]\n", push("/l", 1, json!("x")), "l: [a, x, b]\n");
    yaml(
        "a: 1\n",
        insert("", 1, "t", json!("one\ntwo\n")),
        "a: 1\nt: |\n  one\n  two\n",
    );
    yaml("a: 1\n", insert("", 1, "e", json!({})), "a: 1\ne: {}\n");
    yaml("a: {}\n", set("/a", json!({"k": "v"})), "a: {k: v}\n");
}

#[test]
fn yaml_removed_members() {
    yaml(
        "a: 1\n# about b\nb: 2\nc: 3\n",
        remove("", "b"),
        "a: 1\nc: 3\n",
    );
    yaml(
        "a: 1\n\n# loose\n\nb: 2\nc: 3\n",
        remove("", "b"),
        "a: 1\n\n# loose\n\nc: 3\n",
    );
    yaml(
        "a: 1\nb:\n  x: 1\n  y: 2\nc: 3\n",
        remove("", "b"),
        "a: 1\nc: 3\n",
    );
    yaml(
        "s:\n  A: 1\n\n  B: 2\nz: 0\n",
        remove("/s", "B"),
        "s:\n  A: 1\nz: 0\n",
    );
    yaml(
        "l:\n  - k: 1\n    j: 2\n",
        remove("/l/0", "k"),
        "l:\n  - j: 2\n",
    );
    yaml(
        "l:\n  - a\n  # gone\n  - b\n  - c\n",
        remove_at("/l", 1),
        "l:\n  - a\n  - c\n",
    );
    yaml("l: [a, b, c]\n", remove_at("/l", 0), "l: [b, c]\n");
    yaml("m: {a: 1, b: 2}\n", remove("/m", "b"), "m: {a: 1}\n");
    yaml("m:\n  a: 1\n", remove("/m", "a"), "m: {}\n");
    yaml("a: 1\nb: 2", remove("", "b"), "a: 1");
}

#[test]
fn yaml_moved_members() {
    yaml(
        "a: 1 # one\nb: 2 # two\nc: 3\n",
        reorder("", &["c", "a", "b"]),
        "c: 3\na: 1 # one\nb: 2 # two\n",
    );
    yaml(
        "l:\n  - k: 1\n    j: 2\n",
        reorder("/l/0", &["j", "k"]),
        "l:\n  - j: 2\n    k: 1\n",
    );
    yaml(
        "m: {a: 1, b: 2}\n",
        reorder("/m", &["b", "a"]),
        "m: {b: 2, a: 1}\n",
    );
}

#[test]
fn yaml_unchanged_is_byte_identical() {
    let t = "# c\n%YAML 1.2\n---\na: &x {k: v}\nb: *x\nc: !!str '${A}'\nd: |+\n  keep\n\n...\n";
    yaml(t, nothing, t);
    yaml(
        "a: &x {k: v}\nb: *x\nc: 1\n",
        set("/c", json!(2)),
        "a: &x {k: v}\nb: *x\nc: 2\n",
    );
}

#[test]
fn yaml_type_changes() {
    yaml(
        "a: 1\nb: 2\n",
        set("/a", json!({"x": [1]})),
        "a:\n  x:\n    - 1\nb: 2\n",
    );
    yaml("a:\n  x: 1\nb: 2\n", set("/a", json!("s")), "a: s\nb: 2\n");
    yaml(
        "l:\n  - a\n",
        set("/l/0", json!({"k": 1})),
        "l:\n  - k: 1\n",
    );
    yaml("a: [1]\n", set("/a", json!("s")), "a: s\n");
}

// ---- JSON ----

#[test]
fn json_keeps_its_indentation() {
    let four = "{\n    \"StartAt\": \"A\",\n    \"States\": {\n        \"A\": {\n            \"Type\": \"Pass\",\n            \"End\": true\n        }\n    }\n}";
    json_(
        four,
        set("/States/A/Type", json!("Succeed")),
        &four.replace("\"Pass\"", "\"Succeed\""),
    );
    json_(
        four,
        insert("/States/A", 1, "Result", json!({"a": [1]})),
        "{\n    \"StartAt\": \"A\",\n    \"States\": {\n        \"A\": {\n            \"Type\": \"Pass\",\n            \"Result\": {\n                \"a\": [\n                    1\n                ]\n            },\n            \"End\": true\n        }\n    }\n}",
    );
    json_(
        four,
        rename("/States", "A", "B"),
        &four.replace("\"A\": {", "\"B\": {"),
    );
    let tabs = "{\n\t\"a\": 1,\n\t\"b\": {\n\t\t\"c\": 2\n\t}\n}\n";
    json_(
        tabs,
        insert("/b", 1, "d", json!({"e": 3})),
        "{\n\t\"a\": 1,\n\t\"b\": {\n\t\t\"c\": 2,\n\t\t\"d\": {\n\t\t\t\"e\": 3\n\t\t}\n\t}\n}\n",
    );
}

#[test]
fn json_members() {
    json_("{\"a\": 1, \"b\": 2}", remove("", "a"), "{\"b\": 2}");
    json_("{\"a\": 1, \"b\": 2}", remove("", "b"), "{\"a\": 1}");
    json_(
        "{\n  \"a\": 1,\n  \"b\": 2\n}",
        remove("", "b"),
        "{\n  \"a\": 1\n}",
    );
    json_(
        "{\n  \"a\": 1,\n  \"b\": 2\n}",
        remove("", "a"),
        "{\n  \"b\": 2\n}",
    );
    json_(
        "{\n  \"a\": 1\n}",
        insert("", 0, "z", json!(0)),
        "{\n  \"z\": 0,\n  \"a\": 1\n}",
    );
    json_(
        "{\"a\" : 1}",
        insert("", 1, "b", json!([true])),
        "{\"a\" : 1, \"b\" : [true]}",
    );
    json_(
        "{\"l\": [\"x\"]}",
        push("/l", 1, json!("y")),
        "{\"l\": [\"x\", \"y\"]}",
    );
    json_(
        "{\n  \"l\": [\n    1,\n    2,\n    3\n  ]\n}",
        remove_at("/l", 1),
        "{\n  \"l\": [\n    1,\n    3\n  ]\n}",
    );
    json_(
        "{\"a\": 1, \"b\": 2, \"c\": 3}",
        reorder("", &["c", "b", "a"]),
        "{\"c\": 3, \"b\": 2, \"a\": 1}",
    );
    json_(
        "{\"a\": {}}",
        set("/a", json!({"k": 1})),
        "{\"a\": {\n  \"k\": 1\n}}",
    );
    json_(
        "{\r\n  \"a\": 1\r\n}",
        insert("", 1, "b", json!({"c": 2})),
        "{\r\n  \"a\": 1,\r\n  \"b\": {\r\n    \"c\": 2\r\n  }\r\n}",
    );
    json_(
        "{\"a\": \"\\u00e9\", \"b\": 1}",
        set("/b", json!(2)),
        "{\"a\": \"\\u00e9\", \"b\": 2}",
    );
}

// ---- a sub-tree of a larger document ----

#[test]
fn patches_inside_a_template() {
    let t = "Resources:\n  M:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Role: !GetAtt R.Arn   # role\n      Definition:\n        StartAt: A\n        States:\n          A:\n            Type: Pass\n            End: true\n      Tags: !Ref T\n";
    let base = "/Resources/M/Properties/Definition";
    let old = json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}});
    let new = json!({"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}});
    let got = patch_at(t, SourceFormat::Yaml, base, &old, &new).expect("patches");
    assert_eq!(
        got.text,
        t.replace("StartAt: A", "StartAt: B")
            .replace("  A:\n", "  B:\n")
    );
    assert_eq!(
        patch_at(t, SourceFormat::Yaml, "/Resources/Nope", &old, &new),
        Err(PreserveError::NoBase {
            pointer: "/Resources/Nope".into()
        })
    );
    assert!(matches!(
        patch_at(t, SourceFormat::Yaml, base, &new, &old),
        Err(PreserveError::NotOld { .. })
    ));
}

#[test]
fn what_cannot_be_followed_is_an_error() {
    let (old, new) = (json!({"a": 1}), json!({"a": 2}));
    assert!(matches!(
        patch("a: [1\n", SourceFormat::Yaml, &old, &new),
        Err(PreserveError::Unmapped(_))
    ));
    assert!(matches!(
        patch("{\"a\": 1,}", SourceFormat::Json, &old, &new),
        Err(PreserveError::Unmapped(_))
    ));
}

/// A one-line scalar followed by spaces (as in published SAM templates) that becomes a block
/// scalar: the spaces go, or they would end up in its last line.
#[test]
fn a_scalar_with_trailing_spaces_becomes_a_block_scalar_in_place() {
    yaml(
        "p: # c\n  - a: 1\n  - Plain    \n  - b: 2\n",
        set("/p/1", json!("first line\nsecond line\n")),
        "p: # c\n  - a: 1\n  - |\n    first line\n    second line\n  - b: 2\n",
    );
    yaml(
        "k: Plain  \t\nq: 1\n",
        set("/k", json!("one\ntwo")),
        "k: |-\n  one\n  two\nq: 1\n",
    );
}

/// A one-line scalar with a comment after it (`Type: X # More info: ...`, as SAM templates
/// have) that becomes a block scalar: the comment stays, on the block's header line.
#[test]
fn a_commented_scalar_becomes_a_block_scalar_keeping_its_comment() {
    yaml(
        "M:\n  Type: AWS::Serverless::StateMachine # More info: https://x\n  Name: N\n",
        set("/M/Type", json!("first line\nsecond line\n")),
        "M:\n  Type: | # More info: https://x\n    first line\n    second line\n  Name: N\n",
    );
}
