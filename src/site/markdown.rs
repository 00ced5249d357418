//! Markdown bodies → HTML. Pure: knows nothing of Tera or of the output folder.
//!
//! Links are resolved here because only here are they seen with their
//! source offsets: `[EO 14159](policy:1400)` and relative links to other
//! entry files or to documents become relative links in the site, and a
//! target that does not exist becomes a diagnostic at the link's line.

use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::Range;

use super::Html;
use crate::content::{Id, Kind};
use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

/// Where a link in a body leads, as the caller's resolver decides.
pub enum Target {
    /// Rewrite to this URL.
    Rewrite(String),
    /// Rewrite to this URL, the page of an entry: the body links to it.
    Entry {
        url: String,
        kind: crate::content::Kind,
        id: Id,
    },
    /// Leave as written (an external or in-page link).
    Keep,
    /// The link names something that does not exist: what, and how to fix it.
    Broken { message: String, help: String },
}

/// A link whose target does not exist, at its byte range in the body.
#[derive(Debug, PartialEq, Eq)]
pub struct BrokenLink {
    pub range: Range<usize>,
    pub message: String,
    pub help: String,
}

/// A link to a part of a body, `#relief`: of this body (`entry` `None`)
/// or of another entry's, at its byte range in the body.
#[derive(Debug, PartialEq, Eq)]
pub struct FragmentLink {
    pub range: Range<usize>,
    pub entry: Option<(crate::content::Kind, crate::content::Id)>,
    /// As written, without the prefix of the body's ids.
    pub fragment: String,
}

pub struct Rendered {
    pub html: String,
    /// The body's first words as plain text, for descriptions and search.
    pub summary: String,
    pub broken: Vec<BrokenLink>,
    /// The entries the body links to, by kind and id, in the order of the
    /// links: relations written in prose count as relations.
    pub links: Vec<(crate::content::Kind, crate::content::Id)>,
    /// The ids of its headings and footnotes, without the prefix: what a
    /// link to a part of it may name.
    pub ids: Vec<String>,
    /// Whether it has raw HTML, whose ids are not among `ids`.
    pub raw_html: bool,
    pub fragments: Vec<FragmentLink>,
}

const SUMMARY_CHARS: usize = 280;

/// Renders `body`. Unless `unsafe_html`, raw HTML is sanitised and links
/// with schemes that could run script (`javascript:`, `data:`, …) are
/// neutralised. With [`Html::Skip`] the links are resolved and checked and
/// the summary made as ever, and no HTML is written.
pub fn render(
    body: &str,
    unsafe_html: bool,
    mode: Html,
    resolve: &dyn Fn(&str) -> Target,
) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut broken = Vec::new();
    let id_prefix = if unsafe_html { "" } else { ID_PREFIX };
    let mut notes = Footnotes {
        prefix: id_prefix,
        ..Footnotes::default()
    };
    let mut links = Vec::new();
    let mut fragments = Vec::new();
    let mut has_raw_html = false;
    let mut summary = String::new();
    // Links and images have their addresses rewritten alike.
    let mut fix = |dest, range: &Range<usize>| {
        let found = Found {
            broken: &mut broken,
            links: &mut links,
            fragments: &mut fragments,
        };
        rewrite(dest, range, unsafe_html, resolve, found)
    };
    // Events go to the HTML writer as they are parsed: collecting them
    // first was a copy of every event of every body.
    let events =
        Parser::new_ext(body, options)
            .into_offset_iter()
            .map(|(event, range)| match event {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => Event::Start(Tag::Link {
                    link_type,
                    dest_url: fix(dest_url, &range),
                    title,
                    id,
                }),
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => Event::Start(Tag::Image {
                    link_type,
                    dest_url: fix(dest_url, &range),
                    title,
                    id,
                }),
                Event::Html(h) | Event::InlineHtml(h) => {
                    has_raw_html = true;
                    Event::Html(h)
                }
                Event::Text(t) => {
                    add_summary(&mut summary, &t);
                    Event::Text(t)
                }
                Event::Code(t) => {
                    add_summary(&mut summary, &t);
                    Event::Code(t)
                }
                Event::SoftBreak | Event::HardBreak => {
                    add_summary(&mut summary, " ");
                    event
                }
                Event::FootnoteReference(name) => notes.reference(&name),
                Event::Start(Tag::FootnoteDefinition(name)) => notes.definition(&name),
                Event::End(TagEnd::FootnoteDefinition) => notes.end_definition(),
                Event::End(
                    TagEnd::Paragraph
                    | TagEnd::Heading(_)
                    | TagEnd::Item
                    | TagEnd::TableCell
                    | TagEnd::CodeBlock,
                ) => {
                    add_summary(&mut summary, " ");
                    event
                }
                other => other,
            });
    let mut out = String::new();
    // Headings have ids in `check` too, for the links to them.
    let mut headings = HeadingIds::new(events, id_prefix);
    match mode {
        Html::Write => {
            out.reserve(body.len() * 3 / 2);
            html::push_html(&mut out, &mut headings);
        }
        Html::Skip => {
            if headings.by_ref().count() > 0 {
                out.push(' ');
            }
        }
    }
    let mut ids = headings.into_ids();
    ids.extend(notes.ids());
    if mode == Html::Write && has_raw_html && !unsafe_html {
        out = sanitizer().clean(&out).to_string();
    }
    // A control character of the body reaches the HTML as written (raw
    // HTML, code, link titles); HTML forbids them, so they are shown as
    // U+FFFD. Replacing them here, not in the body, keeps the offsets of
    // broken links true to the file.
    for text in [&mut out, &mut summary] {
        if crate::escape::has_stray_control(text) {
            *text = crate::escape::replace_controls(text).into_owned();
        }
    }
    let summary = finish_summary(summary);
    Rendered {
        html: out,
        summary,
        broken,
        links,
        ids,
        raw_html: has_raw_html,
        fragments,
    }
}

fn add_summary(summary: &mut String, text: &str) {
    if summary.len() < SUMMARY_CHARS * 2 {
        summary.push_str(text);
    }
}

fn finish_summary(s: String) -> String {
    let mut out = String::new();
    // Characters in `out`, kept as it grows rather than counted again for
    // each word.
    let mut chars = 0;
    for w in s.split_whitespace() {
        let len = w.chars().count();
        if chars + len > SUMMARY_CHARS {
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(w);
        chars += len;
    }
    out
}

/// What the links of a body are found to name, as they are rewritten.
struct Found<'f> {
    broken: &'f mut Vec<BrokenLink>,
    links: &'f mut Vec<(crate::content::Kind, crate::content::Id)>,
    fragments: &'f mut Vec<FragmentLink>,
}

impl Found<'_> {
    fn fragment(&mut self, range: &Range<usize>, entry: Option<(Kind, Id)>, dest: &str) {
        if let Some(id) = dest.split_once('#').and_then(|(_, f)| body_id(f)) {
            self.fragments.push(FragmentLink {
                range: range.clone(),
                entry,
                fragment: id.to_string(),
            });
        }
    }
}

fn rewrite<'a>(
    dest: CowStr<'a>,
    range: &Range<usize>,
    unsafe_html: bool,
    resolve: &dyn Fn(&str) -> Target,
    mut found: Found<'_>,
) -> CowStr<'a> {
    match resolve(&dest) {
        Target::Rewrite(url) => url.into(),
        Target::Entry { url, kind, id } => {
            found.links.push((kind, id));
            found.fragment(range, Some((kind, id)), &dest);
            url.into()
        }
        Target::Broken { message, help } => {
            found.broken.push(BrokenLink {
                range: range.clone(),
                message,
                help,
            });
            dest
        }
        Target::Keep if !unsafe_html && !safe_url(&dest) => "#".into(),
        Target::Keep if dest.starts_with('#') => {
            found.fragment(range, None, &dest);
            if unsafe_html {
                dest
            } else {
                in_body(dest.into_string()).into()
            }
        }
        Target::Keep => dest,
    }
}

/// Whether a URL is relative or uses a scheme that cannot run script.
pub fn safe_url(url: &str) -> bool {
    match scheme(url) {
        None => true,
        Some(s) => ["http", "https", "mailto", "tel"]
            .iter()
            .any(|ok| s.eq_ignore_ascii_case(ok)),
    }
}

/// The scheme of an absolute URL, as browsers read it (leading control
/// characters and spaces ignored, tabs and newlines inside removed).
pub fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let candidate = &cleaned[..colon];
    if candidate.is_empty()
        || candidate.contains(['/', '?', '#'])
        || !candidate
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return None;
    }
    Some(candidate.to_string())
}

/// Footnotes written with a way back: each first reference gets an id
/// (`fnref-<name>`) that the end of its note links to. pulldown-cmark
/// numbers notes in the order they are first referred to and writes no
/// link back, so both ends are written here, in its markup otherwise,
/// except for the note's id: `fn-<name>` rather than the bare name, and
/// both ids begin with [`ID_PREFIX`] unless the site trusts its raw HTML,
/// as every id of a body does.
#[derive(Default)]
struct Footnotes {
    /// Each note's name and number, in the order of first reference.
    numbers: Vec<String>,
    /// The notes referred to so far, whose first reference has an id.
    referred: Vec<String>,
    /// The note being written.
    open: Option<String>,
    /// What the notes' ids begin with.
    prefix: &'static str,
}

impl Footnotes {
    /// The ids of the notes and of their first references, without the
    /// prefix.
    fn ids(&self) -> impl Iterator<Item = String> + '_ {
        let notes = self.numbers.iter().map(|n| format!("fn-{n}"));
        notes.chain(self.referred.iter().map(|n| format!("fnref-{n}")))
    }

    fn number(&mut self, name: &str) -> usize {
        match self.numbers.iter().position(|n| n == name) {
            Some(i) => i + 1,
            None => {
                self.numbers.push(name.to_string());
                self.numbers.len()
            }
        }
    }

    fn reference(&mut self, name: &str) -> Event<'static> {
        let n = self.number(name);
        let first = !self.referred.iter().any(|r| r == name);
        if first {
            self.referred.push(name.to_string());
        }
        let name = crate::escape::html(name);
        let id = if first {
            format!(" id=\"{}fnref-{name}\"", self.prefix)
        } else {
            String::new()
        };
        let prefix = self.prefix;
        Event::Html(CowStr::from(format!(
            "<sup class=\"footnote-reference\"{id}><a href=\"#{prefix}fn-{name}\">{n}</a></sup>"
        )))
    }

    fn definition(&mut self, name: &str) -> Event<'static> {
        let n = self.number(name);
        self.open = Some(name.to_string());
        let name = crate::escape::html(name);
        let prefix = self.prefix;
        Event::Html(CowStr::from(format!(
            "<div class=\"footnote-definition\" id=\"{prefix}fn-{name}\"><sup class=\"footnote-definition-label\">{n}</sup>"
        )))
    }

    fn end_definition(&mut self) -> Event<'static> {
        let name = self.open.take().unwrap_or_default();
        // A note written before any reference to it has no way back.
        if !self.referred.contains(&name) {
            return Event::Html(CowStr::from("</div>\n"));
        }
        let name = crate::escape::html(&name);
        let prefix = self.prefix;
        Event::Html(CowStr::from(format!(
            "<a class=\"footnote-backref\" href=\"#{prefix}fnref-{name}\">↩<span class=\"visually-hidden\"> Back to the text</span></a></div>\n"
        )))
    }
}

/// What every id of a body begins with, unless the site trusts its raw
/// HTML (`unsafe_html`): a contributor's ids, the footnotes', and the
/// fragments of the body's links to them and to other entries' bodies.
const ID_PREFIX: &str = "user-content-";

/// Gives each heading an id, much as GitHub does: the slug of its text
/// ([`crate::slug::slugify`]), `-1`, `-2`… after it for the second and
/// later headings of the same text, each beginning with the prefix of the
/// body's ids, so that `court-action:1#relief` leads to the heading
/// "Relief" of that entry's body. A heading whose text has no letter or
/// digit has none. A heading's events are held until its end, whose text
/// the id is made of, and are then passed on unchanged.
struct HeadingIds<'a, I> {
    events: I,
    held: VecDeque<Event<'a>>,
    /// The ids given so far.
    taken: HashSet<String>,
    /// Of each slug, the last number put after it.
    suffixes: HashMap<String, usize>,
    /// The ids given, in order, without the prefix.
    ids: Vec<String>,
    prefix: &'static str,
}

impl<'a, I: Iterator<Item = Event<'a>>> HeadingIds<'a, I> {
    fn new(events: I, prefix: &'static str) -> Self {
        HeadingIds {
            events,
            held: VecDeque::new(),
            taken: HashSet::new(),
            suffixes: HashMap::new(),
            ids: Vec::new(),
            prefix,
        }
    }

    fn into_ids(self) -> Vec<String> {
        self.ids
    }

    /// The id of a heading of text `text`, if it has one.
    fn id(&mut self, text: &str) -> Option<String> {
        if !text.chars().any(char::is_alphanumeric) {
            return None;
        }
        let slug = crate::slug::slugify(text);
        // "Relief", "Relief", "Relief 1": relief, relief-1, relief-1-1.
        let n = self.suffixes.entry(slug.clone()).or_insert(0);
        let mut id = slug.clone();
        while !self.taken.insert(id.clone()) {
            *n += 1;
            id = format!("{slug}-{n}");
        }
        let prefixed = [self.prefix, &id].concat();
        self.ids.push(id);
        Some(prefixed)
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for HeadingIds<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(e) = self.held.pop_front() {
            return Some(e);
        }
        match self.events.next()? {
            Event::Start(Tag::Heading {
                level,
                id: None,
                classes,
                attrs,
            }) => {
                let mut text = String::new();
                for e in self.events.by_ref() {
                    let end = matches!(e, Event::End(TagEnd::Heading(_)));
                    if let Event::Text(t) | Event::Code(t) = &e {
                        text.push_str(t);
                    }
                    self.held.push_back(e);
                    if end {
                        break;
                    }
                }
                let id = self.id(&text).map(CowStr::from);
                Some(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }))
            }
            e => Some(e),
        }
    }
}

/// The id of a body that a link's fragment (what follows its `#`) names,
/// without [`ID_PREFIX`]; none for an empty fragment or `top`, which
/// browsers take to the top of the page.
fn body_id(fragment: &str) -> Option<&str> {
    let id = fragment.strip_prefix(ID_PREFIX).unwrap_or(fragment);
    (!id.is_empty() && !fragment.eq_ignore_ascii_case("top")).then_some(id)
}

/// `url` with its fragment, if it has one, naming an id of a body: with
/// [`ID_PREFIX`] before it, unless it has it ([`body_id`]).
pub(crate) fn in_body(url: String) -> String {
    match url.split_once('#') {
        Some((page, fragment)) if body_id(fragment) == Some(fragment) => {
            [page, "#", ID_PREFIX, fragment].concat()
        }
        _ => url,
    }
}

/// The sanitiser of bodies with raw HTML. Their ids are prefixed
/// ([`ID_PREFIX`]), and so are the links to them within the body
/// (`href="#…"`), as GitHub does: an id written by a contributor cannot
/// then be one of the theme's (`main`, which the skip link goes to, a
/// search field's label) nor the name of a global its scripts read
/// (`docketSearch`: an element with an id is also a property of `window`).
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["id", "class"]);
        b.url_schemes(["http", "https", "mailto", "tel"].into_iter().collect());
        // Ids and in-page links docket wrote (footnotes, links resolved
        // already) have the prefix; a contributor's get it.
        b.attribute_filter(|_, attribute, value| match (attribute, value) {
            ("id", id) if !id.starts_with(ID_PREFIX) => Some([ID_PREFIX, id].concat().into()),
            ("href", url) if url.starts_with('#') => Some(in_body(url.to_string()).into()),
            _ => Some(value.into()),
        });
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(_: &str) -> Target {
        Target::Keep
    }

    #[test]
    fn headings_have_ids_from_their_text_one_of_each() {
        let body = concat!(
            "## Relief\n\n## Relief\n\n## Relief 1\n\n# Émigration *now* `x`\n\n",
            "### !!!\n\nSee [the relief](#relief).\n"
        );
        let r = render(body, false, Html::Write, &keep);
        for (level, id) in [
            (2, "relief"),
            (2, "relief-1"),
            (2, "relief-1-1"),
            (1, "emigration-now-x"),
        ] {
            let tag = format!("<h{level} id=\"user-content-{id}\">");
            assert_eq!(r.html.matches(&tag).count(), 1, "{tag}: {}", r.html);
        }
        assert!(r.html.contains("<h3>!!!</h3>"), "{}", r.html);
        assert!(
            r.html.contains("href=\"#user-content-relief\""),
            "{}",
            r.html
        );
        // Trusted raw HTML: no prefix, as for every id of a body.
        let r = render(body, true, Html::Write, &keep);
        assert!(r.html.contains("<h2 id=\"relief-1\">"), "{}", r.html);
        // Sanitised with raw HTML beside them, the ids keep one prefix.
        let r = render("## Relief\n\n<b>x</b>\n", false, Html::Write, &keep);
        assert!(
            r.html.contains("<h2 id=\"user-content-relief\">"),
            "{}",
            r.html
        );
    }

    #[test]
    fn renders_tables_footnotes_and_strikethrough() {
        let r = render(
            "| a |\n|---|\n| b |\n\n~~x~~ y[^1]\n\n[^1]: note\n",
            false,
            Html::Write,
            &keep,
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>x</del>"));
        assert!(r.html.contains("footnote-definition"));
    }

    #[test]
    fn footnotes_link_back_and_quotes_curl() {
        let r = render(
            "It's \"done\" -- see[^a] and[^b], again[^a].\n\n[^a]: First.\n[^b]: Second.\n",
            false,
            Html::Write,
            &keep,
        );
        let h = &r.html;
        assert!(
            h.contains("It\u{2019}s \u{201c}done\u{201d} \u{2013} see"),
            "{h}"
        );
        assert!(
            h.contains(
                "<sup class=\"footnote-reference\" id=\"user-content-fnref-a\"><a href=\"#user-content-fn-a\">1</a></sup>"
            ),
            "{h}"
        );
        assert!(
            h.contains(
                "again<sup class=\"footnote-reference\"><a href=\"#user-content-fn-a\">1</a></sup>"
            ),
            "{h}"
        );
        assert!(h.contains("<div class=\"footnote-definition\" id=\"user-content-fn-b\"><sup class=\"footnote-definition-label\">2</sup>"), "{h}");
        assert!(
            h.contains("<a class=\"footnote-backref\" href=\"#user-content-fnref-b\">"),
            "{h}"
        );
        // A site that trusts its raw HTML has the notes' ids as they are.
        let trusted = render("see[^a]\n\n[^a]: First.\n", true, Html::Write, &keep);
        assert!(trusted.html.contains("id=\"fn-a\""), "{}", trusted.html);
        assert!(
            trusted.html.contains("href=\"#fnref-a\""),
            "{}",
            trusted.html
        );
        // A link of a body without raw HTML to an id of it gets the prefix.
        let plain = render(
            "[the note](#fn-a)[^a]\n\n[^a]: First.\n",
            false,
            Html::Write,
            &keep,
        );
        assert!(
            plain
                .html
                .contains("<a href=\"#user-content-fn-a\">the note</a>"),
            "{}",
            plain.html
        );
        // `#top` is the top of the page, for browsers, not an id.
        let top = render("[up](#top)\n", false, Html::Write, &keep);
        assert!(top.html.contains("<a href=\"#top\">up</a>"), "{}", top.html);
    }

    #[test]
    fn control_characters_never_reach_the_html() {
        // Written raw, or as a numeric reference that the parser turns into
        // the character.
        for body in [
            "a&#1;b&#x1b;c&#0;d and `x&#2;y`",
            "raw \u{1} in text and `code \u{7}`",
            "[link](https://x.example/ \"title \u{1b}\")",
        ] {
            let r = render(body, false, Html::Write, &keep);
            for text in [&r.html, &r.summary] {
                assert!(
                    !crate::escape::has_stray_control(text),
                    "{body:?}: {text:?}"
                );
            }
            assert!(r.html.contains('\u{fffd}'), "{body:?}: {}", r.html);
        }
    }

    #[test]
    fn raw_html_ids_and_the_links_to_them_are_prefixed_unless_raw_html_is_trusted() {
        let body = "<p id=\"main\">Top</p>\n\n<a id=\"docketSearch\" href=\"#main\">up</a> [again](#main), [other](../x/#y), [self](#)[^n]\n\n[^n]: A note.\n";
        let r = render(body, false, Html::Write, &keep);
        let h = &r.html;
        assert!(h.contains("<p id=\"user-content-main\">"), "{h}");
        assert!(h.contains("id=\"user-content-docketSearch\""), "{h}");
        assert!(
            !h.contains("id=\"main\"") && !h.contains("id=\"docketSearch\""),
            "{h}"
        );
        assert_eq!(h.matches("href=\"#user-content-main\"").count(), 2, "{h}");
        assert!(
            h.contains("href=\"../x/#y\"") && h.contains("href=\"#\""),
            "{h}"
        );
        // The footnote's two ends still meet.
        assert!(
            h.contains("id=\"user-content-fn-n\"") && h.contains("href=\"#user-content-fn-n\""),
            "{h}"
        );
        assert!(
            h.contains("id=\"user-content-fnref-n\"")
                && h.contains("href=\"#user-content-fnref-n\""),
            "{h}"
        );
        // A site that trusts its raw HTML gets it as written.
        let trusted = render(body, true, Html::Write, &keep);
        assert!(trusted.html.contains("<p id=\"main\">"), "{}", trusted.html);
        assert!(trusted.html.contains("id=\"fn-n\""), "{}", trusted.html);
        assert!(trusted.html.contains("href=\"#main\""), "{}", trusted.html);
    }

    #[test]
    fn script_never_survives() {
        let r = render("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[a](javascript:alert(1)) [b]( JaVaScRiPt:alert(1))\n", false, Html::Write, &keep);
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("onerror"), "{}", r.html);
        assert!(!r.html.to_lowercase().contains("javascript:"), "{}", r.html);
    }

    #[test]
    fn unsafe_html_is_kept_when_allowed() {
        let r = render("<div class=\"x\">hi</div>\n", true, Html::Write, &keep);
        assert!(r.html.contains("<div class=\"x\">hi</div>"));
    }

    #[test]
    fn rewrites_and_reports_links_with_offsets() {
        let body = "See [EO](policy:1400) and [gone](policy:9).\n";
        let r = render(body, false, Html::Write, &|u| match u {
            "policy:1400" => Target::Rewrite("../../policies/1400/index.html".into()),
            "policy:9" => Target::Broken {
                message: "no policy 9".into(),
                help: String::new(),
            },
            _ => Target::Keep,
        });
        assert!(r.html.contains("href=\"../../policies/1400/index.html\""));
        assert_eq!(r.broken.len(), 1);
        assert_eq!(&body[r.broken[0].range.clone()], "[gone](policy:9)");
    }

    #[test]
    fn summary_is_plain_text() {
        let r = render(
            "# Title\n\nSome *emphasis* and `code`.\n",
            false,
            Html::Write,
            &keep,
        );
        assert_eq!(r.summary, "Title Some emphasis and code.");
    }

    #[test]
    fn a_summary_stops_at_the_last_whole_word_that_fits() {
        // Words of five characters: 47 of them and the 46 spaces between
        // are 281 characters (the space before a word is not counted
        // against the limit), and a 48th does not fit.
        let body = "wörds ".repeat(100);
        let r = render(&body, false, Html::Write, &keep);
        assert_eq!(r.summary, format!("{}…", "wörds ".repeat(47).trim_end()));
        assert_eq!(r.summary.chars().count(), 282);
        let short = render("just   a\nfew words", false, Html::Write, &keep);
        assert_eq!(short.summary, "just a few words");
    }
}
