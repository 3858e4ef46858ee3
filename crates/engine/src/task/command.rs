//! A local command answers a Task: JSON on stdin, JSON on stdout (see the module docs of
//! [`task`](super) for the contract and the environment it gets).

use super::lambda::{self, LambdaCall};
use super::{TaskFuture, TaskHandler, TaskRequest, COMMAND_FAILED, COMMAND_OUTPUT_INVALID};
use crate::error::StatesError;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Stdio;
use tokio::io::AsyncWriteExt;

/// How much of stderr goes into a cause: enough for a traceback's last lines, small enough for
/// a history event.
const STDERR_TAIL: usize = 2000;

/// What the command reads and what its output means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CommandMode {
    /// stdin = the effective input; stdout = the task result.
    #[default]
    Raw,
    /// The command stands in for a Lambda function: stdin = the Lambda payload; a
    /// `lambda:invoke` result is wrapped as AWS wraps it.
    Lambda,
}

#[derive(Debug, Clone)]
pub struct CommandHandler {
    argv: Vec<String>,
    cwd: Option<PathBuf>,
    env: Vec<(String, String)>,
    mode: CommandMode,
}

impl CommandHandler {
    /// `argv[0]` is the program (looked up on `PATH`), the rest its arguments; no shell.
    pub fn new(argv: Vec<String>) -> Result<CommandHandler, String> {
        match argv.first() {
            None => Err("a command needs at least a program".into()),
            Some(p) if p.is_empty() => Err("the command's program is empty".into()),
            Some(_) => Ok(CommandHandler {
                argv,
                cwd: None,
                env: Vec::new(),
                mode: CommandMode::Raw,
            }),
        }
    }

    pub fn with_cwd(mut self, cwd: impl Into<PathBuf>) -> Self {
        self.cwd = Some(cwd.into());
        self
    }

    pub fn with_env(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn with_mode(mut self, mode: CommandMode) -> Self {
        self.mode = mode;
        self
    }

    pub fn argv(&self) -> &[String] {
        &self.argv
    }

    /// The command as a user would type it, for causes.
    fn display(&self) -> String {
        self.argv
            .iter()
            .map(|a| {
                if a.is_empty() || a.contains(|c: char| c.is_whitespace() || c == '\'' || c == '"')
                {
                    format!("'{}'", a.replace('\'', "'\\''"))
                } else {
                    a.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    async fn run(&self, req: TaskRequest) -> Result<Value, StatesError> {
        let lambda_call = match self.mode {
            CommandMode::Raw => None,
            CommandMode::Lambda => Some(LambdaCall::for_request(&req)?),
        };
        let stdin_value = match &lambda_call {
            Some(call) => &call.payload,
            None => &req.input,
        };
        let stdin_bytes = serde_json::to_vec(stdin_value)
            .map_err(|e| StatesError::runtime(format!("cannot serialise the task input: {e}")))?;

        let mut cmd = tokio::process::Command::new(&self.argv[0]);
        cmd.args(&self.argv[1..])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // Dropping the task future (TimeoutSeconds, a cancelled execution) must not leave
            // the command running.
            .kill_on_drop(true)
            .env("STEPWISE_STATE_NAME", &req.state_name)
            .env("STEPWISE_RESOURCE", &req.resource)
            .env("STEPWISE_ATTEMPT", req.attempt.to_string())
            .env("STEPWISE_CONTEXT", req.context.to_string());
        if let Some(token) = req.task_token() {
            cmd.env("STEPWISE_TASK_TOKEN", token);
        }
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        if let Some(cwd) = &self.cwd {
            cmd.current_dir(cwd);
        }
        let mut child = cmd.spawn().map_err(|e| {
            let place = self
                .cwd
                .as_ref()
                .map(|c| format!(" in {}", c.display()))
                .unwrap_or_default();
            StatesError::new(
                COMMAND_FAILED,
                format!("Could not start `{}`{place}: {e}", self.display()),
            )
        })?;

        // Feed stdin while reading stdout and stderr: a command that prints before it has read
        // all its input would otherwise deadlock on a full pipe.
        let stdin = child.stdin.take();
        let feed = async move {
            if let Some(mut stdin) = stdin {
                // A command that exits without reading its input closes the pipe; that is
                // its business, its exit status tells the rest.
                let _ = stdin.write_all(&stdin_bytes).await;
                let _ = stdin.shutdown().await;
            }
        };
        let (_, output) = tokio::join!(feed, child.wait_with_output());
        let output = output.map_err(|e| {
            StatesError::new(
                COMMAND_FAILED,
                format!("Could not run `{}`: {e}", self.display()),
            )
        })?;

        let stdout = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() {
            return Err(self.failure(&stdout, &output.stderr, output.status));
        }
        let value: Value = if stdout.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&stdout).map_err(|e| {
                StatesError::new(
                    COMMAND_OUTPUT_INVALID,
                    format!(
                        "`{}` printed output that is not JSON ({e}): {}",
                        self.display(),
                        excerpt(&stdout, 300)
                    ),
                )
            })?
        };
        Ok(match &lambda_call {
            Some(call) if call.wrap => lambda::wrap_invoke_result(value, 200, &[]),
            _ => value,
        })
    }

    /// The error of a command that exited unsuccessfully.
    fn failure(
        &self,
        stdout: &str,
        stderr: &[u8],
        status: std::process::ExitStatus,
    ) -> StatesError {
        // The command may say which error it is, in the States or the Lambda shape.
        if let Ok(Value::Object(o)) = serde_json::from_str::<Value>(stdout) {
            if let Some(Value::String(error)) = o.get("Error") {
                return StatesError {
                    error: error.clone(),
                    cause: o.get("Cause").map(|c| match c {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    }),
                };
            }
            if let Some(Value::String(error)) = o.get("errorType") {
                return StatesError::new(error.clone(), stdout.trim());
            }
        }
        let how = match status.code() {
            Some(code) => format!("exited with status {code}"),
            None => signal_description(status),
        };
        let stderr = String::from_utf8_lossy(stderr);
        let stderr = stderr.trim();
        let cause = if stderr.is_empty() {
            format!("`{}` {how}", self.display())
        } else {
            format!("`{}` {how}: {}", self.display(), tail(stderr, STDERR_TAIL))
        };
        StatesError::new(COMMAND_FAILED, cause)
    }
}

#[cfg(unix)]
fn signal_description(status: std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match status.signal() {
        Some(sig) => format!("was killed by signal {sig}"),
        None => "failed".to_string(),
    }
}

#[cfg(not(unix))]
fn signal_description(_status: std::process::ExitStatus) -> String {
    "failed".to_string()
}

/// The last `max` bytes of `s`, on a character boundary.
fn tail(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut start = s.len() - max;
    while !s.is_char_boundary(start) {
        start += 1;
    }
    format!("...{}", &s[start..])
}

/// The first `max` bytes of `s`, on a character boundary.
fn excerpt(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &s[..end])
}

impl TaskHandler for CommandHandler {
    fn invoke(&self, req: TaskRequest) -> TaskFuture<'_> {
        Box::pin(self.run(req))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_and_excerpt_respect_char_boundaries() {
        assert_eq!(tail("abc", 5), "abc");
        assert_eq!(tail("aéé", 3), "...é");
        assert_eq!(excerpt("ééé", 3), "é...");
    }

    #[test]
    fn display_quotes_arguments_with_spaces() {
        let h = CommandHandler::new(vec!["sh".into(), "-c".into(), "echo 'hi'".into()]);
        assert_eq!(
            h.map(|h| h.display()).as_deref(),
            Ok("sh -c 'echo '\\''hi'\\'''")
        );
    }
}
