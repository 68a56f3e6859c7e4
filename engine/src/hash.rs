//! The JVM's hash functions, and Spark's hash partitioner and hash maps built on them.
//!
//! Spark places a key in partition `nonNegativeMod(key.hashCode, n)` (`HashPartitioner`) and
//! iterates its aggregation maps (`AppendOnlyMap`, open addressing with quadratic probing over
//! Guava's `murmur3_32` of the hash) in slot order. [`SparkMap`] is that map, used as the
//! engine's own aggregation table, so keys come out of a shuffle in the order Spark emits them.

/// Java's `String.hashCode`: `s[0]·31^(n-1) + … + s[n-1]` over UTF-16 code units, wrapping.
pub fn java_string_hash(s: &str) -> i32 {
    let mut h: i32 = 0;
    if s.is_ascii() {
        // One UTF-16 unit per byte.
        for &b in s.as_bytes() {
            h = h.wrapping_mul(31).wrapping_add(b as i32);
        }
        return h;
    }
    for u in crate::utf16::units(s) {
        h = h.wrapping_mul(31).wrapping_add(u as i32);
    }
    h
}

/// Scala's `MurmurHash3.mix`.
pub fn mix(hash: i32, data: i32) -> i32 {
    let h = mix_last(hash, data);
    h.rotate_left(13)
        .wrapping_mul(5)
        .wrapping_add(0xe6546b64u32 as i32)
}

/// Scala's `MurmurHash3.mixLast`.
pub fn mix_last(hash: i32, data: i32) -> i32 {
    let k = data
        .wrapping_mul(0xcc9e2d51u32 as i32)
        .rotate_left(15)
        .wrapping_mul(0x1b873593);
    hash ^ k
}

/// Scala's `MurmurHash3.finalizeHash`.
pub fn finalize_hash(hash: i32, length: i32) -> i32 {
    avalanche(hash ^ length)
}

fn avalanche(h: i32) -> i32 {
    let mut h = h as u32;
    h ^= h >> 16;
    h = h.wrapping_mul(0x85ebca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2ae35);
    h ^= h >> 16;
    h as i32
}

const PRODUCT_SEED: i32 = 0xcafebabeu32 as i32;

/// Scala 2.13's `MurmurHash3.productHash` of a case class or tuple named `prefix` whose
/// elements have the `##` hashes `elems`.
pub fn product_hash(prefix: &str, elems: impl Iterator<Item = i32>) -> i32 {
    product_hash_of(java_string_hash(prefix), elems)
}

/// [`product_hash`] given the prefix's `String.hashCode` (see [`tuple_name_hash`]).
pub fn product_hash_of(prefix_hash: i32, elems: impl Iterator<Item = i32>) -> i32 {
    let mut h = mix(PRODUCT_SEED, prefix_hash);
    let mut n = 0;
    for e in elems {
        h = mix(h, e);
        n += 1;
    }
    if n == 0 {
        prefix_hash
    } else {
        finalize_hash(h, n)
    }
}

/// `"TupleN".hashCode`, the prefix of a tuple's `productHash` (computed once per arity).
pub fn tuple_name_hash(arity: usize) -> i32 {
    // "Tuple".hashCode, then the decimal digits of the arity.
    const TUPLE: i32 = 81_172_392;
    let mut buf = [0u8; 20];
    decimal_digits(arity as u64, &mut buf)
        .iter()
        .fold(TUPLE, |h, &d| h.wrapping_mul(31).wrapping_add(d as i32))
}

/// The ASCII decimal digits of `n`, written at the end of `buf`.
pub fn decimal_digits(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buf[i..]
}

/// Scala 2.13's `MurmurHash3.seqHash` (the `hashCode` of a `List`), for linear sequences.
pub fn seq_hash(elems: impl Iterator<Item = i32>) -> i32 {
    // `listHash` with seed `seqSeed`; it tracks whether the elements form a range, which
    // changes the result only for sequences of consecutive Ints (handled by `range_hash`).
    let items: Vec<i32> = elems.collect();
    let seed = java_string_hash("Seq");
    if items.len() >= 2 {
        let step = items[1].wrapping_sub(items[0]);
        // A run with a constant step hashes as `rangeHash(start, step, last)`: any two
        // elements (`List(5, 5)` too), and longer runs whose step is not zero (the check
        // from the third element on refuses a zero step; oracle: seq_hashes).
        if items.len() == 2
            || step != 0 && items.windows(2).all(|w| w[1].wrapping_sub(w[0]) == step)
        {
            return range_hash(items[0], step, items[items.len() - 1], seed);
        }
    }
    let mut h = seed;
    for &e in &items {
        h = mix(h, e);
    }
    finalize_hash(h, items.len() as i32)
}

/// Scala's `MurmurHash3.unorderedHash` of the elements' `##`s: a `Set`'s `hashCode` with the
/// seed `"Set".hashCode`, a `Map`'s (its entries' tuple hashes) with `"Map".hashCode`.
pub fn unordered_hash(hashes: impl Iterator<Item = i32>, seed: &str) -> i32 {
    let (mut a, mut b, mut n, mut c) = (0i32, 0i32, 0i32, 1i32);
    for h in hashes {
        a = a.wrapping_add(h);
        b ^= h;
        c = c.wrapping_mul(h | 1);
        n += 1;
    }
    let h = mix(mix(java_string_hash(seed), a), b);
    finalize_hash(mix_last(h, c), n)
}

fn range_hash(start: i32, step: i32, last: i32, seed: i32) -> i32 {
    avalanche(mix(mix(mix(seed, start), step), last))
}

/// Guava's `murmur3_32().hashInt(h)`, which Spark's `AppendOnlyMap` uses to spread hashes.
pub fn murmur3_hash_int(input: i32) -> i32 {
    let k1 = input
        .wrapping_mul(0xcc9e2d51u32 as i32)
        .rotate_left(15)
        .wrapping_mul(0x1b873593);
    let h1 = k1
        .rotate_left(13)
        .wrapping_mul(5)
        .wrapping_add(0xe6546b64u32 as i32);
    let mut h = (h1 ^ 4) as u32;
    h ^= h >> 16;
    h = h.wrapping_mul(0x85ebca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2ae35);
    h ^= h >> 16;
    h as i32
}

/// Scala's `MurmurHash3.bytesHash`.
fn bytes_hash(data: &[u8], seed: i32) -> i32 {
    let mut h = seed;
    let mut chunks = data.chunks_exact(4);
    for c in &mut chunks {
        h = mix(h, i32::from_le_bytes([c[0], c[1], c[2], c[3]]));
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        let mut k = 0i32;
        for (i, b) in tail.iter().enumerate() {
            k ^= i32::from(*b) << (8 * i);
        }
        h = mix_last(h, k);
    }
    finalize_hash(h, data.len() as i32)
}

/// Spark's `XORShiftRandom`, a `java.util.Random` whose `next(bits)` is a xorshift over a
/// seed hashed with MurmurHash3. `repartition` starts each partition's round robin from it.
pub struct XorShiftRandom(i64);

impl XorShiftRandom {
    /// `new XORShiftRandom(init)`: the seed is `hashSeed(init)`.
    pub fn new(init: i64) -> XorShiftRandom {
        let bytes = init.to_be_bytes();
        let low = bytes_hash(&bytes, 0x3c074a61);
        let high = bytes_hash(&bytes, low);
        XorShiftRandom((i64::from(high) << 32) | (i64::from(low) & 0xFFFF_FFFF))
    }

    fn next(&mut self, bits: u32) -> i32 {
        let mut s = self.0 ^ (self.0 << 21);
        s ^= ((s as u64) >> 35) as i64;
        s ^= s << 4;
        self.0 = s;
        (s & ((1i64 << bits) - 1)) as i32
    }

    /// `java.util.Random.nextInt(bound)`, `bound > 0`.
    pub fn next_int(&mut self, bound: i32) -> i32 {
        java_next_int(bound, || self.next(31))
    }

    /// `java.util.Random.nextDouble`: 53 random bits over `2^53`.
    pub fn next_double(&mut self) -> f64 {
        let bits = (i64::from(self.next(26)) << 27) + i64::from(self.next(27));
        bits as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// `java.util.Random`: the 48-bit linear congruential generator (what Spark's
/// `PartitionwiseSampledRDD` draws each partition's seed from, and what `scala.util.Random`
/// wraps).
#[derive(Clone)]
pub struct JavaRandom(i64);

impl JavaRandom {
    const MULTIPLIER: i64 = 0x5_DEEC_E66D;
    const MASK: i64 = (1 << 48) - 1;

    /// `new Random(seed)`.
    pub fn new(seed: i64) -> JavaRandom {
        JavaRandom((seed ^ Self::MULTIPLIER) & Self::MASK)
    }

    fn next(&mut self, bits: u32) -> i32 {
        self.0 = (self.0.wrapping_mul(Self::MULTIPLIER).wrapping_add(0xB)) & Self::MASK;
        (self.0 >> (48 - bits)) as i32
    }

    /// `nextLong()`.
    pub fn next_long(&mut self) -> i64 {
        (i64::from(self.next(32)) << 32).wrapping_add(i64::from(self.next(32)))
    }

    /// `nextInt()`.
    pub fn next_int(&mut self) -> i32 {
        self.next(32)
    }

    /// `nextInt(bound)`, `bound > 0`.
    pub fn next_int_below(&mut self, bound: i32) -> i32 {
        java_next_int(bound, || self.next(31))
    }

    /// `nextDouble()`: 53 random bits over 2^53.
    pub fn next_double(&mut self) -> f64 {
        let high = i64::from(self.next(26)) << 27;
        (high + i64::from(self.next(27))) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// `nextBoolean()`.
    pub fn next_boolean(&mut self) -> bool {
        self.next(1) != 0
    }
}

/// `java.util.Random.nextInt(bound)` over a generator's 31-bit draws: a power of two takes
/// the high bits, anything else rejects the draws that would bias the remainder.
fn java_next_int(bound: i32, mut next31: impl FnMut() -> i32) -> i32 {
    let m = bound - 1;
    let mut r = next31();
    if bound & m == 0 {
        return ((i64::from(bound) * i64::from(r)) >> 31) as i32;
    }
    let mut u = r;
    loop {
        r = u % bound;
        if u.wrapping_sub(r).wrapping_add(m) >= 0 {
            return r;
        }
        u = next31();
    }
}

/// Spark's `Utils.nonNegativeMod`, the heart of `HashPartitioner.getPartition`.
pub fn non_negative_mod(x: i32, m: usize) -> usize {
    let m = m as i32;
    let raw = x % m;
    (raw + if raw < 0 { m } else { 0 }) as usize
}

/// Spark's `AppendOnlyMap`: open addressing, quadratic probing, `murmur3` of the key's hash,
/// capacity 64 doubling at a load of 0.7. Iterating it yields entries in slot order, which is
/// the order Spark's aggregations emit keys. `K` must implement equality; the caller supplies
/// each key's Java `hashCode`.
#[derive(Clone, Debug)]
pub struct SparkMap<K, V> {
    slots: Vec<Option<usize>>,
    entries: Vec<(i32, K, V)>,
    null_entry: Option<usize>,
    grow_threshold: usize,
}

impl<K: PartialEq, V> Default for SparkMap<K, V> {
    fn default() -> Self {
        SparkMap::new()
    }
}

impl<K: PartialEq, V> SparkMap<K, V> {
    /// An empty map with Spark's initial capacity of 64.
    pub fn new() -> SparkMap<K, V> {
        SparkMap {
            slots: vec![None; 64],
            // A batch's map usually holds a few keys: one allocation for up to eight.
            entries: Vec::with_capacity(8),
            null_entry: None,
            grow_threshold: 44,
        }
    }

    /// An empty map of `nextPowerOf2(n)` slots (an `OpenHashMap` made with a capacity).
    pub fn with_capacity(n: usize) -> SparkMap<K, V> {
        let cap = n.max(1).next_power_of_two();
        SparkMap {
            slots: vec![None; cap],
            entries: Vec::with_capacity(n.min(1 << 16)),
            null_entry: None,
            grow_threshold: (0.7 * cap as f64) as usize,
        }
    }

    /// How many keys.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no keys.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The slot for `key` (with Java hash `hash`; `is_null` for the `null` key, which Spark
    /// keeps apart and emits first), made with `make` when absent; `true` when it was made.
    pub fn slot(
        &mut self,
        hash: i32,
        is_null: bool,
        key: K,
        make: impl FnOnce() -> V,
    ) -> (&mut V, bool) {
        if is_null {
            let fresh = self.null_entry.is_none();
            if fresh {
                self.null_entry = Some(self.entries.len());
                self.entries.push((hash, key, make()));
            }
            let i = self.null_entry.unwrap_or(0);
            return (&mut self.entries[i].2, fresh);
        }
        let mask = self.slots.len() - 1;
        let mut pos = (murmur3_hash_int(hash) as u32 as usize) & mask;
        let mut delta = 1;
        loop {
            match self.slots[pos] {
                None => {
                    let idx = self.entries.len();
                    self.entries.push((hash, key, make()));
                    self.slots[pos] = Some(idx);
                    if self.entries.len() - usize::from(self.null_entry.is_some())
                        > self.grow_threshold
                    {
                        self.grow();
                    }
                    return (&mut self.entries[idx].2, true);
                }
                Some(i) if self.entries[i].0 == hash && self.entries[i].1 == key => {
                    return (&mut self.entries[i].2, false);
                }
                Some(_) => {
                    pos = (pos + delta) & mask;
                    delta += 1;
                }
            }
        }
    }

    /// The value for `key`, if present.
    pub fn get(&self, hash: i32, is_null: bool, key: &K) -> Option<&V> {
        if is_null {
            return self.null_entry.map(|i| &self.entries[i].2);
        }
        let mask = self.slots.len() - 1;
        let mut pos = (murmur3_hash_int(hash) as u32 as usize) & mask;
        let mut delta = 1;
        loop {
            match self.slots[pos] {
                None => return None,
                Some(i) if self.entries[i].0 == hash && self.entries[i].1 == *key => {
                    return Some(&self.entries[i].2)
                }
                Some(_) => {
                    pos = (pos + delta) & mask;
                    delta += 1;
                }
            }
        }
    }

    fn grow(&mut self) {
        let new_cap = self.slots.len() * 2;
        let mask = new_cap - 1;
        let mut slots = vec![None; new_cap];
        for &old in self.slots.iter().flatten() {
            let mut pos = (murmur3_hash_int(self.entries[old].0) as u32 as usize) & mask;
            let mut delta = 1;
            while slots[pos].is_some() {
                pos = (pos + delta) & mask;
                delta += 1;
            }
            slots[pos] = Some(old);
        }
        self.slots = slots;
        self.grow_threshold = (0.7 * new_cap as f64) as usize;
    }

    /// Entries in Spark's iteration order (the `null` key first, then slot order), borrowed.
    pub fn iter_ordered(&self) -> impl Iterator<Item = (&K, &V)> {
        self.null_entry
            .into_iter()
            .chain(self.slots.iter().flatten().copied())
            .map(|i| (&self.entries[i].1, &self.entries[i].2))
    }

    /// Entries in Spark's iteration order: the `null` key first, then slot order.
    pub fn into_ordered(self) -> Vec<(K, V)> {
        let mut order: Vec<usize> = Vec::with_capacity(self.entries.len());
        if let Some(n) = self.null_entry {
            order.push(n);
        }
        order.extend(self.slots.iter().flatten().copied());
        let mut taken: Vec<Option<(i32, K, V)>> = self.entries.into_iter().map(Some).collect();
        order
            .into_iter()
            .filter_map(|i| taken[i].take().map(|(_, k, v)| (k, v)))
            .collect()
    }
}

/// `java.util.HashMap`'s iteration order (what Spark's `SubtractedRDD` emits keys in): by
/// bucket `(h ^ h >>> 16) & (capacity - 1)`, each bucket in insertion order (a resize splits a
/// bucket and keeps its order). The table starts at 16 buckets and doubles when the size
/// passes three quarters of it, or when a bucket reaches nine keys while the table is smaller
/// than 64 (`treeifyBin` resizes instead). Not modelled: a bucket of nine or more keys in a
/// table of 64 or more, which Java turns into a tree with an order of its own.
#[derive(Debug)]
pub struct JavaHashMap<K, V> {
    index: SparkMap<K, usize>,
    /// In insertion order: the key's hash, the key, its value (`None` once removed).
    entries: Vec<(i32, K, Option<V>)>,
    /// Keys per bucket at the current capacity.
    buckets: Vec<u32>,
    size: usize,
}

impl<K: PartialEq + Clone, V> Default for JavaHashMap<K, V> {
    fn default() -> Self {
        JavaHashMap::new()
    }
}

impl<K: PartialEq + Clone, V> JavaHashMap<K, V> {
    /// An empty map (Java allocates its 16 buckets on the first `put`).
    pub fn new() -> JavaHashMap<K, V> {
        JavaHashMap {
            index: SparkMap::new(),
            entries: Vec::new(),
            buckets: vec![0; 16],
            size: 0,
        }
    }

    fn bucket(&self, hash: i32) -> usize {
        let h = hash ^ ((hash as u32) >> 16) as i32;
        (h as u32 as usize) & (self.buckets.len() - 1)
    }

    fn resize(&mut self) {
        self.buckets = vec![0; self.buckets.len() * 2];
        for i in 0..self.entries.len() {
            if self.entries[i].2.is_some() {
                let b = self.bucket(self.entries[i].0);
                self.buckets[b] += 1;
            }
        }
    }

    /// The value for `key` (Java hash `hash`; `null`'s is 0), put with `make` when absent.
    pub fn entry(&mut self, hash: i32, is_null: bool, key: K, make: impl FnOnce() -> V) -> &mut V {
        let next = self.entries.len();
        let (&mut i, fresh) = self.index.slot(hash, is_null, key.clone(), || next);
        if fresh || self.entries[i].2.is_none() {
            let i = self.entries.len();
            *self.index.slot(hash, is_null, key.clone(), || i).0 = i;
            self.entries.push((hash, key, Some(make())));
            let b = self.bucket(hash);
            self.buckets[b] += 1;
            // `putVal`: a bucket grown to nine keys in a small table, then the size.
            if self.buckets[b] >= 9 && self.buckets.len() < 64 {
                self.resize();
            }
            self.size += 1;
            if self.size * 4 > self.buckets.len() * 3 {
                self.resize();
            }
            return self.entries[i].2.as_mut().expect("just put");
        }
        self.entries[i].2.as_mut().expect("present")
    }

    /// `remove(key)`.
    pub fn remove(&mut self, hash: i32, is_null: bool, key: &K) {
        if let Some(&i) = self.index.get(hash, is_null, key) {
            if self.entries[i].2.take().is_some() {
                let b = self.bucket(hash);
                self.buckets[b] -= 1;
                self.size -= 1;
            }
        }
    }

    /// The entries in Java's iteration order.
    pub fn into_ordered(self) -> Vec<(K, V)> {
        let mask = self.buckets.len() - 1;
        let mut live: Vec<(usize, usize, K, V)> = self
            .entries
            .into_iter()
            .enumerate()
            .filter_map(|(i, (h, k, v))| {
                let spread = h ^ ((h as u32) >> 16) as i32;
                v.map(|v| ((spread as u32 as usize) & mask, i, k, v))
            })
            .collect();
        live.sort_by_key(|e| (e.0, e.1));
        live.into_iter().map(|(_, _, k, v)| (k, v)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `scala.util.Random(7919)` (Spark's partition coalescer) draws 5, 2, 4 from
    /// `nextInt(6)`, then 1, 2, 0, 1 from `nextInt(4)`, as the JVM does (printed through
    /// py4j).
    #[test]
    fn java_random_next_int_below_follows_the_jvm() {
        let mut r = JavaRandom::new(7919);
        let six: Vec<i32> = (0..3).map(|_| r.next_int_below(6)).collect();
        let four: Vec<i32> = (0..4).map(|_| r.next_int_below(4)).collect();
        assert_eq!((six, four), (vec![5, 2, 4], vec![1, 2, 0, 1]));
        // `new java.util.Random(42)`: nextInt(), nextInt(10) three times, nextInt(1 << 20).
        let mut r = JavaRandom::new(42);
        assert_eq!(r.next_int(), -1_170_105_035);
        let ten: Vec<i32> = (0..3).map(|_| r.next_int_below(10)).collect();
        assert_eq!((ten, r.next_int_below(1 << 20)), (vec![3, 8, 4], 323_715));
    }

    /// `java.util.HashMap` key orders printed by the JVM (Spark 4.3.0's, through py4j): put
    /// these keys, remove some, read `keySet`.
    #[test]
    fn java_hash_map_iterates_as_the_jvm_does() {
        let order = |keys: &[&str], removes: &[&str]| {
            let mut m: JavaHashMap<String, ()> = JavaHashMap::new();
            for k in keys {
                m.entry(java_string_hash(k), false, k.to_string(), || ());
            }
            for k in removes {
                m.remove(java_string_hash(k), false, &k.to_string());
            }
            m.into_ordered()
                .into_iter()
                .map(|(k, ())| k)
                .collect::<Vec<_>>()
                .join(" ")
        };
        let words = [
            "hello", "hi", "spark", "stream", "window", "batch", "key", "dstream", "a", "b", "c",
            "zz",
        ];
        assert_eq!(
            order(&words, &["hi", "zz"]),
            "dstream a b c spark stream batch hello window key"
        );
        // 40 keys: resized twice, to 64 buckets.
        let many: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(
            order(&many, &["w3", "w17"]),
            "w31 w30 w11 w33 w10 w32 w13 w35 w0 w12 w34 w1 w15 w37 w2 w14 w36 w39 w4 w16 w38 \
             w5 w19 w6 w18 w7 w8 w9 w20 w22 w21 w24 w23 w26 w25 w28 w27 w29"
        );
        // Colliding hashes ("Aa" and "BB" hash alike): each bucket in insertion order.
        let colliding = [
            "Aa", "BB", "AaAa", "AaBB", "BBAa", "BBBB", "AaAaAa", "AaAaBB", "AaBBAa", "AaBBBB", "x",
        ];
        assert_eq!(
            order(&colliding, &[]),
            "Aa BB AaAaAa AaAaBB AaBBAa AaBBBB x AaAa AaBB BBAa BBBB"
        );
    }

    #[test]
    fn guava_murmur3_matches_reference() {
        // Printed by Guava 33.6 (the one Spark 4.3.0 ships): murmur3_32().hashInt(x).asInt().
        assert_eq!(murmur3_hash_int(3329), -97229359);
        assert_eq!(murmur3_hash_int(99162322), 1715862179);
    }

    #[test]
    fn java_random_and_xorshift_match_the_jvm() {
        // Printed by the JVM of pyspark 4.3.0 (py4j): new java.util.Random(s).nextLong(), new
        // org.apache.spark.util.random.XORShiftRandom(s).nextDouble().
        let mut r = JavaRandom::new(42);
        assert_eq!(r.next_long(), -5025562857975149833);
        assert_eq!(r.next_long(), -5843495416241995736);
        assert_eq!(JavaRandom::new(-7).next_long(), 4964420944606563203);
        let mut x = XorShiftRandom::new(7);
        assert_eq!(x.next_double(), 0.28188121484885875);
        assert_eq!(x.next_double(), 0.45998819035056326);
        assert_eq!(
            XorShiftRandom::new(-123456789012).next_double(),
            0.4546628991483216
        );
    }

    #[test]
    fn spark_map_iterates_in_slot_order_and_grows() {
        let mut m: SparkMap<i32, i32> = SparkMap::new();
        for k in 0..100 {
            *m.slot(k, false, k, || 0).0 += 1;
        }
        *m.slot(5, false, 5, || 0).0 += 1;
        let out = m.into_ordered();
        assert_eq!(out.len(), 100);
        assert_eq!(out.iter().find(|(k, _)| *k == 5).map(|(_, v)| *v), Some(2));
        // Slot order is murmur order, not insertion order.
        assert_ne!(
            out.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            (0..100).collect::<Vec<_>>()
        );
    }

    #[test]
    fn tuple_name_hash_is_the_string_hash() {
        for n in [0, 1, 2, 3, 9, 10, 22, 123] {
            assert_eq!(tuple_name_hash(n), java_string_hash(&format!("Tuple{n}")));
        }
        assert_eq!(java_string_hash("héllo"), {
            let mut h: i32 = 0;
            for u in "héllo".encode_utf16() {
                h = h.wrapping_mul(31).wrapping_add(u as i32);
            }
            h
        });
    }

    #[test]
    fn non_negative_mod_matches_spark() {
        assert_eq!(non_negative_mod(-1, 2), 1);
        assert_eq!(non_negative_mod(3329, 2), 1);
        assert_eq!(non_negative_mod(99162322, 2), 0);
    }
}
