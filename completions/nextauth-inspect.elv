
use builtin;
use str;

set edit:completion:arg-completer[nextauth-inspect] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'nextauth-inspect'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'nextauth-inspect'= {
            cand --color 'When to color human output (NO_COLOR is honoured under `auto`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand token 'Open, verify and explain a session token (v3 JWS, v4 JWE, Auth.js v5 JWE)'
            cand session 'Ask a running site''s /api/auth/session what it thinks of a session, and explain a null'
            cand login 'Sign in through a Credentials provider like the browser client does, leave a curl-compatible cookie jar, and report the session as `session` does'
            cand mint 'Mint a session token the app accepts, to seed e2e tests (Playwright, Cypress, curl) without a sign-in flow'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'nextauth-inspect;token'= {
            cand --input 'With --batch: read the tokens from FILE instead of stdin'
            cand --cookie 'A Cookie header as copied from devtools; the session cookie is found among the others and its chunks reassembled'
            cand --cookie-jar 'A Netscape/curl cookie jar to read the session cookie from'
            cand --url 'With --cookie-jar: the site whose session cookie to read (URL)'
            cand --domain 'With --cookie-jar: the domain whose session cookie to read'
            cand --secret 'A secret to try (repeatable, for rotation). Visible to other users in the process list: prefer --secret-file, --secret-stdin or the environment. Without any secret flag, NEXTAUTH_SECRET, AUTH_SECRET and AUTH_SECRET_1..3 are read, as the libraries do'
            cand --secret-file 'A file with one secret per line (repeatable)'
            cand --cookie-name 'The session cookie name the app uses (also the Auth.js v5 salt)'
            cand --salt 'The key-derivation salt (Auth.js v5 `salt`, next-auth 4.24 `salt`); defaults to the cookie name'
            cand --format 'Which library''s format to expect'
            cand --leeway 'Clock tolerance for exp/nbf in seconds [default: 15; 0 for v3, as the libraries]'
            cand --max-age 'next-auth v3''s maximum token age (e.g. 3600, 90m, 12h, 30d)'
            cand --now 'The clock to judge against: Unix seconds or RFC 3339 [default: now]'
            cand --color 'When to color human output (NO_COLOR is honoured under `auto`)'
            cand --batch 'Read one token (or `Bearer …` value) per line and write one JSON report per line, in input order (`--json` is implied); a summary goes to stderr. Exit code: 0 when every token is valid, else that of the most severe status seen'
            cand --secret-stdin 'Read secrets, one per line, from standard input'
            cand --json 'Print one JSON document on stdout instead of the human report'
            cand -q 'Print nothing; only the exit code tells'
            cand --quiet 'Print nothing; only the exit code tells'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nextauth-inspect;session'= {
            cand --url 'The site: its origin, optionally with a path prefix (`https://app.example.com`, `http://127.0.0.1:3000/app`), or the full endpoint URL ending in `/session`'
            cand --base-path 'The NextAuth/Auth.js API path, appended to --url before `/session`'
            cand --cookie-jar 'A Netscape/curl cookie jar; the cookies a browser would send to the URL are sent (host/domain, path, Secure and expiry rules). Read-only unless --update-jar'
            cand --cookie 'A Cookie header to send (combinable with --cookie-jar; its cookies win over jar cookies of the same name)'
            cand --save-jar 'Write the jar with the response''s Set-Cookie changes applied to FILE instead'
            cand --timeout 'Connect and read timeout in seconds, per request'
            cand -H 'An extra request header, `Name: value` (repeatable), sent with every request; values are never printed'
            cand --header 'An extra request header, `Name: value` (repeatable), sent with every request; values are never printed'
            cand --retry 'Retry this many times on connection errors and HTTP 5xx (for a deploy coming up). `login` retries its first request and the session check, never the credentials POST'
            cand --retry-delay 'Seconds to wait between retries'
            cand --secret 'A secret to try (repeatable, for rotation). Visible to other users in the process list: prefer --secret-file, --secret-stdin or the environment. Without any secret flag, NEXTAUTH_SECRET, AUTH_SECRET and AUTH_SECRET_1..3 are read, as the libraries do'
            cand --secret-file 'A file with one secret per line (repeatable)'
            cand --cookie-name 'The session cookie name the app uses (also the Auth.js v5 salt)'
            cand --salt 'The key-derivation salt (Auth.js v5 `salt`, next-auth 4.24 `salt`); defaults to the cookie name'
            cand --now 'The clock to judge cookie and session expiry against: Unix seconds or RFC 3339 [default: now]'
            cand --expect-user 'Fail with exit 5 unless the session''s `user.email` is EMAIL (compared case-insensitively)'
            cand --min-ttl 'Fail with exit 4 when the session expires in less than DURATION (e.g. 3600, 90m, 12h, 7d); a session without a readable `expires` fails too'
            cand --color 'When to color human output (NO_COLOR is honoured under `auto`)'
            cand --update-jar 'Write the response''s Set-Cookie changes back into --cookie-jar (atomic, mode 0600, other lines kept)'
            cand --insecure 'Accept invalid TLS certificates (self-signed, wrong host). Development only: a warning is printed every time'
            cand --secret-stdin 'Read secrets, one per line, from standard input'
            cand --nagios 'Print one Nagios/Icinga plugin line (`NEXTAUTH SESSION OK - …|ttl=…s`) and exit 0 OK, 1 WARNING (expires sooner than --min-ttl), 2 CRITICAL (null, expired, wrong user, sign-in rejected), 3 UNKNOWN (usage, network or server failure)'
            cand --json 'Print one JSON document on stdout instead of the human report'
            cand -q 'Print nothing; only the exit code tells'
            cand --quiet 'Print nothing; only the exit code tells'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nextauth-inspect;login'= {
            cand --url 'The site: its origin, optionally with a path prefix (`http://127.0.0.1:3000`, `https://example.com/app`). It is also the `callbackUrl` sent'
            cand --base-path 'The NextAuth/Auth.js API path, appended to --url before `/csrf`, `/providers`, `/callback/<provider>` and `/session`'
            cand --provider 'The Credentials provider''s id (see `<base>/providers`)'
            cand -f 'A form field for the provider, `NAME=VALUE` (repeatable). VALUE `@PATH` reads a file (one trailing newline dropped), `env:VAR` reads the environment; values are never printed'
            cand --field 'A form field for the provider, `NAME=VALUE` (repeatable). VALUE `@PATH` reads a file (one trailing newline dropped), `env:VAR` reads the environment; values are never printed'
            cand --cookie-jar 'Write the cookies of the whole flow to this Netscape/curl jar (atomic, mode 0600). An existing jar is read first and its other cookies kept. Written only when the sign-in was accepted'
            cand --timeout 'Connect and read timeout in seconds, per request'
            cand -H 'An extra request header, `Name: value` (repeatable), sent with every request; values are never printed'
            cand --header 'An extra request header, `Name: value` (repeatable), sent with every request; values are never printed'
            cand --retry 'Retry this many times on connection errors and HTTP 5xx (for a deploy coming up). `login` retries its first request and the session check, never the credentials POST'
            cand --retry-delay 'Seconds to wait between retries'
            cand --secret 'A secret to try (repeatable, for rotation). Visible to other users in the process list: prefer --secret-file, --secret-stdin or the environment. Without any secret flag, NEXTAUTH_SECRET, AUTH_SECRET and AUTH_SECRET_1..3 are read, as the libraries do'
            cand --secret-file 'A file with one secret per line (repeatable)'
            cand --cookie-name 'The session cookie name the app uses (also the Auth.js v5 salt)'
            cand --salt 'The key-derivation salt (Auth.js v5 `salt`, next-auth 4.24 `salt`); defaults to the cookie name'
            cand --now 'The clock for cookie and session expiry: Unix seconds or RFC 3339 [default: now]'
            cand --expect-user 'Fail with exit 5 unless the session''s `user.email` is EMAIL (compared case-insensitively)'
            cand --min-ttl 'Fail with exit 4 when the session expires in less than DURATION (e.g. 3600, 90m, 12h, 7d); a session without a readable `expires` fails too'
            cand --color 'When to color human output (NO_COLOR is honoured under `auto`)'
            cand --insecure 'Accept invalid TLS certificates (self-signed, wrong host). Development only: a warning is printed every time'
            cand --secret-stdin 'Read secrets, one per line, from standard input'
            cand --nagios 'Print one Nagios/Icinga plugin line (`NEXTAUTH SESSION OK - …|ttl=…s`) and exit 0 OK, 1 WARNING (expires sooner than --min-ttl), 2 CRITICAL (null, expired, wrong user, sign-in rejected), 3 UNKNOWN (usage, network or server failure)'
            cand --json 'Print one JSON document on stdout instead of the human report'
            cand -q 'Print nothing; only the exit code tells'
            cand --quiet 'Print nothing; only the exit code tells'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nextauth-inspect;mint'= {
            cand --format 'Which library''s token to produce (`v3-encrypted` = next-auth 3 with `jwt.encryption: true`)'
            cand --claims 'The token''s claims: a JSON object, `@FILE`, or `-` for stdin [default: {}]. `iat`, `exp` (and `jti` for v4/v5) are set as the library''s encode sets them'
            cand --max-age 'Lifetime: exp = now + this (e.g. 3600, 90m, 12h, 30d; the libraries'' default 30d)'
            cand --secret 'A secret to try (repeatable, for rotation). Visible to other users in the process list: prefer --secret-file, --secret-stdin or the environment. Without any secret flag, NEXTAUTH_SECRET, AUTH_SECRET and AUTH_SECRET_1..3 are read, as the libraries do'
            cand --secret-file 'A file with one secret per line (repeatable)'
            cand --cookie-name 'The session cookie name the app uses (also the Auth.js v5 salt)'
            cand --salt 'The key-derivation salt (Auth.js v5 `salt`, next-auth 4.24 `salt`); defaults to the cookie name'
            cand --now 'The clock for iat/exp: Unix seconds or RFC 3339 [default: now]'
            cand --as 'What to print on stdout [default: token; nothing with --cookie-jar]'
            cand --cookie-jar 'Add the session cookie(s) for --url to this Netscape/curl jar, replacing the old session cookie and its chunks for that site; other lines stay as they are. Created when missing; written atomically with mode 0600'
            cand --url 'With --cookie-jar: the site the cookie is for (e.g. http://localhost:3000)'
            cand --color 'When to color human output (NO_COLOR is honoured under `auto`)'
            cand --secret-stdin 'Read secrets, one per line, from standard input'
            cand --secure 'Use the `__Secure-` session cookie name (the app''s name when it runs on https), which is also the v5 salt'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nextauth-inspect;completions'= {
            cand --color 'When to color human output (NO_COLOR is honoured under `auto`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'nextauth-inspect;help'= {
            cand token 'Open, verify and explain a session token (v3 JWS, v4 JWE, Auth.js v5 JWE)'
            cand session 'Ask a running site''s /api/auth/session what it thinks of a session, and explain a null'
            cand login 'Sign in through a Credentials provider like the browser client does, leave a curl-compatible cookie jar, and report the session as `session` does'
            cand mint 'Mint a session token the app accepts, to seed e2e tests (Playwright, Cypress, curl) without a sign-in flow'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'nextauth-inspect;help;token'= {
        }
        &'nextauth-inspect;help;session'= {
        }
        &'nextauth-inspect;help;login'= {
        }
        &'nextauth-inspect;help;mint'= {
        }
        &'nextauth-inspect;help;completions'= {
        }
        &'nextauth-inspect;help;help'= {
        }
    ]
    $completions[$command]
}
