//! The home page's pictures: policies per month, stacked by
//! administration, and policies by current status.

use std::fmt::Write;

use chrono::Datelike;
use serde::Serialize;

use super::{esc, open, scale, text};
use crate::config::Vocab;
use crate::content::date::Precision;
use crate::site::Model;

/// Policies per month, as a picture and as the rows of a table.
#[derive(Serialize)]
pub struct Monthly {
    pub svg: String,
    /// The administrations, in the order of the table's columns.
    pub series: Vec<String>,
    /// Months with at least one policy, oldest first.
    pub rows: Vec<MonthlyRow>,
}

#[derive(Serialize)]
pub struct MonthlyRow {
    /// `March 2025`
    pub label: String,
    pub counts: Vec<usize>,
    pub total: usize,
}

/// Policies announced per month from the first to the last, stacked by
/// administration; `None` without policies.
pub fn monthly(model: &Model<'_>) -> Option<Monthly> {
    let policies = &model.site.corpus.policies;
    let first = model
        .by_date
        .first()
        .map(|p| policies[p.get()].announced.start())?;
    let last = model
        .by_date
        .last()
        .map(|p| policies[p.get()].announced.start())?;
    let month_of = |d: chrono::NaiveDate| {
        (d.year() - first.year()) * 12 + d.month0() as i32 - first.month0() as i32
    };
    let months = (month_of(last) + 1).max(1) as usize;
    let mut series: Vec<&str> = model
        .terms
        .vocabs
        .get(&Vocab::Administrations)
        .map(|v| {
            v.terms
                .iter()
                .filter(|(_, e)| !e.policies.is_empty())
                .map(|(n, _)| n.as_str())
                .collect()
        })
        .unwrap_or_default();
    // Policies with no administration (where docket.toml lets it be left
    // out) are counted all the same, in a series of their own: alone, it is
    // every policy.
    if policies.iter().any(|p| p.administration.is_none()) {
        series.push(if series.is_empty() {
            "Policies"
        } else {
            "No administration recorded"
        });
    }
    let mut counts = vec![vec![0usize; series.len()]; months];
    for p in policies {
        // A policy known only by its year has no month to be counted in.
        if p.announced.precision() == Precision::Year {
            continue;
        }
        let name = p
            .administration
            .as_ref()
            .map_or(series.last().copied().unwrap_or_default(), |a| a.as_str());
        if let Some(s) = series.iter().position(|a| *a == name) {
            counts[month_of(p.announced.start()) as usize][s] += 1;
        }
    }
    let label = |m: usize| {
        let total = first.month0() as usize + m;
        format!(
            "{} {}",
            crate::site::dates::MONTHS[total % 12],
            first.year() + (total / 12) as i32
        )
    };
    let totals: Vec<usize> = counts.iter().map(|c| c.iter().sum()).collect();
    let (top, step) = scale(totals.iter().copied().max().unwrap_or(0));

    let (w, h) = (640.0, 300.0);
    let (x0, x1, y0, y1) = (44.0, w - 8.0, 48.0, h - 28.0);
    let busiest = totals
        .iter()
        .enumerate()
        .max_by_key(|(i, t)| (**t, std::cmp::Reverse(*i)))
        .map(|(i, t)| format!(" The busiest month was {} with {t}.", label(i)))
        .unwrap_or_default();
    let per_series: Vec<String> = series
        .iter()
        .enumerate()
        .map(|(s, name)| format!("{name} {}", counts.iter().map(|c| c[s]).sum::<usize>()))
        .collect();
    let desc = format!(
        "Bar chart of the policies announced each month from {} to {}, each bar divided by administration. Policies per administration: {}.{busiest}",
        label(0),
        label(months - 1),
        per_series.join(", ")
    );
    let mut out = String::new();
    open(
        &mut out,
        "monthly",
        "img",
        w as u32,
        h as u32,
        "Policies announced per month",
        &desc,
    );
    // Legend.
    let mut lx = x0;
    for (s, name) in series.iter().enumerate() {
        let _ = write!(
            out,
            "<rect x=\"{lx:.1}\" y=\"10\" width=\"14\" height=\"14\" class=\"series-{}\"/>",
            s % 8
        );
        text(&mut out, lx + 20.0, 22.0, "legend", "start", name);
        lx += 20.0 + 9.0 * name.chars().count() as f64 + 24.0;
    }
    // Grid and scale.
    let mut tick = 0;
    while tick <= top {
        let y = y1 - (y1 - y0) * tick as f64 / top as f64;
        let _ = write!(
            out,
            "<line x1=\"{x0}\" x2=\"{x1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" class=\"grid\"/>"
        );
        text(
            &mut out,
            x0 - 6.0,
            y + 5.0,
            "tick",
            "end",
            &tick.to_string(),
        );
        tick += step;
    }
    // Bars.
    let bw = (x1 - x0) / months as f64;
    let gap = if bw >= 4.0 { 1.0 } else { 0.0 };
    for (m, c) in counts.iter().enumerate() {
        let mut base = y1;
        for (s, &n) in c.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let hgt = (y1 - y0) * n as f64 / top as f64;
            base -= hgt;
            let _ = write!(
                out,
                "<rect x=\"{:.2}\" y=\"{base:.2}\" width=\"{:.2}\" height=\"{hgt:.2}\" class=\"series-{}\"><title>{}, {}: {n}</title></rect>",
                x0 + bw * m as f64 + gap / 2.0,
                (bw - gap).max(0.5),
                s % 8,
                esc(&label(m)),
                esc(series[s])
            );
        }
    }
    // Years along the bottom, at most about eight labels.
    let years = (last.year() - first.year() + 1) as usize;
    let every = years.div_ceil(8).max(1);
    for y in (0..years).step_by(every) {
        let m = if y == 0 {
            0
        } else {
            y * 12 - first.month0() as usize
        };
        let x = x0 + bw * m as f64;
        let _ = write!(
            out,
            "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{y1}\" y2=\"{:.1}\" class=\"axis\"/>",
            y1 + 5.0
        );
        text(
            &mut out,
            x,
            y1 + 21.0,
            "tick",
            if y == 0 { "start" } else { "middle" },
            &(first.year() + y as i32).to_string(),
        );
    }
    let _ = write!(
        out,
        "<line x1=\"{x0}\" x2=\"{x1}\" y1=\"{y1}\" y2=\"{y1}\" class=\"axis\"/></svg>"
    );
    let rows = counts
        .into_iter()
        .enumerate()
        .filter(|(_, c)| c.iter().any(|n| *n > 0))
        .map(|(m, c)| MonthlyRow {
            label: label(m),
            total: c.iter().sum(),
            counts: c,
        })
        .collect();
    Some(Monthly {
        svg: out,
        series: series.into_iter().map(str::to_string).collect(),
        rows,
    })
}

/// Policies by current status, one bar each, "Not yet assessed" last;
/// `None` without policies. The page lists the same counts as links.
pub fn by_status(model: &Model<'_>) -> Option<String> {
    let policies = &model.site.corpus.policies;
    if policies.is_empty() {
        return None;
    }
    let mut rows: Vec<(&str, usize)> = model
        .terms
        .vocabs
        .get(&Vocab::CurrentStatuses)
        .map(|v| {
            v.terms
                .iter()
                .map(|(n, e)| (n.as_str(), e.policies.len()))
                .collect()
        })
        .unwrap_or_default();
    rows.push((
        "Not yet assessed",
        policies
            .iter()
            .filter(|p| p.current_status.is_none())
            .count(),
    ));
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let (w, row_h) = (640.0, 34.0);
    let h = 8.0 + row_h * rows.len() as f64;
    let (label_w, count_w) = (200.0, 56.0);
    let desc = rows
        .iter()
        .map(|(n, c)| format!("{n}: {c}"))
        .collect::<Vec<_>>()
        .join("; ");
    let mut out = String::new();
    open(
        &mut out,
        "status",
        "img",
        w as u32,
        h as u32,
        "Policies by current status",
        &format!("Bar chart of the number of policies in each current status. {desc}."),
    );
    for (i, (name, n)) in rows.iter().enumerate() {
        let y = 4.0 + row_h * i as f64;
        text(&mut out, label_w - 10.0, y + 22.0, "label", "end", name);
        let bw = (w - label_w - count_w) * *n as f64 / max as f64;
        let _ = write!(
            out,
            "<rect x=\"{label_w}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"{:.1}\" class=\"bar status-{}\"/>",
            y + 5.0,
            row_h - 10.0,
            if i + 1 == rows.len() { "none" } else { "some" }
        );
        text(
            &mut out,
            label_w + bw + 8.0,
            y + 22.0,
            "value",
            "start",
            &n.to_string(),
        );
    }
    let _ = write!(
        out,
        "<line x1=\"{label_w}\" x2=\"{label_w}\" y1=\"4\" y2=\"{:.1}\" class=\"axis\"/></svg>",
        h - 4.0
    );
    Some(out)
}
