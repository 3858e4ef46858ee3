//! Why a suite could not be loaded or a test could not be set up.

use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {source}", path.display())]
    Parse {
        path: PathBuf,
        #[source]
        source: stepwise_asl::source::ParseError,
    },
    /// The tests file does not follow the format; `pointer` names the field.
    #[error("{}:{pointer}: {message}", path.display())]
    Format {
        path: PathBuf,
        pointer: String,
        message: String,
    },
    #[error("{}: no state machine to test: give \"stateMachine\", or put one next to it ({})", path.display(), tried.join(", "))]
    NoMachine { path: PathBuf, tried: Vec<String> },
    #[error("{}: cannot be tested: {message}", path.display())]
    Machine { path: PathBuf, message: String },
    #[error("{}: {message}", path.display())]
    MockConfig { path: PathBuf, message: String },
    #[error("{}: nothing to test: no tests file (<name>.tests.json) and no mock config next to it", path.display())]
    NothingToTest { path: PathBuf },
}

/// Why one test could not run (its verdict is then `error`): a mock it names does not
/// exist, a handlers file cannot be read. `pointer` is in the tests file.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("{pointer}: {message}")]
pub struct SetupError {
    pub pointer: String,
    pub message: String,
}
