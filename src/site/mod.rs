//! The model of a built site: the loaded site (config, sources, corpus,
//! graph, date) and what is derived from it once for every page and file.

pub mod links;
pub mod markdown;
pub mod terms;

use std::path::PathBuf;

use crate::config::Config;
use crate::content::Corpus;
use crate::graph::Graph;
use crate::source::Sources;

/// A loaded site: plain data, read by every later stage.
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub sources: Sources,
    pub corpus: Corpus,
    pub graph: Graph,
    /// The date of the data ([`Site::date`]), found once: every page shows it.
    date: chrono::NaiveDate,
}

impl Site {
    /// Links a loaded corpus into a site. `source_date`, the day
    /// `SOURCE_DATE_EPOCH` names when it is set, replaces the newest
    /// entry's date as the date of the data.
    pub fn new(
        root: PathBuf,
        config: Config,
        sources: Sources,
        corpus: Corpus,
        graph: Graph,
        source_date: Option<chrono::NaiveDate>,
    ) -> Site {
        let date = source_date.unwrap_or_else(|| newest_date(&corpus));
        Site {
            root,
            config,
            sources,
            corpus,
            graph,
            date,
        }
    }

    /// The date of the data, shown as "data as of" and used wherever a date
    /// is needed that no single entry gives (an empty feed, the timestamps
    /// in the offline archive): `SOURCE_DATE_EPOCH` if set, else the newest
    /// date or `updated` of any entry. Never the clock, so that the same
    /// content always gives the same bytes.
    pub fn date(&self) -> chrono::NaiveDate {
        self.date
    }
}

fn newest_date(c: &Corpus) -> chrono::NaiveDate {
    c.policies
        .iter()
        .map(|p| p.common.updated.unwrap_or(p.announced).max(p.announced))
        .chain(
            c.court_actions
                .iter()
                .map(|x| x.common.updated.unwrap_or(x.date).max(x.date)),
        )
        .chain(
            c.commentary
                .iter()
                .map(|x| x.common.updated.unwrap_or(x.date).max(x.date)),
        )
        .max()
        .unwrap_or_default()
}
