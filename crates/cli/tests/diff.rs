//! `stepwise diff`: two files, a file against a git revision, a template's machine.

use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Output};

fn stepwise(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stepwise"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run stepwise")
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.email=t@example.com", "-c", "user.name=t"])
        .args(args)
        .status()
        .expect("git")
        .success();
    assert!(ok, "git {args:?}");
}

fn flow(wait: u64, last: &str) -> Value {
    json!({"StartAt": "Work", "States": {
        "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Parameters": {"FunctionName": "work"}, "Next": "Pause"},
        "Pause": {"Type": "Wait", "Seconds": wait, "Next": last},
        last: {"Type": "Succeed"}
    }})
}

fn write_json(path: &Path, v: &Value) {
    std::fs::write(path, serde_json::to_string_pretty(v).unwrap()).expect("write");
}

#[test]
fn a_file_against_head_in_text_and_json_with_diff_exit_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    git(dir, &["init", "-q"]);
    std::fs::create_dir(dir.join("flows")).unwrap();
    let file = dir.join("flows/order.asl.json");
    write_json(&file, &flow(5, "Done"));
    git(dir, &["add", "."]);
    git(dir, &["commit", "-qm", "first"]);

    let same = stepwise(
        dir,
        &["diff", "HEAD:flows/order.asl.json", "flows/order.asl.json"],
    );
    assert_eq!(same.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&same.stdout).contains("no change"));

    write_json(&file, &flow(9, "Finished"));
    let text = stepwise(
        dir,
        &["diff", "HEAD:flows/order.asl.json", "flows/order.asl.json"],
    );
    assert_eq!(text.status.code(), Some(1), "{text:?}");
    let out = String::from_utf8_lossy(&text.stdout);
    for line in [
        "~ Pause",
        "    /Seconds: 5 -> 9",
        "> Done renamed to Finished",
    ] {
        assert!(out.lines().any(|l| l == line), "{line:?} in\n{out}");
    }
    // A path from a subfolder is the same file.
    let sub = stepwise(
        &dir.join("flows"),
        &["diff", "HEAD:order.asl.json", "order.asl.json"],
    );
    let body = |o: &Output| -> Vec<String> {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .skip(2)
            .map(str::to_string)
            .collect()
    };
    assert_eq!(body(&sub), body(&text));

    let json_out = stepwise(
        dir,
        &[
            "diff",
            "HEAD:flows/order.asl.json",
            "flows/order.asl.json",
            "--format",
            "json",
        ],
    );
    let d: Value = serde_json::from_slice(&json_out.stdout).expect("json");
    assert_eq!(d["changes"][0]["kind"], "changed");
    assert_eq!(
        d["changes"][0]["fields"][0],
        json!({"pointer": "/Seconds", "before": 5, "after": 9})
    );
    assert_eq!(
        d["changes"][1],
        json!({"kind": "renamed", "from": "Done", "to": "Finished",
        "pointer": "/States/Finished", "fields": []})
    );
    assert_eq!(d["edgesAdded"], json!([]));
}

#[test]
fn a_template_machine_at_a_revision_and_errors_that_name_the_side() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let example = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/projects/lambda-orchestration-sam");
    let project = dir.join("app");
    std::fs::create_dir_all(project.join("statemachine")).unwrap();
    for f in ["template.yaml", "statemachine/statemachine.asl.json"] {
        std::fs::copy(example.join(f), project.join(f)).unwrap();
    }
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-qm", "first"]);
    let asl = project.join("statemachine/statemachine.asl.json");
    let mut def: Value = serde_json::from_str(&std::fs::read_to_string(&asl).unwrap()).unwrap();
    def["States"]["Report Result"]["Comment"] = json!("now with a comment");
    write_json(&asl, &def);

    let out = stepwise(
        dir,
        &[
            "diff",
            "HEAD:app/template.yaml",
            "app/template.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(d["changes"].as_array().map(Vec::len), Some(1), "{d}");
    assert_eq!(d["changes"][0]["state"], "Report Result");
    assert_eq!(d["changes"][0]["fields"][0]["pointer"], "/Comment");

    // (args, what stderr names)
    for (args, named) in [
        (
            vec!["diff", "HEAD:app/nope.json", "app/template.yaml"],
            "HEAD:app/nope.json",
        ),
        (
            vec!["diff", "nowhere.json", "app/template.yaml"],
            "nowhere.json",
        ),
        (
            vec!["diff", "no-such-rev:app/template.yaml", "app/template.yaml"],
            "no-such-rev",
        ),
    ] {
        let out = stepwise(dir, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(named), "{args:?}: {err}");
    }
}

/// The `data-change` of the `<g>` or `<path>` whose `<title>` holds `title`.
fn change_of<'a>(svg: &'a str, title: &str) -> Option<&'a str> {
    let at = svg.find(&format!("<title>{title}</title>"))?;
    let before = &svg[..at];
    let open = before.rfind("data-change=\"")? + "data-change=\"".len();
    // Only a tag on the same element group: no closing group in between.
    if before[open..].contains("</g>") {
        return None;
    }
    svg[open..].split('"').next()
}

#[test]
fn svg_colours_added_changed_renamed_and_removed_states_and_draws_the_removed_as_ghosts() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let old = json!({"StartAt": "Work", "States": {
        "Work": {"Type": "Pass", "Result": 1, "Next": "Notify"},
        "Notify": {"Type": "Pass", "Next": "Done"},
        "Done": {"Type": "Succeed"}
    }});
    let new = json!({"StartAt": "Work", "States": {
        "Work": {"Type": "Pass", "Result": 2, "Next": "Audit"},
        "Audit": {"Type": "Pass", "Result": "audited", "Next": "Finished"},
        "Finished": {"Type": "Succeed"}
    }});
    write_json(&dir.join("old.asl.json"), &old);
    write_json(&dir.join("new.asl.json"), &new);
    let svg_to = |out: &'static str| {
        [
            "diff",
            "old.asl.json",
            "new.asl.json",
            "--format",
            "svg",
            "-o",
            out,
        ]
    };
    let out = stepwise(dir, &svg_to("d.svg"));
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let svg = std::fs::read_to_string(dir.join("d.svg")).unwrap();
    for (title, change) in [
        ("/States/Work", Some("changed")),
        ("/States/Audit", Some("added")),
        ("/States/Finished", Some("renamed")),
        ("/States/Notify", Some("removed")),
        ("/States/Work-&gt;/States/Audit#0", Some("added")),
        // Into the ghost, and out of it: both only in the old version.
        ("/States/Work-&gt;/States/Notify#0", Some("removed")),
        ("/States/Notify-&gt;/States/Finished#0", Some("removed")),
        ("/States/Audit-&gt;/States/Finished#0", Some("added")),
        ("#start-&gt;/States/Work#0", None),
    ] {
        assert_eq!(change_of(&svg, title), change, "{title} in\n{svg}");
    }
    assert!(svg.contains(">renamed from Done</text>"), "{svg}");
    assert!(svg.contains("stroke=\"#dc2626\" stroke-width=\"2.5\" stroke-dasharray"));
    // The same inputs draw the same bytes.
    stepwise(dir, &svg_to("again.svg"));
    assert_eq!(std::fs::read_to_string(dir.join("again.svg")).unwrap(), svg);
}
