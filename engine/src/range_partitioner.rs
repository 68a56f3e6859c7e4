//! Spark's `RangePartitioner` and `OrderedRDDFunctions.sortByKey`, as Spark 4.3 runs them.
//!
//! `sortByKey(ascending, n)` is a shuffle into a `RangePartitioner`, whose reduce side sorts
//! each partition by key (stably, Spark's `TimSort`). Building the partitioner runs a job of
//! its own, at once: with `n > 1` it samples the keys (`sketch`: per partition a reservoir
//! sample of `ceil(3 · 20n / partitions)` keys and the count, seeded from the partition and the
//! RDD's id), re-samples partitions with far more than their share (`sample`, Bernoulli), and
//! picks `n - 1` bounds from the weighted, sorted candidates (`determineBounds`); duplicate
//! bounds are skipped, so the result can have fewer partitions than asked. That job computes
//! the whole lineage above, so a `sortBy`'s key function runs twice per record: once there,
//! once in the shuffle. Inside `transform` it runs when the batch's RDDs are generated, before
//! the batch's output jobs.

use std::cmp::Ordering;
use std::rc::Rc;

use crate::exec::{Exn, Runtime};
use crate::hash::{JavaRandom, XorShiftRandom};
use crate::ordering;
use crate::rdd::{self, Narrow, Partitioner, Rdd, RddKind, Rule, ShuffleDep};
use crate::value::Value;

/// A `RangePartitioner`'s upper bounds of its first partitions and its direction.
pub struct RangeBounds {
    /// `rangeBounds`: `numPartitions - 1` keys, ascending.
    pub bounds: Vec<Value>,
    /// `ascending`: partition 0 holds the smallest keys (else the largest).
    pub ascending: bool,
}

impl RangeBounds {
    /// `getPartition(key)`: past every bound the key is greater than (a linear scan up to 128
    /// bounds, else `java.util.Arrays.binarySearch`), counted from the end when descending.
    pub fn partition(&self, key: &Value) -> Result<usize, Exn> {
        let n = self.bounds.len();
        let mut p = 0;
        if n <= 128 {
            while p < n && ordering::compare(key, &self.bounds[p])? == Ordering::Greater {
                p += 1;
            }
        } else {
            let (mut low, mut high) = (0isize, n as isize - 1);
            p = loop {
                if low > high {
                    break low as usize;
                }
                let mid = ((low + high) as usize) >> 1;
                match ordering::compare(&self.bounds[mid], key)? {
                    Ordering::Less => low = mid as isize + 1,
                    Ordering::Greater => high = mid as isize - 1,
                    Ordering::Equal => break mid,
                }
            };
        }
        Ok(if self.ascending { p } else { n - p })
    }
}

/// `equals`: the same bounds (`sameElements`) and direction.
impl PartialEq for RangeBounds {
    fn eq(&self, other: &RangeBounds) -> bool {
        self.ascending == other.ascending && self.bounds == other.bounds
    }
}

impl std::fmt::Debug for RangeBounds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let bounds: Vec<String> = self.bounds.iter().map(|b| b.to_string()).collect();
        write!(
            f,
            "RangeBounds({}, ascending {})",
            bounds.join(", "),
            self.ascending
        )
    }
}

/// `rdd.sortByKey(ascending, partitions)`: a `ShuffledRDD` into a new `RangePartitioner`,
/// sorted by key on the reduce side. Builds the partitioner first (its sampling job runs now).
pub fn sort_by_key(
    rt: &mut Runtime,
    rdd: &Rc<Rdd>,
    ascending: bool,
    partitions: usize,
) -> Result<Rc<Rdd>, Exn> {
    let bounds = range_bounds(rt, rdd, partitions)?;
    let partitioner = Partitioner(
        bounds.len() + 1,
        Some(Rc::new(Rule::Range(RangeBounds { bounds, ascending }))),
    );
    let dep = ShuffleDep::sorted(rdd.clone(), partitioner.clone(), ascending);
    Ok(Rdd::new(rt, RddKind::Shuffled(dep), Some(partitioner)))
}

/// `rdd.map(_._1)`: the keys of a pair RDD (a new RDD, as Spark's, with its own id).
fn keys_of(rt: &mut Runtime, rdd: &Rc<Rdd>) -> Rc<Rdd> {
    let op = Narrow::Native(Rc::new(|_rt: &mut Runtime, _p, recs: Vec<Value>| {
        recs.iter()
            .map(|r| rdd::split_pair("sortByKey", r).map(|(k, _)| k))
            .collect()
    }));
    rdd.narrow_with(rt, op, None)
}

/// The `rangeBounds` a `RangePartitioner(partitions, rdd)` computes.
fn range_bounds(rt: &mut Runtime, rdd: &Rc<Rdd>, partitions: usize) -> Result<Vec<Value>, Exn> {
    if partitions <= 1 {
        return Ok(Vec::new());
    }
    let sample_size = (20.0 * partitions as f64).min(1e6);
    let per_partition = (3.0 * sample_size / rdd.num_partitions() as f64).ceil() as usize;
    // sketch(rdd.map(_._1), per_partition): a mapPartitionsWithIndex over the keys, collected.
    let keys = keys_of(rt, rdd);
    let shift = keys.id as i32;
    let sketch = keys.narrow_with(
        rt,
        Narrow::Native(Rc::new(|_rt: &mut Runtime, _p, recs| Ok(recs))),
        None,
    );
    let parts: Vec<usize> = (0..sketch.num_partitions()).collect();
    let sketched = rdd::run_job(rt, &sketch, &parts, |rt, it| {
        let idx = rt.partition() as i32;
        let seed = byteswap32(idx ^ (shift << 16));
        let (sample, n) = reservoir_sample_and_count(rt, it, per_partition, i64::from(seed))?;
        Ok((idx as usize, n, sample))
    })?;
    let num_items: i64 = sketched.iter().map(|s| s.1).sum();
    if num_items == 0 {
        return Ok(Vec::new());
    }
    let fraction = (sample_size / num_items.max(1) as f64).min(1.0);
    let mut candidates: Vec<(Value, f32)> = Vec::new();
    let mut imbalanced: Vec<usize> = Vec::new();
    for (idx, n, sample) in sketched {
        if fraction * n as f64 > per_partition as f64 {
            imbalanced.push(idx);
        } else {
            let weight = (n as f64 / sample.len() as f64) as f32;
            candidates.extend(sample.into_iter().map(|k| (k, weight)));
        }
    }
    if !imbalanced.is_empty() {
        // new PartitionPruningRDD(rdd.map(_._1), imbalanced.contains)
        //   .sample(withReplacement = false, fraction, byteswap32(-rdd.id - 1)).collect()
        let keys = keys_of(rt, rdd);
        let pruned = Rdd::new(rt, RddKind::Pruned(keys, imbalanced.into()), None);
        let mut random = JavaRandom::new(i64::from(byteswap32(-(rdd.id as i32) - 1)));
        let seeds: Rc<[i64]> = (0..pruned.num_partitions())
            .map(|_| random.next_long())
            .collect();
        let sampled = pruned.narrow_with(
            rt,
            Narrow::Native(Rc::new(move |_rt: &mut Runtime, p, recs: Vec<Value>| {
                let mut sampler = BernoulliSampler::new(fraction, seeds[p]);
                Ok(recs.into_iter().filter(|_| sampler.sample()).collect())
            })),
            None,
        );
        let weight = (1.0 / fraction) as f32;
        candidates.extend(rdd::collect(rt, &sampled)?.into_iter().map(|k| (k, weight)));
    }
    // Spark 4.3 asks for no more partitions than candidates (oracle-checked: one key into
    // three partitions gives one partition, not two).
    let partitions = partitions.min(candidates.len());
    determine_bounds(candidates, partitions)
}

/// `SamplingUtils.reservoirSampleAndCount(input, k, seed)`: the first `k` items, then each
/// later `l`-th item replaces a random one with probability `k / l`; and how many there were.
fn reservoir_sample_and_count(
    rt: &mut Runtime,
    input: &mut dyn rdd::PartIter,
    k: usize,
    seed: i64,
) -> Result<(Vec<Value>, i64), Exn> {
    let mut reservoir = Vec::with_capacity(k.min(1024));
    while reservoir.len() < k {
        match input.next(rt)? {
            Some(item) => reservoir.push(item),
            None => {
                let n = reservoir.len() as i64;
                return Ok((reservoir, n));
            }
        }
    }
    let mut l = k as i64;
    let mut rand = XorShiftRandom::new(seed);
    while let Some(item) = input.next(rt)? {
        l += 1;
        let replacement = (rand.next_double() * l as f64) as i64;
        if replacement < k as i64 {
            reservoir[replacement as usize] = item;
        }
    }
    Ok((reservoir, l))
}

/// `RangePartitioner.determineBounds`: the candidates sorted by key, and a bound wherever
/// the running weight reaches the next `sum / partitions` step (a key equal to the previous
/// bound is skipped).
fn determine_bounds(
    mut candidates: Vec<(Value, f32)>,
    partitions: usize,
) -> Result<Vec<Value>, Exn> {
    ordering::sort_by_key(&mut candidates, true, |c| &c.0)?;
    let sum_weights: f64 = candidates.iter().map(|c| f64::from(c.1)).sum();
    let step = sum_weights / partitions as f64;
    let mut cum_weight = 0.0;
    let mut target = step;
    let mut bounds: Vec<Value> = Vec::new();
    for (key, weight) in candidates {
        if bounds.len() + 1 >= partitions {
            break;
        }
        cum_weight += f64::from(weight);
        if cum_weight >= target {
            let above = match bounds.last() {
                None => true,
                Some(prev) => ordering::compare(&key, prev)? == Ordering::Greater,
            };
            if above {
                bounds.push(key);
                target += step;
            }
        }
    }
    Ok(bounds)
}

/// `scala.util.hashing.byteswap32`.
fn byteswap32(v: i32) -> i32 {
    let hc = v.wrapping_mul(0x9e37_75cd_u32 as i32);
    hc.swap_bytes().wrapping_mul(0x9e37_75cd_u32 as i32)
}

/// `BernoulliSampler(fraction)` seeded with `setSeed(seed)`: below a fraction of 0.4 it skips
/// a geometric number of items between picks (`GapSampling`), else draws for each item.
pub(crate) struct BernoulliSampler {
    fraction: f64,
    rng: XorShiftRandom,
    /// `GapSampling`'s items left to drop, made on the first draw (a lazy val in Spark).
    gap: Option<i32>,
}

impl BernoulliSampler {
    pub(crate) fn new(fraction: f64, seed: i64) -> BernoulliSampler {
        BernoulliSampler {
            fraction,
            rng: XorShiftRandom::new(seed),
            gap: None,
        }
    }

    /// `sample() > 0`: whether the next item is taken.
    pub(crate) fn sample(&mut self) -> bool {
        if self.fraction <= 0.0 {
            false
        } else if self.fraction >= 1.0 {
            true
        } else if self.fraction <= 0.4 {
            let drop = match self.gap {
                Some(d) => d,
                None => self.advance(),
            };
            if drop > 0 {
                self.gap = Some(drop - 1);
                false
            } else {
                self.gap = Some(self.advance());
                true
            }
        } else {
            self.rng.next_double() <= self.fraction
        }
    }

    /// `GapSampling.advance`: `(log(max(u, 5e-11)) / log1p(-f)).toInt` items to drop.
    fn advance(&mut self) -> i32 {
        let u = self.rng.next_double().max(5e-11);
        (u.ln() / (-self.fraction).ln_1p()) as i32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weighted(keys: &[i32], w: f32) -> Vec<(Value, f32)> {
        keys.iter().map(|&k| (Value::Int(k), w)).collect()
    }

    fn ints(v: &[Value]) -> Vec<i32> {
        v.iter()
            .map(|x| if let Value::Int(i) = x { *i } else { panic!() })
            .collect()
    }

    #[test]
    fn bounds_split_the_weight_and_skip_duplicates() {
        // Four keys of weight 1 into 2: the step is 2, reached at the second key (Spark 4.3
        // bounds where the running weight reaches the step: `>=`, oracle-checked).
        assert_eq!(
            ints(&determine_bounds(weighted(&[4, 1, 3, 2], 1.0), 2).unwrap()),
            [2]
        );
        // A key equal to the last bound is no bound: fewer partitions than asked.
        assert_eq!(
            ints(&determine_bounds(weighted(&[1, 1, 1, 1, 2], 1.0), 4).unwrap()),
            [1, 2]
        );
        assert!(determine_bounds(Vec::new(), 3).unwrap().is_empty());
    }

    #[test]
    fn get_partition_by_bounds_both_ways() {
        let r = |ascending| RangeBounds {
            bounds: vec![Value::Int(10), Value::Int(20)],
            ascending,
        };
        let parts = |rb: &RangeBounds| -> Vec<usize> {
            [5, 10, 11, 20, 25]
                .iter()
                .map(|&k| rb.partition(&Value::Int(k)).unwrap())
                .collect()
        };
        assert_eq!(parts(&r(true)), [0, 0, 1, 1, 2]);
        assert_eq!(parts(&r(false)), [2, 2, 1, 1, 0]);
    }

    #[test]
    fn binary_search_agrees_with_the_scan_past_128_bounds() {
        let rb = RangeBounds {
            bounds: (0..200).map(|i| Value::Int(i * 2)).collect(),
            ascending: true,
        };
        for k in -1..402 {
            // Past the bounds the key is greater than: ceil(k / 2) clamped to 0..=200.
            let want = ((k + 1).max(0) / 2).min(200) as usize;
            assert_eq!(rb.partition(&Value::Int(k)).unwrap(), want, "key {k}");
        }
    }

    #[test]
    fn byteswap32_as_scala() {
        // Printed by the JVM (scala.util.hashing.byteswap32, Scala 2.13 of pyspark 4.3.0).
        assert_eq!(byteswap32(0), 0);
        assert_eq!(byteswap32(1), -1875198074);
        assert_eq!(byteswap32(-5), 796533704);
        assert_eq!(byteswap32(123456), -385947291);
    }
}
