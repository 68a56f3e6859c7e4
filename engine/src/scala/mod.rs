//! The Scala front-end: the subset of Scala that DStream programs are written in.
//!
//! `parser::parse` turns program text into a [`ast::SourceFile`] plus every
//! [`diag::Diagnostic`] it found (it recovers and never panics); `interp` runs the tree.

pub mod accumulator;
pub mod ast;
pub mod breaks;
pub mod builtins;
pub mod case_class;
pub mod check;
pub mod class_obj;
pub mod collections;
pub mod date_obj;
pub mod diag;
pub mod either;
pub mod empty_sum;
pub mod glob;
pub mod instance_of;
pub mod interp;
pub mod java_format;
pub mod java_lang;
pub mod kafka_api;
pub mod lazy_iter;
pub mod lazy_zip;
pub mod lexer;
pub mod listener;
pub mod log4j;
pub mod mutable_map;
pub mod mutation;
pub mod named_args;
pub mod null_receiver;
pub mod ordering_obj;
pub mod parser;
pub mod printer;
pub mod queue;
pub mod random_obj;
pub mod regex_obj;
pub mod seq_more;
pub mod shared_ref;
pub mod signatures;
pub mod spark_api;
pub mod stat_counter;
pub mod string_builder;
pub mod take_ordered;
pub mod task_context;
pub mod try_obj;
pub mod user_class;
pub mod value_members;
pub mod view;
pub mod with_default;
pub mod with_filter;
