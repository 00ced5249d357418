//! Words for the search index: folding, tokenizing and the plain text of
//! Markdown bodies.
//!
//! The browser's reader (`docket-search.js` of the default theme) splits
//! queries with exactly these rules; `tests/fixtures/search/tokens.json` holds
//! cases both sides are tested against, so the two cannot drift apart.

use pulldown_cmark::{Event, Options, Parser, TagEnd};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

/// Lowercase, without accents: "Régularisation" → "regularisation".
/// The browser does the same with `toLowerCase().normalize("NFD")` and
/// drops `\p{M}`.
pub fn fold(s: &str) -> String {
    Folded::new(s).text
}

/// Text folded as [`fold`] folds it, and whether every character of it
/// beyond ASCII is neither a letter nor a digit ([`only_ascii_words`]),
/// learned while folding: [`tokens_of`] then need not read it again to
/// choose its way.
pub struct Folded {
    pub text: String,
    pub ascii_words: bool,
}

impl Folded {
    pub fn new(s: &str) -> Folded {
        if s.is_ascii() {
            return Folded {
                text: s.to_ascii_lowercase(),
                ascii_words: true,
            };
        }
        // `str::to_lowercase` writes a capital sigma at the end of a word as
        // the final sigma: the one rule that looks beyond a character.
        if s.contains('Σ') {
            let text = fold_whole(s);
            return Folded {
                ascii_words: only_ascii_words(&text),
                text,
            };
        }
        // Character by character, so that the ASCII of a text skips the
        // decomposition: nearly every real body has a curly quote, a dash or
        // a `§`, and folding it whole was a tenth of a build's work. The same
        // as [`fold_whole`], since NFD reorders only combining marks, which
        // are dropped.
        let mut out = String::with_capacity(s.len());
        let mut ascii_words = true;
        let mut rest = s;
        while !rest.is_empty() {
            // A run of ASCII, copied and lowercased whole.
            let ascii = rest
                .bytes()
                .position(|b| !b.is_ascii())
                .unwrap_or(rest.len());
            let at = out.len();
            out.push_str(&rest[..ascii]);
            out[at..].make_ascii_lowercase();
            rest = &rest[ascii..];
            let Some(c) = rest.chars().next() else {
                break;
            };
            for lower in c.to_lowercase() {
                decompose_canonical(lower, |d| {
                    if !is_combining_mark(d) {
                        ascii_words &= d.is_ascii() || !d.is_alphanumeric();
                        out.push(d);
                    }
                });
            }
            rest = &rest[c.len_utf8()..];
        }
        Folded {
            text: out,
            ascii_words,
        }
    }
}

/// [`fold`] of the whole text at once, as the browser does it.
fn fold_whole(s: &str) -> String {
    s.to_lowercase()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect()
}

/// Characters that join words into one compound token when a digit is part
/// of it: docket numbers (`2:25-cv-09848`), directive numbers (`11005.4`),
/// dates written with slashes.
fn is_joiner(c: char) -> bool {
    matches!(c, '.' | ':' | '-' | '/')
}

/// The separator of thousands: it joins digits to a group of exactly three
/// digits (`461,408`, `1,234,567`), so that a number written with commas is
/// one term and not two that each match many entries. A comma anywhere else
/// (`2019,2020`, `a,b`) separates words as any punctuation does.
const THOUSANDS: char = ',';

/// Whether the text is a word the English stemmer can take: letters `a` to
/// `z` only. Numbers, compounds and words of other scripts are kept whole,
/// so the reader in the browser needs no more than the same rule.
pub fn stemmable(token: &str) -> bool {
    token.len() > 2 && token.bytes().all(|b| b.is_ascii_lowercase())
}

/// The Snowball English (Porter2) stem of a folded word, or `None` when the
/// word is not [`stemmable`] or is its own stem. The theme's
/// `static/snowball-english.js` is the same algorithm, compiled to
/// JavaScript; `tests/browser/reader.mjs` checks that the two agree.
pub fn stem_en(word: &str) -> Option<String> {
    use std::sync::OnceLock;
    static STEMMER: OnceLock<rust_stemmers::Stemmer> = OnceLock::new();
    if !stemmable(word) {
        return None;
    }
    let stemmer =
        STEMMER.get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English));
    let stem = stemmer.stem(word);
    (stem != word).then(|| stem.into_owned())
}

/// The index key of the postings of every word whose stem is `stem`: the
/// stem followed by `~`, which no word holds. It sorts just after the words
/// that begin with the stem, so it mostly lies in the term shard the query's
/// own word is in, and a query loads no extra shard for it.
pub fn stem_key(stem: &str) -> String {
    format!("{stem}{STEM_MARK}")
}

/// The mark that ends a stem's key (see [`stem_key`]).
pub const STEM_MARK: char = '~';

/// The most characters of a term: longer tokens are cut to their first
/// [`MAX_TERM_CHARS`]. A term can be the first of a term shard, which the
/// manifest every query loads names: without a bound, one 300 KB word in
/// one body made every query load 300 KB. Words, numbers and docket
/// numbers are far shorter, and a longer word is still found by its
/// beginning.
pub const MAX_TERM_CHARS: usize = 64;

/// `token` cut to [`MAX_TERM_CHARS`] characters.
pub fn bounded(token: &str) -> &str {
    if token.len() <= MAX_TERM_CHARS {
        return token;
    }
    match token.char_indices().nth(MAX_TERM_CHARS) {
        Some((end, _)) => &token[..end],
        None => token,
    }
}

/// Splits folded text into tokens, in order: every run of letters and
/// digits of at least two characters, and after the parts of a compound
/// (runs joined by single joiners, holding a digit) the compound itself,
/// then, when the compound holds a separator of thousands, the compound
/// without it (`461,408` is also `461408`); each cut to [`MAX_TERM_CHARS`].
pub fn tokens(folded: &str, emit: impl FnMut(&str)) {
    tokens_of(folded, folded.is_ascii() || only_ascii_words(folded), emit);
}

/// [`tokens`] of folded text whose folding ([`Folded`]) told already
/// whether it has letters or digits beyond ASCII (`!ascii_words`).
pub fn tokens_of(folded: &str, ascii_words: bool, mut emit: impl FnMut(&str)) {
    let mut emit = |t: &str| emit(bounded(t));
    if ascii_words {
        by_bytes(folded, emit);
        return;
    }
    // A letter or digit beyond ASCII (`ø`, `ł`, a Greek word): each run
    // between spaces its own way, as no rule of `split` looks across a
    // space, so that one such letter does not send the whole text through
    // the character way.
    // The separators are ASCII, so the runs are found a byte at a time.
    let bytes = folded.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let end = bytes[start..]
            .iter()
            .position(|b| matches!(b, b' ' | b'\n' | b'\t' | b'\r'))
            .map_or(bytes.len(), |n| start + n);
        let run = &folded[start..end];
        if run.is_ascii() || only_ascii_words(run) {
            by_bytes(run, &mut emit);
        } else {
            by_chars(run, &mut emit);
        }
        start = end + 1;
    }
}

/// The rules of [`split`] a byte at a time: the common case. Every byte of
/// a character beyond ASCII is neither letter, digit, joiner nor comma,
/// which for text that passes [`only_ascii_words`] is what the character
/// is: a separator (a curly quote, a dash, `§`). Each byte's class is read
/// from a table: the search index reads every word of every body this way.
fn by_bytes(folded: &str, emit: impl FnMut(&str)) {
    let bytes = folded.as_bytes();
    split(
        bytes.len(),
        |i| BYTE_CLASS[usize::from(bytes[i])],
        |i| char::from(bytes[i]),
        |i| i,
        folded,
        emit,
    );
}

/// The class of a byte for [`by_bytes`]: [`LETTER`], [`DIGIT`] or 0.
const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_alphabetic() {
            LETTER
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The classes of [`split`]: a letter (or another character that is
/// alphanumeric but not numeric), a digit; 0 for anything else.
const LETTER: u8 = 1;
const DIGIT: u8 = 2;

/// The rules of [`split`] a character at a time, for text with letters or
/// digits beyond ASCII.
fn by_chars(folded: &str, emit: impl FnMut(&str)) {
    let chars: Vec<(usize, char)> = folded.char_indices().collect();
    split(
        chars.len(),
        |i| {
            let c = chars[i].1;
            if c.is_numeric() {
                DIGIT
            } else if c.is_alphanumeric() {
                LETTER
            } else {
                0
            }
        },
        |i| chars[i].1,
        |i| chars.get(i).map_or(folded.len(), |&(b, _)| b),
        folded,
        emit,
    );
}

/// Whether every character of `s` beyond ASCII is neither a letter nor a
/// digit: true of most folded text, whose accents are gone and whose
/// quotes and dashes remain.
fn only_ascii_words(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii() || !c.is_alphanumeric())
}

/// The rules of [`tokens`] over `n` characters, seen through the closures:
/// the class of a position ([`LETTER`], [`DIGIT`] or 0), its character,
/// and its byte offset.
fn split(
    n: usize,
    class: impl Fn(usize) -> u8,
    char_at: impl Fn(usize) -> char,
    at: impl Fn(usize) -> usize,
    folded: &str,
    mut emit: impl FnMut(&str),
) {
    let alnum = |i: usize| i < n && class(i) != 0;
    // Three digits at `i` and no letter or digit after them.
    let group = |i: usize| i + 3 <= n && (i..i + 3).all(|j| class(j) == DIGIT) && !alnum(i + 3);
    let mut i = 0;
    while i < n {
        if class(i) == 0 {
            i += 1;
            continue;
        }
        // A compound: words separated by single joiners.
        let start = i;
        let mut parts = 0;
        let mut has_digit = false;
        let mut thousands = false;
        loop {
            let w = i;
            // The classes met in the word, or-ed.
            let mut seen = 0;
            while i < n {
                let c = class(i);
                if c == 0 {
                    break;
                }
                seen |= c;
                i += 1;
            }
            has_digit |= seen & DIGIT != 0;
            let digits_only = seen & LETTER == 0;
            parts += 1;
            if i - w >= 2 {
                emit(&folded[at(w)..at(i)]);
            }
            if i + 1 >= n {
                break;
            }
            let c = char_at(i);
            if is_joiner(c) && alnum(i + 1) {
                i += 1;
            } else if c == THOUSANDS && digits_only && group(i + 1) {
                thousands = true;
                i += 1;
            } else {
                break;
            }
        }
        if parts > 1 && has_digit {
            let whole = &folded[at(start)..at(i)];
            emit(whole);
            if thousands {
                emit(&whole.replace(THOUSANDS, ""));
            }
        }
    }
}

/// Words too common to be worth indexing, for sites in English. Queries
/// skip them too (the list travels in the index's manifest).
pub const STOP_WORDS_EN: &[&str] = &[
    "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "did", "do", "does", "for",
    "from", "had", "has", "have", "he", "her", "his", "if", "in", "into", "is", "it", "its", "may",
    "no", "not", "of", "on", "or", "our", "she", "so", "such", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "to", "was", "we", "were", "which",
    "who", "will", "with", "would",
];

/// The text of a Markdown body, without markup, HTML or link targets.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) if !out.ends_with(' ') && !out.is_empty() => out.push(' '),
            _ => {}
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

/// The first `max` characters of `text`, cut at a space, with `…` when cut.
pub fn clip(text: &str, max: usize) -> String {
    // No text of at most `max` bytes has more than `max` characters: most
    // bodies are shorter than the clip, and need no walk over their
    // characters.
    if text.len() <= max {
        return text.to_string();
    }
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((end, _)) => {
            let cut = text[..end]
                .rfind(' ')
                .filter(|&s| s > end / 2)
                .unwrap_or(end);
            format!("{}…", text[..cut].trim_end())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(s: &str) -> Vec<String> {
        let mut v = Vec::new();
        tokens(&fold(s), |t| v.push(t.to_string()));
        v
    }

    /// Folding a character at a time gives what folding the whole text
    /// gives, for every character, between letters and beside itself.
    #[test]
    fn folding_by_character_is_folding_the_whole() {
        for c in (0..0x32000u32).filter_map(char::from_u32) {
            for s in [format!("a{c}b"), format!("É{c}{c}x")] {
                let folded = Folded::new(&s);
                assert_eq!(folded.text, fold_whole(&s), "{c:?} (U+{:04X})", c as u32);
                assert_eq!(
                    folded.ascii_words,
                    only_ascii_words(&folded.text),
                    "{c:?} (U+{:04X})",
                    c as u32
                );
            }
        }
        for s in [
            "ΣΑΣ ΟΔΟΣ",
            "Σ",
            "aΣ b",
            "Régularisation Ǆ İstanbul",
            "plain",
            "§ “x”",
        ] {
            let folded = Folded::new(s);
            assert_eq!(folded.text, fold_whole(s), "{s}");
            assert_eq!(folded.ascii_words, only_ascii_words(&folded.text), "{s}");
        }
        assert_eq!(fold("Régularisation"), "regularisation");
    }

    /// Tokens read a byte at a time, where every character beyond ASCII
    /// is a separator, are the tokens read a character at a time.
    #[test]
    fn the_byte_path_gives_the_tokens_of_the_character_path() {
        let chars = |s: &str| {
            let mut v = Vec::new();
            by_chars(s, |t| v.push(t.to_string()));
            v
        };
        let bytes = |s: &str| {
            let mut v = Vec::new();
            by_bytes(s, |t| v.push(t.to_string()));
            v
        };
        let separators = ['“', '”', '’', '§', '—', '–', '…', '\u{a0}', '¶', '€'];
        for sep in separators {
            for text in [
                format!("{sep}section{sep}1357{sep}"),
                format!("2:25{sep}cv-09848 461,408{sep}123 a.b{sep}1"),
                format!("no{sep}{sep}x 12{sep}.5 10/{sep}2 1,234{sep}567"),
                format!("u.s.c.{sep}1357 word{sep}-1 {sep}"),
            ] {
                let text = fold(&text);
                assert!(only_ascii_words(&text), "{text}");
                assert_eq!(bytes(&text), chars(&text), "{text:?}");
            }
        }
        // A letter or a digit beyond ASCII keeps the character path, for
        // the run between spaces it is in.
        assert!(!only_ascii_words("straße"));
        assert!(!only_ascii_words("1½"));
        for text in [
            "Jørgensen v. Łódź, No. 2:25-cv-0ø1 — 461,4ı8 “ıd” 1,234 ½ x",
            "ø\n\nab 12,345\t\tcd,123 δ-1 1-δ §ł§ 12.5.ø",
            " ø ",
            "",
        ] {
            let text = fold(text);
            let mut whole = Vec::new();
            tokens(&text, |t| whole.push(t.to_string()));
            assert_eq!(whole, chars(&text), "{text:?}");
        }
        assert_eq!(all("Straße 12"), ["straße", "12"]);
    }

    /// The cases the browser's tokenizer is tested against too.
    #[test]
    fn tokens_match_the_shared_cases() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/search/tokens.json"
        ))
        .expect("the shared tokenizer cases");
        let cases: Vec<(String, Vec<String>)> =
            serde_json::from_str(&text).expect("tokens.json is a list of [text, tokens]");
        assert!(cases.len() > 5);
        for (input, expected) in cases {
            assert_eq!(all(&input), expected, "tokens of {input:?}");
        }
    }

    #[test]
    fn compounds_need_a_digit() {
        assert_eq!(all("U.S.C. 1357"), ["1357"]);
        assert_eq!(
            all("No. 2:25-cv-09848."),
            ["no", "25", "cv", "09848", "2:25-cv-09848"]
        );
    }

    #[test]
    fn long_tokens_are_cut_and_short_ones_kept() {
        let word = "a".repeat(300_000);
        assert_eq!(all(&word), ["a".repeat(MAX_TERM_CHARS)]);
        // Characters, not bytes: the browser counts the same.
        let accented = "é".repeat(100);
        assert_eq!(all(&accented), ["e".repeat(MAX_TERM_CHARS)]);
        let wide = "語".repeat(100);
        assert_eq!(all(&wide), ["語".repeat(MAX_TERM_CHARS)]);
        // A long compound is cut; its parts and a docket number are whole.
        let compound = format!("{}-2025", "x".repeat(70));
        assert_eq!(
            all(&compound),
            ["x".repeat(64), "2025".into(), "x".repeat(64)]
        );
        assert_eq!(
            all("2:25-cv-09848 14159.123456"),
            [
                "25",
                "cv",
                "09848",
                "2:25-cv-09848",
                "14159",
                "123456",
                "14159.123456"
            ]
        );
    }

    #[test]
    fn numbers_with_separators_of_thousands_are_whole() {
        assert_eq!(all("461,408"), ["461", "408", "461,408", "461408"]);
        assert_eq!(all("$1,234,567"), ["234", "567", "1,234,567", "1234567"]);
        // Not a group of three: the comma separates.
        assert_eq!(all("2019,2020"), ["2019", "2020"]);
        assert_eq!(all("12,34"), ["12", "34"]);
        assert_eq!(all("10,000x"), ["10", "000x"]);
        assert_eq!(all("abc,123"), ["abc", "123"]);
    }

    #[test]
    fn english_words_have_snowball_stems() {
        assert_eq!(stem_en("detentions").as_deref(), Some("detent"));
        assert_eq!(stem_en("detention").as_deref(), Some("detent"));
        assert_eq!(stem_en("policies").as_deref(), Some("polici"));
        assert_eq!(stem_en("generously").as_deref(), Some("generous"));
        // Its own stem, and what is never stemmed: numbers, compounds,
        // short words, other scripts.
        assert_eq!(stem_en("asylum"), None);
        assert_eq!(stem_en("11005.4"), None);
        assert_eq!(stem_en("covid-19"), None);
        assert_eq!(stem_en("is"), None);
        assert_eq!(stem_en("ødegaard"), None);
        assert_eq!(stem_key("detent"), "detent~");
        // The key sorts after every word the stem begins.
        assert!(stem_key("detent").as_str() > "detentions");
    }

    #[test]
    fn folds_accents_and_case() {
        assert_eq!(
            fold("Régularisation ÉTÉ Straße"),
            "regularisation ete straße"
        );
    }

    #[test]
    fn plain_text_drops_markup_and_targets() {
        assert_eq!(
            plain_text("# Head\n\nSome *emphasis*, [a link](https://x.example/y) and `code`.\n\n- one\n- two\n\n<div>raw</div>\n"),
            "Head Some emphasis, a link and code. one two"
        );
    }

    #[test]
    fn clip_cuts_at_a_space() {
        assert_eq!(clip("one two three", 100), "one two three");
        assert_eq!(clip("one two three four", 10), "one two…");
        assert_eq!(clip("ééééé", 3), "ééé…");
        // Exactly as long as the clip, in bytes or in characters.
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(clip("ééé", 3), "ééé");
    }
}
