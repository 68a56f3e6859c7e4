//! Scala 2.13's immutable `Map` and `Set` on the driver and in tasks, in the order Scala keeps
//! them: what `println(m)`, `m.foreach` and `m.toList` show.
//!
//! Up to four entries a `Map` (`Map1`..`Map4`) keeps insertion order; a fifth turns it into a
//! `HashMap`, a CHAMP trie whose order comes from the keys' hashes alone: at each level of
//! five hash bits (of `improve(key.##)`, low bits first), the entries alone in their slot come
//! first, in slot order, then each shared slot's sub-trie in slot order. `groupBy` and a
//! `HashMap`'s own `map` always make a `HashMap`, even of one entry; a `HashMap` prints as
//! `HashMap(k -> v)`. Sets are the same (`Set1`..`Set4`, then `HashSet`). `collectAsMap`
//! gives Spark's `mutable.HashMap`: buckets of `hash ^ (hash >>> 16)` over a table sized for
//! the data, each bucket ordered by that hash. A map is a [`Value::Seq`] of its entries (pairs)
//! in that order, so the sequence methods apply to it as Scala's `Iterable` ones do.
//!
//! `TreeMap` and `TreeSet` (`SortedMap(...)`, `SortedSet(...)`) keep their keys sorted by
//! their natural `Ordering` ([`tree`]); their `map` and `filter` stay sorted, their
//! `range`/`rangeFrom`/`minAfter` cut by key, their `toMap` and `toSet` are unsorted again
//! (Scala's `Map.from` rebuilds a sorted map).

use std::rc::Rc;

use crate::exec::{Exn, Runtime};
use crate::value::{KeysOf, SeqKind, Table, Value};

/// `scala.collection.Hashing.improve`.
fn improve(h: i32) -> i32 {
    let mut h = h.wrapping_add(!(h << 9));
    h ^= ((h as u32) >> 14) as i32;
    h = h.wrapping_add(h << 4);
    h ^ ((h as u32) >> 10) as i32
}

/// Whether `kind` is a map (its items are `(key, value)` pairs).
pub fn is_map(kind: SeqKind) -> bool {
    matches!(
        kind,
        SeqKind::Map | SeqKind::HashMap | SeqKind::TreeMap | SeqKind::MutableMap(_)
    )
}

/// Whether `kind` is a set.
pub fn is_set(kind: SeqKind) -> bool {
    matches!(
        kind,
        SeqKind::Set
            | SeqKind::HashSet
            | SeqKind::TreeSet
            | SeqKind::SortedKeys
            | SeqKind::Keys(_)
            | SeqKind::MutableSet(_)
    )
}

/// Whether `kind` is sorted by its keys' `Ordering` (a tree, mutable or not).
pub fn sorted(kind: SeqKind) -> bool {
    matches!(
        kind,
        SeqKind::TreeMap
            | SeqKind::TreeSet
            | SeqKind::SortedKeys
            | SeqKind::Keys(KeysOf::Tree | KeysOf::MutableTree)
            | SeqKind::MutableMap(Table::Tree)
            | SeqKind::MutableSet(Table::Tree)
    )
}

/// Two keys by their `Ordering`.
fn compare(a: &Value, b: &Value) -> Result<std::cmp::Ordering, Exn> {
    crate::ordering::compare(a, b)
}

/// The key an item is stored under: a map entry's key, a set's element.
fn key_of(kind: SeqKind, item: &Value) -> &Value {
    if is_map(kind) {
        item.pair_key().unwrap_or(item)
    } else {
        item
    }
}

/// Items (distinct keys, in insertion order) in a CHAMP trie's order: sorted, stably, by
/// their hashes' five-bit fragments (the lowest first), then laid out level by level by
/// [`champ_level`]. One sort and no allocation a node: adding to a set in a loop re-orders
/// it each time, and building the trie's 32 slots a node made 20,000 additions take 23 s
/// (`tests::champ_order_is_the_tries_order` keeps that way as the oracle).
fn champ_order(kind: SeqKind, items: Vec<Value>) -> Vec<Value> {
    let mut hashed: Vec<(u64, u32, Value)> = items
        .into_iter()
        .map(|v| {
            let h = improve(key_of(kind, &v).hash_hash()) as u32;
            (fragments_first(h), h, v)
        })
        .collect();
    hashed.sort_by_key(|x| x.0);
    let mut out = Vec::with_capacity(hashed.len());
    champ_level(&mut hashed, 0, &mut out);
    out
}

/// A hash's seven fragments of five bits (the last of two), the lowest first, as one number:
/// sorted by it, the entries of each slot of each level are together, in slot order.
fn fragments_first(h: u32) -> u64 {
    (0..7).fold(0, |acc, k| (acc << 5) | u64::from((h >> (5 * k)) & 31))
}

/// Lays out `items` (sorted by [`fragments_first`], all in one node at `shift`): the entries
/// alone in their slot, in slot order, then each shared slot's node.
fn champ_level(items: &mut [(u64, u32, Value)], shift: u32, out: &mut Vec<Value>) {
    let take = |x: &mut (u64, u32, Value)| std::mem::replace(&mut x.2, Value::Unit);
    if shift >= 32 || items.len() <= 1 {
        // A collision node (same hash) keeps insertion order (the sort is stable).
        out.extend(items.iter_mut().map(take));
        return;
    }
    let frag = |h: u32| (h >> shift) & 31;
    // The slots' runs, twice: the lone entries first, then the nodes.
    for singles in [true, false] {
        let mut i = 0;
        while i < items.len() {
            let f = frag(items[i].1);
            let j = i + items[i..].iter().take_while(|x| frag(x.1) == f).count();
            match (singles, j - i) {
                (true, 1) => out.push(take(&mut items[i])),
                (false, n) if n > 1 => champ_level(&mut items[i..j], shift + 5, out),
                _ => {}
            }
            i = j;
        }
    }
}

/// Adds `item` to `items` (distinct keys in insertion order): a new key goes last, an
/// existing one takes the new value where it is. The key stays the one already there (a
/// set's element too), as Scala's `Map1`..`Map4`, builders and sets keep it; a `HashMap`'s
/// `updated` takes the new one. (Equal keys differ only by a class's own `equals`.)
fn upsert(kind: SeqKind, items: &mut Vec<Value>, item: Value) {
    let k = key_of(kind, &item);
    let Some(i) = items.iter().position(|x| key_of(kind, x) == k) else {
        items.push(item);
        return;
    };
    replace_at(kind, items, i, item);
}

/// `item` in place of the entry at `i`, whose key equals its key (see [`upsert`]).
fn replace_at(kind: SeqKind, items: &mut [Value], i: usize, item: Value) {
    match kind {
        SeqKind::HashMap => items[i] = item,
        _ if is_map(kind) => items[i] = keep_key(&items[i], item),
        _ => {}
    }
}

/// A key no program's `equals` decides: a string, a whole number, a char, a boolean, or a
/// tuple of them. Equal ones have equal hashes.
fn plain(k: &Value) -> bool {
    match k {
        Value::Str(_) | Value::Int(_) | Value::Long(_) | Value::Char(_) | Value::Bool(_) => true,
        Value::Tuple(t) => t.iter().all(plain),
        _ => false,
    }
}

/// Distinct keys in insertion order, as [`upsert`] keeps them, found by their hash while
/// every key is [`plain`]: `toMap`, `toSet`, a union and `collectAsMap` scanned all the keys
/// before each new one (0.6 s for 20,000). Any other key, and a hash two keys share, fall
/// back to the scan (`tests::distinct_is_upsert` keeps it as the oracle).
struct Distinct {
    kind: SeqKind,
    items: Vec<Value>,
    /// The first entry of each hash, while every key is plain.
    at: Option<rustc_hash::FxHashMap<i32, usize>>,
}

impl Distinct {
    fn new(kind: SeqKind, items: Vec<Value>) -> Distinct {
        let mut d = Distinct {
            kind,
            items: Vec::with_capacity(items.len()),
            at: Some(Default::default()),
        };
        for item in items {
            d.upsert(item);
        }
        d
    }

    /// Adds `item` as [`upsert`] does; the entries scanned for it (none when its hash found
    /// it, or found it new).
    fn upsert(&mut self, item: Value) -> usize {
        let kind = self.kind;
        let k = key_of(kind, &item);
        if !plain(k) {
            self.at = None;
        }
        if let Some(at) = &mut self.at {
            let h = k.hash_hash();
            match at.get(&h) {
                Some(&i) if key_of(kind, &self.items[i]) == k => {
                    replace_at(kind, &mut self.items, i, item);
                    return 0;
                }
                Some(_) => {}
                None => {
                    at.insert(h, self.items.len());
                    self.items.push(item);
                    return 0;
                }
            }
        }
        let scanned = self.items.len();
        upsert(kind, &mut self.items, item);
        scanned
    }
}

/// The map entry `item` under the key of `old`, the entry it replaces. Equal keys differ only
/// by a class's own `equals`: a string's or a number's is taken as it comes.
pub fn keep_key(old: &Value, item: Value) -> Value {
    match (old, item.as_pair()) {
        (Value::Tuple(o), Some((k, v)))
            if o.len() == 2
                && !matches!(
                    k,
                    Value::Str(_)
                        | Value::Int(_)
                        | Value::Long(_)
                        | Value::Char(_)
                        | Value::Bool(_)
                ) =>
        {
            Value::Tuple(Rc::new([o[0].clone(), v.clone()]))
        }
        _ => item,
    }
}

/// What a map's or a set's `map` (or a `for`/`yield` over it) gives of the results `out`: a
/// map's own builder when they are pairs, else an `Iterable` (a `List`); a set's builder.
pub fn mapped(kind: SeqKind, out: Vec<Value>) -> Value {
    let kind = iterable_factory(kind);
    let map = is_map(kind);
    let hash = matches!(kind, SeqKind::HashMap | SeqKind::HashSet);
    let mutable = matches!(kind, SeqKind::MutableMap(_) | SeqKind::MutableSet(_));
    if map && !out.iter().all(|v| v.as_pair().is_some()) {
        Value::list(out)
    } else if mutable {
        super::mutable_map::build(kind, out)
    } else if matches!(
        kind,
        SeqKind::TreeMap | SeqKind::TreeSet | SeqKind::SortedKeys
    ) {
        tree(if map { kind } else { SeqKind::TreeSet }, out)
    } else {
        build(map, hash, out)
    }
}

/// What builds a `map` of `kind` (its `iterableFactory`): a `TreeMap`'s `keys`, typed
/// `Iterable`, a `Set`; a `LinkedHashMap`'s a `LinkedHashSet`; a `mutable.TreeMap`'s
/// `keySet` (a `SortedSet`) a `TreeSet`; a map's `values` a `List`.
pub fn iterable_factory(kind: SeqKind) -> SeqKind {
    match kind {
        SeqKind::Keys(KeysOf::Tree | KeysOf::MutableTree) => SeqKind::Set,
        SeqKind::Keys(KeysOf::Linked) => SeqKind::MutableSet(Table::Linked),
        SeqKind::SortedKeys => SeqKind::TreeSet,
        SeqKind::Iterable => SeqKind::List,
        other => other,
    }
}

/// What builds a `filter` of `kind` (its own class's builder): a sorted map's keys, a
/// `TreeSet`; a `LinkedHashMap`'s, a `LinkedHashSet`.
pub fn own_factory(kind: SeqKind) -> SeqKind {
    match kind {
        SeqKind::Keys(KeysOf::Tree | KeysOf::MutableTree) | SeqKind::SortedKeys => SeqKind::TreeSet,
        other => iterable_factory(other),
    }
}

/// A `TreeMap` or `TreeSet` (`kind`) of `items`: distinct keys (a map's later entry takes
/// the value of an earlier one with its key), sorted by the keys' `Ordering`. Keys it cannot
/// compare (Scala would not compile their map) keep their order.
pub fn tree(kind: SeqKind, items: Vec<Value>) -> Value {
    let mut distinct = Distinct::new(kind, items).items;
    crate::sort::sort_by(&mut distinct, |a, b| {
        crate::ordering::compare(key_of(kind, a), key_of(kind, b))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    Value::Seq(kind, Rc::new(distinct))
}

/// The collection Scala's builder makes of `items` (pairs for a map): `Map1`..`Map4` (or
/// `Set1`..`Set4`) in insertion order, a `HashMap` (`HashSet`) beyond four or when `hash`
/// (the builder is `HashMap`'s own: `groupBy`, a `HashMap`'s `map`).
pub fn build(map: bool, hash: bool, items: impl IntoIterator<Item = Value>) -> Value {
    let (small, big) = if map {
        (SeqKind::Map, SeqKind::HashMap)
    } else {
        (SeqKind::Set, SeqKind::HashSet)
    };
    let mut d = Distinct::new(small, Vec::new());
    for item in items {
        d.upsert(item);
    }
    let distinct = d.items;
    if hash || distinct.len() > 4 {
        Value::Seq(big, Rc::new(champ_order(big, distinct)))
    } else {
        Value::Seq(small, Rc::new(distinct))
    }
}

/// What Scala's `groupMap` and `groupMapReduce` give: their groups are gathered in a
/// `mutable.HashMap` (each key put in turn), then made an immutable `Map` in that map's
/// order: up to four entries a `Map` that keeps it, more a `HashMap` (CHAMP order).
pub fn from_mutable_map(pairs: Vec<Value>) -> Result<Value, Exn> {
    let mut kind = SeqKind::MutableMap(Table::Hash(16));
    let mut items = Vec::with_capacity(pairs.len());
    for p in pairs {
        super::mutable_map::update_in_place(&mut kind, &mut items, "+=", vec![p])?;
    }
    Ok(if items.len() <= 4 {
        Value::Seq(SeqKind::Map, Rc::new(items))
    } else {
        build(true, true, items)
    })
}

/// The work, in the run's budget, of adding to a collection of `n` items: it is copied and
/// (a `HashMap` or `HashSet`) laid out again, each item costing about what two expressions
/// do. So `s += x` in a loop, whose additions each cost the whole set, is stopped by the
/// budget before it keeps the page busy (20,000 additions took 12 s natively).
fn add_work(n: usize) -> u64 {
    2 * n as u64
}

/// `coll + item` (a map's `updated`): the same kind, unless a fifth entry makes a `Map` a
/// `HashMap`; an existing key keeps its place.
fn added(rt: &mut Runtime, kind: SeqKind, items: &[Value], item: Value) -> Result<Value, Exn> {
    rt.burn(add_work(items.len()))?;
    let mut v = items.to_vec();
    upsert(kind, &mut v, item);
    Ok(with_items(kind, v))
}

/// A collection of `kind` made of `v` (distinct keys in insertion order), laid out as
/// `kind` keeps its items.
fn with_items(kind: SeqKind, v: Vec<Value>) -> Value {
    let kind = own_factory(kind);
    match kind {
        SeqKind::HashMap | SeqKind::HashSet => Value::Seq(kind, Rc::new(champ_order(kind, v))),
        SeqKind::MutableMap(_) | SeqKind::MutableSet(_) => super::mutable_map::build(kind, v),
        SeqKind::TreeMap | SeqKind::TreeSet | SeqKind::SortedKeys => tree(kind, v),
        _ => build(is_map(kind), false, v),
    }
}

/// A smaller collection of the same kind: a `HashMap` or `HashSet` compacts its trie, so
/// entries that moved up come in their new place (oracle: a filtered `HashMap`).
fn same_kind(kind: SeqKind, items: Vec<Value>) -> Value {
    let kind = own_factory(kind);
    match kind {
        SeqKind::HashMap | SeqKind::HashSet => Value::Seq(kind, Rc::new(champ_order(kind, items))),
        // A mutable map's `filter` builds a new table from the default size.
        SeqKind::MutableMap(_) | SeqKind::MutableSet(_) => super::mutable_map::build(kind, items),
        _ => Value::Seq(kind, Rc::new(items)),
    }
}

/// Spark's `collectAsMap`: a `mutable.HashMap` sized for `pairs.len()`, filled in order.
pub fn mutable_hash_map(pairs: Vec<Value>) -> Value {
    // tableSizeFor(((n + 1) / 0.75).toInt), at least the default 16; then doubled whenever
    // a put would reach three quarters of it.
    let size_for = |c: i64| ((((c - 1).max(4)) as u64).next_power_of_two() as i64).min(1 << 30);
    let mut len = size_for((((pairs.len() + 1) as f64) / 0.75) as i64).max(16);
    let mut d = Distinct::new(SeqKind::Map, Vec::new());
    for p in pairs {
        // put0 grows first, whether or not the key is new.
        if (d.items.len() + 1) as f64 >= (len as f64 * 0.75).floor() {
            len *= 2;
        }
        d.upsert(p);
    }
    let distinct = d.items;
    let improved = |v: &Value| {
        let h = key_of(SeqKind::Map, v).hash_hash();
        h ^ ((h as u32) >> 16) as i32
    };
    let mut keyed: Vec<(i64, i32, Value)> = distinct
        .into_iter()
        .map(|v| {
            let h = improved(&v);
            (i64::from(h) & (len - 1), h, v)
        })
        .collect();
    crate::sort::sort_by(&mut keyed, |a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    Value::Seq(
        SeqKind::HashMap,
        Rc::new(keyed.into_iter().map(|k| k.2).collect()),
    )
}

/// A map's or set's own methods; `None` for the ones every Scala collection has (the caller
/// runs those over the items).
pub fn method(
    rt: &mut Runtime,
    kind: SeqKind,
    items: &Rc<Vec<Value>>,
    name: &str,
    args: &[Value],
) -> Option<Result<Value, Exn>> {
    own_method(rt, kind, items, name, args).transpose()
}

fn own_method(
    rt: &mut Runtime,
    kind: SeqKind,
    items: &Rc<Vec<Value>>,
    name: &str,
    args: &[Value],
) -> Result<Option<Value>, Exn> {
    let arg = |i: usize| {
        args.get(i)
            .cloned()
            .ok_or_else(|| Exn::unsupported(format!("{name}: not enough arguments")))
    };
    let find = |k: &Value| items.iter().find(|x| key_of(kind, x) == k);
    let value_of = |x: &Value| x.as_pair().map_or(Value::Null, |(_, v)| v.clone());
    let call = |rt: &mut Runtime, f: &Value, x: Value| {
        super::interp::apply_value(rt, f.clone(), vec![x], Default::default())
    };
    let map = is_map(kind);
    Ok(Some(match name {
        "get" if map => Value::option(find(&arg(0)?).map(value_of)),
        "getOrElse" if map => match find(&arg(0)?) {
            Some(x) => value_of(x),
            None => arg(1)?,
        },
        "apply" if map => {
            let k = arg(0)?;
            match find(&k) {
                Some(x) => value_of(x),
                None => {
                    return Err(Exn::new(
                        "java.util.NoSuchElementException",
                        format!("key not found: {k}"),
                    ))
                }
            }
        }
        "contains" | "isDefinedAt" | "apply" => Value::Bool(find(&arg(0)?).is_some()),
        "+" | "updated" | "incl" => {
            let item = match (name, map) {
                ("updated", true) => Value::pair(arg(0)?, arg(1)?),
                _ => arg(0)?,
            };
            added(rt, kind, items, item)?
        }
        "-" | "removed" | "excl" => {
            let k = arg(0)?;
            let rest = items
                .iter()
                .filter(|x| key_of(kind, x) != &k)
                .cloned()
                .collect();
            same_kind(kind, rest)
        }
        "filter" | "filterNot" => {
            let f = arg(0)?;
            let mut kept = Vec::new();
            for x in items.iter() {
                let keep = call(rt, &f, x.clone())?.as_bool() == Some(true);
                if keep == (name == "filter") {
                    kept.push(x.clone());
                }
            }
            same_kind(kind, kept)
        }
        // A set less, or only, the elements of another collection.
        "diff" | "&~" | "--" | "intersect" | "&" if !map => {
            let other = super::interp::into_items(rt, arg(0)?)?;
            let keep = matches!(name, "intersect" | "&");
            let kept = items
                .iter()
                .filter(|x| other.contains(x) == keep)
                .cloned()
                .collect();
            same_kind(kind, kept)
        }
        // `s.subsets(k)`: an iterator of the sets of `k` elements, by their indices in the
        // set's order, lexicographically; `s.subsets()` of every size from 0 up.
        "subsets" if !map => {
            let sizes = match args.first() {
                Some(_) => {
                    let k = super::builtins::int_arg(args, 0, name)?;
                    k..=k
                }
                None => 0..=items.len() as i64,
            };
            let mut out = Vec::new();
            for k in sizes {
                for idx in combinations(items.len(), k) {
                    rt.burn(1 + idx.len() as u64)?;
                    out.push(with_items(
                        kind,
                        idx.iter().map(|&i| items[i].clone()).collect(),
                    ));
                }
            }
            super::interp::IterObj::wrap(crate::rdd::VecIter::new(Rc::new(out)))
        }
        "subsetOf" if !map => {
            let other = super::interp::into_items(rt, arg(0)?)?;
            Value::Bool(items.iter().all(|x| other.contains(x)))
        }
        // The items added in order, laid out once (each one's own layout was the whole
        // collection's: two maps of 10,000 keys took 25 s).
        // The empty immutable `Map`'s `concat` gives an immutable map back as it is (a
        // `HashMap` of four entries stays one), an empty `HashMap`'s a `HashMap` (oracle:
        // empty_concat; sets do not).
        "++" | "concat"
            if items.is_empty()
                && matches!(
                    (kind, arg(0)?),
                    (SeqKind::Map, Value::Seq(SeqKind::Map | SeqKind::HashMap, _))
                        | (SeqKind::HashMap, Value::Seq(SeqKind::HashMap, _))
                ) =>
        {
            arg(0)?
        }
        // Built by the `iterableFactory`: a sorted map's `keys ++ more` is a `Set`.
        "++" | "concat" | "union" | "|" => {
            let kind = iterable_factory(kind);
            let more = super::interp::into_items(rt, arg(0)?)?;
            rt.burn(add_work(items.len() + more.len()))?;
            let mut d = Distinct::new(kind, items.to_vec());
            for item in more {
                // A key not found by its hash is looked for among those before it.
                let scanned = d.upsert(item);
                rt.burn(scanned as u64 / 32)?;
            }
            with_items(kind, d.items)
        }
        // A `TreeMap`'s keySet is a `TreeSet`, a `mutable.TreeMap`'s a `SortedSet`; their
        // `keys`, and a `LinkedHashMap`'s, build as `Iterable`s do (see `KeysOf`).
        "keys" | "keySet" if map => Value::Seq(
            match (kind, name) {
                (SeqKind::TreeMap, "keys") => SeqKind::Keys(KeysOf::Tree),
                (SeqKind::TreeMap, _) => SeqKind::TreeSet,
                (SeqKind::MutableMap(Table::Tree), "keys") => SeqKind::Keys(KeysOf::MutableTree),
                (SeqKind::MutableMap(Table::Tree), _) => SeqKind::SortedKeys,
                (SeqKind::MutableMap(Table::Linked), _) => SeqKind::Keys(KeysOf::Linked),
                _ => SeqKind::Set,
            },
            Rc::new(items.iter().map(|x| key_of(kind, x).clone()).collect()),
        ),
        "firstKey" | "lastKey" if sorted(kind) => {
            let x = if name == "firstKey" {
                items.first()
            } else {
                items.last()
            };
            match x {
                Some(x) => key_of(kind, x).clone(),
                // As `head` fails: "empty tree", a mutable tree's `None.get`.
                None => return Err(super::builtins::empty_exn(kind, "head")),
            }
        }
        // A sorted collection's keys from, until or to one, or in `[from, until)`.
        "rangeFrom" | "rangeUntil" | "rangeTo" | "range" if sorted(kind) => {
            let (from, until, to) = match name {
                "rangeFrom" => (Some(arg(0)?), None, None),
                "rangeUntil" => (None, Some(arg(0)?), None),
                "rangeTo" => (None, None, Some(arg(0)?)),
                _ => (Some(arg(0)?), Some(arg(1)?), None),
            };
            let mut kept = Vec::new();
            for x in items.iter() {
                let k = key_of(kind, x);
                let within = |bound: &Option<Value>, ok: fn(std::cmp::Ordering) -> bool| {
                    bound
                        .as_ref()
                        .map_or(Ok::<bool, Exn>(true), |b| Ok(ok(compare(k, b)?)))
                };
                if within(&from, std::cmp::Ordering::is_ge)?
                    && within(&until, std::cmp::Ordering::is_lt)?
                    && within(&to, std::cmp::Ordering::is_le)?
                {
                    kept.push(x.clone());
                }
            }
            same_kind(kind, kept)
        }
        // The first entry whose key is at least `k`; the last below it.
        "minAfter" | "maxBefore" if sorted(kind) => {
            let k = arg(0)?;
            let mut found = None;
            for x in items.iter() {
                let c = compare(key_of(kind, x), &k)?;
                match name {
                    "minAfter" if c.is_ge() => {
                        found = Some(x.clone());
                        break;
                    }
                    "maxBefore" if c.is_lt() => found = Some(x.clone()),
                    _ => {}
                }
            }
            Value::option(found)
        }
        "values" if map => Value::Seq(
            SeqKind::Iterable,
            Rc::new(items.iter().map(value_of).collect()),
        ),
        "keysIterator" | "valuesIterator" if map => {
            let keys = name == "keysIterator";
            let each = |x: &Value| {
                if keys {
                    key_of(kind, x).clone()
                } else {
                    value_of(x)
                }
            };
            super::interp::IterObj::wrap(crate::rdd::VecIter::new(Rc::new(
                items.iter().map(each).collect(),
            )))
        }
        // `m.lift(k)`: `m.get(k)`.
        "lift" if map => {
            return super::builtins::call_method(
                rt,
                Value::Seq(kind, items.clone()),
                "get",
                args.to_vec(),
                super::ast::Span::default(),
            )
            .map(Some)
        }

        // `m.transform((k, v) => ...)`: each key's new value, from the key and the value.
        "transform" if map => {
            let g = super::builtins::func_arg(args, 0, name)?;
            let mut out = Vec::with_capacity(items.len());
            for x in items.iter() {
                let k = key_of(kind, x).clone();
                let v = rt.call(&g, &[k.clone(), value_of(x)])?;
                out.push(Value::pair(k, v));
            }
            build(true, false, out)
        }
        "map" | "flatMap" => {
            let f = arg(0)?;
            let mut out = Vec::with_capacity(items.len());
            for x in items.iter() {
                let y = call(rt, &f, x.clone())?;
                if name == "map" {
                    out.push(y);
                } else {
                    out.extend(super::interp::into_items(rt, y)?);
                }
            }
            mapped(kind, out)
        }
        "toMap" | "toSet" if matches!(kind, SeqKind::MutableMap(_) | SeqKind::MutableSet(_)) => {
            build(map, false, items.iter().cloned())
        }
        // Scala's `Map.from` and `Set.from` rebuild a sorted collection (its ordering would
        // not survive a wider key type).
        // `zipWithIndex` builds with the collection's `iterableFactory`: a `List` of a map's
        // (an `ArrayBuffer` of a mutable one's), a set's own, where a sorted set's is an
        // unsorted `Set`.
        "zipWithIndex" => {
            let out = items
                .iter()
                .enumerate()
                .map(|(i, x)| Value::pair(x.clone(), Value::Int(i as i32)))
                .collect();
            match kind {
                SeqKind::MutableMap(_) => Value::Seq(SeqKind::ArrayBuffer, Rc::new(out)),
                _ if map => Value::list(out),
                SeqKind::MutableSet(_) => {
                    super::mutable_map::build(SeqKind::MutableSet(Table::Hash(16)), out)
                }
                _ if sorted(kind) => build(false, false, out),
                _ => mapped(kind, out),
            }
        }
        "toMap" | "toSet" if sorted(kind) => build(map, false, items.iter().cloned()),
        "toMap" if map => Value::Seq(kind, items.clone()),
        "toSet" if !map => Value::Seq(kind, items.clone()),
        "mkString" if map => {
            // MapOps.addString shows an entry as `k -> v`.
            let shown: Vec<Value> = items
                .iter()
                .map(|x| match x.as_pair() {
                    Some((k, v)) => Value::str(&format!("{k} -> {v}")),
                    None => x.clone(),
                })
                .collect();
            let span = Default::default();
            super::builtins::call_method(rt, Value::list(shown), "mkString", args.to_vec(), span)?
        }
        _ => return Ok(None),
    }))
}

/// The `k`-element index sets of `0..n` in lexicographic order (none when `k` is out of
/// `0..=n`).
fn combinations(n: usize, k: i64) -> Vec<Vec<usize>> {
    if k < 0 || k as usize > n {
        return Vec::new();
    }
    let k = k as usize;
    let mut idx: Vec<usize> = (0..k).collect();
    let mut out = vec![idx.clone()];
    loop {
        // The rightmost index that can still move right, then those after it packed behind.
        let Some(i) = (0..k).rev().find(|&i| idx[i] < n - k + i) else {
            return out;
        };
        idx[i] += 1;
        for j in i + 1..k {
            idx[j] = idx[j - 1] + 1;
        }
        out.push(idx.clone());
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// The trie built as Scala builds it, node by node with its 32 slots: the oracle of
    /// [`champ_order`].
    fn trie_order(kind: SeqKind, items: Vec<Value>) -> Vec<Value> {
        fn level(items: Vec<(u32, Value)>, shift: u32, out: &mut Vec<Value>) {
            if shift >= 32 || items.len() <= 1 {
                out.extend(items.into_iter().map(|(_, v)| v));
                return;
            }
            let mut slots: Vec<Vec<(u32, Value)>> = (0..32).map(|_| Vec::new()).collect();
            for (h, v) in items {
                slots[((h >> shift) & 31) as usize].push((h, v));
            }
            for slot in slots.iter_mut().filter(|s| s.len() == 1) {
                out.extend(slot.drain(..).map(|(_, v)| v));
            }
            for slot in slots.into_iter().filter(|s| s.len() > 1) {
                level(slot, shift + 5, out);
            }
        }
        let hashed = items
            .into_iter()
            .map(|v| (improve(key_of(kind, &v).hash_hash()) as u32, v))
            .collect();
        let mut out = Vec::new();
        level(hashed, 0, &mut out);
        out
    }

    proptest! {
        #[test]
        fn distinct_is_upsert(
            keys in prop::collection::vec(
                prop_oneof![
                    (0..40i32).prop_map(Value::Int),
                    (0..40i64).prop_map(Value::Long),
                    "[a-c]{0,2}".prop_map(|s| Value::str(&s)),
                    (0..3i32, 0..3i32).prop_map(|(a, b)| Value::pair(Value::Int(a), Value::Int(b))),
                    (0..5i32).prop_map(|a| Value::Double(f64::from(a))),
                ],
                0..120,
            ),
        ) {
            for kind in [SeqKind::Map, SeqKind::HashMap, SeqKind::Set] {
                let items: Vec<Value> = keys
                    .iter()
                    .enumerate()
                    .map(|(i, k)| {
                        if is_map(kind) {
                            Value::pair(k.clone(), Value::Int(i as i32))
                        } else {
                            k.clone()
                        }
                    })
                    .collect();
                let mut slow = Vec::new();
                for item in items.clone() {
                    upsert(kind, &mut slow, item);
                }
                prop_assert_eq!(Distinct::new(kind, items).items, slow);
            }
        }

        #[test]
        fn champ_order_is_the_tries_order(
            ints in prop::collection::vec(any::<i32>(), 0..300),
            words in prop::collection::vec("[a-z]{0,3}", 0..300),
        ) {
            let mut ints = ints;
            ints.dedup();
            let ints: Vec<Value> = ints.into_iter().map(Value::Int).collect();
            prop_assert_eq!(
                champ_order(SeqKind::HashSet, ints.clone()),
                trie_order(SeqKind::HashSet, ints)
            );
            let mut seen = std::collections::BTreeSet::new();
            let pairs: Vec<Value> = words
                .into_iter()
                .filter(|w| seen.insert(w.clone()))
                .enumerate()
                .map(|(i, w)| Value::pair(Value::str(&w), Value::Int(i as i32)))
                .collect();
            prop_assert_eq!(
                champ_order(SeqKind::HashMap, pairs.clone()),
                trie_order(SeqKind::HashMap, pairs)
            );
        }
    }

    use super::*;

    fn strs(v: &Value) -> Vec<String> {
        v.as_seq().unwrap().iter().map(|x| x.to_string()).collect()
    }

    fn pairs(keys: &[&str]) -> Vec<Value> {
        keys.iter()
            .map(|k| Value::pair(Value::str(k), Value::Int(k.len() as i32)))
            .collect()
    }

    // The expected orders below are what Spark 4.3.0's Scala 2.13.18 printed (oracle,
    // engine/tests/spark_oracle/maps_local).

    #[test]
    fn a_hash_map_is_in_champ_order() {
        let m = build(
            true,
            false,
            pairs(&["a", "bb", "ccc", "a", "dd", "e", "ffff", "gg", "hhh"]),
        );
        assert_eq!(
            m.to_string(),
            "HashMap(a -> 1, ccc -> 3, ffff -> 4, bb -> 2, e -> 1, hhh -> 3, dd -> 2, gg -> 2)"
        );
        let ints: Vec<Value> = (1..=6)
            .map(|i| {
                Value::pair(
                    Value::Int(i),
                    Value::str(&((b'a' + i as u8 - 1) as char).to_string()),
                )
            })
            .collect();
        assert_eq!(
            build(true, false, ints).to_string(),
            "HashMap(5 -> e, 1 -> a, 6 -> f, 2 -> b, 3 -> c, 4 -> d)"
        );
    }

    #[test]
    fn small_maps_keep_insertion_order_and_grow_into_hash_maps() {
        let m = build(true, false, pairs(&["a", "bb", "ccc"]));
        assert_eq!(m.to_string(), "Map(a -> 1, bb -> 2, ccc -> 3)");
        let Value::Seq(kind, items) = &m else {
            panic!()
        };
        let mut rt = Runtime::new(crate::trace::Detail::Counts);
        let m = added(
            &mut rt,
            *kind,
            items,
            Value::pair(Value::str("a"), Value::Int(7)),
        )
        .unwrap();
        assert_eq!(m.to_string(), "Map(a -> 7, bb -> 2, ccc -> 3)");
        assert_eq!(
            build(true, true, pairs(&["k"])).to_string(),
            "HashMap(k -> 1)"
        );
    }

    #[test]
    fn maps_and_sets_are_equal_whatever_their_order() {
        let ab = build(true, false, pairs(&["a", "bb"]));
        let ba = build(true, false, pairs(&["bb", "a"]));
        assert!(ab == ba);
        assert!(ab != build(true, false, pairs(&["a"])));
        let set = |xs: &[&str]| build(false, false, xs.iter().map(|x| Value::str(x)));
        assert!(set(&["x", "y"]) == set(&["y", "x"]));
        assert!(set(&["x"]) != ab);
    }

    #[test]
    fn a_hash_set_is_in_champ_order() {
        let words = ["a", "bb", "ccc", "a", "dd", "e", "ffff", "gg", "hhh"].map(Value::str);
        let s = build(false, false, words);
        assert_eq!(strs(&s), ["a", "ccc", "ffff", "bb", "e", "hhh", "dd", "gg"]);
        assert_eq!(s.to_string(), "HashSet(a, ccc, ffff, bb, e, hhh, dd, gg)");
    }

    #[test]
    fn collect_as_map_is_in_mutable_hash_map_order() {
        let m = mutable_hash_map(pairs(&["bb", "a", "gg", "dd", "ccc", "e", "hhh", "ffff"]));
        assert_eq!(
            m.to_string(),
            "HashMap(bb -> 2, dd -> 2, gg -> 2, a -> 1, ccc -> 3, e -> 1, hhh -> 3, ffff -> 4)"
        );
    }
}
