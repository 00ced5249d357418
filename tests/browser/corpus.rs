//! A small generator of realistic sites for the browser tests: `n` entries,
//! about 60% policies, 25% court actions grouped into cases and 15%
//! commentary, with supersession chains, orders with many derivative
//! policies, challenges and commentary; titles with quotes, ampersands and
//! accents; bodies with lists, links, emphasis and the occasional table.
//! Deterministic for a given seed.
//!
//! When the project's own generator (`examples/gen_corpus.rs`) is present,
//! [`generate`] is the one function to replace: the tests only need the
//! site folder and the [`Needle`]s to search for.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// A query that must find exactly these pages (site-relative URLs).
pub struct Needle {
    pub query: String,
    pub urls: Vec<String>,
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<T: Copy>(&mut self, list: &[T]) -> T {
        list[self.below(list.len())]
    }
    fn some<'a>(&mut self, list: &'a [&'a str], max: usize) -> Vec<&'a str> {
        let n = 1 + self.below(max);
        let mut out: Vec<&str> = (0..n).map(|_| self.pick(list)).collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

const ADMINS: [(&str, &str); 4] = [
    ("Obama", "2009-01-20"),
    ("Trump 1.0", "2017-01-20"),
    ("Biden", "2021-01-20"),
    ("Trump 2.0", "2025-01-20"),
];
const STATUSES: &[&str] = &[
    "Proposed",
    "Final/Actual",
    "Reported",
    "In Litigation",
    "Enjoined/Vacated",
    "Rescinded",
    "Expired",
];
const ACTIONS: &[&str] = &[
    "Rule",
    "Agency Directive",
    "Change in Practice",
    "Adjudication",
    "Forms and Information Collection",
    "Data and Reports",
];
const CURRENT: &[&str] = &["Fully in Effect", "Partially in Effect", "Not in Effect"];
const SUBJECTS: &[&str] = &[
    "Asylum, Withholding and CAT",
    "Border",
    "Citizenship",
    "DACA",
    "Detention",
    "Employment Verification",
    "Enforcement",
    "Hearings and Adjudications",
    "Humanitarian",
    "Immigrant Visas",
    "Interior",
    "Minors",
    "Naturalization",
    "Non-Immigrant Visas",
    "Other",
    "Refugees",
    "Sanctuary Restrictions",
    "TPS",
    "U/T/VAWA",
];
const AGENCIES: &[&str] = &[
    "AG",
    "CBP",
    "CDC",
    "DHS",
    "DOD",
    "DOJ",
    "DOS",
    "EOIR",
    "FEMA",
    "HHS",
    "ICE",
    "ORR",
    "SSA",
    "State & Local Entities",
    "USCIS",
    "Other",
];
const FILINGS: &[&str] = &[
    "TRO",
    "Preliminary Injunction",
    "Ruling",
    "Appeal",
    "Settlement",
];
const COURTS: &[&str] = &[
    "D.D.C.",
    "N.D. Cal.",
    "S.D.N.Y.",
    "D. Mass.",
    "W.D. Wash.",
    "C.D. Cal.",
    "S.D. Tex.",
    "9th Cir.",
    "1st Cir.",
];
const SOURCES: &[&str] = &[
    "American Immigration Lawyers Association (AILA)",
    "Migration Policy Institute",
    "National Immigration Law Center",
    "Cato Institute",
    "Center for Immigration Studies",
    "Bipartisan Policy Center",
];
const PLAINTIFFS: &[&str] = &[
    "Doe",
    "Coalition for Humane Immigrant Rights",
    "State of Washington",
    "Asylum Seeker Advocacy Project",
    "Las Américas Immigrant Advocacy Center",
    "Pereira",
    "Nuñez",
    "East Bay Sanctuary Covenant",
    "O'Neil & Partners",
];
const DEFENDANTS: &[&str] = &[
    "Noem", "Mayorkas", "Wolf", "Nielsen", "Johnson", "Garland", "Bondi", "Trump", "Biden",
];
const TOPICS: &[&str] = &[
    "Expedited Removal",
    "Parole",
    "Asylum Cooperative Agreements",
    "Public Charge",
    "Detention Standards",
    "Worksite Enforcement",
    "Fee Waivers",
    "Family Reunification",
    "Naturalization Interviews",
    "Border Processing",
    "Sponsor Vetting",
    "Régularisation Pathways",
    "Visa Bonds",
    "Third-Country Removals",
    "Credible Fear Screening",
];
const KINDS: &[&str] = &[
    "Guidance on",
    "Interim Final Rule on",
    "Memorandum on",
    "Changes to",
    "Rescission of",
    "Enhanced",
    "Procedures for",
    "Report on",
];
const WORDS: &[&str] = &[
    "agency",
    "applicants",
    "guidance",
    "officers",
    "removal",
    "proceedings",
    "detention",
    "hearing",
    "petition",
    "review",
    "eligibility",
    "custody",
    "families",
    "children",
    "employers",
    "states",
    "courts",
    "appeals",
    "records",
    "notice",
    "comment",
    "benefits",
    "screening",
    "interview",
    "parole",
    "bond",
    "waiver",
    "deadline",
    "processing",
    "backlog",
    "documents",
    "evidence",
    "discretion",
    "priorities",
    "enforcement",
    "jurisdiction",
    "sponsors",
    "shelters",
    "counsel",
    "status",
    "renewal",
    "revocation",
    "interagency",
    "reporting",
    "statistics",
    "oversight",
    "implementation",
    "training",
    "exemption",
    "humanitarian",
];
const VERBS: &[&str] = &[
    "requires",
    "allows",
    "limits",
    "expands",
    "clarifies",
    "rescinds",
    "directs",
    "instructs",
    "narrows",
    "delays",
];

fn date_of(day: i64) -> String {
    // Days since 2009-01-01, civil calendar (proleptic Gregorian).
    let (mut y, mut d) = (2009, day);
    loop {
        let len = if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 {
            366
        } else {
            365
        };
        if d < len {
            break;
        }
        d -= len;
        y += 1;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let months = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut m = 0;
    while d >= months[m] {
        d -= months[m];
        m += 1;
    }
    format!("{y:04}-{:02}-{:02}", m + 1, d + 1)
}

fn toml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn list(items: &[&str]) -> String {
    let v: Vec<String> = items.iter().map(|s| toml_str(s)).collect();
    format!("[{}]", v.join(", "))
}

fn sentence(r: &mut Rng) -> String {
    let n = 8 + r.below(10);
    let mut words: Vec<String> = Vec::with_capacity(n);
    words.push(format!("The {}", r.pick(WORDS)));
    words.push((r.pick(VERBS)).to_string());
    for i in 0..n {
        let w = r.pick(WORDS);
        words.push(match i % 9 {
            3 => format!("*{w}*"),
            6 => format!("**{w}**"),
            _ => w.to_string(),
        });
    }
    format!("{}.", words.join(" "))
}

/// A body of about 150 to 600 words.
fn body(r: &mut Rng, policies: usize, extra: &str) -> String {
    let mut out = String::new();
    let target = 150 + r.below(450);
    let mut words = 0;
    let mut para = 0;
    while words < target {
        let mut p = String::new();
        for _ in 0..(2 + r.below(4)) {
            let s = sentence(r);
            words += s.split(' ').count();
            p.push_str(&s);
            p.push(' ');
        }
        if para == 1 && policies > 0 {
            let _ = write!(
                p,
                "See also [policy {0}](policy:{0}).",
                1 + r.below(policies)
            );
        }
        if para == 2 && !extra.is_empty() {
            p.push_str(extra);
        }
        out.push_str(p.trim_end());
        out.push_str("\n\n");
        if para == 1 {
            for _ in 0..3 {
                let _ = writeln!(
                    out,
                    "- {} {} {}",
                    r.pick(VERBS),
                    r.pick(WORDS),
                    r.pick(WORDS)
                );
            }
            out.push('\n');
        }
        if para == 3 && r.chance(20) {
            out.push_str("| Year | Cases |\n|---|---|\n");
            for y in 0..3 {
                let _ = writeln!(out, "| {} | {} |", 2019 + y, r.below(5000));
            }
            out.push('\n');
        }
        para += 1;
    }
    if !extra.is_empty() && para <= 2 {
        out.push_str(extra);
        out.push('\n');
    }
    out
}

/// Writes a site of `n` entries into `dir` (`docket.toml` and `content/`);
/// returns queries that each find known pages.
pub fn generate(n: usize, seed: u64, dir: &Path) -> std::io::Result<Vec<Needle>> {
    let mut r = Rng(seed);
    let n_pol = n * 60 / 100;
    let n_ca = n * 25 / 100;
    let n_com = n - n_pol - n_ca;
    let content = dir.join("content");
    for k in ["policies", "court-actions", "commentary"] {
        fs::create_dir_all(content.join(k))?;
    }
    fs::write(
        dir.join("docket.toml"),
        r#"title = "Generated Policy Tracker"
description = "A generated docket site for tests."
language = "en"
theme = "default"

[vocabulary]
administrations = ["Obama", "Trump 1.0", "Biden", "Trump 2.0"]
statuses = ["Proposed", "Final/Actual", "Reported", "In Litigation", "Enjoined/Vacated", "Rescinded", "Expired"]
actions = ["Presidential Order", "Rule", "Agency Directive", "Change in Practice", "Adjudication", "Forms and Information Collection", "Data and Reports"]
current_statuses = ["Fully in Effect", "Partially in Effect", "Not in Effect"]
subjects = ["Asylum, Withholding and CAT", "Border", "Citizenship", "DACA", "Detention", "Employment Verification",
            "Enforcement", "Hearings and Adjudications", "Humanitarian", "Immigrant Visas", "Interior", "Minors",
            "Naturalization", "Non-Immigrant Visas", "Other", "Refugees", "Sanctuary Restrictions", "TPS", "U/T/VAWA"]
agencies = ["AG", "CBP", "CDC", "DHS", "DOD", "DOJ", "DOS", "EOIR", "FEMA", "HHS", "ICE", "ORR", "SSA",
            "State & Local Entities", "USCIS", "Other"]
filings = ["Complaint", "TRO", "Preliminary Injunction", "Ruling", "Appeal", "Settlement"]
"#,
    )?;
    // The theme comes from the repository.
    let span_days = 6200; // 2009-01-01 .. 2025-12
    let mut dates = Vec::with_capacity(n_pol);
    let mut admins = Vec::with_capacity(n_pol);
    let mut orders: Vec<usize> = Vec::new();
    let needle_policy = n_pol / 2;
    let mut needles = Vec::new();
    for i in 0..n_pol {
        let id = i + 1;
        // Dates never go back, so that supersession never points forward.
        let day = (i * span_days / n_pol.max(1)) as i64;
        let date = date_of(day);
        let admin = ADMINS
            .iter()
            .rev()
            .find(|(_, from)| date.as_str() >= *from)
            .map_or("Obama", |a| a.0);
        dates.push(date.clone());
        admins.push(admin);
        let order = i % 25 == 0;
        let mut fm = String::new();
        let topic = r.pick(TOPICS);
        let title = if order {
            format!("Executive Order on “{topic}” & Related Matters")
        } else {
            format!("{} {topic}", r.pick(KINDS))
        };
        let _ = writeln!(fm, "id = {id}\ntitle = {}", toml_str(&title));
        let _ = writeln!(
            fm,
            "administration = {}\nannounced = {date}",
            toml_str(admin)
        );
        if r.chance(60) {
            let _ = writeln!(fm, "effective = {}", date_of(day + 30));
        }
        let _ = writeln!(fm, "status = {}", list(&r.some(STATUSES, 2)));
        let action = if order {
            "Presidential Order"
        } else {
            r.pick(ACTIONS)
        };
        let _ = writeln!(fm, "action = {}", toml_str(action));
        let _ = writeln!(fm, "subjects = {}", list(&r.some(SUBJECTS, 3)));
        let _ = writeln!(fm, "agencies = {}", list(&r.some(AGENCIES, 3)));
        if r.chance(80) {
            let _ = writeln!(fm, "current_status = {}", toml_str(r.pick(CURRENT)));
        }
        if order {
            let _ = writeln!(
                fm,
                "identifiers = {{ \"Executive Order\" = \"{}\" }}",
                13000 + i
            );
        } else if r.chance(30) {
            let _ = writeln!(
                fm,
                "identifiers = {{ \"Directive\" = \"{}.{}\" }}",
                10000 + i,
                r.below(9)
            );
        }
        // Supersede an earlier policy of the same topic family now and then.
        if i > 10 && r.chance(20) {
            let _ = writeln!(fm, "supersedes = [{}]", i - r.below(10));
        }
        // Carry out the latest order of the same administration.
        if let Some(&o) = orders.last().filter(|&&o| admins[o] == admin && !order) {
            if r.chance(60) {
                let _ = writeln!(fm, "implements = [{}]", o + 1);
            }
        }
        if order {
            orders.push(i);
        }
        let extra = if i == needle_policy {
            needles.push(Needle {
                query: "vexillologic".into(),
                urls: vec![format!("policies/{id}/index.html")],
            });
            "A vexillologic aside, found by search only here."
        } else {
            ""
        };
        let text = format!("+++\n{fm}+++\n{}", body(&mut r, i, extra));
        fs::write(content.join(format!("policies/{id}.md")), text)?;
    }
    // Court actions, in cases of one to five filings.
    let mut id = 0;
    let mut case_no = 0;
    while id < n_ca {
        case_no += 1;
        let filings = (1 + r.below(5)).min(n_ca - id);
        let court = r.pick(COURTS);
        let docket = format!(
            "{}:{:02}-cv-{:05}",
            1 + r.below(3),
            10 + case_no % 16,
            1000 + case_no * 37
        );
        let name = format!("{} v. {}", r.pick(PLAINTIFFS), r.pick(DEFENDANTS));
        let target = r.below(n_pol.max(1));
        let challenged = [target + 1, 1 + r.below(n_pol.max(1))];
        let start = (target * span_days / n_pol.max(1)) as i64 + 20;
        let mut urls = Vec::new();
        for f in 0..filings {
            id += 1;
            let filing = if f == 0 { "Complaint" } else { r.pick(FILINGS) };
            let date = date_of(start + f as i64 * (15 + r.below(60) as i64));
            let mut fm = String::new();
            let _ = writeln!(
                fm,
                "id = {id}\ntitle = {}",
                toml_str(&format!("{filing} - {name}"))
            );
            let _ = writeln!(
                fm,
                "date = {date}\ncase = {}\ndocket = {}",
                toml_str(&name),
                toml_str(&docket)
            );
            let _ = writeln!(
                fm,
                "court = {}\nfiling = {}",
                toml_str(court),
                toml_str(filing)
            );
            let ch: Vec<String> = if challenged[0] == challenged[1] || f > 0 {
                vec![challenged[0].to_string()]
            } else {
                challenged.iter().map(|c| c.to_string()).collect()
            };
            let _ = writeln!(fm, "challenges = [{}]", ch.join(", "));
            let text = format!("+++\n{fm}+++\n{}", body(&mut r, n_pol, ""));
            fs::write(content.join(format!("court-actions/{id}.md")), text)?;
            urls.push(format!("court-actions/{id}/index.html"));
        }
        if case_no == 3 {
            let slug = docket::slug::slugify(&format!("{court} {docket}"));
            urls.push(format!("cases/{slug}/index.html"));
            needles.push(Needle {
                query: docket.clone(),
                urls,
            });
        }
    }
    for i in 0..n_com {
        let id = i + 1;
        let about: Vec<String> = (0..1 + r.below(3))
            .map(|_| (1 + r.below(n_pol.max(1))).to_string())
            .collect();
        let mut about = about;
        about.sort();
        about.dedup();
        let day = (i * span_days / n_com.max(1)) as i64 + 3;
        let mut fm = String::new();
        let _ = writeln!(
            fm,
            "id = {id}\ntitle = {}",
            toml_str(&format!(
                "Practice Alert: {} — what changes",
                r.pick(TOPICS)
            ))
        );
        let _ = writeln!(
            fm,
            "date = {}\nsource = {}",
            date_of(day),
            toml_str(r.pick(SOURCES))
        );
        let _ = writeln!(fm, "about = [{}]", about.join(", "));
        let text = format!("+++\n{fm}+++\n{}", body(&mut r, n_pol, ""));
        fs::write(content.join(format!("commentary/{id}.md")), text)?;
    }
    Ok(needles)
}
