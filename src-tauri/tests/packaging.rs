//! The Linux packages (`make package`) declare the file types in two places that nothing else
//! ties together: `bundle.fileAssociations` in tauri.conf.json (which becomes the desktop entry's
//! `MimeType=`) and the shared-mime-info XML that maps file names to those types. A type in one
//! and not the other installs cleanly and then silently never opens the app.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

fn read(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn config() -> Value {
    serde_json::from_str(&read("tauri.conf.json")).expect("tauri.conf.json is JSON")
}

/// The values of `attr="..."` on every `<tag ...>` of the XML, in order.
fn attributes(xml: &str, tag: &str, attr: &str) -> Vec<String> {
    let open = format!("<{tag} ");
    let key = format!("{attr}=\"");
    xml.split(&open)
        .skip(1)
        .filter_map(|rest| {
            let element = &rest[..rest.find('>')?];
            let value = &element[element.find(&key)? + key.len()..];
            Some(value[..value.find('"')?].to_string())
        })
        .collect()
}

/// (MIME type, file extensions) of each file association.
fn associations(config: &Value) -> Vec<(String, Vec<String>)> {
    let list = config["bundle"]["fileAssociations"]
        .as_array()
        .expect("bundle.fileAssociations is a list");
    list.iter()
        .map(|a| {
            let mime = a["mimeType"]
                .as_str()
                .expect("each association has a mimeType");
            let ext = a["ext"].as_array().expect("each association has ext");
            let ext = ext
                .iter()
                .map(|e| e.as_str().expect("ext is text").to_string());
            (mime.to_string(), ext.collect())
        })
        .collect()
}

/// The XML file each Linux package installs as its MIME package.
fn mime_xml_sources(config: &Value) -> BTreeSet<String> {
    ["deb", "rpm"]
        .iter()
        .map(|kind| {
            let files = &config["bundle"]["linux"][kind]["files"];
            let src = files["/usr/share/mime/packages/stepwise-asl.xml"]
                .as_str()
                .unwrap_or_else(|| panic!("the {kind} installs the MIME XML"));
            src.to_string()
        })
        .collect()
}

#[test]
fn every_associated_type_is_declared_with_a_glob_per_extension() {
    let config = config();
    let sources = mime_xml_sources(&config);
    assert_eq!(
        sources.len(),
        1,
        "the .deb and .rpm install the same XML: {sources:?}"
    );
    let xml = read(sources.first().expect("one source"));

    let declared = attributes(&xml, "mime-type", "type");
    let associated: Vec<String> = associations(&config).into_iter().map(|(m, _)| m).collect();
    assert_eq!(
        declared, associated,
        "the XML declares exactly the associated types"
    );

    for (mime, exts) in associations(&config) {
        let start = xml.find(&format!("type=\"{mime}\"")).expect("declared");
        let block = &xml[start..start + xml[start..].find("</mime-type>").expect("closed")];
        let globs: BTreeSet<String> = attributes(block, "glob", "pattern").into_iter().collect();
        let wanted: BTreeSet<String> = exts.iter().map(|e| format!("*.{e}")).collect();
        assert_eq!(globs, wanted, "{mime}: one glob per extension");
    }
}

#[test]
fn the_desktop_entry_passes_files_and_lists_the_types() {
    let config = config();
    let linux = &config["bundle"]["linux"];
    for kind in ["deb", "rpm"] {
        let template = linux[kind]["desktopTemplate"]
            .as_str()
            .unwrap_or_else(|| panic!("the {kind} uses our desktop template"));
        let text = read(template);
        let line = |key: &str| {
            text.lines()
                .find(|l| l.starts_with(&format!("{key}=")))
                .unwrap_or_else(|| panic!("{template}: no {key}= line"))
                .to_string()
        };
        // Without a field code the desktop starts the app with no file at all.
        assert_eq!(line("Exec"), "Exec={{exec}} %F", "{template}");
        // The bundler joins the types with ';' but the spec wants the list closed with one.
        assert_eq!(line("MimeType"), "MimeType={{mime_type}};", "{template}");
    }
}

#[test]
fn attributes_reads_each_element_in_order() {
    let xml =
        r#"<a><glob pattern="*.x"/><other pattern="no"/><glob weight="1" pattern="*.y"/></a>"#;
    assert_eq!(attributes(xml, "glob", "pattern"), ["*.x", "*.y"]);
    assert!(attributes(xml, "glob", "missing").is_empty());
}
