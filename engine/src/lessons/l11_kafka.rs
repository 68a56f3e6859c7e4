//! Lesson 11: Kafka's direct stream, offsets and failures. The preset reads a two-partition
//! topic of clicks keyed by user with `KafkaUtils.createDirectStream`, prints each batch's
//! offset ranges, commits them with `commitAsync` after the output, keeps a running count per
//! user with `updateStateByKey`, and its driver dies at 4.5 s; the program builds a new
//! `StreamingContext` when it comes back, so the count starts over from Kafka's committed
//! offsets.
//!
//! For the receiver-based contrast the preset also sends numbered lines to `nc` (unused by the
//! Kafka program): two goals have the learner read them with `socketTextStream` inside
//! `getOrCreate`, crash at the same moment, and see the re-run batch lose its blocks without
//! the write-ahead log and find them again with it (`spark-semantics.md` §10: blocks stored in
//! the WAL are recovered; blocks only in executor memory are not).

use super::{batch_at, edit, state_of, Answer, Checks, Goal, Lesson, Prediction, Step, Text};
use crate::checkpoint::{DriverCrash, BLOCKS_LOST};
use crate::kafka::delivery::{Produced, TopicSpec};
use crate::scenario::{KafkaInput, Scenario, StampedLine};
use crate::trace::{BatchTrace, Trace};

const PROGRAM: &str = r#"val conf = new SparkConf().setMaster("local[2]").setAppName("KafkaClicks")
val ssc = new StreamingContext(conf, Seconds(1))
ssc.checkpoint("checkpoint")
val kafkaParams = Map[String, Object](
  "bootstrap.servers" -> "localhost:9092",
  "key.deserializer" -> classOf[StringDeserializer],
  "value.deserializer" -> classOf[StringDeserializer],
  "group.id" -> "clicks-app",
  "auto.offset.reset" -> "earliest",
  "enable.auto.commit" -> (false: java.lang.Boolean)
)
val stream = KafkaUtils.createDirectStream[String, String](ssc, PreferConsistent,
  Subscribe[String, String](Array("clicks"), kafkaParams))
stream.foreachRDD { rdd =>
  val ranges = rdd.asInstanceOf[HasOffsetRanges].offsetRanges
  ranges.foreach(o => println(s"${o.topic}-${o.partition} [${o.fromOffset}, ${o.untilOffset})"))
  stream.asInstanceOf[CanCommitOffsets].commitAsync(ranges)
}
val totals = stream.map(r => (r.key, 1)).updateStateByKey((vs: Seq[Int], s: Option[Int]) => Some(vs.sum + s.getOrElse(0)))
totals.print()
ssc.start()
ssc.awaitTermination()
"#;

const STATE: &str = "updateStateByKey";

/// Each second's clicks: u1 twice, u5 and u3 once. Kafka's partitioner (murmur2 of the key,
/// two partitions) puts u1 and u3 in partition 0 and u5 in partition 1.
const CLICKS: [(i64, &str); 4] = [(100, "u1"), (300, "u5"), (500, "u3"), (700, "u1")];

/// Six seconds of clicks.
fn clicks() -> KafkaInput {
    let mut records = Vec::new();
    for s in 0..6 {
        for (ms, user) in CLICKS {
            records.push(Produced {
                at_ms: s * 1000 + ms,
                topic: "clicks".into(),
                key: Some(user.into()),
                value: "click".into(),
            });
        }
    }
    KafkaInput {
        topics: vec![TopicSpec {
            name: "clicks".into(),
            partitions: 2,
        }],
        records,
        ..KafkaInput::default()
    }
}

/// The same clicks typed into `nc` for the receiver-based contrast, numbered so each line
/// can be followed: `u1 1`, `u5 2`, `u3 3`, `u1 4`, `u1 5`, ...
fn nc_lines() -> Vec<StampedLine> {
    let mut lines = Vec::new();
    for s in 0..6 {
        for (ms, user) in CLICKS {
            lines.push(StampedLine {
                at_ms: s * 1000 + ms,
                text: format!("{user} {}", lines.len() + 1),
            });
        }
    }
    lines
}

fn scenario(name: &str, program: String) -> Scenario {
    Scenario {
        name: name.into(),
        program,
        run_batches: Some(7),
        kafka: Some(clicks()),
        lines: Some(nc_lines()),
        driver_crash: Some(DriverCrash {
            at_ms: 4500,
            ..DriverCrash::default()
        })
        .into(),
        ..Scenario::default()
    }
}

fn preset() -> Scenario {
    scenario("kafka", PROGRAM.into())
}

fn reference_rate() -> Scenario {
    let program = edit(
        PROGRAM,
        ".setAppName(\"KafkaClicks\")",
        ".setAppName(\"KafkaClicks\").set(\"spark.streaming.kafka.maxRatePerPartition\", \"1\")",
    );
    scenario("kafka: maxRatePerPartition", program)
}

/// The graph built inside `createContext`, and `getOrCreate` in front of it.
fn reference_get_or_create() -> Scenario {
    let body = PROGRAM.replace("ssc.start()\nssc.awaitTermination()\n", "ssc\n");
    let indented: Vec<String> = body.lines().map(|l| format!("  {l}")).collect();
    let program = format!(
        "def createContext(): StreamingContext = {{\n{}\n}}\nval ssc = StreamingContext.getOrCreate(\"checkpoint\", () => createContext())\nssc.start()\nssc.awaitTermination()\n",
        indented.join("\n")
    );
    scenario("kafka: getOrCreate", program)
}

/// The receiver-based version: the `nc` lines through `socketTextStream`, the context built
/// in `createContext` and recovered with `getOrCreate`; `wal` turns the write-ahead log on.
fn receiver_program(wal: bool) -> String {
    let conf = if wal {
        ".setAppName(\"ReceiverClicks\")\n    .set(\"spark.streaming.receiver.writeAheadLog.enable\", \"true\")"
    } else {
        ".setAppName(\"ReceiverClicks\")"
    };
    format!(
        r#"def createContext(): StreamingContext = {{
  val conf = new SparkConf().setMaster("local[2]"){conf}
  val ssc = new StreamingContext(conf, Seconds(1))
  ssc.checkpoint("checkpoint")
  val lines = ssc.socketTextStream("localhost", 9999)
  lines.map(l => (l.split(" ")(0), 1)).reduceByKey(_ + _).print()
  ssc
}}
val ssc = StreamingContext.getOrCreate("checkpoint", () => createContext())
ssc.start()
ssc.awaitTermination()
"#
    )
}

fn reference_receiver_loses() -> Scenario {
    scenario("kafka: receiver without WAL", receiver_program(false))
}

fn reference_receiver_wal() -> Scenario {
    scenario("kafka: receiver with WAL", receiver_program(true))
}

/// The Kafka records the 2 s batch read: the sum of its offset ranges (its `input` also
/// lists the `nc` lines, which this program does not read).
fn records_at_2s(t: &Trace) -> Option<Answer> {
    batch_at(t, 2000).map(|b| Answer::Number(b.kafka_ranges.iter().map(|r| r.count()).sum()))
}

fn first_commit(t: &Trace) -> Option<Answer> {
    t.batches
        .iter()
        .find(|b| !b.kafka_commits.is_empty())
        .map(|b| Answer::Number(b.time_ms))
}

fn u1_at_5s(t: &Trace) -> Option<Answer> {
    let b = t.batches.iter().find(|b| b.time_ms == 5000 && !b.rerun)?;
    state_of(b, STATE, "u1")?.parse().ok().map(Answer::Number)
}

/// Every batch reads something, and at most one record per partition.
fn one_per_partition(t: &Trace) -> bool {
    t.error.is_none()
        && t.batches.iter().any(|b| !b.input.is_empty())
        && t.batches
            .iter()
            .all(|b| b.kafka_ranges.iter().all(|r| r.count() <= 1))
}

/// The restart recovered from the checkpoint and u1's count is right at the end: 12 clicks.
fn count_survives(t: &Trace) -> bool {
    t.error.is_none()
        && t.restarts
            .first()
            .is_some_and(|r| r.checkpoint_ms.is_some())
        && t.batches
            .iter()
            .rev()
            .find(|b| b.time_ms == 7000)
            .and_then(|b| state_of(b, STATE, "u1"))
            .as_deref()
            == Some("12")
}

/// A receiver ran, and the driver came back from a checkpoint and re-ran batches: the
/// re-run batches, each with the first run of the same time.
fn receiver_reruns(t: &Trace) -> Option<Vec<(&BatchTrace, &BatchTrace)>> {
    if t.error.is_some() || t.program.scheduling.receivers == 0 {
        return None;
    }
    t.restarts.first()?.checkpoint_ms?;
    let pairs: Vec<_> = t
        .batches
        .iter()
        .filter(|b| b.rerun)
        .filter_map(|r| {
            let first = t
                .batches
                .iter()
                .find(|b| !b.rerun && b.time_ms == r.time_ms)?;
            Some((first, r))
        })
        .collect();
    (!pairs.is_empty()).then_some(pairs)
}

/// Spark warned that blocks were only in executor memory.
fn warned_blocks_lost(t: &Trace) -> bool {
    t.log.iter().any(|l| l.message == BLOCKS_LOST)
}

/// Receiver mode without the WAL: a re-run batch that had lines finds none, and Spark warns.
fn receiver_loses(t: &Trace) -> bool {
    receiver_reruns(t).is_some_and(|pairs| {
        pairs
            .iter()
            .any(|(first, rerun)| !first.input.is_empty() && rerun.input.is_empty())
    }) && warned_blocks_lost(t)
}

/// Receiver mode with the WAL: every re-run batch reads the lines its first run read, no
/// warning, and every `nc` line stored in a block before the crash (sent at least one block
/// interval before it) reaches a batch that finished.
fn receiver_wal(t: &Trace) -> bool {
    let Some(pairs) = receiver_reruns(t) else {
        return false;
    };
    let recovered = pairs.iter().any(|(f, _)| !f.input.is_empty())
        && pairs.iter().all(|(f, r)| f.input == r.input);
    let stored_by =
        t.restarts.first().map_or(0, |r| r.crash_ms) - t.program.scheduling.block_interval_ms;
    let read = |text: &str| {
        t.batches
            .iter()
            .any(|b| !b.interrupted && b.input.iter().any(|l| l == text))
    };
    recovered
        && !warned_blocks_lost(t)
        && nc_lines()
            .iter()
            .filter(|l| l.at_ms < stored_by)
            .all(|l| read(&l.text))
}

/// What the web app needs of lesson 11 to check its exercises (no text).
pub const CHECKS: Checks = Checks {
    lesson: "kafka",
    answers: &[
        ("records-2s", records_at_2s),
        ("first-commit", first_commit),
        ("u1-after-crash", u1_at_5s),
    ],
    goals: &[
        ("one-per-partition", one_per_partition),
        ("survive-crash", count_survives),
        ("receiver-loses", receiver_loses),
        ("receiver-wal", receiver_wal),
    ],
};

/// Lesson 11.
pub const LESSON: Lesson = Lesson {
    id: CHECKS.lesson,
    number: 11,
    title: Text {
        zh: "Kafka 直连流：偏移量存在哪里，何时写入",
        en: "Kafka's direct stream: where offsets live, and when they are written",
    },
    body: Text {
        zh: "基于 receiver 的旧接口让一个常驻任务占着一个核，边收边存块，把偏移量交给 ZooKeeper；Driver 一死，内存里还没处理的块就没了，除非打开预写日志（WAL）。直连流（`createDirectStream`）没有 receiver：每个批次生成时，Driver 向 Kafka 要每个分区的最新偏移量，定下 `[from, until)` 的范围，一个 Kafka 分区对应一个 RDD 分区。顺序只在分区内部成立。\n\n\
偏移量是消费者组的记录，Kafka 把它们存在内部主题 `__consumer_offsets` 里。`commitAsync` 只是把范围排进队列，下一个批次生成时才真正提交。所以提交落后于输出：在输出之后、提交之前崩溃，重启后会重读，输出就重复了（至少一次）。要做到精确一次，输出要么幂等，要么和偏移量放进同一个事务。\n\n\
预设程序在 4.5 秒让 Driver 崩溃，重启时新建了一个 StreamingContext。对照分区面板、每批的范围和已提交的偏移量，看看哪些记录被读了两次，状态又去了哪里；再用右侧的故障实验比较三种投递语义。\n\n\
`nc` 终端里有同样的点击，按行编了号，用来对照基于 receiver 的模式。用 `socketTextStream` 读它们：receiver 在整个运行期间占着 `local[2]` 两个核中的一个，每 200 ms（`spark.streaming.blockInterval`）存一个块。崩溃后恢复会重跑 4 s 批次：没有预写日志时，它的块只在 executor 内存里，重跑什么也读不到，Spark 打出警告；4 s 之后收到、还没分进批次的行也一样丢了。打开预写日志后，每个块在上报之前先写进 checkpoint 目录下的日志，重跑读回同样的行（输出重复一次：至少一次）；只有还没存成块的数据会丢。",
        en: "The old receiver-based API keeps a long-running task on one core, stores blocks as records arrive and hands offsets to ZooKeeper; when the driver dies, the blocks still in memory are gone unless the write-ahead log (WAL) is on. The direct stream (`createDirectStream`) has no receiver: when a batch is generated, the driver asks Kafka for each partition's latest offset and fixes a `[from, until)` range, one RDD partition per Kafka partition. Order holds only inside a partition.\n\n\
Offsets belong to the consumer group, and Kafka keeps them in its internal topic `__consumer_offsets`. `commitAsync` only queues the ranges; they are committed when the next batch is generated. So commits trail the output: a crash after the output and before the commit means the records are read again after the restart, and the output repeats (at least once). For exactly once, the output must be idempotent or share one transaction with the offsets.\n\n\
The preset's driver dies at 4.5 s and builds a new StreamingContext when it comes back. Follow the partitions panel, each batch's ranges and the committed offsets to see which records are read twice and where the state went; then compare the three delivery guarantees in the failure lab.\n\n\
The `nc` terminal holds the same clicks as numbered lines, for the receiver-based contrast. Read them with `socketTextStream`: the receiver holds one of `local[2]`'s two cores for the whole run and stores a block every 200 ms (`spark.streaming.blockInterval`). At the crash, recovery re-runs the 4 s batch: without the write-ahead log its blocks were only in executor memory, so the re-run finds nothing and Spark warns; lines received after 4 s and not yet in a batch are gone too. With the WAL each block is written to a log under the checkpoint directory before it is reported, so the re-run reads the same lines again (and the output repeats: at least once); only data not yet stored as a block is lost.",
    },
    preset,
    checks: CHECKS,
    preset_error: None,
    contrast: false,
    steps: &[
        Step {
            text: Text {
                zh: "1 s：每个分区一个偏移量范围，在批次生成时就定下了；同一个 key 总是进同一个分区，所以 u1 的点击保持顺序。",
                en: "1 s: one offset range per partition, fixed when the batch is generated; a key always lands in the same partition, so u1's clicks stay in order.",
            },
            time_ms: 1000,
        },
        Step {
            text: Text {
                zh: "2 s：1 s 批次在输出后调用的 commitAsync，到这个批次生成时才提交到 __consumer_offsets。",
                en: "2 s: the commitAsync the 1 s batch called after its output is committed to __consumer_offsets only when this batch is generated.",
            },
            time_ms: 2000,
        },
        Step {
            text: Text {
                zh: "5 s：Driver 在 4.5 s 崩溃，4 s 批次的提交还在队列里，跟着丢了。新的 context 从已提交的偏移量读起，4 s 的记录又读了一遍，而累计状态从零开始。",
                en: "5 s: the driver died at 4.5 s with the 4 s batch's commit still queued, so it was lost. The new context reads from the committed offsets: the 4 s records are read again, and the running count starts from zero.",
            },
            time_ms: 5000,
        },
    ],
    predictions: &[
        Prediction {
            id: "records-2s",
            question: Text {
                zh: "每秒生产 4 条点击。2 s 的批次一共从 Kafka 读几条记录？",
                en: "Four clicks are produced every second. How many Kafka records does the 2 s batch read in all?",
            },
            time_ms: 2000,
            explanation: Text {
                zh: "范围是 1 s 生成时的位置到 2 s 生成时的最新偏移量：这一秒里生产的 4 条：分区 0 里 3 条（u1、u3、u1），分区 1 里 1 条（u5）。在批次的 RDD 里，分区 0 的记录排在分区 1 的前面，所以 u5 排在 u3 之后，尽管它先生产。",
                en: "The ranges go from where the 1 s batch stopped to the latest offsets at 2 s: the 4 records of that second: 3 in partition 0 (u1, u3, u1) and 1 in partition 1 (u5). In the batch's RDD partition 0's records come before partition 1's, so u5 comes after u3 although it was produced first.",
            },
        },
        Prediction {
            id: "first-commit",
            question: Text {
                zh: "1 s 的批次在输出后调用 commitAsync。这些偏移量在哪个批次（毫秒）真正提交到 Kafka？",
                en: "The 1 s batch calls commitAsync after its output. At which batch (in ms) do those offsets actually reach Kafka?",
            },
            time_ms: 1000,
            explanation: Text {
                zh: "commitAsync 只入队，下一个批次生成时才发出：2000。",
                en: "commitAsync only queues them; they are sent when the next batch is generated: 2000.",
            },
        },
        Prediction {
            id: "u1-after-crash",
            question: Text {
                zh: "Driver 在 4.5 s 崩溃后立刻重启，程序新建了一个 StreamingContext。5 s 批次打印的 u1 累计值是多少？（崩溃前是 8。）",
                en: "The driver dies at 4.5 s and restarts at once, and the program builds a new StreamingContext. What total does the 5 s batch print for u1? (It was 8 before the crash.)",
            },
            time_ms: 5000,
            explanation: Text {
                zh: "新 context 没有旧状态，从最后提交的偏移量（3 s 批次的结尾）读起：3–5 s 的 4 次 u1 点击，所以是 4。有 2 次被重复读了，另外 8 次的计数丢了。",
                en: "The new context has no old state and reads from the last committed offsets (the end of the 3 s batch): u1's 4 clicks of 3–5 s, so 4. Two of them were read twice, and the count of the other 8 is lost.",
            },
        },
    ],
    goals: &[
        Goal {
            id: "one-per-partition",
            task: Text {
                zh: "限流：让每个批次从每个分区最多读 1 条记录，积压的留在 Kafka 里等下一批。",
                en: "Rate-limit: make each batch read at most 1 record per partition, leaving the backlog in Kafka for later batches.",
            },
            hint: Text {
                zh: "在 SparkConf 上设置 spark.streaming.kafka.maxRatePerPartition（每秒每分区的条数）。",
                en: "Set spark.streaming.kafka.maxRatePerPartition (records per second per partition) on the SparkConf.",
            },
            reference: reference_rate,
        },
        Goal {
            id: "survive-crash",
            task: Text {
                zh: "让累计值挺过这次崩溃：7 s 时 u1 应该是 12。",
                en: "Make the running count survive the crash: u1 should be 12 at 7 s.",
            },
            hint: Text {
                zh: "把建图的代码放进 def createContext(): StreamingContext，最后返回 ssc；再用 StreamingContext.getOrCreate(\"checkpoint\", () => createContext()) 取得 context。",
                en: "Move the graph-building code into def createContext(): StreamingContext ending with ssc; then get the context with StreamingContext.getOrCreate(\"checkpoint\", () => createContext()).",
            },
            reference: reference_get_or_create,
        },
        Goal {
            id: "receiver-loses",
            task: Text {
                zh: "换成基于 receiver 的模式，不开预写日志：用 ssc.socketTextStream(\"localhost\", 9999) 读 nc 终端里的行（按用户计数并 print），在 createContext 里建图，用 getOrCreate 取得 context。4.5 s 崩溃后，重跑的 4 s 批次应该一行也读不到。",
                en: "Switch to the receiver-based mode, without the write-ahead log: read the nc terminal's lines with ssc.socketTextStream(\"localhost\", 9999) (count them per user and print), build the graph in createContext and get the context with getOrCreate. After the 4.5 s crash, the re-run 4 s batch should find none of its lines.",
            },
            hint: Text {
                zh: "把 ssc.checkpoint(\"checkpoint\") 留在 createContext 里，例如 lines.map(l => (l.split(\" \")(0), 1)).reduceByKey(_ + _).print()。重跑批次的块只在 executor 内存里时，控制台会出现 Spark 的警告 “Some blocks could not be recovered…”。",
                en: "Keep ssc.checkpoint(\"checkpoint\") inside createContext, e.g. lines.map(l => (l.split(\" \")(0), 1)).reduceByKey(_ + _).print(). When the re-run batch's blocks were only in executor memory, the console shows Spark's warning \"Some blocks could not be recovered…\".",
            },
            reference: reference_receiver_loses,
        },
        Goal {
            id: "receiver-wal",
            task: Text {
                zh: "再打开预写日志：重跑的 4 s 批次读回它原来的行，崩溃前已存成块的行一条也不丢。",
                en: "Now turn the write-ahead log on: the re-run 4 s batch reads its lines again, and no line stored in a block before the crash is lost.",
            },
            hint: Text {
                zh: "在 SparkConf 上加 .set(\"spark.streaming.receiver.writeAheadLog.enable\", \"true\")（它需要 checkpoint 目录）。每个块上报前先写进日志，恢复时从日志读回；只有 receiver 还没存成块的数据（最后一个块间隔，200 ms）仍可能丢失。",
                en: "Add .set(\"spark.streaming.receiver.writeAheadLog.enable\", \"true\") to the SparkConf (it needs the checkpoint directory). Each block is written to the log before it is reported, and recovery reads it back; only what the receiver had not yet stored as a block (the last block interval, 200 ms) can still be lost.",
            },
            reference: reference_receiver_wal,
        },
    ],
};
