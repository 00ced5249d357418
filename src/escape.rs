//! Escaping text for markup: HTML pages, SVG pictures and XML files (feeds,
//! sitemaps, redirects) share one function; they differ only in how they
//! write an apostrophe and what they do with control characters.

/// What to do with a control character other than tab, newline and
/// carriage return.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Controls {
    /// Keep it: HTML allows it.
    Keep,
    /// Write a space: XML 1.0 forbids it, and a picture's text keeps its gaps.
    Space,
    /// Leave it out, with U+FFFE and U+FFFF: XML 1.0 forbids them all.
    Drop,
}

/// `s` with `&`, `<`, `>`, `"` and `'` written as references (`'` as
/// `apostrophe`), and control characters treated as `controls` says.
pub fn markup(s: &str, apostrophe: &str, controls: Controls) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    // Runs of characters that need nothing are copied whole.
    let mut plain = 0;
    for (i, c) in s.char_indices() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => apostrophe,
            '\t' | '\n' | '\r' => continue,
            c if (c as u32) < 0x20 => match controls {
                Controls::Keep => continue,
                Controls::Space => " ",
                Controls::Drop => "",
            },
            '\u{fffe}' | '\u{ffff}' if controls == Controls::Drop => "",
            _ => continue,
        };
        out.push_str(&s[plain..i]);
        out.push_str(replacement);
        plain = i + c.len_utf8();
    }
    out.push_str(&s[plain..]);
    out
}

/// Text for an HTML page: the escape of every value a template writes.
pub fn html(s: &str) -> String {
    markup(s, "&#39;", Controls::Keep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_markup_has_its_rules() {
        let s = "a<b>&\"c'\u{1}\td\u{ffff}é";
        assert_eq!(html(s), "a&lt;b&gt;&amp;&quot;c&#39;\u{1}\td\u{ffff}é");
        assert_eq!(
            markup(s, "&#39;", Controls::Space),
            "a&lt;b&gt;&amp;&quot;c&#39; \td\u{ffff}é"
        );
        assert_eq!(
            markup(s, "&apos;", Controls::Drop),
            "a&lt;b&gt;&amp;&quot;c&apos;\tdé"
        );
        assert_eq!(html("plain text"), "plain text");
        assert_eq!(html(""), "");
    }
}
