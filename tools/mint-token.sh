#!/usr/bin/env bash
# Mints a development token (RS256 JWT) for trying writes locally against a server in dev mode
# (./mvnw quarkus:dev), which trusts tools/dev-keys. Never use these keys in production.
#   tools/mint-token.sh [role] [name] [hours]     role: editor (default) or admin
#   curl -H "Authorization: Bearer $(tools/mint-token.sh editor)" ...
set -euo pipefail
role=${1:-editor}
name=${2:-dev-$role@communique.example}
hours=${3:-12}
key="$(dirname "$0")/dev-keys/private.pem"
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"https://communique.example/dev","sub":"%s","upn":"%s","groups":["%s"],"iat":%d,"exp":%d}' \
  "$name" "$name" "$role" "$now" "$((now + hours * 3600))" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$key" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
