//! Cases: the court actions that share a court and a docket number, joined
//! by the case file of the same court and docket where the site has one
//! (`content/cases/`). A case file may also make a case of its own, with
//! no filing yet. Then the cases that case files name (`appeal_of`,
//! `consolidated_with`) are resolved, and each appeal is known to the case
//! it appeals.

use std::collections::{BTreeMap, HashMap};

use super::resolve::lookup;
use super::{Case, CaseIx, CourtActionIx, Graph, LinkTarget, Linked, PolicyIx};
use crate::content::case::CaseRef;
use crate::content::related::Target;
use crate::content::{CaseFile, Corpus, Date, Id, PolicyId};
use crate::diag::{nearest, Code, Diagnostic, Diagnostics};
use crate::slug::{unique_slugs, Claim};
use crate::source::At;

/// What one case is made of before it is built: its filings and its file.
#[derive(Default)]
struct Parts {
    filings: Vec<CourtActionIx>,
    file: Option<usize>,
}

/// Groups court actions into cases by court and docket number, joins each
/// case file to its case, and resolves the cases that case files name.
pub(super) fn build(corpus: &Corpus, graph: &mut Graph, diags: &mut Diagnostics) {
    let mut groups: BTreeMap<(&str, &str), Parts> = BTreeMap::new();
    for (i, c) in corpus.court_actions.iter().enumerate() {
        groups
            .entry((c.court.as_str(), c.docket.trim()))
            .or_default()
            .filings
            .push(CourtActionIx(i as u32));
    }
    for (i, f) in corpus.cases.iter().enumerate() {
        let parts = groups
            .entry((f.court.value.as_str(), f.docket.value.as_str()))
            .or_default();
        match parts.file {
            Some(first) => diags.push(duplicate(&corpus.cases[first].docket, f)),
            None => parts.file = Some(i),
        }
    }
    // A case file with errors makes no case, but a second file of one case
    // is reported all the same, after the file it repeats.
    let mut unparsed: HashMap<(&str, &str), &At<String>> = HashMap::new();
    for k in &corpus.unparsed_case_keys {
        let (court, docket) = (&k.court, &k.docket);
        let key = (court.value.as_str(), docket.value.as_str());
        let first = groups
            .get(&key)
            .and_then(|parts| parts.file)
            .map(|first| &corpus.cases[first].docket)
            .or_else(|| unparsed.get(&key).copied());
        match first {
            Some(first) => diags.push(duplicate_at(first, docket, court.value.as_str())),
            None => {
                unparsed.insert(key, docket);
            }
        }
    }
    compare_names(corpus, &groups, diags);
    // Cases whose court and docket slug alike ("D.D.C" in one filing of a
    // case of "D.D.C.") each get a folder; the case of more files keeps
    // the plain one, as a value of more files keeps its page.
    let names: Vec<String> = groups
        .keys()
        .map(|(court, docket)| format!("{court} {docket}"))
        .collect();
    let claims = names.iter().zip(groups.values()).map(|(name, parts)| {
        let files = parts.filings.len() + usize::from(parts.file.is_some());
        (name.as_str(), Claim::new(false, files))
    });
    let slugs = unique_slugs(claims);
    for (((_, docket), parts), slug) in groups.into_iter().zip(slugs) {
        let Some(case) = make(corpus, graph, parts, slug, docket, diags) else {
            continue;
        };
        let ix = CaseIx(graph.cases.len() as u32);
        for f in &case.filings {
            graph.court_actions[f.get()].case = ix;
        }
        for p in &case.policies {
            graph.policies[p.get()].cases.push(ix);
        }
        graph.cases.push(case);
    }
    relate(corpus, graph, diags);
}

/// `W-case-name-mismatch` at each filing whose case name is not the one its
/// case's file gives, or, without a file, its earliest filing. Filings and
/// case files with other errors count too, as far as they could be read:
/// the warnings are those the site has once the errors are fixed, not a
/// new one after each fix.
fn compare_names(corpus: &Corpus, groups: &BTreeMap<(&str, &str), Parts>, diags: &mut Diagnostics) {
    struct Filing<'c> {
        date: Date,
        id: Option<Id>,
        name: &'c At<String>,
    }
    let mut cases: BTreeMap<(&str, &str), Vec<Filing>> = BTreeMap::new();
    for (key, parts) in groups {
        let filings = parts.filings.iter().map(|f| {
            let c = &corpus.court_actions[f.get()];
            Filing {
                date: c.date,
                id: Some(c.id.0),
                name: &c.case,
            }
        });
        cases.entry(*key).or_default().extend(filings);
    }
    for refs in &corpus.unparsed_references {
        let Some(filed) = &refs.filed else {
            continue;
        };
        let key = (filed.court.as_str(), filed.docket.as_str());
        cases.entry(key).or_default().push(Filing {
            date: filed.date,
            id: refs.from.as_ref().map(|(_, id)| id.value),
            name: &filed.name,
        });
    }
    // The names case files with errors give, the first of each case's.
    let mut unparsed_names: BTreeMap<(&str, &str), &At<String>> = BTreeMap::new();
    for k in &corpus.unparsed_case_keys {
        if let Some(name) = &k.name {
            let key = (k.court.value.as_str(), k.docket.value.as_str());
            unparsed_names.entry(key).or_insert(name);
        }
    }
    for ((court, docket), mut filings) in cases {
        let file = groups
            .get(&(court, docket))
            .and_then(|parts| parts.file)
            .map(|i| &corpus.cases[i].name)
            .or_else(|| unparsed_names.get(&(court, docket)).copied());
        filings.sort_by_key(|f| (f.date, f.id));
        let (name, named_by) = match (file, filings.first()) {
            (Some(name), _) => (name, "the case file names it"),
            (None, Some(earliest)) => (earliest.name, "the earliest filing names it"),
            (None, None) => continue,
        };
        for f in filings.iter().filter(|f| f.name.value != name.value) {
            diags.push(
                Diagnostic::warning(
                    Code::CaseNameMismatch,
                    f.name.span,
                    format!(
                        "case name differs from the other filings of docket {docket} ({court})"
                    ),
                )
                .label("this name")
                .note(name.span, named_by)
                .help(format!(
                    "if this is the same case, write case = \"{}\"",
                    name.value
                )),
            );
        }
    }
}

/// One case of its filings (none, with a file alone) and its file.
fn make(
    corpus: &Corpus,
    graph: &Graph,
    parts: Parts,
    slug: String,
    docket: &str,
    diags: &mut Diagnostics,
) -> Option<Case> {
    let Parts {
        mut filings,
        file: file_ix,
    } = parts;
    filings.sort_by_key(|f| {
        let c = &corpus.court_actions[f.get()];
        (c.date, c.id)
    });
    let file: Option<&CaseFile> = file_ix.map(|i| &*corpus.cases[i]);
    let earliest = filings.first().map(|f| &*corpus.court_actions[f.get()]);
    // The case file names the case; without one, its earliest filing does
    // (`compare_names` told the filings that write it otherwise).
    let (name, court) = match (file, earliest) {
        (Some(f), _) => (f.name.value.clone(), f.court.value.clone()),
        (None, Some(e)) => (e.case.value.clone(), e.court.clone()),
        (None, None) => return None,
    };
    let mut policies: Vec<PolicyIx> = filings
        .iter()
        .flat_map(|f| graph.court_actions[f.get()].challenges.iter().copied())
        .collect();
    let mut challenged = Vec::new();
    for item in file.iter().flat_map(|f| &f.challenges) {
        let target = match &item.value.target {
            Target::Entry(id) => {
                let r = At {
                    span: item.span,
                    value: PolicyId(*id),
                };
                let Some(ix) = lookup(corpus, graph, &r, "challenges", None, diags) else {
                    continue;
                };
                policies.push(ix);
                LinkTarget::Policy(ix)
            }
            Target::Outside { title, url } => LinkTarget::Outside {
                title: title.clone(),
                url: url.clone(),
            },
        };
        challenged.push(Linked {
            target,
            note: item.value.note.clone(),
        });
    }
    policies.sort();
    policies.dedup();
    let dates = filings
        .iter()
        .map(|f| corpus.court_actions[f.get()].date)
        .chain(file.and_then(|f| f.filed));
    let first: Option<Date> = dates.clone().min();
    let latest: Option<Date> = dates.max();
    Some(Case {
        slug,
        name,
        court,
        docket: docket.to_string(),
        filings,
        policies,
        file: file_ix,
        status: file.and_then(|f| f.status.clone()),
        url: file.and_then(|f| f.url.clone()),
        appeal_of: None,
        appeals: Vec::new(),
        consolidated: Vec::new(),
        challenged,
        first,
        latest,
    })
}

/// A second case file of one court and docket.
fn duplicate(first: &At<String>, second: &CaseFile) -> Diagnostic {
    duplicate_at(first, &second.docket, second.court.value.as_str())
}

/// A second case file of one court and docket, whose docket numbers are
/// written at `first` and `second`.
fn duplicate_at(first: &At<String>, second: &At<String>, court: &str) -> Diagnostic {
    Diagnostic::error(
        Code::DuplicateId,
        second.span,
        format!("a second case file for docket {} ({court})", second.value),
    )
    .label("second case file of this docket")
    .note(first.span, "the first case file of this docket")
    .help("a case has one file: merge the two, or correct the court or the docket number of one")
}

/// Resolves `appeal_of` and `consolidated_with` of every case file.
fn relate(corpus: &Corpus, graph: &mut Graph, diags: &mut Diagnostics) {
    let mut by_docket: HashMap<&str, Vec<CaseIx>> = HashMap::new();
    for (i, case) in graph.cases.iter().enumerate() {
        by_docket
            .entry(case.docket.as_str())
            .or_default()
            .push(CaseIx(i as u32));
    }
    let files: Vec<(CaseIx, &CaseFile)> = graph
        .cases
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((CaseIx(i as u32), &*corpus.cases[c.file?])))
        .collect();
    let mut appeals = Vec::new();
    let mut consolidated = Vec::new();
    for &(me, f) in &files {
        let resolve = |r: &At<CaseRef>, key: &str, diags: &mut Diagnostics| {
            let found = find(corpus, graph, &by_docket, Some(me), r, key, diags)?;
            if found == me {
                diags.push(
                    Diagnostic::error(
                        Code::SelfReference,
                        r.span,
                        format!("`{key}` names the case itself"),
                    )
                    .label("this is the case's own docket")
                    .help(format!("name another case's docket, or remove `{key}`")),
                );
                return None;
            }
            Some(found)
        };
        if let Some(r) = &f.appeal_of {
            if let Some(other) = resolve(r, "appeal_of", diags) {
                appeals.push((me, other, r.span));
            }
        }
        for r in &f.consolidated_with {
            if let Some(other) = resolve(r, "consolidated_with", diags) {
                consolidated.push((me, other));
            }
        }
    }
    // Those a case file with errors names: checked, related to nothing.
    for (key, r) in &corpus.unparsed_case_refs {
        find(corpus, graph, &by_docket, None, r, key, diags);
    }
    for &(me, other, _) in &appeals {
        graph.cases[me.get()].appeal_of = Some(other);
        graph.cases[other.get()].appeals.push(me);
    }
    for (a, b) in consolidated {
        graph.cases[a.get()].consolidated.push(b);
        graph.cases[b.get()].consolidated.push(a);
    }
    for case in &mut graph.cases {
        case.appeals.sort();
        case.appeals.dedup();
        case.consolidated.sort();
        case.consolidated.dedup();
    }
    appeal_cycles(graph, &appeals, diags);
}

/// The case `r` names (in the file of case `me`, if it makes one),
/// reporting why no case or more than one fits.
fn find(
    corpus: &Corpus,
    graph: &Graph,
    by_docket: &HashMap<&str, Vec<CaseIx>>,
    me: Option<CaseIx>,
    r: &At<CaseRef>,
    key: &str,
    diags: &mut Diagnostics,
) -> Option<CaseIx> {
    let court_of = |ix: &CaseIx| graph.cases[ix.get()].court.as_str();
    let found: Vec<CaseIx> = by_docket
        .get(r.value.docket.as_str())
        .into_iter()
        .flatten()
        .copied()
        .filter(|ix| r.value.court.as_deref().is_none_or(|c| c == court_of(ix)))
        .collect();
    match found.as_slice() {
        [one] => return Some(*one),
        [] => {}
        many => {
            let courts: Vec<&str> = many.iter().map(court_of).collect();
            diags.push(
                Diagnostic::error(
                    Code::UnknownReference,
                    r.span,
                    format!(
                        "`{key}` names docket {}, which cases of {} courts have",
                        r.value.docket,
                        many.len()
                    ),
                )
                .label("more than one case has this docket number")
                .help(format!(
                    "name the court too: {{ court = \"{}\", docket = \"{}\" }} (the courts: {})",
                    courts[0],
                    r.value.docket,
                    courts.join(", ")
                )),
            );
            return None;
        }
    }
    if corpus.unreadable_dockets.contains(&r.value.docket) {
        // That case file's own errors are reported; this reference may be fine.
        return None;
    }
    let others = graph
        .cases
        .iter()
        .enumerate()
        .filter(|(i, _)| me.is_none_or(|me| *i != me.get()))
        .map(|(_, c)| c.docket.as_str());
    let help = match nearest(&r.value.docket, others) {
        Some(near) => {
            let case = &graph.cases[by_docket[near][0].get()];
            format!(
                "did you mean {near}, {} ({})?",
                case.name,
                case.court.as_str()
            )
        }
        None => "name the docket number of a case of the site: of its court actions or of a case file in content/cases/".into(),
    };
    diags.push(
        Diagnostic::error(
            Code::UnknownReference,
            r.span,
            format!(
                "`{key}` names case {}, which the site does not have",
                r.value
            ),
        )
        .label("no case has this court and docket")
        .help(help),
    );
    None
}

/// Reports each circle of appeals (a case that is, through others, an
/// appeal of itself) once, at the `appeal_of` of its first case.
fn appeal_cycles(
    graph: &Graph,
    appeals: &[(CaseIx, CaseIx, crate::source::Span)],
    diags: &mut Diagnostics,
) {
    let mut reported = vec![false; graph.cases.len()];
    for &(start, _, span) in appeals {
        let mut circle = vec![start];
        let mut at = graph.cases[start.get()].appeal_of;
        while let Some(next) = at {
            if next == start {
                break;
            }
            if circle.contains(&next) || circle.len() > graph.cases.len() {
                circle.clear();
                break;
            }
            circle.push(next);
            at = graph.cases[next.get()].appeal_of;
        }
        if at != Some(start) || circle.iter().any(|c| reported[c.get()]) {
            continue;
        }
        for c in &circle {
            reported[c.get()] = true;
        }
        let names: Vec<String> = circle
            .iter()
            .map(|c| graph.cases[c.get()].docket.clone())
            .collect();
        diags.push(
            Diagnostic::error(
                Code::Cycle,
                span,
                format!(
                    "the appeals go round in a circle: {} → {}",
                    names.join(" → "),
                    names[0]
                ),
            )
            .label("this appeal closes the circle")
            .help("an appeal is heard after the case it appeals: remove `appeal_of` from the case that is not an appeal"),
        );
    }
}
