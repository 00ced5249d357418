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
    out.raw("<svg class=\"chart chart-")
        .raw(id)
        .raw(class)
        .raw("\" role=\"")
        .raw(role)
        .raw("\" aria-labelledby=\"")
        .raw(id)
        .raw("-title ")
        .raw(id)
        .raw("-desc\" viewBox=\"0 0 ")
        .int(w.into())
        .raw(" ")
        .int(h.into())
        .raw("\" width=\"")
        .int(w.into())
        .raw("\" height=\"")
        .int(h.into())
        .raw("\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"")
        .raw(id)
        .raw("-title\">")
        .esc(title)
        .raw("</title><desc id=\"")
        .raw(id)
        .raw("-desc\">")
        .esc(desc)
        .raw("</desc>");
}

/// A label at (x, y).
fn text(out: &mut String, x: f64, y: f64, class: &str, anchor: &str, s: &str) {
    out.raw("<text x=\"")
        .d1(x)
        .raw("\" y=\"")
        .d1(y)
        .raw("\" class=\"")
        .raw(class)
        .raw("\" text-anchor=\"")
        .raw(anchor)
        .raw("\">")
        .esc(s)
        .raw("</text>");
}

/// Writing a picture piece by piece, without the formatting machinery: a
/// picture is hundreds of numbers and texts, and `write!` of each was
/// most of the cost of a lineage (a twentieth of `check`).
trait Svg {
    /// `s` as it is: markup, or text known to need no escape.
    fn raw(&mut self, s: &str) -> &mut Self;
    /// Text, escaped as [`esc`] escapes it.
    fn esc(&mut self, s: &str) -> &mut Self;
    /// A whole number.
    fn int(&mut self, n: i64) -> &mut Self;
    /// A coordinate with one decimal, the bytes `format!("{:.1}", v)`
    /// writes, but not through it: nearly every coordinate of a picture
    /// is a whole number, for which the integer is written and `.0` after
    /// it, and formatting a float with a precision takes the exact (and
    /// often the bignum) path of the standard library, which was 5% of
    /// all of `check`'s instructions.
    fn d1(&mut self, v: f64) -> &mut Self;
}

impl Svg for String {
    fn raw(&mut self, s: &str) -> &mut Self {
        self.push_str(s);
        self
    }

    fn esc(&mut self, s: &str) -> &mut Self {
        let _ = crate::escape::write_markup(self, s, "&#39;", crate::escape::Controls::Space);
        self
    }

    fn int(&mut self, n: i64) -> &mut Self {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = n.unsigned_abs();
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        if n < 0 {
            self.push('-');
        }
        // Only ASCII digits were written.
        self.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
        self
    }

    fn d1(&mut self, v: f64) -> &mut Self {
        if whole(v) {
            return self.int(v as i64).raw(".0");
        }
        // The tenths, when they are not near a tie: `v * 10.0` is within
        // half an ulp of the exact product, which below 1e12 is under
        // 0.0001, so rounding it cannot differ from rounding the exact
        // value when it lies more than 0.01 from a half. Near ties, zero
        // and larger values take the standard library's exact path.
        let tenths = v * 10.0;
        let r = tenths.round();
        if (tenths - r).abs() < 0.49 && r != 0.0 && r.abs() < 1e12 {
            let n = r as i64;
            let a = n.unsigned_abs();
            if n < 0 {
                self.push('-');
            }
            return self.int((a / 10) as i64).raw(".").int((a % 10) as i64);
        }
        let _ = write!(self, "{v:.1}");
        self
    }
}

/// Whether `v` is written as a whole number by [`Svg::d1`]: `-0.0` is
/// not, nor is a number too large for an `i64` to hold exactly.
fn whole(v: f64) -> bool {
    v.fract() == 0.0 && v.abs() < 1e15 && !(v == 0.0 && v.is_sign_negative())
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
            let mut pushed = String::new();
            pushed.esc(t);
            assert_eq!(pushed, esc(t));
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
        values.extend([i64::MAX as f64, i64::MIN as f64, 999_999_999_999_999.0]);
        // Fractions of every kind, ties and near ties among them.
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push((x % 2_000_000) as f64 / 997.0 - 1000.0);
        }
        for i in -300..300 {
            let base = f64::from(i) / 10.0;
            for d in [0.05, -0.05, 0.049_999_999, 0.050_000_001, 0.04, 0.15, 0.95] {
                values.push(base + d);
            }
        }
        values.extend([
            1e14 + 0.3,
            -1e14 - 0.75,
            99_999_999_999.95,
            -99_999_999_999.45,
            0.049,
            -0.049,
            99_999.95,
            1e-300,
            -1e-300,
        ]);
        for v in values {
            let mut pushed = String::new();
            pushed.d1(v);
            assert_eq!(pushed, format!("{v:.1}"), "{v:?}");
        }
        for n in [0, 7, -7, 10, -10, 1234567890, i64::MAX, i64::MIN] {
            let mut pushed = String::new();
            pushed.int(n);
            assert_eq!(pushed, n.to_string());
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
