//! Scala's `mutable.StringBuilder` (`new StringBuilder`, `new StringBuilder("x")`): a
//! string a program builds in place. `append`, `++=` and `+=` add a value's `toString` and
//! give the builder back, so calls chain; `insert`, `deleteCharAt`, `setLength` and `clear`
//! edit it; `reverse` gives a new builder (2.13's `reverseInPlace` edits this one); it prints
//! as its text. Indices are in characters, with Java's exception texts when out of range.

use std::cell::RefCell;
use std::rc::Rc;

use super::ast::Span;
use crate::exec::{Exn, Runtime};
use crate::utf16;
use crate::value::{Object, Value};

/// A builder's text.
pub struct StringBuilderObj(pub RefCell<String>);

impl Object for StringBuilderObj {
    fn class_name(&self) -> String {
        "StringBuilder".into()
    }
    fn to_string_scala(&self) -> String {
        self.0.borrow().clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn task_copy(&self) -> Option<Value> {
        Some(Value::Obj(Rc::new(StringBuilderObj(self.0.clone()))))
    }
}

/// `new StringBuilder(args)`: an initial text, or empty (a capacity is ignored).
pub fn construct(args: &[Value]) -> Value {
    let text = match args.first() {
        Some(Value::Str(s)) => s.to_string(),
        _ => String::new(),
    };
    Value::Obj(Rc::new(StringBuilderObj(RefCell::new(text))))
}

fn index(args: &[Value], i: usize, name: &str) -> Result<i64, Exn> {
    match args.get(i) {
        Some(Value::Int(n)) => Ok(*n as i64),
        Some(Value::Long(n)) => Ok(*n),
        _ => Err(Exn::unsupported(format!(
            "StringBuilder.{name}: an Int argument is missing"
        ))),
    }
}

fn out_of_range(what: &str) -> Exn {
    Exn::new("java.lang.StringIndexOutOfBoundsException", what)
}

/// `sb.name(args)`; what a builder does not do itself, its text does (`indexOf`,
/// `substring`, `contains`).
pub fn method(
    rt: &mut Runtime,
    b: &StringBuilderObj,
    recv: &Value,
    name: &str,
    args: Vec<Value>,
    span: Span,
) -> Result<Value, Exn> {
    let mut text = b.0.borrow_mut();
    let len = utf16::len(&text) as i64;
    // Java's `Char`s of the text, and the text again from them (indices count UTF-16 units).
    let chars = |text: &str| utf16::chars(text).collect::<Vec<char>>();
    Ok(match name {
        "append" | "++=" | "+=" | "addAll" | "addOne" => {
            for a in &args {
                let a = a.to_string();
                Exn::check_text(text.len() + a.len())?;
                text.push_str(&a);
            }
            recv.clone()
        }
        "insert" => {
            let i = index(&args, 0, name)?;
            if i < 0 || i > len {
                return Err(out_of_range(&format!("offset {i}, length {len}")));
            }
            let what = args.get(1).map(|v| v.to_string()).unwrap_or_default();
            let mut cs = chars(&text);
            cs.splice(i as usize..i as usize, utf16::chars(&what));
            *text = utf16::collect(cs);
            recv.clone()
        }
        "deleteCharAt" => {
            let i = index(&args, 0, name)?;
            if i < 0 || i >= len {
                return Err(out_of_range(&format!("index {i},length {len}")));
            }
            let mut cs = chars(&text);
            cs.remove(i as usize);
            *text = utf16::collect(cs);
            recv.clone()
        }
        "setLength" => {
            let n = index(&args, 0, name)?;
            if n < 0 {
                return Err(out_of_range(&format!("String index out of range: {n}")));
            }
            if n <= len {
                let mut cs = chars(&text);
                cs.truncate(n as usize);
                *text = utf16::collect(cs);
            } else {
                text.extend(std::iter::repeat_n('\0', (n - len) as usize));
            }
            Value::Unit
        }
        "clear" => {
            text.clear();
            Value::Unit
        }
        "reverseInPlace" => {
            // Unit by unit, as Scala's builder reverses (a pair's halves swap).
            let mut cs = chars(&text);
            cs.reverse();
            *text = utf16::collect(cs);
            recv.clone()
        }
        "reverse" => {
            let mut cs = chars(&text);
            cs.reverse();
            construct(&[Value::str(&utf16::collect(cs))])
        }
        "toString" | "result" | "mkString" => Value::str(&text),
        "length" | "size" => Value::Int(len as i32),
        "isEmpty" => Value::Bool(len == 0),
        "nonEmpty" => Value::Bool(len > 0),
        _ => {
            let s = Value::str(&text);
            drop(text);
            return super::builtins::call_method(rt, s, name, args, span);
        }
    })
}
