#!/bin/sh
# Claude Code's apiKeyHelper: prints this developer's personal gateway key (never the Anthropic key, which only
# the gateway holds). Keep the key in a file only you can read:
#   install -m 600 /dev/null ~/.claude/gateway_key && printf '%s' 'YOUR-PERSONAL-KEY' > ~/.claude/gateway_key
exec cat "$HOME/.claude/gateway_key"
