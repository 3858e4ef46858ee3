//! Declares the app's own commands to Tauri, so that the capability file can allow exactly
//! these and a webview can call nothing else (Tauri allows every app command when none are
//! declared). The names are read from `src/contract.rs`, where each command is declared once.

use std::path::Path;

/// The command names of the `commands { ... }` table: its `sync NAME in` / `async NAME in`
/// lines.
fn declared_commands(contract: &str) -> Vec<String> {
    contract
        .lines()
        .map(str::trim_start)
        .filter_map(|line| {
            let rest = line
                .strip_prefix("sync ")
                .or_else(|| line.strip_prefix("async "))?;
            let (name, tail) = rest.split_once(' ')?;
            let is_name = name.chars().all(|c| c.is_ascii_lowercase() || c == '_');
            (is_name && tail.starts_with("in ")).then(|| name.to_string())
        })
        .collect()
}

fn main() {
    let contract = Path::new("src/contract.rs");
    println!("cargo:rerun-if-changed={}", contract.display());
    let text = std::fs::read_to_string(contract).expect("read src/contract.rs");
    let names = declared_commands(&text);
    assert!(!names.is_empty(), "no commands found in src/contract.rs");
    // `AppManifest` keeps the names for the whole build: a build script may leak them.
    let names: &'static [&'static str] = Box::leak(
        names
            .into_iter()
            .map(|n| &*Box::leak(n.into_boxed_str()))
            .collect(),
    );
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(names)),
    )
    .expect("tauri build script");
}
