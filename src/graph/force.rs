//! Periods in force: when each policy applied, from what its entry and the
//! entries around it say.
//!
//! A policy takes force on its `effective` date, or on the day it was
//! announced when no effective date is written. Its force ends
//!
//! - when its status comes to say so: a `current_status` that ends force
//!   (by default "Not in Effect"), or, where no current status is written,
//!   a `status` that does ("Enjoined/Vacated", "Rescinded", "Expired");
//!   a current status that does not end force ("Partially in Effect")
//!   keeps it in force whatever the status list holds, since it is the
//!   entry's own word on whether the policy applies now;
//! - when a policy that supersedes it takes force.
//!
//! A policy whose statuses are all "pending" ("Proposed") has not taken
//! force. Which values do what is a parameter ([`Rules`]), which a site
//! sets in `[force]` of `docket.toml`.
//!
//! The front matter alone says what holds now, not since when: a status
//! that ends force without a history has ended it on a date not recorded.
//! With the entry's history ([`crate::history::FileHistory::status_timeline`])
//! each status is dated by the commit that wrote it, so an end of force and
//! a return to it (a policy enjoined, then reinstated) have their dates.
//!
//! Everything here is a pure function of its arguments.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::{Graph, PolicyIx};
use crate::content::{Corpus, Date, Policy, PolicyId, Term};

/// Which status values start and end force.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rules {
    /// Values of `status` that end force, where no current status is written.
    pub ending: BTreeSet<String>,
    /// Values of `current_status` that end force.
    pub ending_current: BTreeSet<String>,
    /// Values of `status` under which a policy has not taken force yet: a
    /// policy whose every status is one of them has no period in force.
    pub pending: BTreeSet<String>,
}

impl Default for Rules {
    /// The rules the example vocabulary of `docket new site` implies.
    fn default() -> Rules {
        let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        Rules {
            ending: set(&["Enjoined/Vacated", "Rescinded", "Expired"]),
            ending_current: set(&["Not in Effect"]),
            pending: set(&["Proposed"]),
        }
    }
}

impl Rules {
    /// The rules a site sets in `[force]` of `docket.toml`: each list it
    /// writes replaces the default's, the others keep it.
    pub fn of(settings: &crate::config::Force) -> Rules {
        let set = |v: &[String]| v.iter().cloned().collect();
        let default = Rules::default();
        Rules {
            ending: settings
                .ending_statuses
                .as_deref()
                .map_or(default.ending, set),
            ending_current: settings
                .ending_current_statuses
                .as_deref()
                .map_or(default.ending_current, set),
            pending: settings
                .pending_statuses
                .as_deref()
                .map_or(default.pending, set),
        }
    }

    /// Why `status` and `current_status` put a policy out of force, if
    /// they do. An ending status is named before an ending current status:
    /// "Rescinded" says more than "Not in Effect".
    fn ends(&self, status: &[Term], current: Option<&Term>) -> Option<Reason> {
        let by_status = status.iter().find(|s| self.ending.contains(s.as_str()));
        match current {
            Some(c) if self.ending_current.contains(c.as_str()) => Some(by_status.map_or_else(
                || Reason::CurrentStatus(c.clone()),
                |s| Reason::Status(s.clone()),
            )),
            Some(_) => None,
            None => by_status.map(|s| Reason::Status(s.clone())),
        }
    }

    fn is_pending(&self, status: &[Term]) -> bool {
        !status.is_empty() && status.iter().all(|s| self.pending.contains(s.as_str()))
    }
}

/// A policy's status and current status from a given day, as a version of
/// its entry wrote them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusAt {
    pub date: NaiveDate,
    pub status: Vec<Term>,
    pub current_status: Option<Term>,
}

/// What the periods of one policy are computed from.
#[derive(Clone, Debug)]
pub struct Facts<'a> {
    pub announced: Date,
    pub effective: Option<Date>,
    /// The status as the entry writes it now.
    pub status: &'a [Term],
    pub current_status: Option<&'a Term>,
    /// The dated statuses of its history, oldest first; empty without one.
    /// A timeline whose last item is not the status written now (a change
    /// not yet committed) is not used: the front matter alone decides.
    pub timeline: &'a [StatusAt],
    /// The policies whose taking force ends this one's (those that
    /// supersede it), each with the day it took force.
    pub ended_by: Vec<(PolicyId, Date)>,
    /// The policies that end this one's force by a relation the site
    /// declares with `ends_force` (revokes), each with the day it took
    /// force and the relation's position in `[relations]`.
    pub ended_by_related: Vec<(PolicyId, Date, usize)>,
}

/// Why a period in force ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    Status(Term),
    CurrentStatus(Term),
    SupersededBy(PolicyId),
    /// A declared relation that ends force, by its position in
    /// `[relations]`: revoked by.
    Related {
        by: PolicyId,
        relation: usize,
    },
}

/// When a period in force ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// It applied up to the day before this one.
    On(Date),
    /// The entry says it ended but not when; if known, it had ended by
    /// this day (the day the ending status was first recorded, or the day
    /// a superseding policy took force).
    NotRecorded { by: Option<Date> },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct End {
    pub when: When,
    pub reason: Reason,
}

/// A span of days a policy was in force: from `from`, up to its end (none
/// while it is still in force).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub end: Option<End>,
}

/// A policy's periods in force, oldest first; none if it never took force.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Force {
    pub periods: Vec<Period>,
}

impl Force {
    /// Whether the policy was in force on `day`: `None` when the entry
    /// does not tell (its force ended on a day not recorded, and `day` may
    /// be before or after it).
    pub fn on(&self, day: NaiveDate) -> Option<bool> {
        let mut unknown = false;
        for p in self.periods.iter().filter(|p| p.from.start() <= day) {
            match p.end.as_ref().map(|e| e.when) {
                None => return Some(true),
                Some(When::On(end)) if day < end.start() => return Some(true),
                Some(When::On(_)) => {}
                Some(When::NotRecorded { by }) => {
                    if by.is_none_or(|by| day < by.start()) {
                        unknown = true;
                    }
                }
            }
        }
        if unknown {
            None
        } else {
            Some(false)
        }
    }
}

/// The periods in force of one policy.
pub fn periods(facts: &Facts<'_>, rules: &Rules) -> Force {
    if rules.is_pending(facts.status) {
        return Force::default();
    }
    let start = facts.effective.unwrap_or(facts.announced);
    let usable = facts.timeline.last().is_some_and(|last| {
        last.status == facts.status && last.current_status.as_ref() == facts.current_status
    });
    let mut periods = if usable {
        dated(start, facts.timeline, rules)
    } else {
        let end = rules
            .ends(facts.status, facts.current_status)
            .map(|reason| End {
                when: When::NotRecorded { by: None },
                reason,
            });
        vec![Period { from: start, end }]
    };
    let first = facts
        .ended_by
        .iter()
        .map(|&(by, day)| (day, by, Reason::SupersededBy(by)))
        .chain(
            facts
                .ended_by_related
                .iter()
                .map(|&(by, day, relation)| (day, by, Reason::Related { by, relation })),
        )
        .min_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    if let Some((day, _, reason)) = first {
        supersede(&mut periods, reason, day);
    }
    Force { periods }
}

/// Periods from dated statuses: each status holds from its date to the
/// next one's. The first status was recorded on its date, not necessarily
/// written then: if it ends force and the policy took force before it was
/// recorded, that end is not dated.
fn dated(start: Date, timeline: &[StatusAt], rules: &Rules) -> Vec<Period> {
    let mut periods = Vec::new();
    let mut since: Option<Date> = None;
    for (i, s) in timeline.iter().enumerate() {
        let ends = rules.ends(&s.status, s.current_status.as_ref());
        match (ends, since) {
            (None, None) => {
                since = Some(if i == 0 {
                    start
                } else {
                    Date::day(s.date).max(start)
                })
            }
            (None, Some(_)) => {}
            (Some(reason), Some(from)) => {
                if Date::day(s.date) > from {
                    periods.push(Period {
                        from,
                        end: Some(End {
                            when: When::On(Date::day(s.date)),
                            reason,
                        }),
                    });
                }
                since = None;
            }
            (Some(reason), None) if i == 0 && start < Date::day(s.date) => periods.push(Period {
                from: start,
                end: Some(End {
                    when: When::NotRecorded {
                        by: Some(Date::day(s.date)),
                    },
                    reason,
                }),
            }),
            (Some(_), None) => {}
        }
    }
    if let Some(from) = since {
        periods.push(Period { from, end: None });
    }
    periods
}

/// Ends every period at `day`, when the policy that supersedes or revokes
/// it took force.
fn supersede(periods: &mut Vec<Period>, reason: Reason, day: Date) {
    // A period is gone only if it surely began once the successor had
    // taken force: two policies known only to the same month may have
    // followed each other in it, and neither is said never in force.
    periods.retain(|p| day.end() > p.from.start());
    for p in periods.iter_mut() {
        let superseded = Some(End {
            when: When::On(day),
            reason: reason.clone(),
        });
        match p.end.as_mut() {
            None => p.end = superseded,
            Some(End {
                when: When::On(end),
                ..
            }) if *end > day => p.end = superseded,
            Some(End {
                when: When::NotRecorded { by },
                ..
            }) => *by = Some(by.map_or(day, |b| b.min(day))),
            Some(_) => {}
        }
    }
}

/// The day a policy took force, if it did: its effective date, else the
/// day it was announced.
pub fn start(policy: &Policy, rules: &Rules) -> Option<Date> {
    (!rules.is_pending(&policy.status)).then(|| policy.effective.unwrap_or(policy.announced))
}

/// The periods of every policy of a site, parallel to
/// [`Corpus::policies`]. `timeline` gives a policy's dated statuses when
/// the site has a history (an empty slice otherwise).
pub fn all<'a>(
    corpus: &Corpus,
    graph: &Graph,
    rules: &Rules,
    timeline: impl Fn(PolicyIx) -> &'a [StatusAt],
) -> Vec<Force> {
    corpus
        .policies
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let ix = PolicyIx(i as u32);
            let ended_by = graph.policies[i]
                .superseded_by
                .iter()
                .filter_map(|b| {
                    let b = &corpus.policies[b.get()];
                    start(b, rules).map(|day| (b.id, day))
                })
                .collect();
            let ended_by_related = graph.policies[i]
                .ended_by
                .iter()
                .filter_map(|&(b, relation)| {
                    let b = &corpus.policies[b.get()];
                    start(b, rules).map(|day| (b.id, day, relation))
                })
                .collect();
            let facts = Facts {
                announced: p.announced,
                effective: p.effective,
                status: &p.status,
                current_status: p.current_status.as_ref(),
                timeline: timeline(ix),
                ended_by,
                ended_by_related,
            };
            periods(&facts, rules)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Id;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date")
    }

    fn d(s: &str) -> Date {
        Date::day(day(s))
    }

    fn terms(v: &[&str]) -> Vec<Term> {
        v.iter().map(|s| Term(s.to_string())).collect()
    }

    fn at(date: &str, status: &[&str], current: Option<&str>) -> StatusAt {
        StatusAt {
            date: day(date),
            status: terms(status),
            current_status: current.map(|c| Term(c.to_string())),
        }
    }

    fn facts<'a>(
        effective: &str,
        status: &'a [Term],
        current: Option<&'a Term>,
        timeline: &'a [StatusAt],
    ) -> Facts<'a> {
        Facts {
            announced: d("2020-01-01"),
            effective: Some(d(effective)),
            status,
            current_status: current,
            timeline,
            ended_by: Vec::new(),
            ended_by_related: Vec::new(),
        }
    }

    fn until(from: &str, end: &str, reason: Reason) -> Period {
        Period {
            from: d(from),
            end: Some(End {
                when: When::On(d(end)),
                reason,
            }),
        }
    }

    /// A superseded by B: A's force ends the day B takes force, and B is
    /// in force from then on.
    #[test]
    fn superseded_policy_ends_when_its_successor_takes_force() {
        let status = terms(&["Final/Actual"]);
        let mut a = facts("2021-03-01", &status, None, &[]);
        a.ended_by = vec![
            (PolicyId(Id::number(2).unwrap()), d("2024-06-01")),
            (PolicyId(Id::number(3).unwrap()), d("2025-01-01")),
        ];
        let b = facts("2024-06-01", &status, None, &[]);
        let (a, b) = (
            periods(&a, &Rules::default()),
            periods(&b, &Rules::default()),
        );
        assert_eq!(
            a.periods,
            vec![until(
                "2021-03-01",
                "2024-06-01",
                Reason::SupersededBy(PolicyId(Id::number(2).unwrap()))
            )]
        );
        assert_eq!(a.on(day("2024-05-31")), Some(true));
        assert_eq!(a.on(day("2024-06-01")), Some(false));
        assert_eq!(a.on(day("2021-02-28")), Some(false));
        assert_eq!(b.on(day("2024-06-01")), Some(true));
        assert_eq!(b.on(day("2024-05-31")), Some(false));
    }

    /// Two orders of one month, the second superseding the first: the
    /// first may have been in force for part of it, and is not said never
    /// to have been.
    #[test]
    fn a_successor_of_the_same_month_does_not_make_a_policy_never_in_force() {
        let status = terms(&["Final/Actual"]);
        let month = |s: &str| Date::parse(s).unwrap();
        let mut a = facts("2021-03-01", &status, None, &[]);
        a.announced = month("1948-06");
        a.effective = None;
        a.ended_by = vec![(PolicyId(Id::number(2).unwrap()), month("1948-06"))];
        let a = periods(&a, &Rules::default());
        assert_eq!(a.periods.len(), 1, "{a:?}");
        assert_eq!(a.periods[0].from, month("1948-06"));
        // Known to the day, a successor of the same day still ends it at once.
        let mut b = facts("2021-03-01", &status, None, &[]);
        b.ended_by = vec![(PolicyId(Id::number(2).unwrap()), d("2021-03-01"))];
        assert!(periods(&b, &Rules::default()).periods.is_empty());
    }

    /// C rescinded, front matter only: it was in force from its effective
    /// date, and ended on a day the entry does not give.
    #[test]
    fn rescinded_without_history_ends_on_a_day_not_recorded() {
        let status = terms(&["Final/Actual", "Rescinded"]);
        let c = periods(&facts("2019-05-01", &status, None, &[]), &Rules::default());
        assert_eq!(
            c.periods,
            vec![Period {
                from: d("2019-05-01"),
                end: Some(End {
                    when: When::NotRecorded { by: None },
                    reason: Reason::Status(Term("Rescinded".into())),
                }),
            }]
        );
        assert_eq!(c.on(day("2019-04-30")), Some(false));
        assert_eq!(c.on(day("2022-01-01")), None);
    }

    /// C rescinded, with its history: the end is the day the status was
    /// committed.
    #[test]
    fn rescinded_with_history_ends_on_the_day_it_was_recorded() {
        let status = terms(&["Final/Actual", "Rescinded"]);
        let timeline = [
            at("2019-05-02", &["Final/Actual"], None),
            at("2023-02-10", &["Final/Actual", "Rescinded"], None),
        ];
        let c = periods(
            &facts("2019-05-01", &status, None, &timeline),
            &Rules::default(),
        );
        assert_eq!(
            c.periods,
            vec![until(
                "2019-05-01",
                "2023-02-10",
                Reason::Status(Term("Rescinded".into()))
            )]
        );
        assert_eq!(c.on(day("2023-02-09")), Some(true));
        assert_eq!(c.on(day("2023-02-10")), Some(false));
    }

    /// D enjoined, then reinstated: two periods, with the gap between.
    #[test]
    fn enjoined_then_reinstated_has_two_periods() {
        let status = terms(&["Final/Actual", "In Litigation"]);
        let timeline = [
            at("2025-01-20", &["Final/Actual"], Some("Fully in Effect")),
            at(
                "2025-02-14",
                &["Final/Actual", "Enjoined/Vacated"],
                Some("Not in Effect"),
            ),
            at("2025-07-01", &["Final/Actual", "In Litigation"], None),
        ];
        let force = periods(
            &facts("2025-01-20", &status, None, &timeline),
            &Rules::default(),
        );
        assert_eq!(
            force.periods,
            vec![
                until(
                    "2025-01-20",
                    "2025-02-14",
                    Reason::Status(Term("Enjoined/Vacated".into()))
                ),
                Period {
                    from: d("2025-07-01"),
                    end: None
                },
            ]
        );
        assert_eq!(force.on(day("2025-02-13")), Some(true));
        assert_eq!(force.on(day("2025-03-01")), Some(false));
        assert_eq!(force.on(day("2025-07-01")), Some(true));
    }

    /// Without its history, D says only what holds now: it is in force.
    #[test]
    fn reinstated_without_history_is_in_force_from_its_effective_date() {
        let status = terms(&["Final/Actual", "In Litigation"]);
        let force = periods(&facts("2025-01-20", &status, None, &[]), &Rules::default());
        assert_eq!(
            force.periods,
            vec![Period {
                from: d("2025-01-20"),
                end: None
            }]
        );
    }

    /// A timeline that does not end with the status written now (a change
    /// not committed) is not used.
    #[test]
    fn a_timeline_behind_the_front_matter_is_not_used() {
        let status = terms(&["Final/Actual", "Rescinded"]);
        let timeline = [at("2019-05-02", &["Final/Actual"], None)];
        let c = periods(
            &facts("2019-05-01", &status, None, &timeline),
            &Rules::default(),
        );
        assert_eq!(
            c.periods[0].end.as_ref().map(|e| e.when),
            Some(When::NotRecorded { by: None })
        );
    }

    /// Recorded already ending force, after it took force: the end is not
    /// dated, but it happened by the day it was recorded.
    #[test]
    fn first_recorded_as_ended_is_ended_by_that_day() {
        let status = terms(&["Final/Actual", "Rescinded"]);
        let timeline = [at("2024-01-05", &["Final/Actual", "Rescinded"], None)];
        let c = periods(
            &facts("2019-05-01", &status, None, &timeline),
            &Rules::default(),
        );
        assert_eq!(
            c.periods[0].end.as_ref().map(|e| e.when),
            Some(When::NotRecorded {
                by: Some(d("2024-01-05"))
            })
        );
        assert_eq!(c.on(day("2020-01-01")), None);
        assert_eq!(c.on(day("2024-01-05")), Some(false));
    }

    /// A current status that keeps force decides over the status list; one
    /// that ends force names the ending status when there is one.
    #[test]
    fn current_status_decides() {
        let rules = Rules::default();
        let partially = Term("Partially in Effect".into());
        let not = Term("Not in Effect".into());
        let enjoined = terms(&["Final/Actual", "Enjoined/Vacated"]);
        assert_eq!(rules.ends(&enjoined, Some(&partially)), None);
        assert_eq!(
            rules.ends(&enjoined, Some(&not)),
            Some(Reason::Status(Term("Enjoined/Vacated".into())))
        );
        assert_eq!(
            rules.ends(&terms(&["Final/Actual"]), Some(&not)),
            Some(Reason::CurrentStatus(not.clone()))
        );
    }

    #[test]
    fn a_proposed_policy_never_took_force() {
        let status = terms(&["Proposed"]);
        let force = periods(&facts("2025-01-01", &status, None, &[]), &Rules::default());
        assert!(force.periods.is_empty());
        assert_eq!(force.on(day("2025-06-01")), Some(false));
    }

    /// A supersession ends even a period whose end by status is not dated.
    #[test]
    fn supersession_bounds_an_end_not_recorded() {
        let status = terms(&["Final/Actual", "Rescinded"]);
        let mut c = facts("2019-05-01", &status, None, &[]);
        c.ended_by = vec![(PolicyId(Id::number(9).unwrap()), d("2022-01-01"))];
        let force = periods(&c, &Rules::default());
        assert_eq!(force.on(day("2021-01-01")), None);
        assert_eq!(force.on(day("2022-01-01")), Some(false));
    }
}
