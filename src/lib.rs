//! nextauth-inspect: open, verify and explain NextAuth.js / Auth.js session tokens.
//!
//! The binary (`src/main.rs`) only parses arguments, dispatches and renders; everything
//! here is usable and testable without it.

pub mod cli;
pub mod commands;
pub mod cookies;
pub mod login;
pub mod report;
pub mod secrets;
pub mod session;
pub mod token;
