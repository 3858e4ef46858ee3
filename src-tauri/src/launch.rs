//! Which file the app opens at start.

use std::ffi::OsString;
use std::path::PathBuf;

use tauri::Url;

/// Environment variable naming the file to open when no path is given on the command line.
pub const OPEN_ENV: &str = "STEPWISE_OPEN";

/// The file to open at start: the first command-line argument that is not a flag (WebDriver
/// launchers add flags such as `--automation`), else `STEPWISE_OPEN` when set and not empty,
/// else nothing. Relative paths are made absolute against the current directory; a local
/// `file://` URL becomes its path.
pub fn initial_path(
    args: impl IntoIterator<Item = OsString>,
    env: Option<OsString>,
) -> Option<PathBuf> {
    let from_args = args
        .into_iter()
        .find(|a| !a.is_empty() && !a.to_string_lossy().starts_with('-'));
    let chosen = from_args.or_else(|| env.filter(|v| !v.is_empty()))?;
    Some(to_path(chosen))
}

/// A desktop entry's `%F` hands over paths, but `%U` (and some file managers and portals even
/// for `%F`) hand over `file://` URLs, percent-encoded. A URL naming another host, or one that
/// does not parse, is kept as typed so the error the window shows names what was given.
fn to_path(arg: OsString) -> PathBuf {
    if let Some(text) = arg.to_str() {
        let is_file_url = text
            .get(..5)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("file:"));
        if is_file_url {
            return Url::parse(text)
                .ok()
                .and_then(|url| url.to_file_path().ok())
                .unwrap_or_else(|| PathBuf::from(text));
        }
    }
    let path = PathBuf::from(arg);
    std::path::absolute(&path).unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(v: &[&str]) -> Vec<OsString> {
        v.iter().map(OsString::from).collect()
    }

    #[test]
    fn first_positional_argument_wins_over_env() {
        let p = initial_path(
            os(&["/a/one.asl.json", "/b/two.json"]),
            Some("/c/env.json".into()),
        );
        assert_eq!(p, Some(PathBuf::from("/a/one.asl.json")));
    }

    #[test]
    fn flags_are_skipped() {
        let p = initial_path(os(&["--automation", "/a/m.asl.json"]), None);
        assert_eq!(p, Some(PathBuf::from("/a/m.asl.json")));
    }

    #[test]
    fn env_is_used_without_arguments() {
        let p = initial_path(os(&["--automation"]), Some("/c/env.json".into()));
        assert_eq!(p, Some(PathBuf::from("/c/env.json")));
    }

    #[test]
    fn nothing_when_neither_is_given() {
        assert_eq!(initial_path(os(&[]), None), None);
        assert_eq!(initial_path(os(&[]), Some(OsString::new())), None);
    }

    #[test]
    fn file_urls_become_paths() {
        let cases = [
            ("file:///a/m.asl.json", "/a/m.asl.json"),
            ("file:///a/two%20words.asl.yaml", "/a/two words.asl.yaml"),
            (
                "file:///a/%C3%A9t%C3%A9.asl.json",
                "/a/\u{e9}t\u{e9}.asl.json",
            ),
            ("file://localhost/a/m.asl.json", "/a/m.asl.json"),
            ("FILE:///a/m.asl.json", "/a/m.asl.json"),
            // Not a local file: kept as given, so the window's error names it.
            (
                "file://elsewhere/a/m.asl.json",
                "file://elsewhere/a/m.asl.json",
            ),
        ];
        for (arg, want) in cases {
            let got = initial_path(os(&[arg]), None);
            assert_eq!(got, Some(PathBuf::from(want)), "{arg}");
        }
    }

    #[test]
    fn a_file_url_in_the_environment_becomes_a_path() {
        let p = initial_path(os(&[]), Some("file:///c/env%2B1.json".into()));
        assert_eq!(p, Some(PathBuf::from("/c/env+1.json")));
    }

    #[test]
    fn relative_paths_become_absolute() {
        let p = initial_path(os(&["examples/x.asl.json"]), None).expect("a path");
        assert!(p.is_absolute(), "{}", p.display());
        assert!(p.ends_with("examples/x.asl.json"));
    }
}
