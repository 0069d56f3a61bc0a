# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_nextauth_inspect_global_optspecs
    string join \n color= h/help V/version
end

function __fish_nextauth_inspect_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_nextauth_inspect_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_nextauth_inspect_using_subcommand
    set -l cmd (__fish_nextauth_inspect_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c nextauth-inspect -n "__fish_nextauth_inspect_needs_command" -l color -d 'When to color human output (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Color only when stdout is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c nextauth-inspect -n "__fish_nextauth_inspect_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_needs_command" -s V -l version -d 'Print version'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_needs_command" -f -a "token" -d 'Open, verify and explain a session token (v3 JWS, v4 JWE, Auth.js v5 JWE)'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_needs_command" -f -a "session" -d 'Ask a running site\'s /api/auth/session what it thinks of a session, and explain a null'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_needs_command" -f -a "login" -d 'Sign in through a Credentials provider like the browser client does, leave a curl-compatible cookie jar, and report the session as `session` does'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_needs_command" -f -a "mint" -d 'Mint a session token the app accepts, to seed e2e tests (Playwright, Cypress, curl) without a sign-in flow'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l input -d 'With --batch: read the tokens from FILE instead of stdin' -r -F
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l cookie -d 'A Cookie header as copied from devtools; the session cookie is found among the others and its chunks reassembled' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l cookie-jar -d 'A Netscape/curl cookie jar to read the session cookie from' -r -F
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l url -d 'With --cookie-jar: the site whose session cookie to read (URL)' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l domain -d 'With --cookie-jar: the domain whose session cookie to read' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l secret -d 'A secret to try (repeatable, for rotation). Visible to other users in the process list: prefer --secret-file, --secret-stdin or the environment. Without any secret flag, NEXTAUTH_SECRET, AUTH_SECRET and AUTH_SECRET_1..3 are read, as the libraries do' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l secret-file -d 'A file with one secret per line (repeatable)' -r -F
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l cookie-name -d 'The session cookie name the app uses (also the Auth.js v5 salt)' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l salt -d 'The key-derivation salt (Auth.js v5 `salt`, next-auth 4.24 `salt`); defaults to the cookie name' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l format -d 'Which library\'s format to expect' -r -f -a "auto\t'Decide from the token\'s header'
v3\t'next-auth 3 (JWS HS512, or JWE with `encryption: true`)'
v4\t'next-auth 4'
v5\t'Auth.js v5 / @auth/core (including the older betas)'"
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l leeway -d 'Clock tolerance for exp/nbf in seconds [default: 15; 0 for v3, as the libraries]' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l max-age -d 'next-auth v3\'s maximum token age (e.g. 3600, 90m, 12h, 30d)' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l now -d 'The clock to judge against: Unix seconds or RFC 3339 [default: now]' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l color -d 'When to color human output (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Color only when stdout is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l batch -d 'Read one token (or `Bearer …` value) per line and write one JSON report per line, in input order (`--json` is implied); a summary goes to stderr. Exit code: 0 when every token is valid, else that of the most severe status seen'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l secret-stdin -d 'Read secrets, one per line, from standard input'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l json -d 'Print one JSON document on stdout instead of the human report'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -s q -l quiet -d 'Print nothing; only the exit code tells'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -l url -d 'The site: its origin, optionally with a path prefix (`https://app.example.com`, `http://127.0.0.1:3000/app`), or the full endpoint URL ending in `/session`' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -l base-path -d 'The NextAuth/Auth.js API path, appended to --url before `/session`' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -l cookie-jar -d 'A Netscape/curl cookie jar; the cookies a browser would send to the URL are sent (host/domain, path, Secure and expiry rules). Read-only unless --update-jar' -r -F
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -l cookie -d 'A Cookie header to send (combinable with --cookie-jar; its cookies win over jar cookies of the same name)' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -l save-jar -d 'Write the jar with the response\'s Set-Cookie changes applied to FILE instead' -r -F
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -l timeout -d 'Connect and read timeout in seconds, per request' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -s H -l header -d 'An extra request header, `Name: value` (repeatable), sent with every request; values are never printed' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -l retry -d 'Retry this many times on connection errors and HTTP 5xx (for a deploy coming up). `login` retries its first request and the session check, never the credentials POST' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -l retry-delay -d 'Seconds to wait between retries' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -l secret -d 'A secret to try (repeatable, for rotation). Visible to other users in the process list: prefer --secret-file, --secret-stdin or the environment. Without any secret flag, NEXTAUTH_SECRET, AUTH_SECRET and AUTH_SECRET_1..3 are read, as the libraries do' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -l secret-file -d 'A file with one secret per line (repeatable)' -r -F
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -l cookie-name -d 'The session cookie name the app uses (also the Auth.js v5 salt)' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -l salt -d 'The key-derivation salt (Auth.js v5 `salt`, next-auth 4.24 `salt`); defaults to the cookie name' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -l now -d 'The clock to judge cookie and session expiry against: Unix seconds or RFC 3339 [default: now]' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -l expect-user -d 'Fail with exit 5 unless the session\'s `user.email` is EMAIL (compared case-insensitively)' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -l min-ttl -d 'Fail with exit 4 when the session expires in less than DURATION (e.g. 3600, 90m, 12h, 7d); a session without a readable `expires` fails too' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -l color -d 'When to color human output (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Color only when stdout is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -l update-jar -d 'Write the response\'s Set-Cookie changes back into --cookie-jar (atomic, mode 0600, other lines kept)'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -l insecure -d 'Accept invalid TLS certificates (self-signed, wrong host). Development only: a warning is printed every time'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -l secret-stdin -d 'Read secrets, one per line, from standard input'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -l nagios -d 'Print one Nagios/Icinga plugin line (`NEXTAUTH SESSION OK - …|ttl=…s`) and exit 0 OK, 1 WARNING (expires sooner than --min-ttl), 2 CRITICAL (null, expired, wrong user, sign-in rejected), 3 UNKNOWN (usage, network or server failure)'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -l json -d 'Print one JSON document on stdout instead of the human report'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -s q -l quiet -d 'Print nothing; only the exit code tells'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand session" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand login" -l url -d 'The site: its origin, optionally with a path prefix (`http://127.0.0.1:3000`, `https://example.com/app`). It is also the `callbackUrl` sent' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand login" -l base-path -d 'The NextAuth/Auth.js API path, appended to --url before `/csrf`, `/providers`, `/callback/<provider>` and `/session`' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand login" -l provider -d 'The Credentials provider\'s id (see `<base>/providers`)' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand login" -s f -l field -d 'A form field for the provider, `NAME=VALUE` (repeatable). VALUE `@PATH` reads a file (one trailing newline dropped), `env:VAR` reads the environment; values are never printed' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand login" -l cookie-jar -d 'Write the cookies of the whole flow to this Netscape/curl jar (atomic, mode 0600). An existing jar is read first and its other cookies kept. Written only when the sign-in was accepted' -r -F
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand login" -l timeout -d 'Connect and read timeout in seconds, per request' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand login" -s H -l header -d 'An extra request header, `Name: value` (repeatable), sent with every request; values are never printed' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand login" -l retry -d 'Retry this many times on connection errors and HTTP 5xx (for a deploy coming up). `login` retries its first request and the session check, never the credentials POST' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand login" -l retry-delay -d 'Seconds to wait between retries' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand login" -l secret -d 'A secret to try (repeatable, for rotation). Visible to other users in the process list: prefer --secret-file, --secret-stdin or the environment. Without any secret flag, NEXTAUTH_SECRET, AUTH_SECRET and AUTH_SECRET_1..3 are read, as the libraries do' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand login" -l secret-file -d 'A file with one secret per line (repeatable)' -r -F
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand login" -l cookie-name -d 'The session cookie name the app uses (also the Auth.js v5 salt)' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand login" -l salt -d 'The key-derivation salt (Auth.js v5 `salt`, next-auth 4.24 `salt`); defaults to the cookie name' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand login" -l now -d 'The clock for cookie and session expiry: Unix seconds or RFC 3339 [default: now]' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand login" -l expect-user -d 'Fail with exit 5 unless the session\'s `user.email` is EMAIL (compared case-insensitively)' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand login" -l min-ttl -d 'Fail with exit 4 when the session expires in less than DURATION (e.g. 3600, 90m, 12h, 7d); a session without a readable `expires` fails too' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand login" -l color -d 'When to color human output (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Color only when stdout is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand login" -l insecure -d 'Accept invalid TLS certificates (self-signed, wrong host). Development only: a warning is printed every time'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand login" -l secret-stdin -d 'Read secrets, one per line, from standard input'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand login" -l nagios -d 'Print one Nagios/Icinga plugin line (`NEXTAUTH SESSION OK - …|ttl=…s`) and exit 0 OK, 1 WARNING (expires sooner than --min-ttl), 2 CRITICAL (null, expired, wrong user, sign-in rejected), 3 UNKNOWN (usage, network or server failure)'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand login" -l json -d 'Print one JSON document on stdout instead of the human report'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand login" -s q -l quiet -d 'Print nothing; only the exit code tells'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand mint" -l format -d 'Which library\'s token to produce (`v3-encrypted` = next-auth 3 with `jwt.encryption: true`)' -r -f -a "v3\t'next-auth 3: JWS HS512 (`jwt.encode` defaults)'
v3-encrypted\t'next-auth 3 with `encryption: true`: the JWS, DEFLATEd, in a JWE dir/A256GCM'
v4\t'next-auth 4: JWE dir/A256GCM'
v5\t'Auth.js v5 / @auth/core: JWE dir/A256CBC-HS512 with a `kid`, salted with the cookie name'"
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand mint" -l claims -d 'The token\'s claims: a JSON object, `@FILE`, or `-` for stdin [default: {}]. `iat`, `exp` (and `jti` for v4/v5) are set as the library\'s encode sets them' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand mint" -l max-age -d 'Lifetime: exp = now + this (e.g. 3600, 90m, 12h, 30d; the libraries\' default 30d)' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand mint" -l secret -d 'A secret to try (repeatable, for rotation). Visible to other users in the process list: prefer --secret-file, --secret-stdin or the environment. Without any secret flag, NEXTAUTH_SECRET, AUTH_SECRET and AUTH_SECRET_1..3 are read, as the libraries do' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand mint" -l secret-file -d 'A file with one secret per line (repeatable)' -r -F
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand mint" -l cookie-name -d 'The session cookie name the app uses (also the Auth.js v5 salt)' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand mint" -l salt -d 'The key-derivation salt (Auth.js v5 `salt`, next-auth 4.24 `salt`); defaults to the cookie name' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand mint" -l now -d 'The clock for iat/exp: Unix seconds or RFC 3339 [default: now]' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand mint" -l as -d 'What to print on stdout [default: token; nothing with --cookie-jar]' -r -f -a "token\t'The token alone, on one line'
cookie\t'A Cookie header value (`name=value`, or `name.0=…; name.1=…` when the libraries would chunk it)'
json\t'One JSON document: token, format, cookie name, salt, cookies, iat, exp, claims'"
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand mint" -l cookie-jar -d 'Add the session cookie(s) for --url to this Netscape/curl jar, replacing the old session cookie and its chunks for that site; other lines stay as they are. Created when missing; written atomically with mode 0600' -r -F
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand mint" -l url -d 'With --cookie-jar: the site the cookie is for (e.g. http://localhost:3000)' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand mint" -l color -d 'When to color human output (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Color only when stdout is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand mint" -l secret-stdin -d 'Read secrets, one per line, from standard input'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand mint" -l secure -d 'Use the `__Secure-` session cookie name (the app\'s name when it runs on https), which is also the v5 salt'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand mint" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand completions" -l color -d 'When to color human output (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Color only when stdout is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand help; and not __fish_seen_subcommand_from token session login mint completions help" -f -a "token" -d 'Open, verify and explain a session token (v3 JWS, v4 JWE, Auth.js v5 JWE)'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand help; and not __fish_seen_subcommand_from token session login mint completions help" -f -a "session" -d 'Ask a running site\'s /api/auth/session what it thinks of a session, and explain a null'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand help; and not __fish_seen_subcommand_from token session login mint completions help" -f -a "login" -d 'Sign in through a Credentials provider like the browser client does, leave a curl-compatible cookie jar, and report the session as `session` does'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand help; and not __fish_seen_subcommand_from token session login mint completions help" -f -a "mint" -d 'Mint a session token the app accepts, to seed e2e tests (Playwright, Cypress, curl) without a sign-in flow'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand help; and not __fish_seen_subcommand_from token session login mint completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand help; and not __fish_seen_subcommand_from token session login mint completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
