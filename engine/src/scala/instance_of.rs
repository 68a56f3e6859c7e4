//! `x.isInstanceOf[T]` and `x.asInstanceOf[T]`, and the type test of a typed pattern
//! (`case s: String`), as the JVM answers them for the playground's values: a number's boxed
//! class, a collection's (erased) class, a tuple's arity, a program's class or exception. A
//! cast of a primitive to another primitive converts it as Java does (`3.7.asInstanceOf[Int]`
//! is `3`, `'a'.asInstanceOf[Int]` `97`), of `null` to a primitive gives its zero, of a boxed
//! value to another box throws Java's `ClassCastException` word for word.

use super::ast::TypeRef;
use crate::exec::Exn;
use crate::value::{KeysOf, SeqKind, Value};

type R = Result<Value, Exn>;

/// Whether `v` is an instance of `ty`; `None` when the playground cannot tell (a type it does
/// not know by name, a function type).
pub fn is_instance(v: &Value, ty: &TypeRef) -> Option<bool> {
    if matches!(v, Value::Null) {
        return Some(false);
    }
    let name = match ty {
        TypeRef::Tuple(ts, _) => {
            return Some(matches!(v, Value::Tuple(t) if t.len() == ts.len()));
        }
        TypeRef::Function(..) => return None,
        TypeRef::Named { name, .. } => name.rsplit('.').next().unwrap_or(name),
    };
    if let Some(e) = v.obj::<super::interp::ExnObj>() {
        return Some(super::interp::exception_is(&e.0.class, name));
    }
    if v.obj::<super::case_class::CaseObj>().is_some() {
        return super::case_class::is_instance(v, name);
    }
    if let Some(i) = v.obj::<super::user_class::Instance>() {
        return Some(i.is_a(name));
    }
    if let Some(n) = name.strip_prefix("Tuple") {
        let arity: usize = n.parse().ok()?;
        return Some(matches!(v, Value::Tuple(t) if t.len() == arity));
    }
    let seq = |kinds: &dyn Fn(&SeqKind) -> bool| matches!(v, Value::Seq(k, _) if kinds(k));
    let seq_like = |k: &SeqKind| {
        !matches!(
            k,
            SeqKind::Array
                | SeqKind::Map
                | SeqKind::HashMap
                | SeqKind::MutableMap(_)
                | SeqKind::Set
                | SeqKind::HashSet
                | SeqKind::MutableSet(_)
                | SeqKind::TreeMap
                | SeqKind::TreeSet
                | SeqKind::SortedKeys
                | SeqKind::Keys(_)
                | SeqKind::Iterable
                | SeqKind::JavaList
        )
    };
    Some(match name {
        "Any" => true,
        "AnyRef" | "Object" => !matches!(v, Value::Unit),
        "AnyVal" => matches!(
            v,
            Value::Int(_)
                | Value::Long(_)
                | Value::Double(_)
                | Value::Bool(_)
                | Value::Char(_)
                | Value::Unit
        ),
        "Int" | "Integer" => matches!(v, Value::Int(_)),
        "Long" => matches!(v, Value::Long(_)),
        "Double" => matches!(v, Value::Double(_)),
        "Boolean" => matches!(v, Value::Bool(_)),
        "Char" | "Character" => matches!(v, Value::Char(_)),
        "Float" | "Short" | "Byte" => false,
        "Unit" => matches!(v, Value::Unit),
        "String" | "CharSequence" => matches!(v, Value::Str(_)),
        "Number" => matches!(v, Value::Int(_) | Value::Long(_) | Value::Double(_)),
        "Option" => matches!(v, Value::Some(_) | Value::None),
        "Some" => matches!(v, Value::Some(_)),
        "List" => seq(&|k| *k == SeqKind::List),
        "Vector" => seq(&|k| *k == SeqKind::Vector),
        "ArrayBuffer" => seq(&|k| *k == SeqKind::ArrayBuffer),
        "ListBuffer" => seq(&|k| *k == SeqKind::ListBuffer),
        "Range" => seq(&|k| matches!(k, SeqKind::Range(_))),
        "Array" => seq(&|k| *k == SeqKind::Array),
        "Seq" | "IndexedSeq" | "LinearSeq" => {
            let indexed = |k: &SeqKind| !matches!(k, SeqKind::List | SeqKind::ListBuffer);
            match name {
                "IndexedSeq" => seq(&|k| seq_like(k) && indexed(k)),
                "LinearSeq" => seq(&|k| *k == SeqKind::List),
                _ => seq(&seq_like),
            }
        }
        "Map" => seq(&|k| {
            matches!(
                k,
                SeqKind::Map | SeqKind::HashMap | SeqKind::TreeMap | SeqKind::MutableMap(_)
            )
        }),
        "Set" => seq(&|k| {
            matches!(
                k,
                SeqKind::Set
                    | SeqKind::HashSet
                    | SeqKind::TreeSet
                    | SeqKind::Keys(KeysOf::Tree)
                    | SeqKind::MutableSet(_)
            )
        }),
        "Iterable" | "Traversable" | "IterableOnce" => {
            seq(&|k| !matches!(k, SeqKind::Array | SeqKind::JavaList))
        }
        _ => return None,
    })
}

/// The boxed class a primitive type name casts to, with its zero (what `null` becomes).
fn primitive(name: &str) -> Option<(&'static str, Value)> {
    Some(match name {
        "Int" => ("java.lang.Integer", Value::Int(0)),
        "Long" => ("java.lang.Long", Value::Long(0)),
        "Double" => ("java.lang.Double", Value::Double(0.0)),
        "Char" => ("java.lang.Character", Value::Char('\0')),
        "Boolean" => ("java.lang.Boolean", Value::Bool(false)),
        _ => return None,
    })
}

/// `v.asInstanceOf[ty]`.
pub fn as_instance(v: Value, ty: &TypeRef) -> R {
    let name = match ty {
        TypeRef::Named { name, .. } => name.rsplit('.').next().unwrap_or(name),
        _ => "",
    };
    let target = primitive(name);
    if let (Value::Null, Some((_, zero))) = (&v, &target) {
        return Ok(zero.clone());
    }
    if matches!(v, Value::Null) || is_instance(&v, ty) != Some(false) {
        return Ok(v);
    }
    // A primitive to another: Java's conversion (`d2i` saturates, `NaN` is 0).
    let number = |x: &Value| -> Option<f64> {
        match x {
            Value::Int(i) => Some(f64::from(*i)),
            Value::Long(l) => Some(*l as f64),
            Value::Double(d) => Some(*d),
            Value::Char(c) => Some(f64::from(crate::utf16::unit(*c))),
            _ => None,
        }
    };
    let as_long = |x: &Value| -> Option<i64> {
        match x {
            Value::Int(i) => Some(i64::from(*i)),
            Value::Long(l) => Some(*l),
            Value::Double(d) => Some(*d as i64),
            Value::Char(c) => Some(i64::from(crate::utf16::unit(*c))),
            _ => None,
        }
    };
    if name != "Boolean" && number(&v).is_some() {
        let converted = match name {
            "Int" => as_long(&v).map(|l| {
                Value::Int(match v {
                    Value::Double(d) => d as i32,
                    _ => l as i32,
                })
            }),
            "Long" => as_long(&v).map(Value::Long),
            "Double" => number(&v).map(Value::Double),
            "Char" => as_long(&v).map(|l| Value::Char(crate::utf16::from_int(l))),
            _ => None,
        };
        if let Some(c) = converted {
            return Ok(c);
        }
    }
    let from = super::class_obj::ClassObj::java_name(&v);
    let to = target.map(|(c, _)| c).or(match name {
        "String" => Some("java.lang.String"),
        _ => None,
    });
    match (from, to) {
        (Some(from), Some(to)) if from.starts_with("java.lang.") => Err(Exn::new(
            "java.lang.ClassCastException",
            format!(
                "class {from} cannot be cast to class {to} ({from} and {to} are in module \
                 java.base of loader 'bootstrap')"
            ),
        )),
        _ => Err(Exn::unsupported(format!(
            "`asInstanceOf[{name}]` of {} (a ClassCastException whose text the playground \
             does not model)",
            v.type_name()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scala::ast::Span;

    fn named(name: &str) -> TypeRef {
        TypeRef::Named {
            name: name.into(),
            args: Vec::new(),
            span: Span::default(),
        }
    }

    fn cast(v: Value, to: &str) -> String {
        match as_instance(v, &named(to)) {
            Ok(v) => v.to_string(),
            Err(e) => format!("{}: {}", e.class, e.message),
        }
    }

    #[test]
    fn instance_tests_by_boxed_class_and_erased_collection() {
        let is = |v: &Value, t: &str| is_instance(v, &named(t));
        assert_eq!(is(&Value::Int(1), "Int"), Some(true));
        assert_eq!(is(&Value::Int(1), "Long"), Some(false));
        assert_eq!(is(&Value::str("a"), "String"), Some(true));
        assert_eq!(is(&Value::str("a"), "Any"), Some(true));
        assert_eq!(is(&Value::list(vec![]), "List"), Some(true));
        assert_eq!(is(&Value::list(vec![]), "Seq"), Some(true));
        assert_eq!(
            is(&Value::Seq(SeqKind::Array, Default::default()), "Seq"),
            Some(false)
        );
        assert_eq!(
            is(&Value::pair(Value::Int(1), Value::Int(2)), "Tuple2"),
            Some(true)
        );
        assert_eq!(is(&Value::Int(1), "Widget"), None);
    }

    #[test]
    fn casts_convert_primitives_and_throw_javas_class_cast() {
        assert_eq!(cast(Value::Double(3.7), "Int"), "3");
        assert_eq!(cast(Value::Double(f64::NAN), "Long"), "0");
        assert_eq!(cast(Value::Char('a'), "Int"), "97");
        assert_eq!(cast(Value::Int(21), "Double"), "21.0");
        assert_eq!(cast(Value::Int(98), "Char"), "b");
        assert_eq!(cast(Value::Null, "Int"), "0");
        assert_eq!(cast(Value::Null, "String"), "null");
        assert_eq!(
            cast(Value::str("hi"), "Int"),
            "java.lang.ClassCastException: class java.lang.String cannot be cast to class \
             java.lang.Integer (java.lang.String and java.lang.Integer are in module java.base \
             of loader 'bootstrap')"
        );
        assert_eq!(
            cast(Value::Int(6), "String"),
            "java.lang.ClassCastException: class java.lang.Integer cannot be cast to class \
             java.lang.String (java.lang.Integer and java.lang.String are in module java.base \
             of loader 'bootstrap')"
        );
    }
}
