//! Record-at-a-time contrast: the lesson's word count run as a pipelined, per-record system
//! (Storm, Flink, Spark's continuous mode) beside the same word count as micro-batches.
//!
//! [`word_count`] takes stamped input lines and runs `flatMap(_.split(" "))`, `map((_, 1))`
//! and a keyed running sum one record at a time. Each operator is one instance that handles
//! records first come, first served, costing [`RecordCost::op_us`] per record; between `map`
//! and the keyed sum every `(word, 1)` crosses the network on its own ([`RecordCost::hop_us`]):
//! a pipeline has no batch to combine inside, so there is no map-side combiner and every
//! record crosses the "shuffle". Each word's result `(word, running count)` leaves the sink as
//! soon as its record gets there, so latency is per record: the sum of operator costs, plus
//! queueing when records arrive faster than an operator handles them.
//!
//! [`micro_batch_word_count`] runs the same logic as a Spark Streaming program through the
//! engine (receiver, blocks, `reduceByKey` with its map-side combine, the cost model of
//! `schedule.rs`): a word's result appears only when its batch's job ends, so its latency is
//! the wait until the end of the batch interval plus the batch's scheduling delay and
//! processing time. [`contrast`] gives both, with how many records each sends across the
//! shuffle. Both sides are models with the playground's own parameters, not measurements.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::engine::run;
use crate::scenario::{Scenario, StampedLine};
use crate::trace::Detail;

/// Per-record costs of the pipelined mode, in µs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RecordCost {
    /// One operator handling one record (reading it, calling the function, passing it on).
    /// Default 12 µs: the micro-batch model's record cost (10) plus its call cost (2).
    pub op_us: i64,
    /// One record crossing the network to the operator that owns its key. Default 500 µs.
    pub hop_us: i64,
}

impl Default for RecordCost {
    fn default() -> RecordCost {
        RecordCost {
            op_us: 12,
            hop_us: 500,
        }
    }
}

/// One step of one record through the pipeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RecordEvent {
    /// When the step ended, in µs of virtual time.
    pub at_us: i64,
    /// `receive`, `flatMap`, `map`, `shuffle`, `reduce` or `emit`.
    pub step: &'static str,
    /// The record after the step (`hello world`, `hello`, `(hello,1)`, `(hello,3)`).
    pub record: String,
    /// The input line it came from (index in time order).
    pub line: usize,
}

/// One word's way from the `nc` line to its result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RecordLatency {
    /// The input line it came from (index in time order).
    pub line: usize,
    /// The word.
    pub word: String,
    /// When its line was sent, in ms.
    pub sent_ms: i64,
    /// When its result left the pipeline, in µs (`null` in micro-batch mode if the batch
    /// never ran).
    pub done_us: Option<i64>,
    /// `done − sent`, in ms (fractional in record mode).
    pub latency_ms: Option<f64>,
    /// The count reported for the word with this record (record mode: the running count;
    /// micro-batch mode: the batch's count).
    pub count: i64,
}

/// What one mode did with the input.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ModeRun {
    /// Per word occurrence, in input order.
    pub records: Vec<RecordLatency>,
    /// Record mode only: every step of every record, in time order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<RecordEvent>,
    /// Records sent across the shuffle (record mode: every `(word, 1)`; micro-batch mode:
    /// one per key per block after the map-side combine).
    pub shuffled: u64,
    /// Records that reached the shuffle's map side (every `(word, 1)`).
    pub pairs: u64,
}

/// Both modes on the same input.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Contrast {
    /// One record at a time.
    pub record_at_a_time: ModeRun,
    /// Micro-batches.
    pub micro_batch: ModeRun,
}

/// Java's `line.split(" ")`: no space gives the line itself; trailing empty strings go.
fn split_space(line: &str) -> Vec<&str> {
    if !line.contains(' ') {
        return vec![line];
    }
    let mut parts: Vec<&str> = line.split(' ').collect();
    while parts.last() == Some(&"") {
        parts.pop();
    }
    parts
}

fn sorted(lines: &[StampedLine]) -> Vec<StampedLine> {
    let mut v: Vec<StampedLine> = lines.iter().filter(|l| l.at_ms >= 0).cloned().collect();
    crate::sort::sort_by_key(&mut v, |l| l.at_ms);
    v
}

/// An operator instance: one record at a time, first come, first served.
#[derive(Default)]
struct Operator {
    free_us: i64,
}

impl Operator {
    fn handle(&mut self, arrive_us: i64, cost_us: i64) -> i64 {
        let end = arrive_us.max(self.free_us).saturating_add(cost_us);
        self.free_us = end;
        end
    }
}

/// The word count one record at a time (see the module's text).
pub fn word_count(lines: &[StampedLine], cost: &RecordCost) -> ModeRun {
    let (op, hop) = (cost.op_us.max(0), cost.hop_us.max(0));
    let mut src = Operator::default();
    let mut flat = Operator::default();
    let mut map = Operator::default();
    let mut reduce = Operator::default();
    let mut sink = Operator::default();
    let mut counts: BTreeMap<String, i64> = BTreeMap::new();
    let mut out = ModeRun::default();
    for (i, l) in sorted(lines).iter().enumerate() {
        let sent = l.at_ms.saturating_mul(1000);
        let got = src.handle(sent, op);
        out.events.push(ev(got, "receive", l.text.clone(), i));
        let split = flat.handle(got, op);
        for w in split_space(&l.text) {
            out.events.push(ev(split, "flatMap", w.to_string(), i));
            let mapped = map.handle(split, op);
            out.events.push(ev(mapped, "map", format!("({w},1)"), i));
            let crossed = mapped.saturating_add(hop);
            out.pairs += 1;
            out.shuffled += 1;
            out.events
                .push(ev(crossed, "shuffle", format!("({w},1)"), i));
            let summed = reduce.handle(crossed, op);
            let n = counts.entry(w.to_string()).or_insert(0);
            *n += 1;
            let n = *n;
            out.events
                .push(ev(summed, "reduce", format!("({w},{n})"), i));
            let done = sink.handle(summed, op);
            out.events.push(ev(done, "emit", format!("({w},{n})"), i));
            out.records.push(RecordLatency {
                line: i,
                word: w.to_string(),
                sent_ms: l.at_ms,
                done_us: Some(done),
                latency_ms: Some((done - sent) as f64 / 1000.0),
                count: n,
            });
        }
    }
    crate::sort::sort_by_key(&mut out.events, |e| e.at_us);
    out
}

fn ev(at_us: i64, step: &'static str, record: String, line: usize) -> RecordEvent {
    RecordEvent {
        at_us,
        step,
        record,
        line,
    }
}

/// The Spark Streaming program [`micro_batch_word_count`] runs.
pub fn micro_batch_program(master: &str, batch_ms: i64) -> String {
    let master = master.replace(['"', '\\'], "");
    format!(
        "val conf = new SparkConf().setMaster(\"{master}\").setAppName(\"WordCount\")\n\
         val ssc = new StreamingContext(conf, Duration({batch_ms}))\n\
         val lines = ssc.socketTextStream(\"localhost\", 9999)\n\
         val counts = lines.flatMap(_.split(\" \")).map(w => (w, 1)).reduceByKey(_ + _)\n\
         counts.print()\n\
         ssc.start()\n\
         ssc.awaitTermination()\n"
    )
}

/// The word count as micro-batches of `batch_ms` on `master` (e.g. `local[2]`), through the
/// engine: each word's latency runs from its line's arrival to its batch's processing end.
pub fn micro_batch_word_count(lines: &[StampedLine], batch_ms: i64, master: &str) -> ModeRun {
    let lines = sorted(lines);
    let scenario = Scenario {
        name: "record-at-a-time contrast".into(),
        program: micro_batch_program(master, batch_ms.max(1)),
        lines: Some(lines.clone()),
        ..Scenario::default()
    };
    let trace = run(&scenario, Detail::Counts);
    let mut out = ModeRun::default();
    let mut next = 0usize;
    for b in &trace.batches {
        let mut batch_counts: BTreeMap<&str, i64> = BTreeMap::new();
        for text in &b.input {
            for w in split_space(text) {
                *batch_counts.entry(w).or_insert(0) += 1;
            }
        }
        for block in &b.input_partitions {
            let mut keys: Vec<&str> = block.iter().flat_map(|t| split_space(t)).collect();
            out.pairs += keys.len() as u64;
            crate::sort::sort(&mut keys);
            keys.dedup();
            out.shuffled += keys.len() as u64;
        }
        // The receiver keeps the lines' order, so the batch's input is the next lines.
        for text in &b.input {
            let Some(l) = lines.get(next) else { break };
            let (i, sent) = (next, l.at_ms);
            next += 1;
            for w in split_space(text) {
                let done = b.processing_end_ms.map(|e| e.saturating_mul(1000));
                out.records.push(RecordLatency {
                    line: i,
                    word: w.to_string(),
                    sent_ms: sent,
                    done_us: done,
                    latency_ms: done.map(|d| (d - sent.saturating_mul(1000)) as f64 / 1000.0),
                    count: batch_counts.get(w).copied().unwrap_or(0),
                });
            }
        }
    }
    out
}

/// Both modes on the same stamped lines.
pub fn contrast(lines: &[StampedLine], batch_ms: i64, master: &str, cost: &RecordCost) -> Contrast {
    Contrast {
        record_at_a_time: word_count(lines, cost),
        micro_batch: micro_batch_word_count(lines, batch_ms, master),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ms: i64, text: &str) -> StampedLine {
        StampedLine {
            at_ms: ms,
            text: text.into(),
        }
    }

    #[test]
    fn java_split() {
        assert_eq!(split_space("a b"), vec!["a", "b"]);
        assert_eq!(split_space(""), vec![""]);
        assert_eq!(split_space("a  "), vec!["a"]);
        assert_eq!(split_space(" a"), vec!["", "a"]);
    }

    #[test]
    fn every_record_crosses_and_latency_is_per_record() {
        let cost = RecordCost::default();
        let r = word_count(&[at(100, "hi hi hello"), at(900, "hi")], &cost);
        assert_eq!(r.records.len(), 4);
        assert_eq!(r.shuffled, 4);
        assert_eq!(
            r.records.iter().map(|x| x.count).collect::<Vec<_>>(),
            vec![1, 2, 1, 3]
        );
        // A lone record: five operators and one hop.
        let last = &r.records[3];
        assert_eq!(
            last.latency_ms,
            Some((5 * cost.op_us + cost.hop_us) as f64 / 1000.0)
        );
        assert!(r.events.windows(2).all(|w| w[0].at_us <= w[1].at_us));
    }

    #[test]
    fn micro_batches_wait_for_the_batch_and_combine() {
        let lines = [at(100, "hi hi hello"), at(150, "hi"), at(1100, "x")];
        let c = contrast(&lines, 1000, "local[2]", &RecordCost::default());
        let m = &c.micro_batch;
        assert_eq!(m.records.len(), 5);
        // One block [0, 200) holds both lines: hi and hello cross once each.
        assert_eq!(m.pairs, 5);
        assert_eq!(m.shuffled, 3);
        let first = &m.records[0];
        assert!(first.latency_ms.unwrap_or(0.0) > 900.0);
        assert_eq!(first.count, 3);
        let worst_record = c
            .record_at_a_time
            .records
            .iter()
            .filter_map(|r| r.latency_ms)
            .fold(0.0, f64::max);
        assert!(worst_record < 5.0);
    }
}
