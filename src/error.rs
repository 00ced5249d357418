//! Fatal errors: what stops a command outright (exit code 2), as opposed
//! to problems in the content, which are [`crate::diag::Diagnostic`]s.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum Error {
    /// Reading or writing a file failed.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The output folder cannot be used.
    Output(String),
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Output(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for Error {
    /// What caused the I/O error's own cause, if anything: the I/O error
    /// itself is already part of [`Error`]'s message, and printing the
    /// chain of sources would otherwise say it twice
    /// (`…: File name too long (os error 36): File name too long (os error 36)`).
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => source.source(),
            Error::Output(_) => None,
        }
    }
}

/// An error with every cause in its `source()` chain, which is where Tera
/// (and other libraries) put the real reason.
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        // Many errors put their source's message into their own as well:
        // said once is enough.
        let text = c.to_string();
        if !s.ends_with(&text) {
            s.push_str(": ");
            s.push_str(&text);
        }
        cur = c.source();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_os_error_is_said_once() {
        let e = Error::io(Path::new("public/x"), std::io::Error::from_raw_os_error(36));
        let text = chain(&e);
        let os = std::io::Error::from_raw_os_error(36).to_string();
        assert_eq!(text, format!("public/x: {os}"));
    }
}
