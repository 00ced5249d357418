//! The content's errors as the preview shows them: the live-reload event
//! that tells open pages (which draw them over the page), the page served
//! for every address while the site has never built, and the text of both
//! made safe to show. File names and content are the site's, and may hold
//! anything: markup is escaped, and control characters (the start of a
//! terminal's escape sequences) and bidirectional overrides are shown as
//! visible symbols instead of acting.

use std::borrow::Cow;
use std::fmt::Write;

use crate::diag::{Diagnostic, Diagnostics};
use crate::source::Sources;

/// The diagnostics a page shows at most; the terminal has them all.
pub const SHOWN: usize = 200;

/// The event that tells a page whether the content has errors now, for
/// the state of the site numbered `generation`.
pub fn status_event(sources: &Sources, diags: &Diagnostics, generation: u64) -> String {
    if diags.has_errors() {
        let list: Vec<serde_json::Value> = shown(sources, diags)
            .map(|d| crate::diag::json(sources, d))
            .map(visible_json)
            .collect();
        format!(
            "id: {generation}\nevent: errors\ndata: {}\n\n",
            serde_json::Value::Array(list)
        )
    } else {
        format!("id: {generation}\nevent: ok\ndata: {{}}\n\n")
    }
}

fn shown<'a>(sources: &'a Sources, diags: &'a Diagnostics) -> impl Iterator<Item = &'a Diagnostic> {
    diags.sorted(sources).into_iter().take(SHOWN)
}

/// Every string in `v` made visible.
fn visible_json(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::String(s) => Value::String(visible(&s).into_owned()),
        Value::Array(a) => Value::Array(a.into_iter().map(visible_json).collect()),
        Value::Object(o) => {
            Value::Object(o.into_iter().map(|(k, v)| (k, visible_json(v))).collect())
        }
        other => other,
    }
}

/// The page served in place of every page while the site has never built:
/// the diagnostics, as the terminal shows them. The live-reload script
/// (added to it as to every page) reloads it when they change or go.
pub fn error_page(sources: &Sources, diags: &Diagnostics, generation: u64) -> Vec<u8> {
    let errors = diags.errors();
    let mut list = String::new();
    for d in shown(sources, diags) {
        let text = crate::diag::render_plain(sources, d);
        let _ = writeln!(
            list,
            "<li><pre>{}</pre></li>",
            crate::escape::html(&visible(text.trim_end()))
        );
    }
    let more = diags.sorted(sources).len().saturating_sub(SHOWN);
    let more = if more > 0 {
        format!("<p>… and {more} more: the terminal lists them all.</p>\n")
    } else {
        String::new()
    };
    let title = match errors {
        1 => "1 error".to_string(),
        n => format!("{n} errors"),
    };
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>docket: the site has {title}</title>
<style>
body {{ margin: 0; background: #2b0b0b; color: #ffe9e9; font: 15px/1.5 system-ui, sans-serif; }}
main {{ max-width: 60rem; margin: 0 auto; padding: 1.5rem; }}
h1 {{ font-size: 1.4rem; border-bottom: 4px solid #ff5c5c; padding-bottom: .5rem; }}
ol {{ padding-left: 1.5rem; }}
pre {{ font: 13px/1.45 ui-monospace, monospace; white-space: pre-wrap; overflow-wrap: anywhere; background: #1c0606; padding: .75rem; }}
</style>
</head>
<body>
<main id="docket-errors-page" data-generation="{generation}">
<h1>The site has {title}</h1>
<p>docket serve has no good build of it yet, so every address shows this page.
Fix the files below and it reloads by itself.</p>
<ol>
{list}</ol>
{more}</main>
</body>
</html>
"#
    )
    .into_bytes()
}

/// `s` with every control character but newline and tab shown as a
/// symbol (ESC as `␛`), and the invisible characters that reorder text
/// (bidirectional controls) written as `<U+202E>`; a carriage return
/// before a newline is left out.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\0'..='\x1f' if hidden(c) => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'));
            }
            '\x7f' => out.push('\u{2421}'),
            c if hidden(c) => {
                let _ = write!(out, "<U+{:04X}>", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn hidden(c: char) -> bool {
    matches!(c,
        '\0'..='\x08' | '\x0b'..='\x1f' | '\x7f'..='\u{9f}'
        | '\u{061c}' | '\u{200e}' | '\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_run() {
        assert_eq!(visible("plain\ttext\n"), "plain\ttext\n");
        assert_eq!(
            visible("a\u{1b}[31mred\u{1b}]8;;http://x\u{7}b"),
            "a\u{241b}[31mred\u{241b}]8;;http://x\u{2407}b"
        );
        assert_eq!(visible("line\r\nnext\rover"), "line\nnext\u{240d}over");
        assert_eq!(visible("\u{9b}31m\u{7f}"), "<U+009B>31m\u{2421}");
        assert_eq!(visible("abc\u{202e}fed"), "abc<U+202E>fed");
    }
}
