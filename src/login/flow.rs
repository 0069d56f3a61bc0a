//! The HTTP side of `login`: requests that carry the jar's cookies the way a browser would,
//! and store every Set-Cookie of the answers in the jar under the browser's rules. No
//! redirect is followed, so no cookie ever goes to another origin.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, CONTENT_TYPE, COOKIE};
use url::Url;

use crate::cookies::jar::{ChangeKind, Jar};
use crate::session::probe::{self, Retry, TransportError};
use crate::session::Answer;

/// The client, the jar and what happened to the cookies so far.
pub struct Flow {
    client: reqwest::blocking::Client,
    headers: HeaderMap,
    /// `-H 'Cookie: …'` values, sent before the jar's cookies.
    extra_cookies: Vec<String>,
    pub jar: Jar,
    now: i64,
    /// Names of cookies the server set (added or updated), in order, once each.
    pub cookies_set: Vec<String>,
    /// Cookies a browser would not have kept: name and why.
    pub cookies_rejected: Vec<(String, String)>,
}

/// How to build a [`Flow`].
pub struct Setup {
    pub timeout: std::time::Duration,
    pub insecure: bool,
    /// `-H` headers other than Cookie.
    pub headers: Vec<(HeaderName, HeaderValue)>,
    pub extra_cookies: Vec<String>,
    pub jar: Jar,
    pub now: i64,
}

impl Flow {
    pub fn new(setup: Setup) -> anyhow::Result<Flow> {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        for (name, value) in setup.headers {
            headers.append(name, value);
        }
        Ok(Flow {
            client: probe::client(setup.timeout, setup.insecure)?,
            headers,
            extra_cookies: setup.extra_cookies,
            jar: setup.jar,
            now: setup.now,
            cookies_set: Vec::new(),
            cookies_rejected: Vec::new(),
        })
    }

    /// The client of the flow, for the session check that ends it.
    pub fn client(&self) -> &reqwest::blocking::Client {
        &self.client
    }

    /// GET `url`.
    pub fn get(&mut self, url: &Url) -> Result<probe::Response, TransportError> {
        self.get_retrying(url, Retry::default()).0
    }

    /// GET `url`, again after connection errors and 5xx answers as `retry` allows; the
    /// cookies of every answer are stored. Also returns how many attempts were made.
    pub fn get_retrying(
        &mut self,
        url: &Url,
        retry: Retry,
    ) -> (Result<probe::Response, TransportError>, u32) {
        let (answer, attempts) = retry.run(|| {
            let request = self.client.get(url.clone());
            self.send(url, request)
        });
        (answer.into_result(), attempts)
    }

    /// POST a form-encoded `body` to `url` with extra `headers`.
    pub fn post_form(
        &mut self,
        url: &Url,
        body: String,
        headers: &[(&'static str, &'static str)],
    ) -> Result<probe::Response, TransportError> {
        let mut request = self
            .client
            .post(url.clone())
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(url, request).into_result()
    }

    /// Sends `request` with the jar's cookies for `url` and stores what comes back.
    fn send(&mut self, url: &Url, request: reqwest::blocking::RequestBuilder) -> Answer {
        let mut headers = self.headers.clone();
        let mut cookies = self.extra_cookies.clone();
        let from_jar = self.jar.select(url, self.now).header();
        if !from_jar.is_empty() {
            cookies.push(from_jar);
        }
        if !cookies.is_empty() {
            let Ok(mut value) = HeaderValue::from_str(&cookies.join("; ")) else {
                return Answer::Failed(TransportError {
                    kind: probe::TransportKind::Other,
                    message: "the cookies contain characters a Cookie header cannot carry; \
                              check the jar and -H Cookie for control characters"
                        .into(),
                });
            };
            value.set_sensitive(true);
            headers.insert(COOKIE, value);
        }
        let answer = probe::send(request.headers(headers));
        if let Answer::Response(response) = &answer {
            self.store(url, &response.set_cookies);
        }
        answer
    }

    /// Stores Set-Cookie headers received for `url` as a browser would.
    pub fn store(&mut self, url: &Url, set_cookies: &[String]) {
        for header in set_cookies {
            let name = header
                .split_once('=')
                .map(|(n, _)| n.trim().to_string())
                .unwrap_or_default();
            match self.jar.apply_set_cookie(url, header, self.now) {
                Ok(change) => {
                    if matches!(change.kind, ChangeKind::Added | ChangeKind::Updated)
                        && !self.cookies_set.contains(&change.name)
                    {
                        self.cookies_set.push(change.name);
                    }
                }
                Err(e) => self.cookies_rejected.push((name, e.to_string())),
            }
        }
    }
}
