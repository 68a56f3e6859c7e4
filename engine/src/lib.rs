//! # dstream-engine: Spark Streaming's DStream model on virtual time
//!
//! This crate re-enacts what Apache Spark Streaming does with a DStream program, batch by
//! batch, without a JVM, a cluster or a clock. The caller owns time: it feeds input lines
//! stamped in virtual milliseconds and asks the engine to run the batches that are due. The
//! engine answers with a [`trace`] of everything that happened (outputs, every user-function
//! call per key, console text), which every view of the playground draws.
//!
//! **Invariant:** the engine never reads a clock, spawns a thread, does I/O or uses a randomly
//! seeded hash. The same scenario always gives the same trace. The binary `dstream` is the
//! only I/O edge.

pub mod api;
pub mod checkpoint;
pub mod engine;
pub mod exec;
pub mod export;
pub mod graph;
pub mod hash;
pub mod kafka;
pub mod lessons;
pub mod ops;
pub mod ordering;
pub mod range_partitioner;
pub mod rdd;
pub mod receiver;
pub mod record_at_a_time;
pub mod scala;
pub mod scenario;
pub mod schedule;
pub mod snippets;
pub mod sort;
pub mod time;
pub mod to_debug_string;
pub mod trace;
pub mod unit_enum;
pub mod utf16;
pub mod value;
