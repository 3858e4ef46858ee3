//! The handlers file: which local command or Lambda emulator answers which Task. The format is
//! documented in the [`task`](super) module docs.

use super::{
    no_handler_error, CommandHandler, CommandMode, LambdaHandler, TaskFuture, TaskHandler,
    TaskRequest,
};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum HandlersConfigError {
    #[error("cannot read handlers file {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Not JSON, or not the expected shape (serde names the field and the position).
    #[error("handlers file: {0}")]
    Json(#[from] serde_json::Error),
    #[error("handlers file, handlers[{index}]: {message}")]
    Invalid { index: usize, message: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    handlers: Vec<RawEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    state: Option<String>,
    resource: Option<String>,
    function: Option<String>,
    command: Option<Vec<String>>,
    cwd: Option<PathBuf>,
    #[serde(default)]
    env: BTreeMap<String, String>,
    mode: Option<RawMode>,
    lambda: Option<RawLambda>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum RawMode {
    Raw,
    Lambda,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLambda {
    endpoint: String,
    function: Option<String>,
}

/// When an entry applies: every field given must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HandlerMatch {
    /// The state name, exactly.
    pub state: Option<String>,
    /// The resource; `*` matches any run of characters.
    pub resource: Option<String>,
    /// The Lambda function name (without qualifier) the task calls.
    pub function: Option<String>,
}

impl HandlerMatch {
    pub fn matches(&self, req: &TaskRequest) -> bool {
        if self.state.as_ref().is_some_and(|s| *s != req.state_name) {
            return false;
        }
        if self
            .resource
            .as_ref()
            .is_some_and(|pattern| !glob_match(pattern, &req.resource))
        {
            return false;
        }
        if let Some(function) = &self.function {
            match req.lambda_function() {
                Some(f) if f.name == *function => {}
                _ => return false,
            }
        }
        true
    }
}

/// `*` matches any run of characters (none included); everything else matches itself.
fn glob_match(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        // No `*`: the whole text must be the pattern.
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

#[derive(Debug, Clone)]
enum Action {
    Command(CommandHandler),
    Lambda(LambdaHandler),
}

/// One entry of the handlers file.
#[derive(Debug, Clone)]
pub struct HandlerEntry {
    pub matcher: HandlerMatch,
    action: Action,
}

impl HandlerEntry {
    pub fn command(matcher: HandlerMatch, handler: CommandHandler) -> Self {
        HandlerEntry {
            matcher,
            action: Action::Command(handler),
        }
    }

    pub fn lambda(matcher: HandlerMatch, handler: LambdaHandler) -> Self {
        HandlerEntry {
            matcher,
            action: Action::Lambda(handler),
        }
    }

    pub fn handler(&self) -> &dyn TaskHandler {
        match &self.action {
            Action::Command(c) => c,
            Action::Lambda(l) => l,
        }
    }
}

/// A loaded handlers file: entries in order, first match wins.
#[derive(Debug, Clone, Default)]
pub struct HandlersConfig {
    entries: Vec<HandlerEntry>,
}

impl HandlersConfig {
    pub fn new(entries: Vec<HandlerEntry>) -> Self {
        HandlersConfig { entries }
    }

    /// Parses a handlers file's text. Relative `cwd`s are resolved against `base_dir`, which
    /// is also the working directory of commands without `cwd`; `None` keeps them relative to
    /// the process's working directory.
    pub fn from_json(text: &str, base_dir: Option<&Path>) -> Result<Self, HandlersConfigError> {
        let raw: RawFile = serde_json::from_str(text)?;
        let entries = raw
            .handlers
            .into_iter()
            .enumerate()
            .map(|(index, e)| {
                entry(e, base_dir)
                    .map_err(|message| HandlersConfigError::Invalid { index, message })
            })
            .collect::<Result<_, _>>()?;
        Ok(HandlersConfig { entries })
    }

    /// Reads a handlers file; commands run relative to the file's directory.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, HandlersConfigError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| HandlersConfigError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        HandlersConfig::from_json(&text, Some(&dir))
    }

    pub fn entries(&self) -> &[HandlerEntry] {
        &self.entries
    }

    /// The first entry that applies to the task.
    pub fn find(&self, req: &TaskRequest) -> Option<&dyn TaskHandler> {
        self.entries
            .iter()
            .find(|e| e.matcher.matches(req))
            .map(HandlerEntry::handler)
    }
}

fn entry(e: RawEntry, base_dir: Option<&Path>) -> Result<HandlerEntry, String> {
    let matcher = HandlerMatch {
        state: e.state,
        resource: e.resource,
        function: e.function,
    };
    match (e.command, e.lambda) {
        (Some(argv), None) => {
            let mut handler = CommandHandler::new(argv)?;
            let cwd = match (e.cwd, base_dir) {
                (Some(c), Some(base)) if c.is_relative() => Some(base.join(c)),
                (Some(c), _) => Some(c),
                (None, base) => base.map(Path::to_path_buf),
            };
            if let Some(cwd) = cwd {
                handler = handler.with_cwd(cwd);
            }
            for (k, v) in e.env {
                handler = handler.with_env(k, v);
            }
            if let Some(RawMode::Lambda) = e.mode {
                handler = handler.with_mode(CommandMode::Lambda);
            }
            Ok(HandlerEntry::command(matcher, handler))
        }
        (None, Some(l)) => {
            if e.cwd.is_some() || !e.env.is_empty() || e.mode.is_some() {
                return Err("\"cwd\", \"env\" and \"mode\" apply to a \"command\" only".into());
            }
            let mut handler = LambdaHandler::new(l.endpoint)?;
            if let Some(f) = l.function {
                handler = handler.with_function(f);
            }
            Ok(HandlerEntry::lambda(matcher, handler))
        }
        (Some(_), Some(_)) => Err("give either \"command\" or \"lambda\", not both".into()),
        (None, None) => Err("needs a \"command\" or a \"lambda\"".into()),
    }
}

impl TaskHandler for HandlersConfig {
    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        match self.find(&req) {
            Some(h) => h.invoke(req),
            None => {
                let err = no_handler_error(&req, Some("no entry of the handlers file matches it"));
                Box::pin(async move { Err(err) })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn globs() {
        assert!(glob_match("a", "a"));
        assert!(!glob_match("a", "ab"));
        assert!(glob_match(
            "arn:aws:states:::lambda:invoke*",
            "arn:aws:states:::lambda:invoke"
        ));
        assert!(glob_match(
            "arn:aws:states:::lambda:invoke*",
            "arn:aws:states:::lambda:invoke.waitForTaskToken"
        ));
        assert!(glob_match(
            "*:dynamodb:*",
            "arn:aws:states:::dynamodb:putItem"
        ));
        assert!(!glob_match(
            "*:dynamodb:*",
            "arn:aws:states:::sqs:sendMessage"
        ));
        assert!(glob_match("*", ""));
        assert!(glob_match("a*b*c", "abbc"));
        assert!(!glob_match("a*b*c", "acb"));
        assert!(!glob_match("ab*ba", "aba"));
    }
}
