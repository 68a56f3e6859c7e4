//! Scala 2.13's `mutable.HashMap` and `mutable.HashSet` (what `mutable.Map(...)` and
//! `mutable.Set(...)` make), in the order Scala keeps them: the word counts a learner builds
//! with `counts(w) = counts.getOrElse(w, 0) + 1` print as Spark's JVM prints them. The same
//! updates serve `mutable.TreeMap`/`TreeSet` (kept sorted by the keys' `Ordering`) and
//! `mutable.LinkedHashMap`/`LinkedHashSet` (kept in the order keys went in): a [`Table`]
//! says which.
//!
//! The table is an array of buckets (a power of two long, 16 by default; `HashMap.from` sizes
//! it for the elements given: `mutable.Map(a -> 1)` starts at 8). A key goes to bucket
//! `h & (length - 1)` where `h` is its improved hash (`key.## ^ (key.## >>> 16)`), and each
//! bucket is kept in ascending (signed) `h`, a key after those of equal `h` already there.
//! Before every put (an update of an existing key too) the table doubles if the size plus
//! one reaches three quarters of its length; it never shrinks. Iteration is bucket by bucket.
//! So the items, kept here in iteration order, are always sorted by `(bucket, h)`, ties in
//! the order the keys went in, and the table's length is part of the value
//! ([`SeqKind::MutableMap`]), since it depends on the history of puts, not on the contents.
//!
//! A value here is immutable like every other: the interpreter takes the table out of its
//! variable, updates its items in place ([`update_in_place`]; a key is found by a binary
//! search to its bucket and hash) and binds it back (see `scala::mutation`, which does the
//! same for an `ArrayBuffer`); a task updates its own copy of a driver map, as Spark's
//! deserialized closures do (a deserialized `HashMap` is rebuilt with the same table length
//! and order).

use std::rc::Rc;

use crate::exec::Exn;
use crate::value::{SeqKind, Table, Value};

/// The updating methods of a `mutable.HashMap`.
pub const MAP_UPDATES: &[&str] = &[
    "+=",
    "++=",
    "-=",
    "--=",
    "addOne",
    "addAll",
    "subtractOne",
    "subtractAll",
    "put",
    "update",
    "remove",
    "clear",
    "getOrElseUpdate",
    "filterInPlace",
    "mapValuesInPlace",
    "retain",
];

/// The updating methods of a `mutable.HashSet`.
pub const SET_UPDATES: &[&str] = &[
    "+=",
    "++=",
    "-=",
    "--=",
    "addOne",
    "addAll",
    "subtractOne",
    "subtractAll",
    "add",
    "remove",
    "clear",
    "filterInPlace",
    "retain",
];

/// Whether `name` updates a mutable collection of `kind` in place.
pub fn is_update(kind: SeqKind, name: &str) -> bool {
    match kind {
        SeqKind::MutableMap(_) => MAP_UPDATES.contains(&name),
        SeqKind::MutableSet(_) => SET_UPDATES.contains(&name),
        _ => false,
    }
}

/// `HashMap.defaultInitialCapacity`'s table.
const DEFAULT_LENGTH: u32 = 16;

/// `tableSizeFor(capacity)`: twice the highest power of two up to `max(capacity - 1, 4)`.
fn table_size_for(capacity: i64) -> u32 {
    let c = (capacity - 1).max(4) as u64;
    let highest = 1u64 << (63 - c.leading_zeros());
    (highest * 2).min(1 << 30) as u32
}

/// `newThreshold(length)`: three quarters of it, rounded down.
fn threshold(length: u32) -> usize {
    (f64::from(length) * 0.75) as usize
}

/// `improveHash(key.##)`.
fn improved(key: &Value) -> i32 {
    let h = key.hash_hash();
    h ^ ((h as u32) >> 16) as i32
}

/// A collection being updated: whether it maps, how it keeps its items, its items in
/// iteration order.
struct Updating<'a> {
    map: bool,
    table: Table,
    items: &'a mut Vec<Value>,
}

/// Whether `kind` maps, and its table; `None` for a kind that is no mutable map or set.
fn shape(kind: SeqKind) -> Option<(bool, Table)> {
    match kind {
        SeqKind::MutableMap(t) => Some((true, t)),
        SeqKind::MutableSet(t) => Some((false, t)),
        _ => None,
    }
}

/// The key of a table's item: a map's entry's key, a set's element.
fn key_of(map: bool, item: &Value) -> &Value {
    if map {
        item.pair_key().unwrap_or(item)
    } else {
        item
    }
}

/// Where a key of improved hash `h` goes in a table of `length`: its bucket, then `h`.
fn place(length: u32, h: i32) -> (u32, i32) {
    (h as u32 & (length - 1), h)
}

/// The keys' `Ordering` (a tree's); keys it cannot compare (Scala would not compile their
/// map) as equal.
fn compare(a: &Value, b: &Value) -> std::cmp::Ordering {
    crate::ordering::compare(a, b).unwrap_or(std::cmp::Ordering::Equal)
}

/// The index of `key` among a table's `items`: a hash table's by a binary search to its
/// bucket and hash (the items are in that order), then the keys of equal hash; a tree's by
/// a binary search; a linked one's by a scan.
fn find(map: bool, table: Table, items: &[Value], key: &Value) -> Option<usize> {
    match table {
        Table::Hash(length) => {
            let at = place(length, improved(key));
            let first = items.partition_point(|x| place(length, improved(key_of(map, x))) < at);
            items[first..]
                .iter()
                .take_while(|x| place(length, improved(key_of(map, x))) == at)
                .position(|x| key_of(map, x) == key)
                .map(|i| first + i)
        }
        Table::Tree => items
            .binary_search_by(|x| compare(key_of(map, x), key))
            .ok(),
        Table::Linked => items.iter().position(|x| key_of(map, x) == key),
    }
}

impl<'a> Updating<'a> {
    fn of(kind: SeqKind, items: &'a mut Vec<Value>) -> Option<Updating<'a>> {
        let (map, table) = shape(kind)?;
        Some(Updating { map, table, items })
    }

    fn kind(&self) -> SeqKind {
        if self.map {
            SeqKind::MutableMap(self.table)
        } else {
            SeqKind::MutableSet(self.table)
        }
    }

    fn key<'v>(&self, item: &'v Value) -> &'v Value {
        key_of(self.map, item)
    }

    fn find(&self, key: &Value) -> Option<usize> {
        find(self.map, self.table, self.items, key)
    }

    /// A hash table's `growTable(length * 2)` when a put would reach the threshold.
    fn grow_before_put(&mut self) {
        let Table::Hash(length) = self.table else {
            return;
        };
        if self.items.len() + 1 >= threshold(length) && length < 1 << 30 {
            let length = length * 2;
            self.table = Table::Hash(length);
            let mut keyed: Vec<((u32, i32), Value)> = std::mem::take(self.items)
                .into_iter()
                .map(|v| (place(length, improved(self.key(&v))), v))
                .collect();
            // Splitting a bucket keeps its order, so a stable sort is the new table's.
            crate::sort::sort_by(&mut keyed, |a, b| a.0.cmp(&b.0));
            *self.items = keyed.into_iter().map(|(_, v)| v).collect();
        }
    }

    /// `put0` (a map's entry, a set's element): the old entry when the key was there.
    fn put(&mut self, item: Value) -> Option<Value> {
        self.grow_before_put();
        self.insert(item)
    }

    /// The put itself, once the table has its length.
    fn insert(&mut self, item: Value) -> Option<Value> {
        let key = self.key(&item).clone();
        if let Some(i) = self.find(&key) {
            // A set keeps its element; a map takes the new value in place, under the key it
            // had (equal keys differ only by a class's own `equals`).
            return Some(if self.map {
                let new = super::collections::keep_key(&self.items[i], item);
                std::mem::replace(&mut self.items[i], new)
            } else {
                self.items[i].clone()
            });
        }
        let map = self.map;
        let i = match self.table {
            Table::Hash(length) => {
                let at = place(length, improved(&key));
                self.items
                    .partition_point(|x| place(length, improved(key_of(map, x))) <= at)
            }
            Table::Tree => self
                .items
                .partition_point(|x| compare(key_of(map, x), &key).is_lt()),
            Table::Linked => self.items.len(),
        };
        self.items.insert(i, item);
        None
    }

    fn remove(&mut self, key: &Value) -> Option<Value> {
        self.find(key).map(|i| self.items.remove(i))
    }
}

/// A table of `kind` holding `items`, as a value.
fn table_value(kind: SeqKind, items: Vec<Value>) -> Value {
    Value::Seq(kind, Rc::new(items))
}

/// `mutable.HashMap.from(items)` (`mutable.Map(a -> 1, ...)`, `mutable.Set(...)`,
/// `mutable.Map[K, V]()`): a table sized for the elements given, filled in their order.
pub fn from(map: bool, items: Vec<Value>) -> Result<Value, Exn> {
    let length = match items.len() {
        0 => DEFAULT_LENGTH,
        k => table_size_for((((k + 1) as f64) / 0.75) as i64),
    };
    from_table(map, Table::Hash(length), items)
}

/// A mutable map or set kept as `table` is, filled with `items` in their order (a
/// `mutable.TreeMap(...)`, a `LinkedHashSet(...)`; a hash table from the length given).
pub fn from_table(map: bool, table: Table, items: Vec<Value>) -> Result<Value, Exn> {
    let mut out = Vec::with_capacity(items.len());
    let mut t = Updating {
        map,
        table,
        items: &mut out,
    };
    for item in items {
        if map && item.as_pair().is_none() {
            return Err(type_mismatch(&item));
        }
        t.put(item);
    }
    let kind = t.kind();
    Ok(table_value(kind, out))
}

/// A new collection like `kind` filled with `items` (a builder's result: `filter`, `map`):
/// a hash table from the default length, a tree or a linked one as `kind` is.
pub fn build(kind: SeqKind, items: Vec<Value>) -> Value {
    let (map, table) = shape(kind).unwrap_or((super::collections::is_map(kind), Table::Hash(0)));
    let table = match table {
        Table::Hash(_) => Table::Hash(DEFAULT_LENGTH),
        t => t,
    };
    let mut out = Vec::with_capacity(items.len());
    let mut t = Updating {
        map,
        table,
        items: &mut out,
    };
    for item in items {
        t.put(item);
    }
    let kind = t.kind();
    table_value(kind, out)
}

/// A map's entry from an argument: a pair (`k -> v`, `(k, v)`).
fn entry(v: Value) -> Result<Value, Exn> {
    match v.as_pair() {
        Some(_) => Ok(v),
        None => Err(type_mismatch(&v)),
    }
}

fn type_mismatch(v: &Value) -> Exn {
    Exn::unsupported(format!(
        "type mismatch: found {}, required (K, V)",
        v.type_name()
    ))
}

/// An update: the collection's new value and what the call returns.
pub struct Updated {
    /// The new contents (with the table's length).
    pub value: Value,
    /// The call's result (`+=` the collection itself, `put` the old value, `add` whether
    /// the element was new).
    pub result: Value,
}

/// [`update_in_place`] of a copy of `items`.
pub fn update(
    kind: SeqKind,
    items: &[Value],
    name: &str,
    args: Vec<Value>,
) -> Result<Updated, Exn> {
    let (mut kind, mut items) = (kind, items.to_vec());
    let result = update_in_place(&mut kind, &mut items, name, args)?;
    let value = table_value(kind, items);
    Ok(Updated {
        result: result.unwrap_or_else(|| value.clone()),
        value,
    })
}

/// `coll.name(args)` for an updating method of a mutable map or set, on its `items` in place
/// (`kind` takes the table's new length): the call's result, `None` for the collection
/// itself (`+=` and kin). An update that fails leaves the table as it was.
pub fn update_in_place(
    kind: &mut SeqKind,
    items: &mut Vec<Value>,
    name: &str,
    args: Vec<Value>,
) -> Result<Option<Value>, Exn> {
    let unsupported = || Exn::unsupported(format!("{name} on a {}", kind_name(*kind)));
    let mut t = Updating::of(*kind, items).ok_or_else(unsupported)?;
    let map = t.map;
    let mut args = args.into_iter();
    let mut arg = || {
        args.next()
            .ok_or_else(|| Exn::unsupported(format!("{name}: not enough arguments")))
    };
    let elems = |v: Value| super::mutation::elements(name, v);
    let entries = |v: Value| -> Result<Vec<Value>, Exn> {
        elems(v)?
            .into_iter()
            .map(|x| if map { entry(x) } else { Ok(x) })
            .collect()
    };
    let value_of = |e: Option<Value>| e.and_then(|x| x.as_pair().map(|(_, v)| v.clone()));
    let mut result = Some(Value::Unit);
    match name {
        "+=" | "addOne" => {
            let x = arg()?;
            t.put(if map { entry(x)? } else { x });
            result = None;
        }
        "++=" | "addAll" => {
            for x in entries(arg()?)? {
                t.put(x);
            }
            result = None;
        }
        "-=" | "subtractOne" => {
            t.remove(&arg()?);
            result = None;
        }
        "--=" | "subtractAll" => {
            for k in elems(arg()?)? {
                t.remove(&k);
            }
            result = None;
        }
        "put" if map => {
            let (k, v) = (arg()?, arg()?);
            result = Some(Value::option(value_of(t.put(Value::pair(k, v)))));
        }
        "update" if map => {
            let (k, v) = (arg()?, arg()?);
            t.put(Value::pair(k, v));
        }
        "add" => result = Some(Value::Bool(t.put(arg()?).is_none())),
        "remove" if map => result = Some(Value::option(value_of(t.remove(&arg()?)))),
        "remove" => result = Some(Value::Bool(t.remove(&arg()?).is_some())),
        "clear" => t.items.clear(),
        "getOrElseUpdate" if map => {
            // The default is evaluated by the caller only when the key is absent.
            let (k, v) = (arg()?, arg()?);
            result = Some(match t.find(&k) {
                Some(i) => value_of(Some(t.items[i].clone())).unwrap_or(Value::Null),
                None => {
                    t.grow_before_put();
                    t.insert(Value::pair(k, v.clone()));
                    v
                }
            });
        }
        _ => return Err(unsupported()),
    }
    *kind = t.kind();
    Ok(result)
}

/// Whether a map of `kind` and `items` has `key` (for `getOrElseUpdate`'s lazy default).
pub fn has_key(kind: SeqKind, items: &[Value], key: &Value) -> bool {
    shape(kind).is_some_and(|(map, table)| find(map, table, items, key).is_some())
}

fn kind_name(kind: SeqKind) -> String {
    let (map, table) = shape(kind).unwrap_or((true, Table::Hash(0)));
    format!("mutable.{}", table.class_name(map))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put_all(v: Value, name: &str, xs: Vec<Value>) -> Value {
        let mut v = v;
        for x in xs {
            let Value::Seq(kind, items) = &v else {
                panic!()
            };
            v = update(*kind, items, name, vec![x]).unwrap().value;
        }
        v
    }

    #[test]
    fn table_sizes_are_scala_s() {
        assert_eq!(table_size_for(16), 16);
        assert_eq!(table_size_for(2), 8);
        assert_eq!(table_size_for(8), 8);
        assert_eq!(table_size_for(9), 16);
        assert_eq!(table_size_for(17), 32);
        let Value::Seq(kind, _) = from(true, Vec::new()).unwrap() else {
            panic!()
        };
        assert_eq!(kind, SeqKind::MutableMap(Table::Hash(16)));
        let one = vec![Value::pair(Value::str("a"), Value::Int(1))];
        let Value::Seq(kind, _) = from(true, one).unwrap() else {
            panic!()
        };
        assert_eq!(kind, SeqKind::MutableMap(Table::Hash(8)));
    }

    #[test]
    fn the_table_grows_before_the_put_that_reaches_three_quarters_even_an_update() {
        // Eleven keys in a table of 16 (threshold 12): no growth yet.
        let keys: Vec<Value> = (0..11).map(Value::Int).collect();
        let s = put_all(from(false, Vec::new()).unwrap(), "+=", keys);
        let Value::Seq(kind, items) = &s else {
            panic!()
        };
        assert_eq!(*kind, SeqKind::MutableSet(Table::Hash(16)));
        // Adding a key already there still doubles the table first.
        let again = update(*kind, items, "+=", vec![Value::Int(3)])
            .unwrap()
            .value;
        let Value::Seq(kind, items) = &again else {
            panic!()
        };
        assert_eq!(*kind, SeqKind::MutableSet(Table::Hash(32)));
        assert_eq!(items.len(), 11);
        // Small ints hash to themselves: bucket order is numeric order.
        let shown: Vec<String> = items.iter().map(|v| v.to_string()).collect();
        assert_eq!(shown, (0..11).map(|i| i.to_string()).collect::<Vec<_>>());
    }

    #[test]
    fn keys_sharing_a_bucket_are_in_hash_order_and_removal_does_not_shrink() {
        // 1 and 17 share bucket 1 of 16; 33 too. Put out of order, they come out sorted.
        let s = put_all(
            from(false, Vec::new()).unwrap(),
            "+=",
            vec![Value::Int(33), Value::Int(2), Value::Int(1), Value::Int(17)],
        );
        assert_eq!(s.to_string(), "HashSet(1, 17, 33, 2)");
        let s = put_all(s, "-=", vec![Value::Int(17)]);
        assert_eq!(s.to_string(), "HashSet(1, 33, 2)");
        let Value::Seq(kind, _) = &s else { panic!() };
        assert_eq!(*kind, SeqKind::MutableSet(Table::Hash(16)));
    }

    #[test]
    fn map_updates_return_what_scala_returns() {
        let m = from(true, Vec::new()).unwrap();
        let Value::Seq(kind, items) = &m else {
            panic!()
        };
        let u = update(*kind, items, "put", vec![Value::str("a"), Value::Int(1)]).unwrap();
        assert_eq!(u.result.to_string(), "None");
        let Value::Seq(kind, items) = &u.value else {
            panic!()
        };
        let u = update(*kind, items, "put", vec![Value::str("a"), Value::Int(2)]).unwrap();
        assert_eq!(u.result.to_string(), "Some(1)");
        assert_eq!(u.value.to_string(), "HashMap(a -> 2)");
        let Value::Seq(kind, items) = &u.value else {
            panic!()
        };
        let u = update(*kind, items, "remove", vec![Value::str("a")]).unwrap();
        assert_eq!(u.result.to_string(), "Some(2)");
        assert_eq!(u.value.to_string(), "HashMap()");
    }
}
