//! Why a command could not be done: one sentence for the person running it, naming the file
//! (and the place in it) when there is one. `main` prints it and exits with 2.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fail {
    /// The file it is about, if any.
    pub path: Option<PathBuf>,
    pub message: String,
}

impl Fail {
    pub fn new(message: impl Into<String>) -> Fail {
        Fail {
            path: None,
            message: message.into(),
        }
    }

    pub fn at(path: &Path, message: impl fmt::Display) -> Fail {
        Fail {
            path: Some(path.to_path_buf()),
            message: message.to_string(),
        }
    }

    /// A file system error, in words.
    pub fn io(path: &Path, what: &str, error: &std::io::Error) -> Fail {
        Fail::at(path, format!("could not {what}: {error}"))
    }
}

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(path) => write!(f, "{}: {}", path.display(), self.message),
            None => f.write_str(&self.message),
        }
    }
}
