//! The DStream Playground app: components, kept apart from `main.rs` so browser tests can mount
//! them into an element of their own.
//!
//! The app is client-side rendered Yew. [`App`] lays out the shell (heading, language switch and
//! the five panels); each component lives in its own file under `components/`, and every
//! user-visible string comes from [`i18n`]. Only a future `clock.rs` may touch timers.

pub mod components;
pub mod i18n;

pub use components::app::App;
