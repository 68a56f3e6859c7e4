//! Runtime values of the Scala subset, with Scala's and Java's rules for printing,
//! equality and hashing.
//!
//! Printing follows `toString` (`(hello,1)`, `Some(2)`, `List(1, 2)`, `Seq(1)` for a `CompactBuffer`), so
//! `print()` shows what Spark shows. Hashing follows `hashCode` and `##` (Java's `String`
//! hash over UTF-16 units, Scala 2.13's `MurmurHash3` for tuples), because Spark's
//! `HashPartitioner` and its hash maps place keys by them: with the same hashes, every key
//! lands in the partition, and every map iterates in the order, it does on Spark.

use std::cell::RefCell;
use std::fmt::{self, Write as _};
use std::rc::Rc;

use crate::hash;
use crate::scala::case_class::CaseObj;

const _: () = assert!(
    std::mem::size_of::<Value>() <= 24,
    "a Value stays three words"
);

/// How a range was written, beyond its numbers: what `Range.toString` needs. For a range
/// with numbers, `edge` is its end less its last number; for an empty one, its start (and
/// `width` its end less its start). Steps and offsets beyond 16 bits print approximately.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RangeForm {
    /// `until` rather than `to`.
    pub until: bool,
    /// The step (`by`).
    pub step: i16,
    /// See the type.
    pub edge: i16,
    /// See the type.
    pub width: i16,
}

impl RangeForm {
    /// The range `start (to|until) end by step`, with its numbers (`Err`: more than `cap`).
    pub fn range(start: i64, end: i64, step: i64, until: bool, cap: usize) -> Result<Value, usize> {
        let mut items = Vec::new();
        let mut i = start;
        while step != 0
            && (if step > 0 {
                i < end || (!until && i == end)
            } else {
                i > end || (!until && i == end)
            })
        {
            if items.len() == cap {
                return Err(cap);
            }
            items.push(Value::Int(i as i32));
            i += step;
        }
        let narrow = |x: i64| x.clamp(i16::MIN as i64, i16::MAX as i64) as i16;
        let (edge, width) = match items.last() {
            Some(Value::Int(last)) => (narrow(end - *last as i64), 0),
            _ => (narrow(start), narrow(end - start)),
        };
        let form = RangeForm {
            until,
            step: narrow(step),
            edge,
            width,
        };
        Ok(Value::Seq(SeqKind::Range(form), Rc::new(items)))
    }

    /// `Range.toString`: `Range 1 to 5`, `Range 0 until 6 by 2`, `empty Range 1 until 1`.
    fn write(&self, items: &[Value], out: &mut String) {
        let (start, end) = match (items.first(), items.last()) {
            (Some(Value::Int(a)), Some(Value::Int(b))) => (*a as i64, *b as i64 + self.edge as i64),
            _ => (self.edge as i64, self.edge as i64 + self.width as i64),
        };
        let empty = if items.is_empty() { "empty " } else { "" };
        let word = if self.until { "until" } else { "to" };
        let _ = write!(out, "{empty}Range {start} {word} {end}");
        if self.step != 1 {
            let _ = write!(out, " by {}", self.step);
        }
    }
}

/// How a mutable map or set keeps its entries, which decides their order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    /// `mutable.HashMap`/`HashSet`: a hash table of this length; buckets by the key's
    /// improved hash, each in hash order.
    Hash(u32),
    /// `mutable.TreeMap`/`TreeSet` (`mutable.SortedMap`/`SortedSet`): sorted by the keys'
    /// `Ordering`.
    Tree,
    /// `mutable.LinkedHashMap`/`LinkedHashSet`: in the order the keys went in (an update
    /// keeps a key's place).
    Linked,
}

impl Table {
    /// The class's simple name, map or set: `HashMap`, `TreeSet`, `LinkedHashMap`.
    pub fn class_name(self, map: bool) -> &'static str {
        match (self, map) {
            (Table::Hash(_), true) => "HashMap",
            (Table::Hash(_), false) => "HashSet",
            (Table::Tree, true) => "TreeMap",
            (Table::Tree, false) => "TreeSet",
            (Table::Linked, true) => "LinkedHashMap",
            (Table::Linked, false) => "LinkedHashSet",
        }
    }
}

/// What kind of sequence a `Seq` value is; it decides only how the value prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeqKind {
    /// `List(1, 2)`: `List`, `Seq(...)`, `toList`, `(1 to 5).toList`.
    List,
    /// Spark's `CompactBuffer`: the values `groupByKey` and `cogroup` hand out. It prints as
    /// `Seq(1, 2)` (a Scala 2.13 `Seq` that does not name itself; Spark 4.3, oracle).
    CompactBuffer,
    /// `ArrayBuffer(1, 2)`.
    ArrayBuffer,
    /// `ListBuffer(1, 2)` (`mutable.ListBuffer`): updated as an `ArrayBuffer` is.
    ListBuffer,
    /// A `mutable.Queue`'s items (`Queue(1, 2)`), front first: what its sequence methods see
    /// (the queue itself is a `scala::queue::QueueObj`).
    Queue,
    /// A `mutable.Stack`'s items (`Stack(2, 1)`), top first.
    Stack,
    /// `Vector(1, 2)`.
    Vector,
    /// `ArraySeq(1, 2)`: an array as an immutable `Seq` (`array.toSeq`, `lookup`).
    ArraySeq,
    /// `Range 1 to 5`, `Range 0 until 6 by 2`: a range's numbers, printed as written.
    Range(RangeForm),
    /// `Array`: prints as the JVM does (`[Ljava.lang.String;@1b6d3586`); arrays from
    /// `split` and `glom`.
    Array,
    /// An immutable `Map` of up to four entries (`Map1`..`Map4`): `(key, value)` pairs in
    /// insertion order, printed `Map(k -> v)` (see `scala::collections`).
    Map,
    /// An immutable `HashMap` (CHAMP order), or Spark's `collectAsMap` (`mutable.HashMap`).
    HashMap,
    /// An immutable `Set` of up to four elements, in insertion order.
    Set,
    /// An immutable `HashSet` (CHAMP order).
    HashSet,
    /// An immutable `TreeMap` (`SortedMap(...)`): entries sorted by their keys' `Ordering`.
    TreeMap,
    /// An immutable `TreeSet` (`SortedSet(...)`): elements sorted by their `Ordering`.
    TreeSet,
    /// A `mutable.TreeMap`'s `keySet`, sorted: printed `SortedSet(a, b)`; what it builds is a
    /// `TreeSet`.
    SortedKeys,
    /// A sorted or linked map's `keys`, typed `Iterable` (see [`KeysOf`]).
    Keys(KeysOf),
    /// A mutable map, in its [`Table`]'s order (see `scala::mutable_map`): a
    /// `mutable.HashMap` (`mutable.Map`) prints `HashMap(k -> v)`, a `mutable.TreeMap`
    /// `TreeMap(k -> v)`, a `mutable.LinkedHashMap` `LinkedHashMap(k -> v)`.
    MutableMap(Table),
    /// A mutable set, in its [`Table`]'s order: `HashSet(x)`, `TreeSet(x)`,
    /// `LinkedHashSet(x)`.
    MutableSet(Table),
    /// A plain `Iterable` (a map's `values`).
    Iterable,
    /// A `java.util.List` (a `CollectionAccumulator`'s value), printed `[a, b]`.
    JavaList,
}

/// Whose `keys` a [`SeqKind::Keys`] is. Scala 2.13 types a map's `keys` as an `Iterable`, so
/// its `map` (`flatMap`, `collect`, `++`, `zipWithIndex`) is `Iterable`'s, which builds with
/// the keys' `iterableFactory`, while `filter` (`take`, `partition`) keeps their own class
/// (Spark 4.3.0's Scala, oracle fixture `map_keys_values`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeysOf {
    /// An immutable `TreeMap`'s: printed `TreeSet(a, b)`; mapped, a `Set`; filtered, a `TreeSet`.
    Tree,
    /// A `mutable.TreeMap`'s: printed `SortedSet(a, b)`; mapped, a `Set`; filtered, a `TreeSet`.
    MutableTree,
    /// A `mutable.LinkedHashMap`'s (its `keySet` too): printed `Set(b, a)`, in insertion order;
    /// mapped or filtered, a `LinkedHashSet`.
    Linked,
}

/// A runtime value.
#[derive(Clone)]
pub enum Value {
    /// `()`.
    Unit,
    /// `null`.
    Null,
    /// `Boolean`.
    Bool(bool),
    /// `Int`, with Java's wrapping arithmetic.
    Int(i32),
    /// `Long`.
    Long(i64),
    /// `Double`.
    Double(f64),
    /// `Char`.
    Char(char),
    /// `String`.
    Str(Rc<str>),
    /// A tuple `(a, b, ...)`.
    Tuple(Rc<[Value]>),
    /// `Some(v)`.
    Some(Rc<Value>),
    /// `None`.
    None,
    /// A sequence: `List`, `Array`, `CompactBuffer`, ...
    Seq(SeqKind, Rc<Vec<Value>>),
    /// Anything else the interpreter knows (functions, DStreams, RDDs, `State`, contexts).
    Obj(Rc<dyn Object>),
}

/// A value the interpreter implements natively: closures, DStream handles, `State`, ...
pub trait Object {
    /// The class name, as in type-mismatch messages (`DStream`, `State`).
    fn class_name(&self) -> String;
    /// `toString`.
    fn to_string_scala(&self) -> String {
        format!("{}@{:x}", self.class_name(), 0x1b6d3586)
    }
    /// Downcasting support.
    fn as_any(&self) -> &dyn std::any::Any;
    /// What this object is once Spark has serialized it to a checkpoint, when that changes it
    /// in place (a `mapWithState` state map compacts its chain of deltas); `None`: unchanged.
    fn after_checkpoint_write(&self) -> Option<Value> {
        None
    }
    /// What a task that reads this driver object works on: a mutable object's copy, as
    /// deserialised with the task's closure (a `StringBuilder`, a `Random`); `None`: the
    /// object itself (immutable, or shared on purpose).
    fn task_copy(&self) -> Option<Value> {
        None
    }
    /// The collection this object stands for in equality and hashing (a map with a default
    /// equals its map); `None`: compared by identity.
    fn as_value(&self) -> Option<Value> {
        None
    }
    /// `hashCode` when the object has one of its own (a program's class that overrides it);
    /// `None`: its class name's.
    fn hash_code(&self) -> Option<i32> {
        None
    }
    /// `equals(other)` when the object has one of its own; `None`: as below.
    fn equals(&self, other: &Value) -> Option<bool> {
        let _ = other;
        None
    }
    /// Whether `other` is equal to this object by value (Spark's `Time` and `Duration` are
    /// case classes); `false`: compared by identity.
    fn same(&self, other: &dyn Object) -> bool {
        let _ = other;
        false
    }
}

impl Value {
    /// A `String` value.
    pub fn str(s: &str) -> Value {
        match crate::utf16::join_halves(s) {
            Some(joined) => Value::Str(Rc::from(joined)),
            None => Value::Str(Rc::from(s)),
        }
    }

    /// A pair `(a, b)`.
    pub fn pair(a: Value, b: Value) -> Value {
        Value::Tuple(Rc::from([a, b]))
    }

    /// A `List`.
    pub fn list(items: Vec<Value>) -> Value {
        Value::Seq(SeqKind::List, Rc::new(items))
    }

    /// `Some(v)` or `None`.
    pub fn option(v: Option<Value>) -> Value {
        match v {
            Some(v) => Value::Some(Rc::new(v)),
            None => Value::None,
        }
    }

    /// If this is a pair, its two halves.
    pub fn as_pair(&self) -> Option<(&Value, &Value)> {
        match self {
            Value::Tuple(t) if t.len() == 2 => Some((&t[0], &t[1])),
            _ => None,
        }
    }

    /// The key of a pair (for per-key call counting), else `None`.
    pub fn pair_key(&self) -> Option<&Value> {
        self.as_pair().map(|(k, _)| k)
    }

    /// The Scala type name, for messages.
    pub fn type_name(&self) -> String {
        match self {
            Value::Unit => "Unit".into(),
            Value::Null => "Null".into(),
            Value::Bool(_) => "Boolean".into(),
            Value::Int(_) => "Int".into(),
            Value::Long(_) => "Long".into(),
            Value::Double(_) => "Double".into(),
            Value::Char(_) => "Char".into(),
            Value::Str(_) => "String".into(),
            Value::Tuple(t) => {
                let inner: Vec<String> = t.iter().map(Value::type_name).collect();
                format!("({})", inner.join(", "))
            }
            Value::Some(v) => format!("Some[{}]", v.type_name()),
            Value::None => "None.type".into(),
            Value::Seq(k, _) => match k {
                SeqKind::List => "List".into(),
                SeqKind::CompactBuffer => "CompactBuffer".into(),
                SeqKind::ArrayBuffer => "ArrayBuffer".into(),
                SeqKind::ListBuffer => "ListBuffer".into(),
                SeqKind::Queue => "Queue".into(),
                SeqKind::Stack => "Stack".into(),
                SeqKind::Vector => "Vector".into(),
                SeqKind::ArraySeq => "ArraySeq".into(),
                SeqKind::Range(_) => "Range".into(),
                SeqKind::Array => "Array".into(),
                SeqKind::Map => "Map".into(),
                SeqKind::HashMap => "HashMap".into(),
                SeqKind::Set => "Set".into(),
                SeqKind::HashSet => "HashSet".into(),
                SeqKind::TreeMap => "TreeMap".into(),
                SeqKind::TreeSet => "TreeSet".into(),
                SeqKind::SortedKeys | SeqKind::Keys(KeysOf::MutableTree) => "SortedSet".into(),
                SeqKind::Keys(KeysOf::Tree) => "TreeSet".into(),
                SeqKind::Keys(KeysOf::Linked) => "Set".into(),
                SeqKind::MutableMap(t) => {
                    format!("scala.collection.mutable.{}", t.class_name(true))
                }
                SeqKind::MutableSet(t) => {
                    format!("scala.collection.mutable.{}", t.class_name(false))
                }
                SeqKind::Iterable => "Iterable".into(),
                SeqKind::JavaList => "java.util.List".into(),
            },
            Value::Obj(o) => o.class_name(),
        }
    }

    /// Downcast an object value.
    pub fn obj<T: 'static>(&self) -> Option<&T> {
        match self {
            Value::Obj(o) => o.as_any().downcast_ref::<T>(),
            _ => None,
        }
    }

    /// Java's `hashCode()` of the boxed value: what `HashPartitioner` and Spark's hash maps use.
    pub fn hash_code(&self) -> i32 {
        match self {
            Value::Unit => 0,
            Value::Null => 0,
            Value::Bool(b) => {
                if *b {
                    1231
                } else {
                    1237
                }
            }
            Value::Int(i) => *i,
            Value::Long(l) => (*l ^ ((*l as u64) >> 32) as i64) as i32,
            Value::Double(d) => {
                let bits = if d.is_nan() {
                    0x7ff8000000000000u64
                } else {
                    d.to_bits()
                };
                (bits ^ (bits >> 32)) as i32
            }
            Value::Char(c) => crate::utf16::unit(*c) as i32,
            Value::Str(s) => hash::java_string_hash(s),
            Value::Tuple(t) => hash::product_hash_of(
                hash::tuple_name_hash(t.len()),
                t.iter().map(Value::hash_hash),
            ),
            Value::Some(v) => hash::product_hash("Some", std::iter::once(v.hash_hash())),
            Value::None => hash::java_string_hash("None"),
            // The JVM's identity hash differs on every run; ours comes from the contents so the
            // same scenario always gives the same trace.
            Value::Seq(SeqKind::Array, items) => {
                hash::seq_hash(items.iter().map(Value::hash_hash)) & 0x7fff_ffff
            }
            Value::Seq(kind, items) if crate::scala::collections::is_set(*kind) => {
                hash::unordered_hash(items.iter().map(Value::hash_hash), "Set")
            }
            // Entries are `(key, value)` tuples: their hashes are `tuple2Hash`'s.
            Value::Seq(kind, items) if crate::scala::collections::is_map(*kind) => {
                hash::unordered_hash(items.iter().map(Value::hash_hash), "Map")
            }
            Value::Seq(_, items) => hash::seq_hash(items.iter().map(Value::hash_hash)),
            Value::Obj(o) => match (o.as_any().downcast_ref::<CaseObj>(), o.as_value()) {
                (Some(c), _) => c.hash_code(),
                (None, Some(v)) => v.hash_code(),
                (None, None) => o
                    .hash_code()
                    .unwrap_or_else(|| hash::java_string_hash(&o.class_name())),
            },
        }
    }

    /// Scala's `##`: like `hashCode`, but numbers that are equal hash equally across types.
    pub fn hash_hash(&self) -> i32 {
        match self {
            Value::Long(l) => {
                if *l as i32 as i64 == *l {
                    *l as i32
                } else {
                    self.hash_code()
                }
            }
            Value::Double(d) => {
                let i = *d as i32;
                if i as f64 == *d {
                    i
                } else {
                    let l = *d as i64;
                    let f = *d as f32;
                    if l as f64 == *d {
                        Value::Long(l).hash_hash()
                    } else if f64::from(f) == *d {
                        // `Float.hashCode`: a double a float holds exactly hashes as one.
                        f.to_bits() as i32
                    } else {
                        self.hash_code()
                    }
                }
            }
            Value::Null => 0,
            _ => self.hash_code(),
        }
    }

    /// `toString`, as `to_string()` gives it, without the formatting machinery (one pass into
    /// one buffer, see [`Value::write_text`]).
    pub fn to_text(&self) -> String {
        match self {
            Value::Str(s) => String::from(&**s),
            other => {
                // Room for a number or a short tuple: most texts take one allocation.
                let mut out = String::with_capacity(24);
                other.write_text(&mut out);
                out
            }
        }
    }

    /// `toString` as a shared string: a `String`'s own text, without a copy.
    pub fn text_rc(&self) -> Rc<str> {
        match self {
            Value::Str(s) => s.clone(),
            other => other.to_text().into(),
        }
    }

    /// Append `toString` to `out`. `Display` prints through it, so a tuple, option or list
    /// is written in one pass without a `fmt::write` per element.
    pub fn write_text(&self, out: &mut String) {
        match self {
            Value::Unit => out.push_str("()"),
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => push_int(out, i64::from(*i)),
            Value::Long(l) => push_int(out, *l),
            Value::Double(d) => out.push_str(&java_double(*d)),
            Value::Char(c) => out.push(*c),
            Value::Str(s) => out.push_str(s),
            Value::Tuple(t) => {
                out.push('(');
                push_items(out, t, ",");
                out.push(')');
            }
            Value::Some(v) => {
                out.push_str("Some(");
                v.write_text(out);
                out.push(')');
            }
            Value::None => out.push_str("None"),
            Value::Seq(SeqKind::Array, items) => {
                let elem = match items.first() {
                    Some(Value::Str(_)) | None => "Ljava.lang.String;",
                    Some(Value::Int(_)) => "I",
                    Some(Value::Long(_)) => "J",
                    Some(Value::Double(_)) => "D",
                    _ => "Ljava.lang.Object;",
                };
                let _ = write!(out, "[{elem}@{:x}", (self.hash_hash() as u32) | 0x1000_0000);
            }
            Value::Seq(SeqKind::Range(form), items) => form.write(items, out),
            Value::Seq(SeqKind::JavaList, items) => {
                out.push('[');
                push_items(out, items, ", ");
                out.push(']');
            }
            Value::Seq(kind, items) if crate::scala::collections::is_map(*kind) => {
                out.push_str(match kind {
                    SeqKind::Map => "Map",
                    SeqKind::TreeMap => "TreeMap",
                    SeqKind::MutableMap(t) => t.class_name(true),
                    _ => "HashMap",
                });
                out.push('(');
                for (i, x) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    match x.as_pair() {
                        Some((k, v)) => {
                            k.write_text(out);
                            out.push_str(" -> ");
                            v.write_text(out);
                        }
                        None => x.write_text(out),
                    }
                }
                out.push(')');
            }
            Value::Seq(kind, items) => {
                out.push_str(match kind {
                    SeqKind::List => "List",
                    SeqKind::CompactBuffer => "Seq",
                    SeqKind::ArrayBuffer => "ArrayBuffer",
                    SeqKind::ListBuffer => "ListBuffer",
                    SeqKind::Queue => "Queue",
                    SeqKind::Stack => "Stack",
                    SeqKind::Vector => "Vector",
                    SeqKind::ArraySeq => "ArraySeq",
                    SeqKind::Set => "Set",
                    SeqKind::HashSet => "HashSet",
                    SeqKind::TreeSet => "TreeSet",
                    SeqKind::SortedKeys | SeqKind::Keys(KeysOf::MutableTree) => "SortedSet",
                    SeqKind::Keys(KeysOf::Tree) => "TreeSet",
                    SeqKind::Keys(KeysOf::Linked) => "Set",
                    SeqKind::MutableSet(t) => t.class_name(false),
                    SeqKind::Iterable => "Iterable",
                    SeqKind::Range(_)
                    | SeqKind::Array
                    | SeqKind::Map
                    | SeqKind::HashMap
                    | SeqKind::TreeMap
                    | SeqKind::MutableMap(_)
                    | SeqKind::JavaList => {
                        unreachable!()
                    }
                });
                out.push('(');
                push_items(out, items, ", ");
                out.push(')');
            }
            Value::Obj(o) => match o.as_any().downcast_ref::<CaseObj>() {
                Some(c) => c.write_text(out),
                None => out.push_str(&o.to_string_scala()),
            },
        }
    }

    /// Scala's `==` (cooperative numeric equality: `1 == 1L`).
    pub fn scala_eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Int(a), Value::Long(b)) | (Value::Long(b), Value::Int(a)) => *a as i64 == *b,
            (Value::Int(a), Value::Double(b)) | (Value::Double(b), Value::Int(a)) => {
                *a as f64 == *b
            }
            (Value::Long(a), Value::Double(b)) | (Value::Double(b), Value::Long(a)) => {
                *a as f64 == *b
            }
            (Value::Int(a), Value::Char(b)) | (Value::Char(b), Value::Int(a)) => {
                *a == crate::utf16::unit(*b) as i32
            }
            _ => self == other,
        }
    }

    /// Whether this value is truthy as a Scala `Boolean` (only `Bool`).
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The elements of a sequence, tuple or option, for iteration.
    pub fn as_seq(&self) -> Option<&[Value]> {
        match self {
            Value::Seq(_, items) => Some(items),
            _ => None,
        }
    }
}

/// Java `equals`: what Spark uses to tell keys apart (so `1` and `1L` are different keys).
impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        // A class's own `equals` decides, asked once (it may print or count).
        if let Value::Obj(o) = self {
            if let Some(answer) = o.equals(other) {
                return answer;
            }
        }
        match (self, other) {
            (Value::Unit, Value::Unit)
            | (Value::Null, Value::Null)
            | (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Long(a), Value::Long(b)) => a == b,
            (Value::Double(a), Value::Double(b)) => a.to_bits() == b.to_bits() || a == b,
            (Value::Char(a), Value::Char(b)) => a == b,
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::Tuple(a), Value::Tuple(b)) => {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.scala_eq(y))
            }
            (Value::Some(a), Value::Some(b)) => a.scala_eq(b),
            (Value::Seq(SeqKind::Array, a), Value::Seq(SeqKind::Array, b)) => Rc::ptr_eq(a, b),
            // Maps and sets are equal whatever their order (one's items all in the other).
            (Value::Seq(ka, a), Value::Seq(kb, b))
                if [ka, kb].iter().any(|k| {
                    crate::scala::collections::is_map(**k) || crate::scala::collections::is_set(**k)
                }) =>
            {
                let maps = |k: &SeqKind| crate::scala::collections::is_map(*k);
                let sets = |k: &SeqKind| crate::scala::collections::is_set(*k);
                ((maps(ka) && maps(kb)) || (sets(ka) && sets(kb)))
                    && a.len() == b.len()
                    && a.iter().all(|x| b.iter().any(|y| x == y))
            }
            (Value::Seq(ka, a), Value::Seq(kb, b))
                if *ka != SeqKind::Array && *kb != SeqKind::Array =>
            {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.scala_eq(y))
            }
            (Value::Obj(o), other) | (other, Value::Obj(o)) if o.as_value().is_some() => {
                o.as_value().is_some_and(|v| &v == other)
            }
            (Value::Obj(a), Value::Obj(b)) => {
                std::ptr::eq(Rc::as_ptr(a) as *const u8, Rc::as_ptr(b) as *const u8)
                    || a.same(&**b)
                    || matches!(
                        (
                            a.as_any().downcast_ref::<CaseObj>(),
                            b.as_any().downcast_ref::<CaseObj>(),
                        ),
                        (Some(x), Some(y)) if x.equals(y)
                    )
            }
            _ => false,
        }
    }
}

impl Eq for Value {}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Str(s) => f.write_str(s),
            other => {
                let mut out = String::new();
                other.write_text(&mut out);
                f.write_str(&out)
            }
        }
    }
}

/// Append `n` in decimal (what `{n}` prints), without the formatting machinery.
fn push_int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    let mut buf = [0u8; 20];
    // Only ASCII digits are written.
    out.push_str(
        std::str::from_utf8(hash::decimal_digits(n.unsigned_abs(), &mut buf)).unwrap_or_default(),
    );
}

/// Append `items`' texts with `sep` between them.
fn push_items(out: &mut String, items: &[Value], sep: &str) {
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        v.write_text(out);
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Str(s) => write!(f, "{s:?}"),
            other => write!(f, "{other}"),
        }
    }
}

/// Java's `Double.toString`: `1.0`, `0.1`, `1.0E10`, `NaN`, `Infinity`.
pub fn java_double(d: f64) -> String {
    if d.is_nan() {
        return "NaN".into();
    }
    if d.is_infinite() {
        return if d > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    }
    let a = d.abs();
    if a != 0.0 && !(1e-3..1e7).contains(&a) {
        // Scientific: shortest digits, mantissa with at least one decimal. Where one digit
        // would do, Java writes the two-digit decimal nearest the value (`Double.MIN_VALUE`
        // is `4.9E-324`, not `5.0E-324`): the same as `d.0` but for the few subnormals
        // whose rounding interval is that wide.
        let s = format!("{d:e}");
        let s = if s.split_once('e').is_some_and(|(m, _)| !m.contains('.')) {
            format!("{d:.1e}")
        } else {
            s
        };
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        return format!("{m}E{e}");
    }
    let s = format!("{d}");
    if s.contains('.') {
        s
    } else {
        format!("{s}.0")
    }
}

/// A shared, mutable cell: how the interpreter keeps a `var` that closures capture.
pub type Cell = Rc<RefCell<Value>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_like_scala() {
        assert_eq!(
            Value::pair(Value::str("hello"), Value::Int(1)).to_string(),
            "(hello,1)"
        );
        assert_eq!(Value::option(Some(Value::Int(2))).to_string(), "Some(2)");
        assert_eq!(
            Value::list(vec![Value::Int(1), Value::Int(2)]).to_string(),
            "List(1, 2)"
        );
        // Written in one pass, as `format!` writes the same numbers and nesting.
        for n in [0, 7, -7, 10, 1234567890, i64::MAX, i64::MIN] {
            assert_eq!(Value::Long(n).to_text(), format!("{n}"));
        }
        for n in [i32::MAX, i32::MIN, -1] {
            assert_eq!(Value::Int(n).to_string(), format!("{n}"));
        }
        let nested = Value::pair(
            Value::option(Some(Value::list(vec![
                Value::Char('c'),
                Value::Bool(false),
            ]))),
            Value::pair(Value::Double(0.5), Value::Null),
        );
        assert_eq!(nested.to_text(), "(Some(List(c, false)),(0.5,null))");
        assert_eq!(nested.to_string(), nested.to_text());
        let range = |a, b, step, until| RangeForm::range(a, b, step, until, 100).unwrap().to_text();
        assert_eq!(range(1, 5, 1, false), "Range 1 to 5");
        assert_eq!(range(0, 2, 2, true), "Range 0 until 2 by 2");
        assert_eq!(range(1, 10, 3, false), "Range 1 to 10 by 3");
        assert_eq!(range(2, 1, -1, false), "Range 2 to 1 by -1");
        assert_eq!(range(1, 1, 1, true), "empty Range 1 until 1");
        assert_eq!(range(5, 1, 1, false), "empty Range 5 to 1");
        assert_eq!(RangeForm::range(0, 10, 1, true, 3), Err(3));
        assert_eq!(java_double(1.0), "1.0");
        assert_eq!(java_double(0.5), "0.5");
        assert_eq!(java_double(1e10), "1.0E10");
        // Java's two digits nearest the value where one would do (the oracle's lib_math).
        assert_eq!(java_double(f64::from_bits(1)), "4.9E-324");
        assert_eq!(java_double(-2e-300), "-2.0E-300");
        assert_eq!(java_double(1.2345e-5), "1.2345E-5");
    }

    #[test]
    fn hashes_like_the_jvm() {
        // "hello".hashCode() == 99162322 and "hi".hashCode() == 3329 on the JVM.
        assert_eq!(Value::str("hello").hash_code(), 99162322);
        assert_eq!(Value::str("hi").hash_code(), 3329);
        assert_eq!(Value::Long(1).hash_code(), 1);
        assert_eq!(Value::Long(-1).hash_code(), 0);
        assert_eq!(Value::Bool(true).hash_code(), 1231);
        // Reference values printed by Scala 2.13.18 (the library Spark 4.3.0 ships).
        assert_eq!(
            Value::pair(Value::Int(1), Value::Int(2)).hash_code(),
            1316541600
        );
        assert_eq!(
            Value::pair(Value::str("hello"), Value::Int(1)).hash_code(),
            2124320269
        );
        assert_eq!(Value::option(Some(Value::Int(1))).hash_code(), 913362633);
        assert_eq!(Value::None.hash_code(), 2433880);
        assert_eq!(Value::str("中文x").hash_code(), 20038334);
        assert_eq!(
            Value::list(vec![Value::Int(1), Value::Int(2)]).hash_code(),
            959905896
        );
        // `Statics.anyHash` of boxed doubles, asked of Spark 4.3.0's JVM: a double a float
        // holds exactly hashes as that float (`1.5`), others as a double (`0.1`).
        for (d, h) in [
            (1.5, 1069547520),
            (0.1, -1507852285),
            (2.25, 1074790400),
            (-0.5, -1090519040),
            (1e10 + 0.5, 1644601439),
        ] {
            assert_eq!(Value::Double(d).hash_hash(), h, "{d}");
        }
    }
}
