//! A case's filings on a time axis, top to bottom: each filing a dot at
//! its date and a label beside it, linked to the filing's page. Labels keep
//! a minimum distance; a leader joins a pushed label to its dot.

use chrono::{Datelike, NaiveDate};

use super::{open, text, wrap, Svg};
use crate::content::Kind;
use crate::graph::CaseIx;
use crate::site::dates::DateView;
use crate::site::Model;

const W: f64 = 340.0;
const AXIS_X: f64 = 72.0;
const LABEL_X: f64 = 96.0;
const LABEL_H: f64 = 62.0;
const TOP: f64 = 24.0;

/// The filings of case `ix` on its page (`root` leads to the site root).
pub fn timeline(model: &Model<'_>, ix: CaseIx, root: &str) -> String {
    let case = &model.site.graph.cases[ix.get()];
    let actions = &model.site.corpus.court_actions;
    let filings: Vec<_> = case.filings.iter().map(|f| &actions[f.get()]).collect();
    let day = |d: NaiveDate| f64::from(d.num_days_from_ce());
    let (first, last) = match (filings.first(), filings.last()) {
        (Some(a), Some(b)) => (a.date.start(), b.date.start()),
        _ => return String::new(),
    };
    let days = (day(last) - day(first)).max(1.0);
    // The axis is long enough that labels rarely need pushing.
    let span = (LABEL_H * filings.len() as f64 * 1.4).max(120.0);
    let y_of = |d: NaiveDate| TOP + span * (day(d) - day(first)) / days;
    let mut label_y = Vec::with_capacity(filings.len());
    let mut next = f64::MIN;
    for f in &filings {
        let y = y_of(f.date.start()).max(next);
        label_y.push(y);
        next = y + LABEL_H;
    }
    let h = label_y.last().copied().unwrap_or(TOP).max(TOP + span) + LABEL_H;
    let desc = format!(
        "{} filing{} from {} to {}: {}. The same filings are listed below as links.",
        filings.len(),
        if filings.len() == 1 { "" } else { "s" },
        DateView::new(first).display,
        DateView::new(last).display,
        filings
            .iter()
            .map(|f| match &f.filing {
                Some(filing) => format!("{}, {}", filing.as_str(), DateView::new(f.date).display),
                None => format!("{}, {}", f.common.title, DateView::new(f.date).display),
            })
            .collect::<Vec<_>>()
            .join("; ")
    );
    let mut out = String::new();
    open(
        &mut out,
        "timeline",
        "group",
        W as u32,
        h as u32,
        &format!("Filings of {} over time", case.name),
        &desc,
    );
    out.raw("<line x1=\"")
        .int(AXIS_X as i64)
        .raw("\" x2=\"")
        .int(AXIS_X as i64)
        .raw("\" y1=\"")
        .d1(TOP - 8.0)
        .raw("\" y2=\"")
        .d1(TOP + span + 8.0)
        .raw("\" class=\"axis\"/>");
    // Ticks: months for cases under two years, years beyond; far enough
    // apart for their labels.
    let monthly = days < 730.0;
    let unit_px = span / days * if monthly { 30.44 } else { 365.25 };
    let step = ((22.0 / unit_px).ceil() as u32).max(1);
    let mut t = if monthly {
        NaiveDate::from_ymd_opt(first.year(), first.month(), 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), 1, 1)
    }
    .unwrap_or(first);
    for _ in 0..60 {
        if t > last {
            break;
        }
        if t >= first {
            let y = y_of(t);
            out.raw("<line x1=\"")
                .d1(AXIS_X - 6.0)
                .raw("\" x2=\"")
                .int(AXIS_X as i64)
                .raw("\" y1=\"")
                .d1(y)
                .raw("\" y2=\"")
                .d1(y)
                .raw("\" class=\"axis\"/>");
            let label = if monthly {
                t.format("%b %Y").to_string()
            } else {
                t.year().to_string()
            };
            text(&mut out, AXIS_X - 10.0, y + 4.0, "tick", "end", &label);
        }
        let months = if monthly { step } else { 12 * step };
        match t.checked_add_months(chrono::Months::new(months)) {
            Some(n) => t = n,
            None => break,
        }
    }
    for (f, &ly) in filings.iter().zip(&label_y) {
        let y = y_of(f.date.start());
        out.raw("<a href=\"")
            .esc(root)
            .esc(&crate::site::paths::entry(Kind::CourtAction, f.id.0))
            .raw("\" class=\"event\"><path d=\"M")
            .int(AXIS_X as i64)
            .raw(" ")
            .d1(y)
            .raw("L")
            .d1(AXIS_X + 14.0)
            .raw(" ")
            .d1(ly)
            .raw("L")
            .int(LABEL_X as i64)
            .raw(" ")
            .d1(ly)
            .raw("\" class=\"leader\"/><circle cx=\"")
            .int(AXIS_X as i64)
            .raw("\" cy=\"")
            .d1(y)
            .raw("\" r=\"6\" class=\"dot\"/>");
        text(
            &mut out,
            LABEL_X + 4.0,
            ly + 4.0,
            "event-head",
            "start",
            &f.date.short(),
        );
        out.raw("<text x=\"")
            .d1(LABEL_X + 4.0)
            .raw("\" y=\"")
            .d1(ly + 22.0)
            .raw("\" class=\"event-title\">");
        let label = match &f.filing {
            Some(filing)
                if !f
                    .common
                    .title
                    .to_lowercase()
                    .contains(&filing.as_str().to_lowercase()) =>
            {
                format!("{}: {}", filing.as_str(), f.common.title)
            }
            _ => f.common.title.clone(),
        };
        for (i, l) in wrap(&label, 30, 2).iter().enumerate() {
            out.raw("<tspan x=\"")
                .d1(LABEL_X + 4.0)
                .raw("\" dy=\"")
                .raw(if i == 0 { "0" } else { "17" })
                .raw("\">")
                .esc(l)
                .raw("</tspan>");
        }
        out.push_str("</text>");
        out.push_str("</a>");
    }
    out.push_str("</svg>");
    out
}
