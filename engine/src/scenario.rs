//! Scenarios: a program plus the `nc` input, in the format of
//! `../shared/spec/scenario-format.md`, and how their input becomes each batch's partitions.

use serde::{Deserialize, Serialize};

use crate::rdd::slice_evenly;
use crate::value::Value;

/// A scenario.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Scenario {
    /// A name, for display.
    #[serde(default)]
    pub name: String,
    /// The Scala program.
    pub program: String,
    /// Lines per batch interval: list `i` is what arrived in `[i·B, (i+1)·B)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batches: Option<Vec<Vec<String>>>,
    /// Lines stamped in virtual time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<Vec<StampedLine>>,
    /// How many batches to run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_batches: Option<usize>,
    /// Partitions of each batch's input RDD (default 2 with `batches`; blocks with `lines`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_partitions: Option<usize>,
    /// Kafka topics and the records produced into them, for `KafkaUtils.createDirectStream`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kafka: Option<KafkaInput>,
    /// Driver crashes, each at a moment of virtual time, with how long the driver stays down
    /// and how it restarts (one object, or a list).
    #[serde(
        default,
        skip_serializing_if = "crate::checkpoint::DriverCrashes::is_empty"
    )]
    pub driver_crash: crate::checkpoint::DriverCrashes,
}

/// The scenario's Kafka: topics with partitions, and records stamped in virtual ms.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct KafkaInput {
    /// Topics to create.
    #[serde(default)]
    pub topics: Vec<crate::kafka::delivery::TopicSpec>,
    /// Records produced, each at `at_ms` (with a `key` or the value alone).
    #[serde(default)]
    pub records: Vec<crate::kafka::delivery::Produced>,
    /// How unkeyed records are placed (`round_robin`, or `{"sticky": {"batch_records": n}}`).
    #[serde(default)]
    pub unkeyed: crate::kafka::Unkeyed,
}

impl KafkaInput {
    /// The broker holding these topics and records.
    pub fn broker(&self) -> crate::kafka::Broker {
        let mut b = crate::kafka::Broker::new(self.unkeyed);
        for t in &self.topics {
            b.create_topic(&t.name, t.partitions);
        }
        let mut recs: Vec<_> = self.records.iter().filter(|r| r.at_ms >= 0).collect();
        crate::sort::sort_by_key(&mut recs, |r| r.at_ms);
        for r in recs {
            b.produce(&r.topic, r.key.as_deref(), &r.value, r.at_ms);
        }
        b
    }
}

/// A line typed into `nc` at a moment of virtual time.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct StampedLine {
    /// When it was sent, in ms from the start.
    pub at_ms: i64,
    /// The text.
    pub text: String,
}

/// The most batches one scenario may run.
pub const MAX_BATCHES: usize = 100_000;

/// The most partitions a scenario may give a batch's input (`input_partitions`) or a Kafka
/// topic: 2^31 of them are a few gigabytes of empty lists before anything runs.
pub const MAX_PARTITIONS: usize = 100_000;

/// The input of one batch: its lines, and its partitions (blocks).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BatchInput {
    /// All lines, in arrival order.
    pub lines: Vec<String>,
    /// The input RDD's partitions.
    pub partitions: Vec<Vec<String>>,
}

impl Scenario {
    /// Read a scenario from JSON, refusing values no experiment means (see [`Scenario::check`]).
    pub fn from_json(text: &str) -> Result<Scenario, String> {
        let s: Scenario =
            serde_json::from_str(text).map_err(|e| format!("not a valid scenario: {e}"))?;
        s.check()
            .map_err(|e| format!("not a valid scenario: {e}"))?;
        Ok(s)
    }

    /// The scenario's own numbers that the JSON types let through but no experiment means:
    /// more than [`MAX_PARTITIONS`] partitions (of the input or of a Kafka topic), and a
    /// driver that is down for a negative time. (A driver down for longer than the run can
    /// re-run is known only once the program sets the batch interval: the run stops with a
    /// message then.)
    pub fn check(&self) -> Result<(), String> {
        if let Some(n) = self.input_partitions.filter(|&n| n > MAX_PARTITIONS) {
            return Err(format!(
                "input_partitions is {n}, more than the {MAX_PARTITIONS} partitions the playground can hold"
            ));
        }
        for t in self.kafka.iter().flat_map(|k| &k.topics) {
            if t.partitions as usize > MAX_PARTITIONS {
                return Err(format!(
                    "topic `{}` has {} partitions, more than the {MAX_PARTITIONS} the playground can hold",
                    t.name, t.partitions
                ));
            }
        }
        if let Some(c) = self.driver_crash.0.iter().find(|c| c.down_ms < 0) {
            return Err(format!(
                "driver_crash at {} ms: down_ms is {}, and a driver cannot restart before it crashed (0 restarts at once)",
                c.at_ms, c.down_ms
            ));
        }
        Ok(())
    }

    /// The input of every batch, for batch interval `batch_ms` and block interval `block_ms`:
    /// with `batches`, each list whole, sliced into `input_partitions` (default 2) as
    /// `parallelize` does; with stamped `lines`, each line in the batch whose `[t − B, t)`
    /// holds it, and one partition per non-empty block of `block_ms`.
    pub fn inputs(&self, batch_ms: i64, block_ms: i64) -> Vec<BatchInput> {
        let batch_ms = batch_ms.max(1);
        let mut out: Vec<BatchInput> = Vec::new();
        if let Some(batches) = &self.batches {
            let n = self.input_partitions.unwrap_or(2).max(1);
            for b in batches.iter().take(MAX_BATCHES) {
                let vals: Vec<Value> = b.iter().map(|s| Value::str(s)).collect();
                let parts = slice_evenly(vals, n)
                    .into_iter()
                    .map(|p| p.iter().map(|v| v.to_string()).collect())
                    .collect();
                out.push(BatchInput {
                    lines: b.clone(),
                    partitions: parts,
                });
            }
        }
        if let Some(lines) = &self.lines {
            let mut sorted: Vec<&StampedLine> = lines.iter().filter(|l| l.at_ms >= 0).collect();
            crate::sort::sort_by_key(&mut sorted, |l| l.at_ms);
            let block_ms = block_ms.max(1);
            // The block each batch's last partition came from.
            let mut last_block: Vec<i64> = Vec::new();
            for l in sorted {
                let idx = (l.at_ms / batch_ms) as usize;
                if idx >= MAX_BATCHES {
                    break;
                }
                while out.len() <= idx {
                    out.push(BatchInput::default());
                    last_block.push(-1);
                }
                let b = &mut out[idx];
                b.lines.push(l.text.clone());
                let block = l.at_ms / block_ms;
                match b.partitions.last_mut() {
                    Some(last) if last_block[idx] == block => last.push(l.text.clone()),
                    _ => b.partitions.push(vec![l.text.clone()]),
                }
                last_block[idx] = block;
            }
            if let Some(n) = self.input_partitions {
                for b in &mut out {
                    let vals: Vec<Value> = b.lines.iter().map(|s| Value::str(s)).collect();
                    b.partitions = slice_evenly(vals, n)
                        .into_iter()
                        .map(|p| p.iter().map(|v| v.to_string()).collect())
                        .collect();
                }
            }
        }
        // Without `run_batches`, a Kafka scenario runs until its last record is read.
        let kafka_batches = self.kafka.as_ref().map_or(0, |k| {
            k.records
                .iter()
                .map(|r| r.at_ms / batch_ms + 1)
                .max()
                .unwrap_or(0) as usize
        });
        let want = self
            .run_batches
            .unwrap_or(out.len().max(kafka_batches))
            .min(MAX_BATCHES);
        while out.len() < want {
            out.push(BatchInput {
                lines: Vec::new(),
                partitions: self.empty_partitions(),
            });
        }
        out.truncate(want);
        out
    }

    fn empty_partitions(&self) -> Vec<Vec<String>> {
        match (&self.batches, self.input_partitions) {
            (Some(_), n) => vec![Vec::new(); n.unwrap_or(2).max(1)],
            (None, Some(n)) => vec![Vec::new(); n.max(1)],
            (None, None) => Vec::new(),
        }
    }
}
