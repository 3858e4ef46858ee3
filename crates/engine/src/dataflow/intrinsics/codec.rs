//! `States.Base64Encode`, `States.Base64Decode` and `States.Hash`.

use base64::Engine as _;
use serde_json::Value;

use super::MAX_CODEC_CHARS;

pub(super) fn bounded_string(value: &Value) -> Option<&str> {
    value
        .as_str()
        .filter(|s| s.chars().count() <= MAX_CODEC_CHARS)
}

pub(super) fn base64_encode(args: &[Value]) -> Option<Value> {
    let text = bounded_string(&args[0])?;
    Some(Value::String(
        base64::engine::general_purpose::STANDARD.encode(text.as_bytes()),
    ))
}

/// Padding is optional, as for Java's `Base64.getDecoder()`; bytes that are not UTF-8 become
/// U+FFFD, as Java's `new String(bytes, UTF_8)` makes them.
pub(super) fn base64_decode(args: &[Value]) -> Option<Value> {
    let text = bounded_string(&args[0])?;
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    let bytes = engine.decode(text).ok()?;
    Some(Value::String(String::from_utf8_lossy(&bytes).into_owned()))
}

/// Lowercase hex of the UTF-8 bytes' digest; the algorithm name must be one of the five AWS
/// lists, spelled exactly.
pub(super) fn hash(args: &[Value]) -> Option<Value> {
    hash_hex(bounded_string(&args[0])?, args[1].as_str()?).map(Value::String)
}

/// The lowercase hex digest of `data` with one of AWS's five algorithms (`MD5`, `SHA-1`,
/// `SHA-256`, `SHA-384`, `SHA-512`, spelled exactly): `States.Hash` and JSONata's `$hash`.
pub(crate) fn hash_hex(data: &str, algorithm: &str) -> Option<String> {
    use sha2::Digest as _;
    let data = data.as_bytes();
    let digest: Vec<u8> = match algorithm {
        "MD5" => md5::Md5::digest(data).to_vec(),
        "SHA-1" => sha1::Sha1::digest(data).to_vec(),
        "SHA-256" => sha2::Sha256::digest(data).to_vec(),
        "SHA-384" => sha2::Sha384::digest(data).to_vec(),
        "SHA-512" => sha2::Sha512::digest(data).to_vec(),
        _ => return None,
    };
    Some(digest.iter().map(|b| format!("{b:02x}")).collect())
}
