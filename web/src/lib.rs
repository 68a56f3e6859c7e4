//! The DStream Playground app: components, kept apart from `main.rs` so browser tests can mount
//! them into an element of their own.
//!
//! The app is client-side rendered Yew. [`App`] owns the [`model::Model`] (the saved session
//! plus the engine's trace for it) and lays out the time controls and the panels; each
//! component lives in its own file under `components/` and every user-visible string comes
//! from [`i18n`]. The engine is called directly (`dstream_engine::engine::run`), re-run from
//! the start on every change. Only [`clock`] touches timers.

pub mod clock;
pub mod components;
pub mod embed;
pub mod highlight;
pub mod i18n;
pub mod keys;
pub mod lesson_data;
pub mod link;
pub mod model;
pub mod on_screen;
pub mod program;
pub mod reveal;
pub mod route;
pub mod storage;
pub mod trace_view;

pub use components::app::App;
