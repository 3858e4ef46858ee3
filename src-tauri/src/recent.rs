//! The recently opened files, newest first, kept in the app's config folder.

use std::path::{Path, PathBuf};

const LIMIT: usize = 10;
const FILE: &str = "recent-files.json";

/// Reads the list; a missing or unreadable file is an empty list.
pub fn load(config_dir: &Path) -> Vec<String> {
    std::fs::read(config_dir.join(FILE))
        .ok()
        .and_then(|b| serde_json::from_slice::<Vec<String>>(&b).ok())
        .unwrap_or_default()
}

/// Puts `path` first and writes the list (atomically). Returns the new list.
pub fn remember(config_dir: &Path, path: &Path) -> std::io::Result<Vec<String>> {
    let entry = path.display().to_string();
    let mut list = load(config_dir);
    list.retain(|p| p != &entry);
    list.insert(0, entry);
    list.truncate(LIMIT);
    std::fs::create_dir_all(config_dir)?;
    let bytes = serde_json::to_vec_pretty(&list).map_err(std::io::Error::other)?;
    stepwise_asl::fsutil::write_atomic(&config_dir.join(FILE), &bytes)?;
    Ok(list)
}

/// The entries that still exist on disk.
pub fn existing(list: Vec<String>) -> Vec<String> {
    list.into_iter()
        .filter(|p| PathBuf::from(p).is_file())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_without_duplicates_and_bounded() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(load(dir.path()).is_empty());
        for i in 0..12 {
            remember(dir.path(), Path::new(&format!("/m/{i}.json"))).expect("write");
        }
        let list = remember(dir.path(), Path::new("/m/5.json")).expect("write");
        assert_eq!(list.len(), LIMIT);
        assert_eq!(list[0], "/m/5.json");
        assert_eq!(list[1], "/m/11.json");
        assert_eq!(list.iter().filter(|p| *p == "/m/5.json").count(), 1);
        assert_eq!(load(dir.path()), list);
    }
}
