//! The crossing counter on hand-made cases, shared with bench-compare/compare.mjs.

use stepwise_layout::{count_crossings, Point};

#[test]
fn counts_the_hand_made_cases() {
    let text = include_str!("../bench-compare/crossing-cases.json");
    let v: serde_json::Value = serde_json::from_str(text).expect("cases parse");
    let cases = v["cases"].as_array().expect("cases");
    assert!(cases.len() >= 10);
    for case in cases {
        let lines: Vec<Vec<Point>> = case["lines"]
            .as_array()
            .expect("lines")
            .iter()
            .map(|l| {
                l.as_array()
                    .expect("line")
                    .iter()
                    .map(|p| Point {
                        x: p[0].as_f64().expect("x"),
                        y: p[1].as_f64().expect("y"),
                    })
                    .collect()
            })
            .collect();
        let refs: Vec<&[Point]> = lines.iter().map(Vec::as_slice).collect();
        let expected = case["crossings"].as_u64().expect("count") as usize;
        assert_eq!(count_crossings(&refs), expected, "{}", case["name"]);
    }
}
