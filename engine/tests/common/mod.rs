//! What several test files share: a program run on batches of `nc` lines.

use dstream_engine::engine::run;
use dstream_engine::scenario::Scenario;
use dstream_engine::trace::{Detail, Trace};

/// `program` run on `batches` (each list is one batch interval's lines), counting calls.
pub fn replay(program: &str, batches: &[&[&str]]) -> Trace {
    let batches = batches
        .iter()
        .map(|b| b.iter().map(|l| l.to_string()).collect())
        .collect();
    run(
        &Scenario {
            name: "test".into(),
            program: program.into(),
            batches: Some(batches),
            ..Scenario::default()
        },
        Detail::Counts,
    )
}
