#!/bin/sh
# apiKeyHelper for Claude Code: any value works, the gateway replaces it with the real key.
echo "x"
