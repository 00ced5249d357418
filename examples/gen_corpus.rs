//! Writes a generated docket site of N entries, for benchmarks and tests.
//!
//! ```text
//! cargo run --release --example gen_corpus -- N DIR [--seed S]
//! ```
//!
//! The site is complete: `docket.toml` with the tracker's vocabularies, a
//! copy of the default theme and N entries (about 60% policies, 25% court
//! actions grouped into cases, 15% commentary). The same N and seed always
//! give the same bytes. The relations have the fan-in of a real tracker: a
//! few executive orders carry dozens (at 100,000 entries, hundreds) of
//! derivative policies, supersession forms chains, a few policies are
//! challenged by many filings and commentary is about several policies.
//! Supersession always goes from a later to an earlier announcement, so a
//! generated site passes `docket check` without errors and nearly without
//! warnings.
//!
//! DIR must be empty, missing, or an earlier output of this generator (it
//! holds a `.docket-corpus` marker), which is then replaced.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Datelike, Duration, NaiveDate};
use docket::slug::slugify;

/// Changes whenever the output for a given N and seed changes, so that a
/// cached corpus (see `bench/run`) can tell it is stale.
const GENERATOR_VERSION: u32 = 1;
const MARKER: &str = ".docket-corpus";

fn main() -> ExitCode {
    match parse_args(std::env::args().skip(1)) {
        Ok((n, dir, seed)) => match generate(n, &dir, seed) {
            Ok(()) => {
                eprintln!("wrote {n} entries (seed {seed}) to {}", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("gen_corpus: {e}");
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("gen_corpus: {e}\nusage: gen_corpus N DIR [--seed S]");
            ExitCode::from(2)
        }
    }
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<(usize, PathBuf, u64), String> {
    let mut positional = Vec::new();
    let mut seed = 1;
    while let Some(a) = args.next() {
        if a == "--seed" {
            let s = args.next().ok_or("--seed needs a number")?;
            seed = s.parse().map_err(|_| format!("bad seed {s:?}"))?;
        } else if let Some(s) = a.strip_prefix("--seed=") {
            seed = s.parse().map_err(|_| format!("bad seed {s:?}"))?;
        } else {
            positional.push(a);
        }
    }
    let [n, dir] = <[String; 2]>::try_from(positional).map_err(|_| "expected N and DIR")?;
    let n = n
        .replace('_', "")
        .parse()
        .map_err(|_| format!("N must be a whole number, not {n:?}"))?;
    Ok((n, PathBuf::from(dir), seed))
}

// ---------------------------------------------------------------------------
// Randomness: splitmix64, enough for test data and free of dependencies.

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..1`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n`; `n` must not be 0.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }

    /// An index in `0..n` that favours the low end: index 0 comes up about
    /// `1/sqrt(n)` of the time. This gives the long tail of fan-in.
    fn skewed(&mut self, n: usize) -> usize {
        let u = self.unit();
        ((u * u * n as f64) as usize).min(n - 1)
    }

    /// `k` distinct values of `xs` (fewer if `xs` is short), favouring the
    /// front of `xs`, in the order of `xs`.
    fn some<'a>(&mut self, xs: &[&'a str], k: usize) -> Vec<&'a str> {
        let mut chosen: Vec<usize> = Vec::new();
        let mut tries = 0;
        while chosen.len() < k.min(xs.len()) && tries < 50 {
            let i = self.skewed(xs.len());
            if !chosen.contains(&i) {
                chosen.push(i);
            }
            tries += 1;
        }
        chosen.sort_unstable();
        chosen.into_iter().map(|i| xs[i]).collect()
    }
}

// ---------------------------------------------------------------------------
// The model of the generated site, decided in full before anything is written.

struct Policy {
    id: u32,
    title: String,
    administration: &'static str,
    announced: NaiveDate,
    eo: bool,
    action: &'static str,
    supersedes: Vec<usize>,
    implements: Vec<usize>,
    superseded: bool,
    challenged: bool,
    enjoined: bool,
    about: bool,
    derivatives: usize,
}

struct CourtAction {
    id: u32,
    case: usize,
    filing: &'static str,
    date: NaiveDate,
}

struct Case {
    name: String,
    short: String,
    docket: String,
    court: &'static str,
    challenges: Vec<usize>,
    filings: Vec<usize>,
}

struct Commentary {
    id: u32,
    title: String,
    source: &'static str,
    date: NaiveDate,
    about: Vec<usize>,
}

struct Model {
    policies: Vec<Policy>,
    court_actions: Vec<CourtAction>,
    cases: Vec<Case>,
    commentary: Vec<Commentary>,
}

struct Administration {
    name: &'static str,
    /// First day in office.
    start: (i32, u32, u32),
    /// Share of the policies announced under it.
    share: f64,
    /// Secretary of Homeland Security, the usual defendant.
    secretary: &'static str,
}

const fn admin(
    name: &'static str,
    start: (i32, u32, u32),
    share: f64,
    secretary: &'static str,
) -> Administration {
    Administration {
        name,
        start,
        share,
        secretary,
    }
}

const ADMINISTRATIONS: [Administration; 4] = [
    admin("Obama", (2009, 1, 20), 0.15, "Johnson"),
    admin("Trump 1.0", (2017, 1, 20), 0.35, "Nielsen"),
    admin("Biden", (2021, 1, 20), 0.20, "Mayorkas"),
    admin("Trump 2.0", (2025, 1, 20), 0.30, "Noem"),
];

fn ymd((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn last_day() -> NaiveDate {
    ymd((2026, 6, 30))
}

/// The administration in office on `date`, with its index.
fn administration(date: NaiveDate) -> usize {
    ADMINISTRATIONS
        .iter()
        .rposition(|a| ymd(a.start) <= date)
        .unwrap_or(0)
}

/// Later of `date + days` and never past the last day of the corpus.
fn after(date: NaiveDate, days: usize) -> NaiveDate {
    (date + Duration::days(days as i64)).min(last_day())
}

fn plan(n: usize, rng: &mut Rng) -> Model {
    let mut n_pol = (n * 60).div_ceil(100);
    let mut n_ca = n * 25 / 100;
    if n < 4 {
        n_pol = n;
        n_ca = 0;
    }
    let n_com = n - n_pol - n_ca;
    let mut policies = plan_policies(n_pol, rng);
    let (cases, court_actions) = plan_cases(n_ca, &mut policies, rng);
    let mut commentary = plan_commentary(n_com, &mut policies, rng);
    link_lonely(&mut policies, &mut commentary, rng);
    Model {
        policies,
        court_actions,
        cases,
        commentary,
    }
}

fn plan_policies(n: usize, rng: &mut Rng) -> Vec<Policy> {
    let mut dates: Vec<NaiveDate> = (0..n)
        .map(|_| {
            let mut u = rng.unit();
            let mut a = 0;
            while a + 1 < ADMINISTRATIONS.len() && u >= ADMINISTRATIONS[a].share {
                u -= ADMINISTRATIONS[a].share;
                a += 1;
            }
            let start = ymd(ADMINISTRATIONS[a].start);
            let end = ADMINISTRATIONS
                .get(a + 1)
                .map_or(last_day(), |next| ymd(next.start) - Duration::days(1));
            let span = (end - start).num_days() as usize;
            start + Duration::days(rng.below(span + 1) as i64)
        })
        .collect();
    dates.sort_unstable();
    let mut policies: Vec<Policy> = Vec::with_capacity(n);
    // Executive orders seen so far, per administration, in date order.
    let mut orders: [Vec<usize>; 4] = Default::default();
    // The newest policy of each supersession chain.
    let mut chains: Vec<usize> = Vec::new();
    for (i, &announced) in dates.iter().enumerate() {
        let a = administration(announced);
        let day_one = (announced - ymd(ADMINISTRATIONS[a].start)).num_days() < 30;
        let eo = rng.chance(if day_one { 0.3 } else { 0.025 });
        let action = if eo {
            "Presidential Order"
        } else {
            rng.pick(&[
                "Rule",
                "Rule",
                "Agency Directive",
                "Agency Directive",
                "Agency Directive",
                "Change in Practice",
                "Change in Practice",
                "Adjudication",
                "Forms and Information Collection",
                "Data and Reports",
            ])
        };
        let mut p = Policy {
            id: i as u32 + 1,
            title: policy_title(action, rng),
            administration: ADMINISTRATIONS[a].name,
            announced,
            eo,
            action,
            supersedes: Vec::new(),
            implements: Vec::new(),
            superseded: false,
            challenged: false,
            enjoined: false,
            about: false,
            derivatives: 0,
        };
        if !eo && !orders[a].is_empty() && rng.chance(0.55) {
            // Early orders of an administration get most derivatives.
            let parent = orders[a][rng.skewed(orders[a].len())];
            p.implements.push(parent);
            policies[parent].derivatives += 1;
            if rng.chance(0.08) {
                let second = orders[a][rng.below(orders[a].len())];
                if second != parent {
                    p.implements.push(second);
                    policies[second].derivatives += 1;
                }
            }
        }
        if !chains.is_empty() && rng.chance(0.2) {
            let c = rng.below(chains.len());
            let old = chains[c];
            if policies[old].announced < announced {
                p.supersedes.push(old);
                policies[old].superseded = true;
                if rng.chance(0.1) {
                    // Two chains merge into this one.
                    let other = chains[rng.below(chains.len())];
                    if other != old && policies[other].announced < announced {
                        p.supersedes.push(other);
                        policies[other].superseded = true;
                    }
                }
                chains[c] = i;
            }
        } else if rng.chance(0.3) {
            chains.push(i);
        }
        if eo {
            orders[a].push(i);
        }
        policies.push(p);
    }
    policies
}

fn plan_cases(n: usize, policies: &mut [Policy], rng: &mut Rng) -> (Vec<Case>, Vec<CourtAction>) {
    let mut cases = Vec::new();
    let mut actions: Vec<CourtAction> = Vec::with_capacity(n);
    if policies.is_empty() {
        return (cases, actions);
    }
    // A fixed shuffle: the first policies of it are the most challenged.
    let hot = shuffled(policies.len(), rng);
    while actions.len() < n {
        let filings = (1 + rng.skewed(12)).min(n - actions.len());
        let first = hot[rng.skewed(hot.len())];
        let mut challenges = vec![first];
        for _ in 0..rng.skewed(3) {
            let other = rng.below(policies.len());
            if !challenges.contains(&other) {
                challenges.push(other);
            }
        }
        challenges.sort_unstable();
        let latest = challenges
            .iter()
            .map(|&p| policies[p].announced)
            .max()
            .unwrap_or_else(last_day);
        let mut date = after(latest, rng.between(3, 90));
        let a = administration(date);
        let (plaintiff, short) = rng.pick(PLAINTIFFS);
        let defendant = ADMINISTRATIONS[a].secretary;
        let court = rng.pick(COURTS);
        let docket = format!(
            "{}:{:02}-cv-{:05}",
            rng.between(1, 3),
            date.year() % 100,
            cases.len() + 1
        );
        let c = cases.len();
        let mut case = Case {
            name: format!("{plaintiff} v. {defendant}"),
            short: format!("{short} v. {defendant}"),
            docket,
            court,
            challenges: challenges.clone(),
            filings: Vec::new(),
        };
        for k in 0..filings {
            let filing = if k == 0 {
                "Complaint"
            } else {
                rng.pick(&[
                    "TRO",
                    "Preliminary Injunction",
                    "Preliminary Injunction",
                    "Ruling",
                    "Ruling",
                    "Appeal",
                    "Settlement",
                ])
            };
            if matches!(filing, "TRO" | "Preliminary Injunction") {
                for &p in &challenges {
                    policies[p].enjoined |= rng.chance(0.5);
                }
            }
            case.filings.push(actions.len());
            actions.push(CourtAction {
                id: actions.len() as u32 + 1,
                case: c,
                filing,
                date,
            });
            date = after(date, rng.between(5, 120));
        }
        for &p in &challenges {
            policies[p].challenged = true;
        }
        cases.push(case);
    }
    (cases, actions)
}

fn plan_commentary(n: usize, policies: &mut [Policy], rng: &mut Rng) -> Vec<Commentary> {
    let mut out = Vec::with_capacity(n);
    if policies.is_empty() {
        return out;
    }
    let hot = shuffled(policies.len(), rng);
    for i in 0..n {
        let mut about = vec![hot[rng.skewed(hot.len())]];
        for _ in 0..rng.skewed(4) {
            let other = rng.below(policies.len());
            if !about.contains(&other) {
                about.push(other);
            }
        }
        about.sort_unstable();
        for &p in &about {
            policies[p].about = true;
        }
        let latest = about
            .iter()
            .map(|&p| policies[p].announced)
            .max()
            .unwrap_or_else(last_day);
        let first = &policies[about[0]];
        let title = rng.pick(COMMENTARY_TITLES).replace("{}", &first.title);
        out.push(Commentary {
            id: i as u32 + 1,
            title,
            source: rng.pick(SOURCES),
            date: after(latest, rng.between(1, 60)),
            about,
        });
    }
    out
}

/// Gives every policy that nothing relates to a relation, so that checking
/// a generated site does not drown in "unlinked" warnings.
fn link_lonely(policies: &mut [Policy], commentary: &mut [Commentary], rng: &mut Rng) {
    let mut last_order: Option<usize> = None;
    for i in 0..policies.len() {
        let p = &policies[i];
        let lonely = p.supersedes.is_empty()
            && p.implements.is_empty()
            && !p.superseded
            && !p.challenged
            && !p.about
            && p.derivatives == 0;
        if lonely {
            if let Some(o) = last_order.filter(|_| !p.eo) {
                policies[i].implements.push(o);
                policies[o].derivatives += 1;
            } else if !commentary.is_empty() {
                let c = rng.below(commentary.len());
                commentary[c].about.push(i);
                commentary[c].about.sort_unstable();
                policies[i].about = true;
            }
        }
        if policies[i].eo {
            last_order = Some(i);
        }
    }
}

fn shuffled(n: usize, rng: &mut Rng) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        v.swap(i, rng.below(i + 1));
    }
    v
}

// ---------------------------------------------------------------------------
// Words.

const TOPICS: &[&str] = &[
    "Asylum Cooperative Agreements with Guatemala & Honduras",
    "\"Remain in Mexico\" (Migrant Protection Protocols)",
    "Public Charge Inadmissibility",
    "Expedited Removal in the Interior",
    "Temporary Protected Status for Venezuela",
    "Protección Temporal para Haití",
    "H-1B Specialty Occupation Wages",
    "H-2B Visas for Seasonal Café & Restaurant Workers",
    "Family Detention at Dilley & Karnes",
    "Unaccompanied Children's Sponsors",
    "Deferred Action for Childhood Arrivals",
    "Refugee Admissions Ceiling",
    "Naturalization Civics Test",
    "Fee Waivers & Reduced Fees",
    "287(g) Agreements with State & Local Police",
    "\"Sanctuary\" Jurisdiction Grants",
    "U Visa Bona Fide Determinations",
    "Credible Fear Screenings",
    "Metering at Ports of Entry",
    "Immigration Court Case Completion Quotas",
    "Employment Authorization for Asylum Seekers",
    "Visa Bond Pilot Program",
    "Alien Registration",
    "Parole Programs for Cubans, Haitians, Nicaraguans & Venezuelans",
    "Special Immigrant Juvenile Status",
    "Social Media Vetting of Visa Applicants",
    "Biometrics Collection",
    "Courthouse Arrests",
    "Victim-Centered Enforcement",
    "Régularisation of Long-Term Residents",
    "Zoë's Law: Protections for Survivors",
    "E-Verify for Federal Contractors",
    "Third-Country Removals",
    "Detention Standards & Medical Care",
    "Travel Restrictions on Nationals of Designated Countries",
    "Birthright Citizenship",
    "Asylum Processing Rule",
    "CHNV Parole Termination",
    "Vetting of \"High-Risk\" Applicants",
    "Naïve Applicant Protections in Removal Proceedings",
];

const PREFIXES: &[(&str, &[&str])] = &[
    (
        "Presidential Order",
        &[
            "Executive Order on ",
            "Proclamation: ",
            "Presidential Memorandum on ",
            "Securing the Border: ",
            "Protecting the American People: ",
        ],
    ),
    (
        "Rule",
        &[
            "Final Rule: ",
            "Interim Final Rule on ",
            "Notice of Proposed Rulemaking: ",
            "",
        ],
    ),
    (
        "Agency Directive",
        &[
            "ICE Directive on ",
            "USCIS Policy Memorandum: ",
            "CBP Guidance on ",
            "DHS Memorandum on ",
            "EOIR Policy Memo: ",
        ],
    ),
    (
        "Change in Practice",
        &["Reported Change in ", "New Practice on ", "Ending "],
    ),
    (
        "Adjudication",
        &["Matter of ", "AG Decision on ", "BIA Precedent on "],
    ),
    (
        "Forms and Information Collection",
        &["Revised Form for ", "New Edition of the Form on "],
    ),
    ("Data and Reports", &["Report on ", "Data Release: "]),
];

const SUFFIXES: &[&str] = &[
    "",
    "",
    "",
    " (Revised)",
    " & Related Guidance",
    ", Phase II",
    " — Implementation Guidance",
    " for Fiscal Year 2026",
];

/// Plaintiffs, as in the name of a case and as in the title of a filing.
const PLAINTIFFS: &[(&str, &str)] = &[
    ("Immigration Center for Women and Children", "ICWC"),
    (
        "Asociación de Trabajadores Agrícolas",
        "Asociación de Trabajadores",
    ),
    ("Doe & Roe", "Doe & Roe"),
    ("American Immigration Council", "AIC"),
    ("Ramírez et al.", "Ramírez"),
    ("National TPS Alliance", "National TPS Alliance"),
    ("State of Washington", "Washington"),
    ("Coalition for Humane Immigrant Rights", "CHIRLA"),
    ("Las Américas Immigrant Advocacy Center", "Las Américas"),
    (
        "Refugee & Immigrant Center for Education and Legal Services",
        "RAICES",
    ),
    ("Zoë García", "García"),
    ("East Bay Sanctuary Covenant", "East Bay Sanctuary Covenant"),
    ("O.A.", "O.A."),
    ("City & County of San Francisco", "San Francisco"),
    ("Kids in Need of Defense", "KIND"),
    ("Nuñez", "Nuñez"),
];

const COURTS: &[&str] = &[
    "D.D.C.",
    "N.D. Cal.",
    "C.D. Cal.",
    "S.D.N.Y.",
    "E.D.N.Y.",
    "D. Mass.",
    "W.D. Wash.",
    "S.D. Tex.",
    "W.D. Tex.",
    "D. Md.",
    "9th Cir.",
    "5th Cir.",
    "D.C. Cir.",
];

const SOURCES: &[&str] = &[
    "American Immigration Lawyers Association (AILA)",
    "Migration Policy Institute",
    "National Immigration Law Center",
    "Center for Immigration Studies",
    "Congressional Research Service",
    "Immigrant Legal Resource Center",
    "Cato Institute",
    "Bipartisan Policy Center",
    "Le Monde diplomatique",
    "TRAC Immigration",
];

/// Titles of commentary; `{}` is the title of the first policy it is about.
const COMMENTARY_TITLES: &[&str] = &[
    "AILA Practice Alert: {}",
    "Analysis: {}",
    "Explainer — {} and What Comes Next",
    "What \"{}\" Means for Your Clients",
    "Q&A: {}",
    "Fact Sheet: {}",
    "{}: A First Look",
];

const SUBJECTS: &[&str] = &[
    "Interior Enforcement",
    "Border",
    "Asylum, Withholding and CAT",
    "Enforcement",
    "Detention",
    "Humanitarian",
    "Non-Immigrant Visas",
    "Immigrant Visas",
    "Hearings and Adjudications",
    "Refugees",
    "TPS",
    "Minors",
    "DACA",
    "Citizenship",
    "Naturalization",
    "Employment Verification",
    "Sanctuary Restrictions",
    "U/T/VAWA",
    "Interior",
    "Other",
];

const AGENCIES: &[&str] = &[
    "DHS",
    "ICE",
    "USCIS",
    "CBP",
    "DOJ",
    "EOIR",
    "DOS",
    "HHS",
    "ORR",
    "State & Local Entities",
    "AG",
    "DOD",
    "SSA",
    "CDC",
    "FEMA",
    "Other",
];

const SUBJECT_WORDS: &[&str] = &[
    "The agency",
    "The department",
    "This guidance",
    "The rule",
    "Officers in the field",
    "The memorandum",
    "Adjudicators",
    "The order",
];

const VERBS: &[&str] = &[
    "directs",
    "narrows",
    "expands",
    "clarifies",
    "rescinds",
    "restores",
    "limits",
    "requires",
    "changes",
    "defers",
];

const OBJECTS: &[&str] = &[
    "the standard for discretionary relief",
    "the use of expedited removal",
    "eligibility for employment authorization",
    "the screening of asylum seekers at the border",
    "the treatment of pending applications",
    "cooperation with state and local law enforcement",
    "the collection of biometrics from applicants",
    "the processing of fee waiver requests",
    "custody determinations for families",
    "the priorities for civil enforcement",
];

const QUALIFIERS: &[&str] = &[
    "for people already in removal proceedings",
    "with immediate effect",
    "after a sixty-day comment period",
    "except where a court order applies",
    "in every field office",
    "at ports of entry along the southern border",
    "for applicants who filed before the effective date",
    "subject to the availability of funds",
    "as the statute requires",
    "without notice to the people affected",
];

const EMPHASIS: &[&str] = &[
    "*prima facie* eligible applicants",
    "**all** pending cases",
    "decisions made *sua sponte*",
    "requests filed **within 30 days**",
    "*bona fide* petitions",
    "_de facto_ revocations",
    "findings that are **not** reviewable",
];

fn policy_title(action: &str, rng: &mut Rng) -> String {
    let prefixes = PREFIXES
        .iter()
        .find(|(a, _)| *a == action)
        .map_or(&[""][..], |(_, p)| p);
    format!(
        "{}{}{}",
        rng.pick(prefixes),
        rng.pick(TOPICS),
        rng.pick(SUFFIXES)
    )
}

// ---------------------------------------------------------------------------
// Bodies.

/// Where links in a body may point: every id here exists.
struct Links<'a> {
    policies: &'a [usize],
    court_actions: &'a [u32],
    n_policies: usize,
}

fn sentence(rng: &mut Rng, out: &mut String) -> usize {
    let s = format!(
        "{} {} {} {}.",
        rng.pick(SUBJECT_WORDS),
        rng.pick(VERBS),
        rng.pick(OBJECTS),
        rng.pick(QUALIFIERS)
    );
    let s = if rng.chance(0.25) {
        format!("{s} This applies to {}.", rng.pick(EMPHASIS))
    } else {
        s
    };
    let words = s.split_whitespace().count();
    out.push_str(&s);
    words
}

fn paragraph(rng: &mut Rng, out: &mut String, links: &Links, policies: &[Policy]) -> usize {
    let mut words = 0;
    for k in 0..rng.between(2, 5) {
        if k > 0 {
            out.push(' ');
        }
        words += sentence(rng, out);
    }
    if rng.chance(0.6) {
        let p = if !links.policies.is_empty() && rng.chance(0.7) {
            rng.pick(links.policies)
        } else {
            rng.below(links.n_policies)
        };
        let target = &policies[p];
        let _ = write!(
            out,
            " See [policy {}](policy:{}), announced {}.",
            target.id, target.id, target.announced
        );
        words += 5;
    }
    if !links.court_actions.is_empty() && rng.chance(0.4) {
        let id = rng.pick(links.court_actions);
        let _ = write!(
            out,
            " The [earlier filing](court-action:{id}) set this out."
        );
        words += 6;
    }
    out.push_str("\n\n");
    words
}

fn list(rng: &mut Rng, out: &mut String) -> usize {
    let ordered = rng.chance(0.4);
    let mut words = 0;
    for k in 0..rng.between(3, 6) {
        if ordered {
            let _ = write!(out, "{}. ", k + 1);
        } else {
            out.push_str("- ");
        }
        let item = format!("{} {}", rng.pick(OBJECTS), rng.pick(QUALIFIERS));
        words += item.split_whitespace().count();
        out.push_str(&item);
        out.push_str(";\n");
    }
    out.push('\n');
    words
}

fn table(rng: &mut Rng, out: &mut String) -> usize {
    out.push_str("| Provision | Before | After |\n|---|---|---|\n");
    for _ in 0..rng.between(2, 5) {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            rng.pick(OBJECTS),
            rng.pick(VERBS),
            rng.pick(QUALIFIERS)
        );
    }
    out.push('\n');
    12
}

fn body(rng: &mut Rng, links: &Links, policies: &[Policy], opening: &str) -> String {
    let target = rng.between(150, 600);
    let mut out = String::with_capacity(target * 8);
    out.push_str(opening);
    out.push_str("\n\n");
    let mut words = opening.split_whitespace().count();
    let mut listed = false;
    let mut tabled = false;
    while words < target {
        words += if !listed && words > 40 {
            listed = true;
            list(rng, &mut out)
        } else if !tabled && words > 80 && rng.chance(0.03) {
            tabled = true;
            table(rng, &mut out)
        } else if rng.chance(0.05) {
            out.push_str("## Background\n\n");
            1
        } else {
            paragraph(rng, &mut out, links, policies)
        };
    }
    if rng.chance(0.3) {
        out.push_str("More on the [Federal Register](https://www.federalregister.gov/) and in the agency's own announcement.\n");
    }
    out
}

// ---------------------------------------------------------------------------
// Writing.

/// A TOML basic string.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list_of<T: std::fmt::Display>(xs: impl IntoIterator<Item = T>) -> String {
    let items: Vec<String> = xs.into_iter().map(|x| x.to_string()).collect();
    format!("[{}]", items.join(", "))
}

fn file_name(id: u32, title: &str) -> String {
    let mut slug = slugify(title);
    if slug.len() > 48 {
        slug.truncate(48);
        let trimmed = slug.trim_end_matches('-').len();
        slug.truncate(trimmed);
    }
    format!("{id}-{slug}.md")
}

fn write_policy(m: &Model, i: usize, rng: &mut Rng) -> (String, String) {
    let p = &m.policies[i];
    let mut s = String::from("+++\n");
    let _ = writeln!(s, "id = {}", p.id);
    let _ = writeln!(s, "title = {}", q(&p.title));
    let _ = writeln!(s, "administration = {}", q(p.administration));
    let _ = writeln!(s, "announced = {}", p.announced);
    if rng.chance(0.7) {
        let _ = writeln!(s, "effective = {}", after(p.announced, rng.below(61)));
    }
    let mut status = vec![if p.action == "Rule" && rng.chance(0.15) {
        "Proposed"
    } else if p.action == "Change in Practice" && rng.chance(0.4) {
        "Reported"
    } else {
        "Final/Actual"
    }];
    if p.challenged {
        status.push("In Litigation");
    }
    if p.enjoined {
        status.push("Enjoined/Vacated");
    }
    if p.superseded {
        status.push("Rescinded");
    }
    let _ = writeln!(s, "status = {}", list_of(status.iter().map(|x| q(x))));
    let _ = writeln!(s, "action = {}", q(p.action));
    let k = 1 + rng.skewed(3);
    let _ = writeln!(
        s,
        "subjects = {}",
        list_of(rng.some(SUBJECTS, k).iter().map(|x| q(x)))
    );
    let k = 1 + rng.skewed(3);
    let _ = writeln!(
        s,
        "agencies = {}",
        list_of(rng.some(AGENCIES, k).iter().map(|x| q(x)))
    );
    if rng.chance(0.8) {
        let current = if p.superseded {
            "Not in Effect"
        } else if p.enjoined {
            "Partially in Effect"
        } else {
            "Fully in Effect"
        };
        let _ = writeln!(s, "current_status = {}", q(current));
    }
    if p.eo {
        let _ = writeln!(
            s,
            "identifiers = {{ \"Executive Order\" = \"{}\", \"Federal Register\" = \"{} FR {}\" }}",
            13_000 + p.id,
            74 + p.announced.year() - 2009,
            rng.between(1000, 60000)
        );
    } else if p.action == "Rule" {
        let _ = writeln!(
            s,
            "identifiers = {{ \"RIN\" = \"1615-A{:03}\" }}",
            rng.below(1000)
        );
    } else if p.action == "Agency Directive" && rng.chance(0.5) {
        let _ = writeln!(
            s,
            "identifiers = {{ \"Directive\" = \"11{:03}.{}\" }}",
            rng.below(1000),
            rng.between(1, 5)
        );
    }
    let ids = |xs: &[usize]| list_of(xs.iter().map(|&x| m.policies[x].id));
    if !p.supersedes.is_empty() {
        let _ = writeln!(s, "supersedes = {}", ids(&p.supersedes));
    }
    if !p.implements.is_empty() {
        let _ = writeln!(s, "implements = {}", ids(&p.implements));
    }
    if rng.chance(0.4) {
        let _ = write!(
            s,
            "\n[[documents]]\ntitle = {}\ndate = {}\nurl = \"https://www.federalregister.gov/d/{}-{:05}\"\n",
            q(&format!("{} (Federal Register)", p.title)),
            after(p.announced, rng.below(15)),
            p.announced.year(),
            p.id
        );
    }
    s.push_str("+++\n");
    let related: Vec<usize> = p.implements.iter().chain(&p.supersedes).copied().collect();
    let links = Links {
        policies: &related,
        court_actions: &[],
        n_policies: m.policies.len(),
    };
    let opening = format!(
        "A {} of the {} administration, announced on {}.",
        p.action.to_lowercase(),
        p.administration,
        p.announced.format("%B %-d, %Y")
    );
    s.push_str(&body(rng, &links, &m.policies, &opening));
    let path = format!(
        "policies/{}/{}",
        p.announced.year(),
        file_name(p.id, &p.title)
    );
    (path, s)
}

fn write_court_action(m: &Model, i: usize, rng: &mut Rng) -> (String, String) {
    let c = &m.court_actions[i];
    let case = &m.cases[c.case];
    let title = format!("{} - {}", c.filing, case.short);
    let mut s = String::from("+++\n");
    let _ = writeln!(s, "id = {}", c.id);
    let _ = writeln!(s, "title = {}", q(&title));
    let _ = writeln!(s, "date = {}", c.date);
    let _ = writeln!(s, "case = {}", q(&case.name));
    let _ = writeln!(s, "docket = {}", q(&case.docket));
    let _ = writeln!(s, "court = {}", q(case.court));
    let _ = writeln!(s, "filing = {}", q(c.filing));
    let _ = writeln!(
        s,
        "challenges = {}",
        list_of(case.challenges.iter().map(|&p| m.policies[p].id))
    );
    if rng.chance(0.5) {
        let _ = writeln!(
            s,
            "url = \"https://www.courtlistener.com/?q=docketNumber%3A%22{}%22\"",
            case.docket.replace(':', "%3A")
        );
    }
    if rng.chance(0.2) {
        let _ = write!(
            s,
            "\n[[documents]]\ntitle = {}\ndate = {}\nurl = \"https://storage.courtlistener.com/recap/{}/{}.pdf\"\n",
            q(&format!("{} ({})", c.filing, case.short)),
            c.date,
            slugify(&case.docket),
            c.id
        );
    }
    s.push_str("+++\n");
    let earlier: Vec<u32> = case
        .filings
        .iter()
        .filter(|&&f| m.court_actions[f].id < c.id)
        .map(|&f| m.court_actions[f].id)
        .collect();
    let links = Links {
        policies: &case.challenges,
        court_actions: &earlier,
        n_policies: m.policies.len(),
    };
    let opening = format!(
        "*{}*, No. {} ({}): {} filed on {}.",
        case.name,
        case.docket,
        case.court,
        c.filing.to_lowercase(),
        c.date.format("%B %-d, %Y")
    );
    s.push_str(&body(rng, &links, &m.policies, &opening));
    (format!("court-actions/{}", file_name(c.id, &title)), s)
}

fn write_commentary(m: &Model, i: usize, rng: &mut Rng) -> (String, String) {
    let c = &m.commentary[i];
    let mut s = String::from("+++\n");
    let _ = writeln!(s, "id = {}", c.id);
    let _ = writeln!(s, "title = {}", q(&c.title));
    let _ = writeln!(s, "date = {}", c.date);
    let _ = writeln!(s, "source = {}", q(c.source));
    if rng.chance(0.8) {
        let _ = writeln!(s, "url = \"https://example.org/commentary/{}\"", c.id);
    }
    let _ = writeln!(
        s,
        "about = {}",
        list_of(c.about.iter().map(|&p| m.policies[p].id))
    );
    s.push_str("+++\n");
    let links = Links {
        policies: &c.about,
        court_actions: &[],
        n_policies: m.policies.len(),
    };
    let opening = format!("{} looks at {} policies.", c.source, c.about.len());
    s.push_str(&body(rng, &links, &m.policies, &opening));
    (format!("commentary/{}", file_name(c.id, &c.title)), s)
}

const DOCKET_TOML: &str = r#"# A generated site (examples/gen_corpus.rs), with the tracker's vocabularies.

title = "Generated Policy Tracker"
base_url = "https://example.org/tracker/"
description = "A generated docket site for benchmarks and tests: policies, the court actions that challenge them and the commentary about them."
language = "en"
theme = "default"

[vocabulary]
administrations = ["Obama", "Trump 1.0", "Biden", "Trump 2.0"]
statuses = ["Proposed", "Final/Actual", "Reported", "In Litigation", "Enjoined/Vacated", "Rescinded", "Expired"]
actions = ["Presidential Order", "Rule", "Agency Directive", "Change in Practice", "Adjudication", "Forms and Information Collection", "Data and Reports"]
current_statuses = ["Fully in Effect", "Partially in Effect", "Not in Effect"]
subjects = ["Asylum, Withholding and CAT", "Border", "Citizenship", "DACA", "Detention", "Employment Verification",
            "Enforcement", "Hearings and Adjudications", "Humanitarian", "Immigrant Visas", "Interior",
            "Interior Enforcement", "Minors", "Naturalization", "Non-Immigrant Visas", "Other", "Refugees",
            "Sanctuary Restrictions", "TPS", "U/T/VAWA"]
agencies = ["AG", "CBP", "CDC", "DHS", "DOD", "DOJ", "DOS", "EOIR", "FEMA", "HHS", "ICE", "ORR", "SSA",
            "State & Local Entities", "USCIS", "Other"]
filings = ["Complaint", "TRO", "Preliminary Injunction", "Ruling", "Appeal", "Settlement"]
"#;

pub fn generate(n: usize, dir: &Path, seed: u64) -> Result<(), String> {
    prepare_dir(dir)?;
    let mut rng = Rng(seed);
    let model = plan(n, &mut rng);
    let io = |p: &Path, e: std::io::Error| format!("{}: {e}", p.display());
    let write = |rel: &str, text: &str| -> Result<(), String> {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        fs::write(&path, text).map_err(|e| io(&path, e))
    };
    write("docket.toml", DOCKET_TOML)?;
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    copy_tree(&theme, &dir.join("themes/default"))?;
    for k in ["policies", "court-actions", "commentary", "documents"] {
        let d = dir.join("content").join(k);
        fs::create_dir_all(&d).map_err(|e| io(&d, e))?;
    }
    // Each entry draws from its own stream, so that changing one kind's
    // bodies does not reshuffle the others.
    for i in 0..model.policies.len() {
        let (path, text) = write_policy(&model, i, &mut Rng(seed ^ ((i as u64) << 20) ^ 1));
        write(&format!("content/{path}"), &text)?;
    }
    for i in 0..model.court_actions.len() {
        let (path, text) = write_court_action(&model, i, &mut Rng(seed ^ ((i as u64) << 20) ^ 2));
        write(&format!("content/{path}"), &text)?;
    }
    for i in 0..model.commentary.len() {
        let (path, text) = write_commentary(&model, i, &mut Rng(seed ^ ((i as u64) << 20) ^ 3));
        write(&format!("content/{path}"), &text)?;
    }
    write(
        MARKER,
        &format!("gen_corpus {GENERATOR_VERSION} n={n} seed={seed}\n"),
    )
}

/// Makes `dir` an empty folder, refusing to empty one this generator did
/// not write.
fn prepare_dir(dir: &Path) -> Result<(), String> {
    let io = |e: std::io::Error| format!("{}: {e}", dir.display());
    if dir.exists() {
        let empty = fs::read_dir(dir).map_err(io)?.next().is_none();
        if !empty {
            if !dir.join(MARKER).is_file() {
                return Err(format!(
                    "{} is not empty and was not written by gen_corpus; give a new folder",
                    dir.display()
                ));
            }
            fs::remove_dir_all(dir).map_err(io)?;
        }
    }
    fs::create_dir_all(dir).map_err(io)
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let mut entries: Vec<_> = fs::read_dir(from)
        .map_err(|e| format!("{}: {e}", from.display()))?
        .collect::<Result<_, _>>()
        .map_err(|e| format!("{}: {e}", from.display()))?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if src.is_dir() {
            copy_tree(&src, &dst)?;
        } else {
            fs::copy(&src, &dst).map_err(|e| format!("{}: {e}", src.display()))?;
        }
    }
    Ok(())
}
