//! Text from the site made safe to print on a terminal.
//!
//! File names, keys and values come from the site's files, which anyone who
//! can send a pull request writes. Printed as they are, an escape character
//! in them would be read by the terminal as a command: colours, a cursor
//! moved to overwrite an error with "check passed", a window title changed,
//! a hyperlink or clipboard write (OSC 8, OSC 52). Everything docket prints
//! that came from input goes through [`visible`] or [`Visible`], which show
//! such characters as Rust writes them (`\u{1b}`) instead.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use codespan_reporting::term::termcolor::{ColorSpec, WriteColor};

/// Whether `c` is shown escaped: control characters other than newline and
/// tab (C0, DEL and C1: the escape sequences, carriage return and
/// backspace that can overwrite what was printed), the bidirectional
/// overrides and isolates, which reorder what is shown, and the characters
/// that show nothing (a zero-width space, a byte order mark inside a
/// value, a soft hyphen), which would make `"Border"` and `"Border\u{200b}"`
/// read alike in a message about how they differ. The joiners that
/// scripts and emoji need are left alone.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{00ad}'
                | '\u{200b}'
                | '\u{2060}'..='\u{2064}'
                | '\u{feff}'
        )
}

/// `s` with every character a terminal would act on written out visibly,
/// `ESC` as `\u{1b}`; borrowed when there is none.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hidden(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path as printed: its file names may come from the site, or from a
/// spreadsheet given to `docket import`.
pub fn path(p: &Path) -> String {
    visible(&p.display().to_string()).into_owned()
}

/// A terminal stream that shows what [`visible`] shows: the text written to
/// it is escaped, while the colours set through [`WriteColor`] (docket's
/// own) pass. Bytes that are not UTF-8 are written as `\x{ff}`.
pub struct Visible<'a> {
    inner: &'a mut dyn WriteColor,
    /// The start of a character cut between two writes.
    pending: Vec<u8>,
}

impl<'a> Visible<'a> {
    pub fn new(inner: &'a mut dyn WriteColor) -> Visible<'a> {
        Visible {
            inner,
            pending: Vec::new(),
        }
    }

    /// Writes out what is pending; `all` also writes a cut character, as
    /// bytes that are not UTF-8.
    fn drain(&mut self, all: bool) -> io::Result<()> {
        loop {
            match std::str::from_utf8(&self.pending) {
                Ok(s) => {
                    self.inner.write_all(visible(s).as_bytes())?;
                    self.pending.clear();
                    return Ok(());
                }
                Err(e) => {
                    let good = e.valid_up_to();
                    let bad = match e.error_len() {
                        Some(n) => n,
                        None if all => self.pending.len() - good,
                        None => {
                            // The rest of the character comes with the next write.
                            let s = std::str::from_utf8(&self.pending[..good]).unwrap_or("");
                            self.inner.write_all(visible(s).as_bytes())?;
                            self.pending.drain(..good);
                            return Ok(());
                        }
                    };
                    let s = std::str::from_utf8(&self.pending[..good]).unwrap_or("");
                    let mut text = visible(s).into_owned();
                    for b in &self.pending[good..good + bad] {
                        text.push_str(&format!("\\x{{{b:02x}}}"));
                    }
                    self.inner.write_all(text.as_bytes())?;
                    self.pending.drain(..good + bad);
                }
            }
        }
    }
}

impl Write for Visible<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.drain(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain(true)?;
        self.inner.flush()
    }
}

impl WriteColor for Visible<'_> {
    fn supports_color(&self) -> bool {
        self.inner.supports_color()
    }

    fn set_color(&mut self, spec: &ColorSpec) -> io::Result<()> {
        self.drain(true)?;
        self.inner.set_color(spec)
    }

    fn reset(&mut self) -> io::Result<()> {
        self.drain(true)?;
        self.inner.reset()
    }
}

impl Drop for Visible<'_> {
    fn drop(&mut self) {
        let _ = self.drain(true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use codespan_reporting::term::termcolor::{Ansi, Color, NoColor};

    #[test]
    fn escapes_are_shown_not_sent() {
        assert_eq!(
            visible("plain text, é\tand\nlines"),
            "plain text, é\tand\nlines"
        );
        assert_eq!(visible("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(
            visible("\u{1b}]8;;https://x\u{7}y"),
            "\\u{1b}]8;;https://x\\u{7}y"
        );
        assert_eq!(visible("over\rwrite\u{8}"), "over\\u{d}write\\u{8}");
        assert_eq!(visible("c1 \u{9b}2J"), "c1 \\u{9b}2J");
        assert_eq!(visible("\u{202e}txt.exe"), "\\u{202e}txt.exe");
        assert_eq!(visible("Border\u{200b}"), "Border\\u{200b}");
        assert_eq!(visible("\u{feff}Border"), "\\u{feff}Border");
    }

    #[test]
    fn the_stream_escapes_text_and_keeps_its_own_colours() {
        let mut out = Ansi::new(Vec::new());
        {
            let mut v = Visible::new(&mut out);
            v.set_color(ColorSpec::new().set_fg(Some(Color::Red)))
                .unwrap();
            // An escape, and a character cut between two writes.
            v.write_all(b"file \x1b[2J \xc3").unwrap();
            v.write_all(b"\xa9 \xff\n").unwrap();
            v.reset().unwrap();
        }
        let text = String::from_utf8(out.into_inner()).unwrap();
        assert_eq!(
            text,
            "\u{1b}[0m\u{1b}[31mfile \\u{1b}[2J é \\x{ff}\n\u{1b}[0m"
        );
        let mut plain = NoColor::new(Vec::new());
        Visible::new(&mut plain).write_all(b"x\x07").unwrap();
        assert_eq!(plain.into_inner(), b"x\\u{7}");
    }
}
