//! The workspace and its file: saves, outside changes, conflicts, YAML, exports, new documents.

use super::*;

#[test]
fn save_writes_atomically_what_the_canvas_shows() {
    let (dir, path, mut ws) = open(MACHINE);
    ws.apply(&insert_pass_after_validate()).expect("applies");
    ws.save().expect("saves");
    assert!(!ws.view().dirty);
    let on_disk = saved(&path);
    assert_eq!(on_disk["States"]["Pass"]["Next"], "Fork");
    assert!(stepwise_asl::validate(&on_disk)
        .iter()
        .all(|d| !d.is_error()));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temp files left");
    // Our own save, seen by the watcher, is not an outside change.
    let bytes = std::fs::read(&path).expect("read");
    assert!(!ws.disk_changed(bytes));
}

#[test]
fn an_outside_edit_reloads_when_nothing_is_unsaved() {
    let (_dir, path, mut ws) = open(MACHINE);
    let theirs = MACHINE.replace("Orders", "Edited elsewhere");
    std::fs::write(&path, &theirs).expect("write");
    assert!(ws.disk_changed(theirs.clone().into_bytes()));
    let v = ws.view();
    assert_eq!(v.comment.as_deref(), Some("Edited elsewhere"));
    assert!(!v.dirty && !v.conflict);
    assert!(v.can_undo, "the reload is a step that can be undone");
}

#[test]
fn an_outside_edit_with_unsaved_edits_is_a_conflict_the_user_settles() {
    let (_dir, _path, mut ws) = open(MACHINE);
    ws.apply(&insert_pass_after_validate()).expect("applies");
    let mine = ws.view().text;
    let theirs = MACHINE.replace("Orders", "Theirs");
    assert!(ws.disk_changed(theirs.clone().into_bytes()));
    let v = ws.view();
    assert!(v.conflict);
    assert_eq!(v.text, mine, "nothing is replaced before the user chooses");

    // Take theirs: their file is shown, and mine is one Undo away.
    ws.resolve_conflict(ConflictChoice::Theirs);
    let t = ws.view();
    assert!(!t.conflict && !t.dirty);
    assert_eq!(t.comment.as_deref(), Some("Theirs"));
    ws.undo();
    assert_eq!(ws.view().text, mine);

    // Keep mine: the window keeps its edits, still unsaved.
    let (_dir2, _path2, mut ws2) = open(MACHINE);
    ws2.apply(&insert_pass_after_validate()).expect("applies");
    ws2.disk_changed(theirs.into_bytes());
    ws2.resolve_conflict(ConflictChoice::Mine);
    let m = ws2.view();
    assert!(!m.conflict && m.dirty);
    assert_eq!(m.text, mine);
}

#[test]
fn yaml_files_are_edited_as_json_and_saved_as_yaml() {
    let dir = tempfile::tempdir().expect("temp dir");
    let yaml = "StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n";
    let path = write(dir.path(), "m.asl.yaml", yaml);
    let mut ws = Workspace::open(&path);
    let v = ws.view();
    assert_eq!(v.format, DocumentFormat::Yaml);
    assert!(v.text.trim_start().starts_with('{'));
    ws.apply(&Edit::SetValue {
        pointer: "/Comment".into(),
        value: Some(json!("From the app")),
    })
    .expect("applies");
    ws.save().expect("saves");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("Comment: From the app"), "{text}");
    assert!(!text.trim_start().starts_with('{'));
}

/// A YAML definition as people write them: comments, quoted strings, a `|` block.
const COMMENTED_YAML: &str = r#"# Orders: validate, then charge.
Comment: |
  Takes an order through validation
  and payment.
StartAt: Validate   # the entry point
States:
  # Checks the order first.
  Validate:
    Type: Pass
    Result: 'validated'
    Next: Charge

  Charge:
    Type: Task
    Resource: "arn:aws:lambda:us-east-1:123456789012:function:charge"
    TimeoutSeconds: 30
    Next: Done

  Done:
    Type: Succeed   # all good
"#;

#[test]
fn a_yaml_save_rewrites_only_the_lines_that_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write(dir.path(), "orders.asl.yaml", COMMENTED_YAML);
    let mut ws = Workspace::open(&path);
    ws.apply(&Edit::Rename {
        pointer: "/States/Validate".into(),
        name: "Check Order".into(),
    })
    .expect("renames");
    ws.apply(&Edit::SetValue {
        pointer: "/States/Charge/TimeoutSeconds".into(),
        value: Some(json!(60)),
    })
    .expect("sets");
    ws.save().expect("saves");
    let want = COMMENTED_YAML
        .replace("StartAt: Validate   #", "StartAt: Check Order   #")
        .replace("  Validate:\n", "  Check Order:\n")
        .replace("TimeoutSeconds: 30", "TimeoutSeconds: 60");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), want);

    // Undo both and save: the file is byte for byte what it was.
    ws.undo();
    ws.undo();
    ws.save().expect("saves");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        COMMENTED_YAML
    );
}

#[test]
fn a_json_file_keeps_its_four_space_indentation_in_the_code_view_and_on_disk() {
    let four = serde_json::from_str::<Value>(MACHINE)
        .map(|v| {
            let mut out = Vec::new();
            let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
            let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
            serde::Serialize::serialize(&v, &mut ser).expect("serialise");
            String::from_utf8(out).expect("utf8")
        })
        .expect("json");
    let (_dir, path, mut ws) = open(&four);
    ws.apply(&insert_pass_after_validate()).expect("applies");
    let text = ws.view().text;
    assert!(text.contains("\n        \"Pass\": {\n            \"Type\": \"Pass\",\n            \"Next\": \"Fork\"\n        },"), "{text}");
    ws.save().expect("saves");
    let on_disk = std::fs::read_to_string(&path).expect("read");
    assert_eq!(on_disk, format!("{text}\n"));
    for line in on_disk.lines() {
        let indent = line.len() - line.trim_start().len();
        assert_eq!(indent % 4, 0, "{line:?}");
    }
    // Each undo step keeps its own text.
    ws.undo();
    assert_eq!(ws.view().text, four);
    ws.redo();
    assert_eq!(ws.view().text, text);
}

#[cfg(unix)]
#[test]
fn a_save_keeps_the_file_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, mode) in [
        ("a.asl.yaml", 0o644),
        ("b.asl.json", 0o664),
        ("c.asl.yaml", 0o600),
    ] {
        let path = write(
            dir.path(),
            name,
            if name.ends_with("yaml") {
                COMMENTED_YAML
            } else {
                MACHINE
            },
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).expect("chmod");
        let mut ws = Workspace::open(&path);
        ws.apply(&Edit::SetValue {
            pointer: "/Comment".into(),
            value: Some(json!("Saved")),
        })
        .expect("sets");
        ws.save().expect("saves");
        let got = std::fs::metadata(&path).expect("stat").permissions().mode() & 0o7777;
        assert_eq!(got, mode, "{name}");
    }
}

#[test]
fn save_as_yaml_from_json_writes_the_definition_afresh() {
    let (dir, _path, mut ws) = open(MACHINE);
    let yaml_path = dir.path().join("orders.asl.yaml");
    ws.save_as(&yaml_path).expect("saves");
    let text = std::fs::read_to_string(&yaml_path).expect("read");
    assert!(!text.trim_start().starts_with('{'), "{text}");
    let (back, _) = stepwise_asl::parse_value(text.as_bytes(), None).expect("parses");
    assert_eq!(back, serde_json::from_str::<Value>(MACHINE).expect("json"));
    // The next save patches that YAML.
    ws.apply(&Edit::SetValue {
        pointer: "/Comment".into(),
        value: Some(json!("Again")),
    })
    .expect("sets");
    ws.save().expect("saves");
    let again = std::fs::read_to_string(&yaml_path).expect("read");
    assert_eq!(again, text.replace("Comment: Orders", "Comment: Again"));
}

#[test]
fn an_unreadable_file_gives_a_view_with_the_reason() {
    let (_dir, path, mut ws) = open("{ not json");
    let v = ws.view();
    let err = v.error.expect("an error");
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert!(ws.apply(&insert_pass_after_validate()).is_err());
}

#[test]
fn exports_every_format() {
    let (_dir, _path, ws) = open(MACHINE);
    let json: Value =
        serde_json::from_slice(&ws.export(ExportKind::Json).expect("json")).expect("parses");
    assert_eq!(
        json,
        serde_json::from_str::<Value>(MACHINE).expect("machine")
    );
    let yaml = String::from_utf8(ws.export(ExportKind::Yaml).expect("yaml")).expect("utf8");
    assert!(yaml.contains("StartAt: Validate"));
    let svg = String::from_utf8(ws.export(ExportKind::Svg).expect("svg")).expect("utf8");
    assert!(svg.starts_with("<svg") && svg.contains("Charge"));
    let png = ws.export(ExportKind::Png).expect("png");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(ws.export_name(ExportKind::Svg), "orders.svg");
    assert_eq!(ws.export_name(ExportKind::Yaml), "orders.asl.yaml");
}

#[test]
fn copy_as_image_is_the_png_export_as_pixels() {
    let (_dir, _path, ws) = open(MACHINE);
    let png = ws.export(ExportKind::Png).expect("png");
    let raster = ws.raster().expect("raster");
    // The PNG's own header (IHDR: width and height, big-endian, at bytes 16..24).
    let be = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
    assert_eq!(&png[12..16], b"IHDR");
    assert_eq!((raster.width, raster.height), (be(16), be(20)));
    assert_eq!(
        raster.rgba.len(),
        (raster.width * raster.height * 4) as usize
    );
    // Pixel for pixel what Export -> PNG wrote.
    let exported = resvg::tiny_skia::Pixmap::decode_png(&png).expect("decode the export");
    let pixels = crate::png::straight_rgba(&exported);
    assert!(
        raster.rgba == pixels,
        "the clipboard's pixels are the export's"
    );
    assert!(
        raster.rgba.chunks(4).any(|p| p != [255, 255, 255, 255]),
        "something is drawn on the white"
    );
}

#[test]
fn an_unsaved_document_offers_its_name_to_save_and_export() {
    let mut blank = Workspace::untitled(crate::examples::blank());
    assert_eq!(blank.view().file_name, "Untitled.asl.json");
    assert_eq!(blank.export_name(ExportKind::Png), "Untitled.png");
    let mut example = Workspace::untitled_named(crate::examples::blank(), "polling-loop.asl.json");
    assert_eq!(example.view().file_name, "polling-loop.asl.json");
    assert_eq!(
        example.export_name(ExportKind::Json),
        "polling-loop.asl.json"
    );
    assert_eq!(example.export_name(ExportKind::Svg), "polling-loop.svg");
}

#[test]
fn a_new_document_saves_where_asked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ws = Workspace::untitled(crate::examples::blank());
    let v = ws.view();
    assert_eq!(v.path, None);
    assert!(!v.dirty, "a new document is not unsaved until it is edited");
    ws.apply(&Edit::AddState {
        scope: String::new(),
        name: "Wait".into(),
        state: json!({"Type": "Wait", "Seconds": 1}),
    })
    .expect("edit");
    assert!(ws.view().dirty);
    assert!(v.problems.is_empty());
    assert!(ws.save().is_err(), "no file yet");
    let path = dir.path().join("new.asl.json");
    ws.save_as(&path).expect("saves");
    let mut expected = crate::examples::blank();
    expected["States"]["Wait"] = json!({"Type": "Wait", "Seconds": 1, "End": true});
    assert_eq!(saved(&path), expected);
    assert!(!ws.view().dirty);
    assert_eq!(ws.view().file_name, "new.asl.json");
}

#[test]
fn copy_states_gives_name_to_definition() {
    let (_dir, _path, ws) = open(MACHINE);
    let copied = ws.copy_states(&[
        "/States/Done".into(),
        "/States/Fork/Branches/0/States/Charge".into(),
    ]);
    assert_eq!(copied["Done"], json!({"Type": "Succeed"}));
    assert_eq!(copied["Charge"]["Type"], "Task");
}
