//! A local folder standing in for Amazon S3, for a Distributed Map's ItemReader and
//! ResultWriter (`stepwise run --s3-dir DIR`, `stepwise test --s3-dir DIR`).
//!
//! `s3://BUCKET/KEY` is the file `DIR/BUCKET/KEY`. It answers the three resources a Distributed
//! Map calls (AWS guide, "ItemReader (Map)" and "ResultWriter (Map)"):
//!
//! - `arn:aws:states:::s3:getObject` (`{"Bucket", "Key"}`): the object's text, which the
//!   ItemReader then reads as its `ReaderConfig.InputType` says (JSON, JSONL, CSV).
//! - `arn:aws:states:::s3:listObjectsV2` (`{"Bucket", "Prefix"}`): one item per object under
//!   the prefix, in key order, shaped as AWS's items are: `{"Etag", "Key", "LastModified"
//!   (seconds since the epoch), "Size", "StorageClass": "STANDARD"}`.
//! - `arn:aws:states:::s3:putObject` (`{"Bucket", "Key", "Body"}`): writes the body (a string
//!   as is, any other JSON as its text), atomically, creating folders as needed; the result
//!   is `{"ETag": ...}`. The ResultWriter writes its files so.
//!
//! A bucket or key that would leave the folder (`..`, an absolute key, a bucket holding `/`)
//! fails with [`S3_INVALID_PATH`]; a missing object with [`S3_NO_SUCH_KEY`], a missing bucket
//! folder with [`S3_NO_SUCH_BUCKET`] (AWS's error codes).

use super::{TaskFuture, TaskHandler, TaskRequest};
use crate::StatesError;
use md5::Digest;
use serde_json::{json, Value};
use std::path::{Component, Path, PathBuf};

pub const GET_OBJECT: &str = "arn:aws:states:::s3:getObject";
pub const LIST_OBJECTS_V2: &str = "arn:aws:states:::s3:listObjectsV2";
pub const PUT_OBJECT: &str = "arn:aws:states:::s3:putObject";

/// A bucket or key that would name a file outside the folder, or no file at all.
pub const S3_INVALID_PATH: &str = "Stepwise.S3InvalidPath";
pub const S3_NO_SUCH_KEY: &str = "S3.NoSuchKey";
pub const S3_NO_SUCH_BUCKET: &str = "S3.NoSuchBucket";
/// The folder could not be read or written.
pub const S3_IO: &str = "Stepwise.S3Io";

/// Answers S3 requests from a folder; see the module docs.
#[derive(Debug, Clone)]
pub struct LocalS3 {
    root: PathBuf,
}

impl LocalS3 {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        LocalS3 { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether `resource` is one this handler answers.
    pub fn answers(resource: &str) -> bool {
        matches!(resource, GET_OBJECT | LIST_OBJECTS_V2 | PUT_OBJECT)
    }

    /// The folder of `bucket`, refused when it is not one plain folder name.
    fn bucket_dir(&self, bucket: &str) -> Result<PathBuf, StatesError> {
        let plain = !bucket.is_empty()
            && !bucket.contains(['/', '\\', '\0'])
            && bucket != "."
            && bucket != "..";
        if !plain {
            return Err(invalid(format!(
                "bucket '{bucket}' is not a plain folder name under {}",
                self.root.display()
            )));
        }
        Ok(self.root.join(bucket))
    }

    /// The file of `s3://bucket/key`, refused when the key would leave the bucket's folder.
    fn object_path(&self, bucket: &str, key: &str) -> Result<PathBuf, StatesError> {
        let dir = self.bucket_dir(bucket)?;
        let escapes = key.is_empty()
            || key.contains(['\\', '\0'])
            || Path::new(key).is_absolute()
            || key.ends_with('/')
            || key
                .split('/')
                .any(|part| part.is_empty() || part == "." || part == "..")
            || Path::new(key)
                .components()
                .any(|c| !matches!(c, Component::Normal(_)));
        if escapes {
            return Err(invalid(format!(
                "key '{key}' of bucket '{bucket}' does not name a file inside {}",
                dir.display()
            )));
        }
        Ok(dir.join(key))
    }

    fn get(&self, input: &Value) -> Result<Value, StatesError> {
        let (bucket, key) = (text(input, "Bucket")?, text(input, "Key")?);
        let path = self.object_path(bucket, key)?;
        match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8(bytes).map(Value::String).map_err(|_| {
                StatesError::new(S3_IO, format!("s3://{bucket}/{key} is not UTF-8 text"))
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(self.missing(bucket, key, &path))
            }
            Err(e) => Err(io(&path, e)),
        }
    }

    fn missing(&self, bucket: &str, key: &str, path: &Path) -> StatesError {
        let dir = self.root.join(bucket);
        if dir.is_dir() {
            StatesError::new(
                S3_NO_SUCH_KEY,
                format!(
                    "The specified key does not exist: s3://{bucket}/{key} ({})",
                    path.display()
                ),
            )
        } else {
            StatesError::new(
                S3_NO_SUCH_BUCKET,
                format!(
                    "The specified bucket does not exist: {bucket} ({})",
                    dir.display()
                ),
            )
        }
    }

    fn put(&self, input: &Value) -> Result<Value, StatesError> {
        let (bucket, key) = (text(input, "Bucket")?, text(input, "Key")?);
        let path = self.object_path(bucket, key)?;
        let body = match input.get("Body") {
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => String::new(),
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        stepwise_asl::fsutil::write_atomic(&path, body.as_bytes()).map_err(|e| io(&path, e))?;
        Ok(json!({"ETag": etag(body.as_bytes())}))
    }

    fn list(&self, input: &Value) -> Result<Value, StatesError> {
        let bucket = text(input, "Bucket")?;
        let prefix = match input.get("Prefix") {
            Some(Value::String(p)) => p.as_str(),
            _ => "",
        };
        let dir = self.bucket_dir(bucket)?;
        if !dir.is_dir() {
            return Err(StatesError::new(
                S3_NO_SUCH_BUCKET,
                format!(
                    "The specified bucket does not exist: {bucket} ({})",
                    dir.display()
                ),
            ));
        }
        let mut objects = Vec::new();
        walk(&dir, "", &mut objects)?;
        objects.retain(|(key, _)| key.starts_with(prefix));
        // S3 lists keys in UTF-8 byte order.
        objects.sort_by(|a, b| a.0.cmp(&b.0));
        objects
            .into_iter()
            .map(|(key, path)| {
                let bytes = std::fs::read(&path).map_err(|e| io(&path, e))?;
                let modified = std::fs::metadata(&path)
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_secs());
                Ok(json!({
                    "Etag": etag(&bytes),
                    "Key": key,
                    "LastModified": modified,
                    "Size": bytes.len(),
                    "StorageClass": "STANDARD",
                }))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array)
    }
}

impl TaskHandler for LocalS3 {
    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        Box::pin(async move {
            match req.resource.as_str() {
                GET_OBJECT => self.get(&req.input),
                PUT_OBJECT => self.put(&req.input),
                LIST_OBJECTS_V2 => self.list(&req.input),
                other => Err(super::no_handler_error(
                    &req,
                    Some(&format!("the local S3 folder does not answer {other}")),
                )),
            }
        })
    }
}

/// Every file under `dir` as (key, path), skipping the temporary files of unfinished writes.
fn walk(dir: &Path, prefix: &str, out: &mut Vec<(String, PathBuf)>) -> Result<(), StatesError> {
    let entries = std::fs::read_dir(dir).map_err(|e| io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| io(&path, e))?;
        if kind.is_dir() {
            walk(&path, &format!("{prefix}{name}/"), out)?;
        } else if !(name.starts_with(".stepwise-") && name.ends_with(".tmp")) {
            out.push((format!("{prefix}{name}"), path));
        }
    }
    Ok(())
}

fn etag(bytes: &[u8]) -> String {
    let digest = md5::Md5::digest(bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

fn text<'a>(input: &'a Value, field: &str) -> Result<&'a str, StatesError> {
    input.get(field).and_then(Value::as_str).ok_or_else(|| {
        StatesError::new(
            S3_INVALID_PATH,
            format!("the S3 request needs {field}, a string; got {input}"),
        )
    })
}

fn invalid(cause: String) -> StatesError {
    StatesError::new(S3_INVALID_PATH, cause)
}

fn io(path: &Path, e: std::io::Error) -> StatesError {
    StatesError::new(S3_IO, format!("{}: {e}", path.display()))
}
