//! Session cookie names and chunk reassembly, mirroring next-auth's `SessionStore`
//! (next-auth 4.24.15 `core/lib/cookie.js`, @auth/core 0.41.3 `lib/utils/cookie.js`).
//!
//! Both libraries split a long token into `<name>.0`, `<name>.1`, … and read it back by taking
//! *every* cookie whose name starts with the session cookie name, sorted by `parseInt` of the
//! text after the last `.`. That loose rule is the source of several real failures (a stale
//! unchunked cookie beside chunks, leftovers from an older chunk set), so we reassemble strictly
//! and describe every oddity the libraries would silently turn into an undecryptable token.

use std::collections::BTreeMap;

use thiserror::Error;

use super::header::Cookie;

/// v4 chunk size: 4096 minus next-auth's `ESTIMATED_EMPTY_COOKIE_SIZE` of 163.
pub const V4_CHUNK_SIZE: usize = 4096 - 163;
/// v5 chunk size: 4096 minus @auth/core's `ESTIMATED_EMPTY_COOKIE_SIZE` of 160.
pub const V5_CHUNK_SIZE: usize = 4096 - 160;

/// The known session cookie names in the order we pick them when several are present:
/// v5 before v4 (a v4→v5 upgrade leaves the old cookie behind) and the secure variant first
/// (a site that moved to https keeps serving the `__Secure-` one).
pub const KNOWN_SESSION_COOKIES: [&str; 4] = [
    "__Secure-authjs.session-token",
    "authjs.session-token",
    "__Secure-next-auth.session-token",
    "next-auth.session-token",
];

/// Node's default `--max-http-header-size`: a longer Cookie header is answered with 431
/// before next-auth runs.
const NODE_MAX_HEADER_BYTES: usize = 16 * 1024;

/// Which library a session cookie name belongs to (it decides the key derivation salt).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// next-auth v3/v4: `[__Secure-]next-auth.session-token`.
    NextAuth,
    /// Auth.js / next-auth v5: `[__Secure-]authjs.session-token`.
    AuthJs,
    /// A name configured through the `cookies` option.
    Custom,
}

impl Family {
    /// Classifies a session cookie name; chunk suffixes (`.0`, `.1`, …) are ignored.
    pub fn of(name: &str) -> Family {
        let base = base_name(name);
        let base = base.strip_prefix("__Secure-").unwrap_or(base);
        match base {
            "next-auth.session-token" => Family::NextAuth,
            "authjs.session-token" => Family::AuthJs,
            _ => Family::Custom,
        }
    }
}

/// The name without a `.<digits>` chunk suffix.
pub fn base_name(name: &str) -> &str {
    match name.rsplit_once('.') {
        Some((base, index)) if is_index(index) => base,
        _ => name,
    }
}

/// True for the session cookie and its chunks: `wanted` (`--cookie-name`) when given, else
/// one of the four known names. One rule, so the jar, the probe, the diagnosis and `login`
/// agree on which cookie is the session.
pub fn is_session_cookie_name(name: &str, wanted: Option<&str>) -> bool {
    let base = base_name(name);
    match wanted {
        Some(wanted) => base == wanted,
        None => KNOWN_SESSION_COOKIES.contains(&base),
    }
}

fn is_index(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A session token read from a set of cookies.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionCookie {
    /// The base cookie name (without a chunk suffix); v5 uses it as the key derivation salt.
    pub name: String,
    /// The reassembled token.
    pub value: String,
    /// How many cookies were joined (1 for an unchunked cookie).
    pub chunks: usize,
    /// Human-readable oddities; they name cookies but never contain values.
    pub warnings: Vec<String>,
    /// Why the libraries would not read the same token as [`SessionCookie::value`].
    pub defect: Option<ChunkDefect>,
}

/// A chunk set the libraries would join into a token that does not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChunkDefect {
    /// Indices are missing (a gap, or the set does not start at `.0`).
    Missing,
    /// A stale unchunked cookie sits beside chunks; `SessionStore` joins it in.
    StalePlain,
    /// Other cookies share the name prefix; `SessionStore` joins them in.
    Foreign,
}

impl std::fmt::Display for ChunkDefect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ChunkDefect::Missing => "chunks of the session cookie are missing, so the joined token is incomplete",
            ChunkDefect::StalePlain => "a stale unchunked session cookie sits beside its chunks, and next-auth joins it into the token",
            ChunkDefect::Foreign => "other cookies share the session cookie's name prefix, and next-auth joins them into the token",
        })
    }
}

/// Shows the value's length only: the value is a bearer credential.
impl std::fmt::Debug for SessionCookie {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionCookie")
            .field("name", &self.name)
            .field("value_len", &self.value.len())
            .field("chunks", &self.chunks)
            .field("warnings", &self.warnings)
            .finish()
    }
}

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum SessionCookieError {
    #[error("`{name}` is not a usable cookie name: it is empty or contains `=`, `;`, a comma or whitespace; pass the name exactly as the browser shows it")]
    InvalidName { name: String },
    #[error("`{name}` is a chunk of a session cookie; pass the base name `{base}` and the chunks are joined automatically")]
    ChunkName { name: String, base: String },
}

/// Finds and reassembles the session cookie in `cookies` (header order as sent).
///
/// With `wanted` (e.g. `--cookie-name`) only that base name is considered. Otherwise the four
/// known names are tried in [`KNOWN_SESSION_COOKIES`] order and a warning names the others
/// that are also present, because the server reads only one of them.
pub fn find_session_cookie(
    cookies: &[Cookie],
    wanted: Option<&str>,
) -> Result<Option<SessionCookie>, SessionCookieError> {
    if let Some(name) = wanted {
        validate_name(name)?;
        return Ok(reassemble(cookies, name));
    }
    let present: Vec<&str> = KNOWN_SESSION_COOKIES
        .into_iter()
        .filter(|base| reassemble(cookies, base).is_some())
        .collect();
    let Some((&chosen, others)) = present.split_first() else {
        return Ok(None);
    };
    let mut found = reassemble(cookies, chosen);
    if let Some(found) = found.as_mut().filter(|_| !others.is_empty()) {
        found.warnings.insert(
            0,
            format!(
                "several session cookies are present; using `{chosen}` and ignoring {}. \
                 The server reads only the one its configuration names",
                quoted_list(others)
            ),
        );
    }
    Ok(found)
}

fn validate_name(name: &str) -> Result<(), SessionCookieError> {
    let bad = |c: char| c == '=' || c == ';' || c == ',' || c.is_whitespace() || c.is_control();
    if name.is_empty() || name.contains(bad) {
        return Err(SessionCookieError::InvalidName {
            name: name.to_string(),
        });
    }
    let base = base_name(name);
    if base != name {
        return Err(SessionCookieError::ChunkName {
            name: name.to_string(),
            base: base.to_string(),
        });
    }
    Ok(())
}

/// Joins `base` and `base.<n>` cookies; `None` when none of them has a value.
fn reassemble(cookies: &[Cookie], base: &str) -> Option<SessionCookie> {
    let mut warnings = Vec::new();
    let mut defect = None;
    let mut plain: Vec<&Cookie> = Vec::new();
    // index → cookies with that index, in header order
    let mut chunks: BTreeMap<u64, Vec<&Cookie>> = BTreeMap::new();
    let mut loose: Vec<&str> = Vec::new();

    for cookie in cookies {
        let Some(rest) = cookie.name.strip_prefix(base) else {
            continue;
        };
        if rest.is_empty() {
            plain.push(cookie);
        } else if let Some(index) = rest.strip_prefix('.').filter(|i| is_index(i)) {
            match index.parse::<u64>() {
                Ok(i) => chunks.entry(i).or_default().push(cookie),
                Err(_) => loose.push(&cookie.name),
            }
        } else {
            loose.push(&cookie.name);
        }
    }
    if !loose.is_empty() {
        defect = Some(ChunkDefect::Foreign);
        loose.dedup();
        warnings.push(format!(
            "other cookies whose names start with `{base}` are present ({}); next-auth joins \
             every such cookie into the token, so it will not decrypt. Ignored here; delete them",
            quoted_list(&loose)
        ));
    }

    let used: Vec<&Cookie> = if chunks.is_empty() {
        if plain.len() > 1 {
            warnings.push(format!(
                "`{base}` appears {} times (different paths or domains); using the first, \
                 as next-auth does",
                plain.len()
            ));
        }
        plain.into_iter().take(1).collect()
    } else {
        // An empty stale cookie adds nothing to the join (and v5 skips it).
        if plain.iter().any(|c| !c.value.is_empty()) {
            defect = Some(ChunkDefect::StalePlain);
            warnings.push(format!(
                "a stale unchunked `{base}` is present beside its chunks; next-auth would mix it \
                 into the token and fail to decrypt. Using the chunks and ignoring `{base}`; \
                 delete it"
            ));
        }
        if chunk_warnings(base, &chunks, &mut warnings) {
            defect = Some(ChunkDefect::Missing);
        }
        chunks.values().map(|dups| dups[0]).collect()
    };

    for c in used.iter().filter(|c| c.value.is_empty()) {
        warnings.push(format!("`{}` is empty and was skipped", c.name));
    }
    let used: Vec<&Cookie> = used.into_iter().filter(|c| !c.value.is_empty()).collect();
    if used.is_empty() {
        return None;
    }

    let header_bytes: usize = used.iter().map(|c| c.name.len() + c.value.len() + 3).sum();
    if used.len() > 1 && header_bytes > NODE_MAX_HEADER_BYTES {
        warnings.push(format!(
            "too many chunks: {} cookies, about {header_bytes} bytes, exceed Node's default \
             16 KiB header limit, so the server may answer 431 before next-auth runs; \
             store less in the token",
            used.len()
        ));
    }

    Some(SessionCookie {
        name: base.to_string(),
        value: used.iter().map(|c| c.value.as_str()).collect(),
        chunks: used.len(),
        warnings,
        defect,
    })
}

/// Adds warnings about duplicate and missing indices; true when indices are missing.
fn chunk_warnings(
    base: &str,
    chunks: &BTreeMap<u64, Vec<&Cookie>>,
    warnings: &mut Vec<String>,
) -> bool {
    for (index, dups) in chunks.iter().filter(|(_, d)| d.len() > 1) {
        let names: Vec<&str> = dups.iter().map(|c| c.name.as_str()).collect();
        warnings.push(format!(
            "chunk index {index} appears {} times ({}); using the first",
            dups.len(),
            quoted_list(&names)
        ));
    }

    let indices: Vec<u64> = chunks.keys().copied().collect();
    let missing = missing_ranges(&indices);
    if !missing.is_empty() {
        let starts_late = indices[0] != 0;
        warnings.push(format!(
            "{}chunks {} of `{base}` are present, {} missing; the token is incomplete and \
             will not decrypt",
            if starts_late {
                "the chunk set does not start at .0: "
            } else {
                ""
            },
            ranges_text(&present_ranges(&indices)),
            ranges_text(&missing)
        ));
    } else if indices == [0] {
        warnings.push(format!(
            "only `{base}.0` is present; the libraries chunk only values that need two or more \
             cookies, so the other chunks are probably missing"
        ));
    }
    !missing.is_empty()
}

/// Index ranges absent between 0 and the highest present index.
fn missing_ranges(sorted: &[u64]) -> Vec<(u64, u64)> {
    let mut missing = Vec::new();
    let mut next = 0;
    for &i in sorted {
        if i > next {
            missing.push((next, i - 1));
        }
        next = i + 1;
    }
    missing
}

fn present_ranges(sorted: &[u64]) -> Vec<(u64, u64)> {
    let mut ranges: Vec<(u64, u64)> = Vec::new();
    for &i in sorted {
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == i => *end = i,
            _ => ranges.push((i, i)),
        }
    }
    ranges
}

/// `.0`, `.2–.5`, joined with commas and a final "and".
fn ranges_text(ranges: &[(u64, u64)]) -> String {
    let items: Vec<String> = ranges
        .iter()
        .map(|&(a, b)| {
            if a == b {
                format!(".{a}")
            } else {
                format!(".{a}–.{b}")
            }
        })
        .collect();
    join_and(&items)
}

fn quoted_list(names: &[&str]) -> String {
    let items: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    join_and(&items)
}

fn join_and(items: &[String]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == items.len() { " and " } else { ", " });
        }
        out.push_str(item);
    }
    out
}

/// Splits a session token into cookies the way `SessionStore.chunk` does.
///
/// The libraries compute `ceil(value.length / CHUNK_SIZE)` on the raw (not yet
/// percent-encoded) value, in UTF-16 code units. One chunk keeps the plain name; more become
/// `<name>.0`, `<name>.1`, …; an empty value yields no cookie at all. For the ASCII tokens the
/// libraries mint, UTF-16 units, bytes and encoded length are all equal; for other text a
/// boundary never splits a character here (JavaScript would split a surrogate pair, which its
/// cookie serializer then rejects). `chunk_size` is at least 2 so a surrogate pair fits.
pub fn chunk(name: &str, value: &str, chunk_size: usize) -> Vec<Cookie> {
    let chunk_size = chunk_size.max(2);
    let units = value.encode_utf16().count();
    if units == 0 {
        return Vec::new();
    }
    if units <= chunk_size {
        return vec![Cookie::new(name, value)];
    }
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut current_units = 0;
    for ch in value.chars() {
        if current_units + ch.len_utf16() > chunk_size {
            parts.push(std::mem::take(&mut current));
            current_units = 0;
        }
        current.push(ch);
        current_units += ch.len_utf16();
    }
    parts.push(current);
    parts
        .into_iter()
        .enumerate()
        .map(|(i, part)| Cookie::new(format!("{name}.{i}"), part))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cookies::header::parse;
    use proptest::prelude::*;

    const V4: &str = "next-auth.session-token";
    const V5S: &str = "__Secure-authjs.session-token";

    fn find(header: &str) -> SessionCookie {
        find_session_cookie(&parse(header), None)
            .unwrap()
            .expect("a session cookie")
    }

    #[test]
    fn chunk_sizes_match_the_libraries() {
        assert_eq!(V4_CHUNK_SIZE, 3933);
        assert_eq!(V5_CHUNK_SIZE, 3936);
    }

    #[test]
    fn families_and_names() {
        assert_eq!(Family::of(V4), Family::NextAuth);
        assert_eq!(
            Family::of("__Secure-next-auth.session-token.3"),
            Family::NextAuth
        );
        assert_eq!(Family::of(V5S), Family::AuthJs);
        assert_eq!(Family::of("authjs.session-token.0"), Family::AuthJs);
        assert_eq!(Family::of("my-session"), Family::Custom);
        assert!(is_session_cookie_name("authjs.session-token.12", None));
        assert!(is_session_cookie_name(V4, None));
        assert!(!is_session_cookie_name("next-auth.session-token.x", None));
        assert!(!is_session_cookie_name("next-auth.csrf-token", None));
        assert!(is_session_cookie_name("sid.1", Some("sid")));
        assert!(!is_session_cookie_name(V4, Some("sid")));
        assert_eq!(base_name("a.b.10"), "a.b");
        assert_eq!(base_name("a.b."), "a.b.");
    }

    #[test]
    fn plain_cookie() {
        let s = find("next-auth.csrf-token=x; next-auth.session-token=tok");
        assert_eq!(
            (s.name.as_str(), s.value.as_str(), s.chunks),
            (V4, "tok", 1)
        );
        assert!(s.warnings.is_empty());
    }

    #[test]
    fn none_when_absent_or_empty() {
        let cookies = parse("a=1; next-auth.session-token=");
        assert_eq!(find_session_cookie(&cookies, None).unwrap(), None);
    }

    #[test]
    fn chunks_are_sorted_numerically_not_by_header_order() {
        let s = find(
            "authjs.session-token.10=K; authjs.session-token.2=C; authjs.session-token.0=A; \
             authjs.session-token.1=B; authjs.session-token.3=D; authjs.session-token.4=E; \
             authjs.session-token.5=F; authjs.session-token.6=G; authjs.session-token.7=H; \
             authjs.session-token.8=I; authjs.session-token.9=J",
        );
        assert_eq!(s.value, "ABCDEFGHIJK");
        assert_eq!(s.chunks, 11);
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    }

    #[test]
    fn gap_is_reported() {
        let s = find("a=1; next-auth.session-token.2=C; next-auth.session-token.0=A");
        assert_eq!(s.value, "AC");
        assert_eq!(s.warnings.len(), 1);
        assert!(s.warnings[0].contains(".0 and .2 of"), "{}", s.warnings[0]);
        assert!(s.warnings[0].contains(".1 missing"), "{}", s.warnings[0]);
    }

    #[test]
    fn set_not_starting_at_zero_and_huge_index() {
        let s = find("next-auth.session-token.1=B; next-auth.session-token.99999999=Z");
        assert_eq!(s.value, "BZ");
        let w = &s.warnings[0];
        assert!(w.starts_with("the chunk set does not start at .0"), "{w}");
        assert!(w.contains(".0 and .2–.99999998 missing"), "{w}");
    }

    #[test]
    fn stale_plain_cookie_beside_chunks() {
        let s = find(
            "next-auth.session-token=OLD; next-auth.session-token.1=B; \
             next-auth.session-token.0=A",
        );
        assert_eq!((s.value.as_str(), s.chunks), ("AB", 2));
        assert_eq!(s.warnings.len(), 1);
        assert!(s.warnings[0].contains("stale unchunked"));
        assert!(!s.warnings[0].contains("OLD"));
    }

    #[test]
    fn empty_chunk_is_skipped_with_a_note() {
        let s = find("authjs.session-token.0=A; authjs.session-token.1=; authjs.session-token.2=C");
        assert_eq!((s.value.as_str(), s.chunks), ("AC", 2));
        assert_eq!(
            s.warnings,
            ["`authjs.session-token.1` is empty and was skipped"]
        );
    }

    #[test]
    fn duplicate_indices_and_names_use_the_first() {
        let s = find(
            "authjs.session-token.0=A; authjs.session-token.1=B; authjs.session-token.01=X; \
             authjs.session-token.1=Y",
        );
        assert_eq!(s.value, "AB");
        assert_eq!(s.warnings.len(), 1);
        assert!(s.warnings[0].contains("chunk index 1 appears 3 times"));
        let s = find("authjs.session-token=first; authjs.session-token=second");
        assert_eq!(s.value, "first");
        assert!(s.warnings[0].contains("appears 2 times"));
    }

    #[test]
    fn lone_first_chunk_and_loose_names() {
        let s = find("next-auth.session-token.0=A; next-auth.session-token-old=Z");
        assert_eq!(s.value, "A");
        assert_eq!(s.warnings.len(), 2, "{:?}", s.warnings);
        assert!(s.warnings[0].contains("(`next-auth.session-token-old`)"));
        assert!(s.warnings[1].contains("only `next-auth.session-token.0`"));
    }

    #[test]
    fn too_many_chunks() {
        let cookies = chunk(V4, &"x".repeat(5 * V4_CHUNK_SIZE), V4_CHUNK_SIZE);
        let s = find_session_cookie(&cookies, None).unwrap().unwrap();
        assert_eq!(s.chunks, 5);
        assert!(s.warnings.iter().any(|w| w.starts_with("too many chunks")));
    }

    #[test]
    fn picks_by_priority_and_names_the_others() {
        let s = find(&format!(
            "next-auth.session-token=v4; {V5S}=v5s; authjs.session-token.0=a; authjs.session-token.1=b"
        ));
        assert_eq!((s.name.as_str(), s.value.as_str()), (V5S, "v5s"));
        assert_eq!(
            s.warnings[0],
            "several session cookies are present; using `__Secure-authjs.session-token` and \
             ignoring `authjs.session-token` and `next-auth.session-token`. The server reads \
             only the one its configuration names"
        );
    }

    #[test]
    fn secure_variant_does_not_swallow_the_plain_one() {
        let s = find("__Secure-next-auth.session-token=s");
        assert_eq!(s.name, "__Secure-next-auth.session-token");
        assert!(s.warnings.is_empty());
    }

    #[test]
    fn wanted_name_only() {
        let cookies = parse("next-auth.session-token=v4; my-app.sid.0=A; my-app.sid.1=B");
        let s = find_session_cookie(&cookies, Some("my-app.sid"))
            .unwrap()
            .unwrap();
        assert_eq!((s.name.as_str(), s.value.as_str()), ("my-app.sid", "AB"));
        assert_eq!(find_session_cookie(&cookies, Some("other")).unwrap(), None);
        assert!(matches!(
            find_session_cookie(&cookies, Some("my-app.sid.0")),
            Err(SessionCookieError::ChunkName { .. })
        ));
        assert!(matches!(
            find_session_cookie(&cookies, Some("a b")),
            Err(SessionCookieError::InvalidName { .. })
        ));
    }

    #[test]
    fn chunk_keeps_plain_name_when_it_fits() {
        let v = "a".repeat(V5_CHUNK_SIZE);
        let c = chunk(V5S, &v, V5_CHUNK_SIZE);
        assert_eq!(c, [Cookie::new(V5S, v)]);
        assert!(chunk(V5S, "", V5_CHUNK_SIZE).is_empty());
    }

    #[test]
    fn chunk_splits_like_substr() {
        let v: String = (0..V4_CHUNK_SIZE * 2 + 1)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        let c = chunk(V4, &v, V4_CHUNK_SIZE);
        let names: Vec<&str> = c.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [format!("{V4}.0"), format!("{V4}.1"), format!("{V4}.2")]
        );
        assert_eq!(c[0].value, v[..V4_CHUNK_SIZE]);
        assert_eq!(c[1].value, v[V4_CHUNK_SIZE..2 * V4_CHUNK_SIZE]);
        assert_eq!(c[2].value, v[2 * V4_CHUNK_SIZE..]);
    }

    #[test]
    fn chunk_counts_utf16_units_and_keeps_characters_whole() {
        // "é" is one UTF-16 unit (two bytes); "😀" is two units.
        assert_eq!(chunk("n", "éé", 2).len(), 1);
        let c = chunk("n", "a😀b", 2);
        let values: Vec<&str> = c.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(values, ["a", "😀", "b"]);
    }

    proptest! {
        #[test]
        fn find_never_panics(s in any::<String>(), wanted in proptest::option::of(any::<String>())) {
            let _ = find_session_cookie(&parse(&s), wanted.as_deref());
        }

        #[test]
        fn find_never_panics_on_chunk_like_headers(
            parts in prop::collection::vec(("(\\.[0-9]{0,25})?", "[a-z]{0,3}"), 0..8)
        ) {
            let header: Vec<String> =
                parts.iter().map(|(s, v)| format!("authjs.session-token{s}={v}")).collect();
            let _ = find_session_cookie(&parse(&header.join("; ")), None);
        }

        #[test]
        fn chunk_round_trips(value in "[A-Za-z0-9._-]{0,300}", size in 2usize..64) {
            let cookies = chunk("authjs.session-token", &value, size);
            let found = find_session_cookie(&cookies, None).unwrap();
            match found {
                None => prop_assert!(value.is_empty()),
                Some(s) => {
                    prop_assert_eq!(s.value, value);
                    prop_assert_eq!(s.chunks, cookies.len());
                    prop_assert!(s.warnings.is_empty());
                }
            }
        }
    }
}
