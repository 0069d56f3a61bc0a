//! Cookies in the three forms users bring them: a `Cookie:` header pasted from devtools, a
//! Netscape/curl cookie jar, and next-auth's (possibly chunked) session cookie inside either.
//!
//! Values are credentials: nothing here prints them (`Debug` shows lengths, warnings and
//! errors name cookies only).

pub mod header;
pub mod jar;
pub mod session;

pub use header::Cookie;
pub use jar::{
    is_secure_origin, Change, ChangeKind, HeldBack, HeldBackReason, Jar, JarCookie, JarError,
    JarWarning, LineProblem, Selection, SetCookieError, MAX_JAR_BYTES,
};
pub use session::{
    base_name, chunk, find_session_cookie, is_session_cookie_name, ChunkDefect, Family,
    SessionCookie, SessionCookieError, KNOWN_SESSION_COOKIES, V4_CHUNK_SIZE, V5_CHUNK_SIZE,
};
