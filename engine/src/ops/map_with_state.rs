//! `mapWithState`: `InternalMapWithStateDStream` (the state, one record per partition) and
//! `MapWithStateDStreamImpl` (the mapped data; `stateSnapshots()` the whole state).
//!
//! The mapping function runs **once per record**, not per key: two records of a key in a batch
//! give two calls, the second seeing the first's update. Keys without data are not called,
//! except when they time out, and timeouts are only looked for in "full scan" batches, the
//! ones whose state RDD is checkpointed (every 10 batches by default).

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashSet;

use crate::exec::{Exn, Runtime};
use crate::graph::{get_or_compute, NodeId, NodeKind, StateSpecData};
use crate::hash::SparkMap;
use crate::rdd::{partition_by, Narrow, Partitioner, Rdd};
use crate::scala::interp::time_value;
use crate::time::Time;
use crate::value::{Object, Value};

/// One `OpenHashMap` of an `OpenHashMapBasedStateMap`: key → (state, update time), or `None`
/// for a key removed at this level.
type Delta = SparkMap<Value, Option<(Value, i64)>>;

/// Spark's `DELTA_CHAIN_LENGTH_THRESHOLD`: a state map serialized (checkpointed) with at least
/// this many ancestors is compacted.
const DELTA_CHAIN_THRESHOLD: usize = 20;

/// The state of a partition as Spark's `OpenHashMapBasedStateMap` keeps it: each batch's
/// changes in a map of their own (`copy()` starts one over the previous batch's), oldest
/// first. Its order is Spark's `getAll()`: the keys of each level not changed since, level by
/// level, each level in its hash map's slot order; `stateSnapshots()` and timeouts follow it.
#[derive(Clone)]
pub struct StateMap {
    chain: Vec<Rc<Delta>>,
}

impl Default for StateMap {
    fn default() -> Self {
        StateMap {
            chain: vec![Rc::new(Delta::new())],
        }
    }
}

impl StateMap {
    fn get(&self, k: &Value) -> Option<&Value> {
        let (h, null) = (k.hash_code(), matches!(k, Value::Null));
        self.chain
            .iter()
            .rev()
            .find_map(|d| d.get(h, null, k))
            .and_then(|e| e.as_ref().map(|(s, _)| s))
    }

    fn entry(&mut self, k: Value) -> &mut Option<(Value, i64)> {
        let (h, null) = (k.hash_code(), matches!(k, Value::Null));
        let top = self.chain.last_mut().expect("a level");
        Rc::make_mut(top).slot(h, null, k, || None).0
    }

    fn put(&mut self, k: Value, s: Value, time: i64) {
        *self.entry(k) = Some((s, time));
    }

    fn remove(&mut self, k: &Value) {
        *self.entry(k.clone()) = None;
    }

    /// Every `(key, state, update time)`, in Spark's `getAll()` order.
    pub fn all(&self) -> Vec<(Value, Value, i64)> {
        let mut seen: FxHashSet<&Value> = FxHashSet::default();
        let mut levels = Vec::with_capacity(self.chain.len());
        for d in self.chain.iter().rev() {
            let level: Vec<(Value, Value, i64)> = d
                .iter_ordered()
                .filter(|(k, _)| !seen.contains(k))
                .filter_map(|(k, e)| e.as_ref().map(|(s, t)| (k.clone(), s.clone(), *t)))
                .collect();
            seen.extend(d.iter_ordered().map(|(k, _)| k));
            levels.push(level);
        }
        levels.into_iter().rev().flatten().collect()
    }

    /// `copy()`: a new level over this map.
    fn copy(&self) -> StateMap {
        let mut chain = self.chain.clone();
        chain.push(Rc::new(Delta::new()));
        StateMap { chain }
    }

    /// `approxSize`: every level's entries, removed ones and repeats included.
    fn approx_size(&self) -> usize {
        self.chain.iter().map(|d| d.len()).sum()
    }

    /// The copy `readObject` makes of what `writeObject` wrote (Spark 4.3's
    /// `OpenHashMapBasedStateMap`): the newest level's entries, removed ones included, in a
    /// map sized for them (64 slots when there are none); below it every live entry of the
    /// older levels, in their `getAll()` order, in a map of `max(approxSize, 64)` slots. What
    /// a read of a state record cached serialized gives (`MEMORY_ONLY_SER`).
    fn reread(&self) -> StateMap {
        let Some((top, below)) = self.chain.split_last() else {
            return StateMap::default();
        };
        let mut delta = match top.len() {
            0 => Delta::new(),
            n => Delta::with_capacity(n),
        };
        for (k, e) in top.iter_ordered() {
            let (h, null) = (k.hash_code(), matches!(k, Value::Null));
            *delta.slot(h, null, k.clone(), || None).0 = e.clone();
        }
        let older = StateMap {
            chain: below.to_vec(),
        };
        let parent = filled(older.all(), self.approx_size().max(64));
        StateMap {
            chain: vec![Rc::new(parent), Rc::new(delta)],
        }
    }

    /// The map as `writeObject` leaves it when a checkpoint serializes it: with
    /// `DELTA_CHAIN_THRESHOLD` or more ancestors, they are compacted into one map of
    /// `approxSize` slots filled in their `getAll()` order; `None` when it is left as it is.
    fn written(&self) -> Option<StateMap> {
        let ancestors = self.chain.len() - 1;
        if ancestors < DELTA_CHAIN_THRESHOLD {
            return None;
        }
        let approx = self.approx_size();
        let mut chain = self.chain.clone();
        let top = chain.pop().expect("a level");
        let compacted = filled((StateMap { chain }).all(), approx);
        Some(StateMap {
            chain: vec![Rc::new(compacted), top],
        })
    }
}

/// A map of `capacity` slots (64 for none) holding `entries` put in their order.
fn filled(entries: Vec<(Value, Value, i64)>, capacity: usize) -> Delta {
    let mut map = match capacity {
        0 => Delta::new(),
        n => Delta::with_capacity(n),
    };
    for (k, s, t) in entries {
        let (h, null) = (k.hash_code(), matches!(k, Value::Null));
        *map.slot(h, null, k, || None).0 = Some((s, t));
    }
    map
}

/// `MapWithStateRDDRecord`: a partition's state and the data mapped in this batch.
pub struct StateRecord {
    /// The state after the batch.
    pub map: StateMap,
    /// What the mapping function returned, in call order.
    pub mapped: Vec<Value>,
}

impl Object for StateRecord {
    fn class_name(&self) -> String {
        "MapWithStateRDDRecord".into()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn after_checkpoint_write(&self) -> Option<Value> {
        let map = self.map.written()?;
        Some(Value::Obj(Rc::new(StateRecord {
            map,
            mapped: self.mapped.clone(),
        })))
    }
}

/// `StateImpl`: what the mapping function sees as `State[S]`.
#[derive(Default)]
pub struct StateObj {
    /// The mutable part.
    pub inner: RefCell<StateInner>,
}

/// The fields of `StateImpl`.
#[derive(Default)]
pub struct StateInner {
    /// The value, if defined.
    pub value: Option<Value>,
    /// `update` was called.
    pub updated: bool,
    /// `remove` was called.
    pub removed: bool,
    /// This is the final call for a key that timed out.
    pub timing_out: bool,
}

impl Object for StateObj {
    fn class_name(&self) -> String {
        "State".into()
    }
    fn to_string_scala(&self) -> String {
        match &self.inner.borrow().value {
            Some(v) => v.to_string(),
            None => "<state not set>".into(),
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl StateObj {
    /// `state.exists()`.
    pub fn exists(&self) -> bool {
        self.inner.borrow().value.is_some()
    }
    /// `state.get()`.
    pub fn get(&self) -> Result<Value, Exn> {
        self.inner
            .borrow()
            .value
            .clone()
            .ok_or_else(|| Exn::new("java.util.NoSuchElementException", "State is not set"))
    }
    /// `state.update(v)`.
    pub fn update(&self, v: Value) -> Result<(), Exn> {
        let mut s = self.inner.borrow_mut();
        if s.removed {
            return Err(Exn::require(
                "Cannot update the state after it has been removed",
            ));
        }
        if s.timing_out {
            return Err(Exn::require("Cannot update the state that is timing out"));
        }
        s.value = Some(v);
        s.updated = true;
        Ok(())
    }
    /// `state.remove()`.
    pub fn remove(&self) -> Result<(), Exn> {
        let mut s = self.inner.borrow_mut();
        if s.timing_out {
            return Err(Exn::require("Cannot remove the state that is timing out"));
        }
        if s.removed {
            return Err(Exn::require(
                "Cannot remove the state that has already been removed",
            ));
        }
        s.removed = true;
        s.value = None;
        Ok(())
    }
}

/// `parent.mapWithState(spec)`: returns (internal state stream, public mapped stream).
pub fn new(rt: &mut Runtime, parent: NodeId, spec: StateSpecData) -> (NodeId, NodeId) {
    let slide = rt.graph.nodes[parent].slide;
    let parts = spec
        .partitions
        .unwrap_or_else(|| rt.conf.default_parallelism());
    let internal = rt.graph.add(
        "InternalMapWithStateDStream",
        "mapWithState",
        vec![parent],
        slide,
        NodeKind::MapWithStateInternal(Rc::new(spec), Partitioner::hash(parts)),
    );
    let n = &mut rt.graph.nodes[internal];
    n.persist = true;
    n.must_checkpoint = true;
    let public = rt.graph.add(
        "MapWithStateDStreamImpl",
        "mapWithState",
        vec![internal],
        slide,
        NodeKind::MapWithStateOut(false),
    );
    (internal, public)
}

/// `stateSnapshots()` of the stream whose internal state stream is `internal`.
pub fn snapshots(rt: &mut Runtime, internal: NodeId) -> NodeId {
    let slide = rt.graph.nodes[internal].slide;
    rt.graph.add(
        "FlatMappedDStream",
        "stateSnapshots",
        vec![internal],
        slide,
        NodeKind::MapWithStateOut(true),
    )
}

/// The state RDD at `t`.
pub fn compute_internal(
    rt: &mut Runtime,
    id: NodeId,
    parent: NodeId,
    spec: Rc<StateSpecData>,
    partitioner: Partitioner,
    t: Time,
) -> Result<Option<Rc<Rdd>>, Exn> {
    let slide = rt.graph.nodes[id].slide;
    crate::graph::previous_is_later(rt, id, t)?;
    let computed = get_or_compute(rt, id, t - slide)?;
    let prev_cached = computed.is_some();
    let prev = match computed {
        Some(r) => r,
        None => {
            // createFromPairRDD: the initial state (or nothing), stamped with this batch's
            // time, then a MapWithStateRDD of it over an empty data RDD and a no-op function.
            let init = spec.initial.clone().unwrap_or_else(|| Rdd::empty(rt));
            let parted = partition_by(rt, &init, partitioner.clone());
            let stamp = t.0;
            let state = parted.narrow(
                rt,
                Narrow::Native(Rc::new(move |_rt: &mut Runtime, _p, recs: Vec<Value>| {
                    let mut map = StateMap::default();
                    for r in recs {
                        if let Some((k, s)) = r.as_pair() {
                            map.put(k.clone(), s.clone(), stamp);
                        }
                    }
                    Ok(vec![Value::Obj(Rc::new(StateRecord {
                        map,
                        mapped: Vec::new(),
                    }))])
                })),
            );
            let empty = Rdd::empty(rt);
            let empty = partition_by(rt, &empty, partitioner.clone());
            let no_op = Rc::new(|_rt: &mut Runtime, _p, recs: Vec<Value>| {
                let (prev, _) = halves(&recs);
                Ok(vec![Value::Obj(Rc::new(StateRecord {
                    map: prev.map(|r| r.map.copy()).unwrap_or_default(),
                    mapped: Vec::new(),
                }))])
            });
            crate::rdd::zip_partitions(rt, state, empty, no_op, Some(partitioner.clone()))
        }
    };
    let data = match get_or_compute(rt, parent, t)? {
        Some(r) => r,
        None => Rdd::empty(rt),
    };
    let data = partition_by(rt, &data, partitioner.clone());
    // The previous batch's record read from a cache that holds it serialized is a copy
    // deserialized (the first batch's, made by `createFromPairRDD`, is not cached).
    let reread = rt.graph.nodes[id].serialized && prev_cached;
    let full_scan = {
        let zero = rt.graph.zero.0;
        rt.graph.nodes[id]
            .checkpoint
            .is_some_and(|c| c.0 > 0 && (t.0 - zero) % c.0 == 0)
    };
    let threshold = spec.timeout.map(|d| t.0 - d.0);
    let func = spec.func.clone();
    // MapWithStateRDD: partition p reads the previous state's partition p beside the data's.
    let op = Rc::new(move |rt: &mut Runtime, _p, recs: Vec<Value>| {
        let (prev_rec, data) = halves(&recs);
        let mut map = match prev_rec {
            Some(r) if reread => r.map.reread().copy(),
            Some(r) => r.map.copy(),
            None => StateMap::default(),
        };
        let mut mapped = Vec::new();
        let state = Rc::new(StateObj::default());
        let state_val = Value::Obj(state.clone());
        for rec in data {
            let Some((k, v)) = rec.as_pair() else {
                continue;
            };
            *state.inner.borrow_mut() = StateInner {
                value: map.get(k).cloned(),
                ..StateInner::default()
            };
            let ret = call_mapping(rt, &func, t, k, Value::option(Some(v.clone())), &state_val)?;
            let s = state.inner.borrow();
            if s.removed {
                map.remove(k);
            } else if s.updated || (s.value.is_some() && threshold.is_some()) {
                if let Some(v) = &s.value {
                    map.put(k.clone(), v.clone(), t.0);
                }
            }
            drop(s);
            mapped.extend(ret);
        }
        if let (true, Some(th)) = (full_scan, threshold) {
            let timed_out: Vec<(Value, Value)> = map
                .all()
                .into_iter()
                .filter(|(_, _, ut)| *ut < th)
                .map(|(k, s, _)| (k, s))
                .collect();
            for (k, s) in timed_out {
                *state.inner.borrow_mut() = StateInner {
                    value: Some(s),
                    timing_out: true,
                    ..StateInner::default()
                };
                let ret = call_mapping(rt, &func, t, &k, Value::None, &state_val)?;
                mapped.extend(ret);
                map.remove(&k);
            }
        }
        Ok(vec![Value::Obj(Rc::new(StateRecord { map, mapped }))])
    });
    Ok(Some(crate::rdd::zip_partitions(
        rt,
        prev,
        data,
        op,
        Some(partitioner),
    )))
}

/// A MapWithStateRDD partition's input: the previous state's record (if any) and the data.
fn halves(recs: &[Value]) -> (Option<&StateRecord>, &[Value]) {
    match recs.first() {
        Some(Value::Seq(_, pair)) if pair.len() == 2 => (
            pair[0]
                .as_seq()
                .and_then(|s| s.first())
                .and_then(|r| r.obj::<StateRecord>()),
            pair[1].as_seq().unwrap_or(&[]),
        ),
        _ => (None, &[]),
    }
}

fn call_mapping(
    rt: &mut Runtime,
    f: &crate::exec::Func,
    t: Time,
    k: &Value,
    v: Value,
    state: &Value,
) -> Result<Option<Value>, Exn> {
    if f.arity() == Some(4) {
        match rt.call_user(
            "mappingFunc",
            Some(k),
            f,
            &[time_value(t), k.clone(), v, state.clone()],
        )? {
            Value::Some(e) => Ok(Some((*e).clone())),
            Value::None => Ok(None),
            other => Ok(Some(other)),
        }
    } else {
        rt.call_user("mappingFunc", Some(k), f, &[k.clone(), v, state.clone()])
            .map(Some)
    }
}

/// The mapped data (or the snapshots) of the state RDD at `t`.
pub fn compute_out(
    rt: &mut Runtime,
    internal: NodeId,
    snapshots: bool,
    t: Time,
) -> Result<Option<Rc<Rdd>>, Exn> {
    let Some(state) = get_or_compute(rt, internal, t)? else {
        return Ok(None);
    };
    let serialized = rt.graph.nodes[internal].serialized;
    let op = Narrow::Native(Rc::new(move |_rt: &mut Runtime, _p, recs: Vec<Value>| {
        let mut out = Vec::new();
        for r in recs {
            if let Some(rec) = r.obj::<StateRecord>() {
                if snapshots {
                    let all = match serialized {
                        true => rec.map.reread().all(),
                        false => rec.map.all(),
                    };
                    out.extend(all.into_iter().map(|(k, s, _)| Value::pair(k, s)));
                } else {
                    out.extend(rec.mapped.iter().cloned());
                }
            }
        }
        Ok(out)
    }));
    let out = state.narrow_with(rt, op, None);
    Ok(Some(out))
}

/// The state of every partition of the state RDD at `t`, as `(key, state)` strings, for the
/// trace (only partitions already computed are read; nothing is computed for this).
pub fn describe_state(rdd: &Rdd) -> Vec<(Rc<str>, String)> {
    crate::scala::user_class::quietly(|| state_texts(rdd))
}

/// [`describe_state`]'s texts.
fn state_texts(rdd: &Rdd) -> Vec<(Rc<str>, String)> {
    let parts = rdd.cached_partitions();
    let mut out = Vec::with_capacity(parts.iter().flatten().map(|p| p.len()).sum());
    for part in parts.into_iter().flatten() {
        for r in part.iter() {
            if let Some(rec) = r.obj::<StateRecord>() {
                out.extend(
                    rec.map
                        .all()
                        .iter()
                        .map(|(k, s, _)| (k.text_rc(), s.to_text())),
                );
            } else if let Some((k, v)) = r.as_pair() {
                out.push((k.text_rc(), v.to_text()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(entries: &[(Value, Value, i64)]) -> Vec<String> {
        entries.iter().map(|(k, _, _)| k.to_text()).collect()
    }

    #[test]
    fn a_record_read_back_serialized_reorders_its_newest_level() {
        // Partition 1 of Spark 4.3.0's run (`mws_checkpoint_interval_long_snapshots`): `c`
        // from an older batch, `hi` then `spark` new. In memory the newest level is a map of
        // 64 slots (`spark` before `hi`); read back from a serialized cache it is a map sized
        // for two, grown to four (`hi` first), over the older entries.
        let mut older = StateMap::default();
        older.put(Value::str("c"), Value::Int(1), 1000);
        let mut map = older.copy().copy();
        map.put(Value::str("hi"), Value::Int(1), 3000);
        map.put(Value::str("spark"), Value::Int(1), 3000);
        assert_eq!(keys(&map.all()), ["c", "spark", "hi"]);
        let read = map.reread();
        assert_eq!(read.chain.len(), 2);
        assert_eq!(keys(&read.all()), ["c", "hi", "spark"]);
        // The older entries sit in one map of at least 64 slots, in its slot order: read
        // again with nothing new, `spark` (slot 7) precedes `hi` (17) and `c` (62).
        assert_eq!(keys(&read.copy().reread().all()), ["spark", "hi", "c"]);
    }
}
