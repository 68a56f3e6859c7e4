//! Kafka on virtual time and failures: Kafka's partitioner (`Utils.murmur2` with Kafka's own
//! `UtilsTest.testMurmur2` vectors), partition placement and ordering, the direct stream's
//! offset ranges (`spark-semantics.md` §9), `commitAsync` timing, and every crash point ×
//! commit strategy × sink with the lost and duplicated counts derived from §9, §10 and the
//! Spark Kafka 0-10 integration guide (there is no recorded Spark run for Kafka: the Spark
//! build we record with has no Kafka connector).

use dstream_engine::kafka::delivery::{
    presets, simulate, CommitStrategy, Crash, CrashPoint, DeliveryReport, DeliveryScenario, Event,
    Mode, Outcome, Produced, Restart, Sink, StateOp, TopicSpec, BLOCKS_NOT_RECOVERED,
};
use dstream_engine::kafka::{
    max_messages_per_partition, murmur2, offset_ranges, partition_for_key, to_positive, Broker,
    ConsumerConfig, OffsetRange, OffsetReset, TopicPartition, Unkeyed,
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
