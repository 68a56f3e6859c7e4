//! Case classes: `case class Word(text: String, n: Int)`, Scala's immutable records.
//!
//! A definition binds its companion (`Word`), which builds instances (`Word("a", 1)`,
//! `new Word("a", 1)`, named and default arguments, `lines.map(Word(_, 1))`) and takes them
//! apart (`case Word(t, n) =>`, `Word.unapply`). An instance behaves as the code scalac
//! generates for it: `toString` is `Word(a,1)` (the fields' texts joined by `,`), `equals`
//! compares the fields with `==`, and `hashCode` is `MurmurHash3.productHash` seeded with the
//! class's name, which is where `HashPartitioner` places a case-class key. `copy` takes named
//! arguments; `productArity`, `productPrefix`, `productElement`, `productIterator` and
//! `productElementNames` are `Product`'s. The `def`s of the class's body run with the fields
//! (and `this`) in scope. Scala gives a case class no `Ordering`, so sorting by one is refused
//! with scalac's message.

use std::rc::Rc;

use super::ast::{Expr, Param, Stmt, TypeRef};
use super::interp::{eval, Frame, IterObj};
use super::shared_ref::read;
use crate::exec::Exn;
use crate::exec::Runtime;
use crate::rdd::VecIter;

type R = Result<Value, Exn>;
use crate::hash;
use crate::value::{Object, Value};

/// One `case class` definition.
pub struct CaseClass {
    /// Its name (`productPrefix`).
    pub name: Rc<str>,
    /// `name.hashCode`, the seed of every instance's hash.
    name_hash: i32,
    /// The fields, in order.
    fields: Vec<Param>,
    /// Each field's default, evaluated when an instance leaves it out.
    defaults: Vec<Option<Expr>>,
    /// The `def`s of its body.
    methods: Vec<Stmt>,
    /// Where it was defined: what defaults and methods see besides the fields.
    env: Rc<Frame>,
    /// The traits it extends.
    parents: Vec<String>,
    /// A `case object`: prints as its name alone.
    object: bool,
    /// Its body, or a class or trait it extends, defines `toString` (Scala then generates
    /// none).
    own_to_string: bool,
    /// Its body defines `equals(other)`: Scala then generates none (nor does it check that
    /// `hashCode` agrees).
    own_equals: bool,
    /// Its body defines `hashCode`.
    own_hash_code: bool,
}

/// A `case class` or `case object` as written.
pub struct Definition<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its fields.
    pub fields: &'a [Param],
    /// Their defaults.
    pub defaults: &'a [Option<Expr>],
    /// The `def`s of its body.
    pub methods: &'a [Stmt],
    /// The traits it extends.
    pub parents: &'a [String],
    /// `case object`.
    pub object: bool,
}

/// The companion object `Word`: builds instances.
pub struct Companion(pub Rc<CaseClass>);

/// An instance: the class and the field values, in the fields' order.
pub struct CaseObj {
    /// Its class.
    pub class: Rc<CaseClass>,
    /// The field values.
    pub fields: Box<[Value]>,
}

impl CaseClass {
    /// What the name of a class defined in `env` is bound to: its companion, or a case
    /// object's one instance.
    pub fn define(d: Definition<'_>, env: &Rc<Frame>) -> Value {
        let class = Rc::new(CaseClass {
            name: d.name.into(),
            name_hash: hash::java_string_hash(d.name),
            fields: d.fields.to_vec(),
            defaults: d.defaults.to_vec(),
            methods: d.methods.to_vec(),
            env: env.clone(),
            parents: d.parents.to_vec(),
            object: d.object,
            own_to_string: defines(d.methods, "toString", 0),
            own_equals: defines(d.methods, "equals", 1),
            own_hash_code: defines(d.methods, "hashCode", 0),
        });
        if d.object {
            Value::Obj(Rc::new(CaseObj {
                class,
                fields: Box::default(),
            }))
        } else {
            Value::Obj(Rc::new(Companion(class)))
        }
    }

    /// `(text: String, n: Int)`, as scalac shows the constructor in its messages.
    fn signature(&self) -> String {
        let params: Vec<String> = self
            .fields
            .iter()
            .map(|p| match &p.ty {
                Some(t) => format!("{}: {}", p.name, type_text(t)),
                None => p.name.clone(),
            })
            .collect();
        format!("({})", params.join(", "))
    }

    /// Its Java class name: a `case object`'s class is its name and `$` (the module class).
    pub fn java_name(&self) -> String {
        let dollar = if self.object { "$" } else { "" };
        format!("{}{dollar}", self.name)
    }

    /// The index of field `name`.
    pub fn field(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|p| p.name == name)
    }
}

/// Whether `methods` define `name` with `arity` parameters in one list (none: no list or an
/// empty one), the shape that overrides `Any`'s member.
fn defines(methods: &[Stmt], name: &str, arity: usize) -> bool {
    methods.iter().any(|m| {
        matches!(&m.kind, super::ast::StmtKind::Def { name: n, params, .. }
        if n == name && match params.as_slice() {
            [] => arity == 0,
            [one] => one.len() == arity,
            _ => false,
        })
    })
}

/// A written type as Scala prints it.
fn type_text(t: &TypeRef) -> String {
    match t {
        TypeRef::Named { name, args, .. } if args.is_empty() => name.clone(),
        TypeRef::Named { name, args, .. } => {
            let a: Vec<String> = args.iter().map(type_text).collect();
            format!("{name}[{}]", a.join(", "))
        }
        TypeRef::Tuple(items, _) => {
            let a: Vec<String> = items.iter().map(type_text).collect();
            format!("({})", a.join(", "))
        }
        TypeRef::Function(items, r, _) => {
            let a: Vec<String> = items.iter().map(type_text).collect();
            format!("({}) => {}", a.join(", "), type_text(r))
        }
    }
}

/// An argument as written: its name when given as `name = value`.
pub type Arg = (Option<String>, Value);

/// An instance of `class` from `args` (positional first, then named; the rest take their
/// defaults). `method` is `apply` or `copy`, for scalac's messages; `base` gives `copy`'s
/// defaults (the receiver's fields).
pub fn build(
    rt: &mut Runtime,
    class: &Rc<CaseClass>,
    args: Vec<Arg>,
    method: &str,
    base: Option<&[Value]>,
) -> R {
    let n = class.fields.len();
    let sig = match method {
        "<init>" => format!("constructor {0}: {1}: {0}", class.name, class.signature()),
        "copy" => format!(
            "method copy: {1}: {0} in class {0}",
            class.name,
            class.signature()
        ),
        _ => format!(
            "method {method}: {1}: {0} in object {0}",
            class.name,
            class.signature()
        ),
    };
    let mut vals: Vec<Option<Value>> = vec![None; n];
    let mut positional = true;
    let given = args.len();
    for (i, (name, v)) in args.into_iter().enumerate() {
        let at = match name {
            None if positional && i < n => i,
            None if positional => {
                return Err(Exn::unsupported(format!(
                    "too many arguments (found {given}, expected {n}) for {sig}"
                )))
            }
            None => {
                return Err(Exn::unsupported(
                    "positional after named argument.".to_string(),
                ))
            }
            Some(name) => {
                positional = false;
                match class.field(&name) {
                    Some(j) if vals[j].is_none() => j,
                    Some(_) => {
                        return Err(Exn::unsupported(format!(
                            "parameter '{name}' is already specified at parameter position {}",
                            class.field(&name).map_or(0, |j| j + 1)
                        )))
                    }
                    None => {
                        return Err(Exn::unsupported(format!("unknown parameter name: {name}")))
                    }
                }
            }
        };
        vals[at] = Some(v);
    }
    let mut fields = Vec::with_capacity(n);
    for (j, v) in vals.into_iter().enumerate() {
        let v = match (v, base, &class.defaults[j]) {
            (Some(v), _, _) => v,
            (None, Some(base), _) => base[j].clone(),
            (None, None, Some(d)) => {
                let env = class.env.clone();
                eval(rt, &env, d)?
            }
            (None, None, None) => {
                return Err(Exn::unsupported(format!(
                    "not enough arguments for {sig}. Unspecified value parameter {}.",
                    class.fields[j].name
                )))
            }
        };
        // `Point(1, 2)` of `Point(x: Double, y: Double)` holds `1.0` and `2.0`.
        // A buffer is held in a cell its names share (see `shared_ref`).
        let v = super::interp::Widen::of(class.fields[j].ty.as_ref()).apply(v);
        fields.push(super::shared_ref::bind(v));
    }
    Ok(Value::Obj(Rc::new(CaseObj {
        class: class.clone(),
        fields: fields.into(),
    })))
}

/// `Word(...)`, `Word.apply(...)`, `Word.unapply(w)`, `Word.toString` on the companion.
pub fn companion_method(rt: &mut Runtime, c: &Companion, name: &str, args: Vec<Value>) -> R {
    match name {
        "apply" => build(
            rt,
            &c.0,
            args.into_iter().map(|v| (None, v)).collect(),
            name,
            None,
        ),
        "unapply" => Ok(match args.first().and_then(Value::obj::<CaseObj>) {
            Some(o) if Rc::ptr_eq(&o.class, &c.0) => Value::Some(Rc::new(match &*o.fields {
                [one] => read(one.clone()),
                many => Value::Tuple(many.iter().cloned().map(read).collect()),
            })),
            _ => Value::None,
        }),
        "toString" => Ok(Value::str(&c.0.name)),
        _ => Err(not_member(name, &format!("object {}", c.0.name))),
    }
}

/// `w.name(args)` on an instance `recv` (which is `o`).
pub fn method(rt: &mut Runtime, o: &CaseObj, recv: &Value, name: &str, args: Vec<Value>) -> R {
    if let Some(i) = o.class.field(name) {
        if args.is_empty() {
            return Ok(read(o.fields[i].clone()));
        }
        return super::interp::apply_value(
            rt,
            read(o.fields[i].clone()),
            args,
            super::ast::Span::default(),
        );
    }
    let index = |args: &[Value]| match args.first() {
        Some(Value::Int(i)) if *i >= 0 && (*i as usize) < o.fields.len() => Ok(*i as usize),
        Some(Value::Int(i)) => Err(Exn::new(
            "java.lang.IndexOutOfBoundsException",
            format!(
                "{i} is out of bounds (min 0, max {})",
                o.fields.len() as i32 - 1
            ),
        )),
        _ => Err(Exn::unsupported("productElement takes an Int".to_string())),
    };
    let names = || {
        o.class
            .fields
            .iter()
            .map(|p| Value::str(&p.name))
            .collect::<Vec<_>>()
    };
    Ok(match name {
        "toString" => Value::str(&recv.to_text()),
        "hashCode" | "##" => Value::Int(recv.hash_code()),
        "equals" | "==" => Value::Bool(args.first().is_some_and(|a| a == recv)),
        "!=" => Value::Bool(args.first().is_none_or(|a| a != recv)),
        "canEqual" => Value::Bool(
            args.first()
                .and_then(Value::obj::<CaseObj>)
                .is_some_and(|x| Rc::ptr_eq(&x.class, &o.class)),
        ),
        "isInstanceOf" | "asInstanceOf" => recv.clone(),
        "productArity" => Value::Int(o.fields.len() as i32),
        "productPrefix" => Value::str(&o.class.name),
        "productElement" => read(o.fields[index(&args)?].clone()),
        "productElementName" => names()[index(&args)?].clone(),
        "productIterator" => IterObj::wrap(VecIter::new(Rc::new(
            o.fields.iter().cloned().map(read).collect(),
        ))),
        "productElementNames" => IterObj::wrap(VecIter::new(Rc::new(names()))),
        "copy" => build(
            rt,
            &o.class,
            args.into_iter().map(|v| (None, v)).collect(),
            name,
            Some(&o.fields),
        )?,
        _ if has_method(&o.class, name) => return run_method(rt, o, recv, name, args),
        _ if super::either::is_either(rt, o) => {
            return super::either::method(rt, o, recv, name, args)
        }
        _ if super::listener::is_info(rt, o) => return super::listener::method(rt, o, name),
        _ => return Err(not_member(name, &o.class.name)),
    })
}

/// The members every instance has besides its fields and methods (`Product`'s and `copy`).
pub const PRODUCT_METHODS: &[&str] = &[
    "copy",
    "productArity",
    "productPrefix",
    "productElement",
    "productElementName",
    "productIterator",
    "productElementNames",
    "canEqual",
];

/// Whether `name` is one of [`PRODUCT_METHODS`].
pub fn is_product_method(name: &str) -> bool {
    PRODUCT_METHODS.contains(&name)
}

fn has_method(class: &CaseClass, name: &str) -> bool {
    class
        .methods
        .iter()
        .any(|m| matches!(&m.kind, super::ast::StmtKind::Def { name: n, .. } if n == name))
}

/// A `def` of the class's body, run with the fields and `this` in scope.
fn run_method(rt: &mut Runtime, o: &CaseObj, recv: &Value, name: &str, args: Vec<Value>) -> R {
    let mut binds: Vec<(&str, Value)> = Vec::with_capacity(o.fields.len() + 1);
    binds.push(("this", recv.clone()));
    for (p, v) in o.class.fields.iter().zip(o.fields.iter()) {
        binds.push((&p.name, v.clone()));
    }
    let env = o.class.env.clone();
    super::interp::call_local_def(rt, &env, &binds, &o.class.methods, name, args)
}

fn not_member(name: &str, what: &str) -> Exn {
    Exn::unsupported(format!("value {name} is not a member of {what}"))
}

/// How the interpreter treats an instance in `toString`, `equals` and `hashCode`.
impl CaseObj {
    /// `Word(a,1)`; a case object's name; what the class's own `toString` gives, if it has
    /// one.
    pub fn write_text(&self, out: &mut String) {
        if self.class.own_to_string {
            match self.overridden("toString", Vec::new()) {
                Ok(v) => v.write_text(out),
                Err(e) => out.push_str(&format!("<toString threw {}: {}>", e.class, e.message)),
            }
            return;
        }
        out.push_str(&self.class.name);
        if self.class.object {
            return;
        }
        out.push('(');
        for (i, v) in self.fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            v.write_text(out);
        }
        out.push(')');
    }

    /// The class's own `toString`, `equals` or `hashCode`, run apart (see [`super::user_class::run_apart`]).
    fn overridden(&self, name: &str, args: Vec<Value>) -> R {
        let this = Value::Obj(Rc::new(CaseObj {
            class: self.class.clone(),
            fields: self.fields.clone(),
        }));
        let o = this.obj::<CaseObj>().expect("just made");
        super::user_class::run_apart(|rt| run_method(rt, o, &this, name, args))
    }

    /// The shared cell of the field `name`, when it holds a buffer (see `shared_ref`).
    pub fn field_cell(&self, name: &str) -> Option<Value> {
        let v = &self.fields[self.class.field(name)?];
        super::shared_ref::cell(v).map(|_| v.clone())
    }

    /// The generated `equals`: the same class, and every field `==`.
    pub fn equals(&self, other: &CaseObj) -> bool {
        Rc::ptr_eq(&self.class, &other.class)
            && self
                .fields
                .iter()
                .zip(other.fields.iter())
                .all(|(a, b)| a.scala_eq(b))
    }

    /// The generated `hashCode`: `MurmurHash3.productHash`, the name first.
    pub fn hash_code(&self) -> i32 {
        if self.class.own_hash_code {
            // What it throws is the run's (see `run_apart`); the hash is then unused.
            return match self.overridden("hashCode", Vec::new()) {
                Ok(Value::Int(h)) => h,
                _ => 0,
            };
        }
        hash::product_hash_of(
            self.class.name_hash,
            self.fields.iter().map(Value::hash_hash),
        )
    }
}

impl Object for CaseObj {
    fn class_name(&self) -> String {
        self.class.name.to_string()
    }
    /// A task's copy of a driver's instance has its own buffers, as deserialised.
    fn task_copy(&self) -> Option<Value> {
        let cell = |v: &Value| super::shared_ref::cell(v).map(|c| c.task_copy());
        self.fields.iter().any(|v| cell(v).is_some()).then(|| {
            let fields = self.fields.iter();
            Value::Obj(Rc::new(CaseObj {
                class: self.class.clone(),
                fields: fields
                    .map(|v| cell(v).flatten().unwrap_or_else(|| v.clone()))
                    .collect(),
            }))
        })
    }
    fn equals(&self, other: &Value) -> Option<bool> {
        if !self.class.own_equals {
            return None;
        }
        Some(matches!(
            self.overridden("equals", vec![other.clone()]),
            Ok(Value::Bool(true))
        ))
    }
    fn to_string_scala(&self) -> String {
        let mut out = String::new();
        self.write_text(&mut out);
        out
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl Object for Companion {
    fn class_name(&self) -> String {
        format!("{}.type", self.0.name)
    }
    fn to_string_scala(&self) -> String {
        self.0.name.to_string()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Whether `v` is an instance of the case class named `name` or of a class extending the
/// trait `name` (a typed pattern `w: Word`, `e: Event`).
pub fn is_instance(v: &Value, name: &str) -> Option<bool> {
    v.obj::<CaseObj>()
        .map(|o| &*o.class.name == name || o.class.parents.iter().any(|p| p == name))
}

/// The fields of `v` when it is an instance of the class named `name` with `arity` fields,
/// for a pattern `Word(t, n)`.
pub fn unapply<'a>(v: &'a Value, name: &str, arity: usize) -> Option<&'a [Value]> {
    v.obj::<CaseObj>()
        .filter(|o| &*o.class.name == name && o.fields.len() == arity)
        .map(|o| &*o.fields)
}
