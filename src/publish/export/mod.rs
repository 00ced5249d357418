//! The database as data, in the files of [`records`].

mod records;

pub use records::*;
