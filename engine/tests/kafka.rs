//! Kafka on virtual time and failures: Kafka's partitioner (`Utils.murmur2` with Kafka's own
//! `UtilsTest.testMurmur2` vectors), partition placement and ordering, the direct stream's
//! offset ranges (`spark-semantics.md` §9), `commitAsync` timing, and every crash point ×
//! commit strategy × sink with the lost and duplicated counts derived from §9, §10 and the
//! Spark Kafka 0-10 integration guide (there is no recorded Spark run for Kafka: the Spark
//! build we record with has no Kafka connector).

use dstream_engine::checkpoint::DriverCrash;
use dstream_engine::kafka::delivery::{
    presets, simulate, CommitStrategy, Crash, CrashPoint, DeliveryReport, DeliveryScenario, Event,
    Mode, Outcome, Produced, Restart, Sink, StateOp, TopicSpec, BLOCKS_NOT_RECOVERED,
};
use dstream_engine::kafka::{
    max_messages_per_partition, murmur2, partition_for_key, to_positive, Broker, ConsumerConfig,
    OffsetRange, OffsetReset, TopicPartition, Unkeyed,
};
use std::collections::BTreeMap;

#[test]
fn murmur2_matches_kafka_utils_test_vectors() {
    // Kafka's `UtilsTest.testMurmur2`.
    let cases: [(&str, i32); 6] = [
        ("21", -973932308),
        ("foobar", -790332482),
        ("a-little-bit-long-string", -985981536),
        ("a-little-bit-longer-string", -1486304829),
        (
            "lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8",
            -58897971,
        ),
        ("abc", 479470107),
    ];
    for (s, h) in cases {
        assert_eq!(murmur2(s.as_bytes()), h, "murmur2({s:?})");
    }
    assert_eq!(to_positive(-1), i32::MAX);
    assert_eq!(to_positive(i32::MIN), 0);
}

use dstream_engine::api::Ssc;
use dstream_engine::exec::Exn;
use dstream_engine::ops::direct_kafka_input::{
    commit_async, offset_ranges_of, state_of, ConsumerRecordObj,
};
use dstream_engine::rdd::{Rdd, RddKind};
use dstream_engine::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

fn consumer(group: &str, reset: OffsetReset) -> ConsumerConfig {
    ConsumerConfig {
        group: group.into(),
        reset,
        auto_commit: false,
    }
}

#[test]
fn keyed_records_go_where_kafkas_default_partitioner_puts_them() {
    let mut b = Broker::new(Unkeyed::RoundRobin);
    b.create_topic("words", 3);
    for k in ["21", "foobar", "abc", "spark", "kafka"] {
        let (p, _) = b.produce("words", Some(k), "v", 0);
        // toPositive(murmur2(key)) % 3, by hand for the vectors above.
        assert_eq!(p, (murmur2(k.as_bytes()) & 0x7fff_ffff) as u32 % 3);
        assert_eq!(p, partition_for_key(k, 3));
    }
    // "21": -973932308 & 0x7fffffff = 1173551340, % 3 = 0; "abc": 479470107 % 3 = 0;
    // "foobar": -790332482 & 0x7fffffff = 1357151166, % 3 = 0.
    assert_eq!(partition_for_key("21", 3), 0);
    assert_eq!(partition_for_key("abc", 3), 0);
    assert_eq!(partition_for_key("foobar", 3), 0);
    assert_eq!(partition_for_key("abc", 2), 1);
    // The same key always lands in the same partition, with consecutive offsets.
    let (p1, o1) = b.produce("words", Some("spark"), "a", 1);
    let (p2, o2) = b.produce("words", Some("spark"), "b", 2);
    assert_eq!(p1, p2);
    assert_eq!(o2, o1 + 1);
}

#[test]
fn unkeyed_records_round_robin_or_stick() {
    let mut rr = Broker::new(Unkeyed::RoundRobin);
    rr.create_topic("t", 3);
    let ps: Vec<u32> = (0..7).map(|i| rr.produce("t", None, "v", i).0).collect();
    assert_eq!(ps, vec![0, 1, 2, 0, 1, 2, 0]);
    let mut sticky = Broker::new(Unkeyed::Sticky { batch_records: 3 });
    sticky.create_topic("t", 2);
    let ps: Vec<u32> = (0..7)
        .map(|i| sticky.produce("t", None, "v", i).0)
        .collect();
    assert_eq!(ps, vec![0, 0, 0, 1, 1, 1, 0]);
    // Producer terminal lines: `key value`, or the value alone.
    let mut b = Broker::new(Unkeyed::RoundRobin);
    b.create_topic("t", 2);
    b.produce_line("t", "k hello world", true, 0);
    b.produce_line("t", "hello world", false, 0);
    let all: Vec<_> = (0..2)
        .flat_map(|p| b.read(&TopicPartition::new("t", p), 0, 10))
        .collect();
    assert!(all
        .iter()
        .any(|r| r.key.as_deref() == Some("k") && r.value == "hello world"));
    assert!(all
        .iter()
        .any(|r| r.key.is_none() && r.value == "hello world"));
}

#[test]
fn consumer_groups_commit_and_reset() {
    let mut b = Broker::new(Unkeyed::RoundRobin);
    b.create_topic("t", 1);
    for i in 0..5 {
        b.produce("t", None, &format!("v{i}"), i * 100);
    }
    let tp = TopicPartition::new("t", 0);
    // No committed offset: auto.offset.reset decides.
    assert_eq!(
        b.position(&consumer("g", OffsetReset::Earliest), &tp, 1000),
        Ok(0)
    );
    assert_eq!(
        b.position(&consumer("g", OffsetReset::Latest), &tp, 1000),
        Ok(5)
    );
    assert_eq!(
        b.position(&consumer("g", OffsetReset::Latest), &tp, 250),
        Ok(3)
    );
    assert!(b
        .position(&consumer("g", OffsetReset::None), &tp, 1000)
        .unwrap_err()
        .contains("t-0"));
    // A committed offset wins over the reset policy, per group.
    b.commit("g", &BTreeMap::from([(tp.clone(), 2)]), 500);
    assert_eq!(
        b.position(&consumer("g", OffsetReset::Latest), &tp, 1000),
        Ok(2)
    );
    assert_eq!(
        b.position(&consumer("other", OffsetReset::Latest), &tp, 1000),
        Ok(5)
    );
    assert_eq!(b.groups["g"].commits, vec![(500, tp, 2)]);
}

#[test]
fn consumer_record_and_offset_range_print_as_kafka_and_spark_do() {
    let mut b = Broker::new(Unkeyed::RoundRobin);
    b.create_topic("t", 1);
    b.produce("t", Some("k"), "hello", 1500);
    let r = &b.read(&TopicPartition::new("t", 0), 0, 1)[0];
    assert_eq!(
        r.to_consumer_record_string(),
        "ConsumerRecord(topic = t, partition = 0, leaderEpoch = 0, offset = 0, CreateTime = 1500, serialized key size = 1, serialized value size = 5, headers = RecordHeaders(headers = [], isReadOnly = false), key = k, value = hello)"
    );
    let range = OffsetRange {
        topic: "t".into(),
        partition: 0,
        from: 0,
        until: 1,
    };
    assert_eq!(
        range.to_string(),
        "OffsetRange(topic: 't', partition: 0, range: [0 -> 1])"
    );
}

/// Two partitions; `n` unkeyed records per partition per second, sent from 0 ms on.
fn broker_with(per_second: i64, seconds: i64) -> Rc<RefCell<Broker>> {
    let mut b = Broker::new(Unkeyed::RoundRobin);
    b.create_topic("events", 2);
    let step = 1000 / (2 * per_second);
    let mut i = 0;
    for s in 0..seconds {
        for j in 0..2 * per_second {
            b.produce("events", None, &format!("e{i}"), s * 1000 + j * step);
            i += 1;
        }
    }
    Rc::new(RefCell::new(b))
}

type Seen = Rc<RefCell<Vec<(i64, Vec<OffsetRange>, Vec<Vec<String>>)>>>;

/// A direct stream with a `foreachRDD` that reads `HasOffsetRanges`, each partition's
/// records, and (optionally) commits with `commitAsync` after its output.
fn direct_run(
    broker: Rc<RefCell<Broker>>,
    conf: &[(&str, &str)],
    commit: bool,
    batches: usize,
) -> (Seen, Rc<RefCell<Broker>>) {
    let mut ssc = Ssc::new("local[2]", 1000);
    for (k, v) in conf {
        ssc.rt.conf.settings.insert(k.to_string(), v.to_string());
    }
    let s = ssc.kafka_direct_stream(
        broker.clone(),
        &["events"],
        consumer("g", OffsetReset::Earliest),
    );
    let seen: Seen = Rc::default();
    let out = seen.clone();
    let id = s.0;
    ssc.foreach_rdd(s, move |rt, rdd: Rc<Rdd>, t| {
        // The guide: the cast only succeeds on the stream's own RDD, first method called.
        let ranges = offset_ranges_of(rt, &rdd).ok_or_else(|| Exn::spark("ClassCastException"))?;
        let mut parts = Vec::new();
        for p in 0..rdd.num_partitions() {
            let part = rdd.materialize(rt, p)?;
            parts.push(
                part.iter()
                    .map(|v| v.obj::<ConsumerRecordObj>().unwrap().0.value.clone())
                    .collect(),
            );
        }
        out.borrow_mut().push((t.0, ranges.clone(), parts));
        if commit {
            let st = state_of(rt, id).unwrap();
            commit_async(&st, &ranges);
        }
        Ok(())
    });
    ssc.run(batches).unwrap();
    (seen, broker)
}

fn counts(ranges: &[OffsetRange]) -> Vec<(i64, i64)> {
    ranges.iter().map(|r| (r.from, r.until)).collect()
}

#[test]
fn offset_ranges_per_batch_one_rdd_partition_per_kafka_partition() {
    // 3 records per partition per second for 2 seconds; batch 3 finds nothing new.
    let (seen, _) = direct_run(broker_with(3, 2), &[], false, 3);
    let seen = seen.borrow();
    // §9 steps 1–4: until = latest (no rate limit), one range per partition, empty ranges
    // included, one RDD partition per Kafka partition.
    assert_eq!(counts(&seen[0].1), vec![(0, 3), (0, 3)]);
    assert_eq!(counts(&seen[1].1), vec![(3, 6), (3, 6)]);
    assert_eq!(counts(&seen[2].1), vec![(6, 6), (6, 6)]);
    assert_eq!(seen[2].2, vec![Vec::<String>::new(), Vec::new()]);
    // Ordering: within a partition only. Records were produced e0 (p0), e1 (p1), e2 (p0)...;
    // the RDD has p0's records in offset order, then p1's: the interleaving is gone.
    assert_eq!(
        seen[0].2,
        vec![vec!["e0", "e2", "e4"], vec!["e1", "e3", "e5"]]
    );
}

#[test]
fn max_rate_per_partition_clamps_each_range() {
    // maxRatePerPartition = 2/s, B = 1 s: max((1 × 2).toLong, minRate 1) = 2 per partition
    // per batch (§9 "Rate limiting"); the backlog is read by later batches.
    let conf = [("spark.streaming.kafka.maxRatePerPartition", "2")];
    let (seen, _) = direct_run(broker_with(3, 2), &conf, false, 4);
    let seen = seen.borrow();
    let got: Vec<_> = seen.iter().map(|s| counts(&s.1)).collect();
    assert_eq!(
        got,
        vec![
            vec![(0, 2), (0, 2)],
            vec![(2, 4), (2, 4)],
            vec![(4, 6), (4, 6)],
            vec![(6, 6), (6, 6)],
        ]
    );
    // A rate below one record per batch still reads minRatePerPartition (default 1).
    assert_eq!(max_messages_per_partition(1000, 0, 1), None);
    assert_eq!(max_messages_per_partition(200, 2, 1), Some(1));
    assert_eq!(max_messages_per_partition(200, 2, 3), Some(3));
    assert_eq!(max_messages_per_partition(2500, 10, 1), Some(25));
    let conf = [
        ("spark.streaming.kafka.maxRatePerPartition", "1"),
        ("spark.streaming.kafka.minRatePerPartition", "3"),
    ];
    let (seen, _) = direct_run(broker_with(3, 2), &conf, false, 1);
    assert_eq!(counts(&seen.borrow()[0].1), vec![(0, 3), (0, 3)]);
}

#[test]
fn commit_async_is_sent_when_the_next_batch_is_generated() {
    let (seen, broker) = direct_run(broker_with(1, 3), &[], true, 3);
    assert_eq!(seen.borrow().len(), 3);
    let b = broker.borrow();
    // Batch 1000's commitAsync (after its output) is only queued; commitAll() sends it at the
    // end of the next compute, at 2000; batch 2000's at 3000; batch 3000's is still queued
    // when the run ends (§9 `CanCommitOffsets.commitAsync`).
    let times: Vec<i64> = b.groups["g"].commits.iter().map(|c| c.0).collect();
    assert_eq!(times, vec![2000, 2000, 3000, 3000]);
    let tp0 = TopicPartition::new("events", 0);
    assert_eq!(b.committed("g", &tp0), Some(2));
    assert_eq!(b.groups["g"].commits[0], (2000, tp0, 1));
}

#[test]
fn has_offset_ranges_only_on_the_streams_own_rdds() {
    let broker = broker_with(1, 1);
    let mut ssc = Ssc::new("local[2]", 1000);
    let s = ssc.kafka_direct_stream(broker, &["events"], consumer("g", OffsetReset::Earliest));
    let mapped = ssc.map(s, |v| {
        Value::str(&v.obj::<ConsumerRecordObj>().unwrap().0.value)
    });
    let casts: Rc<RefCell<Vec<bool>>> = Rc::default();
    let c = casts.clone();
    ssc.foreach_rdd(mapped, move |rt, rdd, _| {
        c.borrow_mut().push(offset_ranges_of(rt, &rdd).is_some());
        Ok(())
    });
    let out = ssc.collect(mapped);
    let run = ssc.run(1).unwrap();
    // The guide: "only succeed if it is done in the first method called on the result of
    // createDirectStream" — a mapped RDD is not a KafkaRDD.
    assert_eq!(*casts.borrow(), vec![false]);
    assert_eq!(run.output(out)[0].len(), 2);
}

// ---------------------------------------------------------------------------------------
// Failures and delivery. The standard run: topic `events` with 2 partitions, B = 1 s, 4
// batches; two unkeyed records per second (round-robin: one per partition), sent at
// 100 + 500·i ms, so batch k (generated at k·1000) reads exactly the two records of
// [(k−1)·1000, k·1000). The driver dies in batch 2 (t = 2000) and restarts at once (the
// timer's next tick is 3000). The counts below are derived from `spark-semantics.md` §9
// (commitAsync only enqueues; commitAll() sends the queue when the next batch is generated;
// a new context starts from the group's committed offsets, else auto.offset.reset) and §10
// (checkpoints after generation and after completion; recovery re-runs
// pendingTimes ∪ [checkpointTime, restartTime)), and from the Spark Kafka 0-10 integration
// guide's "Storing Offsets" ("Spark output operations are at-least-once... store offsets
// after an idempotent output, or store offsets in an atomic transaction alongside output").

fn standard(
    commit: CommitStrategy,
    sink: Sink,
    point: Option<CrashPoint>,
    reset: OffsetReset,
) -> DeliveryScenario {
    DeliveryScenario {
        topics: vec![TopicSpec {
            name: "events".into(),
            partitions: 2,
        }],
        records: (0..8)
            .map(|i| Produced {
                at_ms: 100 + 500 * i,
                topic: "events".into(),
                key: None,
                value: format!("e{i}"),
            })
            .collect(),
        unkeyed: Unkeyed::RoundRobin,
        batch_ms: 1000,
        batches: 4,
        max_rate_per_partition: 0,
        min_rate_per_partition: 1,
        reset,
        group: "g".into(),
        mode: Mode::Direct,
        commit,
        sink,
        checkpoint: false,
        restart: Restart::KafkaOffsets,
        crash: point.map(|point| Crash {
            batch: 2,
            point,
            down_ms: 0,
        }),
        state: None,
    }
}

fn lost_dup(r: &DeliveryReport) -> (usize, usize) {
    (r.lost, r.duplicated)
}

use CrashPoint::{AfterCommit, AfterOutput, BeforeOutput};

#[test]
fn without_a_crash_every_strategy_delivers_exactly_once() {
    for commit in [
        CommitStrategy::None,
        CommitStrategy::AfterOutput,
        CommitStrategy::BeforeOutput,
        CommitStrategy::AutoCommit,
    ] {
        for sink in [Sink::Append, Sink::Upsert, Sink::Transactional] {
            let r = simulate(&standard(commit, sink, None, OffsetReset::Earliest));
            assert_eq!(
                (r.lost, r.duplicated, r.exactly_once, r.pending),
                (0, 0, 8, 0)
            );
        }
    }
}

#[test]
fn crash_points_times_commit_strategies_times_sinks() {
    // (commit, reset, crash point) → (lost, duplicated) for the append-only sink.
    let append: [(CommitStrategy, OffsetReset, CrashPoint, (usize, usize)); 15] = [
        // commitAsync after output (the guide's "Kafka itself"): at t = 2000 commitAll()
        // sent batch 1's ranges (1, 1). Dying before batch 2's output re-reads batch 2 from
        // the committed offsets: nothing lost or repeated. Dying after the output, before or
        // after commitAsync, loses batch 2's commit (queued, never sent: it would have gone
        // out at 3000), so its 2 records are read and written again: at-least-once.
        (
            CommitStrategy::AfterOutput,
            OffsetReset::Earliest,
            BeforeOutput,
            (0, 0),
        ),
        (
            CommitStrategy::AfterOutput,
            OffsetReset::Earliest,
            AfterOutput,
            (0, 2),
        ),
        (
            CommitStrategy::AfterOutput,
            OffsetReset::Earliest,
            AfterCommit,
            (0, 2),
        ),
        // commitAsync before output: the deferred send blurs it (§9 "derived"): batch 2's
        // commit is still queued when the driver dies, so nothing is lost, and a crash after
        // the output repeats batch 2.
        (
            CommitStrategy::BeforeOutput,
            OffsetReset::Earliest,
            BeforeOutput,
            (0, 0),
        ),
        (
            CommitStrategy::BeforeOutput,
            OffsetReset::Earliest,
            AfterOutput,
            (0, 2),
        ),
        (
            CommitStrategy::BeforeOutput,
            OffsetReset::Earliest,
            AfterCommit,
            (0, 2),
        ),
        // Driver auto-commit: at each generation it commits the position after seekToEnd,
        // the latest offset (2, 2) at 2000, before batch 2 is written: dying before the
        // output loses batch 2 (at-most-once); after it, nothing is lost or repeated.
        (
            CommitStrategy::AutoCommit,
            OffsetReset::Earliest,
            BeforeOutput,
            (2, 0),
        ),
        (
            CommitStrategy::AutoCommit,
            OffsetReset::Earliest,
            AfterOutput,
            (0, 0),
        ),
        (
            CommitStrategy::AutoCommit,
            OffsetReset::Earliest,
            AfterCommit,
            (0, 0),
        ),
        // No commit, earliest: the new context reads everything again from offset 0:
        // batch 1 (and batch 2 when it was written) comes twice.
        (
            CommitStrategy::None,
            OffsetReset::Earliest,
            BeforeOutput,
            (0, 2),
        ),
        (
            CommitStrategy::None,
            OffsetReset::Earliest,
            AfterOutput,
            (0, 4),
        ),
        (
            CommitStrategy::None,
            OffsetReset::Earliest,
            AfterCommit,
            (0, 4),
        ),
        // No commit, latest: the new context starts at the log end at 2000 (2, 2): batch 2
        // is skipped when it had not been written.
        (
            CommitStrategy::None,
            OffsetReset::Latest,
            BeforeOutput,
            (2, 0),
        ),
        (
            CommitStrategy::None,
            OffsetReset::Latest,
            AfterOutput,
            (0, 0),
        ),
        (
            CommitStrategy::None,
            OffsetReset::Latest,
            AfterCommit,
            (0, 0),
        ),
    ];
    for (commit, reset, point, (lost, dup)) in append {
        let what = format!("{commit:?} {reset:?} {point:?}");
        let r = simulate(&standard(commit, Sink::Append, Some(point), reset));
        assert_eq!(lost_dup(&r), (lost, dup), "append, {what}");
        assert_eq!(r.exactly_once, 8 - lost - dup, "append, {what}");
        // The idempotent upsert table absorbs every repeat, but not a loss.
        let r = simulate(&standard(commit, Sink::Upsert, Some(point), reset));
        assert_eq!(lost_dup(&r), (lost, 0), "upsert, {what}");
        if dup > 0 {
            assert!(r.records.iter().any(|d| d.writes == 2 && d.in_sink == 1));
        }
        // The transactional store keeps results and offsets together, and the restart reads
        // its offsets from the store: exactly once, whatever Kafka holds (the guide's
        // "Your own data store").
        let r = simulate(&standard(commit, Sink::Transactional, Some(point), reset));
        assert_eq!(
            (r.lost, r.duplicated, r.exactly_once),
            (0, 0, 8),
            "tx, {what}"
        );
    }
}

#[test]
fn a_lost_commit_is_on_the_timeline() {
    let r = simulate(&standard(
        CommitStrategy::AfterOutput,
        Sink::Append,
        Some(AfterCommit),
        OffsetReset::Earliest,
    ));
    let crash = r
        .events
        .iter()
        .find_map(|e| match e {
            Event::Crash { queued_lost, .. } => Some(*queued_lost),
            _ => None,
        })
        .unwrap();
    // Batch 2's two ranges were queued by commitAsync and die with the driver.
    assert_eq!(crash, 2);
    let commits: Vec<(i64, String)> = r
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Committed { at_ms, by, .. } => Some((*at_ms, by.clone())),
            _ => None,
        })
        .collect();
    // Batch 1's commit at 2000. The restarted context's first batch (3000) has nothing
    // queued to send: batch 2's commit died with the driver. Batch 3000's ranges (batch 2's
    // records read again, plus batch 3's) go out at 4000.
    assert_eq!(
        commits,
        vec![
            (2000, "commitAll".to_string()),
            (4000, "commitAll".to_string())
        ]
    );
    let dup: Vec<&str> = r
        .records
        .iter()
        .filter(|d| d.outcome == Outcome::Duplicated)
        .map(|d| d.value.as_str())
        .collect();
    assert_eq!(dup, vec!["e2", "e3"]);
}

#[test]
fn checkpoint_recovery_reruns_the_checkpoint_time() {
    // The guide's first option, checkpoints: the offsets live in the checkpoint. §10: a
    // checkpoint is written after generation (batch 2 pending) and after completion; the
    // restart re-runs pendingTimes ∪ [checkpointTime, restartTime) = {2000} either way,
    // from the checkpointed offset ranges. Before the output: written once. After the
    // output (with or without the completion checkpoint): batch 2 is written again —
    // "the output must be idempotent, because outputs are repeated".
    for (point, dup) in [(BeforeOutput, 0), (AfterOutput, 2), (AfterCommit, 2)] {
        let mut sc = standard(
            CommitStrategy::None,
            Sink::Append,
            Some(point),
            OffsetReset::Latest,
        );
        sc.checkpoint = true;
        sc.restart = Restart::Checkpoint;
        let r = simulate(&sc);
        assert_eq!(lost_dup(&r), (0, dup), "{point:?}");
        let reruns = r
            .events
            .iter()
            .find_map(|e| match e {
                Event::Restart { reruns, from, .. } => Some((reruns.clone(), from.clone())),
                _ => None,
            })
            .unwrap();
        assert_eq!(reruns, (vec![2000], "checkpoint-2000".to_string()));
        sc.sink = Sink::Upsert;
        assert_eq!(lost_dup(&simulate(&sc)), (0, 0));
    }
    // Down for 1.5 s: restart at 3500, restartTime 4000; the re-runs are 2000 (saved ranges)
    // and 3000 (generated at 3500 from the checkpoint's currentOffsets (2, 2): it reads what
    // was produced before 3500: p0's records at 2100 and 3100, p1's at 2600; p1's record at
    // 3600 goes to batch 4000).
    let mut sc = standard(
        CommitStrategy::None,
        Sink::Append,
        None,
        OffsetReset::Latest,
    );
    sc.checkpoint = true;
    sc.restart = Restart::Checkpoint;
    sc.crash = Some(Crash {
        batch: 2,
        point: BeforeOutput,
        down_ms: 1500,
    });
    let r = simulate(&sc);
    assert_eq!((r.lost, r.duplicated, r.exactly_once), (0, 0, 8));
    // (generated at, batch time, offset ranges)
    type Generation = (i64, i64, Vec<(i64, i64)>);
    let gens: Vec<Generation> = r
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Generated {
                at_ms,
                batch_ms,
                ranges,
                ..
            } => Some((*at_ms, *batch_ms, counts(ranges))),
            _ => None,
        })
        .collect();
    assert_eq!(
        gens,
        vec![
            (1000, 1000, vec![(0, 1), (0, 1)]),
            (2000, 2000, vec![(1, 2), (1, 2)]),
            (3500, 2000, vec![(1, 2), (1, 2)]),
            (3500, 3000, vec![(2, 4), (2, 3)]),
            (4000, 4000, vec![(4, 4), (3, 4)]),
        ]
    );
}

#[test]
fn the_three_delivery_guarantees_as_presets() {
    let base = standard(
        CommitStrategy::None,
        Sink::Append,
        None,
        OffsetReset::Earliest,
    );
    for point in [BeforeOutput, AfterOutput, AfterCommit] {
        let crash = Some(Crash {
            batch: 2,
            point,
            down_ms: 0,
        });
        let ps = presets(base.topics.clone(), base.records.clone(), 1000, 4, crash);
        let names: Vec<&str> = ps.iter().map(|p| p.0).collect();
        assert_eq!(names, vec!["at_most_once", "at_least_once", "exactly_once"]);
        let got: Vec<(usize, usize)> = ps.iter().map(|p| lost_dup(&simulate(&p.1))).collect();
        let want = match point {
            // Auto-commit already committed batch 2's end: lost. commitAsync had committed
            // only batch 1: re-read, no repeat. The store: exact.
            BeforeOutput => vec![(2, 0), (0, 0), (0, 0)],
            // Batch 2 was written: auto-commit is exact by luck; commitAsync repeats it.
            _ => vec![(0, 0), (0, 2), (0, 0)],
        };
        assert_eq!(got, want, "{point:?}");
    }
}

#[test]
fn rate_limited_backlog_is_pending_not_lost() {
    let mut sc = standard(
        CommitStrategy::AfterOutput,
        Sink::Append,
        None,
        OffsetReset::Earliest,
    );
    // One record per partition per 2 s of batch... 0.5/s × 1 s = 0 → minRatePerPartition 1;
    // with 4 records per partition and 2 batches, 2 per partition remain in Kafka.
    sc.max_rate_per_partition = 1;
    sc.batches = 2;
    sc.records.iter_mut().for_each(|r| r.at_ms = 0);
    let r = simulate(&sc);
    assert_eq!(
        (r.lost, r.duplicated, r.exactly_once, r.pending),
        (0, 0, 4, 4)
    );
    assert_eq!(r.cores_held, 0);
}

#[test]
fn receiver_mode_loses_received_blocks_without_the_write_ahead_log() {
    // The receiver holds a core and commits offsets as it stores blocks (to ZooKeeper for
    // Kafka 0.8's high-level consumer). The driver's death kills the executors: batch 2's
    // blocks, received but not yet written, are gone and the restarted receiver resumes
    // after them (§10 "What it does not restore").
    let recv = |wal: bool, checkpoint: bool, point: CrashPoint, sink: Sink| {
        let mut sc = standard(
            CommitStrategy::None,
            sink,
            Some(point),
            OffsetReset::Earliest,
        );
        sc.mode = Mode::Receiver { wal };
        sc.checkpoint = checkpoint;
        sc.restart = if checkpoint {
            Restart::Checkpoint
        } else {
            Restart::KafkaOffsets
        };
        simulate(&sc)
    };
    let r = recv(false, false, BeforeOutput, Sink::Append);
    assert_eq!((lost_dup(&r), r.cores_held), ((2, 0), 1));
    assert_eq!(
        lost_dup(&recv(false, false, AfterOutput, Sink::Append)),
        (0, 0)
    );
    // From a checkpoint without the WAL: batch 2 is re-run but its blocks are not found,
    // with Spark's warning.
    let r = recv(false, true, BeforeOutput, Sink::Append);
    assert_eq!(lost_dup(&r), (2, 0));
    assert!(r.events.iter().any(|e| matches!(e,
        Event::BlocksLost { warning: Some(w), .. } if w == BLOCKS_NOT_RECOVERED)));
    // With the WAL the blocks are replayed: no loss, and the re-run of a written batch
    // repeats it ("zero data loss", at-least-once), absorbed by an idempotent sink.
    assert_eq!(
        lost_dup(&recv(true, true, BeforeOutput, Sink::Append)),
        (0, 0)
    );
    assert_eq!(
        lost_dup(&recv(true, true, AfterOutput, Sink::Append)),
        (0, 2)
    );
    assert_eq!(
        lost_dup(&recv(true, true, AfterOutput, Sink::Upsert)),
        (0, 0)
    );
    assert!(recv(true, true, BeforeOutput, Sink::Append)
        .events
        .iter()
        .any(|e| matches!(
            e,
            Event::WalReplay {
                batch_ms: 2000,
                records: 2
            }
        )));
}

fn keyed_state(state: StateOp, checkpoint: bool, point: CrashPoint) -> DeliveryReport {
    let mut sc = standard(
        CommitStrategy::AfterOutput,
        Sink::Upsert,
        Some(point),
        OffsetReset::Earliest,
    );
    for (i, r) in sc.records.iter_mut().enumerate() {
        r.key = Some(["a", "b", "a", "c"][i % 4].into());
    }
    sc.state = Some(state);
    sc.checkpoint = checkpoint;
    sc.restart = if checkpoint {
        Restart::Checkpoint
    } else {
        Restart::KafkaOffsets
    };
    simulate(&sc)
}

#[test]
fn checkpoint_recovery_restores_state_in_the_delivery_model() {
    // Keys a, b, a, c, a, b, a, c: a = 4, b = 2, c = 2 without a crash.
    let full = BTreeMap::from([("a".to_string(), 4), ("b".into(), 2), ("c".into(), 2)]);
    for op in [StateOp::UpdateStateByKey, StateOp::MapWithState] {
        for point in [BeforeOutput, AfterOutput, AfterCommit] {
            // From the checkpoint: the state before checkpointTime is restored and batch 2 is
            // re-run once from it: the same counts as without a crash.
            let r = keyed_state(op, true, point);
            assert_eq!(r.state.as_ref(), Some(&full), "{op:?} {point:?}");
        }
        // A new context from Kafka's offsets starts with empty state: batch 1 (a, b) is
        // committed, so only batches 2–4 count.
        let r = keyed_state(op, false, AfterOutput);
        let partial = BTreeMap::from([("a".to_string(), 3), ("b".into(), 1), ("c".into(), 2)]);
        assert_eq!(r.state, Some(partial), "{op:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Checkpoint recovery of stateful operators on the engine itself (§10 "What recovery
// restores"): the checkpoint holds the direct stream's currentOffsets and its remembered
// batches' offset ranges (`DirectKafkaInputDStreamCheckpointData`) and the state RDDs;
// `JobGenerator.restart` re-runs [checkpointTime, restartTime). Here the driver dies after
// batch 2000's output; the checkpoint written after its generation holds the state of 1000
// and batch 2000's ranges; the restarted context re-runs 2000 from them, then goes on. The
// state after every batch must be what an uninterrupted run has (no record counted twice),
// even though batch 2000's output runs twice.

use dstream_engine::exec::Func;
use dstream_engine::graph::StateSpecData;
use dstream_engine::ops::map_with_state::StateObj;

fn keyed_broker() -> Rc<RefCell<Broker>> {
    let mut b = Broker::new(Unkeyed::RoundRobin);
    b.create_topic("events", 2);
    for (i, k) in ["a", "b", "a", "c", "a", "b", "a", "c"].iter().enumerate() {
        b.produce("events", Some(k), "1", 100 + 500 * i as i64);
    }
    Rc::new(RefCell::new(b))
}

fn key_one(v: &Value) -> Value {
    let r = &v.obj::<ConsumerRecordObj>().unwrap().0;
    Value::pair(Value::str(r.key.as_deref().unwrap_or("")), Value::Int(1))
}

/// Kafka → (key, 1) → a running count (updateStateByKey, or mapWithState when `mws`);
/// returns the context, the Kafka stream, the state stream to restore, the output.
fn stateful(
    broker: Rc<RefCell<Broker>>,
    mws: bool,
) -> (
    Ssc,
    dstream_engine::api::Stream,
    dstream_engine::api::Stream,
    dstream_engine::api::Output,
) {
    let mut ssc = Ssc::new("local[2]", 1000);
    let s = ssc.kafka_direct_stream(broker, &["events"], consumer("g", OffsetReset::Earliest));
    let pairs = ssc.map(s, key_one);
    if mws {
        let func = Func::native("mappingFunc", |_rt, a| {
            let st = a[2].obj::<StateObj>().expect("state");
            let prev = match st.get() {
                Ok(Value::Int(n)) => n,
                _ => 0,
            };
            st.update(Value::Int(prev + 1))?;
            Ok(Value::pair(a[0].clone(), Value::Int(prev + 1)))
        });
        let spec = StateSpecData {
            func,
            partitions: None,
            timeout: None,
            initial: None,
        };
        let (_, internal) = ssc.map_with_state(pairs, spec);
        let snaps = ssc.state_snapshots(internal);
        let out = ssc.collect(snaps);
        (ssc, s, internal, out)
    } else {
        let st = ssc.update_state_by_key(
            pairs,
            |vals, st| {
                let prev = match st {
                    Some(Value::Int(n)) => *n,
                    _ => 0,
                };
                Some(Value::Int(prev + vals.len() as i32))
            },
            None,
        );
        let out = ssc.collect(st);
        (ssc, s, st, out)
    }
}

fn sorted(vals: &[Value]) -> Vec<String> {
    let mut v: Vec<String> = vals.iter().map(|v| v.to_string()).collect();
    v.sort();
    v
}

/// A copy of `rdd`'s computed partitions in another context (a checkpoint file read back).
fn restore_rdd(from: &mut Ssc, rdd: &Rc<Rdd>, to: &mut Ssc) -> Rc<Rdd> {
    let parts: Vec<_> = (0..rdd.num_partitions())
        .map(|p| rdd.materialize(&mut from.rt, p).unwrap())
        .collect();
    Rdd::new(&mut to.rt, RddKind::Source(parts), rdd.partitioner.clone())
}

#[test]
fn checkpoint_recovery_restores_update_state_by_key_and_map_with_state() {
    for mws in [false, true] {
        let broker = keyed_broker();
        // The uninterrupted run.
        let (mut full, _, _, full_out) = stateful(broker.clone(), mws);
        full.run_batches(1, 4).unwrap();
        let want: Vec<(i64, Vec<String>)> = full
            .collected(full_out)
            .iter()
            .map(|(t, v)| (*t, sorted(v)))
            .collect();
        assert_eq!(want[3].1, vec!["(a,4)", "(b,2)", "(c,2)"], "mws {mws}");

        // The run that dies after batch 2000's output, and its checkpoint.
        let (mut a, ks, st, _) = stateful(broker.clone(), mws);
        a.run_batches(1, 2).unwrap();
        let kafka_a = state_of(&a.rt, ks.0).unwrap();
        let current = kafka_a.borrow().current.clone();
        let state_1000 = a.rt.graph.nodes[st.0].generated[&1000].clone();
        let kafka_2000 = a.rt.graph.nodes[ks.0].generated[&2000].clone();
        let ranges_2000 = kafka_a.borrow().by_time[&2000].clone();

        // getOrCreate: the same graph, the checkpoint's offsets, ranges and state.
        let (mut b, ks_b, st_b, out_b) = stateful(broker.clone(), mws);
        let state = restore_rdd(&mut a, &state_1000, &mut b);
        let kafka = restore_rdd(&mut a, &kafka_2000, &mut b);
        {
            let kb = state_of(&b.rt, ks_b.0).unwrap();
            let mut kb = kb.borrow_mut();
            kb.current = current;
            kb.ranges.insert(kafka.id, ranges_2000.clone());
        }
        b.rt.graph.nodes[st_b.0].generated.insert(1000, state);
        b.rt.graph.nodes[ks_b.0].generated.insert(2000, kafka);
        b.run_batches(2, 4).unwrap();
        let got: Vec<(i64, Vec<String>)> = b
            .collected(out_b)
            .iter()
            .map(|(t, v)| (*t, sorted(v)))
            .collect();
        // Batch 2000 runs again (its output twice overall) with the same state.
        assert_eq!(got, want[1..].to_vec(), "mws {mws}");
    }
}

#[test]
fn a_scala_program_reads_kafka_commits_and_prints_records() {
    use dstream_engine::engine::run;
    use dstream_engine::scenario::{KafkaInput, Scenario};
    use dstream_engine::trace::Detail;
    let program = r#"
import org.apache.kafka.common.serialization.StringDeserializer
import org.apache.spark.SparkConf
import org.apache.spark.streaming.{Seconds, StreamingContext}
import org.apache.spark.streaming.kafka010._
import org.apache.spark.streaming.kafka010.LocationStrategies.PreferConsistent
import org.apache.spark.streaming.kafka010.ConsumerStrategies.Subscribe

object KafkaWordCount {
  def main(args: Array[String]): Unit = {
    val conf = new SparkConf().setMaster("local[2]").setAppName("KafkaWordCount")
    val ssc = new StreamingContext(conf, Seconds(1))
    val kafkaParams = Map[String, Object](
      "bootstrap.servers" -> "localhost:9092",
      "key.deserializer" -> classOf[StringDeserializer],
      "value.deserializer" -> classOf[StringDeserializer],
      "group.id" -> "playground",
      "auto.offset.reset" -> "earliest",
      "enable.auto.commit" -> (false: java.lang.Boolean)
    )
    val topics = Array("words")
    val stream = KafkaUtils.createDirectStream[String, String](
      ssc,
      PreferConsistent,
      Subscribe[String, String](topics, kafkaParams)
    )
    stream.foreachRDD { rdd =>
      val offsetRanges = rdd.asInstanceOf[HasOffsetRanges].offsetRanges
      offsetRanges.foreach(o => println(s"${o.topic} ${o.partition} ${o.fromOffset} ${o.untilOffset}"))
      stream.asInstanceOf[CanCommitOffsets].commitAsync(offsetRanges)
    }
    stream.map(record => (record.key, record.value)).print()
    ssc.start()
    ssc.awaitTermination()
  }
}
"#;
    let rec = |at_ms: i64, key: Option<&str>, value: &str| Produced {
        at_ms,
        topic: "words".into(),
        key: key.map(str::to_string),
        value: value.into(),
    };
    let sc = Scenario {
        program: program.into(),
        run_batches: Some(2),
        kafka: Some(KafkaInput {
            topics: vec![TopicSpec {
                name: "words".into(),
                partitions: 2,
            }],
            // "abc" goes to partition 1 of 2 (479470107 % 2); unkeyed ones round-robin.
            records: vec![
                rec(100, Some("abc"), "hello"),
                rec(200, None, "world"),
                rec(300, None, "again"),
                rec(1200, Some("abc"), "later"),
            ],
            ..KafkaInput::default()
        }),
        ..Scenario::default()
    };
    let trace = run(&sc, Detail::Full);
    assert!(trace.error.is_none(), "{:?}", trace.error);
    let out: Vec<&str> = trace.batches.iter().map(|b| b.stdout.as_str()).collect();
    assert_eq!(
        out[0],
        "words 0 0 1\nwords 1 0 2\n-------------------------------------------\nTime: 1000 ms\n-------------------------------------------\n(null,world)\n(abc,hello)\n(null,again)\n\n"
    );
    assert!(
        out[1].starts_with("words 0 1 1\nwords 1 2 3\n"),
        "{}",
        out[1]
    );
    assert_eq!(trace.batches[0].input.len(), 3);
    assert!(trace
        .log
        .iter()
        .any(|l| l.message == "overriding executor group.id to spark-executor-playground"));
}

// ---- Consumer strategies, the ConsumerRecord serialization error, a crashed Scala program ----

const KAFKA_IMPORTS: &str = r#"
import java.util.regex.Pattern
import org.apache.kafka.common.TopicPartition
import org.apache.kafka.common.serialization.StringDeserializer
import org.apache.spark.SparkConf
import org.apache.spark.streaming.{Seconds, StreamingContext}
import org.apache.spark.streaming.kafka010._
import org.apache.spark.streaming.kafka010.LocationStrategies.PreferConsistent
import org.apache.spark.streaming.kafka010.ConsumerStrategies.{Assign, Subscribe, SubscribePattern}
"#;

const PARAMS: &str = r#"    val kafkaParams = Map[String, Object](
      "bootstrap.servers" -> "localhost:9092",
      "key.deserializer" -> classOf[StringDeserializer],
      "value.deserializer" -> classOf[StringDeserializer],
      "group.id" -> "playground",
      "auto.offset.reset" -> "earliest",
      "enable.auto.commit" -> (false: java.lang.Boolean)
    )
"#;

/// A whole program around `body` (which has `ssc` and `kafkaParams`).
fn kafka_program(body: &str) -> String {
    format!(
        "{KAFKA_IMPORTS}\nobject App {{\n  def main(args: Array[String]): Unit = {{\n    val conf = new SparkConf().setMaster(\"local[2]\").setAppName(\"App\")\n    val ssc = new StreamingContext(conf, Seconds(1))\n{PARAMS}{body}\n    ssc.start()\n    ssc.awaitTermination()\n  }}\n}}\n"
    )
}

fn topics_scenario(
    program: String,
    topics: &[(&str, u32)],
    records: &[(i64, &str, Option<&str>, &str)],
    batches: usize,
) -> dstream_engine::scenario::Scenario {
    use dstream_engine::scenario::{KafkaInput, Scenario};
    Scenario {
        program,
        run_batches: Some(batches),
        kafka: Some(KafkaInput {
            topics: topics
                .iter()
                .map(|(n, p)| TopicSpec {
                    name: n.to_string(),
                    partitions: *p,
                })
                .collect(),
            records: records
                .iter()
                .map(|(at, t, k, v)| Produced {
                    at_ms: *at,
                    topic: t.to_string(),
                    key: k.map(str::to_string),
                    value: v.to_string(),
                })
                .collect(),
            ..KafkaInput::default()
        }),
        ..Scenario::default()
    }
}

fn run_full(sc: &dstream_engine::scenario::Scenario) -> dstream_engine::trace::Trace {
    dstream_engine::engine::run(sc, dstream_engine::trace::Detail::Full)
}

/// §9 "Start offsets": `ConsumerStrategy.onStart` with `SubscribePattern` (every partition of
/// the topics whose whole name matches, Kafka's `pattern.matcher(topic).matches()`) and
/// `Assign` (exactly the partitions given, starting at the explicit offsets when given, as
/// the integration guide's "ConsumerStrategies" section shows).
#[test]
fn subscribe_pattern_and_assign_pick_their_partitions() {
    let records = [
        (100, "clicks-a", None, "c1"),
        (110, "clicks-b", None, "c2"),
        (120, "views", None, "v1"),
        (130, "clicks-a", None, "c3"),
    ];
    let topics = [("clicks-a", 1), ("clicks-b", 1), ("views", 1)];
    let print_values = r#"    stream.foreachRDD { rdd =>
      rdd.asInstanceOf[HasOffsetRanges].offsetRanges.foreach(o => println(o))
    }
    stream.map(_.value).print()"#;
    let pattern = kafka_program(&format!(
        "    val stream = KafkaUtils.createDirectStream[String, String](ssc, PreferConsistent,\n      SubscribePattern[String, String](Pattern.compile(\"clicks-.*\"), kafkaParams))\n{print_values}"
    ));
    let trace = run_full(&topics_scenario(pattern, &topics, &records, 1));
    assert!(trace.error.is_none(), "{:?}", trace.error);
    let out = &trace.batches[0].stdout;
    assert!(out.starts_with("OffsetRange(topic: 'clicks-a', partition: 0, range: [0 -> 2])\nOffsetRange(topic: 'clicks-b', partition: 0, range: [0 -> 1])\n"), "{out}");
    assert!(out.contains("c1\nc3\nc2\n"), "{out}");
    assert!(!out.contains("v1"), "{out}");

    let assign = kafka_program(&format!(
        "    val stream = KafkaUtils.createDirectStream[String, String](ssc, PreferConsistent,\n      Assign[String, String](List(new TopicPartition(\"clicks-a\", 0)), kafkaParams, Map(new TopicPartition(\"clicks-a\", 0) -> 1L)))\n{print_values}"
    ));
    let trace = run_full(&topics_scenario(assign, &topics, &records, 1));
    assert!(trace.error.is_none(), "{:?}", trace.error);
    let out = &trace.batches[0].stdout;
    assert!(
        out.starts_with("OffsetRange(topic: 'clicks-a', partition: 0, range: [1 -> 2])\n"),
        "{out}"
    );
    assert!(
        out.contains("\nc3\n") && !out.contains("c1") && !out.contains("c2"),
        "{out}"
    );
}

/// §9: "Each element is a Kafka `ConsumerRecord`. That class is not serializable". `print()`
/// ships `take`'s result array back to the driver, so the task fails and
/// `TaskSetManager.handleFailedTask` aborts without retrying: "<task> had a not serializable
/// result: <NotSerializableException's message>", the message `SerializationDebugger` improves
/// with the serialization stack. The guide's examples always `map` the records first.
#[test]
fn printing_the_raw_consumer_record_stream_fails_as_spark_does() {
    let records = [(100, "words", None, "hello"), (200, "words", None, "world")];
    let program = kafka_program(
        "    val stream = KafkaUtils.createDirectStream[String, String](ssc, PreferConsistent,\n      Subscribe[String, String](Array(\"words\"), kafkaParams))\n    stream.print()",
    );
    let trace = run_full(&topics_scenario(program, &[("words", 1)], &records, 2));
    let e = trace.error.expect("print() on ConsumerRecords fails");
    assert_eq!(e.class, "org.apache.spark.SparkException");
    assert_eq!(e.time_ms, Some(1000));
    assert_eq!(
        e.message,
        "Job aborted due to stage failure: task 0.0 in stage 0.0 (TID 0) had a not serializable result: org.apache.kafka.clients.consumer.ConsumerRecord"
    );
    let rec = "ConsumerRecord(topic = words, partition = 0, leaderEpoch = 0, offset = 0, CreateTime = 100, serialized key size = -1, serialized value size = 5, headers = RecordHeaders(headers = [], isReadOnly = false), key = null, value = hello)";
    assert_eq!(
        e.causes,
        vec![format!("java.io.NotSerializableException: org.apache.kafka.clients.consumer.ConsumerRecord\nSerialization stack:\n\t- object not serializable (class: org.apache.kafka.clients.consumer.ConsumerRecord, value: {rec})\n\t- element of array (index: 0)\n\t- array (class [Lorg.apache.kafka.clients.consumer.ConsumerRecord;, size 2)")]
    );

    // `window` persists its parent serialized: `DirectKafkaInputDStream.persist` logs its error,
    // then storing the block fails in the task.
    let program = kafka_program(
        "    val stream = KafkaUtils.createDirectStream[String, String](ssc, PreferConsistent,\n      Subscribe[String, String](Array(\"words\"), kafkaParams))\n    stream.window(Seconds(2)).count().print()",
    );
    let trace = run_full(&topics_scenario(program, &[("words", 1)], &records, 2));
    assert!(trace.log.iter().any(|l| l.level == "ERROR"
        && l.message
            == "Kafka ConsumerRecord is not serializable. Use .map to extract fields before calling .persist or .window"));
    let e = trace.error.expect("window on ConsumerRecords fails");
    assert!(
        e.message.ends_with(
            "had a not serializable result: org.apache.kafka.clients.consumer.ConsumerRecord"
        ),
        "{}",
        e.message
    );
    assert!(e.causes[0].ends_with(&format!("\n\t- object not serializable (class: org.apache.kafka.clients.consumer.ConsumerRecord, value: {rec})")));

    // Mapping to serializable fields first, as the guide does, works.
    let program = kafka_program(
        "    val stream = KafkaUtils.createDirectStream[String, String](ssc, PreferConsistent,\n      Subscribe[String, String](Array(\"words\"), kafkaParams))\n    stream.map(_.value).window(Seconds(2)).count().print()",
    );
    let trace = run_full(&topics_scenario(program, &[("words", 1)], &records, 2));
    assert!(trace.error.is_none(), "{:?}", trace.error);
}

/// The stateful operator of [`stateful_app`]: a running count per value, printed.
const UPDATE_STATE: &str = "stream.map(r => (r.value, 1)).updateStateByKey((vs: Seq[Int], s: Option[Int]) => Some(vs.sum + s.getOrElse(0))).print()";
const MAP_WITH_STATE: &str = "stream.map(r => (r.value, 1)).mapWithState(StateSpec.function((k: String, v: Option[Int], s: State[Int]) => { val n = v.getOrElse(0) + s.getOption.getOrElse(0); s.update(n); (k, n) })).print()";

/// `createContext` (printing its name, checkpointing, reading `words` with `stateful`) and a
/// `main` around `main_body`; `commitAsync` after the output when `commit`.
fn stateful_app(main_body: &str, stateful: &str, commit: bool) -> String {
    let commit = if commit {
        "    stream.foreachRDD { rdd =>\n      val ranges = rdd.asInstanceOf[HasOffsetRanges].offsetRanges\n      stream.asInstanceOf[CanCommitOffsets].commitAsync(ranges)\n    }\n"
    } else {
        ""
    };
    format!(
        r#"{KAFKA_IMPORTS}
object App {{
  def createContext(): StreamingContext = {{
    println("createContext")
    val conf = new SparkConf().setMaster("local[2]").setAppName("App")
    val ssc = new StreamingContext(conf, Seconds(1))
    ssc.checkpoint("/tmp/checkpoint")
{PARAMS}    val stream = KafkaUtils.createDirectStream[String, String](ssc, PreferConsistent,
      Subscribe[String, String](Array("words"), kafkaParams))
    {stateful}
{commit}    ssc
  }}
  def main(args: Array[String]): Unit = {{
{main_body}
    ssc.start()
    ssc.awaitTermination()
  }}
}}
"#
    )
}

const GET_OR_CREATE: &str =
    "    val ssc = StreamingContext.getOrCreate(\"/tmp/checkpoint\", () => createContext())";

fn crash(at_ms: i64, restart: Restart) -> DriverCrash {
    DriverCrash {
        at_ms,
        down_ms: 0,
        restart,
    }
}

/// Runs `program` on one record `a` produced at 100 ms into each second, for `batches`
/// batches, with the driver crashes given; checks that it ran without an error and printed
/// `want` (batch time, whether it is a re-run, its `print()` lines), and returns the trace.
fn crash_run(
    program: String,
    batches: usize,
    crashes: &[DriverCrash],
    want: &[(i64, bool, &str)],
) -> dstream_engine::trace::Trace {
    let records: Vec<(i64, &str, Option<&str>, &str)> = (0..batches as i64)
        .map(|i| (i * 1000 + 100, "words", None, "a"))
        .collect();
    let mut sc = topics_scenario(program, &[("words", 1)], &records, batches);
    sc.driver_crash = crashes.to_vec().into();
    let trace = run_full(&sc);
    assert!(trace.error.is_none(), "{:?}", trace.error);
    let want: Vec<(i64, bool, String)> = want
        .iter()
        .map(|(t, rerun, body)| (*t, *rerun, body.to_string()))
        .collect();
    assert_eq!(printed(&trace), want);
    trace
}

fn printed(trace: &dstream_engine::trace::Trace) -> Vec<(i64, bool, String)> {
    trace
        .batches
        .iter()
        .map(|b| {
            let body: Vec<&str> = b.stdout.lines().filter(|l| l.starts_with('(')).collect();
            (b.time_ms, b.rerun, body.join(" "))
        })
        .collect()
}

/// Each batch's offset ranges on `words`-0, as (time, re-run, from, until).
fn ranges(trace: &dstream_engine::trace::Trace) -> Vec<(i64, bool, i64, i64)> {
    trace
        .batches
        .iter()
        .flat_map(|b| (b.kafka_ranges.iter()).map(|r| (b.time_ms, b.rerun, r.from, r.until)))
        .collect()
}

/// §10 "`StreamingContext.getOrCreate`" and "What recovery restores": the driver dies at
/// 3.5 s, after batch 3 s completed (its completion checkpoint: `checkpointTime` = 3 s, nothing
/// pending). `main` runs again; `getOrCreate` finds the checkpoint, so `createContext` is not
/// called; `JobGenerator.restart` re-runs `[checkpointTime, restartTime)` = {3 s} (its output
/// is repeated: outputs are at-least-once), and the timer resumes at 4 s. The
/// `updateStateByKey` state is rebuilt from the restored Kafka offset ranges (the guide's
/// "Checkpoints" option stores offsets in the checkpoint), so the count goes on: 3, 3, 4, 5.
#[test]
fn get_or_create_restores_state_and_reruns_the_checkpoint_time() {
    let program = stateful_app(GET_OR_CREATE, UPDATE_STATE, false);
    let trace = crash_run(
        program,
        5,
        &[crash(3500, Restart::Checkpoint)],
        &[
            (1000, false, "(a,1)"),
            (2000, false, "(a,2)"),
            (3000, false, "(a,3)"),
            (3000, true, "(a,3)"),
            (4000, false, "(a,4)"),
            (5000, false, "(a,5)"),
        ],
    );
    let [r] = trace.restarts.as_slice() else {
        panic!("one restart: {:?}", trace.restarts)
    };
    assert_eq!(
        (r.crash_ms, r.restart_ms, r.restart_time_ms, r.checkpoint_ms),
        (3500, 3500, 4000, Some(3000))
    );
    assert_eq!(r.reruns_ms, vec![3000]);
    assert!(
        !r.created,
        "createFunc is not called when a checkpoint exists"
    );
    assert_eq!(r.stdout, "");
    assert_eq!(trace.stdout_before, "createContext\n");
}

/// The driver dies while batch 3 s runs: its output is cut short, and the checkpoint written
/// after its generation has it pending, so it is re-run (§10: `pendingTimes ∪ [checkpointTime,
/// restartTime)`).
#[test]
fn a_crash_during_a_batch_cuts_its_output_and_reruns_it() {
    let program = stateful_app(GET_OR_CREATE, UPDATE_STATE, false);
    let trace = crash_run(
        program,
        5,
        &[crash(3001, Restart::Checkpoint)],
        &[
            (1000, false, "(a,1)"),
            (2000, false, "(a,2)"),
            (3000, false, ""),
            (3000, true, "(a,3)"),
            (4000, false, "(a,4)"),
            (5000, false, "(a,5)"),
        ],
    );
    let b3: Vec<_> = trace.batches.iter().filter(|b| b.time_ms == 3000).collect();
    assert!(b3[0].interrupted && b3[0].stdout.is_empty());
    assert!(b3[1].rerun && !b3[1].interrupted);
    let r = &trace.restarts[0];
    assert_eq!(
        (r.interrupted_ms, r.pending_ms.clone()),
        (Some(3000), vec![3000])
    );
}

/// Without `getOrCreate`, the restarted program builds a new context (`createContext` runs
/// again, state starts empty) whose first batch is the next tick, and the direct stream starts
/// from the group's committed offsets (§9 "Start offsets"). With `commitAsync` after the
/// output, the commit of batch 3 s was still queued when the driver died (it is sent when the
/// next batch is generated, §9), so the restart reads from offset 2: record 2 is read twice
/// (at-least-once) and the count restarts from nothing.
#[test]
fn a_new_context_after_a_crash_starts_from_kafkas_committed_offsets() {
    let program = stateful_app("    val ssc = createContext()", UPDATE_STATE, true);
    let trace = crash_run(
        program,
        5,
        &[crash(3500, Restart::Checkpoint)],
        &[
            (1000, false, "(a,1)"),
            (2000, false, "(a,2)"),
            (3000, false, "(a,3)"),
            (4000, false, "(a,2)"),
            (5000, false, "(a,3)"),
        ],
    );
    let r = &trace.restarts[0];
    assert!(r.created && r.checkpoint_ms.is_none() && r.reruns_ms.is_empty());
    assert_eq!(r.stdout, "createContext\n");
    assert!(dstream_engine::engine::console_text(&trace).contains("(a,3)\n\ncreateContext\n"));
}

/// Two crashes in one run, each recovered with `getOrCreate` (§10): at 3.5 s (after batch 3 s
/// completed: re-run {3 s}) and at 5.5 s (the restarted driver wrote its own checkpoints, the
/// last after batch 5 s: re-run {5 s}). Each time the state (`updateStateByKey` and
/// `mapWithState` alike) and the Kafka offset ranges come back from the checkpoint, so the
/// re-run batch reads the same range again and the count goes on.
#[test]
fn two_crashes_restore_state_and_offsets_each_time() {
    for stateful in [UPDATE_STATE, MAP_WITH_STATE] {
        let program = stateful_app(GET_OR_CREATE, stateful, false);
        let trace = crash_run(
            program,
            7,
            &[
                crash(3500, Restart::Checkpoint),
                crash(5500, Restart::Checkpoint),
            ],
            &[
                (1000, false, "(a,1)"),
                (2000, false, "(a,2)"),
                (3000, false, "(a,3)"),
                (3000, true, "(a,3)"),
                (4000, false, "(a,4)"),
                (5000, false, "(a,5)"),
                (5000, true, "(a,5)"),
                (6000, false, "(a,6)"),
                (7000, false, "(a,7)"),
            ],
        );
        let got: Vec<_> = (trace.restarts.iter())
            .map(|r| (r.crash_ms, r.checkpoint_ms, r.reruns_ms.clone(), r.created))
            .collect();
        assert_eq!(
            got,
            vec![
                (3500, Some(3000), vec![3000], false),
                (5500, Some(5000), vec![5000], false),
            ],
            "{stateful}"
        );
        // §9: the re-run batch reads the range its checkpoint kept, `[t/1000 − 1, t/1000)`.
        let want: Vec<(i64, bool, i64, i64)> = printed(&trace)
            .iter()
            .map(|&(t, rerun, _)| (t, rerun, t / 1000 - 1, t / 1000))
            .collect();
        assert_eq!(ranges(&trace), want, "{stateful}");
        assert_eq!(trace.stdout_before, "createContext\n");
    }
}

/// The second crash comes 5 ms after the first restart, while the re-run of 3 s is still
/// running: that batch is cut short, and the restarted driver has written no checkpoint yet
/// (`JobGenerator.restart` submits re-runs without a generation checkpoint; the completion one
/// never came). So the second restart reads the first run's checkpoint again (3 s, §10) and
/// re-runs 3 s once more, from the same state and offsets.
#[test]
fn a_second_crash_before_the_restarts_first_checkpoint_recovers_the_same_checkpoint() {
    for stateful in [UPDATE_STATE, MAP_WITH_STATE] {
        let program = stateful_app(GET_OR_CREATE, stateful, false);
        let trace = crash_run(
            program,
            5,
            &[
                crash(3500, Restart::Checkpoint),
                crash(3505, Restart::Checkpoint),
            ],
            &[
                (1000, false, "(a,1)"),
                (2000, false, "(a,2)"),
                (3000, false, "(a,3)"),
                (3000, true, ""),
                (3000, true, "(a,3)"),
                (4000, false, "(a,4)"),
                (5000, false, "(a,5)"),
            ],
        );
        let got: Vec<_> = (trace.restarts.iter())
            .map(|r| {
                (
                    r.crash_ms,
                    r.interrupted_ms,
                    r.checkpoint_ms,
                    r.reruns_ms.clone(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (3500, None, Some(3000), vec![3000]),
                (3505, Some(3000), Some(3000), vec![3000]),
            ],
            "{stateful}"
        );
        assert!(trace.batches[3].interrupted, "{stateful}");
        assert!(trace.restarts.iter().all(|r| !r.created), "{stateful}");
        let re: Vec<_> = ranges(&trace).into_iter().filter(|r| r.1).collect();
        assert_eq!(
            re,
            vec![(3000, true, 2, 3), (3000, true, 2, 3)],
            "{stateful}"
        );
    }
}

/// A first restart with the checkpoint directory deleted (`restart: "kafka_offsets"`): the
/// program's `getOrCreate` finds nothing and calls `createContext`, whose new context would
/// start at 4 s from the committed offsets (§9). The driver dies again at 3.8 s, before that
/// context wrote any checkpoint, so the second restart (directory kept) finds none either and
/// creates again: both restarts read Kafka from offset 2, what batch 2 s committed (batch 3 s's
/// commit was still queued at the first crash).
#[test]
fn a_second_crash_before_a_new_contexts_first_checkpoint_creates_again() {
    let program = stateful_app(GET_OR_CREATE, UPDATE_STATE, true);
    let trace = crash_run(
        program,
        5,
        &[
            crash(3500, Restart::KafkaOffsets),
            crash(3800, Restart::Checkpoint),
        ],
        &[
            (1000, false, "(a,1)"),
            (2000, false, "(a,2)"),
            (3000, false, "(a,3)"),
            (4000, false, "(a,2)"),
            (5000, false, "(a,3)"),
        ],
    );
    let got: Vec<_> = (trace.restarts.iter())
        .map(|r| (r.crash_ms, r.created, r.checkpoint_ms, r.restart_time_ms))
        .collect();
    assert_eq!(
        got,
        vec![(3500, true, None, 4000), (3800, true, None, 4000)]
    );
    assert_eq!(ranges(&trace)[3], (4000, false, 2, 4));
    let console = dstream_engine::engine::console_text(&trace);
    assert!(
        console.contains("(a,3)\n\ncreateContext\ncreateContext\n"),
        "{console}"
    );
}

/// Old scenario JSON has one `driver_crash` object; it still reads, and a list reads too.
#[test]
fn driver_crash_reads_one_object_or_a_list() {
    use dstream_engine::scenario::Scenario;
    let one =
        Scenario::from_json(r#"{"program": "", "driver_crash": {"at_ms": 3500, "down_ms": 200}}"#)
            .unwrap();
    assert_eq!(
        one.driver_crash.0,
        vec![DriverCrash {
            at_ms: 3500,
            down_ms: 200,
            restart: Restart::Checkpoint
        }]
    );
    // Written back as it was.
    let json = serde_json::to_string(&one).unwrap();
    assert!(
        json.contains(r#""driver_crash":{"at_ms":3500,"down_ms":200}"#),
        "{json}"
    );
    let two = Scenario::from_json(
        r#"{"program": "", "driver_crash": [{"at_ms": 3500}, {"at_ms": 5500, "restart": "kafka_offsets"}]}"#,
    )
    .unwrap();
    assert_eq!(
        two.driver_crash.0,
        vec![
            crash(3500, Restart::Checkpoint),
            crash(5500, Restart::KafkaOffsets)
        ]
    );
    let back = Scenario::from_json(&serde_json::to_string(&two).unwrap()).unwrap();
    assert_eq!(back, two);
    let none = Scenario::from_json(r#"{"program": "", "driver_crash": null}"#).unwrap();
    assert!(none.driver_crash.is_empty());
}

#[test]
fn nc_lines_do_not_reach_a_program_without_a_socket_stream() {
    // Lesson 11's Kafka program reads no socket: lines typed into `nc` have no client, so no
    // batch receives them; each batch's input is the Kafka records its offset ranges hold.
    use dstream_engine::engine::run;
    use dstream_engine::scenario::StampedLine;
    use dstream_engine::trace::Detail;
    let mut sc = (dstream_engine::lessons::lesson("kafka")
        .expect("lesson 11")
        .preset)();
    let quiet = run(&sc, Detail::Counts);
    sc.lines = Some(
        (0..6)
            .map(|i| StampedLine {
                at_ms: 300 + i * 700,
                text: format!("typed {i}"),
            })
            .collect(),
    );
    let typed = run(&sc, Detail::Counts);
    assert!(typed.error.is_none(), "{:?}", typed.error);
    assert_eq!(typed.batches.len(), quiet.batches.len());
    let mut read = 0;
    for (b, q) in typed.batches.iter().zip(&quiet.batches) {
        // What a batch received is the records its offset ranges hold, none of the lines.
        assert!(
            b.input.iter().all(|r| r.starts_with("ConsumerRecord(")),
            "{}: {:?}",
            b.time_ms,
            b.input
        );
        let held: i64 = b.kafka_ranges.iter().map(OffsetRange::count).sum();
        assert_eq!(b.num_records, held as u64, "{}", b.time_ms);
        assert_eq!((&b.stdout, b.num_records), (&q.stdout, q.num_records));
        read += held;
    }
    assert!(read > 0, "the preset's batches read Kafka records");
}

/// A driver down for `Long.MaxValue` ms (a hand-made delivery scenario) neither overflows nor
/// runs on: its restart lies past the last batch, so nothing after the crash is read, in
/// either mode.
#[test]
fn a_driver_down_for_ever_ends_the_delivery_run_at_its_crash() {
    for mode in [Mode::Direct, Mode::Receiver { wal: true }] {
        let mut sc = standard(
            CommitStrategy::AfterOutput,
            Sink::Append,
            Some(AfterOutput),
            OffsetReset::Earliest,
        );
        sc.mode = mode;
        sc.crash.as_mut().unwrap().down_ms = i64::MAX;
        let r = simulate(&sc);
        let last = r.events.last().expect("events");
        assert!(
            matches!(last, Event::Crash { .. }),
            "{mode:?}: ends with {last:?}"
        );
        assert!(r.pending + r.lost > 0, "{mode:?}: {r:?}");
    }
}

/// A record produced without a key (as `kafka-console-producer` sends them) has a null key:
/// a method on it fails as Java 17 says, naming `ConsumerRecord.key()`'s result; `value` is
/// there, and a null key prints as `null`.
#[test]
fn a_method_on_a_records_null_key_fails_as_java_says() {
    let subscribe = "    val stream = KafkaUtils.createDirectStream[String, String](ssc, PreferConsistent,\n      Subscribe[String, String](Array(\"t\"), kafkaParams))\n";
    let records = [(100, "t", None, "v1")];
    let printed = kafka_program(&format!(
        "{subscribe}    stream.map(r => s\"${{r.key}}:${{r.value}}\").print()"
    ));
    let trace = run_full(&topics_scenario(printed, &[("t", 1)], &records, 1));
    assert!(trace.error.is_none(), "{:?}", trace.error);
    assert!(
        trace.batches[0].stdout.contains("null:v1"),
        "{:?}",
        trace.batches[0].stdout
    );
    let failing = kafka_program(&format!(
        "{subscribe}    stream.map(r => r.key.length).print()"
    ));
    let trace = run_full(&topics_scenario(failing, &[("t", 1)], &records, 1));
    let e = trace.error.expect("a null key's length fails");
    assert!(
        e.message.ends_with(
            "java.lang.NullPointerException: Cannot invoke \"String.length()\" because the return value of \"org.apache.kafka.clients.consumer.ConsumerRecord.key()\" is null"
        ),
        "{e:?}"
    );
}
