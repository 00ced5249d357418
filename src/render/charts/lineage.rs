//! A policy's lineage: the chain of supersession back to its oldest
//! predecessor and forward to its newest successor, and the orders it
//! implements above the policies derived from it. Every node but the
//! policy itself is a link to its page.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt::Write;

use super::{esc, open, text, wrap};
use crate::content::Kind;
use crate::graph::{Graph, PolicyIx};
use crate::render::context::DateView;
use crate::render::Model;

const NODE_W: f64 = 250.0;
const NODE_H: f64 = 80.0;
const GAP_X: f64 = 20.0;
const GAP_Y: f64 = 34.0;
const MARGIN: f64 = 10.0;
const COLUMNS: usize = 2;
const HEADING_H: f64 = 30.0;
/// Derivatives drawn; the page lists all of them.
const MAX_DERIVATIVES: usize = 10;

/// A part of the picture: a heading over rows of nodes.
struct Section {
    heading: &'static str,
    rows: Vec<Vec<PolicyIx>>,
}

impl Section {
    /// Adds nodes as rows of at most [`COLUMNS`].
    fn push(&mut self, nodes: &[PolicyIx]) {
        self.rows
            .extend(nodes.chunks(COLUMNS).map(<[PolicyIx]>::to_vec));
    }
}

/// Generations reached from `start` along `next`: distance → policies.
fn generations(
    start: PolicyIx,
    next: impl Fn(PolicyIx) -> Vec<PolicyIx>,
) -> BTreeMap<usize, Vec<PolicyIx>> {
    let mut seen: HashMap<PolicyIx, usize> = HashMap::from([(start, 0)]);
    let mut queue = VecDeque::from([start]);
    let mut out: BTreeMap<usize, Vec<PolicyIx>> = BTreeMap::new();
    while let Some(p) = queue.pop_front() {
        let d = seen[&p];
        for n in next(p) {
            if let std::collections::hash_map::Entry::Vacant(e) = seen.entry(n) {
                e.insert(d + 1);
                out.entry(d + 1).or_default().push(n);
                queue.push_back(n);
            }
        }
    }
    out
}

/// Every policy in the chain of supersession of `ix`, back and forward
/// (not `ix` itself): the policies whose lineage shows `ix`, and those its
/// own lineage shows. A change to `ix` changes their pages.
pub fn supersession_chain(graph: &Graph, ix: PolicyIx) -> Vec<PolicyIx> {
    let older = generations(ix, |p| graph.policies[p.get()].supersedes.clone());
    let newer = generations(ix, |p| graph.policies[p.get()].superseded_by.clone());
    older
        .into_values()
        .chain(newer.into_values())
        .flatten()
        .collect()
}

/// The lineage of policy `ix` on its page (`root` leads to the site root);
/// `None` when it has no relation to draw.
pub fn lineage(model: &Model<'_>, ix: PolicyIx, root: &str) -> Option<String> {
    let graph = &model.site.graph;
    let policies = &model.site.corpus.policies;
    let key = |p: &PolicyIx| (policies[p.get()].announced, policies[p.get()].id);
    let mut older = generations(ix, |p| graph.policies[p.get()].supersedes.clone());
    let mut newer = generations(ix, |p| graph.policies[p.get()].superseded_by.clone());
    let links = &graph.policies[ix.get()];
    if older.is_empty()
        && newer.is_empty()
        && links.implements.is_empty()
        && links.derivatives.is_empty()
    {
        return None;
    }
    let mut sections = Vec::new();
    if !older.is_empty() || !newer.is_empty() {
        let mut chain = Section {
            heading: "Supersession, oldest first",
            rows: Vec::new(),
        };
        for g in older.values_mut().rev() {
            g.sort_by_key(key);
            chain.push(g);
        }
        chain.push(&[ix]);
        for g in newer.values_mut() {
            g.sort_by_key(key);
            chain.push(g);
        }
        sections.push(chain);
    }
    if !links.implements.is_empty() || !links.derivatives.is_empty() {
        let mut family = Section {
            heading: "Implements, and derived from it",
            rows: Vec::new(),
        };
        family.push(&links.implements);
        family.push(&[ix]);
        let shown: Vec<PolicyIx> = links
            .derivatives
            .iter()
            .take(MAX_DERIVATIVES)
            .copied()
            .collect();
        family.push(&shown);
        sections.push(family);
    }

    let columns = sections
        .iter()
        .flat_map(|s| &s.rows)
        .map(Vec::len)
        .max()
        .unwrap_or(1);
    let w = MARGIN * 2.0 + NODE_W * columns as f64 + GAP_X * (columns - 1) as f64;
    // Where every node of every section is.
    let mut places: Vec<HashMap<PolicyIx, (f64, f64)>> = Vec::new();
    let mut headings = Vec::new();
    let mut y = MARGIN;
    for s in &sections {
        y += HEADING_H;
        headings.push((y - 10.0, s.heading));
        let mut at = HashMap::new();
        for row in &s.rows {
            // Rows start at the left, so that on a narrow screen the first
            // column shows without scrolling.
            for (c, &p) in row.iter().enumerate() {
                at.insert(p, (MARGIN + c as f64 * (NODE_W + GAP_X), y));
            }
            y += NODE_H + GAP_Y;
        }
        places.push(at);
    }
    let more = links.derivatives.len().saturating_sub(MAX_DERIVATIVES);
    let h = y - GAP_Y + MARGIN + if more > 0 { 24.0 } else { 0.0 };

    let me = &policies[ix.get()];
    let count = |m: &BTreeMap<usize, Vec<PolicyIx>>| m.values().map(Vec::len).sum::<usize>();
    let (n_older, n_newer) = (count(&older), count(&newer));
    let desc = format!(
        "{n_older} earlier polic{} in its chain of supersession, {n_newer} later; it implements {} and {} polic{} derive from it. The same relations are listed below as links.",
        if n_older == 1 { "y" } else { "ies" },
        links.implements.len(),
        links.derivatives.len(),
        if links.derivatives.len() == 1 { "y" } else { "ies" },
    );
    let mut out = String::new();
    open(
        &mut out,
        "lineage",
        "group",
        w as u32,
        h as u32,
        &format!("Lineage of {}", me.common.title),
        &desc,
    );
    out.push_str("<defs><marker id=\"lineage-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0 0L10 5L0 10z\" class=\"arrow\"/></marker></defs>");
    for (y, title) in &headings {
        text(&mut out, MARGIN, *y, "heading", "start", title);
    }
    // Edges first, under the nodes: older to newer, order to derived policy.
    let edge = |out: &mut String, from: (f64, f64), to: (f64, f64)| {
        let _ = write!(
            out,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" class=\"edge\" marker-end=\"url(#lineage-arrow)\"/>",
            from.0 + NODE_W / 2.0,
            from.1 + NODE_H,
            to.0 + NODE_W / 2.0,
            to.1 - 2.0
        );
    };
    for (s, at) in sections.iter().zip(&places) {
        let is_chain = s.heading.starts_with("Supersession");
        for row in &s.rows {
            for p in row {
                let to = at[p];
                if is_chain {
                    for q in &graph.policies[p.get()].supersedes {
                        if let Some(&from) = at.get(q) {
                            edge(&mut out, from, to);
                        }
                    }
                } else if *p != ix {
                    let me_at = at[&ix];
                    if links.implements.contains(p) {
                        edge(&mut out, to, me_at);
                    } else {
                        edge(&mut out, me_at, to);
                    }
                }
            }
        }
    }
    for (s, at) in sections.iter().zip(&places) {
        for row in &s.rows {
            for &p in row {
                node(&mut out, model, p, p == ix, at[&p], root);
            }
        }
    }
    if more > 0 {
        text(
            &mut out,
            w / 2.0,
            h - MARGIN - 4.0,
            "note",
            "middle",
            &format!(
                "and {more} more derivative polic{}, listed below",
                if more == 1 { "y" } else { "ies" }
            ),
        );
    }
    out.push_str("</svg>");
    Some(out)
}

/// One policy: a box with its date and number, and its title on three lines.
fn node(
    out: &mut String,
    model: &Model<'_>,
    p: PolicyIx,
    current: bool,
    (x, y): (f64, f64),
    root: &str,
) {
    let policy = &model.site.corpus.policies[p.get()];
    let date = DateView::new(policy.announced);
    let lines = wrap(&policy.common.title, 28, 3);
    if current {
        out.push_str("<g class=\"node node-current\">");
    } else {
        let _ = write!(
            out,
            "<a href=\"{}{}\" class=\"node\">",
            esc(root),
            esc(&Kind::Policy.page_path(policy.id.0))
        );
    }
    let _ = write!(
        out,
        "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{NODE_W}\" height=\"{NODE_H}\" rx=\"6\"/>"
    );
    let label = if current {
        format!("This policy · {}", date.display)
    } else {
        format!("{} · ID #{}", date.display, policy.id)
    };
    let _ = write!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\" class=\"node-date\">{}</text>",
        x + 10.0,
        y + 18.0,
        esc(&label)
    );
    let _ = write!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\" class=\"node-title\">",
        x + 10.0,
        y + 37.0
    );
    for (i, l) in lines.iter().enumerate() {
        let _ = write!(
            out,
            "<tspan x=\"{:.1}\" dy=\"{}\">{}</tspan>",
            x + 10.0,
            if i == 0 { 0 } else { 17 },
            esc(l)
        );
    }
    out.push_str("</text>");
    out.push_str(if current { "</g>" } else { "</a>" });
}
