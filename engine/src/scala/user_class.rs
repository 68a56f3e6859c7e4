//! Plain classes: `class Counter(val name: String) { var n = 0; def inc() = n += 1 }`, and the
//! class Spark programs write most, a custom partitioner
//! (`class ByLength(n: Int) extends Partitioner { def numPartitions = n; def getPartition(key:
//! Any) = ... }`).
//!
//! Unlike a case class, an instance has identity and state. It is a frame of its own under the
//! scope the class was defined in: the constructor's parameters, then the body run in order
//! (its `def`s first, as members may be used before they are written), `this` bound when the
//! body names it. Methods are closures over that frame, so `n += 1` in one is seen by all, and
//! two names for one instance see each other's updates. A task that uses an instance made on
//! the driver works on its own copy, as Spark deserialises one with each task: the frame is a
//! driver frame, and a task's writes to a driver frame go to the task's copies (see
//! `interp::lookup`). `toString`, `equals` and `hashCode` are the body's when it overrides
//! them (run in a runtime of their own, as printing and hashing have none at hand; what they
//! print and the first exception they throw wait in [`PENDING`] until the run's next print,
//! statement or call end takes them), else the JVM's: identity, and `Name@hash` with a hash
//! that, unlike the JVM's, is the same on every run. A class that extends neither `Serializable` nor a serializable Spark class cannot be
//! sent to a task (see [`serializable`]).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::ast::{ClassDef, Expr, ExprKind, Span, Stmt, StmtKind};
use super::interp::{apply_value, eval, exec_stmt, Frame};
use crate::exec::{Exn, Runtime};
use crate::trace::Detail;
use crate::value::{Object, Value};

type R = Result<Value, Exn>;

/// The work an override of `toString`, `equals` or `hashCode` may do (a run's budget is
/// thousands of times more).
const OVERRIDE_FUEL: u64 = 200_000;

/// What overrides printed and threw since a run last looked.
#[derive(Default)]
struct Pending {
    /// Their `println`s, in order.
    out: String,
    /// The first exception one threw (a `toString` that throws inside `println(x)` stops it).
    thrown: Option<Exn>,
}

thread_local! {
    /// Overrides run where no runtime is at hand; the run that asked takes their effects
    /// with [`take_output`] and [`take_thrown`]. Filled only while the program runs (see
    /// [`Listening`]), emptied when a run starts (see [`reset`]).
    static PENDING: RefCell<Pending> = RefCell::new(Pending::default());
    /// Whether [`PENDING`] holds anything (a cheap check for every statement).
    static ANY: Cell<bool> = const { Cell::new(false) };
    /// Whether the program runs now (see [`Listening`]).
    static LISTEN: Cell<bool> = const { Cell::new(false) };
}

/// What overrides printed since the last call, if anything.
pub fn take_output() -> Option<String> {
    if !ANY.get() {
        return None;
    }
    PENDING.with_borrow_mut(|p| {
        ANY.set(p.thrown.is_some());
        (!p.out.is_empty()).then(|| std::mem::take(&mut p.out))
    })
}

/// The exception an override threw since the last call, if any (its prints are taken
/// apart, by [`take_output`]).
pub fn take_exception() -> Option<Exn> {
    if !ANY.get() {
        return None;
    }
    PENDING.with_borrow_mut(|p| {
        ANY.set(!p.out.is_empty());
        p.thrown.take()
    })
}

/// Print what overrides printed, then raise what one threw.
pub fn take_thrown(rt: &mut Runtime) -> Result<(), Exn> {
    if !ANY.get() {
        return Ok(());
    }
    if let Some(out) = take_output() {
        rt.print(&out);
    }
    take_exception().map_or(Ok(()), Err)
}

/// `f()`, the playground's own look at values (the trace's records of calls and state):
/// what overrides print or throw meanwhile is not the program's, and is dropped.
pub fn quietly<T>(f: impl FnOnce() -> T) -> T {
    let was = LISTEN.replace(false);
    let r = f();
    LISTEN.set(was);
    r
}

/// While one lives, the program runs: what overrides print and throw is kept for it (outside,
/// a page drawing a value, it is dropped).
pub struct Listening(bool);

impl Listening {
    /// Listen until dropped.
    pub fn start() -> Listening {
        Listening(LISTEN.replace(true))
    }
}

impl Drop for Listening {
    fn drop(&mut self) {
        LISTEN.set(self.0);
    }
}

/// Forget what a run left (one stopped early may not have taken it).
pub fn reset() {
    PENDING.with_borrow_mut(|p| *p = Pending::default());
    ANY.set(false);
}

/// A class of the program, as defined.
pub struct Class {
    /// The definition.
    pub def: Rc<ClassDef>,
    /// Where it was defined: what its body sees besides its own names.
    env: Rc<Frame>,
    /// Whether the body names `this` (bound in each instance only then: an instance that holds
    /// itself is never freed).
    uses_this: bool,
    /// Instances made so far (the next one's hash).
    made: Cell<u32>,
    /// Its JVM name (`getClass.getName`): its own, or an anonymous class's `P$$anon$1`.
    pub java_name: String,
    /// The program's classes it extends, at any depth, root first (set when the first
    /// instance is made).
    ancestors: std::cell::RefCell<Option<Rc<[Rc<Class>]>>>,
}

impl Class {
    /// Its definition and those of the program's classes it extends.
    fn defs(&self) -> Vec<Rc<ClassDef>> {
        let mut out = vec![self.def.clone()];
        if let Some(a) = self.ancestors.borrow().as_ref() {
            out.extend(a.iter().map(|c| c.def.clone()));
        }
        out
    }
}

/// What a class's name is bound to: `new Name(args)` builds an instance; its companion
/// `object Name { ... }`, when the program has one, answers the rest (`Name(args)`,
/// `Name.zero`).
pub struct Companion(pub Rc<Class>, pub Option<Value>);

/// An instance: its class and its members' frame.
pub struct Instance {
    /// Its class.
    pub class: Rc<Class>,
    /// Its parameters and members.
    pub frame: Rc<Frame>,
    /// Its `Object.hashCode` (not the JVM's, which differs on every run).
    id: i32,
}

impl Object for Companion {
    fn class_name(&self) -> String {
        format!("class {}", self.0.def.name)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl Object for Instance {
    fn class_name(&self) -> String {
        self.class.def.name.clone()
    }
    fn to_string_scala(&self) -> String {
        match self.overridden("toString", Vec::new()) {
            Some(Ok(v)) => v.to_string(),
            Some(Err(e)) => format!("<toString threw {}: {}>", e.class, e.message),
            None => format!("{}@{:x}", self.class.java_name, self.id),
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn hash_code(&self) -> Option<i32> {
        match self.overridden("hashCode", Vec::new()) {
            Some(Ok(Value::Int(h))) => Some(h),
            Some(_) => Some(0),
            None => Some(self.id),
        }
    }
    fn equals(&self, other: &Value) -> Option<bool> {
        match self.overridden("equals", vec![other.clone()])? {
            Ok(Value::Bool(b)) => Some(b),
            _ => Some(false),
        }
    }
}

impl Instance {
    /// Whether `name` is a field others can reach (a `val`/`var` parameter, a body's `val` or
    /// `var`): a place an update of the collection it holds is stored.
    pub fn has_field(&self, name: &str) -> bool {
        self.class.defs().iter().any(|d| {
            d.params
                .iter()
                .zip(&d.public)
                .any(|(p, public)| *public && p.name == name)
                || d.body.iter().any(|s| {
                    matches!(&s.kind, StmtKind::Val { pat: super::ast::Pattern::Bind(n, _), .. } if n == name)
                })
        })
    }

    /// Whether the class's body defines `name` (a `def`, a `val` or a `var`).
    pub fn defines(&self, name: &str) -> bool {
        self.class.defs().iter().any(|d| defines(d, name))
    }

    /// The body's own `toString`, `equals` or `hashCode`, run in a runtime of its own; `None`
    /// when the class does not override it.
    fn overridden(&self, name: &str, args: Vec<Value>) -> Option<R> {
        if !self.defines(name) {
            return None;
        }
        Some(run_apart(|rt| call(rt, self, name, args, Span::default())))
    }
}

/// `f` in a runtime of its own (an override of `toString`, `equals` or `hashCode`, asked
/// where no runtime is at hand): what it prints and throws waits in [`PENDING`] for the run.
pub fn run_apart(f: impl FnOnce(&mut Runtime) -> R) -> R {
    let mut rt = Runtime::new(Detail::Counts);
    // Printing and hashing happen everywhere: a `toString` that loops is stopped soon.
    rt.fuel = OVERRIDE_FUEL;
    let r = f(&mut rt);
    let out = std::mem::take(&mut rt.stdout_before);
    let thrown = r.as_ref().err().cloned();
    if LISTEN.get() && (!out.is_empty() || thrown.is_some()) {
        PENDING.with_borrow_mut(|p| {
            p.out.push_str(&out);
            if p.thrown.is_none() {
                p.thrown = thrown;
            }
        });
        ANY.set(true);
    }
    r
}

/// Whether `def`'s body defines `name`.
fn defines(def: &ClassDef, name: &str) -> bool {
    def.body.iter().any(|s| match &s.kind {
        StmtKind::Def { name: n, .. } => n == name,
        StmtKind::Val {
            pat: super::ast::Pattern::Bind(n, _),
            ..
        } => n == name,
        _ => false,
    })
}

/// The member `name` of an instance, run (a `def` without parameters, a field read) or
/// applied to `args` (a `def` with parameters is called even without any: `c.inc()`).
fn call(rt: &mut Runtime, inst: &Instance, name: &str, args: Vec<Value>, span: Span) -> R {
    let v = eval(
        rt,
        &inst.frame,
        &Expr::new(ExprKind::Ident(name.into()), span),
    )?;
    let with_params = inst.class.defs().iter().any(|d| {
        d.body.iter().any(|s| {
            matches!(&s.kind, StmtKind::Def { name: n, params, .. } if n == name && !params.is_empty())
        })
    });
    if args.is_empty() && !with_params {
        Ok(v)
    } else {
        apply_value(rt, v, args, span)
    }
}

/// Binds a class definition's name in `env`.
pub fn define(rt: &mut Runtime, def: &Rc<ClassDef>, env: &Rc<Frame>) {
    let class = Class {
        def: def.clone(),
        env: env.clone(),
        uses_this: def.uses_this,
        made: Cell::new(0),
        java_name: {
            let object = rt.interp.program_object.as_deref().unwrap_or("");
            if def.name.starts_with(super::ast::ANON) {
                format!("{object}${}", def.name)
            } else if def.local {
                format!("{object}${}$1", def.name)
            } else {
                def.name.clone()
            }
        },
        ancestors: std::cell::RefCell::new(None),
    };
    if !serializable(&class) {
        rt.interp.unserializable = true;
    }
    // The companion object, bound first (or kept from the class's hoisted definition).
    let object = super::interp::lookup(rt, env, &def.name).and_then(|v| {
        if v.obj::<super::interp::HelperObj>().is_some() {
            Some(v)
        } else {
            v.obj::<Companion>().and_then(|c| c.1.clone())
        }
    });
    env.define(
        &def.name,
        Value::Obj(Rc::new(Companion(Rc::new(class), object))),
        false,
    );
}

/// `new Name(args)`: the parameters bound (defaults for those left out), then the body run.
pub fn construct(
    rt: &mut Runtime,
    class: &Rc<Class>,
    args: Vec<super::case_class::Arg>,
    span: Span,
) -> R {
    if class.def.is_abstract {
        return Err(Exn::unsupported(format!(
            "{} is abstract; cannot be instantiated",
            class.def.name
        )));
    }
    let driver = class.env.driver && !super::interp::is_task(rt);
    let frame = Frame::new(Some(class.env.clone()), driver);
    // Every class of the chain binds its parameters in the one frame, the root's last.
    let chain = bind_params(rt, class, args, &frame)?;
    let n = class.made.get();
    class.made.set(n.wrapping_add(1));
    let id = (super::super::hash::java_string_hash(&class.def.name)
        ^ (n as i32).wrapping_mul(0x9e37))
        & 0x7fff_ffff;
    if class.ancestors.borrow().is_none() {
        let parents: Vec<Rc<Class>> = chain
            .iter()
            .filter(|c| !Rc::ptr_eq(c, class))
            .cloned()
            .collect();
        *class.ancestors.borrow_mut() = Some(parents.into());
    }
    let inst = Rc::new(Instance {
        class: class.clone(),
        frame: frame.clone(),
        id,
    });
    if chain.iter().any(|c| c.uses_this) {
        frame.define("this", Value::Obj(inst.clone()), false);
    }
    let uses_super = chain.iter().any(|c| c.def.uses_super);
    if uses_super {
        frame.define("super", Value::Obj(Rc::new(SuperRef(frame.clone()))), false);
    }
    // Methods root first: a subclass's replace its parents' (kept as `super$name` for
    // `super.name`), and a parent's body calling one gets the subclass's, as on the JVM.
    for c in &chain {
        for s in c.def.body.iter().filter(|s| is_def(s)) {
            if let (true, StmtKind::Def { name, .. }) = (uses_super, &s.kind) {
                if let Some(old) = frame.own(name) {
                    frame.define(&format!("super${name}"), old, false);
                }
            }
            exec_stmt(rt, &frame, s)?;
        }
    }
    for c in &chain {
        for s in c
            .def
            .body
            .iter()
            .filter(|s| !is_def(s) && !is_abstract_def(s))
        {
            exec_stmt(rt, &frame, s).map_err(|e| e.at((span.start, span.end)))?;
        }
    }
    Ok(Value::Obj(inst))
}

/// Binds `class`'s parameters in `frame` (defaults for those left out), then its parents'
/// from the arguments it passes them; the chain of classes, root first.
fn bind_params(
    rt: &mut Runtime,
    class: &Rc<Class>,
    args: Vec<super::case_class::Arg>,
    frame: &Rc<Frame>,
) -> Result<Vec<Rc<Class>>, Exn> {
    let def = &class.def;
    if args.len() > def.params.len() {
        return Err(Exn::unsupported(format!(
            "too many arguments ({}) for constructor {}: ({})",
            args.len(),
            def.name,
            param_list(def)
        )));
    }
    // Positional arguments first, then named ones in their parameters' places.
    let mut given: Vec<Option<Value>> = vec![None; def.params.len()];
    for (i, (name, v)) in args.into_iter().enumerate() {
        let at = match name {
            None => i,
            Some(n) => def
                .params
                .iter()
                .position(|p| p.name == n)
                .ok_or_else(|| Exn::unsupported(format!("unknown parameter name: {n}")))?,
        };
        given[at] = Some(v);
    }
    let mut args = given.into_iter();
    for (i, p) in def.params.iter().enumerate() {
        let v = match (args.next().flatten(), def.defaults.get(i).and_then(Option::as_ref)) {
            (Some(v), _) => v,
            (None, Some(d)) => eval(rt, frame, d)?,
            (None, None) => {
                return Err(Exn::unsupported(format!(
                    "not enough arguments for constructor {}: ({}): {}. Unspecified value parameter {}.",
                    def.name,
                    param_list(def),
                    def.name,
                    p.name
                )))
            }
        };
        let v = super::interp::Widen::of(p.ty.as_ref()).apply(v);
        frame.define(&p.name, v, def.mutable.get(i).copied().unwrap_or(false));
        if let Some(ty) = &p.ty {
            frame.declare(&p.name, ty);
        }
    }
    let mut chain = Vec::new();
    for (i, parent) in def.parents.iter().enumerate() {
        let Some(pc) = super::interp::lookup(rt, &class.env, parent)
            .and_then(|v| v.obj::<Companion>().map(|c| c.0.clone()))
        else {
            continue;
        };
        let mut pargs = Vec::new();
        if i == 0 {
            for a in &def.parent_args {
                pargs.push(match super::named_args::named(a) {
                    Some((n, v)) => (Some(n.to_string()), eval(rt, frame, v)?),
                    None => (None, eval(rt, frame, a)?),
                });
            }
        }
        for c in bind_params(rt, &pc, pargs, frame)? {
            if !chain.iter().any(|x: &Rc<Class>| Rc::ptr_eq(x, &c)) {
                chain.push(c);
            }
        }
    }
    chain.push(class.clone());
    Ok(chain)
}

/// The concrete `def`s a `case class` inherits from the program's traits and classes it
/// extends, at any depth, root first; with a `def` for each parameter of a class it passes
/// arguments to (`extends Shape("square")` gives `def kind = "square"`, evaluated where the
/// case class's fields are in scope, as are the arguments).
pub fn inherited_defs(
    rt: &Runtime,
    env: &Rc<Frame>,
    parents: &[String],
    parent_args: &[Expr],
    fields: &[super::ast::Param],
) -> Result<Vec<Stmt>, Exn> {
    let mut chain: Vec<Rc<Class>> = Vec::new();
    let mut params = Vec::new();
    walk(rt, env, parents, parent_args, &mut chain, &mut params)?;
    // A parameter passed the field of the same name (`case class Sq(kind: String) extends
    // Shape(kind)`) is that field.
    params.retain(|s: &Stmt| {
        !matches!(&s.kind, StmtKind::Def { name, body, .. }
            if fields.iter().any(|f| &f.name == name)
                && matches!(&body.kind, ExprKind::Ident(n) if **n == **name))
    });
    if let Some(name) = params.iter().find_map(|s| match &s.kind {
        StmtKind::Def { name, .. } if fields.iter().any(|f| &f.name == name) => Some(name),
        _ => None,
    }) {
        return Err(Exn::unsupported(format!(
            "a parent's parameter `{name}` given something other than the field `{name}` of the same name"
        )));
    }
    Ok(params
        .into_iter()
        .chain(
            chain
                .iter()
                .flat_map(|c| c.def.body.iter().filter_map(as_member)),
        )
        .collect())
}

/// A statement of a parent's body as the member a case class inherits: a concrete `def`, or
/// a `val` as a `def` of its initialiser (the checker refuses a parent whose body does more:
/// a case class runs no parent's body when it is made).
fn as_member(s: &Stmt) -> Option<Stmt> {
    match &s.kind {
        StmtKind::Def { .. } if is_def(s) => Some(s.clone()),
        StmtKind::Val {
            mutable: false,
            pat: super::ast::Pattern::Bind(name, name_span),
            ty,
            init,
            ..
        } => Some(Stmt {
            kind: StmtKind::Def {
                name: name.clone(),
                name_span: *name_span,
                params: Vec::new(),
                defaults: Vec::new(),
                ret: ty.clone(),
                body: init.clone(),
            },
            span: s.span,
        }),
        _ => None,
    }
}

/// [`inherited_defs`]'s ancestors, root first, and their parameters as `def`s.
fn walk(
    rt: &Runtime,
    env: &Rc<Frame>,
    parents: &[String],
    args: &[Expr],
    seen: &mut Vec<Rc<Class>>,
    params: &mut Vec<Stmt>,
) -> Result<(), Exn> {
    for (i, parent) in parents.iter().enumerate() {
        let Some(pc) = super::interp::lookup(rt, env, parent)
            .and_then(|v| v.obj::<Companion>().map(|c| c.0.clone()))
        else {
            continue;
        };
        if seen.iter().any(|c| Rc::ptr_eq(c, &pc)) {
            continue;
        }
        walk(
            rt,
            &pc.env,
            &pc.def.parents,
            &pc.def.parent_args,
            seen,
            params,
        )?;
        let given = if i == 0 { args } else { &[] };
        for (j, p) in pc.def.params.iter().enumerate() {
            let named = given
                .iter()
                .find_map(|a| super::named_args::named(a).filter(|(n, _)| *n == p.name));
            let arg = match (named, given.get(j)) {
                (Some((_, v)), _) => v,
                (None, Some(a)) if super::named_args::named(a).is_none() => a,
                _ => match pc.def.defaults.get(j).and_then(Option::as_ref) {
                    Some(d) => d,
                    None => {
                        return Err(Exn::unsupported(format!(
                            "not enough arguments for constructor {}: ({}): {}. Unspecified value parameter {}.",
                            pc.def.name,
                            param_list(&pc.def),
                            pc.def.name,
                            p.name
                        )))
                    }
                },
            };
            params.push(Stmt {
                kind: StmtKind::Def {
                    name: p.name.clone(),
                    name_span: arg.span,
                    params: Vec::new(),
                    defaults: Vec::new(),
                    ret: p.ty.clone(),
                    body: arg.clone(),
                },
                span: arg.span,
            });
        }
        seen.push(pc);
    }
    Ok(())
}

/// `def area: Double` without a body: a subclass's to define.
fn is_abstract_def(s: &super::ast::Stmt) -> bool {
    matches!(&s.kind, StmtKind::Def { body, .. } if matches!(body.kind, ExprKind::Error))
}

/// `super` inside a class's body: the members its subclass replaced.
pub struct SuperRef(Rc<Frame>);

impl Object for SuperRef {
    fn class_name(&self) -> String {
        "super".into()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `super.name(args)`: the parent's `name`, which the subclass overrode.
pub fn super_method(rt: &mut Runtime, s: &SuperRef, name: &str, args: Vec<Value>, span: Span) -> R {
    let key = format!("super${name}");
    if s.0.own(&key).is_none() {
        return Err(Exn::unsupported(format!(
            "value {name} is not a member of the parent class"
        )));
    }
    let v = eval(
        rt,
        &s.0,
        &Expr::new(ExprKind::Ident(key.as_str().into()), span),
    )?;
    if args.is_empty() && v.obj::<crate::exec::Func>().is_none() {
        Ok(v)
    } else {
        apply_value(rt, v, args, span)
    }
}

impl Instance {
    /// `x.isInstanceOf[T]`, `case x: T`: its class or one it extends.
    pub fn is_a(&self, name: &str) -> bool {
        let name = name.rsplit('.').next().unwrap_or(name);
        matches!(name, "Any" | "AnyRef" | "Object")
            || self.class.defs().iter().any(|d| {
                d.name == name
                    || d.parents
                        .iter()
                        .any(|p| p.rsplit('.').next().unwrap_or(p) == name)
            })
    }
}

fn is_def(s: &super::ast::Stmt) -> bool {
    matches!(s.kind, StmtKind::Def { .. }) && !is_abstract_def(s)
}

/// `(a: Int, b: String)` as scalac shows a constructor's parameters.
fn param_list(def: &ClassDef) -> String {
    def.params
        .iter()
        .map(|p| match &p.ty {
            Some(t) => format!("{}: {}", p.name, super::printer::print_type(t)),
            None => p.name.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `x.name(args)` on an instance: a member (a `val`/`var` parameter, a body's `val`, `var` or
/// `def`), or `Object`'s `toString`, `hashCode`, `equals`.
pub fn method(
    rt: &mut Runtime,
    inst: &Instance,
    this: &Value,
    name: &str,
    args: Vec<Value>,
    span: Span,
) -> R {
    let def = &inst.class.def;
    let public_param = inst.class.defs().iter().any(|d| {
        d.params
            .iter()
            .zip(&d.public)
            .any(|(p, public)| *public && p.name == name)
    });
    if public_param || inst.defines(name) {
        return call(rt, inst, name, args, span);
    }
    if let Some(r) = super::ordering_obj::program_method(rt, this, name, &args) {
        return r;
    }
    match (name, args.as_slice()) {
        ("toString", []) => Ok(Value::str(&this.to_string())),
        ("hashCode" | "##", []) => Ok(Value::Int(this.hash_code())),
        ("equals", [o]) => Ok(Value::Bool(this == o)),
        _ => Err(Exn::unsupported(format!(
            "value {name} is not a member of {}",
            def.name
        ))),
    }
}

/// `x.name = v` on an instance: a `var` member's new value (a task's own copy's, on a driver
/// instance).
pub fn assign(rt: &mut Runtime, inst: &Instance, name: &str, v: Value) -> Result<(), Exn> {
    let def = &inst.class.def;
    let defs = inst.class.defs();
    let var_param = defs.iter().any(|d| {
        d.params
            .iter()
            .zip(&d.mutable)
            .any(|(p, m)| *m && p.name == name)
    });
    let var_member = defs.iter().flat_map(|d| &d.body).any(|s| {
        matches!(&s.kind, StmtKind::Val { mutable: true, pat: super::ast::Pattern::Bind(n, _), .. } if n == name)
    });
    if !var_param && !var_member {
        // scalac's words for a `val` (its parameter or field), which name nothing.
        let val = defs.iter().any(|d| {
            d.params.iter().any(|p| p.name == name)
                || d.body.iter().any(|s| {
                    matches!(&s.kind, StmtKind::Val { pat: super::ast::Pattern::Bind(n, _), .. } if n == name)
                })
        });
        return Err(Exn::unsupported(if val {
            "reassignment to val".to_string()
        } else {
            format!("{name} is not a `var` of {}", def.name)
        }));
    }
    // `c.total = 3` for a `var total: Double`: widened as a variable's assignment is.
    let v = super::interp::declared_widen(&inst.frame, name).apply(v);
    super::interp::assign(rt, &inst.frame, name, v)
}

/// Whether an instance of this class can be sent to a task: the class extends `Serializable`
/// (or `java.io.Serializable`), or a Spark class that is (`Partitioner`).
pub fn serializable(class: &Class) -> bool {
    class.def.parents.iter().any(|p| {
        matches!(
            p.rsplit('.').next().unwrap_or(p),
            "Serializable" | "Partitioner" | "Product"
        )
    })
}

/// Whether the class extends Spark's `Partitioner`.
pub fn is_partitioner(class: &Class) -> bool {
    class
        .def
        .parents
        .iter()
        .any(|p| p.rsplit('.').next() == Some("Partitioner"))
}

/// A custom partitioner's `getPartition(key)`, where Spark calls it: in the map task, once a
/// record.
pub fn get_partition(rt: &mut Runtime, inst: &Value, key: &Value, n: usize) -> Result<usize, Exn> {
    let Some(i) = inst.obj::<Instance>() else {
        return Err(Exn::unsupported(
            "a partitioner that is not a program's class",
        ));
    };
    match method(
        rt,
        i,
        inst,
        "getPartition",
        vec![key.clone()],
        Span::default(),
    )? {
        Value::Int(p) if p >= 0 && (p as usize) < n => Ok(p as usize),
        Value::Int(p) => Err(Exn::new(
            "java.lang.ArrayIndexOutOfBoundsException",
            format!("Index {p} out of bounds for length {n}"),
        )),
        other => Err(Exn::unsupported(format!(
            "type mismatch: getPartition gave {}, required Int",
            other.type_name()
        ))),
    }
}

/// `args` with each instance of a program's `Partitioner` as the partitioner Spark's methods
/// take (its `numPartitions` read once, as Spark reads it when it builds the shuffle).
pub fn partitioner_args(rt: &mut Runtime, args: Vec<Value>) -> Result<Vec<Value>, Exn> {
    if !args.iter().any(|a| {
        a.obj::<Instance>()
            .is_some_and(|i| is_partitioner(&i.class))
    }) {
        return Ok(args);
    }
    let mut out = Vec::with_capacity(args.len());
    for a in args {
        match a.obj::<Instance>() {
            Some(i) if is_partitioner(&i.class) => {
                let n = match method(rt, i, &a, "numPartitions", Vec::new(), Span::default())? {
                    // Each partition is a task the playground runs and keeps.
                    Value::Int(n) if n >= 0 => Exn::check_partitions(n as usize)?,
                    Value::Int(n) => {
                        return Err(Exn::new(
                            "java.lang.IllegalArgumentException",
                            format!(
                            "requirement failed: Number of partitions ({n}) cannot be negative."
                        ),
                        ))
                    }
                    other => {
                        return Err(Exn::unsupported(format!(
                            "type mismatch: numPartitions gave {}, required Int",
                            other.type_name()
                        )))
                    }
                };
                let rule = crate::rdd::Rule::Custom(a.clone());
                out.push(Value::Obj(Rc::new(super::spark_api::PartitionerObj(
                    crate::rdd::Partitioner(n, Some(Rc::new(rule))),
                ))));
            }
            _ => out.push(a),
        }
    }
    Ok(out)
}

/// Spark's closure check (`ClosureCleaner`, `SparkContext.clean`): a function handed to a
/// method that sends it to tasks must serialize, so one that uses the `StreamingContext`, the
/// `SparkContext`, a DStream, or an instance of a class that is not `Serializable` fails there
/// and then, where the program calls the method, with `Task not serializable`.
pub fn check_closures(rt: &mut Runtime, args: &[Value]) -> Result<(), Exn> {
    for a in args {
        let Some(found) = captured(rt, a, true) else {
            continue;
        };
        let cause = match found {
            Captured::DStream(id) => {
                let class = rt.graph.nodes[id].class;
                let package = if class == "DirectKafkaInputDStream" {
                    "org.apache.spark.streaming.kafka010"
                } else {
                    "org.apache.spark.streaming.dstream"
                };
                format!(
                    "java.io.NotSerializableException: Object of {package}.{class} is being serialized  possibly as a part of closure of an RDD operation. This is because  the DStream object is being referred to from within the closure.  Please rewrite the RDD operation inside this DStream to avoid this.  This has been enforced to avoid bloating of Spark tasks  with unnecessary objects.\nSerialization stack:\n"
                )
            }
            Captured::Object(name, value) => format!(
                "java.io.NotSerializableException: {name}\nSerialization stack:\n\t- object not serializable (class: {name}, value: {value})"
            ),
        };
        let mut e = Exn::new("org.apache.spark.SparkException", "Task not serializable");
        e.causes.push(cause);
        return Err(e);
    }
    Ok(())
}

/// `ssc.start()` with checkpointing on (`StreamingContext.validate`): the whole DStream graph,
/// every function it keeps (`foreachRDD`'s and `transform`'s too, which run on the driver), is
/// serialized, so one that uses a context or an instance that cannot serialize fails the
/// start. A DStream serializes here (its graph is checkpointing); an RDD always does.
pub fn check_checkpointable(rt: &mut Runtime) -> Result<(), Exn> {
    let funcs = rt.interp.graph_funcs.clone();
    for f in &funcs {
        if let Some(Captured::Object(name, value)) = captured(rt, f, false) {
            return Err(Exn::new(
                "java.io.NotSerializableException",
                format!(
                    "DStream checkpointing has been enabled but the DStreams with their functions are not serializable\n{name}\nSerialization stack:\n\t- object not serializable (class: {name}, value: {value})"
                ),
            ));
        }
    }
    Ok(())
}

/// What a function uses that Java cannot serialize.
enum Captured {
    /// A DStream (whose `writeObject` refuses unless its graph is checkpointing).
    DStream(crate::graph::NodeId),
    /// An object that is not `Serializable`: its Java class and its `toString`.
    Object(String, String),
}

/// The first thing `f`'s text uses that cannot serialize (DStreams only when `dstreams`).
/// The names the text uses are looked up where it was written, its own parameters and the
/// names it binds itself aside. A member of an `object` is reached through its class, not
/// captured (`val ssc` beside `main` is fine on Spark; oracle: `obj_ssc_*`); a `def` of
/// `main`'s that the function calls is a closure of its own, whose captures the function's
/// closure holds (`map(w => tag(w))` with `def tag` using `ssc`; oracle: `local_def_*`).
fn captured(rt: &Runtime, f: &Value, dstreams: bool) -> Option<Captured> {
    captured_in(rt, f, dstreams, &mut Vec::new())
}

fn captured_in(
    rt: &Runtime,
    f: &Value,
    dstreams: bool,
    visited: &mut Vec<(u32, u32)>,
) -> Option<Captured> {
    use super::spark_api::{DStreamObj, ScObj, SscObj};
    let Some(crate::exec::Func::Scala(c)) = f.obj::<crate::exec::Func>() else {
        return None;
    };
    if visited.contains(&c.span) {
        return None;
    }
    visited.push(c.span);
    let (start, end) = c.span;
    let text = rt.text.get(start as usize..end as usize).unwrap_or("");
    let text = strip_strings(text);
    let mut seen = Vec::new();
    for w in text.split(|ch: char| !ch.is_alphanumeric() && ch != '_') {
        if w.is_empty() || seen.contains(&w) || c.params.iter().any(|p| p.name == w) {
            continue;
        }
        seen.push(w);
        if super::interp::is_object_member(&c.env, w) {
            continue;
        }
        let Some(v) = super::interp::lookup(rt, &c.env, w) else {
            continue;
        };
        let context = |name: &str| {
            let value = format!("{name}@{:x}", crate::hash::java_string_hash(name));
            Captured::Object(name.to_string(), value)
        };
        let found = if v.obj::<SscObj>().is_some() {
            context("org.apache.spark.streaming.StreamingContext")
        } else if v.obj::<ScObj>().is_some() {
            context("org.apache.spark.SparkContext")
        } else if let Some(d) = v.obj::<DStreamObj>().filter(|_| dstreams) {
            Captured::DStream(d.id)
        } else if let Some(g) = v
            .obj::<crate::exec::Func>()
            .cloned()
            .or_else(|| v.obj::<super::interp::ByName>().map(|b| b.0.clone()))
        {
            // A function of `main`'s (a `def`, a lambda in a `val`) that this one calls.
            match captured_in(rt, &g.into_value(), dstreams, visited) {
                Some(found) if !binds(&text, w) => return Some(found),
                _ => continue,
            }
        } else if !rt.interp.unserializable {
            continue;
        } else if let Some(i) = v.obj::<Instance>().filter(|i| !serializable(&i.class)) {
            Captured::Object(i.class.def.name.clone(), i.to_string_scala())
        } else if v
            .obj::<super::interp::HelperObj>()
            .is_some_and(|h| h.local.is_some())
        {
            // An `object` of `main`'s: the function reaches it through `main`'s own object,
            // which is no `Serializable` (oracle: local_obj_task).
            context(&format!(
                "{}$",
                rt.interp.program_object.as_deref().unwrap_or("$iw")
            ))
        } else {
            continue;
        };
        if !binds(&text, w) {
            return Some(found);
        }
    }
    None
}

/// Whether a function's `text` (strings blanked) binds `name` itself, so that the name there
/// is not the one outside: a nested lambda's parameter (`x =>`, `(a, x: Int) =>`), a `case`
/// pattern's binder, a generator's (`x <- xs`), a `val`/`var`/`def`. A guess from the tokens
/// that errs towards "binds": a name it takes for bound is never reported.
fn binds(text: &str, name: &str) -> bool {
    let mut toks: Vec<&str> = Vec::new();
    let mut i = 0;
    let b = text.as_bytes();
    while i < b.len() {
        let ch = b[i];
        if ch.is_ascii_whitespace() {
            i += 1;
        } else if ch.is_ascii_alphanumeric() || ch == b'_' || ch >= 0x80 {
            let s = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] >= 0x80) {
                i += 1;
            }
            toks.push(&text[s..i]);
        } else if text[i..].starts_with("=>") || text[i..].starts_with("<-") {
            toks.push(&text[i..i + 2]);
            i += 2;
        } else {
            toks.push(&text[i..i + 1]);
            i += 1;
        }
    }
    let pattern_tok = |t: &str| {
        matches!(t, "," | ":" | "(" | ")" | "[" | "]" | "@" | "|")
            || t.chars().all(|c| c.is_alphanumeric() || c == '_')
    };
    for (k, _) in toks.iter().enumerate().filter(|(_, t)| **t == name) {
        // `val x`, `var (a, x)`, `def x`.
        for t in toks[..k].iter().rev() {
            match *t {
                "val" | "var" | "def" => return true,
                "(" | "," => {}
                t if t.chars().all(|c| c.is_alphanumeric() || c == '_') => {}
                _ => break,
            }
        }
        // A parameter list or pattern: only names and punctuation up to `=>` or `<-`.
        for t in &toks[k + 1..] {
            if matches!(*t, "=>" | "<-") {
                return true;
            }
            if !pattern_tok(t) {
                break;
            }
        }
        // A `case` before it, with no `=>` between.
        for t in toks[..k].iter().rev() {
            match *t {
                "case" => return true,
                "=>" | "{" | "}" | ";" => break,
                _ => {}
            }
        }
    }
    false
}

/// `text` without its string and char literals and comments (a name there is not a use).
fn strip_strings(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let ch = chars[i];
        let next = chars.get(i + 1).copied();
        if ch == '"' {
            // A string: blank to its closing quote.
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            out.push(' ');
        } else if ch == '/' && next == Some('/') {
            // A line comment: blank to the end of the line.
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            out.push(' ');
            continue;
        } else if ch == '/' && next == Some('*') {
            // A block comment.
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 1;
            out.push(' ');
        } else if ch == '\'' && (chars.get(i + 2) == Some(&'\'') || next == Some('\\')) {
            // A char literal (`'"'`, `'\n'`): not the start of a string.
            i += if next == Some('\\') { 3 } else { 2 };
            out.push(' ');
        } else {
            out.push(ch);
        }
        i += 1;
    }
    out
}
