//! Sessions for the unit tests of features that prepare with answered reads (pre-flight,
//! workload targets).
#![allow(clippy::panic)]

use crate::reads::ReadResult;
use crate::session::{prepare, Prepared, Session};

/// A session of kubectl arguments, one name suffix, and the answers to its reads.
pub(crate) fn session(args: &[&str], reads: Vec<ReadResult>) -> Session {
    Session {
        args: Some(args.iter().map(|s| s.to_string()).collect()),
        suffixes: vec!["abcde".into()],
        reads,
        ..Session::default()
    }
}

/// That session prepared (a failure fails the test, naming the arguments).
#[track_caller]
pub(crate) fn prepared(args: &[&str], reads: Vec<ReadResult>) -> Prepared {
    prepare(&session(args, reads)).unwrap_or_else(|f| panic!("{args:?}: {:?}", f.error))
}
