//! `x.getClass`: a value's runtime class, as programs print it in messages
//! (`e.getClass.getSimpleName` in a `catch`, `w.getClass.getName`). Java's names: a `String`
//! is `java.lang.String`, a boxed `Int` `java.lang.Integer`, a pair `scala.Tuple2`, an
//! exception its own class, a case class its name, a `case object` its module class `Tick$`
//! (also its simple name), a `List` `Nil$` or `$colon$colon` (fixture `class_names`). Not
//! modelled: scalac's prefix of a class nested in an `object` (`Holder$Inner`; the simple
//! name is the same) and the specialised pairs of primitives (`Tuple2$mcII$sp`).

use std::rc::Rc;

use super::case_class::CaseObj;
use super::interp::ExnObj;
use super::user_class::Instance;
use crate::exec::Exn;
use crate::value::{Object, SeqKind, Value};

/// A `java.lang.Class`, by its full name.
pub struct ClassObj(pub String);

/// The classes of the small sets and maps and of ranges: members of their companions
/// (`scala.collection.immutable.Set$Set1`).
const NESTED: &[&str] = &[
    "scala.collection.immutable.Set$",
    "scala.collection.immutable.Map$",
    "scala.collection.immutable.Range$",
];

impl ClassObj {
    /// `v.getClass`, when the playground knows `v`'s Java class.
    pub fn of(v: &Value) -> Option<Value> {
        let name = Self::java_name(v)?;
        Some(Value::Obj(Rc::new(ClassObj(name))))
    }

    /// What `scala.MatchError` says of a value it could not match: `v (of class C)`, with
    /// `v.getClass.getName` where the playground knows it (`java.lang.String`), else the
    /// Scala type.
    pub fn match_error(v: &Value) -> Exn {
        let class = Self::java_name(v).unwrap_or_else(|| v.type_name());
        Exn::new("scala.MatchError", format!("{v} (of class {class})"))
    }

    /// `v.getClass.getName`, when the playground knows it.
    pub fn java_name(v: &Value) -> Option<String> {
        let name = match v {
            Value::Str(_) => "java.lang.String".to_string(),
            Value::Int(_) => "java.lang.Integer".into(),
            Value::Long(_) => "java.lang.Long".into(),
            Value::Double(_) => "java.lang.Double".into(),
            Value::Bool(_) => "java.lang.Boolean".into(),
            Value::Char(_) => "java.lang.Character".into(),
            Value::Tuple(t) => format!("scala.Tuple{}", t.len()),
            Value::Some(_) => "scala.Some".into(),
            Value::None => "scala.None$".into(),
            Value::Seq(SeqKind::List, xs) if xs.is_empty() => {
                "scala.collection.immutable.Nil$".into()
            }
            Value::Seq(SeqKind::List, _) => "scala.collection.immutable.$colon$colon".into(),
            Value::Seq(SeqKind::ArrayBuffer, _) => "scala.collection.mutable.ArrayBuffer".into(),
            Value::Seq(SeqKind::ListBuffer, _) => "scala.collection.mutable.ListBuffer".into(),
            Value::Seq(SeqKind::CompactBuffer, _) => {
                "org.apache.spark.util.collection.CompactBuffer".into()
            }
            // Scala 2.13's vectors by their depth: `Vector0$` empty, `Vector1` up to 32
            // elements, `Vector2` up to 32^2, ...
            Value::Seq(SeqKind::Vector, xs) => {
                let (mut depth, mut cap) = (usize::from(!xs.is_empty()), 32usize);
                while xs.len() > cap {
                    depth += 1;
                    cap = cap.saturating_mul(32);
                }
                let module = if depth == 0 { "$" } else { "" };
                format!("scala.collection.immutable.Vector{depth}{module}")
            }
            // The small sets and maps of up to four (`Set$Set2`, `Map$Map1`).
            Value::Seq(kind @ (SeqKind::Set | SeqKind::Map), xs) => {
                let outer = if *kind == SeqKind::Set { "Set" } else { "Map" };
                match xs.len() {
                    0 => format!("scala.collection.immutable.{outer}$Empty{outer}$"),
                    n => format!("scala.collection.immutable.{outer}${outer}{n}"),
                }
            }
            Value::Seq(SeqKind::HashSet, _) => "scala.collection.immutable.HashSet".into(),
            Value::Seq(SeqKind::Range(r), _) => match r.until {
                true => "scala.collection.immutable.Range$Exclusive".into(),
                false => "scala.collection.immutable.Range$Inclusive".into(),
            },
            Value::Seq(SeqKind::TreeMap, _) => "scala.collection.immutable.TreeMap".into(),
            Value::Seq(SeqKind::TreeSet, _) => "scala.collection.immutable.TreeSet".into(),
            Value::Seq(SeqKind::MutableMap(t), _) => {
                format!("scala.collection.mutable.{}", t.class_name(true))
            }
            Value::Seq(SeqKind::MutableSet(t), _) => {
                format!("scala.collection.mutable.{}", t.class_name(false))
            }
            _ => match (v.obj::<ExnObj>(), v.obj::<CaseObj>()) {
                (Some(e), _) => e.0.class.clone(),
                (_, Some(c)) => c.class.java_name(),
                _ => match (v.obj::<super::queue::QueueObj>(), v.obj::<Instance>()) {
                    (Some(q), _) => format!("scala.collection.mutable.{}", q.class_name()),
                    (_, Some(i)) => i.class.java_name.clone(),
                    _ => return None,
                },
            },
        };
        Some(name)
    }

    /// `getName`, `getSimpleName`, `toString`.
    pub fn method(&self, name: &str) -> Result<Value, Exn> {
        Ok(Value::str(&match name {
            // A member class of a collection's companion (`Set$Set1`) is `Set.Set1` canonically.
            "getCanonicalName" if NESTED.iter().any(|n| self.0.starts_with(n)) => {
                self.0.replacen('$', ".", 1)
            }
            "getName" | "getTypeName" | "getCanonicalName" => self.0.clone(),
            // The name after its package: `Tick$` for a case object's module class,
            // `$colon$colon` for a non-empty `List`.
            // An anonymous class has none.
            "getSimpleName" if self.0.contains("$$anon$") => String::new(),
            // A local class (`P$Inner$1`) without its enclosing class's name (`Inner$1`,
            // oracle: class_names); a case object's module class keeps its `$` (`Tick$`).
            "getSimpleName" => {
                let name = self.0.rsplit('.').next().unwrap_or(&self.0);
                match name.split_once('$') {
                    Some((outer, own)) if !outer.is_empty() && !own.is_empty() => own.into(),
                    _ => name.to_string(),
                }
            }
            "toString" => self.to_string_scala(),
            _ => {
                return Err(Exn::unsupported(format!(
                    "value {name} is not a member of Class (the playground has getName, \
                     getSimpleName and toString)"
                )))
            }
        }))
    }
}

impl Object for ClassObj {
    fn class_name(&self) -> String {
        "Class".into()
    }
    fn to_string_scala(&self) -> String {
        format!("class {}", self.0)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
