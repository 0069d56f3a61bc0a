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
complete -c nextauth-inspect -n "__fish_nextauth_inspect_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l cookie -d 'A Cookie header as copied from devtools; the session cookie is found among the others and its chunks reassembled' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l cookie-jar -d 'A Netscape/curl cookie jar to read the session cookie from' -r -F
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l url -d 'With --cookie-jar: the site whose session cookie to read (URL)' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l domain -d 'With --cookie-jar: the domain whose session cookie to read' -r
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l secret -d 'A secret to try (repeatable, for rotation). Visible to other users in the process list: prefer --secret-file, --secret-stdin or the environment' -r
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
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l secret-stdin -d 'Read secrets, one per line, from standard input'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -l json -d 'Print one JSON document on stdout instead of the human report'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -s q -l quiet -d 'Print nothing; only the exit code tells'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand completions" -l color -d 'When to color human output (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Color only when stdout is a terminal and NO_COLOR is unset'
always\t''
never\t''"
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand help; and not __fish_seen_subcommand_from token completions help" -f -a "token" -d 'Open, verify and explain a session token (v3 JWS, v4 JWE, Auth.js v5 JWE)'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand help; and not __fish_seen_subcommand_from token completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c nextauth-inspect -n "__fish_nextauth_inspect_using_subcommand help; and not __fish_seen_subcommand_from token completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
