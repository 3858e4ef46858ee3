//! Which open document a server's execution belongs to.

use serde_json::Value;

/// `order-processing`, `OrderProcessing` and `order_processing` name the same machine.
fn folded(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether an execution of the machine `name` with `definition` (JSON text) is a run of the
/// document with file stem `stem` and definition `open`: the same definition (key order
/// aside), or a machine named after the file (the definition may have been edited since).
pub fn is_of(stem: &str, open: &Value, name: &str, definition: &str) -> bool {
    let same = serde_json::from_str::<Value>(definition).is_ok_and(|d| &d == open);
    same || (!stem.is_empty() && folded(stem) == folded(name))
}

#[cfg(test)]
mod tests {
    use super::is_of;
    use serde_json::json;

    #[test]
    fn an_execution_matches_by_definition_or_by_name() {
        let open = json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}});
        let same_reordered = r#"{"States": {"A": {"End": true, "Type": "Pass"}}, "StartAt": "A"}"#;
        let other = r#"{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}"#;
        let cases = [
            ("order-processing", "AnyName", same_reordered, true),
            ("order-processing", "OrderProcessing", other, true),
            ("order-processing", "order_processing", other, true),
            ("order-processing", "Payments", other, false),
            ("", "", other, false),
            ("order-processing", "Payments", "not json", false),
        ];
        for (stem, name, def, want) in cases {
            assert_eq!(
                is_of(stem, &open, name, def),
                want,
                "{stem} / {name} / {def}"
            );
        }
    }
}
