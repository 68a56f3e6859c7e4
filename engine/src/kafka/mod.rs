//! A Kafka broker on virtual time: topics whose partitions are append-only logs with offsets,
//! a producer with Kafka's default partitioner, and consumer groups with committed offsets.
//!
//! Only what Spark's Kafka 0-10 integration observes is modelled (`spark-semantics.md` §9):
//! where a record lands (`murmur2` of the key bytes for keyed records, round-robin or sticky
//! for unkeyed ones), its offset, when it becomes visible (a record produced at `at_ms` is in
//! the log for every look at a later moment), each group's committed offsets and its
//! `auto.offset.reset`. Retention, replication, rebalances and transactions are out of scope.
//!
//! **Where offsets live.** A group's committed offsets are records of the internal, compacted
//! topic `__consumer_offsets` (key: group, topic, partition; value: offset), written by the
//! group coordinator when a consumer commits. Before Kafka 0.9 the old high-level consumer kept
//! them in ZooKeeper under `/consumers/<group>/offsets/<topic>/<partition>`. Here each
//! [`Group`] keeps the latest commit per partition plus the log of commits, as the compacted
//! topic would.

pub mod delivery;
pub mod pattern;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Kafka's `Utils.murmur2`: the 32-bit MurmurHash2 Kafka's default partitioner applies to the
/// serialized key (seed `0x9747b28c`, `m = 0x5bd1e995`, `r = 24`), little-endian 4-byte
/// words, the tail mixed as Java's switch fall-through does.
pub fn murmur2(data: &[u8]) -> i32 {
    let length = data.len() as u32;
    let seed: u32 = 0x9747_b28c;
    let m: u32 = 0x5bd1_e995;
    let r = 24;
    let mut h: u32 = seed ^ length;
    let chunks = data.chunks_exact(4);
    let tail = chunks.remainder();
    for c in chunks {
        let mut k = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        k = k.wrapping_mul(m);
        k ^= k >> r;
        k = k.wrapping_mul(m);
        h = h.wrapping_mul(m);
        h ^= k;
    }
    if tail.len() >= 3 {
        h ^= (tail[2] as u32) << 16;
    }
    if tail.len() >= 2 {
        h ^= (tail[1] as u32) << 8;
    }
    if !tail.is_empty() {
        h ^= tail[0] as u32;
        h = h.wrapping_mul(m);
    }
    h ^= h >> 13;
    h = h.wrapping_mul(m);
    h ^= h >> 15;
    h as i32
}

/// Kafka's `Utils.toPositive`: `number & 0x7fffffff` (not `abs`, which overflows).
pub fn to_positive(n: i32) -> i32 {
    n & 0x7fff_ffff
}

/// The partition Kafka's default partitioner gives a keyed record:
/// `toPositive(murmur2(keyBytes)) % numPartitions` (`BuiltInPartitioner.partitionForKey`).
pub fn partition_for_key(key: &str, num_partitions: u32) -> u32 {
    (to_positive(murmur2(key.as_bytes())) as u32) % num_partitions.max(1)
}

/// A topic and a partition (`TopicPartition`, printed `topic-partition` as Kafka does).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TopicPartition {
    /// The topic.
    pub topic: String,
    /// The partition.
    pub partition: u32,
}

impl TopicPartition {
    /// A topic partition.
    pub fn new(topic: &str, partition: u32) -> TopicPartition {
        TopicPartition {
            topic: topic.to_string(),
            partition,
        }
    }
}

impl fmt::Display for TopicPartition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.topic, self.partition)
    }
}

/// One record of a partition's log, as a consumer sees it (`ConsumerRecord`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The topic.
    pub topic: String,
    /// The partition.
    pub partition: u32,
    /// Its offset in the partition.
    pub offset: i64,
    /// When it was produced (virtual ms; `CreateTime`).
    pub timestamp: i64,
    /// The key, if any.
    pub key: Option<String>,
    /// The value.
    pub value: String,
}

impl Record {
    /// Kafka's `ConsumerRecord.toString` (clients 3.x, which Spark 4 ships): leader epoch 0
    /// (a fresh single-broker topic), `CreateTime`, sizes in UTF-8 bytes (-1 for no key), no
    /// headers.
    pub fn to_consumer_record_string(&self) -> String {
        let key_size = self.key.as_ref().map_or(-1, |k| k.len() as i64);
        format!(
            "ConsumerRecord(topic = {}, partition = {}, leaderEpoch = 0, offset = {}, CreateTime = {}, serialized key size = {}, serialized value size = {}, headers = RecordHeaders(headers = [], isReadOnly = false), key = {}, value = {})",
            self.topic,
            self.partition,
            self.offset,
            self.timestamp,
            key_size,
            self.value.len(),
            self.key.as_deref().unwrap_or("null"),
            self.value
        )
    }

    /// Its topic partition.
    pub fn tp(&self) -> TopicPartition {
        TopicPartition::new(&self.topic, self.partition)
    }
}

/// How the producer places records without a key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unkeyed {
    /// `RoundRobinPartitioner`: partition `i mod n` for the `i`-th unkeyed record of a topic.
    #[default]
    RoundRobin,
    /// The sticky partitioner (Kafka ≥ 2.4's default for null keys): stay on one partition
    /// until a batch of `batch_records` records is full, then move on. Kafka picks the next
    /// partition at random; here it is the next one, so runs stay deterministic.
    Sticky {
        /// Records per producer batch.
        batch_records: u32,
    },
}

/// A topic: its partitions' logs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Topic {
    /// Each partition's log, in offset order.
    pub partitions: Vec<Vec<Record>>,
    rr: u32,
    sticky: (u32, u32),
}

/// A consumer group's offsets, as `__consumer_offsets` holds them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Group {
    /// The last committed offset per partition (the next record to read).
    pub committed: BTreeMap<TopicPartition, i64>,
    /// Every commit, in order: `(virtual ms, partition, offset)`.
    pub commits: Vec<(i64, TopicPartition, i64)>,
}

/// `auto.offset.reset`: where a group with no committed offset starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OffsetReset {
    /// From the log's start.
    Earliest,
    /// From its end (Kafka's default).
    #[default]
    Latest,
    /// Throw `NoOffsetForPartitionException`.
    None,
}

impl OffsetReset {
    /// Parse `earliest` / `latest` / `none`.
    pub fn parse(s: &str) -> Option<OffsetReset> {
        match s {
            "earliest" => Some(OffsetReset::Earliest),
            "latest" => Some(OffsetReset::Latest),
            "none" => Some(OffsetReset::None),
            _ => None,
        }
    }
}

/// The broker: every topic and every group.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Broker {
    /// Topics by name.
    pub topics: BTreeMap<String, Topic>,
    /// Consumer groups by `group.id`.
    pub groups: BTreeMap<String, Group>,
    /// How unkeyed records are placed.
    pub unkeyed: Unkeyed,
}

/// A consumer of the broker, with Kafka's consumer settings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConsumerConfig {
    /// `group.id`.
    pub group: String,
    /// `auto.offset.reset`.
    pub reset: OffsetReset,
    /// `enable.auto.commit` (Kafka's default is true; Spark's guide sets it to false).
    pub auto_commit: bool,
}

impl Broker {
    /// An empty broker.
    pub fn new(unkeyed: Unkeyed) -> Broker {
        Broker {
            unkeyed,
            ..Broker::default()
        }
    }

    /// Create a topic with `partitions` partitions (kept as is if it exists).
    pub fn create_topic(&mut self, name: &str, partitions: u32) {
        self.topics
            .entry(name.to_string())
            .or_insert_with(|| Topic {
                partitions: vec![Vec::new(); partitions.max(1) as usize],
                ..Topic::default()
            });
    }

    /// The partitions of a topic (0 when unknown).
    pub fn num_partitions(&self, topic: &str) -> u32 {
        self.topics
            .get(topic)
            .map_or(0, |t| t.partitions.len() as u32)
    }

    /// Produce a record at `at_ms`; returns its partition and offset. An unknown topic is
    /// auto-created with one partition (`auto.create.topics.enable`, `num.partitions = 1`).
    pub fn produce(
        &mut self,
        topic: &str,
        key: Option<&str>,
        value: &str,
        at_ms: i64,
    ) -> (u32, i64) {
        self.create_topic(topic, 1);
        let unkeyed = self.unkeyed;
        let t = self.topics.get_mut(topic).expect("created above");
        let n = t.partitions.len() as u32;
        let p = match key {
            Some(k) => partition_for_key(k, n),
            None => match unkeyed {
                Unkeyed::RoundRobin => {
                    let p = t.rr % n;
                    t.rr = t.rr.wrapping_add(1);
                    p
                }
                Unkeyed::Sticky { batch_records } => {
                    let (cur, used) = t.sticky;
                    let (cur, used) = if used >= batch_records.max(1) {
                        ((cur + 1) % n, 0)
                    } else {
                        (cur, used)
                    };
                    t.sticky = (cur, used + 1);
                    cur
                }
            },
        };
        let log = &mut t.partitions[p as usize];
        let offset = log.len() as i64;
        log.push(Record {
            topic: topic.to_string(),
            partition: p,
            offset,
            timestamp: at_ms,
            key: key.map(str::to_string),
            value: value.to_string(),
        });
        (p, offset)
    }

    /// Produce one line of the producer terminal: `key value` (split at the first space) when
    /// `parse_key`, else the whole line as the value (`kafka-console-producer` with and
    /// without `parse.key`).
    pub fn produce_line(
        &mut self,
        topic: &str,
        line: &str,
        parse_key: bool,
        at_ms: i64,
    ) -> (u32, i64) {
        match (parse_key, line.split_once(' ')) {
            (true, Some((k, v))) => self.produce(topic, Some(k), v, at_ms),
            _ => self.produce(topic, None, line, at_ms),
        }
    }

    /// Every partition of the given topics, sorted.
    pub fn partitions_of(&self, topics: &[String]) -> Vec<TopicPartition> {
        let mut out = Vec::new();
        for t in topics {
            for p in 0..self.num_partitions(t) {
                out.push(TopicPartition::new(t, p));
            }
        }
        crate::sort::sort(&mut out);
        out
    }

    /// The log-end offset of a partition as seen at `at_ms` (records produced before it).
    pub fn end_offset(&self, tp: &TopicPartition, at_ms: i64) -> i64 {
        self.log(tp).map_or(0, |l| {
            l.iter().take_while(|r| r.timestamp < at_ms).count() as i64
        })
    }

    /// A partition's whole log.
    pub fn log(&self, tp: &TopicPartition) -> Option<&Vec<Record>> {
        self.topics
            .get(&tp.topic)
            .and_then(|t| t.partitions.get(tp.partition as usize))
    }

    /// The records of `[from, until)` of a partition, in offset order.
    pub fn read(&self, tp: &TopicPartition, from: i64, until: i64) -> Vec<Record> {
        self.log(tp).map_or(Vec::new(), |l| {
            l.iter()
                .filter(|r| r.offset >= from && r.offset < until)
                .cloned()
                .collect()
        })
    }

    /// The group's committed offset for a partition.
    pub fn committed(&self, group: &str, tp: &TopicPartition) -> Option<i64> {
        self.groups.get(group)?.committed.get(tp).copied()
    }

    /// Commit offsets for a group at `at_ms` (a record of `__consumer_offsets` each).
    pub fn commit(&mut self, group: &str, offsets: &BTreeMap<TopicPartition, i64>, at_ms: i64) {
        let g = self.groups.entry(group.to_string()).or_default();
        for (tp, &o) in offsets {
            g.committed.insert(tp.clone(), o);
            g.commits.push((at_ms, tp.clone(), o));
        }
    }

    /// A consumer's starting position for a partition at `at_ms`: the group's committed
    /// offset, else `auto.offset.reset` (`Err` with Kafka's message for `none`).
    pub fn position(
        &self,
        c: &ConsumerConfig,
        tp: &TopicPartition,
        at_ms: i64,
    ) -> Result<i64, String> {
        if let Some(o) = self.committed(&c.group, tp) {
            return Ok(o);
        }
        match c.reset {
            OffsetReset::Earliest => Ok(0),
            OffsetReset::Latest => Ok(self.end_offset(tp, at_ms)),
            OffsetReset::None => Err(format!(
                "Undefined offset with no reset policy for partitions: [{tp}]"
            )),
        }
    }
}

/// `OffsetRange(topic, partition, fromOffset, untilOffset)`: `from` inclusive, `until`
/// exclusive.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct OffsetRange {
    /// The topic.
    pub topic: String,
    /// The partition.
    pub partition: u32,
    /// The first offset (inclusive).
    pub from: i64,
    /// The end (exclusive).
    pub until: i64,
}

impl OffsetRange {
    /// `count = untilOffset − fromOffset`.
    pub fn count(&self) -> i64 {
        self.until - self.from
    }

    /// Its topic partition.
    pub fn tp(&self) -> TopicPartition {
        TopicPartition::new(&self.topic, self.partition)
    }
}

impl fmt::Display for OffsetRange {
    /// Spark's `OffsetRange.toString`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "OffsetRange(topic: '{}', partition: {}, range: [{} -> {}])",
            self.topic, self.partition, self.from, self.until
        )
    }
}

/// `DirectKafkaInputDStream.maxMessagesPerPartition` without backpressure: with
/// `maxRatePerPartition > 0`, `max((B_seconds × rate).toLong, minRatePerPartition)` per
/// partition; `None` (no limit) otherwise.
pub fn max_messages_per_partition(batch_ms: i64, max_rate: i64, min_rate: i64) -> Option<i64> {
    if max_rate <= 0 {
        return None;
    }
    let secs = batch_ms as f64 / 1000.0;
    Some(((secs * max_rate as f64) as i64).max(min_rate))
}

/// One batch's offset ranges (§9 steps 1–3): `until = min(latest, current + maxMessages)`,
/// one range per partition, empty ones included.
pub fn offset_ranges(
    broker: &Broker,
    current: &BTreeMap<TopicPartition, i64>,
    at_ms: i64,
    max_messages: Option<i64>,
) -> Vec<OffsetRange> {
    current
        .iter()
        .map(|(tp, &from)| {
            let latest = broker.end_offset(tp, at_ms);
            let until = match max_messages {
                Some(m) => latest.min(from + m),
                None => latest,
            }
            .max(from);
            OffsetRange {
                topic: tp.topic.clone(),
                partition: tp.partition,
                from,
                until,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn murmur2_matches_kafka_utils_test() {
        assert_eq!(murmur2(b"21"), -973932308);
        assert_eq!(murmur2(b"abc"), 479470107);
    }
}
