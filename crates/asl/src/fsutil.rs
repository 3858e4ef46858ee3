//! Writing files so that a crash or a full disk never leaves a half-written definition:
//! write to a temporary file in the same folder, flush it to disk, then rename over.
//!
//! A save keeps what the user set up around the file: an existing file keeps its permission
//! bits, and a symbolic link stays a link (the file it points at is replaced). A new file gets
//! the usual permissions for the user's umask (0666 minus the umask, 0644 under umask 022):
//! the temporary file is created with mode 0666 and the OS applies the umask, where
//! `tempfile`'s default would leave 0600.

use std::io::Write;
use std::path::{Path, PathBuf};

/// How many links a path may go through before it is taken as a loop.
const MAX_LINKS: usize = 40;

pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = resolve_links(path)?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let existing = std::fs::metadata(&target).ok().map(|m| m.permissions());
    let mut builder = tempfile::Builder::new();
    builder.prefix(".stepwise-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Passed to open(2), so the umask applies, as it does for any new file.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // On error the temporary file is removed when `tmp` drops.
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    if let Some(perms) = existing {
        tmp.as_file().set_permissions(perms)?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    // The rename itself is durable once the folder is flushed (where the OS allows it).
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The file a path names after following symbolic links (a dangling link names the file it
/// would create).
fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(parent) if link.is_relative() => parent.join(link),
                    _ => link,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(std::io::Error::other(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .expect("ls")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("m.asl.json");
        write_atomic(&file, b"one").expect("first write");
        write_atomic(&file, b"two").expect("second write");
        assert_eq!(std::fs::read(&file).expect("read"), b"two");
        assert_eq!(entries(dir.path()), vec!["m.asl.json"]);
    }

    #[test]
    fn missing_folder_is_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(write_atomic(&dir.path().join("no/such/dir/x.json"), b"x").is_err());
    }

    #[cfg(unix)]
    fn mode(p: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(p).expect("stat").permissions().mode() & 0o7777
    }

    #[cfg(unix)]
    #[test]
    fn an_existing_file_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        for m in [0o644, 0o600, 0o664, 0o640, 0o755] {
            let file = dir.path().join(format!("m{m:o}.yaml"));
            std::fs::write(&file, "a: 1\n").expect("write");
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(m)).expect("chmod");
            write_atomic(&file, b"a: 2\n").expect("save");
            assert_eq!(mode(&file), m, "mode {m:o}");
            assert_eq!(std::fs::read(&file).expect("read"), b"a: 2\n");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_stays_a_link_to_the_saved_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("real")).expect("mkdir");
        let real = dir.path().join("real/m.yaml");
        std::fs::write(&real, "a: 1\n").expect("write");
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink("real/m.yaml", &link).expect("symlink");
        write_atomic(&link, b"a: 2\n").expect("save through the link");
        assert!(std::fs::symlink_metadata(&link)
            .expect("lstat")
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&real).expect("read"), b"a: 2\n");
        assert_eq!(entries(&dir.path().join("real")), vec!["m.yaml"]);
    }

    /// A new file gets 0666 minus the umask. The umask is process-wide, so this runs in a
    /// child process (this test binary again, with `STEPWISE_UMASK_CHILD` set).
    #[cfg(unix)]
    #[test]
    fn a_new_file_follows_the_umask() {
        if let Ok(path) = std::env::var("STEPWISE_UMASK_CHILD") {
            write_atomic(Path::new(&path), b"new\n").expect("write");
            return;
        }
        let dir = tempfile::tempdir().expect("tempdir");
        for (umask, want) in [("022", 0o644), ("077", 0o600), ("002", 0o664)] {
            let file = dir.path().join(format!("new-{umask}.json"));
            let exe = std::env::current_exe().expect("exe");
            let status = std::process::Command::new("sh")
                .arg("-c")
                .arg(format!(
                    "umask {umask} && exec \"$0\" --exact fsutil::tests::a_new_file_follows_the_umask --test-threads=1"
                ))
                .arg(&exe)
                .env("STEPWISE_UMASK_CHILD", &file)
                .stdout(std::process::Stdio::null())
                .status()
                .expect("child runs");
            assert!(status.success());
            assert_eq!(mode(&file), want, "umask {umask}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_failed_write_leaves_the_file_and_no_temp_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("m.json");
        std::fs::write(&file, "old").expect("write");
        // A folder that cannot be written: the temporary file cannot be made.
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o500))
            .expect("chmod");
        let res = write_atomic(&file, b"new");
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700))
            .expect("chmod back");
        if res.is_ok() {
            // Running as root: permissions do not stop it; nothing more to check here.
            return;
        }
        assert_eq!(std::fs::read(&file).expect("read"), b"old");
        assert_eq!(entries(dir.path()), vec!["m.json"]);
    }
}
