//! RDDs as Spark builds them for each batch: lazy lineage, computed per partition on demand.
//!
//! Laziness is what makes call counts right. A narrow chain under `take` runs its function
//! only on the records `take` pulls; a persisted RDD is computed once, whole, and read from
//! the cache afterwards; an unpersisted one used by two jobs is computed twice; a shuffle's map
//! side runs once per shuffle, its reduce side once per computation of the shuffled RDD. The
//! combining follows `combineByKey` exactly (`createCombiner` is Spark's identity, not a user
//! call; `mergeValue` on the map side; `mergeCombiners` on the reduce side), through
//! [`SparkMap`] so keys come out in Spark's order.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::exec::{Exn, ExnInfo, Func, Runtime};
use crate::hash::{non_negative_mod, product_hash_of, tuple_name_hash, JavaHashMap, SparkMap};
use crate::range_partitioner::RangeBounds;
use crate::trace::Scope;
use crate::value::{SeqKind, Value};

/// A partition's records.
pub type Part = Rc<Vec<Value>>;

/// A Spark-internal transformation of a whole partition: `(runtime, partition, records)`.
pub type PartFn = Rc<dyn Fn(&mut Runtime, usize, Vec<Value>) -> Result<Vec<Value>, Exn>>;

/// What a [`Narrow::CoGroupHeads`] step does with a cogroup's partition.
pub type HeadsFn = Rc<dyn Fn(&mut Runtime, usize, CoHeads) -> Result<Vec<Value>, Exn>>;

/// A partition of a cogroup as `reduceByKeyAndWindow`'s `mergeValues` reads it: per key, in
/// the order Spark's cogroup emits keys, the first value each parent has for it (`.head` of
/// each buffer), without building the buffers.
pub struct CoHeads {
    /// The keys in Spark's order, each with its row in `heads`.
    pub keys: Vec<(Value, usize)>,
    /// Row `r` is `heads[r * width..(r + 1) * width]`: parent `j`'s first `(key, value)`
    /// record for the key, if any (the head is the record's value).
    pub heads: Vec<Option<Value>>,
    /// The number of parents (buffers per key).
    pub width: usize,
}

/// A shuffle's map output: per map partition, per reduce partition, the records.
/// A shuffle's map side, run: each map task's buckets (one per reduce partition, none for a
/// task that wrote nothing), and which tasks wrote something, so that a reduce partition
/// reads those alone (a shuffle of 100,000 mostly empty map partitions into 100,000 reads in
/// time of the records, not of their product).
struct MapOutputs {
    tasks: Vec<Vec<Vec<(Value, Value)>>>,
    written: Vec<usize>,
}

impl MapOutputs {
    /// The buckets of reduce partition `p`, map partition 0 first.
    fn buckets(&self, p: usize) -> impl Iterator<Item = &Vec<(Value, Value)>> {
        self.written
            .iter()
            .filter_map(move |&m| self.tasks[m].get(p))
    }
}

type MapOutput = Rc<MapOutputs>;

/// A pull iterator over one partition. `next` gets the runtime, since pulling may call user
/// functions (which may throw).
pub trait PartIter {
    /// The next record, or `None` at the end.
    fn next(&mut self, rt: &mut Runtime) -> Result<Option<Value>, Exn>;

    /// Every record left, at once, when the iterator already holds them (no user code runs);
    /// `None` when they have to be pulled one by one.
    fn take_rest(&mut self) -> Option<Vec<Value>> {
        None
    }

    /// The whole partition as it is held, shared, when nothing was pulled yet: no copy.
    fn take_shared(&mut self) -> Option<Part> {
        None
    }

    /// What `next()` past the end says: Scala's `Iterator`'s words, or a `List`'s own.
    fn exhausted(&self) -> &'static str {
        "next on empty iterator"
    }
}

/// An iterator over a materialised partition.
pub struct VecIter {
    items: Part,
    pos: usize,
    /// A `List`'s iterator, which says `head of empty list` past its end.
    list: bool,
}

impl VecIter {
    /// Iterate `items`.
    #[allow(clippy::new_ret_no_self)]
    pub fn new(items: Part) -> Box<dyn PartIter> {
        Box::new(VecIter {
            items,
            pos: 0,
            list: false,
        })
    }

    /// Iterate a `List`'s `items`.
    pub fn of_list(items: Part) -> Box<dyn PartIter> {
        Box::new(VecIter {
            items,
            pos: 0,
            list: true,
        })
    }
}

impl PartIter for VecIter {
    fn exhausted(&self) -> &'static str {
        if self.list {
            "head of empty list"
        } else {
            "next on empty iterator"
        }
    }

    fn next(&mut self, _rt: &mut Runtime) -> Result<Option<Value>, Exn> {
        let v = self.items.get(self.pos).cloned();
        self.pos += 1;
        Ok(v)
    }

    fn take_shared(&mut self) -> Option<Part> {
        if self.pos != 0 {
            return None;
        }
        self.pos = self.items.len();
        Some(std::mem::take(&mut self.items))
    }

    fn take_rest(&mut self) -> Option<Vec<Value>> {
        let items = std::mem::take(&mut self.items);
        let pos = std::mem::replace(&mut self.pos, items.len());
        if pos == 0 {
            // The partition itself when no one else holds it, else a copy.
            return Some(Rc::try_unwrap(items).unwrap_or_else(|rc| (*rc).clone()));
        }
        let rest = items.get(pos..).map(<[Value]>::to_vec).unwrap_or_default();
        self.items = items;
        Some(rest)
    }
}

/// Drain an iterator into a vector.
pub fn drain(rt: &mut Runtime, it: &mut dyn PartIter) -> Result<Vec<Value>, Exn> {
    if let Some(all) = it.take_rest() {
        return Ok(all);
    }
    let mut out = Vec::new();
    while let Some(v) = it.next(rt)? {
        if out.len() as u64 == crate::exec::MAX_ELEMENTS {
            // `Iterator.from(1).toList`: endless.
            return Err(Exn::too_large("an iterator"));
        }
        out.push(v);
    }
    Ok(out)
}

/// A partitioner of `n` partitions: `HashPartitioner(n)`, or one with a [`Rule`]. Equal as
/// Spark's are: hash ones by their count, range ones by their bounds and direction, the
/// anonymous one `subtract` makes only to itself.
#[derive(Clone, Debug)]
pub struct Partitioner(pub usize, pub Option<Rc<Rule>>);

/// How a partitioner other than a `HashPartitioner` places keys.
#[derive(Debug)]
pub enum Rule {
    /// A `RangePartitioner` (what `sortByKey` makes).
    Range(RangeBounds),
    /// What `subtract` shuffles by when the RDD is already partitioned by the partitioner
    /// given: that partitioner on the first element of the key (the record `(k, v)`, keyed
    /// by itself).
    FirstOfKey(Partitioner),
    /// A program's own (`class P extends Partitioner`): its instance, whose `getPartition`
    /// places each key. Equal as its instance is (identity, or its `equals`).
    Custom(Value),
}

impl PartialEq for Partitioner {
    fn eq(&self, other: &Partitioner) -> bool {
        self.0 == other.0
            && match (&self.1, &other.1) {
                (None, None) => true,
                (Some(a), Some(b)) => match (&**a, &**b) {
                    (Rule::Range(x), Rule::Range(y)) => x == y,
                    (Rule::Custom(x), Rule::Custom(y)) => x == y,
                    _ => Rc::ptr_eq(a, b),
                },
                _ => false,
            }
    }
}

impl Partitioner {
    /// `new HashPartitioner(n)`.
    pub fn hash(n: usize) -> Partitioner {
        Partitioner(n, None)
    }

    /// `getPartition(key)`. `HashPartitioner`: `null` goes to 0, else `nonNegativeMod(hashCode,
    /// n)`; `RangePartitioner`: by its bounds (comparing keys can fail).
    pub fn partition(&self, rt: &mut Runtime, key: &Value) -> Result<usize, Exn> {
        match (self.1.as_deref(), key) {
            (Some(Rule::Range(range)), k) => range.partition(k),
            (Some(Rule::Custom(inst)), k) => {
                crate::scala::user_class::get_partition(rt, inst, k, self.0)
            }
            (Some(Rule::FirstOfKey(p)), k) => match k.as_pair() {
                Some((first, _)) => p.partition(rt, first),
                None => Err(Exn::new(
                    "java.lang.ClassCastException",
                    format!("{} cannot be cast to scala.Tuple2", k.type_name()),
                )),
            },
            (None, Value::Null) => Ok(0),
            (None, k) => Ok(non_negative_mod(k.hash_code(), self.0)),
        }
    }
}

/// One function of an aggregator.
#[derive(Clone)]
pub enum AggFn {
    /// `(v: V) => v`: the `createCombiner` `reduceByKey` passes; Spark's, not the user's.
    Identity,
    /// A user function, called in the role given (`reduceFunc`, `createCombiner`...).
    User(Func, &'static str),
    /// `v => f(zero, v)`: the `createCombiner` of `foldByKey` and `aggregateByKey` (a fresh
    /// copy of the zero value per key).
    UserFromZero(Func, Value, &'static str),
    /// `CompactBuffer(v)` (an RDD's `groupByKey`'s `createCombiner`).
    BufferNew,
    /// `ArrayBuffer(v)` (a DStream's `groupByKey`'s `createCombiner`).
    ArrayBufferNew,
    /// `(x, _) => x` (`distinct`'s `reduceByKey`).
    KeepFirst,
    /// `buf += v` (`groupByKey`'s `mergeValue`; the buffer keeps its kind).
    BufferAppend,
    /// `buf1 ++= buf2` (`groupByKey`'s `mergeCombiners`).
    BufferConcat,
    /// `new ArrayBuffer ++= v` (`groupByKeyAndWindow`'s `createCombiner`).
    BufferFrom,
}

/// Spark's `Aggregator`: how `combineByKey` builds a value per key.
#[derive(Clone)]
pub struct Aggregator {
    /// `createCombiner`.
    pub create: AggFn,
    /// `mergeValue`.
    pub merge_value: AggFn,
    /// `mergeCombiners`.
    pub merge_combiners: AggFn,
}

impl Aggregator {
    /// `reduceByKey(f)`: `combineByKey(v => v, f, f)`.
    pub fn reduce(f: Func) -> Aggregator {
        Aggregator {
            create: AggFn::Identity,
            merge_value: AggFn::User(f.clone(), "reduceFunc"),
            merge_combiners: AggFn::User(f, "reduceFunc"),
        }
    }

    /// An RDD's `groupByKey`: values in a `CompactBuffer` (printed `Seq(...)`).
    pub fn group() -> Aggregator {
        Aggregator {
            create: AggFn::BufferNew,
            merge_value: AggFn::BufferAppend,
            merge_combiners: AggFn::BufferConcat,
        }
    }

    /// `distinct`'s `reduceByKey((x, _) => x)`: Spark's function, not the user's.
    pub fn keep_first() -> Aggregator {
        Aggregator {
            create: AggFn::Identity,
            merge_value: AggFn::KeepFirst,
            merge_combiners: AggFn::KeepFirst,
        }
    }

    /// A DStream's `groupByKey` (`PairDStreamFunctions`): its own `combineByKey` with an
    /// `ArrayBuffer` per key, not the RDD's `CompactBuffer` (Spark 4.3, oracle), and, as every
    /// DStream `combineByKey` by default, combined on the map side too.
    pub fn group_dstream() -> Aggregator {
        Aggregator {
            create: AggFn::ArrayBufferNew,
            merge_value: AggFn::BufferAppend,
            merge_combiners: AggFn::BufferConcat,
        }
    }
}

fn apply1(rt: &mut Runtime, f: &AggFn, key: &Value, v: Value) -> Result<Value, Exn> {
    match f {
        AggFn::Identity => Ok(v),
        AggFn::BufferNew => Ok(Value::Seq(SeqKind::CompactBuffer, Rc::new(vec![v]))),
        AggFn::ArrayBufferNew => Ok(Value::Seq(SeqKind::ArrayBuffer, Rc::new(vec![v]))),
        AggFn::BufferFrom => Ok(Value::Seq(SeqKind::ArrayBuffer, Rc::new(seq_items(v)))),
        AggFn::User(func, role) => rt.call_user(role, Some(key), func, &[v]),
        AggFn::UserFromZero(func, zero, role) => {
            rt.call_user(role, Some(key), func, &[zero.clone(), v])
        }
        AggFn::BufferAppend | AggFn::BufferConcat | AggFn::KeepFirst => {
            Err(Exn::unsupported("aggregator misuse"))
        }
    }
}

fn apply2(rt: &mut Runtime, f: &AggFn, key: &Value, a: Value, b: Value) -> Result<Value, Exn> {
    match f {
        AggFn::User(func, role) | AggFn::UserFromZero(func, _, role) => {
            rt.call_user(role, Some(key), func, &[a, b])
        }
        AggFn::KeepFirst => Ok(a),
        AggFn::BufferAppend => {
            let kind = seq_kind(&a);
            let mut items = seq_items(a);
            items.push(b);
            Ok(Value::Seq(kind, Rc::new(items)))
        }
        AggFn::BufferConcat => {
            let kind = seq_kind(&a);
            let mut items = seq_items(a);
            items.extend(seq_items(b));
            Ok(Value::Seq(kind, Rc::new(items)))
        }
        AggFn::Identity | AggFn::BufferNew | AggFn::ArrayBufferNew | AggFn::BufferFrom => {
            Err(Exn::unsupported("aggregator misuse"))
        }
    }
}

/// The kind of a buffer a combiner is (a `CompactBuffer` unless it is a sequence of another).
fn seq_kind(v: &Value) -> SeqKind {
    match v {
        Value::Seq(k, _) => *k,
        _ => SeqKind::CompactBuffer,
    }
}

fn seq_items(v: Value) -> Vec<Value> {
    match v {
        Value::Seq(_, items) => Rc::try_unwrap(items).unwrap_or_else(|rc| (*rc).clone()),
        other => vec![other],
    }
}

pub(crate) fn split_pair(rt_role: &str, v: &Value) -> Result<(Value, Value), Exn> {
    match v.as_pair() {
        Some((k, v)) => Ok((k.clone(), v.clone())),
        None => Err(Exn::new(
            "scala.MatchError",
            format!(
                "{v} (of class {}) — {rt_role} needs (key, value) pairs",
                v.type_name()
            ),
        )),
    }
}

/// A shuffle: the map side's output, bucketed by reduce partition.
pub struct ShuffleDep {
    /// The RDD whose partitions are the map side.
    pub parent: Rc<Rdd>,
    /// The reduce side's partitioner.
    pub partitioner: Partitioner,
    /// The aggregator, if the shuffle combines.
    pub agg: Option<Aggregator>,
    /// Whether the map side combines (`reduceByKey`: yes; `groupByKey`: no).
    pub map_side_combine: bool,
    /// `keyOrdering` (`sortByKey`): the reduce side sorts its records by key, ascending or not.
    pub key_ordering: Option<bool>,
    output: RefCell<Option<MapOutput>>,
    /// The id of the map stage the current job gave this shuffle.
    stage: Cell<u32>,
}

impl ShuffleDep {
    /// A shuffle of `parent` into `partitioner`'s partitions.
    pub fn new(
        parent: Rc<Rdd>,
        partitioner: Partitioner,
        agg: Option<Aggregator>,
        map_side_combine: bool,
    ) -> Rc<ShuffleDep> {
        Rc::new(ShuffleDep {
            parent,
            partitioner,
            agg,
            map_side_combine,
            key_ordering: None,
            output: RefCell::new(None),
            stage: Cell::new(0),
        })
    }

    /// `sortByKey`'s shuffle: no aggregator, the reduce side sorted by key.
    pub fn sorted(parent: Rc<Rdd>, partitioner: Partitioner, ascending: bool) -> Rc<ShuffleDep> {
        let mut dep = ShuffleDep::new(parent, partitioner, None, false);
        if let Some(d) = Rc::get_mut(&mut dep) {
            d.key_ordering = Some(ascending);
        }
        dep
    }

    /// Run the map stage once; afterwards the output is reused ("skipped stages" on Spark's UI).
    /// Returns, per map partition, per reduce partition, the (key, value-or-combiner) records.
    fn map_output(&self, rt: &mut Runtime) -> Result<MapOutput, Exn> {
        if let Some(o) = self.output.borrow().as_ref() {
            return Ok(o.clone());
        }
        let stage = self.stage.get();
        let n = self.partitioner.0;
        let saved = rt.scope;
        let mut all = Vec::with_capacity(self.parent.num_partitions());
        let tids = stage_task_ids(rt, &self.parent, 0..self.parent.num_partitions());
        for (m, &tid) in tids.iter().enumerate() {
            rt.start_task(tid);
            rt.scope = Scope::Task {
                partition: m as u32,
                stage,
            };
            crate::scala::interp::new_task(rt);
            let result = self.map_task(rt, m, n);
            rt.scope = saved;
            all.push(result.map_err(|e| task_failure(e, m, stage, tid))?);
        }
        let written = (0..all.len()).filter(|&m| !all[m].is_empty()).collect();
        let out = Rc::new(MapOutputs {
            tasks: all,
            written,
        });
        *self.output.borrow_mut() = Some(out.clone());
        Ok(out)
    }

    fn map_task(
        &self,
        rt: &mut Runtime,
        m: usize,
        n: usize,
    ) -> Result<Vec<Vec<(Value, Value)>>, Exn> {
        let mut it = self.parent.iter(rt, m)?;
        // One bucket per reduce partition, made at the first record: an empty map partition
        // keeps none (a shuffle of 100,000 empty partitions into 100,000 costs nothing).
        let mut buckets: Vec<Vec<(Value, Value)>> = Vec::new();
        let mut put = |p: usize, kv: (Value, Value)| {
            if buckets.is_empty() {
                buckets.resize_with(n, Vec::new);
            }
            buckets[p].push(kv);
        };
        match (&self.agg, self.map_side_combine) {
            (Some(agg), true) => {
                // ExternalSorter with a PartitionedAppendOnlyMap keyed by (partition, key),
                // each combiner beside its key's `hashCode`.
                let mut map: SparkMap<(usize, Value), (i32, Option<Value>)> = SparkMap::new();
                let tuple2 = tuple_name_hash(2);
                while let Some(rec) = it.next(rt)? {
                    let (k, v) = split_pair("a shuffle", &rec)?;
                    drop(rec);
                    // The partitioner's (`HashPartitioner` on `k.hashCode`), the map on
                    // `(p, k).##`. With one partition the sorter asks no partitioner
                    // (`ExternalSorter.shouldPartition`): a custom one's `getPartition` is not
                    // called (oracle: custom_partitioner_one).
                    let hc = k.hash_code();
                    let p = match (&self.partitioner.1, &k) {
                        _ if self.partitioner.0 <= 1 => 0,
                        (Some(_), k) => self.partitioner.partition(rt, k)?,
                        (None, Value::Null) => 0,
                        (None, _) => non_negative_mod(hc, self.partitioner.0),
                    };
                    let hh = match k {
                        Value::Long(_) | Value::Double(_) => k.hash_hash(),
                        _ => hc,
                    };
                    let h = product_hash_of(tuple2, [p as i32, hh].into_iter());
                    let (slot, _) = map.slot(h, false, (p, k.clone()), || (hc, None));
                    let next = match slot.1.take() {
                        None => apply1(rt, &agg.create, &k, v)?,
                        Some(c) => apply2(rt, &agg.merge_value, &k, c, v)?,
                    };
                    slot.1 = Some(next);
                }
                // `writePartitionedMapOutput` sorts the map's entries (TimSort, stable over
                // slot order) by partition, then, as there is an aggregator, by the key's
                // `hashCode` (`keyComparator`, `null` as 0): the order the reduce side inserts
                // them in, which decides where keys whose slots collide land there.
                let mut combined = map.into_ordered();
                combined.sort_by_key(|((p, _), (hc, _))| (*p, *hc));
                for ((p, k), (_, c)) in combined {
                    if let Some(c) = c {
                        put(p, (k, c));
                    }
                }
            }
            _ => {
                while let Some(rec) = it.next(rt)? {
                    let (k, v) = split_pair("a shuffle", &rec)?;
                    let p = self.partitioner.partition(rt, &k)?;
                    put(p, (k, v));
                }
            }
        }
        Ok(buckets)
    }

    /// Whether its map side has run and given reduce partition `p` any record (what makes the
    /// map output tracker name a location for `p`).
    fn has_output_for(&self, p: usize) -> bool {
        self.output
            .borrow()
            .as_ref()
            .is_some_and(|out| out.buckets(p).any(|b| !b.is_empty()))
    }

    /// The records of reduce partition `p`, in fetch order (map partition 0 first).
    fn fetch(&self, rt: &mut Runtime, p: usize) -> Result<Vec<(Value, Value)>, Exn> {
        let out = self.map_output(rt)?;
        Ok(out.buckets(p).flatten().cloned().collect())
    }
}

/// What a narrow transformation does to each partition.
#[derive(Clone)]
pub enum Narrow {
    /// `map(f)`, in the role given (`mapFunc`).
    Map(Func, &'static str),
    /// `flatMap(f)`.
    FlatMap(Func, &'static str),
    /// `filter(f)`.
    Filter(Func, &'static str),
    /// `mapValues(f)`.
    MapValues(Func),
    /// `flatMapValues(f)`.
    FlatMapValues(Func),
    /// `mapPartitions(f)`: the user function gets the partition as an iterator.
    MapPartitions(Func),
    /// `mapPartitionsWithIndex(f)`: the same, after the partition's index.
    MapPartitionsWithIndex(Func),
    /// `glom()`: one array per partition.
    Glom,
    /// Spark-internal, eager: the whole partition in, records out. `(partition, records)`.
    Native(PartFn),
    /// Spark-internal, eager, over a `CoGroupedRDD`: reads each key's first value per parent
    /// straight from the cogroup (what `mapValues(mergeValues)` after `cogroup` sees, when it
    /// only looks at the buffers' heads).
    CoGroupHeads(HeadsFn),
}

/// How an RDD's partitions come about.
pub enum RddKind {
    /// Records given up front (a `parallelize`d collection, received blocks, saved checkpoint data).
    Source(Vec<Part>),
    /// A narrow transformation of one parent.
    Narrow(Rc<Rdd>, Narrow),
    /// `UnionRDD`: the parents' partitions one after another; with where each parent's
    /// partitions end (see [`RddKind::union`]).
    Union(Vec<Rc<Rdd>>, Vec<usize>),
    /// `PartitionerAwareUnionRDD`: partition `i` is every parent's partition `i`.
    PartitionerAwareUnion(Vec<Rc<Rdd>>),
    /// `ShuffledRDD`: the reduce side of a shuffle.
    Shuffled(Rc<ShuffleDep>),
    /// `CoGroupedRDD`: per key, one buffer of values per parent. Each parent is either
    /// co-partitioned (read narrowly) or shuffled.
    CoGrouped(Vec<CoDep>),
    /// `MapWithStateRDD`: partition `i` is what the function makes of one record, an array
    /// of both parents' partitions `i` (the previous state beside the new data).
    Zip(Rc<Rdd>, Rc<Rdd>, PartFn),
    /// `PartitionPruningRDD`: partition `i` is the parent's partition `kept[i]`.
    Pruned(Rc<Rdd>, Rc<[usize]>),
    /// `SubtractedRDD` (`subtractByKey`): the first parent's records whose key the second
    /// has not, in `java.util.HashMap` order. Each parent co-partitioned or shuffled.
    Subtracted(Vec<CoDep>),
    /// `CartesianRDD`: partition `i * m + j` pairs each record of the first parent's
    /// partition `i` with the second's partition `j` (`m` partitions), read again per record.
    Cartesian(Rc<Rdd>, Rc<Rdd>),
    /// `ZippedPartitionsRDD2` to `4`: partition `i` is made of the parents' partitions `i`.
    /// `rdd.zip(other)` (no function) pairs them record by record; `zipPartitions` hands
    /// the user function one iterator per parent.
    Zipped(Vec<Rc<Rdd>>, Option<Func>),
    /// `CoalescedRDD` (`coalesce(n)`): partition `i` reads the parent's partitions of group
    /// `i` one after the other. The groups are decided when a job first runs over it
    /// ([`coalesce_groups`]); `None` until then.
    Coalesced(Rc<Rdd>, usize, Option<Rc<[Vec<usize>]>>),
}

/// A dependency of a `CoGroupedRDD`.
pub enum CoDep {
    /// Already partitioned the same way: partition `i` reads the parent's partition `i`.
    OneToOne(Rc<Rdd>),
    /// Shuffled into place.
    Shuffle(Rc<ShuffleDep>),
}

/// Where an RDD was made, as Spark's `getCreationSite` names it: the API method the program
/// called (`map`, `reduceByKeyAndWindow`, `socketTextStream`) and the byte offset of the call
/// in the program (`u32::MAX`: none).
#[derive(Clone, Debug)]
pub struct Site(pub Rc<str>, pub u32);

impl Default for Site {
    fn default() -> Site {
        Site(Rc::from(""), u32::MAX)
    }
}

/// One RDD.
pub struct Rdd {
    /// Its id (for display).
    pub id: u32,
    kind: RefCell<RddKind>,
    num_partitions: usize,
    /// Its partitioner, if its records are hash-partitioned by key.
    pub partitioner: Option<Partitioner>,
    persisted: Cell<bool>,
    cache: RefCell<Vec<Option<Part>>>,
    marked: Cell<bool>,
    checkpointed: Cell<bool>,
    do_checkpoint_called: Cell<bool>,
    /// Every shuffle in its lineage has run its map stage. Once true it stays true (a map
    /// output is never dropped, and a checkpoint only cuts lineage), so a later job's
    /// [`Rdd::prepare_shuffles`] need not walk below it.
    lineage_ready: Cell<bool>,
    /// The DStream that made it (its operator and id), which names it in the trace.
    pub made_by: RefCell<Option<(Rc<str>, usize)>>,
    /// Its partitions have a preferred location of their own (a receiver's blocks).
    pub located: Cell<bool>,
    /// Persisted: the job (`Runtime::job_seq`) that cached each partition, and the last job
    /// that read it. Spark's scheduler keeps the cache locations it saw when a job started
    /// until the next job starts, so what a job cached is not seen as cached before then.
    cached_in: RefCell<Vec<u32>>,
    read_in: Cell<u32>,
    /// `setName(name)`.
    pub user_name: RefCell<Option<Rc<str>>>,
    /// Its creation site.
    pub site: Site,
    /// The program's file name and line starts, to show the site (`map at P.scala:13`).
    pub source: (Rc<str>, Rc<[u32]>),
    /// Its class in Spark (`MapPartitionsRDD`), for `toDebugString`.
    pub class: Cell<&'static str>,
    /// Its storage level's description (`Memory Serialized 1x Replicated`; empty: none).
    pub level: Cell<&'static str>,
    /// Once checkpointed: the `ReliableCheckpointRDD` it reads from, its id and site.
    pub checkpoint_rdd: RefCell<Option<(u32, Site)>>,
    /// Made by `map` (or `keys`, `values`, which are maps on Spark): each partition holds as
    /// many records as its parent's (`MapPartitionsRDD.preservesPartitionSizes`).
    pub keeps_sizes: Cell<bool>,
    /// A `zipWithIndex`'s RDD: each partition's first index.
    pub zip_starts: RefCell<Option<Rc<[i64]>>>,
}

impl RddKind {
    /// A `UnionRDD` of `parents`.
    pub fn union(parents: Vec<Rc<Rdd>>) -> RddKind {
        let ends = parents
            .iter()
            .scan(0, |end, p| {
                *end += p.num_partitions();
                Some(*end)
            })
            .collect();
        RddKind::Union(parents, ends)
    }
}

/// What computing one partition costs of the run's work budget, in user-function calls: a
/// partition is a task's worth of the engine's own work (its iterators, its records' moves),
/// so 100,000 partitions a batch (`local[99999]`) stop within the budget instead of running
/// for a minute.
const PARTITION_FUEL: u64 = 50;

/// Which parent of a union holds its partition `p`, and as which of its own: a binary search
/// over where each parent's partitions end (a union of 100,000 queued RDDs would otherwise
/// walk them for each of its partitions).
fn union_slot(ends: &[usize], p: usize) -> Option<(usize, usize)> {
    let i = ends.partition_point(|&end| end <= p);
    let start = if i == 0 { 0 } else { ends[i - 1] };
    (i < ends.len()).then(|| (i, p - start))
}

impl Rdd {
    /// A new RDD of `kind`.
    pub fn new(rt: &mut Runtime, kind: RddKind, partitioner: Option<Partitioner>) -> Rc<Rdd> {
        let num_partitions = match &kind {
            RddKind::Source(parts) => parts.len(),
            RddKind::Narrow(p, _) => p.num_partitions(),
            RddKind::Union(_, ends) => ends.last().copied().unwrap_or(0),
            RddKind::PartitionerAwareUnion(ps) => {
                ps.first().map(|p| p.num_partitions()).unwrap_or(0)
            }
            RddKind::Shuffled(dep) => dep.partitioner.0,
            RddKind::CoGrouped(_) | RddKind::Subtracted(_) => {
                partitioner.as_ref().map_or(1, |p| p.0)
            }
            RddKind::Zip(a, ..) => a.num_partitions(),
            RddKind::Zipped(ps, _) => ps.first().map_or(0, |p| p.num_partitions()),
            RddKind::Cartesian(a, b) => a.num_partitions() * b.num_partitions(),
            RddKind::Coalesced(p, max, _) => p.num_partitions().min(*max),
            RddKind::Pruned(_, kept) => kept.len(),
        };
        let keeps_sizes = matches!(&kind, RddKind::Narrow(_, Narrow::Map(..)));
        let class = match &kind {
            RddKind::Source(_) => "ParallelCollectionRDD",
            RddKind::Narrow(..) => "MapPartitionsRDD",
            RddKind::Union(..) => "UnionRDD",
            RddKind::PartitionerAwareUnion(_) => "PartitionerAwareUnionRDD",
            RddKind::Shuffled(_) => "ShuffledRDD",
            RddKind::CoGrouped(_) => "CoGroupedRDD",
            RddKind::Subtracted(_) => "SubtractedRDD",
            RddKind::Zip(..) => "MapWithStateRDD",
            RddKind::Zipped(ps, _) => match ps.len() {
                3 => "ZippedPartitionsRDD3",
                4 => "ZippedPartitionsRDD4",
                _ => "ZippedPartitionsRDD2",
            },
            RddKind::Cartesian(..) => "CartesianRDD",
            RddKind::Coalesced(..) => "CoalescedRDD",
            RddKind::Pruned(..) => "PartitionPruningRDD",
        };
        Rc::new(Rdd {
            id: rt.rdd_id(),
            kind: RefCell::new(kind),
            num_partitions,
            partitioner,
            persisted: Cell::new(false),
            cache: RefCell::new(vec![None; num_partitions]),
            marked: Cell::new(false),
            checkpointed: Cell::new(false),
            do_checkpoint_called: Cell::new(false),
            lineage_ready: Cell::new(false),
            made_by: RefCell::new(None),
            located: Cell::new(false),
            cached_in: RefCell::new(Vec::new()),
            read_in: Cell::new(0),
            user_name: RefCell::new(None),
            site: rt.site.clone(),
            source: rt.source.clone(),
            class: Cell::new(class),
            level: Cell::new(""),
            checkpoint_rdd: RefCell::new(None),
            keeps_sizes: Cell::new(keeps_sizes),
            zip_starts: RefCell::new(None),
        })
    }

    /// What a `zipWithIndex` of this RDD counts (Spark 4's
    /// `ZippedWithIndexRDD.getAncestorWithSamePartitionSizes`): up through `map`s to the first
    /// RDD that is persisted, checkpointed or not a `map`, or to an earlier `zipWithIndex`,
    /// whose start indices it reuses. So the counting job calls no function of those `map`s.
    pub fn same_sizes_ancestor(self: &Rc<Self>) -> Rc<Rdd> {
        let mut a = self.clone();
        loop {
            let stop = a.zip_starts.borrow().is_some()
                || a.persisted.get()
                || a.checkpointed.get()
                || !a.keeps_sizes.get();
            let parent = match &*a.kind.borrow() {
                RddKind::Narrow(parent, _) if !stop => parent.clone(),
                _ => return a.clone(),
            };
            a = parent;
        }
    }

    /// An RDD of the given partitions.
    pub fn source(rt: &mut Runtime, parts: Vec<Vec<Value>>) -> Rc<Rdd> {
        Rdd::new(
            rt,
            RddKind::Source(parts.into_iter().map(Rc::new).collect()),
            None,
        )
    }

    /// `sc.emptyRDD` (`new EmptyRDD`): no partitions.
    pub fn empty(rt: &mut Runtime) -> Rc<Rdd> {
        let r = Rdd::source(rt, Vec::new());
        r.class.set("EmptyRDD");
        r
    }

    /// `sc.parallelize(items, n)`: Spark's `ParallelCollectionRDD.slice` positions.
    pub fn parallelize(rt: &mut Runtime, items: Vec<Value>, n: usize) -> Rc<Rdd> {
        Rdd::source(rt, slice_evenly(items, n))
    }

    /// A narrow transformation of this RDD (partitioning is kept only where Spark keeps it;
    /// Spark-internal `Native` steps keep it, see [`Rdd::narrow_with`]).
    pub fn narrow(self: &Rc<Self>, rt: &mut Runtime, op: Narrow) -> Rc<Rdd> {
        let keeps = matches!(
            op,
            Narrow::Filter(..)
                | Narrow::MapValues(_)
                | Narrow::FlatMapValues(_)
                | Narrow::Native(_)
                | Narrow::CoGroupHeads(_)
        );
        let part = if keeps {
            self.partitioner.clone()
        } else {
            None
        };
        Rdd::new(rt, RddKind::Narrow(self.clone(), op), part)
    }

    /// A narrow transformation with the partitioner given.
    pub fn narrow_with(
        self: &Rc<Self>,
        rt: &mut Runtime,
        op: Narrow,
        partitioner: Option<Partitioner>,
    ) -> Rc<Rdd> {
        Rdd::new(rt, RddKind::Narrow(self.clone(), op), partitioner)
    }

    /// The partitions computed and kept so far (persisted or checkpointed ones).
    pub fn cached_partitions(&self) -> Vec<Option<Part>> {
        self.cache.borrow().clone()
    }

    /// How many partitions.
    pub fn num_partitions(&self) -> usize {
        self.num_partitions
    }

    /// `persist()`: the first computation of a partition materialises it whole and keeps it.
    pub fn persist(&self) {
        self.persisted.set(true);
    }

    /// Persists it at the storage level described (`StorageLevel.description`).
    pub fn persist_as(&self, level: &'static str) {
        self.persisted.set(true);
        self.level.set(level);
    }

    /// `unpersist()`: its cached partitions are dropped (a checkpoint's data stay).
    pub fn unpersist(&self) {
        self.persisted.set(false);
        self.level.set("");
        if !self.checkpointed.get() {
            self.cache.borrow_mut().iter_mut().for_each(|c| *c = None);
        }
    }

    /// Whether it is persisted.
    pub fn is_persisted(&self) -> bool {
        self.persisted.get()
    }

    /// `rdd.checkpoint()`: write it out after the first job that computes it.
    pub fn mark_for_checkpoint(&self) {
        self.marked.set(true);
    }

    /// Whether its data were checkpointed (written, lineage cut).
    pub fn is_checkpointed(&self) -> bool {
        self.checkpointed.get()
    }

    /// Whether it has been marked for checkpointing.
    pub fn is_marked(&self) -> bool {
        self.marked.get()
    }

    /// Run, before a result task on partition `p`, the map stages it needs that have not run
    /// (so their tasks get their ids first, as on Spark).
    fn prepare_shuffles(self: &Rc<Self>, rt: &mut Runtime, p: usize) -> Result<(), Exn> {
        if self.lineage_ready.get() || self.cache.borrow().get(p).is_some_and(|c| c.is_some()) {
            return Ok(());
        }
        // The walk skips ready RDDs: their shuffles all have output, so the ones left to run,
        // and their order, are those of the whole lineage.
        let mut shuffles = Vec::new();
        self.lineage_shuffles(&mut shuffles, true);
        run_map_stages(rt, &shuffles)?;
        self.lineage_ready.set(true);
        Ok(())
    }

    /// The records of partition `p`, as an iterator: from the cache if persisted, else computed.
    pub fn iter(self: &Rc<Self>, rt: &mut Runtime, p: usize) -> Result<Box<dyn PartIter>, Exn> {
        if self.persisted.get() || self.checkpointed.get() {
            self.read_in.set(rt.job_seq);
            return Ok(VecIter::new(self.materialize(rt, p)?));
        }
        self.compute(rt, p)
    }

    /// Partition `p` whole, computing and caching it if needed.
    pub fn materialize(self: &Rc<Self>, rt: &mut Runtime, p: usize) -> Result<Part, Exn> {
        if let Some(part) = self.cache.borrow().get(p).cloned().flatten() {
            return Ok(part);
        }
        let mut it = self.compute(rt, p)?;
        let items = match it.take_shared() {
            Some(items) => items,
            None => Rc::new(drain(rt, it.as_mut())?),
        };
        if self.persisted.get() || self.checkpointed.get() {
            if let Some(slot) = self.cache.borrow_mut().get_mut(p) {
                *slot = Some(items.clone());
                let mut jobs = self.cached_in.borrow_mut();
                jobs.resize(self.num_partitions, 0);
                jobs[p] = rt.job_seq;
            }
        }
        Ok(items)
    }

    fn compute(self: &Rc<Self>, rt: &mut Runtime, p: usize) -> Result<Box<dyn PartIter>, Exn> {
        rt.burn(PARTITION_FUEL)?;
        let kind = self.kind.borrow();
        match &*kind {
            RddKind::Source(parts) => Ok(VecIter::new(parts.get(p).cloned().unwrap_or_default())),
            RddKind::Narrow(parent, op) => {
                let (parent, op) = (parent.clone(), op.clone());
                drop(kind);
                if let Narrow::CoGroupHeads(f) = &op {
                    if let Some(heads) = parent.cogroup_heads(rt, p)? {
                        return Ok(VecIter::new(Rc::new(f(rt, p, heads)?)));
                    }
                }
                let input = parent.iter(rt, p)?;
                narrow_iter(rt, p, input, op)
            }
            RddKind::Union(parents, ends) => match union_slot(ends, p) {
                Some((i, idx)) => {
                    let parent = parents[i].clone();
                    drop(kind);
                    parent.iter(rt, idx)
                }
                None => Ok(VecIter::new(Rc::default())),
            },
            RddKind::PartitionerAwareUnion(parents) => {
                let parents = parents.clone();
                drop(kind);
                let mut items = Vec::new();
                for parent in parents {
                    let mut it = parent.iter(rt, p)?;
                    items.extend(drain(rt, it.as_mut())?);
                }
                Ok(VecIter::new(Rc::new(items)))
            }
            RddKind::Shuffled(dep) => {
                let dep = dep.clone();
                drop(kind);
                Ok(VecIter::new(Rc::new(reduce_side(rt, &dep, p)?)))
            }
            RddKind::CoGrouped(deps) => {
                let deps = shared_deps(deps);
                drop(kind);
                Ok(VecIter::new(Rc::new(cogroup_partition(rt, &deps, p)?)))
            }
            RddKind::Subtracted(deps) => {
                let deps = shared_deps(deps);
                drop(kind);
                Ok(VecIter::new(Rc::new(subtract_partition(rt, &deps, p)?)))
            }
            RddKind::Cartesian(a, b) => {
                let (a, b) = (a.clone(), b.clone());
                drop(kind);
                let m = b.num_partitions();
                Ok(Box::new(CartesianIter {
                    left: a.iter(rt, p / m)?,
                    right: b,
                    j: p % m,
                    current: None,
                }))
            }
            RddKind::Zipped(ps, f) => {
                let (ps, f) = (ps.clone(), f.clone());
                drop(kind);
                let Some(f) = f else {
                    return Ok(Box::new(ZipIter {
                        a: ps[0].iter(rt, p)?,
                        b: ps[1].iter(rt, p)?,
                    }));
                };
                let mut its = Vec::with_capacity(ps.len());
                for parent in &ps {
                    its.push(crate::scala::interp::IterObj::wrap(parent.iter(rt, p)?));
                }
                let index = Value::Int(p as i32);
                let out = rt.call_user("zipPartitionsFunc", Some(&index), &f, &its)?;
                crate::scala::interp::into_part_iter(rt, out)
            }
            RddKind::Pruned(parent, kept) => {
                let (parent, q) = (parent.clone(), kept[p]);
                drop(kind);
                parent.iter(rt, q)
            }
            RddKind::Coalesced(parent, _, groups) => {
                let (parent, groups) = (parent.clone(), groups.clone());
                drop(kind);
                let groups = match groups {
                    Some(g) => g,
                    None => {
                        self.resolve_coalesces(rt);
                        match &*self.kind.borrow() {
                            RddKind::Coalesced(_, _, Some(g)) => g.clone(),
                            _ => Rc::from(Vec::new()),
                        }
                    }
                };
                let parts = groups.get(p).cloned().unwrap_or_default();
                Ok(Box::new(ChainIter {
                    parent,
                    parts: parts.into_iter(),
                    current: None,
                }))
            }
            RddKind::Zip(a, b, f) => {
                let (a, b, f) = (a.clone(), b.clone(), f.clone());
                drop(kind);
                let mut ia = a.iter(rt, p)?;
                let left = drain(rt, ia.as_mut())?;
                let mut ib = b.iter(rt, p)?;
                let right = drain(rt, ib.as_mut())?;
                let both = vec![
                    Value::Seq(SeqKind::Array, Rc::new(left)),
                    Value::Seq(SeqKind::Array, Rc::new(right)),
                ];
                let out = f(rt, p, vec![Value::Seq(SeqKind::Array, Rc::new(both))])?;
                Ok(VecIter::new(Rc::new(out)))
            }
        }
    }

    /// Partition `p` of a cogroup that is neither persisted nor checkpointed, computed as it
    /// would be (same work, same order), but kept as heads; `None` for any other RDD.
    fn cogroup_heads(self: &Rc<Self>, rt: &mut Runtime, p: usize) -> Result<Option<CoHeads>, Exn> {
        if self.persisted.get() || self.checkpointed.get() {
            return Ok(None);
        }
        let kind = self.kind.borrow();
        let RddKind::CoGrouped(deps) = &*kind else {
            return Ok(None);
        };
        let deps = shared_deps(deps);
        drop(kind);
        rt.burn(PARTITION_FUEL)?;
        cogroup_heads_partition(rt, &deps, p).map(Some)
    }

    /// The shuffles in this RDD's lineage, ancestors first: the map stages a job on it has
    /// (Spark allocates a stage id to each, and skips those whose output exists). With
    /// `skip_ready`, RDDs whose lineage is ready (every shuffle in it has run) are not walked.
    fn lineage_shuffles(&self, out: &mut Vec<Rc<ShuffleDep>>, skip_ready: bool) {
        if skip_ready && self.lineage_ready.get() {
            return;
        }
        let kind = self.kind.borrow();
        let visit =
            |r: &Rc<Rdd>, out: &mut Vec<Rc<ShuffleDep>>| r.lineage_shuffles(out, skip_ready);
        match &*kind {
            RddKind::Source(_) => {}
            RddKind::Narrow(p, _) | RddKind::Pruned(p, _) | RddKind::Coalesced(p, ..) => {
                visit(p, out)
            }
            RddKind::Union(ps, _) | RddKind::PartitionerAwareUnion(ps) => {
                ps.iter().for_each(|p| visit(p, out))
            }
            RddKind::Zip(a, b, _) | RddKind::Cartesian(a, b) => {
                visit(a, out);
                visit(b, out);
            }
            RddKind::Zipped(ps, _) => ps.iter().for_each(|p| visit(p, out)),
            RddKind::Shuffled(dep) => push_shuffle(dep, out, skip_ready),
            RddKind::CoGrouped(deps) | RddKind::Subtracted(deps) => {
                for d in deps {
                    match d {
                        CoDep::OneToOne(r) => visit(r, out),
                        CoDep::Shuffle(s) => push_shuffle(s, out, skip_ready),
                    }
                }
            }
        }
    }

    /// Decides the groups of every `coalesce` in its lineage still undecided, as Spark does
    /// when a job asks for their partitions: before any of the job's stages run.
    pub fn resolve_coalesces(self: &Rc<Self>, rt: &mut Runtime) {
        if rt.pending_coalesces == 0 {
            return;
        }
        for dep in self.dependencies() {
            dep.resolve_coalesces(rt);
        }
        let mut kind = self.kind.borrow_mut();
        if let RddKind::Coalesced(parent, max, groups @ None) = &mut *kind {
            let located: Vec<bool> = (0..parent.num_partitions())
                .map(|q| parent.has_location(q, rt.job_seq))
                .collect();
            *groups = Some(coalesce_groups(*max, &located).into());
            rt.pending_coalesces = rt.pending_coalesces.saturating_sub(1);
        }
    }

    /// Whether partition `p` has a preferred location (`DAGScheduler.getPreferredLocs`). In
    /// local mode every location is the one host, so a location is there or not.
    fn has_location(&self, p: usize, job: u32) -> bool {
        self.location(p, job) != Locality::NoPref
    }

    /// Partition `p`'s preferred location (`DAGScheduler.getPreferredLocs`): a cached
    /// partition or a receiver's block is on the executor; a shuffle's reduce partition once
    /// its map side has run and given it records is on the host the map output tracker
    /// names; a `coalesce` group that took the located path is where its first located
    /// partition is; else it is what its narrow parents' partitions have.
    fn location(&self, p: usize, job: u32) -> Locality {
        if self.cache.borrow().get(p).is_some_and(|c| c.is_some()) && self.persisted.get() {
            let cached_in = self.cached_in.borrow().get(p).copied().unwrap_or(0);
            if !(self.read_in.get() == job && cached_in == job) {
                return Locality::Executor;
            }
        }
        if self.checkpointed.get() {
            // A checkpoint on the local file system reports no host but `localhost`, dropped.
            return Locality::NoPref;
        }
        let any = |ls: &mut dyn Iterator<Item = Locality>| ls.min().unwrap_or(Locality::NoPref);
        match &*self.kind.borrow() {
            RddKind::Source(_) if self.located.get() => Locality::Executor,
            RddKind::Source(_) => Locality::NoPref,
            RddKind::Narrow(parent, _) => parent.location(p, job),
            RddKind::Pruned(parent, kept) => parent.location(kept[p], job),
            RddKind::Union(parents, ends) => union_slot(ends, p)
                .map_or(Locality::NoPref, |(i, idx)| parents[i].location(idx, job)),
            RddKind::PartitionerAwareUnion(ps) => any(&mut ps.iter().map(|r| r.location(p, job))),
            RddKind::Zip(a, b, _) => a.location(p, job).min(b.location(p, job)),
            RddKind::Zipped(ps, _) => any(&mut ps.iter().map(|r| r.location(p, job))),
            RddKind::Cartesian(a, b) => {
                let m = b.num_partitions();
                a.location(p / m, job).min(b.location(p % m, job))
            }
            RddKind::Shuffled(dep) if dep.has_output_for(p) => Locality::Host,
            RddKind::Shuffled(_) => Locality::NoPref,
            RddKind::CoGrouped(deps) | RddKind::Subtracted(deps) => {
                any(&mut deps.iter().map(|d| match d {
                    CoDep::OneToOne(r) => r.location(p, job),
                    CoDep::Shuffle(_) => Locality::NoPref,
                }))
            }
            RddKind::Coalesced(parent, _, groups) => groups
                .as_ref()
                .and_then(|g| g.get(p))
                .and_then(|ps| {
                    ps.iter()
                        .map(|&q| parent.location(q, job))
                        .find(|&l| l != Locality::NoPref)
                })
                .unwrap_or(Locality::NoPref),
        }
    }

    /// Its name in the trace: the DStream that made it, `reduceByKeyAndWindow [3]` (empty for
    /// one no DStream made).
    pub fn name(&self) -> String {
        match &*self.made_by.borrow() {
            Some((op, id)) => format!("{op} [{id}]"),
            None => String::new(),
        }
    }

    /// Its dependencies in Spark's order, each with whether it is a shuffle dependency (what
    /// `toDebugString` draws as a new stage, `+-`).
    pub fn debug_dependencies(&self) -> Vec<(Rc<Rdd>, bool)> {
        match &*self.kind.borrow() {
            RddKind::Shuffled(dep) => vec![(dep.parent.clone(), true)],
            RddKind::CoGrouped(deps) | RddKind::Subtracted(deps) => deps
                .iter()
                .map(|d| match d {
                    CoDep::OneToOne(r) => (r.clone(), false),
                    CoDep::Shuffle(s) => (s.parent.clone(), true),
                })
                .collect(),
            _ => self
                .dependencies()
                .into_iter()
                .map(|r| (r, false))
                .collect(),
        }
    }

    /// How many of its partitions are cached, and their records.
    pub fn cached(&self) -> (usize, Vec<Part>) {
        let cache = self.cache.borrow();
        let parts: Vec<Part> = cache.iter().flatten().cloned().collect();
        (parts.len(), parts)
    }

    /// The RDDs this one depends on (for checkpoint traversal).
    fn dependencies(&self) -> Vec<Rc<Rdd>> {
        match &*self.kind.borrow() {
            RddKind::Source(_) => Vec::new(),
            RddKind::Narrow(p, _) => vec![p.clone()],
            RddKind::Union(ps, _) | RddKind::PartitionerAwareUnion(ps) => ps.clone(),
            RddKind::Shuffled(dep) => vec![dep.parent.clone()],
            RddKind::Zip(a, b, _) | RddKind::Cartesian(a, b) => {
                vec![a.clone(), b.clone()]
            }
            RddKind::Zipped(ps, _) => ps.clone(),
            RddKind::Pruned(p, _) | RddKind::Coalesced(p, ..) => vec![p.clone()],
            RddKind::CoGrouped(deps) | RddKind::Subtracted(deps) => deps
                .iter()
                .map(|d| match d {
                    CoDep::OneToOne(r) => r.clone(),
                    CoDep::Shuffle(s) => s.parent.clone(),
                })
                .collect(),
        }
    }

    /// Spark's `RDD.doCheckpoint` after a job, with `CHECKPOINT_ALL_MARKED_ANCESTORS` (set for
    /// streaming jobs): marked ancestors first, then this one. Runs once per RDD. Returns the
    /// names of what it checkpointed.
    pub fn do_checkpoint(
        self: &Rc<Self>,
        rt: &mut Runtime,
        done: &mut Vec<String>,
    ) -> Result<(), Exn> {
        if self.do_checkpoint_called.replace(true) {
            return Ok(());
        }
        for dep in self.dependencies() {
            dep.do_checkpoint(rt, done)?;
        }
        if self.marked.get() && !self.checkpointed.get() {
            // The write job computes every partition (from the cache when persisted), then the
            // lineage is cut: later reads come from the saved data.
            let stage = start_job(rt, self);
            let saved = rt.scope;
            let mut parts = Vec::with_capacity(self.num_partitions);
            let tids = stage_task_ids(rt, self, 0..self.num_partitions);
            for (p, &tid) in tids.iter().enumerate() {
                rt.start_task(tid);
                rt.scope = Scope::Task {
                    partition: p as u32,
                    stage,
                };
                crate::scala::interp::new_task(rt);
                let r = self.materialize(rt, p);
                rt.scope = saved;
                parts.push(r.map_err(|e| task_failure(e, p, stage, tid))?);
            }
            rt.cur.jobs += 1;
            // Writing may change an object in place (a state map's compaction): what later
            // jobs and batches read is the object as written.
            for part in &mut parts {
                if part
                    .iter()
                    .any(|v| matches!(v, Value::Obj(o) if o.after_checkpoint_write().is_some()))
                {
                    let written = part
                        .iter()
                        .map(|v| match v {
                            Value::Obj(o) => {
                                o.after_checkpoint_write().unwrap_or_else(|| v.clone())
                            }
                            _ => v.clone(),
                        })
                        .collect();
                    *part = Rc::new(written);
                }
            }
            *self.cache.borrow_mut() = parts.iter().cloned().map(Some).collect();
            *self.kind.borrow_mut() = RddKind::Source(parts);
            self.checkpointed.set(true);
            // `ReliableCheckpointRDD.writeRDDToCheckpointDirectory` makes the RDD it is read
            // back through (an id of its own), at the site of the action that wrote it.
            let id = rt.rdd_id();
            *self.checkpoint_rdd.borrow_mut() = Some((id, rt.site.clone()));
            let name = self.name();
            done.push(if name.is_empty() {
                format!("RDD [{}]", self.id)
            } else {
                name
            });
        }
        Ok(())
    }
}

fn push_shuffle(dep: &Rc<ShuffleDep>, out: &mut Vec<Rc<ShuffleDep>>, skip_ready: bool) {
    if out.iter().any(|d| Rc::ptr_eq(d, dep)) {
        return;
    }
    dep.parent.lineage_shuffles(out, skip_ready);
    out.push(dep.clone());
}

/// Run the map stages of `shuffles` (a lineage's) that have no output yet, in the order local
/// mode runs them: the `DAGScheduler` submits at once every stage whose parents are done, and
/// the scheduler's FIFO pool launches their tasks by stage id; a stage that becomes ready when
/// another completes is submitted then, after the tasks already waiting (small tasks finish
/// before its submission does). So the order is a queue of waves, each wave by stage id: a
/// join's second side runs before the first side's later stages (oracle fixture
/// `stage_waves`). It decides task ids and, with one free core, the order of what tasks print.
fn run_map_stages(rt: &mut Runtime, shuffles: &[Rc<ShuffleDep>]) -> Result<(), Exn> {
    let pending: Vec<&Rc<ShuffleDep>> = shuffles
        .iter()
        .filter(|s| s.output.borrow().is_none())
        .collect();
    if let [only] = pending.as_slice() {
        return only.map_output(rt).map(|_| ());
    }
    let ancestors: Vec<Vec<usize>> = pending
        .iter()
        .map(|s| {
            let mut above = Vec::new();
            s.parent.lineage_shuffles(&mut above, true);
            above
                .iter()
                .filter_map(|a| pending.iter().position(|p| Rc::ptr_eq(p, a)))
                .collect()
        })
        .collect();
    #[derive(Clone, Copy, PartialEq)]
    enum Stage {
        Waiting,
        Submitted,
        Done,
    }
    let mut state = vec![Stage::Waiting; pending.len()];
    let mut queue = std::collections::VecDeque::new();
    loop {
        let mut wave: Vec<usize> = (0..pending.len())
            .filter(|&i| {
                state[i] == Stage::Waiting && ancestors[i].iter().all(|&a| state[a] == Stage::Done)
            })
            .collect();
        wave.sort_by_key(|&i| pending[i].stage.get());
        for &i in &wave {
            state[i] = Stage::Submitted;
        }
        queue.extend(wave);
        let Some(i) = queue.pop_front() else {
            return Ok(());
        };
        pending[i].map_output(rt)?;
        state[i] = Stage::Done;
    }
}

/// Allocate a job's stage ids as Spark's `DAGScheduler` does: a map stage for every shuffle in
/// the lineage (ancestors first; a finished one is skipped but still gets an id), then the
/// result stage. Returns the result stage's id.
fn start_job(rt: &mut Runtime, rdd: &Rc<Rdd>) -> u32 {
    rt.job_seq += 1;
    let mut shuffles = Vec::new();
    rdd.lineage_shuffles(&mut shuffles, false);
    for s in shuffles {
        let id = rt.stage_id();
        s.stage.set(id);
    }
    rt.stage_id()
}

/// Spark's `ParallelCollectionRDD.slice` for a sequence: partition `i` holds positions
/// `[i·len/n, (i+1)·len/n)`.
pub fn slice_evenly(items: Vec<Value>, n: usize) -> Vec<Vec<Value>> {
    let n = n.max(1);
    let len = items.len();
    let mut out = Vec::with_capacity(n);
    let mut it = items.into_iter();
    for i in 0..n {
        let start = i * len / n;
        let end = (i + 1) * len / n;
        out.push(it.by_ref().take(end - start).collect());
    }
    out
}

fn reduce_side(rt: &mut Runtime, dep: &ShuffleDep, p: usize) -> Result<Vec<Value>, Exn> {
    let mut records = dep.fetch(rt, p)?;
    let Some(agg) = &dep.agg else {
        if let Some(ascending) = dep.key_ordering {
            crate::ordering::sort_by_key(&mut records, ascending, |r| &r.0)?;
        }
        return Ok(records
            .into_iter()
            .map(|(k, v)| Value::pair(k, v))
            .collect());
    };
    let mut map: SparkMap<Value, Option<Value>> = SparkMap::new();
    for (k, v) in records {
        let is_null = matches!(k, Value::Null);
        let h = k.hash_code();
        let slot = map.slot(h, is_null, k.clone(), || None).0;
        let next = match (slot.take(), dep.map_side_combine) {
            // combineCombinersByKey: the first combiner is taken as it is.
            (None, true) => v,
            (Some(c), true) => apply2(rt, &agg.merge_combiners, &k, c, v)?,
            // combineValuesByKey.
            (None, false) => apply1(rt, &agg.create, &k, v)?,
            (Some(c), false) => apply2(rt, &agg.merge_value, &k, c, v)?,
        };
        *slot = Some(next);
    }
    Ok(map
        .into_ordered()
        .into_iter()
        .filter_map(|(k, c)| c.map(|c| Value::pair(k, c)))
        .collect())
}

/// `combineValuesByKey` over one partition that is already partitioned right (no shuffle):
/// what `reduceByKey` does when its input has the same partitioner.
pub fn combine_values_by_key(
    rt: &mut Runtime,
    agg: &Aggregator,
    records: Vec<Value>,
) -> Result<Vec<Value>, Exn> {
    let mut map: SparkMap<Value, Option<Value>> = SparkMap::new();
    for rec in records {
        let (k, v) = split_pair("combineByKey", &rec)?;
        let is_null = matches!(k, Value::Null);
        let h = k.hash_code();
        let slot = map.slot(h, is_null, k.clone(), || None).0;
        let next = match slot.take() {
            None => apply1(rt, &agg.create, &k, v)?,
            Some(c) => apply2(rt, &agg.merge_value, &k, c, v)?,
        };
        *slot = Some(next);
    }
    Ok(map
        .into_ordered()
        .into_iter()
        .filter_map(|(k, c)| c.map(|c| Value::pair(k, c)))
        .collect())
}

/// The dependencies again, sharing their RDDs and shuffles (to let go of the kind's borrow).
fn shared_deps(deps: &[CoDep]) -> Vec<CoDep> {
    deps.iter()
        .map(|d| match d {
            CoDep::OneToOne(r) => CoDep::OneToOne(r.clone()),
            CoDep::Shuffle(s) => CoDep::Shuffle(s.clone()),
        })
        .collect()
}

/// The `(key, value)` records a cogroup-like RDD reads from one dependency for partition `p`:
/// the parent's partition `p`, or what the shuffle fetches for it.
fn dep_records(
    rt: &mut Runtime,
    dep: &CoDep,
    p: usize,
    what: &str,
) -> Result<Vec<(Value, Value)>, Exn> {
    match dep {
        CoDep::OneToOne(r) => {
            let mut it = r.iter(rt, p)?;
            drain(rt, it.as_mut())?
                .iter()
                .map(|rec| split_pair(what, rec))
                .collect()
        }
        CoDep::Shuffle(s) => s.fetch(rt, p),
    }
}

/// `SubtractedRDD.compute`: the first dependency's records into a `java.util.HashMap` of
/// key to values, then every key the second has removed; what is left, key by key.
fn subtract_partition(rt: &mut Runtime, deps: &[CoDep], p: usize) -> Result<Vec<Value>, Exn> {
    let mut map: JavaHashMap<Value, Vec<Value>> = JavaHashMap::new();
    for (k, v) in dep_records(rt, &deps[0], p, "subtractByKey")? {
        let (h, null) = (k.hash_code(), matches!(k, Value::Null));
        map.entry(h, null, k, Vec::new).push(v);
    }
    for (k, _) in dep_records(rt, &deps[1], p, "subtractByKey")? {
        map.remove(k.hash_code(), matches!(k, Value::Null), &k);
    }
    Ok(map
        .into_ordered()
        .into_iter()
        .flat_map(|(k, vs)| vs.into_iter().map(move |v| Value::pair(k.clone(), v)))
        .collect())
}

/// A `CartesianRDD` partition: for each record of the left partition, the right partition
/// read from the start (computed again unless persisted), paired with it.
struct CartesianIter {
    left: Box<dyn PartIter>,
    right: Rc<Rdd>,
    j: usize,
    current: Option<(Value, Box<dyn PartIter>)>,
}

impl PartIter for CartesianIter {
    fn next(&mut self, rt: &mut Runtime) -> Result<Option<Value>, Exn> {
        loop {
            if let Some((x, ys)) = &mut self.current {
                if let Some(y) = ys.next(rt)? {
                    return Ok(Some(Value::pair(x.clone(), y)));
                }
                self.current = None;
            }
            let Some(x) = self.left.next(rt)? else {
                return Ok(None);
            };
            self.current = Some((x, self.right.iter(rt, self.j)?));
        }
    }
}

/// What a zip of partitions of unequal lengths raises (a `SparkException` with an error
/// condition, so the job does not wrap it, see [`task_failure`]).
const ZIP_SIZES: &str = "Can only zip RDDs with same number of elements in each partition";

/// What an RDD says when a task uses it: a deserialized RDD has no `SparkContext`
/// (`SparkCoreErrors.rddLacksSparkContextError`, Spark 4.3.0).
pub const LACKS_SPARK_CONTEXT: &str = "This RDD lacks a SparkContext. It could happen in the following cases:\n(1) RDD transformations and actions are NOT invoked by the driver, but inside of other transformations; for example, rdd1.map(x => rdd2.values.count() * x) is invalid because the values transformation and count action cannot be performed inside of the rdd1.map transformation. For more information, see SPARK-5063.\n(2) When a Spark Streaming job recovers from checkpoint, this exception will be hit if a reference to an RDD not defined by the streaming job is used in DStream operations. For more information, See SPARK-13758.";

/// `rdd.toLocalIterator`: the records partition by partition, each partition collected by a
/// job of its own when the iterator reaches it.
pub struct LocalIter {
    rdd: Rc<Rdd>,
    next_part: usize,
    buffer: std::vec::IntoIter<Value>,
}

impl LocalIter {
    /// Over `rdd`; no job runs yet.
    pub fn new(rdd: Rc<Rdd>) -> LocalIter {
        LocalIter {
            rdd,
            next_part: 0,
            buffer: Vec::new().into_iter(),
        }
    }
}

impl PartIter for LocalIter {
    fn next(&mut self, rt: &mut Runtime) -> Result<Option<Value>, Exn> {
        loop {
            if let Some(v) = self.buffer.next() {
                return Ok(Some(v));
            }
            if self.next_part >= self.rdd.num_partitions() {
                return Ok(None);
            }
            let p = self.next_part;
            self.next_part += 1;
            let mut got = run_job(rt, &self.rdd, &[p], |rt, it| drain(rt, it))?;
            self.buffer = got.pop().unwrap_or_default().into_iter();
        }
    }
}

/// A `CoalescedRDD` partition: the parent's partitions of its group, one after the other.
struct ChainIter {
    parent: Rc<Rdd>,
    parts: std::vec::IntoIter<usize>,
    current: Option<Box<dyn PartIter>>,
}

impl PartIter for ChainIter {
    fn next(&mut self, rt: &mut Runtime) -> Result<Option<Value>, Exn> {
        loop {
            if let Some(it) = &mut self.current {
                if let Some(v) = it.next(rt)? {
                    return Ok(Some(v));
                }
            }
            let Some(q) = self.parts.next() else {
                return Ok(None);
            };
            self.current = Some(self.parent.iter(rt, q)?);
        }
    }
}

/// `DefaultPartitionCoalescer.coalesce(max, parent)` (balance slack 0.10) for a parent
/// whose partition `i` has a location when `located[i]` (all on the one host of local mode):
/// the parent partitions of each new partition. Without locations, ranges of neighbours
/// (each partition alone when `max` is more than there are). With them, power-of-two
/// choices between groups drawn by `scala.util.Random(7919)`, leaning to the least loaded
/// group of the host within the slack.
pub fn coalesce_groups(max: usize, located: &[bool]) -> Vec<Vec<usize>> {
    let n = located.len();
    let target = n.min(max);
    let with_locs: Vec<usize> = (0..n).filter(|&i| located[i]).collect();
    if with_locs.is_empty() {
        if max > target {
            return (0..n).map(|i| vec![i]).collect();
        }
        return (0..max)
            .map(|i| (i * n / max..(i + 1) * n / max).collect())
            .collect();
    }
    let mut rnd = crate::hash::JavaRandom::new(7919);
    let mut assigned = vec![false; n];
    let mut groups: Vec<Vec<usize>> = Vec::with_capacity(target);
    let add = |groups: &mut Vec<Vec<usize>>, g: usize, part: usize, assigned: &mut [bool]| {
        if !assigned[part] {
            groups[g].push(part);
            assigned[part] = true;
        }
    };
    // setupGroups: the first located partition makes the host's group; the host is then
    // known, so the others are copies, each seeded with a located partition drawn at random.
    groups.push(Vec::new());
    add(&mut groups, 0, with_locs[0], &mut assigned);
    while groups.len() < target {
        let part = with_locs[rnd.next_int_below(with_locs.len() as i32) as usize];
        groups.push(Vec::new());
        let g = groups.len() - 1;
        add(&mut groups, g, part, &mut assigned);
    }
    // throwBalls: empty groups take located partitions in order, then the others.
    let without: Vec<usize> = (0..n).filter(|&i| !located[i]).collect();
    for source in [&with_locs, &without] {
        let mut it = source.iter();
        for g in 0..groups.len() {
            while groups[g].is_empty() {
                let Some(&part) = it.next() else { break };
                add(&mut groups, g, part, &mut assigned);
            }
        }
    }
    // pickBin for the rest, in partition order.
    let slack = (0.10 * n as f64) as usize;
    for part in 0..n {
        if assigned[part] {
            continue;
        }
        let least = (0..groups.len())
            .min_by_key(|&g| groups[g].len())
            .unwrap_or(0);
        let r1 = rnd.next_int_below(groups.len() as i32) as usize;
        let r2 = rnd.next_int_below(groups.len() as i32) as usize;
        let two = if groups[r1].len() < groups[r2].len() {
            r1
        } else {
            r2
        };
        let g = if !located[part] || groups[two].len() + slack <= groups[least].len() {
            two
        } else {
            least
        };
        groups[g].push(part);
        assigned[part] = true;
    }
    groups.retain(|g| !g.is_empty());
    groups
}

/// A partition of `rdd.zip(other)`: both parents' records in step, which must end together.
struct ZipIter {
    a: Box<dyn PartIter>,
    b: Box<dyn PartIter>,
}

impl PartIter for ZipIter {
    fn next(&mut self, rt: &mut Runtime) -> Result<Option<Value>, Exn> {
        match (self.a.next(rt)?, self.b.next(rt)?) {
            (Some(x), Some(y)) => Ok(Some(Value::pair(x, y))),
            (None, None) => Ok(None),
            _ => Err(Exn::new("org.apache.spark.SparkException", ZIP_SIZES)),
        }
    }
}

fn cogroup_partition(rt: &mut Runtime, deps: &[CoDep], p: usize) -> Result<Vec<Value>, Exn> {
    let n = deps.len();
    let mut map: SparkMap<Value, Vec<Vec<Value>>> = SparkMap::new();
    for (i, dep) in deps.iter().enumerate() {
        let records = dep_records(rt, dep, p, "cogroup")?;
        for (k, v) in records {
            let is_null = matches!(k, Value::Null);
            let h = k.hash_code();
            map.slot(h, is_null, k, || vec![Vec::new(); n]).0[i].push(v);
        }
    }
    Ok(map
        .into_ordered()
        .into_iter()
        .map(|(k, groups)| {
            let bufs: Vec<Value> = groups
                .into_iter()
                .map(|g| Value::Seq(SeqKind::CompactBuffer, Rc::new(g)))
                .collect();
            Value::pair(k, Value::Seq(SeqKind::Array, Rc::new(bufs)))
        })
        .collect())
}

/// [`cogroup_partition`] keeping only each key's first value per parent.
fn cogroup_heads_partition(rt: &mut Runtime, deps: &[CoDep], p: usize) -> Result<CoHeads, Exn> {
    let width = deps.len();
    let mut map: SparkMap<Value, usize> = SparkMap::new();
    let mut heads: Vec<Option<Value>> = Vec::new();
    for (i, dep) in deps.iter().enumerate() {
        let records: Vec<Value> = match dep {
            CoDep::OneToOne(r) => {
                let mut it = r.iter(rt, p)?;
                let records = drain(rt, it.as_mut())?;
                // Every record must be a pair, as the cogroup checks before grouping any.
                for rec in &records {
                    if rec.as_pair().is_none() {
                        split_pair("cogroup", rec)?;
                    }
                }
                records
            }
            CoDep::Shuffle(s) => s
                .fetch(rt, p)?
                .into_iter()
                .map(|(k, v)| Value::pair(k, v))
                .collect(),
        };
        for rec in records {
            let Some(k) = rec.pair_key().cloned() else {
                continue;
            };
            let is_null = matches!(k, Value::Null);
            let h = k.hash_code();
            let next = map.len();
            let (&mut row, fresh) = map.slot(h, is_null, k, || next);
            if fresh {
                heads.resize(heads.len() + width, None);
            }
            let cell = &mut heads[row * width + i];
            if cell.is_none() {
                *cell = Some(rec);
            }
        }
    }
    Ok(CoHeads {
        keys: map.into_ordered(),
        heads,
        width,
    })
}

/// `cogroup` of several RDDs into `partitioner`: each parent already partitioned that way is
/// read narrowly, the others are shuffled (without combining).
pub fn cogroup(rt: &mut Runtime, parents: Vec<Rc<Rdd>>, partitioner: Partitioner) -> Rc<Rdd> {
    let deps = co_deps(parents, &partitioner);
    Rdd::new(rt, RddKind::CoGrouped(deps), Some(partitioner))
}

/// `rdd.coalesce(max)` without a shuffle: a `CoalescedRDD`, its groups decided by the first
/// job over it.
pub fn coalesce(rt: &mut Runtime, rdd: Rc<Rdd>, max: usize) -> Rc<Rdd> {
    rt.pending_coalesces += 1;
    Rdd::new(rt, RddKind::Coalesced(rdd, max, None), None)
}

/// `a.subtractByKey(b, partitioner)`: a `SubtractedRDD`, its parents read as a cogroup's are.
pub fn subtract_by_key(
    rt: &mut Runtime,
    a: Rc<Rdd>,
    b: Rc<Rdd>,
    partitioner: Partitioner,
) -> Rc<Rdd> {
    let deps = co_deps(vec![a, b], &partitioner);
    Rdd::new(rt, RddKind::Subtracted(deps), Some(partitioner))
}

fn co_deps(parents: Vec<Rc<Rdd>>, partitioner: &Partitioner) -> Vec<CoDep> {
    parents
        .into_iter()
        .map(|r| {
            if r.partitioner.as_ref() == Some(partitioner) {
                CoDep::OneToOne(r)
            } else {
                CoDep::Shuffle(ShuffleDep::new(r, partitioner.clone(), None, false))
            }
        })
        .collect()
}

/// `combineByKey(agg, partitioner, mapSideCombine)`: no shuffle when the RDD is already
/// partitioned by `partitioner` (then `mapPartitions(combineValuesByKey)`), else a shuffle.
pub fn combine_by_key(
    rt: &mut Runtime,
    rdd: &Rc<Rdd>,
    agg: Aggregator,
    partitioner: Partitioner,
    map_side_combine: bool,
) -> Rc<Rdd> {
    if rdd.partitioner.as_ref() == Some(&partitioner) {
        let op = Narrow::Native(Rc::new(move |rt: &mut Runtime, _p, recs| {
            combine_values_by_key(rt, &agg, recs)
        }));
        Rdd::new(rt, RddKind::Narrow(rdd.clone(), op), Some(partitioner))
    } else {
        let dep = ShuffleDep::new(
            rdd.clone(),
            partitioner.clone(),
            Some(agg),
            map_side_combine,
        );
        Rdd::new(rt, RddKind::Shuffled(dep), Some(partitioner))
    }
}

/// A `MapWithStateRDD` over `a` (the previous state) and `b` (the data): `f` gets one
/// record per partition, the array of both partitions.
pub fn zip_partitions(
    rt: &mut Runtime,
    a: Rc<Rdd>,
    b: Rc<Rdd>,
    f: PartFn,
    partitioner: Option<Partitioner>,
) -> Rc<Rdd> {
    Rdd::new(rt, RddKind::Zip(a, b, f), partitioner)
}

/// `partitionBy(partitioner)`: a shuffle without an aggregator (unless already partitioned).
pub fn partition_by(rt: &mut Runtime, rdd: &Rc<Rdd>, partitioner: Partitioner) -> Rc<Rdd> {
    if rdd.partitioner.as_ref() == Some(&partitioner) {
        return rdd.clone();
    }
    let dep = ShuffleDep::new(rdd.clone(), partitioner.clone(), None, false);
    Rdd::new(rt, RddKind::Shuffled(dep), Some(partitioner))
}

/// `sc.union(rdds)`: empty RDDs are dropped; if all the rest share one partitioner the result
/// is a `PartitionerAwareUnionRDD` (and keeps it), else a `UnionRDD`.
pub fn union(rt: &mut Runtime, rdds: Vec<Rc<Rdd>>) -> Rc<Rdd> {
    let non_empty: Vec<Rc<Rdd>> = rdds
        .into_iter()
        .filter(|r| r.num_partitions() > 0)
        .collect();
    let first = non_empty.first().and_then(|r| r.partitioner.clone());
    if first.is_some() && non_empty.iter().all(|r| r.partitioner == first) {
        Rdd::new(rt, RddKind::PartitionerAwareUnion(non_empty), first)
    } else {
        Rdd::new(rt, RddKind::union(non_empty), None)
    }
}

/// `rdd1.union(rdd2)` (the RDD method): a `UnionRDD`, or partitioner-aware when both share one.
pub fn union_two(rt: &mut Runtime, a: Rc<Rdd>, b: Rc<Rdd>) -> Rc<Rdd> {
    if a.partitioner.is_some() && a.partitioner == b.partitioner {
        let p = a.partitioner.clone();
        Rdd::new(rt, RddKind::PartitionerAwareUnion(vec![a, b]), p)
    } else {
        Rdd::new(rt, RddKind::union(vec![a, b]), None)
    }
}

struct MapIter {
    input: Box<dyn PartIter>,
    f: Func,
    role: &'static str,
    mode: u8,
    pending: std::collections::VecDeque<Value>,
}

impl PartIter for MapIter {
    fn next(&mut self, rt: &mut Runtime) -> Result<Option<Value>, Exn> {
        loop {
            if let Some(v) = self.pending.pop_front() {
                return Ok(Some(v));
            }
            let Some(rec) = self.input.next(rt)? else {
                return Ok(None);
            };
            match self.mode {
                0 => return rt.call_user(self.role, None, &self.f, &[rec]).map(Some),
                1 => {
                    let out = rt.call_user(self.role, None, &self.f, std::slice::from_ref(&rec))?;
                    self.pending
                        .extend(crate::scala::interp::into_items(rt, out)?);
                }
                2 => {
                    let keep =
                        rt.call_user(self.role, None, &self.f, std::slice::from_ref(&rec))?;
                    match keep {
                        Value::Bool(true) => return Ok(Some(rec)),
                        Value::Bool(false) => {}
                        other => {
                            return Err(Exn::new(
                                "java.lang.ClassCastException",
                                format!(
                                    "{} cannot be cast to java.lang.Boolean",
                                    other.type_name()
                                ),
                            ))
                        }
                    }
                }
                3 => {
                    let (k, v) = split_pair("mapValues", &rec)?;
                    let nv = rt.call_user("mapValuesFunc", Some(&k), &self.f, &[v])?;
                    return Ok(Some(Value::pair(k, nv)));
                }
                _ => {
                    let (k, v) = split_pair("flatMapValues", &rec)?;
                    let out = rt.call_user("flatMapValuesFunc", Some(&k), &self.f, &[v])?;
                    for nv in crate::scala::interp::into_items(rt, out)? {
                        self.pending.push_back(Value::pair(k.clone(), nv));
                    }
                }
            }
        }
    }
}

fn narrow_iter(
    rt: &mut Runtime,
    p: usize,
    input: Box<dyn PartIter>,
    op: Narrow,
) -> Result<Box<dyn PartIter>, Exn> {
    fn mk(input: Box<dyn PartIter>, f: Func, role: &'static str, mode: u8) -> Box<dyn PartIter> {
        Box::new(MapIter {
            input,
            f,
            role,
            mode,
            pending: Default::default(),
        })
    }
    Ok(match op {
        Narrow::Map(f, role) => mk(input, f, role, 0),
        Narrow::FlatMap(f, role) => mk(input, f, role, 1),
        Narrow::Filter(f, role) => mk(input, f, role, 2),
        Narrow::MapValues(f) => mk(input, f, "mapValuesFunc", 3),
        Narrow::FlatMapValues(f) => mk(input, f, "flatMapValuesFunc", 4),
        Narrow::MapPartitions(f) => {
            let it = crate::scala::interp::IterObj::wrap(input);
            let out = rt.call_user("mapPartitionsFunc", Some(&Value::Int(p as i32)), &f, &[it])?;
            crate::scala::interp::into_part_iter(rt, out)?
        }
        Narrow::MapPartitionsWithIndex(f) => {
            let it = crate::scala::interp::IterObj::wrap(input);
            let index = Value::Int(p as i32);
            let out = rt.call_user("mapPartitionsFunc", Some(&index), &f, &[index.clone(), it])?;
            crate::scala::interp::into_part_iter(rt, out)?
        }
        Narrow::Glom => {
            let mut input = input;
            let items = drain(rt, input.as_mut())?;
            VecIter::new(Rc::new(vec![Value::Seq(SeqKind::Array, Rc::new(items))]))
        }
        Narrow::Native(f) => {
            let mut input = input;
            let items = drain(rt, input.as_mut())?;
            VecIter::new(Rc::new(f(rt, p, items)?))
        }
        Narrow::CoGroupHeads(f) => {
            // Over anything but a plain cogroup: read the records' buffers.
            let mut input = input;
            let items = drain(rt, input.as_mut())?;
            let width = items
                .first()
                .and_then(|r| r.as_pair())
                .and_then(|(_, g)| g.as_seq())
                .map_or(0, <[Value]>::len);
            let mut heads = CoHeads {
                keys: Vec::with_capacity(items.len()),
                heads: Vec::with_capacity(items.len() * width),
                width,
            };
            for (row, rec) in items.iter().enumerate() {
                let (k, groups) = rec.as_pair().unwrap_or((&Value::Null, &Value::Null));
                let groups = groups.as_seq().unwrap_or_default();
                if groups.len() != width {
                    return Err(Exn::new(
                        "java.lang.Exception",
                        "Unexpected number of sequences of reduced values",
                    ));
                }
                heads.keys.push((k.clone(), row));
                heads.heads.extend(groups.iter().map(|g| {
                    g.as_seq()
                        .and_then(|s| s.first())
                        .map(|v| Value::pair(k.clone(), v.clone()))
                }));
            }
            VecIter::new(Rc::new(f(rt, p, heads)?))
        }
    })
}

/// Run a job over `partitions` of `rdd`: each partition in a task, `consume` taking its
/// iterator. Counts the job, then checkpoints what the job marked (Spark's `runJob`).
pub fn run_job<T>(
    rt: &mut Runtime,
    rdd: &Rc<Rdd>,
    partitions: &[usize],
    mut consume: impl FnMut(&mut Runtime, &mut dyn PartIter) -> Result<T, Exn>,
) -> Result<Vec<T>, Exn> {
    rt.cur.jobs += 1;
    rdd.resolve_coalesces(rt);
    let stage = start_job(rt, rdd);
    let saved = rt.scope;
    let mut out = Vec::with_capacity(partitions.len());
    // The map stages the job's partitions need run first, each task with its own id; then
    // this stage's tasks.
    for &p in partitions {
        rdd.prepare_shuffles(rt, p)?;
    }
    let tids = stage_task_ids(rt, rdd, partitions.iter().copied());
    for (index, (&p, &tid)) in partitions.iter().zip(&tids).enumerate() {
        rt.start_task(tid);
        rt.scope = Scope::Task {
            partition: p as u32,
            stage,
        };
        crate::scala::interp::new_task(rt);
        let r = rdd.iter(rt, p).and_then(|mut it| consume(rt, it.as_mut()));
        rt.scope = saved;
        out.push(r.map_err(|e| task_failure(e, index, stage, tid))?);
    }
    let mut done = Vec::new();
    rdd.do_checkpoint(rt, &mut done)?;
    rt.cur.checkpointed.extend(done);
    Ok(out)
}

/// Where a task prefers to run, in the order local mode launches them. The one executor
/// (`driver`) runs on the host's name while block managers, and so the map output tracker,
/// name its address: a cached partition or a receiver's block (an executor location) matches
/// at `PROCESS_LOCAL`; a task without a preference goes at `NO_PREF`; a shuffle's reduce
/// partition, whose host never matches, waits for `ANY` (`TaskSetManager`'s pending lists;
/// oracle fixture `task_launch_order`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Locality {
    Executor,
    NoPref,
    Host,
}

/// The task ids of a stage over `partitions` of `rdd`: the scheduler launches the tasks by
/// locality level, each level's in partition order, and a task's id is its place in that.
fn stage_task_ids(
    rt: &mut Runtime,
    rdd: &Rc<Rdd>,
    partitions: impl Iterator<Item = usize>,
) -> Vec<u32> {
    let job = rt.job_seq;
    let partitions: Vec<usize> = partitions.collect();
    if partitions.len() < 2 {
        // One task: no order to find.
        return rt.stage_task_ids(&vec![0; partitions.len()]);
    }
    let levels: Vec<Locality> = partitions.iter().map(|&p| rdd.location(p, job)).collect();
    let mut order: Vec<usize> = (0..levels.len()).collect();
    order.sort_by_key(|&i| levels[i]);
    let mut launch = vec![0u32; levels.len()];
    for (k, &i) in order.iter().enumerate() {
        launch[i] = k as u32;
    }
    rt.stage_task_ids(&launch)
}

/// A task's exception as the job failure Spark reports: `SparkException: Job aborted due to
/// stage failure: ...` with the original as its cause.
fn task_failure(e: Exn, task: usize, stage: u32, tid: u32) -> Exn {
    // `DAGScheduler.abortStage`: a `SparkThrowable` with a user-facing error condition
    // reaches the driver as it is, not wrapped in "Job aborted".
    let has_condition = e.message == ZIP_SIZES || e.message == LACKS_SPARK_CONTEXT;
    if e.class == "org.apache.spark.SparkException"
        && (e.message.starts_with("Job aborted") || has_condition)
        || e.class.starts_with("dstream.")
    {
        return e;
    }
    if e.class == "java.io.NotSerializableException" {
        // `TaskSetManager.handleFailedTask`: no retry, the job aborts at once.
        return Exn::from(ExnInfo {
            class: "org.apache.spark.SparkException".into(),
            message: format!(
                "Job aborted due to stage failure: task {task}.0 in stage {stage}.0 (TID {tid}) had a not serializable result: {}",
                e.message
            ),
            // The whole text, serialization stack included (the message keeps its first line).
            causes: vec![e.describe()],
            span: e.span,
        });
    }
    let msg = format!(
        "Job aborted due to stage failure: Task {task} in stage {stage}.0 failed 1 times, most recent failure: Lost task {task}.0 in stage {stage}.0 (TID {tid}) (localhost executor driver): {}",
        e.describe()
    );
    let mut causes = vec![e.describe()];
    let span = e.span;
    causes.extend(e.into_info().causes);
    Exn::from(ExnInfo {
        class: "org.apache.spark.SparkException".into(),
        message: msg,
        causes,
        span,
    })
}

/// `rdd.collect()`.
pub fn collect(rt: &mut Runtime, rdd: &Rc<Rdd>) -> Result<Vec<Value>, Exn> {
    let parts: Vec<usize> = (0..rdd.num_partitions()).collect();
    Ok(run_job(rt, rdd, &parts, |rt, it| {
        serializable_result(drain(rt, it)?)
    })?
    .into_iter()
    .flatten()
    .collect())
}

/// A task's result goes back to the driver Java-serialized: a `ConsumerRecord` in it fails.
fn serializable_result(values: Vec<Value>) -> Result<Vec<Value>, Exn> {
    match crate::ops::direct_kafka_input::result_not_serializable(&values) {
        Some(e) => Err(e),
        None => Ok(values),
    }
}

/// `rdd.count()`.
pub fn count(rt: &mut Runtime, rdd: &Rc<Rdd>) -> Result<i64, Exn> {
    let parts: Vec<usize> = (0..rdd.num_partitions()).collect();
    let counts = run_job(rt, rdd, &parts, |rt, it| {
        let mut n = 0i64;
        while it.next(rt)?.is_some() {
            n += 1;
        }
        Ok(n)
    })?;
    Ok(counts.into_iter().sum())
}

/// `rdd.foreach(f)`.
pub fn foreach(rt: &mut Runtime, rdd: &Rc<Rdd>, f: &Func) -> Result<(), Exn> {
    let parts: Vec<usize> = (0..rdd.num_partitions()).collect();
    run_job(rt, rdd, &parts, |rt, it| {
        while let Some(v) = it.next(rt)? {
            rt.call_user("foreachFunc", None, f, &[v])?;
        }
        Ok(())
    })?;
    Ok(())
}

/// `rdd.take(num)`, as Spark scans: partition 0 first, then up to 4× more partitions per
/// round, each round a job, each partition yielding only what is still needed.
pub fn take(rt: &mut Runtime, rdd: &Rc<Rdd>, num: usize) -> Result<Vec<Value>, Exn> {
    let mut buf: Vec<Value> = Vec::new();
    if num == 0 {
        return Ok(buf);
    }
    let total = rdd.num_partitions();
    let mut scanned = 0usize;
    const SCALE_UP: usize = 4;
    while buf.len() < num && scanned < total {
        let left = num - buf.len();
        let mut try_parts = 1usize;
        if scanned > 0 {
            if buf.is_empty() {
                try_parts = scanned * SCALE_UP;
            } else {
                try_parts =
                    ((1.5 * left as f64 * scanned as f64) / buf.len() as f64).ceil() as usize;
                try_parts = try_parts.min(scanned * SCALE_UP);
            }
        }
        let parts: Vec<usize> = (scanned..(scanned + try_parts).min(total)).collect();
        let res = run_job(rt, rdd, &parts, |rt, it| {
            let mut got = Vec::new();
            while got.len() < left {
                match it.next(rt)? {
                    Some(v) => got.push(v),
                    None => break,
                }
            }
            serializable_result(got)
        })?;
        for part in res {
            for v in part {
                if buf.len() < num {
                    buf.push(v);
                }
            }
        }
        scanned += parts.len();
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::union_slot;

    #[test]
    fn a_union_finds_each_partition_in_its_parent_empty_parents_skipped() {
        // Parents of 2, 0, 3 and 1 partitions.
        let ends = [2, 2, 5, 6];
        let found: Vec<_> = (0..7).map(|p| union_slot(&ends, p)).collect();
        assert_eq!(
            found,
            [
                Some((0, 0)),
                Some((0, 1)),
                Some((2, 0)),
                Some((2, 1)),
                Some((2, 2)),
                Some((3, 0)),
                None
            ]
        );
        assert_eq!(union_slot(&[], 0), None);
    }
}
