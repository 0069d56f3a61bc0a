
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'nextauth-inspect' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'nextauth-inspect'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'nextauth-inspect' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color human output (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Open, verify and explain a session token (v3 JWS, v4 JWE, Auth.js v5 JWE)')
            [CompletionResult]::new('session', 'session', [CompletionResultType]::ParameterValue, 'Ask a running site''s /api/auth/session what it thinks of a session, and explain a null')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Sign in through a Credentials provider like the browser client does, leave a curl-compatible cookie jar, and report the session as `session` does')
            [CompletionResult]::new('mint', 'mint', [CompletionResultType]::ParameterValue, 'Mint a session token the app accepts, to seed e2e tests (Playwright, Cypress, curl) without a sign-in flow')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'nextauth-inspect;token' {
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'With --batch: read the tokens from FILE instead of stdin')
            [CompletionResult]::new('--cookie', '--cookie', [CompletionResultType]::ParameterName, 'A Cookie header as copied from devtools; the session cookie is found among the others and its chunks reassembled')
            [CompletionResult]::new('--cookie-jar', '--cookie-jar', [CompletionResultType]::ParameterName, 'A Netscape/curl cookie jar to read the session cookie from')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'With --cookie-jar: the site whose session cookie to read (URL)')
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'With --cookie-jar: the domain whose session cookie to read')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'A secret to try (repeatable, for rotation). Visible to other users in the process list: prefer --secret-file, --secret-stdin or the environment. Without any secret flag, NEXTAUTH_SECRET, AUTH_SECRET and AUTH_SECRET_1..3 are read, as the libraries do')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'A file with one secret per line (repeatable)')
            [CompletionResult]::new('--cookie-name', '--cookie-name', [CompletionResultType]::ParameterName, 'The session cookie name the app uses (also the Auth.js v5 salt)')
            [CompletionResult]::new('--salt', '--salt', [CompletionResultType]::ParameterName, 'The key-derivation salt (Auth.js v5 `salt`, next-auth 4.24 `salt`); defaults to the cookie name')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Which library''s format to expect')
            [CompletionResult]::new('--leeway', '--leeway', [CompletionResultType]::ParameterName, 'Clock tolerance for exp/nbf in seconds [default: 15; 0 for v3, as the libraries]')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'next-auth v3''s maximum token age (e.g. 3600, 90m, 12h, 30d)')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'The clock to judge against: Unix seconds or RFC 3339 [default: now]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color human output (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Read one token (or `Bearer …` value) per line and write one JSON report per line, in input order (`--json` is implied); a summary goes to stderr. Exit code: 0 when every token is valid, else that of the most severe status seen')
            [CompletionResult]::new('--secret-stdin', '--secret-stdin', [CompletionResultType]::ParameterName, 'Read secrets, one per line, from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of the human report')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing; only the exit code tells')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing; only the exit code tells')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nextauth-inspect;session' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The site: its origin, optionally with a path prefix (`https://app.example.com`, `http://127.0.0.1:3000/app`), or the full endpoint URL ending in `/session`')
            [CompletionResult]::new('--base-path', '--base-path', [CompletionResultType]::ParameterName, 'The NextAuth/Auth.js API path, appended to --url before `/session`')
            [CompletionResult]::new('--cookie-jar', '--cookie-jar', [CompletionResultType]::ParameterName, 'A Netscape/curl cookie jar; the cookies a browser would send to the URL are sent (host/domain, path, Secure and expiry rules). Read-only unless --update-jar')
            [CompletionResult]::new('--cookie', '--cookie', [CompletionResultType]::ParameterName, 'A Cookie header to send (combinable with --cookie-jar; its cookies win over jar cookies of the same name)')
            [CompletionResult]::new('--save-jar', '--save-jar', [CompletionResultType]::ParameterName, 'Write the jar with the response''s Set-Cookie changes applied to FILE instead')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Connect and read timeout in seconds, per request')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'An extra request header, `Name: value` (repeatable), sent with every request; values are never printed')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'An extra request header, `Name: value` (repeatable), sent with every request; values are never printed')
            [CompletionResult]::new('--retry', '--retry', [CompletionResultType]::ParameterName, 'Retry this many times on connection errors and HTTP 5xx (for a deploy coming up). `login` retries its first request and the session check, never the credentials POST')
            [CompletionResult]::new('--retry-delay', '--retry-delay', [CompletionResultType]::ParameterName, 'Seconds to wait between retries')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'A secret to try (repeatable, for rotation). Visible to other users in the process list: prefer --secret-file, --secret-stdin or the environment. Without any secret flag, NEXTAUTH_SECRET, AUTH_SECRET and AUTH_SECRET_1..3 are read, as the libraries do')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'A file with one secret per line (repeatable)')
            [CompletionResult]::new('--cookie-name', '--cookie-name', [CompletionResultType]::ParameterName, 'The session cookie name the app uses (also the Auth.js v5 salt)')
            [CompletionResult]::new('--salt', '--salt', [CompletionResultType]::ParameterName, 'The key-derivation salt (Auth.js v5 `salt`, next-auth 4.24 `salt`); defaults to the cookie name')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'The clock to judge cookie and session expiry against: Unix seconds or RFC 3339 [default: now]')
            [CompletionResult]::new('--expect-user', '--expect-user', [CompletionResultType]::ParameterName, 'Fail with exit 5 unless the session''s `user.email` is EMAIL (compared case-insensitively)')
            [CompletionResult]::new('--min-ttl', '--min-ttl', [CompletionResultType]::ParameterName, 'Fail with exit 4 when the session expires in less than DURATION (e.g. 3600, 90m, 12h, 7d); a session without a readable `expires` fails too')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color human output (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--update-jar', '--update-jar', [CompletionResultType]::ParameterName, 'Write the response''s Set-Cookie changes back into --cookie-jar (atomic, mode 0600, other lines kept)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Accept invalid TLS certificates (self-signed, wrong host). Development only: a warning is printed every time')
            [CompletionResult]::new('--secret-stdin', '--secret-stdin', [CompletionResultType]::ParameterName, 'Read secrets, one per line, from standard input')
            [CompletionResult]::new('--nagios', '--nagios', [CompletionResultType]::ParameterName, 'Print one Nagios/Icinga plugin line (`NEXTAUTH SESSION OK - …|ttl=…s`) and exit 0 OK, 1 WARNING (expires sooner than --min-ttl), 2 CRITICAL (null, expired, wrong user, sign-in rejected), 3 UNKNOWN (usage, network or server failure)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of the human report')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing; only the exit code tells')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing; only the exit code tells')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nextauth-inspect;login' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'The site: its origin, optionally with a path prefix (`http://127.0.0.1:3000`, `https://example.com/app`). It is also the `callbackUrl` sent')
            [CompletionResult]::new('--base-path', '--base-path', [CompletionResultType]::ParameterName, 'The NextAuth/Auth.js API path, appended to --url before `/csrf`, `/providers`, `/callback/<provider>` and `/session`')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'The Credentials provider''s id (see `<base>/providers`)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'A form field for the provider, `NAME=VALUE` (repeatable). VALUE `@PATH` reads a file (one trailing newline dropped), `env:VAR` reads the environment; values are never printed')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'A form field for the provider, `NAME=VALUE` (repeatable). VALUE `@PATH` reads a file (one trailing newline dropped), `env:VAR` reads the environment; values are never printed')
            [CompletionResult]::new('--cookie-jar', '--cookie-jar', [CompletionResultType]::ParameterName, 'Write the cookies of the whole flow to this Netscape/curl jar (atomic, mode 0600). An existing jar is read first and its other cookies kept. Written only when the sign-in was accepted')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Connect and read timeout in seconds, per request')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'An extra request header, `Name: value` (repeatable), sent with every request; values are never printed')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'An extra request header, `Name: value` (repeatable), sent with every request; values are never printed')
            [CompletionResult]::new('--retry', '--retry', [CompletionResultType]::ParameterName, 'Retry this many times on connection errors and HTTP 5xx (for a deploy coming up). `login` retries its first request and the session check, never the credentials POST')
            [CompletionResult]::new('--retry-delay', '--retry-delay', [CompletionResultType]::ParameterName, 'Seconds to wait between retries')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'A secret to try (repeatable, for rotation). Visible to other users in the process list: prefer --secret-file, --secret-stdin or the environment. Without any secret flag, NEXTAUTH_SECRET, AUTH_SECRET and AUTH_SECRET_1..3 are read, as the libraries do')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'A file with one secret per line (repeatable)')
            [CompletionResult]::new('--cookie-name', '--cookie-name', [CompletionResultType]::ParameterName, 'The session cookie name the app uses (also the Auth.js v5 salt)')
            [CompletionResult]::new('--salt', '--salt', [CompletionResultType]::ParameterName, 'The key-derivation salt (Auth.js v5 `salt`, next-auth 4.24 `salt`); defaults to the cookie name')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'The clock for cookie and session expiry: Unix seconds or RFC 3339 [default: now]')
            [CompletionResult]::new('--expect-user', '--expect-user', [CompletionResultType]::ParameterName, 'Fail with exit 5 unless the session''s `user.email` is EMAIL (compared case-insensitively)')
            [CompletionResult]::new('--min-ttl', '--min-ttl', [CompletionResultType]::ParameterName, 'Fail with exit 4 when the session expires in less than DURATION (e.g. 3600, 90m, 12h, 7d); a session without a readable `expires` fails too')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color human output (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Accept invalid TLS certificates (self-signed, wrong host). Development only: a warning is printed every time')
            [CompletionResult]::new('--secret-stdin', '--secret-stdin', [CompletionResultType]::ParameterName, 'Read secrets, one per line, from standard input')
            [CompletionResult]::new('--nagios', '--nagios', [CompletionResultType]::ParameterName, 'Print one Nagios/Icinga plugin line (`NEXTAUTH SESSION OK - …|ttl=…s`) and exit 0 OK, 1 WARNING (expires sooner than --min-ttl), 2 CRITICAL (null, expired, wrong user, sign-in rejected), 3 UNKNOWN (usage, network or server failure)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of the human report')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing; only the exit code tells')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing; only the exit code tells')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nextauth-inspect;mint' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Which library''s token to produce (`v3-encrypted` = next-auth 3 with `jwt.encryption: true`)')
            [CompletionResult]::new('--claims', '--claims', [CompletionResultType]::ParameterName, 'The token''s claims: a JSON object, `@FILE`, or `-` for stdin [default: {}]. `iat`, `exp` (and `jti` for v4/v5) are set as the library''s encode sets them')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'Lifetime: exp = now + this (e.g. 3600, 90m, 12h, 30d; the libraries'' default 30d)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'A secret to try (repeatable, for rotation). Visible to other users in the process list: prefer --secret-file, --secret-stdin or the environment. Without any secret flag, NEXTAUTH_SECRET, AUTH_SECRET and AUTH_SECRET_1..3 are read, as the libraries do')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'A file with one secret per line (repeatable)')
            [CompletionResult]::new('--cookie-name', '--cookie-name', [CompletionResultType]::ParameterName, 'The session cookie name the app uses (also the Auth.js v5 salt)')
            [CompletionResult]::new('--salt', '--salt', [CompletionResultType]::ParameterName, 'The key-derivation salt (Auth.js v5 `salt`, next-auth 4.24 `salt`); defaults to the cookie name')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'The clock for iat/exp: Unix seconds or RFC 3339 [default: now]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'What to print on stdout [default: token; nothing with --cookie-jar]')
            [CompletionResult]::new('--cookie-jar', '--cookie-jar', [CompletionResultType]::ParameterName, 'Add the session cookie(s) for --url to this Netscape/curl jar, replacing the old session cookie and its chunks for that site; other lines stay as they are. Created when missing; written atomically with mode 0600')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'With --cookie-jar: the site the cookie is for (e.g. http://localhost:3000)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color human output (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--secret-stdin', '--secret-stdin', [CompletionResultType]::ParameterName, 'Read secrets, one per line, from standard input')
            [CompletionResult]::new('--secure', '--secure', [CompletionResultType]::ParameterName, 'Use the `__Secure-` session cookie name (the app''s name when it runs on https), which is also the v5 salt')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nextauth-inspect;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to color human output (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'nextauth-inspect;help' {
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Open, verify and explain a session token (v3 JWS, v4 JWE, Auth.js v5 JWE)')
            [CompletionResult]::new('session', 'session', [CompletionResultType]::ParameterValue, 'Ask a running site''s /api/auth/session what it thinks of a session, and explain a null')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Sign in through a Credentials provider like the browser client does, leave a curl-compatible cookie jar, and report the session as `session` does')
            [CompletionResult]::new('mint', 'mint', [CompletionResultType]::ParameterValue, 'Mint a session token the app accepts, to seed e2e tests (Playwright, Cypress, curl) without a sign-in flow')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'nextauth-inspect;help;token' {
            break
        }
        'nextauth-inspect;help;session' {
            break
        }
        'nextauth-inspect;help;login' {
            break
        }
        'nextauth-inspect;help;mint' {
            break
        }
        'nextauth-inspect;help;completions' {
            break
        }
        'nextauth-inspect;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
