//! The changes of each entry, found by comparing each version that could
//! be read with the one before it, and the changes one entry makes to
//! another (a policy superseded, a court action or commentary added).
//!
//! A relation's change is dated when the relation was last written and has
//! held since, up to `HEAD`: a supersession written, taken back and written
//! again dates from the second time, and one taken back for good is not a
//! change of the site as it is. It is never dated before the entry it
//! names existed.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, Utc};

use super::git::{Chain, RawCommit, Repo, Walked};
use super::snapshot::{self, Facts, Snapshot};
use super::{Change, Commit, CommitIx, Event, FileHistory, History, Unavailable, Version};
use crate::config::Config;
use crate::content::{CommentaryId, CourtActionId, Id, Kind, PolicyId};
use crate::graph::force::StatusAt;

/// The history of every file of `walked`.
pub(super) fn build(repo: &Repo, walked: Walked, config: &Config) -> Result<History, Unavailable> {
    let commits: Vec<Commit> = walked.commits.iter().map(commit).collect();
    let snaps = parse_all(repo, &walked, config)?;
    let mut files = BTreeMap::new();
    let mut parsed: Vec<Vec<Option<&Snapshot>>> = Vec::with_capacity(walked.chains.len());
    for chain in &walked.chains {
        let s: Vec<Option<&Snapshot>> = chain
            .versions
            .iter()
            .map(|v| snaps.get(&(chain.kind, v.blob)).and_then(Option::as_ref))
            .collect();
        parsed.push(s);
    }
    let first_seen = |c: &Chain| !walked.complete && c.versions[0].commit == 0;
    let mut all_events: Vec<Vec<Event>> = walked
        .chains
        .iter()
        .zip(&parsed)
        .map(|(chain, s)| own_events(chain, s, &commits, first_seen(chain)))
        .collect();
    relation_events(&walked.chains, &parsed, &commits, &mut all_events);
    for ((chain, s), mut events) in walked.chains.iter().zip(&parsed).zip(all_events) {
        events.sort_by(|a, b| (a.commit, &a.change).cmp(&(b.commit, &b.change)));
        let Some(last) = chain.versions.last() else {
            continue;
        };
        let file = FileHistory {
            kind: chain.kind,
            id: s.iter().rev().flatten().next().map(|s| s.id),
            versions: chain
                .versions
                .iter()
                .zip(s)
                .map(|(v, s)| Version {
                    commit: CommitIx(v.commit),
                    path: v.path.clone(),
                    blob: v.blob,
                    parsed: s.is_some(),
                })
                .collect(),
            events,
            statuses: statuses(chain, s, &commits),
        };
        files.insert(last.path.clone(), file);
    }
    Ok(History {
        commits,
        files,
        complete: walked.complete,
        hash: repo.hash(),
    })
}

/// A commit's time as git records it. A time or offset out of range (git
/// accepts what a commit says) reads as 1970 or as UTC, never as a panic.
fn commit(c: &RawCommit) -> Commit {
    let offset = FixedOffset::east_opt(c.offset).unwrap_or(Utc.fix());
    let utc = DateTime::from_timestamp(c.seconds, 0).unwrap_or_default();
    Commit {
        id: c.id,
        time: utc.with_timezone(&offset),
    }
}

/// Every distinct version read and parsed once, newest first (see
/// [`Repo::map_blobs`]); the result does not depend on the order or the
/// thread count.
fn parse_all(
    repo: &Repo,
    walked: &Walked,
    config: &Config,
) -> Result<HashMap<(Kind, gix::ObjectId), Option<Snapshot>>, Unavailable> {
    let open = snapshot::open_config(config);
    let mut keys: Vec<(u32, Kind, gix::ObjectId)> = walked
        .chains
        .iter()
        .flat_map(|c| c.versions.iter().map(move |v| (v.commit, c.kind, v.blob)))
        .collect();
    keys.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| (a.1, a.2).cmp(&(b.1, b.2))));
    let mut seen = std::collections::HashSet::new();
    keys.retain(|k| seen.insert((k.1, k.2)));
    let ids: Vec<gix::ObjectId> = keys.iter().map(|k| k.2).collect();
    let parsed = repo.map_blobs(&ids, |i, bytes| snapshot::parse(keys[i].1, bytes, &open))?;
    Ok(keys
        .into_iter()
        .zip(parsed)
        .map(|((_, kind, blob), snap)| ((kind, blob), snap))
        .collect())
}

/// The date of a version's changes: the commit's, or the `updated` date
/// this version wrote when that is later.
fn date(prev: Option<&Snapshot>, cur: Option<&Snapshot>, commit: &Commit) -> NaiveDate {
    let day = commit.date();
    match cur.and_then(|c| c.updated) {
        Some(u) if u > day && prev.and_then(|p| p.updated) != Some(u) => u,
        _ => day,
    }
}

/// The changes a file's own versions make.
fn own_events(
    chain: &Chain,
    snaps: &[Option<&Snapshot>],
    commits: &[Commit],
    first_seen: bool,
) -> Vec<Event> {
    let mut events = Vec::new();
    let Some(first) = chain.versions.first() else {
        return events;
    };
    let at = |ix: u32| &commits[ix as usize];
    events.push(Event {
        date: date(None, snaps[0], at(first.commit)),
        commit: CommitIx(first.commit),
        change: if first_seen {
            Change::FirstSeen
        } else {
            Change::Created
        },
    });
    let mut last = snaps[0];
    for (v, cur) in chain.versions.iter().zip(snaps).skip(1) {
        let Some(cur) = *cur else { continue };
        if let Some(prev) = last {
            let day = date(Some(prev), Some(cur), at(v.commit));
            events.extend(changes(prev, cur).into_iter().map(|change| Event {
                date: day,
                commit: CommitIx(v.commit),
                change,
            }));
        }
        last = Some(cur);
    }
    events
}

/// What changed from one readable version to the next, on the entry itself.
fn changes(prev: &Snapshot, cur: &Snapshot) -> Vec<Change> {
    let mut out = Vec::new();
    if let (
        Facts::Policy {
            status: s0,
            current_status: c0,
            effective: e0,
            ..
        },
        Facts::Policy {
            status: s1,
            current_status: c1,
            effective: e1,
            ..
        },
    ) = (&prev.facts, &cur.facts)
    {
        if s0 != s1 {
            out.push(Change::StatusChanged {
                from: s0.clone(),
                to: s1.clone(),
            });
        }
        if c0 != c1 {
            out.push(Change::CurrentStatusChanged {
                from: c0.clone(),
                to: c1.clone(),
            });
        }
        if e0 != e1 {
            out.push(Change::EffectiveChanged { from: *e0, to: *e1 });
        }
    }
    if out.is_empty() && prev.body != cur.body {
        out.push(Change::TextRevised);
    }
    out
}

/// The changes entries make to the policies they name: for each relation
/// that holds at `HEAD`, one change on the policy named, dated when the
/// relation was last written.
fn relation_events(
    chains: &[Chain],
    snaps: &[Vec<Option<&Snapshot>>],
    commits: &[Commit],
    events: &mut [Vec<Event>],
) {
    let mut policies: HashMap<Id, usize> = HashMap::new();
    for (i, (chain, s)) in chains.iter().zip(snaps).enumerate() {
        if chain.kind == Kind::Policy {
            if let Some(id) = s.iter().rev().flatten().next().map(|s| s.id) {
                policies.entry(id).or_insert(i);
            }
        }
    }
    for (from, (chain, s)) in chains.iter().zip(snaps).enumerate() {
        let Some(own) = s.iter().rev().flatten().next().map(|s| s.id) else {
            continue;
        };
        for (target, v) in held_since(s) {
            let Some(&to) = policies.get(&target.0) else {
                continue;
            };
            if to == from {
                continue;
            }
            // Not before the policy named was there to be named.
            let born = chains[to].versions[0].commit;
            let (commit, day) = if chain.versions[v].commit >= born {
                let prev = s[..v].iter().rev().flatten().next().copied();
                let c = chain.versions[v].commit;
                (c, date(prev, s[v], &commits[c as usize]))
            } else {
                (born, commits[born as usize].date())
            };
            let change = match chain.kind {
                Kind::Policy => Change::Superseded { by: PolicyId(own) },
                Kind::CourtAction => Change::CourtActionAdded(CourtActionId(own)),
                Kind::Commentary => Change::CommentaryAdded(CommentaryId(own)),
            };
            events[to].push(Event {
                date: day,
                commit: CommitIx(commit),
                change,
            });
        }
    }
}

/// The policies the latest readable version names (in its relation that
/// makes events), each with the version since which it has been named
/// without a break.
fn held_since(snaps: &[Option<&Snapshot>]) -> Vec<(PolicyId, usize)> {
    let mut since: BTreeMap<PolicyId, usize> = BTreeMap::new();
    for (i, s) in snaps.iter().enumerate() {
        let Some(s) = s else { continue };
        let links = s.facts.links();
        since.retain(|id, _| links.contains(id));
        for id in links {
            since.entry(*id).or_insert(i);
        }
    }
    since.into_iter().collect()
}

/// A policy's status as each readable version left it, one item a change.
fn statuses(chain: &Chain, snaps: &[Option<&Snapshot>], commits: &[Commit]) -> Vec<StatusAt> {
    let mut out: Vec<StatusAt> = Vec::new();
    let mut prev: Option<&Snapshot> = None;
    for (v, s) in chain.versions.iter().zip(snaps) {
        let Some(s) = *s else { continue };
        if let Facts::Policy {
            status,
            current_status,
            ..
        } = &s.facts
        {
            let same = out
                .last()
                .is_some_and(|l| &l.status == status && &l.current_status == current_status);
            if !same {
                out.push(StatusAt {
                    date: date(prev, Some(s), &commits[v.commit as usize]),
                    status: status.clone(),
                    current_status: current_status.clone(),
                });
            }
        }
        prev = Some(s);
    }
    out
}
