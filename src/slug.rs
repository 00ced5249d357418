//! URL-safe names for vocabulary terms, cases and new entry files.

use std::collections::HashSet;

/// The longest slug, in bytes. A slug is a folder or file name, and file
/// systems refuse names over 255 bytes (some, like eCryptfs, over 143):
/// a case named by a long docket number or a long vocabulary value would
/// pass `check` and then fail `build`. Longer slugs are cut, with a hash of
/// the whole slug appended, so that they stay distinct and stable.
pub const MAX_SLUG: usize = 100;

/// Hex digits of the hash that ends a shortened slug.
const HASH_DIGITS: usize = 10;

/// Lowercase ASCII letters and digits joined by single hyphens. Letters
/// beyond ASCII are written in Latin letters as deunicode reads them:
/// accents go ("Régularisation" → "regularisation"), other scripts are
/// transliterated ("Αθήνα" → "athena", "北京" → "bei-jing"), so that a
/// value in any language has an address that says what it is. At most
/// [`MAX_SLUG`] bytes: see [`shorten`].
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut hyphen = false;
    let mut push = |c: char| {
        if c.is_ascii_alphanumeric() {
            if hyphen && !out.is_empty() {
                out.push('-');
            }
            hyphen = false;
            out.push(c.to_ascii_lowercase());
        } else {
            hyphen = true;
        }
    };
    for c in s.chars() {
        if c.is_ascii() || !c.is_alphanumeric() {
            // Symbols separate words, as ASCII punctuation does, rather
            // than being spelt out ("§ 212(f)" is `212-f`, not `ss-212-f`).
            push(c);
        } else {
            deunicode::deunicode_char(c)
                .unwrap_or("")
                .chars()
                .for_each(&mut push);
        }
    }
    if out.is_empty() {
        out.push('x');
    }
    shorten(out)
}

/// A slug of at most [`MAX_SLUG`] bytes: a longer one is cut at a hyphen
/// where there is one near the limit, and ends with a hash of the whole
/// slug. Two slugs that differ anywhere, even past the cut, stay different;
/// the same slug always gives the same name.
fn shorten(slug: String) -> String {
    if slug.len() <= MAX_SLUG {
        return slug;
    }
    let keep = MAX_SLUG - HASH_DIGITS - 1;
    // The slug is ASCII: any byte index is a character boundary.
    let head = &slug[..keep];
    let head = match head.rfind('-') {
        Some(i) if i >= keep / 2 => &head[..i],
        _ => head,
    };
    let hash = fnv1a(slug.as_bytes()) & ((1 << (4 * HASH_DIGITS)) - 1);
    format!("{head}-{hash:0width$x}", width = HASH_DIGITS)
}

/// 64-bit FNV-1a: small, and the same on every platform and release, which
/// the names of pages must be (std's hasher is neither).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What two spellings of one value share when they differ only in case,
/// accents, spaces or punctuation: their letters and digits, lowercased,
/// each letter as [`plain`] reads it ("D.D.C" and "D.D.C.", "WHITE HOUSE"
/// and "White House", "Non-Immigrant" and "Nonimmigrant", "Dvořák" and
/// "Dvorak", "Άσυλο" and "ΑΣΥΛΟ"). What would change the meaning stays:
/// numbers stay apart ("Trump 1.0" is not "Trump 10"), and so do the
/// signs that are not punctuation ("HIV+" is not "HIV-"). Letters of
/// every script count, so that two names in Chinese, which may slug
/// alike, fold apart.
pub fn fold(s: &str) -> String {
    const SIGNS: &[char] = &['+', '#', '%', '$', '€', '£', '¥', '@'];
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    let mut push = |c: char| {
        if c.is_alphanumeric() || SIGNS.contains(&c) {
            // A gap is kept only between two numbers.
            if gap && c.is_numeric() && out.chars().last().is_some_and(char::is_numeric) {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    };
    for c in s.chars() {
        plain(c, &mut push);
    }
    out
}

/// The order in which values are listed alphabetically: as a reader reads
/// them, whatever their case or accents ("Álvarez", "Čapek", "de Blasio",
/// "Zeldin"), and by their bytes where that leaves a tie, so that the
/// order never depends on anything but the values.
pub fn alphabetical(a: &str, b: &str) -> std::cmp::Ordering {
    let key = |s: &str| {
        let mut k = String::with_capacity(s.len());
        for c in s.chars() {
            plain(c, &mut |c| k.push(c));
        }
        k
    };
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
}

/// `c` lowercased, as a reader takes it whatever its marks: a Latin
/// letter as plain Latin letters ("ř" is `r`, "ł" `l`, "ø" `o`, "ß" `ss`),
/// a letter of another script without its combining marks ("ά" is `α`).
fn plain(c: char, push: &mut impl FnMut(char)) {
    if c.is_ascii() {
        return push(c.to_ascii_lowercase());
    }
    let latin =
        matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF);
    if latin && c.is_alphabetic() {
        if let Some(plain) = deunicode::deunicode_char(c) {
            return plain.chars().for_each(|c| push(c.to_ascii_lowercase()));
        }
    }
    unicode_normalization::char::decompose_canonical(c, |d| {
        if !unicode_normalization::char::is_combining_mark(d) {
            d.to_lowercase().for_each(&mut *push);
        }
    });
}

/// How firmly a value holds the address its name slugs to where other
/// values slug alike ("D.D.C." and a stray "D.D.C"): a value of the
/// vocabulary's list before any other, then the value written in more
/// files, then the value listed first. A typo in one file thus never moves
/// the page of a value that hundreds of entries link to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Claim {
    unlisted: bool,
    fewer: std::cmp::Reverse<usize>,
}

impl Claim {
    pub fn new(listed: bool, files: usize) -> Claim {
        Claim {
            unlisted: !listed,
            // Among listed values, the list's order alone decides.
            fewer: std::cmp::Reverse(if listed { 0 } else { files }),
        }
    }
}

/// A slug for each name, unique among them. Each slug goes first to the
/// name that slugs to it with the firmest [`Claim`] (ties: the earlier
/// name); every other name whose slug is taken gets the first free suffix
/// (`cafe-2`), never the slug another name has of its own (`Cafe 2`). A
/// slug that Windows keeps for a device (`con`, `nul`: a party's
/// abbreviation) is taken too, so that the site can be copied there.
pub fn unique_slugs<'a>(names: impl Iterator<Item = (&'a str, Claim)>) -> Vec<String> {
    let names: Vec<(String, Claim)> = names.map(|(n, c)| (slugify(n), c)).collect();
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_key(|&i| (names[i].1, i));
    let mut slugs: Vec<Option<String>> = vec![None; names.len()];
    let mut taken: HashSet<String> = HashSet::new();
    for &i in &order {
        let base = &names[i].0;
        if !is_device_name(base) && taken.insert(base.clone()) {
            slugs[i] = Some(base.clone());
        }
    }
    for &i in &order {
        if slugs[i].is_some() {
            continue;
        }
        let base = &names[i].0;
        let slug = (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|s| !taken.contains(s) && !is_device_name(s))
            .unwrap_or_default();
        taken.insert(slug.clone());
        slugs[i] = Some(slug);
    }
    slugs.into_iter().map(Option::unwrap_or_default).collect()
}

/// Whether Windows keeps `name` (a file or folder name) for a device:
/// `CON`, `PRN`, `AUX`, `NUL`, `COM1` to `COM9`, `LPT1` to `LPT9`, in any
/// case and with any extension (`con.html`). No file or folder can have it.
pub fn is_device_name(name: &str) -> bool {
    // Without allocating: every id read goes through here.
    let stem = name.split('.').next().unwrap_or_default();
    let b = stem.as_bytes();
    let is = |p: &str| stem.eq_ignore_ascii_case(p);
    let numbered = |p: &str| {
        b.len() == 4 && b[..3].eq_ignore_ascii_case(p.as_bytes()) && matches!(b[3], b'1'..=b'9')
    };
    is("con") || is("prn") || is("aux") || is("nul") || numbered("com") || numbered("lpt")
}

#[cfg(test)]
mod tests {
    use super::{alphabetical, fold, slugify, HASH_DIGITS, MAX_SLUG};

    #[test]
    fn spellings_of_one_value_fold_alike_and_others_apart() {
        assert_eq!(fold("D.D.C."), fold("D.D.C"));
        assert_eq!(fold("White House"), fold("WHITE  HOUSE"));
        assert_eq!(fold("Café 2"), fold("cafe-2"));
        assert_ne!(fold("Trump 1.0"), fold("Trump 10"));
        assert_eq!(fold("Non-Immigrant Visas"), fold("Nonimmigrant visas"));
        assert_eq!(fold("U.S.C.I.S."), fold("USCIS"));
        assert_eq!(fold("Dvořák"), fold("Dvorak"));
        assert_eq!(fold("Łódź"), fold("Lodz"));
        assert_eq!(fold("Việt Nam"), fold("Viet Nam"));
        assert_eq!(fold("Άσυλο"), fold("ΑΣΥΛΟ"));
        assert_ne!(fold("HIV+"), fold("HIV-"));
        assert_ne!(fold("Αθήνα"), fold("Σπάρτη"));
        assert_ne!(fold("北京"), fold("上海"));
        assert_eq!(fold("!!"), "");
    }

    #[test]
    fn values_are_listed_as_a_reader_reads_them() {
        let mut names = ["Zeldin", "de Blasio", "Álvarez", "abbott", "Abbott"];
        names.sort_by(|a, b| alphabetical(a, b));
        assert_eq!(
            names,
            ["Abbott", "abbott", "Álvarez", "de Blasio", "Zeldin"]
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Final/Actual"), "final-actual");
        assert_eq!(slugify("State & Local Entities"), "state-local-entities");
        assert_eq!(slugify("C.D. Cal."), "c-d-cal");
        assert_eq!(
            slugify("Asylum, Withholding and CAT"),
            "asylum-withholding-and-cat"
        );
        assert_eq!(slugify("Régularisation"), "regularisation");
        assert_eq!(slugify("!!"), "x");
        // Every script has an address of its own.
        assert_eq!(slugify("Bjørn Łukasz"), "bjorn-lukasz");
        assert_eq!(slugify("Αθήνα"), "athena");
        assert_eq!(slugify("Москва"), "moskva");
        assert_eq!(slugify("北京"), "bei-jing");
        assert_ne!(slugify("北京"), slugify("上海"));
        assert_eq!(slugify("§ 212(f) – “entry”"), "212-f-entry");
    }

    #[test]
    fn long_slugs_are_cut_with_a_hash() {
        let docket = format!("D.D.C. {}", "1234567890-".repeat(15));
        let slug = slugify(&docket);
        assert!(slug.len() <= MAX_SLUG, "{slug}");
        assert!(slug.starts_with("d-d-c-1234567890-1234567890"), "{slug}");
        // Stable from one run (and release) to the next: pages keep their
        // addresses, so the hash must never change.
        assert_eq!(
            slug,
            "d-d-c-1234567890-1234567890-1234567890-1234567890-1234567890-1234567890-1234567890-37e6c8d994"
        );
        assert_eq!(slug.rsplit('-').next().map(str::len), Some(HASH_DIGITS));
        // A difference past the cut still gives another name.
        let other = format!("{docket}x");
        assert_ne!(slugify(&other), slug);
        // Without a hyphen near the limit, the cut is at the limit.
        let word = slugify(&"y".repeat(300));
        assert_eq!(word.len(), MAX_SLUG);
        assert!(word.starts_with(&"y".repeat(80)), "{word}");
        // Short slugs are left alone.
        assert_eq!(slugify(&"z".repeat(MAX_SLUG)), "z".repeat(MAX_SLUG));
    }
}
