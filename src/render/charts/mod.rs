//! Pictures drawn at build time as inline SVG, for readers who would rather
//! look than read: on the home page, policies per month and policies by
//! current status; on a policy's page, its neighbourhood in its lineage,
//! and on a lineage's page the whole of it; on a case's page, its filings
//! on a time axis.
//!
//! Every picture is readable without JavaScript and carries a title and a
//! description; the page shows the same facts as text beside it (a table,
//! the list of relations, the list of filings). Pictures have no colours of
//! their own: they use classes the theme's CSS colours, so they follow the
//! light and dark schemes. Every text from the content is XML-escaped here,
//! so templates insert the SVG with `| safe`.

mod home;
mod layout;
mod lineage;
mod lineage_page;
mod timeline;

use std::fmt::Write;

pub use home::{by_status, monthly, Monthly, MonthlyRow};
pub use lineage::{lineage, DEPTH, PER_LAYER};
pub use lineage_page::{lineage_page, Joined};
pub use timeline::timeline;

/// Escapes text for SVG (XML) content and attribute values.
pub fn esc(s: &str) -> String {
    crate::escape::markup(s, "&#39;", crate::escape::Controls::Space)
}

/// Text escaped as [`esc`] escapes it, written where it is formatted:
/// a picture writes dozens of texts, and a string for each was a fifth
/// of its cost.
#[derive(Clone, Copy)]
pub struct Esc<'a>(pub &'a str);

impl std::fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        crate::escape::write_markup(f, self.0, "&#39;", crate::escape::Controls::Space)
    }
}

/// The opening of a picture: its size, role and text alternative.
/// `role` is `img` for a picture with nothing to click, `group` for one
/// whose nodes are links (an `img`'s children are hidden from assistive
/// technology).
fn open(out: &mut String, id: &str, role: &str, w: u32, h: u32, title: &str, desc: &str) {
    open_classed(out, (id, ""), role, (w, h), title, desc);
}

/// [`open`], with classes added to the picture's (` chart-wide`).
fn open_classed(
    out: &mut String,
    (id, class): (&str, &str),
    role: &str,
    (w, h): (u32, u32),
    title: &str,
    desc: &str,
) {
    let _ = write!(
        out,
        "<svg class=\"chart chart-{id}{class}\" role=\"{role}\" aria-labelledby=\"{id}-title {id}-desc\" \
         viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        Esc(title),
        Esc(desc)
    );
}

/// A label at (x, y).
fn text(out: &mut String, x: f64, y: f64, class: &str, anchor: &str, s: &str) {
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" class=\"{class}\" text-anchor=\"{anchor}\">{}</text>",
        D1(x),
        D1(y),
        Esc(s)
    );
}

/// A coordinate with one decimal, the bytes `format!("{:.1}", v)` writes.
/// Nearly every coordinate of a picture is a whole number, and for those
/// the integer is written and `.0` after it: formatting a float with a
/// precision takes the exact (and often the bignum) path of the standard
/// library, which was 5% of all of `check`'s instructions.
#[derive(Clone, Copy)]
pub struct D1(pub f64);

impl std::fmt::Display for D1 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = self.0;
        // -0.0 is written `-0.0`; whole numbers that fit an i64 exactly.
        if v.fract() == 0.0 && v.abs() < 1e15 && !(v == 0.0 && v.is_sign_negative()) {
            write!(f, "{}.0", v as i64)
        } else {
            write!(f, "{v:.1}")
        }
    }
}

/// A round number at or above `max`, and the step of about four ticks up to it.
fn scale(max: usize) -> (usize, usize) {
    let max = max.max(1);
    let rough = max.div_ceil(4).max(1);
    let mag = 10usize.pow((rough as f64).log10().floor() as u32);
    let step = [1, 2, 5, 10]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= rough)
        .unwrap_or(10 * mag);
    (max.div_ceil(step) * step, step)
}

/// Cuts `s` into at most `lines` lines of about `width` characters, at
/// spaces, ending with `…` if something was left out.
fn wrap(s: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    // The characters of `line`, kept rather than counted again per word.
    let mut len = 0;
    let words = s.split_whitespace();
    for w in words {
        let w_len = w.chars().count();
        if len > 0 && len + 1 + w_len > width {
            out.push(std::mem::take(&mut line));
            len = 0;
            if out.len() == lines {
                let last = out.last_mut().map(|l| {
                    let keep: String = l.chars().take(width.saturating_sub(1)).collect();
                    format!("{}…", keep.trim_end())
                });
                if let (Some(l), Some(slot)) = (last, out.last_mut()) {
                    *slot = l;
                }
                return out;
            }
        }
        if !line.is_empty() {
            line.push(' ');
            len += 1;
        }
        if w_len > width {
            line.extend(w.chars().take(width.saturating_sub(1)));
            line.push('…');
            len += width.saturating_sub(1) + 1;
        } else {
            line.push_str(w);
            len += w_len;
        }
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(esc("a\u{1}b"), "a b");
        for t in [
            "<a href=\"x\">&'</a>",
            "a\u{1}b",
            "",
            "plain",
            "é & \u{fffe}",
        ] {
            assert_eq!(Esc(t).to_string(), esc(t));
        }
    }

    #[test]
    fn coordinates_read_as_the_standard_library_writes_them() {
        let mut values = vec![
            0.0,
            -0.0,
            1e15,
            -1e15,
            1e20,
            f64::NAN,
            f64::INFINITY,
            0.05,
            0.25,
        ];
        for i in -2000..2000 {
            values.push(f64::from(i) / 4.0);
            values.push(f64::from(i) * 17.3);
        }
        for v in values {
            assert_eq!(super::D1(v).to_string(), format!("{v:.1}"), "{v:?}");
        }
    }

    #[test]
    fn scales_are_round() {
        assert_eq!(scale(0), (1, 1));
        assert_eq!(scale(3), (3, 1));
        assert_eq!(scale(7), (8, 2));
        assert_eq!(scale(37), (40, 10));
        assert_eq!(scale(120), (150, 50));
    }

    #[test]
    fn wraps_at_spaces_and_marks_cuts() {
        assert_eq!(wrap("one two three", 20, 2), ["one two three"]);
        assert_eq!(wrap("one two three four", 9, 2), ["one two", "three…"]);
        assert_eq!(wrap("abcdefghijkl", 5, 2), ["abcd…"]);
    }

    /// [`wrap`] as it was, counting the line's characters again per word.
    fn wrap_counting(s: &str, width: usize, lines: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut line = String::new();
        for w in s.split_whitespace() {
            let len = line.chars().count();
            if len > 0 && len + 1 + w.chars().count() > width {
                out.push(std::mem::take(&mut line));
                if out.len() == lines {
                    let last = out.last_mut().map(|l| {
                        let keep: String = l.chars().take(width.saturating_sub(1)).collect();
                        format!("{}…", keep.trim_end())
                    });
                    if let (Some(l), Some(slot)) = (last, out.last_mut()) {
                        *slot = l;
                    }
                    return out;
                }
            }
            if !line.is_empty() {
                line.push(' ');
            }
            if w.chars().count() > width {
                line.extend(w.chars().take(width.saturating_sub(1)));
                line.push('…');
            } else {
                line.push_str(w);
            }
        }
        if !line.is_empty() {
            out.push(line);
        }
        out
    }

    #[test]
    fn wrapping_keeps_its_cuts() {
        let texts = [
            "Executive Order on “Protecting” Américan Workers & Families from the Rising Costs",
            "a bb ccc dddd eeeee ffffff ggggggg hhhhhhhh iiiiiiiii jjjjjjjjjj",
            "Überlängeswortohneleerzeichen und noch mehr Wörter hier",
            "  spaced   out\twords\n here ",
            "",
        ];
        for t in texts {
            for width in 0..40 {
                for lines in 1..5 {
                    assert_eq!(
                        wrap(t, width, lines),
                        wrap_counting(t, width, lines),
                        "{t} {width} {lines}"
                    );
                }
            }
        }
    }
}
