//! The changes of the site's history as Atom entries: the whole of the
//! recent changes feed (`changes/feed.xml`, the newest [`super::feed::LIMIT`]),
//! and in each policy's feed its own changes beside its court actions and
//! commentary (which that feed carries already, so their "added" changes
//! are not repeated).
//!
//! A change's time is its commit's, in UTC; a change dated by an `updated`
//! date its commit wrote, later than the commit, is dated midnight UTC of
//! that day. Its id is its entry page's address with the change's anchor
//! on that page, the same in every build of the same commits.

use chrono::{DateTime, NaiveDate, Utc};

use super::xml::escape;
use crate::content::Kind;
use crate::graph::PolicyIx;
use crate::history::Event;
use crate::site::dates::DateView;
use crate::site::feeds::Scope;
use crate::site::paths::{self, absolute};
use crate::site::time::{detail, label, made_by, ChangeRef};
use crate::site::Model;

/// The changes a feed carries, newest first.
pub fn items(model: &Model<'_>, scope: Scope) -> Vec<ChangeRef> {
    match scope {
        Scope::Changes => model
            .time
            .changes
            .iter()
            .take(super::feed::LIMIT)
            .copied()
            .collect(),
        Scope::Policy(ix) => own(model, ix),
        Scope::Site | Scope::Term(..) => Vec::new(),
    }
}

/// A policy's changes, newest first, but for the court actions and
/// commentary added: its feed has those as entries of their own.
fn own(model: &Model<'_>, ix: PolicyIx) -> Vec<ChangeRef> {
    let mut out: Vec<(ChangeRef, &Event)> = model
        .site
        .entry_changes(Kind::Policy, ix.get())
        .into_iter()
        .filter_map(|c| Some((c, model.change_event(c)?)))
        .filter(|(_, e)| !matches!(e.change.kind(), "court-action" | "commentary"))
        .collect();
    out.sort_by_key(|(_, e)| std::cmp::Reverse((e.date, e.commit)));
    out.into_iter().map(|(c, _)| c).collect()
}

/// When a change was made: its commit's time, or midnight of the
/// `updated` day that dates it when that is later.
fn when(model: &Model<'_>, c: ChangeRef) -> Option<DateTime<Utc>> {
    let event = model.change_event(c)?;
    let commit = model.site.history()?.commit(event.commit);
    if event.date > commit.date() {
        Some(event.date.and_hms_opt(0, 0, 0)?.and_utc())
    } else {
        Some(commit.time.with_timezone(&Utc))
    }
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The feed's `updated`: the later of `day` (what its other entries say,
/// at midnight UTC) and its newest change.
pub fn updated(model: &Model<'_>, changes: &[ChangeRef], day: NaiveDate) -> String {
    let day = day.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
    let newest = changes.iter().filter_map(|&c| when(model, c)).max();
    day.max(newest).map(stamp).unwrap_or_default()
}

/// Writes the Atom entries of `changes`.
pub fn entries(model: &Model<'_>, base: &str, changes: &[ChangeRef], x: &mut String) {
    for &c in changes {
        entry(model, base, c, x);
    }
}

fn entry(model: &Model<'_>, base: &str, c: ChangeRef, x: &mut String) {
    let (Some(event), Some(time)) = (model.change_event(c), when(model, c)) else {
        return;
    };
    let e = model.site.corpus.entry(c.kind, c.entry as usize);
    let kind = event.change.kind();
    let what = match detail(model.site, &event.change) {
        Some(d) => format!("{}: {d}", label(&event.change)),
        None => label(&event.change).to_string(),
    };
    let page = absolute(base, &paths::entry(c.kind, e.id));
    let url = escape(&format!("{page}#{}", model.site.anchor(event)));
    let time = stamp(time);
    x.push_str("  <entry>\n");
    x.push_str(&format!(
        "    <title>{}</title>\n",
        escape(&format!("{}: {what}", e.common.title))
    ));
    x.push_str(&format!(
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n"
    ));
    if let Some((kind, id)) = made_by(&event.change) {
        if model.site.graph.contains(kind, id) {
            x.push_str(&format!(
                "    <link rel=\"related\" type=\"text/html\" href=\"{}\"/>\n",
                escape(&absolute(base, &paths::entry(kind, id)))
            ));
        }
    }
    x.push_str(&format!("    <id>{url}</id>\n"));
    x.push_str(&format!("    <published>{time}</published>\n"));
    x.push_str(&format!("    <updated>{time}</updated>\n"));
    x.push_str(&format!(
        "    <category term=\"{}\" label=\"{}\"/>\n",
        kind,
        label(&event.change)
    ));
    x.push_str(&format!(
        "    <category term=\"{}\" label=\"{}\"/>\n",
        c.kind.name(),
        c.kind.label()
    ));
    x.push_str(&format!(
        "    <summary type=\"text\">{}</summary>\n",
        escape(&format!(
            "{} #{}, {}: {what} ({}).",
            c.kind.label(),
            e.id,
            e.common.title,
            DateView::new(event.date).display
        ))
    ));
    x.push_str("  </entry>\n");
}
