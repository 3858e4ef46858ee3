//! A file as git has it at a revision (`HEAD`, a branch, a tag, a commit), for comparing a
//! machine with an earlier version of itself. The whole folder of the file is read at that
//! revision (with `git archive`), not only the file: a template names its definition file
//! (`DefinitionUri`, `templatefile()`), which must come from the same revision.
//!
//! The git command is used rather than a library: it is what the user's repository is made
//! with (its config, its hooks, worktrees, partial clones all just work), and one revision's
//! folder is all that is read.

use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum GitError {
    #[error("{}: not in a git repository", dir.display())]
    NotARepository { dir: PathBuf },
    #[error("{rev}: no such revision in the git repository of {}", dir.display())]
    UnknownRevision { rev: String, dir: PathBuf },
    #[error("{rev}:{path}: the file is not in that revision")]
    NotInRevision { rev: String, path: String },
    #[error("could not run {what}: {source}")]
    Run {
        what: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[error("could not read {rev}:{path} from git: {message}")]
    Read {
        rev: String,
        path: String,
        message: String,
    },
}

/// The folder of a file at a revision, in a temporary folder that lives as long as this.
#[derive(Debug)]
pub struct Checkout {
    _dir: tempfile::TempDir,
    /// The file, inside the temporary folder.
    pub file: PathBuf,
    /// The file's path from the top of the repository, as git names it.
    pub in_repo: String,
}

/// `path` (absolute, or from the current folder; it need not exist any more) as git has it at
/// `rev`.
pub fn at_revision(rev: &str, path: &Path) -> Result<Checkout, GitError> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|source| GitError::Run {
                what: "git (no current folder)",
                source,
            })?
            .join(path)
    };
    let absolute = normalise(&absolute);
    // The file may be gone from the working tree: ask git from its nearest folder that is not.
    let base = absolute
        .ancestors()
        .skip(1)
        .find(|a| a.is_dir())
        .unwrap_or(Path::new("/"))
        .to_path_buf();
    let rest = absolute.strip_prefix(&base).unwrap_or(&absolute);
    let prefix = git(&base, &["rev-parse", "--show-prefix"])
        .map_err(|_| GitError::NotARepository { dir: base.clone() })?;
    let in_repo = format!("{prefix}{}", slashed(rest));
    if git(
        &base,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .is_err()
    {
        return Err(GitError::UnknownRevision {
            rev: rev.to_string(),
            dir: base,
        });
    }
    if git(&base, &["cat-file", "-e", &format!("{rev}:{in_repo}")]).is_err() {
        return Err(GitError::NotInRevision {
            rev: rev.to_string(),
            path: in_repo,
        });
    }
    let read_error = |message: String| GitError::Read {
        rev: rev.to_string(),
        path: in_repo.clone(),
        message,
    };
    let folder = match in_repo.rsplit_once('/') {
        Some((folder, _)) => folder.to_string(),
        None => ".".to_string(),
    };
    let top = git(&base, &["rev-parse", "--show-toplevel"]).map_err(read_error)?;
    let tmp = tempfile::tempdir().map_err(|source| GitError::Run {
        what: "git (no temporary folder)",
        source,
    })?;
    let mut archive = Command::new("git")
        .current_dir(&top)
        .args(["archive", "--format=tar", rev, "--", &folder])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|source| GitError::Run {
            what: "git archive",
            source,
        })?;
    let Some(tar_input) = archive.stdout.take() else {
        return Err(read_error("git archive gave no output".into()));
    };
    let untar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(tmp.path())
        .stdin(tar_input)
        .status()
        .map_err(|source| GitError::Run {
            what: "tar",
            source,
        })?;
    let archived = archive.wait().map_err(|source| GitError::Run {
        what: "git archive",
        source,
    })?;
    if !untar.success() || !archived.success() {
        return Err(read_error("git archive or tar failed".into()));
    }
    let file = tmp.path().join(&in_repo);
    Ok(Checkout {
        _dir: tmp,
        file,
        in_repo,
    })
}

/// `git <args>` run in `dir`: its trimmed output, or its trimmed error output.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .map_err(|e| format!("could not run git: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// `a/./b/../c` as `a/c`, without touching the disk (the file may not exist).
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A relative path with `/` between its parts, as git names paths.
fn slashed(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn run(dir: &Path, args: &[&str]) {
        let ok = Command::new("git")
            .current_dir(dir)
            .args(args)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .status()
            .expect("git runs")
            .success();
        assert!(ok, "git {args:?}");
    }

    fn repo() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp");
        run(dir.path(), &["init", "-q"]);
        fs::create_dir(dir.path().join("flows")).expect("mkdir");
        fs::write(dir.path().join("flows/a.json"), "old").expect("write");
        run(dir.path(), &["add", "."]);
        run(dir.path(), &["commit", "-q", "-m", "one"]);
        fs::write(dir.path().join("flows/a.json"), "new").expect("write");
        dir
    }

    #[test]
    fn reads_the_file_as_committed_not_as_on_disk() {
        let dir = repo();
        let c = at_revision("HEAD", &dir.path().join("flows/a.json")).expect("read");
        assert_eq!(fs::read_to_string(&c.file).expect("file"), "old");
        assert_eq!(c.in_repo, "flows/a.json");
    }

    #[test]
    fn each_failure_names_what_is_wrong() {
        let dir = repo();
        let file = dir.path().join("flows/a.json");
        let cases: [(&str, PathBuf, &str); 3] = [
            ("nope", file.clone(), "nope: no such revision"),
            (
                "HEAD",
                dir.path().join("flows/b.json"),
                "HEAD:flows/b.json: the file is not in that revision",
            ),
            (
                "HEAD",
                std::env::temp_dir().join("stepwise-no-repo-here/x.json"),
                "not in a git repository",
            ),
        ];
        for (rev, path, wanted) in cases {
            let err = at_revision(rev, &path).expect_err("fails").to_string();
            assert!(err.contains(wanted), "{rev} {}: {err}", path.display());
        }
    }
}
