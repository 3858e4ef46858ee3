//! Which file the app opens at start.

use std::ffi::OsString;
use std::path::PathBuf;

/// Environment variable naming the file to open when no path is given on the command line.
pub const OPEN_ENV: &str = "STEPWISE_OPEN";

/// The file to open at start: the first command-line argument that is not a flag (WebDriver
/// launchers add flags such as `--automation`), else `STEPWISE_OPEN` when set and not empty,
/// else nothing. Relative paths are made absolute against the current directory.
pub fn initial_path(
    args: impl IntoIterator<Item = OsString>,
    env: Option<OsString>,
) -> Option<PathBuf> {
    let from_args = args
        .into_iter()
        .find(|a| !a.is_empty() && !a.to_string_lossy().starts_with('-'));
    let chosen = from_args.or_else(|| env.filter(|v| !v.is_empty()))?;
    let path = PathBuf::from(chosen);
    Some(std::path::absolute(&path).unwrap_or(path))
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
    fn relative_paths_become_absolute() {
        let p = initial_path(os(&["examples/x.asl.json"]), None).expect("a path");
        assert!(p.is_absolute(), "{}", p.display());
        assert!(p.ends_with("examples/x.asl.json"));
    }
}
