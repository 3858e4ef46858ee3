//! The JSON Schema in `schemas/` is generated from the format's Rust types; this keeps the
//! file in step (`STEPWISE_WRITE_SCHEMA=1 cargo test -p stepwise-testing --test schema`
//! rewrites it), and checks that every example's tests file follows the format.

use std::path::Path;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .expect("the crate is two levels down")
}

#[test]
fn the_schema_file_is_generated_from_the_format() {
    let path = repo().join("schemas/stepwise-tests.schema.json");
    let text = format!(
        "{}\n",
        serde_json::to_string_pretty(&stepwise_testing::spec::json_schema()).expect("schema")
    );
    if std::env::var_os("STEPWISE_WRITE_SCHEMA").is_some() {
        std::fs::write(&path, &text).expect("write the schema");
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == text,
        "{} is stale: run STEPWISE_WRITE_SCHEMA=1 cargo test -p stepwise-testing --test schema",
        path.display()
    );
}

#[test]
fn every_example_has_a_tests_file_in_the_format() {
    let examples = repo().join("examples");
    let mut machines = 0;
    for entry in std::fs::read_dir(&examples).expect("examples") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !(name.ends_with(".asl.json") || name.ends_with(".asl.yaml")) {
            continue;
        }
        machines += 1;
        let tests = stepwise_testing::load::tests_file_of(&path)
            .unwrap_or_else(|| panic!("{name} has no tests file"));
        let bytes = std::fs::read(&tests).expect("read");
        let file =
            stepwise_testing::load::parse_tests(&bytes, &tests).unwrap_or_else(|e| panic!("{e}"));
        assert!(!file.tests.is_empty(), "{} has no tests", tests.display());
    }
    assert!(machines >= 7, "only {machines} examples found");
}
