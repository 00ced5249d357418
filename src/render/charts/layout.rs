//! The drawing of lineages, shared by a policy's neighbourhood and the
//! whole lineage's page: blocks of boxes, each block under an optional
//! heading and cut into rows of a few columns, oldest block at the top, and
//! arrows from older to newer policies. A box is a policy (a link to its
//! page) or a count of those not drawn.
//!
//! Everything here is linear in what it is given: the callers decide how
//! much to draw.

use std::collections::HashMap;

use super::{open_classed, text, wrap, Svg};
use crate::content::Kind;
use crate::graph::PolicyIx;
use crate::site::dates::DateView;
use crate::site::Model;

const NODE_W: f64 = 250.0;
const NODE_H: f64 = 80.0;
/// [`NODE_W`] and [`NODE_H`] as `{}` writes them, for every box.
const NODE_W_TEXT: &str = "250";
const NODE_H_TEXT: &str = "80";
const GAP_X: f64 = 20.0;
const GAP_Y: f64 = 34.0;
const MARGIN: f64 = 10.0;
const HEADING_H: f64 = 30.0;
/// Room left of the first column for the channel of arrows into it.
const GUTTER: f64 = GAP_X;

/// Boxes under a heading, laid out in rows.
pub struct Block {
    pub heading: Option<String>,
    pub slots: Vec<Slot>,
}

/// One box.
pub enum Slot {
    Node(PolicyIx),
    More(More),
}

/// A box that stands for policies not drawn.
pub struct More {
    /// `+ 379 more`
    pub label: String,
    /// Where they are: `in the whole lineage`, `listed below`.
    pub note: &'static str,
    /// A link to where they are, relative to the page.
    pub href: Option<String>,
}

/// The relation an arrow stands for, drawn so that each kind can be told
/// apart without colour: solid, dashed, dotted.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Line {
    /// The newer supersedes the older.
    Supersedes,
    /// The newer implements the older.
    Implements,
    /// The newer names the older by a declared relation with `lineage =
    /// true`, by its position in `[relations]`.
    Declared(usize),
}

/// An arrow from an older policy to a newer one.
pub type Edge = (PolicyIx, PolicyIx, Line);

/// A picture of policies and the relations between them.
pub struct Drawing<'a, 'm> {
    pub model: &'a Model<'m>,
    /// The picture's class (`chart-<id>`) and the prefix of its element ids.
    pub id: &'static str,
    pub title: String,
    pub desc: String,
    /// The most boxes in a row.
    pub columns: usize,
    /// The policy whose page this is, drawn as such and not linked.
    pub current: Option<PolicyIx>,
    /// The way from the page to the site root.
    pub root: &'a str,
}

impl Drawing<'_, '_> {
    /// The SVG of `blocks`, with an arrow for each of `edges` (older, newer,
    /// the relation) whose two policies are drawn. When a row holds more than one box,
    /// a second picture of the same boxes in one column follows, for
    /// narrow screens (`chart-narrow`; the stylesheet shows one of the two),
    /// so that a phone shows every box without scrolling sideways.
    pub fn draw(&self, blocks: &[Block], edges: &[Edge]) -> String {
        let columns = blocks
            .iter()
            .map(|b| b.slots.len().min(self.columns))
            .max()
            .unwrap_or(1)
            .max(1);
        // What a box says is the same in both pictures.
        let labels: Vec<Label> = blocks
            .iter()
            .flat_map(|b| &b.slots)
            .filter_map(|slot| match slot {
                Slot::Node(p) => Some(self.label(*p)),
                Slot::More(_) => None,
            })
            .collect();
        if columns == 1 {
            return self.draw_in(blocks, edges, &labels, 1, self.id, "");
        }
        let mut out = self.draw_in(blocks, edges, &labels, columns, self.id, " chart-wide");
        let narrow = format!("{}-narrow", self.id);
        let class = format!(" chart-{} chart-narrow", self.id);
        out.push_str(&self.draw_in(blocks, edges, &labels, 1, &narrow, &class));
        out
    }

    /// The picture in `columns` columns; `id` prefixes its element ids.
    /// `labels` are what the policies' boxes say, in the order of `blocks`.
    fn draw_in(
        &self,
        blocks: &[Block],
        edges: &[Edge],
        labels: &[Label],
        columns: usize,
        id: &str,
        class: &str,
    ) -> String {
        let w = MARGIN * 2.0 + GUTTER + NODE_W * columns as f64 + GAP_X * (columns - 1) as f64;
        let mut at: HashMap<PolicyIx, Place> = HashMap::new();
        let mut placed: Vec<(&Slot, Place)> = Vec::new();
        let mut headings = Vec::new();
        let mut y = MARGIN;
        let mut row = 0;
        for b in blocks {
            if let Some(h) = &b.heading {
                y += HEADING_H;
                headings.push((y - 10.0, h.as_str()));
            }
            for slots in b.slots.chunks(columns) {
                // Rows start at the left, so that on a narrow screen the
                // first column shows without scrolling.
                for (column, slot) in slots.iter().enumerate() {
                    let place = Place {
                        x: MARGIN + GUTTER + column as f64 * (NODE_W + GAP_X),
                        y,
                        row,
                    };
                    if let Slot::Node(p) = slot {
                        at.insert(*p, place);
                    }
                    placed.push((slot, place));
                }
                y += NODE_H + GAP_Y;
                row += 1;
            }
        }
        let h = y - GAP_Y + MARGIN;
        let mut out = String::with_capacity(1024 + placed.len() * 600);
        open_classed(
            &mut out,
            (id, class),
            "group",
            (w as u32, h as u32),
            &self.title,
            &self.desc,
        );
        out.raw("<defs><marker id=\"")
            .raw(id)
            .raw("-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0 0L10 5L0 10z\" class=\"arrow\"/></marker></defs>");
        for (y, title) in &headings {
            text(&mut out, MARGIN + GUTTER, *y, "heading", "start", title);
        }
        // Edges first, under the boxes.
        for &(a, b, line) in edges {
            if let (Some(&from), Some(&to)) = (at.get(&a), at.get(&b)) {
                let title = self.edge_title(a, b, line);
                edge(&mut out, id, (from, to), line, title.as_deref());
            }
        }
        let mut labels = labels.iter();
        for (slot, place) in placed {
            let xy = (place.x, place.y);
            match (slot, &mut labels) {
                (Slot::Node(p), labels) => {
                    if let Some(label) = labels.next() {
                        self.node(&mut out, *p, label, xy);
                    }
                }
                (Slot::More(m), _) => more(&mut out, m, xy),
            }
        }
        out.push_str("</svg>");
        out
    }

    /// What an arrow of a declared relation says, for it is dotted whatever
    /// the relation: `ID #13780: Revoked by ID #14010`, in the arrow's
    /// direction. Supersession and implementation are told by the line
    /// alone, as the picture's description says.
    fn edge_title(&self, older: PolicyIx, newer: PolicyIx, line: Line) -> Option<String> {
        let Line::Declared(r) = line else {
            return None;
        };
        let site = self.model.site;
        let rel = site.config.relations.list.get(r)?;
        let id = |p: PolicyIx| site.corpus.policies[p.get()].id;
        Some(format!(
            "ID #{}: {} ID #{}",
            id(older),
            rel.inverse,
            id(newer)
        ))
    }

    /// What the box of policy `p` says: its date and number (or that it is
    /// this page's), and its title on at most three lines.
    fn label(&self, p: PolicyIx) -> Label {
        let policy = &self.model.site.corpus.policies[p.get()];
        let date = DateView::new(policy.announced);
        Label {
            line: if self.current == Some(p) {
                format!("This policy · {}", date.display)
            } else {
                format!("{} · ID #{}", date.display, policy.id)
            },
            title: wrap(&policy.common.title, 28, 3),
        }
    }

    /// One policy: a box with its date and number, and its title on three lines.
    fn node(&self, out: &mut String, p: PolicyIx, label: &Label, (x, y): (f64, f64)) {
        let policy = &self.model.site.corpus.policies[p.get()];
        let current = self.current == Some(p);
        if current {
            out.push_str("<g class=\"node node-current\">");
        } else {
            out.raw("<a href=\"")
                .esc(self.root)
                .esc(&crate::site::paths::entry(Kind::Policy, policy.id.0))
                .raw("\" class=\"node\">");
        }
        rect(out, x, y);
        out.raw("<text x=\"")
            .d1(x + 10.0)
            .raw("\" y=\"")
            .d1(y + 18.0)
            .raw("\" class=\"node-date\">")
            .esc(&label.line)
            .raw("</text><text x=\"")
            .d1(x + 10.0)
            .raw("\" y=\"")
            .d1(y + 37.0)
            .raw("\" class=\"node-title\">");
        for (i, l) in label.title.iter().enumerate() {
            out.raw("<tspan x=\"")
                .d1(x + 10.0)
                .raw(if i == 0 {
                    "\" dy=\"0\">"
                } else {
                    "\" dy=\"17\">"
                })
                .esc(l)
                .raw("</tspan>");
        }
        out.push_str("</text>");
        out.push_str(if current { "</g>" } else { "</a>" });
    }
}

/// What a policy's box says, the same in the wide and the narrow picture.
struct Label {
    line: String,
    title: Vec<String>,
}

/// Where a box is: its top left corner and its row.
#[derive(Clone, Copy)]
struct Place {
    x: f64,
    y: f64,
    row: usize,
}

/// An arrow from one box to another. Between neighbouring rows it is
/// straight, and within a row it goes across. Further, it would pass behind
/// the boxes of the rows between and seem to join them: it goes down into
/// the gap under its row, along the channel left of the target's column
/// (no box is ever there) and into the target's side.
fn edge(out: &mut String, id: &str, (from, to): (Place, Place), line: Line, title: Option<&str>) {
    let mid = |p: Place| p.x + NODE_W / 2.0;
    let points: Vec<(f64, f64)> = if from.row + 1 == to.row {
        vec![(mid(from), from.y + NODE_H), (mid(to), to.y - 2.0)]
    } else if to.row + 1 == from.row {
        vec![(mid(from), from.y), (mid(to), to.y + NODE_H + 2.0)]
    } else if from.row == to.row {
        let y = from.y + NODE_H / 2.0;
        if from.x < to.x {
            vec![(from.x + NODE_W, y), (to.x - 2.0, y)]
        } else {
            vec![(from.x, y), (to.x + NODE_W + 2.0, y)]
        }
    } else {
        let (start, gap) = if from.row < to.row {
            (from.y + NODE_H, from.y + NODE_H + GAP_Y / 2.0)
        } else {
            (from.y, from.y - GAP_Y / 2.0)
        };
        let channel = to.x - GAP_X / 2.0;
        let side = to.y + NODE_H / 2.0;
        vec![
            (mid(from), start),
            (mid(from), gap),
            (channel, gap),
            (channel, side),
            (to.x - 2.0, side),
        ]
    };
    out.push_str("<path d=\"");
    for (i, &(x, y)) in points.iter().enumerate() {
        out.raw(if i == 0 { "M" } else { "L" }).d1(x).raw(" ").d1(y);
    }
    let class = match line {
        Line::Supersedes => "",
        Line::Implements => " edge-implements",
        Line::Declared(_) => " edge-declared",
    };
    out.raw("\" class=\"edge")
        .raw(class)
        .raw("\" marker-end=\"url(#")
        .raw(id)
        .raw("-arrow)\"");
    match title {
        Some(t) => {
            out.raw("><title>").esc(t).raw("</title></path>");
        }
        None => out.push_str("/>"),
    }
}

/// The outline of a box at (x, y).
fn rect(out: &mut String, x: f64, y: f64) {
    out.raw("<rect x=\"")
        .d1(x)
        .raw("\" y=\"")
        .d1(y)
        .raw("\" width=\"")
        .raw(NODE_W_TEXT)
        .raw("\" height=\"")
        .raw(NODE_H_TEXT)
        .raw("\" rx=\"6\"/>");
}

/// A box counting policies not drawn, a link when they are elsewhere.
fn more(out: &mut String, m: &More, (x, y): (f64, f64)) {
    match &m.href {
        Some(href) => {
            out.raw("<a href=\"")
                .esc(href)
                .raw("\" class=\"node node-more\">");
        }
        None => out.push_str("<g class=\"node node-more\">"),
    }
    rect(out, x, y);
    let cx = x + NODE_W / 2.0;
    text(out, cx, y + 36.0, "node-title", "middle", &m.label);
    text(out, cx, y + 56.0, "node-date", "middle", m.note);
    out.push_str(if m.href.is_some() { "</a>" } else { "</g>" });
}

#[cfg(test)]
mod tests {
    #[test]
    fn box_sizes_are_written_as_they_are() {
        assert_eq!(super::NODE_W.to_string(), super::NODE_W_TEXT);
        assert_eq!(super::NODE_H.to_string(), super::NODE_H_TEXT);
    }
}
