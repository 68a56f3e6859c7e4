//! Scala 2.13's `mutable.HashMap` and `mutable.HashSet` (what `mutable.Map(...)` and
//! `mutable.Set(...)` make), in the order Scala keeps them: the word counts a learner builds
//! with `counts(w) = counts.getOrElse(w, 0) + 1` print as Spark's JVM prints them.
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
//! A value here is immutable like every other: an update makes the new contents and the
//! interpreter binds them to the variable (see `scala::mutation`, which does the same for an
//! `ArrayBuffer`); a task updates its own copy of a driver map, as Spark's deserialized
//! closures do (a deserialized `HashMap` is rebuilt with the same table length and order).

use std::rc::Rc;

use crate::exec::Exn;
use crate::value::{SeqKind, Value};

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

/// A table being updated: whether it maps, its length, its items in iteration order.
struct Table {
    map: bool,
    length: u32,
    items: Vec<Value>,
}

impl Table {
    fn of(kind: SeqKind, items: &[Value]) -> Option<Table> {
        let (map, length) = match kind {
            SeqKind::MutableMap(n) => (true, n),
            SeqKind::MutableSet(n) => (false, n),
            _ => return None,
        };
        Some(Table {
            map,
            length,
            items: items.to_vec(),
        })
    }

    fn empty(map: bool, length: u32) -> Table {
        Table {
            map,
            length,
            items: Vec::new(),
        }
    }

    fn key<'a>(&self, item: &'a Value) -> &'a Value {
        if self.map {
            item.pair_key().unwrap_or(item)
        } else {
            item
        }
    }

    fn place(&self, h: i32) -> (u32, i32) {
        (h as u32 & (self.length - 1), h)
    }

    fn find(&self, key: &Value) -> Option<usize> {
        self.items.iter().position(|x| self.key(x) == key)
    }

    /// `growTable(length * 2)` when a put would reach the threshold.
    fn grow_before_put(&mut self) {
        if self.items.len() + 1 >= threshold(self.length) && self.length < 1 << 30 {
            self.length *= 2;
            let mut keyed: Vec<((u32, i32), Value)> = std::mem::take(&mut self.items)
                .into_iter()
                .map(|v| (self.place(improved(self.key(&v))), v))
                .collect();
            // Splitting a bucket keeps its order, so a stable sort is the new table's.
            crate::sort::sort_by(&mut keyed, |a, b| a.0.cmp(&b.0));
            self.items = keyed.into_iter().map(|(_, v)| v).collect();
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
            // A set keeps its element; a map takes the new value in place.
            return Some(if self.map {
                std::mem::replace(&mut self.items[i], item)
            } else {
                self.items[i].clone()
            });
        }
        let at = self.place(improved(&key));
        let i = self
            .items
            .partition_point(|x| self.place(improved(self.key(x))) <= at);
        self.items.insert(i, item);
        None
    }

    fn remove(&mut self, key: &Value) -> Option<Value> {
        self.find(key).map(|i| self.items.remove(i))
    }

    fn value(self) -> Value {
        let kind = if self.map {
            SeqKind::MutableMap(self.length)
        } else {
            SeqKind::MutableSet(self.length)
        };
        Value::Seq(kind, Rc::new(self.items))
    }
}

/// `mutable.HashMap.from(items)` (`mutable.Map(a -> 1, ...)`, `mutable.Set(...)`,
/// `mutable.Map[K, V]()`): a table sized for the elements given, filled in their order.
pub fn from(map: bool, items: Vec<Value>) -> Result<Value, Exn> {
    let length = match items.len() {
        0 => DEFAULT_LENGTH,
        k => table_size_for((((k + 1) as f64) / 0.75) as i64),
    };
    let mut t = Table::empty(map, length);
    for item in items {
        if map && item.as_pair().is_none() {
            return Err(type_mismatch(&item));
        }
        t.put(item);
    }
    Ok(t.value())
}

/// A new table of the same kind filled with `items` (a builder's result: `filter`, `map`).
pub fn build(map: bool, items: Vec<Value>) -> Value {
    let mut t = Table::empty(map, DEFAULT_LENGTH);
    for item in items {
        t.put(item);
    }
    t.value()
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

/// `coll.name(args)` for an updating method of a mutable map or set (`kind`, `items`).
pub fn update(
    kind: SeqKind,
    items: &[Value],
    name: &str,
    args: Vec<Value>,
) -> Result<Updated, Exn> {
    let mut t = Table::of(kind, items)
        .ok_or_else(|| Exn::unsupported(format!("{name} on a {}", kind_name(kind))))?;
    let map = t.map;
    let mut args = args.into_iter();
    let mut arg = || {
        args.next()
            .ok_or_else(|| Exn::unsupported(format!("{name}: not enough arguments")))
    };
    let elems = |v: Value| super::mutation::elements(name, v);
    let value_of = |e: Option<Value>| e.and_then(|x| x.as_pair().map(|(_, v)| v.clone()));
    let mut result = Value::Unit;
    let mut returns_self = false;
    match name {
        "+=" | "addOne" => {
            let x = arg()?;
            t.put(if map { entry(x)? } else { x });
            returns_self = true;
        }
        "++=" | "addAll" => {
            let xs = elems(arg()?)?;
            for x in xs {
                t.put(if map { entry(x)? } else { x });
            }
            returns_self = true;
        }
        "-=" | "subtractOne" => {
            t.remove(&arg()?);
            returns_self = true;
        }
        "--=" | "subtractAll" => {
            for k in elems(arg()?)? {
                t.remove(&k);
            }
            returns_self = true;
        }
        "put" if map => {
            let (k, v) = (arg()?, arg()?);
            result = Value::option(value_of(t.put(Value::pair(k, v))));
        }
        "update" if map => {
            let (k, v) = (arg()?, arg()?);
            t.put(Value::pair(k, v));
        }
        "add" => result = Value::Bool(t.put(arg()?).is_none()),
        "remove" if map => result = Value::option(value_of(t.remove(&arg()?))),
        "remove" => result = Value::Bool(t.remove(&arg()?).is_some()),
        "clear" => t.items.clear(),
        "getOrElseUpdate" if map => {
            // The default is evaluated by the caller only when the key is absent.
            let (k, v) = (arg()?, arg()?);
            match t.find(&k) {
                Some(i) => result = value_of(Some(t.items[i].clone())).unwrap_or(Value::Null),
                None => {
                    t.grow_before_put();
                    t.insert(Value::pair(k, v.clone()));
                    result = v;
                }
            }
        }
        _ => return Err(Exn::unsupported(format!("{name} on a {}", kind_name(kind)))),
    }
    let value = t.value();
    if returns_self {
        result = value.clone();
    }
    Ok(Updated { value, result })
}

/// Whether a map of `kind` and `items` has `key` (for `getOrElseUpdate`'s lazy default).
pub fn has_key(kind: SeqKind, items: &[Value], key: &Value) -> bool {
    Table::of(kind, items).is_some_and(|t| t.find(key).is_some())
}

fn kind_name(kind: SeqKind) -> &'static str {
    match kind {
        SeqKind::MutableSet(_) => "mutable.HashSet",
        _ => "mutable.HashMap",
    }
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
        assert_eq!(kind, SeqKind::MutableMap(16));
        let one = vec![Value::pair(Value::str("a"), Value::Int(1))];
        let Value::Seq(kind, _) = from(true, one).unwrap() else {
            panic!()
        };
        assert_eq!(kind, SeqKind::MutableMap(8));
    }

    #[test]
    fn the_table_grows_before_the_put_that_reaches_three_quarters_even_an_update() {
        // Eleven keys in a table of 16 (threshold 12): no growth yet.
        let keys: Vec<Value> = (0..11).map(Value::Int).collect();
        let s = put_all(from(false, Vec::new()).unwrap(), "+=", keys);
        let Value::Seq(kind, items) = &s else {
            panic!()
        };
        assert_eq!(*kind, SeqKind::MutableSet(16));
        // Adding a key already there still doubles the table first.
        let again = update(*kind, items, "+=", vec![Value::Int(3)])
            .unwrap()
            .value;
        let Value::Seq(kind, items) = &again else {
            panic!()
        };
        assert_eq!(*kind, SeqKind::MutableSet(32));
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
        assert_eq!(*kind, SeqKind::MutableSet(16));
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
