//! The Go standard-library behaviour kubectl's texts and results depend on, reimplemented:
//! quoting (`%q`), float texts (`strconv`, `fmt`'s `%v`, `encoding/json`), `strconv` parsers,
//! `time.Parse` (RFC 3339) and `time.ParseDuration`, `encoding/csv`, and `sort.Sort` /
//! `sort.Stable` with Go's exact permutations. Leaf helpers: nothing here imports the rest of
//! the crate.

pub(crate) mod csv;
pub(crate) mod float;
pub(crate) mod quote;
pub(crate) mod sort;
pub(crate) mod strconv;
pub(crate) mod time;
