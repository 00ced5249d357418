//! An entry's id: a whole number (`1491`) or a short code of letters,
//! digits, `-` and `.` (`9973-A`, `2025-01234`), as trackers number their
//! entries.
//!
//! Ids are kept inline, so that they stay `Copy` and cheap to compare like
//! the numbers they usually are; and they sort the way a reader counts,
//! number by number (`9973` < `9973-A` < `9974` < `10000`), not letter by
//! letter.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use serde::{Serialize, Serializer};

/// The longest id, in bytes. Codes longer than this are not ids but titles;
/// the limit also keeps every id a short folder name.
pub const MAX_LEN: usize = 23;

/// The largest whole-number id: beyond it, numbers lose digits in the
/// JavaScript of readers' tools, and no tracker counts so far.
pub const MAX_NUMBER: u64 = u32::MAX as u64;

/// An entry's id, checked: 1 to [`MAX_LEN`] ASCII letters, digits, `-` and
/// `.`, starting and ending with a letter or digit; a whole number has no
/// leading zero.
#[derive(Clone, Copy)]
pub struct Id {
    len: u8,
    bytes: [u8; MAX_LEN],
}

/// Why a text is not an id, in words for a contributor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdError {
    Empty,
    TooLong(usize),
    Character(char),
    Edge(char),
    Zero,
    LeadingZero(String),
    TooLarge,
    /// Ends in `.html`: the entry's folder would take a page's name.
    PageName,
    /// A name Windows keeps for a device (`CON`, `NUL`, `COM1`…).
    DeviceName(String),
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdError::Empty => f.write_str("an id cannot be empty"),
            IdError::TooLong(n) => write!(
                f,
                "an id has at most {MAX_LEN} characters; this one has {n}"
            ),
            IdError::Character(c) => write!(
                f,
                "an id has only letters, digits, `-` and `.`, not {}",
                shown(*c)
            ),
            IdError::Edge(c) => {
                write!(f, "an id starts and ends with a letter or digit, not `{c}`")
            }
            IdError::Zero => f.write_str("0 is not an id: ids that are numbers start at 1"),
            IdError::LeadingZero(n) => write!(f, "a number id has no leading zero: write {n}"),
            IdError::TooLarge => write!(f, "a number id is at most {MAX_NUMBER}"),
            IdError::PageName => f.write_str(
                "an id cannot end in `.html`: the entry's folder would take the name of a page, like `policies/index.html`",
            ),
            IdError::DeviceName(s) => write!(
                f,
                "`{s}` cannot be an id: Windows keeps the name for a device, and the entry's folder could not be made there"
            ),
        }
    }
}

pub use crate::slug::is_device_name;

fn shown(c: char) -> String {
    if c == ' ' {
        "a space".to_string()
    } else if c.is_control() {
        format!("the control character U+{:04X}", c as u32)
    } else {
        format!("`{c}`")
    }
}

impl Id {
    /// Checks a written id.
    pub fn parse(s: &str) -> Result<Id, IdError> {
        if s.is_empty() {
            return Err(IdError::Empty);
        }
        if let Some(c) = s
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '.'))
        {
            return Err(IdError::Character(c));
        }
        if s.len() > MAX_LEN {
            return Err(IdError::TooLong(s.len()));
        }
        let b = s.as_bytes();
        for edge in [b[0], b[b.len() - 1]] {
            if !edge.is_ascii_alphanumeric() {
                return Err(IdError::Edge(char::from(edge)));
            }
        }
        // Each id names a folder (`policies/<id>/`) beside the list's
        // pages, on every system a site is built or unpacked on.
        if s.len() >= 5 && s[s.len() - 5..].eq_ignore_ascii_case(".html") {
            return Err(IdError::PageName);
        }
        if is_device_name(s) {
            return Err(IdError::DeviceName(s.to_string()));
        }
        if b.iter().all(u8::is_ascii_digit) {
            let digits = s.trim_start_matches('0');
            if digits.is_empty() {
                return Err(IdError::Zero);
            }
            if digits.len() < s.len() {
                return Err(IdError::LeadingZero(digits.to_string()));
            }
            if digits.len() > 10 || digits.parse::<u64>().map_or(true, |n| n > MAX_NUMBER) {
                return Err(IdError::TooLarge);
            }
        }
        let mut bytes = [0; MAX_LEN];
        bytes[..b.len()].copy_from_slice(b);
        Ok(Id {
            len: b.len() as u8,
            bytes,
        })
    }

    /// The id of a whole number; 0 and numbers above [`MAX_NUMBER`] are none.
    pub fn number(n: u64) -> Option<Id> {
        Id::parse(&n.to_string()).ok()
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII bytes are ever stored.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }

    /// The number the id starts with (`9973` of `9973-A`), 0 if none: what
    /// the next free number is counted from.
    pub fn leading_number(&self) -> u64 {
        let s = self.as_str();
        let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        match digits {
            0 => 0,
            _ => s[..digits].parse().unwrap_or(u64::MAX),
        }
    }

    /// The id's value when it is a whole number, as most ids are.
    pub fn as_number(&self) -> Option<u64> {
        let s = self.as_str();
        if s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Id {
    fn eq(&self, other: &Id) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Id {}

impl Hash for Id {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl Ord for Id {
    fn cmp(&self, other: &Id) -> Ordering {
        natural(self.as_str(), other.as_str()).then_with(|| self.as_str().cmp(other.as_str()))
    }
}

impl PartialOrd for Id {
    fn partial_cmp(&self, other: &Id) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Compares runs of digits by their value and other runs by their letters,
/// ignoring case; a code that is the start of another comes first.
fn natural(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let (ra, rest_a) = run(a, x.is_ascii_digit());
                let (rb, rest_b) = run(b, y.is_ascii_digit());
                let order = match (x.is_ascii_digit(), y.is_ascii_digit()) {
                    (true, true) => numeric(ra, rb),
                    // A number sorts before letters: 12 before A-12.
                    (true, false) => Ordering::Less,
                    (false, true) => Ordering::Greater,
                    (false, false) => ra
                        .iter()
                        .map(u8::to_ascii_lowercase)
                        .cmp(rb.iter().map(u8::to_ascii_lowercase)),
                };
                if order != Ordering::Equal {
                    return order;
                }
                (a, b) = (rest_a, rest_b);
            }
        }
    }
}

fn run(s: &[u8], digits: bool) -> (&[u8], &[u8]) {
    let n = s
        .iter()
        .position(|b| b.is_ascii_digit() != digits)
        .unwrap_or(s.len());
    s.split_at(n)
}

/// Compares two runs of digits by value, however long they are.
fn numeric(a: &[u8], b: &[u8]) -> Ordering {
    let trim = |s: &[u8]| -> usize { s.iter().take_while(|&&d| d == b'0').count() };
    let (a, b) = (&a[trim(a)..], &b[trim(b)..]);
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

/// A whole-number id is a number in the JSON exports and templates, as it
/// always was; a code is a string.
impl Serialize for Id {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.as_number() {
            Some(n) => s.serialize_u64(n),
            None => s.serialize_str(self.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> Id {
        Id::parse(s).unwrap()
    }

    #[test]
    fn ids_sort_as_a_reader_counts() {
        let mut ids: Vec<Id> = [
            "10000", "9974", "9973-A", "9973", "A-12", "12", "9973-B", "9973-a1", "2", "9973.1",
            "9973-A2", "9973-A10",
        ]
        .into_iter()
        .map(id)
        .collect();
        ids.sort();
        let got: Vec<&str> = ids.iter().map(Id::as_str).collect();
        assert_eq!(
            got,
            [
                "2", "12", "9973", "9973-A", "9973-a1", "9973-A2", "9973-A10", "9973-B", "9973.1",
                "9974", "10000", "A-12"
            ]
        );
    }

    #[test]
    fn case_makes_a_different_id_with_a_fixed_order() {
        assert_ne!(id("9973-A"), id("9973-a"));
        assert_eq!(id("9973-A").cmp(&id("9973-a")), Ordering::Less);
    }

    #[test]
    fn bad_ids_say_why() {
        assert_eq!(Id::parse(""), Err(IdError::Empty));
        assert_eq!(Id::parse("0"), Err(IdError::Zero));
        assert_eq!(Id::parse("042"), Err(IdError::LeadingZero("42".into())));
        assert_eq!(Id::parse("-12"), Err(IdError::Edge('-')));
        assert_eq!(Id::parse("12."), Err(IdError::Edge('.')));
        assert_eq!(Id::parse("12 A"), Err(IdError::Character(' ')));
        assert_eq!(Id::parse("../x"), Err(IdError::Character('/')));
        assert_eq!(Id::parse("é"), Err(IdError::Character('é')));
        assert_eq!(Id::parse(&"1".repeat(24)), Err(IdError::TooLong(24)));
        assert_eq!(Id::parse(&"1".repeat(23)), Err(IdError::TooLarge));
        assert!(Id::parse(&"A".repeat(23)).is_ok());
        assert_eq!(Id::parse("4294967296"), Err(IdError::TooLarge));
        assert!(Id::parse("4294967295").is_ok());
        assert!(Id::parse("2025-01234").is_ok());
        // Names a folder cannot take beside the list's pages, or on Windows.
        for page in ["index.html", "page-2.html", "INDEX.HTML"] {
            assert_eq!(Id::parse(page), Err(IdError::PageName), "{page}");
        }
        for device in ["CON", "nul", "Com1", "LPT9", "aux.1", "con.html5"] {
            assert_eq!(
                Id::parse(device),
                Err(IdError::DeviceName(device.into())),
                "{device}"
            );
        }
        for fine in [
            "COM10", "COM0", "CONS", "html", "1.html5", "A.htm", "NULL-1",
        ] {
            assert!(Id::parse(fine).is_ok(), "{fine}");
        }
    }

    #[test]
    fn numbers_stay_numbers_in_json() {
        assert_eq!(serde_json::to_string(&id("1491")).unwrap(), "1491");
        assert_eq!(serde_json::to_string(&id("9973-A")).unwrap(), "\"9973-A\"");
        assert_eq!(Id::number(7).map(|i| i.to_string()), Some("7".into()));
        assert_eq!(Id::number(0), None);
        assert_eq!(Id::number(MAX_NUMBER + 1), None);
    }
}
