//! Writing an edited definition back where it came from. Inside a template only the
//! definition's bytes change: comments, key order, tags and every other resource stay as
//! they are, and every result is read back before it is written.

use crate::cfn::read::Template;
use crate::{Definition, Machine, ProjectError, Source};
use serde_json::Value;
use std::path::{Path, PathBuf};
use stepwise_asl::SourceFormat;

/// A file as saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    pub text: String,
}

pub fn save(m: &Machine, def: &Definition, new_text: &str) -> Result<Written, ProjectError> {
    let w = render(m, def, new_text)?;
    stepwise_asl::fsutil::write_atomic(&w.path, w.text.as_bytes())
        .map_err(|e| ProjectError::io(&w.path, e))?;
    Ok(w)
}

pub fn render(m: &Machine, def: &Definition, new_text: &str) -> Result<Written, ProjectError> {
    match &m.source {
        Source::File { path } => Ok(Written {
            path: path.clone(),
            text: new_text.to_string(),
        }),
        Source::Inline {
            template,
            pointer,
            intrinsics,
            ..
        } => inline(template, pointer, intrinsics, def.format, new_text),
        Source::Text {
            template, pointer, ..
        } => text(template, pointer, new_text),
        _ => Err(ProjectError::ReadOnly {
            machine: m.id.clone(),
            reason: def
                .read_only
                .clone()
                .unwrap_or_else(|| "this definition cannot be saved".into()),
        }),
    }
}

fn save_error(file: &Path, pointer: &str, reason: impl Into<String>) -> ProjectError {
    ProjectError::Save {
        file: file.display().to_string(),
        pointer: pointer.to_string(),
        reason: reason.into(),
    }
}

fn inline(
    template: &Path,
    pointer: &str,
    intrinsics: &[(String, String)],
    format: SourceFormat,
    new_text: &str,
) -> Result<Written, ProjectError> {
    let t = Template::read(template)?;
    let (mut new, _) = stepwise_asl::parse_value(new_text.as_bytes(), Some(format))
        .map_err(|e| save_error(template, pointer, e.to_string()))?;
    let old = t.raw.pointer(pointer).ok_or_else(|| {
        save_error(
            template,
            pointer,
            "the template no longer has this definition",
        )
    })?;
    // An intrinsic whose placeholder the edit left alone is written back as it was.
    for (at, placeholder) in intrinsics {
        if let (Some(slot), Some(orig)) = (new.pointer_mut(at), old.pointer(at)) {
            if slot.as_str() == Some(placeholder.as_str()) {
                *slot = orig.clone();
            }
        }
    }
    let patched = stepwise_asl::preserve::patch_at(&t.text, t.format, pointer, old, &new)
        .map_err(|e| save_error(template, pointer, e.to_string()))?;
    // The writer compares values; a tag is also checked to still be a tag.
    let back = Template::parse(patched.text.clone(), template)?;
    let tags = |s: &str| s.matches(": !").count() + s.matches("- !").count();
    let exact = back.raw.pointer(pointer) == Some(&new)
        && tags(&patched.text) >= tags(&t.text).saturating_sub(removed_tags(old, &new));
    checked(exact, template, pointer, patched.text)
}

/// How many tagged values an edit removed (they may take their tag's text with them).
fn removed_tags(old: &Value, new: &Value) -> usize {
    fn count(v: &Value) -> usize {
        match v {
            Value::Object(m) => {
                let own = usize::from(m.len() == 1 && m.keys().all(|k| k.starts_with('!')));
                own + m.values().map(count).sum::<usize>()
            }
            Value::Array(a) => a.iter().map(count).sum(),
            _ => 0,
        }
    }
    count(old).saturating_sub(count(new))
}

/// `DefinitionString`: the JSON text inside a template string. JSON templates hold it as
/// one escaped string; YAML templates as a literal block (`|`) whose lines are the text's.
fn text(template: &Path, pointer: &str, new_text: &str) -> Result<Written, ProjectError> {
    let t = Template::read(template)?;
    let (old_text, string_ptr) = definition_string(&t, pointer).ok_or_else(|| {
        save_error(
            template,
            pointer,
            "the template no longer has this definition",
        )
    })?;
    if old_text == new_text {
        return Ok(Written {
            path: template.to_path_buf(),
            text: t.text,
        });
    }
    let out = match t.format {
        SourceFormat::Json => {
            let old_lit = serde_json::to_string(&old_text).unwrap_or_default();
            let new_lit = serde_json::to_string(new_text).unwrap_or_default();
            replace_once(&t.text, &old_lit, &new_lit)
        }
        SourceFormat::Yaml => replace_block(&t.text, &old_text, new_text),
    }
    .ok_or_else(|| {
        save_error(
            template,
            pointer,
            "DefinitionString is not written as one string or a literal block (`|`); Stepwise saves only those",
        )
    })?;
    let back = Template::parse(out.clone(), template)?;
    let mut expected = t.value.clone();
    if let Some(slot) = expected.pointer_mut(&string_ptr) {
        *slot = Value::String(new_text.to_string());
    }
    checked(back.value == expected, template, pointer, out)
}

/// The template's new text when it read back as intended.
fn checked(
    exact: bool,
    template: &Path,
    pointer: &str,
    text: String,
) -> Result<Written, ProjectError> {
    if !exact {
        return Err(save_error(
            template,
            pointer,
            "the template could not be rewritten with only the definition changed",
        ));
    }
    Ok(Written {
        path: template.to_path_buf(),
        text,
    })
}

/// The definition string and its pointer (`.../DefinitionString` or its `Fn::Sub` text).
fn definition_string(t: &Template, pointer: &str) -> Option<(String, String)> {
    match t.value.pointer(pointer)? {
        Value::String(s) => Some((s.clone(), pointer.to_string())),
        Value::Object(m) => match m.get("Fn::Sub")? {
            Value::String(s) => Some((s.clone(), format!("{pointer}/Fn::Sub"))),
            Value::Array(a) => Some((
                a.first()?.as_str()?.to_string(),
                format!("{pointer}/Fn::Sub/0"),
            )),
            _ => None,
        },
        _ => None,
    }
}

fn replace_once(text: &str, old: &str, new: &str) -> Option<String> {
    let at = text.find(old)?;
    if text[at + old.len()..].contains(old) {
        return None;
    }
    Some(format!("{}{}{}", &text[..at], new, &text[at + old.len()..]))
}

/// Finds `old`'s lines as the content of a literal block scalar (each line indented the same)
/// and puts `new`'s lines in their place, with that indentation.
fn replace_block(text: &str, old: &str, new: &str) -> Option<String> {
    let old_lines: Vec<&str> = old.trim_end_matches('\n').split('\n').collect();
    let first = old_lines.iter().find(|l| !l.is_empty())?;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut found = None;
    for (i, l) in lines.iter().enumerate() {
        let body = l.trim_end_matches(['\n', '\r']);
        let Some(indent_len) = body.len().checked_sub(first.len()) else {
            continue;
        };
        if !body.ends_with(first) || !body[..indent_len].chars().all(|c| c == ' ') {
            continue;
        }
        let indent = &body[..indent_len];
        let start = i - old_lines.iter().position(|l| !l.is_empty())?;
        if start + old_lines.len() > lines.len() {
            continue;
        }
        let all = old_lines.iter().enumerate().all(|(j, ol)| {
            let tl = lines[start + j].trim_end_matches(['\n', '\r']);
            if ol.is_empty() {
                tl.trim().is_empty()
            } else {
                tl.strip_prefix(indent) == Some(ol)
            }
        });
        if all {
            if found.is_some() {
                return None;
            }
            found = Some((start, indent.to_string()));
        }
    }
    let (start, indent) = found?;
    let eol = if lines[start].ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut out: String = lines[..start].concat();
    for l in new.trim_end_matches('\n').split('\n') {
        if !l.is_empty() {
            out.push_str(&indent);
            out.push_str(l);
        }
        out.push_str(eol);
    }
    let end = start + old_lines.len();
    let rest = lines[end..].concat();
    // The last replaced line had no newline at the end of the file: keep it so.
    if end == lines.len() && !lines[end - 1].ends_with('\n') {
        out.truncate(out.len() - eol.len());
    }
    out.push_str(&rest);
    Some(out)
}
